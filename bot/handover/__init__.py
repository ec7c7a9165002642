"""A person when it matters: the questions workers leave for the informatiepunt team, with their
consent (`store`); getting staff replies to the worker once, on the web chat or WhatsApp
(`delivery`, `contact` for the encrypted number, `conversation_events` for Rasa's record); and
the weekly figures without ids (`figures`). The worker's side is in actions/ and bot/dialogue/;
the staff inbox in bot/staff/handover_views.py. No Rasa here.
"""
