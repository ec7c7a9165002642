"""The database, through SQLAlchemy 1.4 (2.0-style queries, `future=True`).

How the rest of the code uses it: `session.engine_from_url()` builds an engine from
DATABASE_URL (default: SQLite under var/), `session.session_scope(engine)` gives a session that
commits or rolls back, `queries` holds small functions that take a session first. The schema is
created only by Alembic migrations (migrations/), never at import or with create_all in the app.
"""
