"""Alembic environment: the URL comes from DATABASE_URL (bot.db.session), batch mode for SQLite."""
from alembic import context

from bot.db import (
    fact_models,  # noqa: F401
    handover_models,  # noqa: F401
    models,  # noqa: F401 - registers the tables on the metadata
    staff_models,  # noqa: F401
    usage_models,  # noqa: F401 - registers usage_counts
)
from bot.db.base import metadata
from bot.db.session import database_url, engine_from_url

config = context.config
url = config.attributes.get("url") or database_url()


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=metadata, render_as_batch=True,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_url(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
