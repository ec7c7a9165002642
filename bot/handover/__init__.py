"""A person when it matters: the questions workers leave for the informatiepunt team, with their
consent (`store`), and who may see them (`queues`). The worker's side is in actions/ and
bot/dialogue/; the staff inbox in bot/staff/handover_views.py; delivery of replies to the web
chat in bot/web/app.py. No Rasa here.
"""
