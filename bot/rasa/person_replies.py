"""Staff replies delivered on WhatsApp, written into the Rasa conversation as bot messages with
`metadata.from_person`, as Rasa's own POST /conversations/<id>/tracker/events does: under the
conversation's lock, so later turns and the retention purge see them."""
from __future__ import annotations

from rasa.shared.core.events import BotUttered


def recorder(app):
    """A `record(conversation, texts)` for bot.handover.delivery, on this Rasa server."""
    async def record(conversation: str, texts: list[str]) -> None:
        agent = app.ctx.agent
        async with agent.lock_store.lock(conversation):
            tracker = await agent.processor.get_tracker(conversation)
            for text in texts:
                tracker.update(BotUttered(text, metadata={"from_person": True}))
            await agent.tracker_store.save(tracker)
    return record
