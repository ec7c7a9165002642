"""Shared test set-up: an embedded SQLite database migrated with Alembic and loaded with the
region data, used by every test and by the servers the end-to-end tests start."""
import os
from pathlib import Path

import pytest

SCALE_TESTS = Path(__file__).parent / "scale"


def pytest_collection_modifyitems(items):
    """Under pytest-xdist (`make test` runs two workers), a test file runs on one worker, in its
    order, and the scale-out tests all on the same one: they share Redis, which they flush."""
    for item in items:
        path = Path(str(item.fspath))
        group = "services" if SCALE_TESTS in path.parents else str(path)
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session", autouse=True)
def regions_database(tmp_path_factory):
    from bot.db.migrate import upgrade
    from bot.db.queries import load_regions
    from bot.db.session import engine_from_url, session_scope
    from bot.places.gazetteer import gazetteer
    from bot.staff.revisions import load_answers

    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'wnl.sqlite3'}"
    upgrade(url)
    engine = engine_from_url(url)
    with session_scope(engine) as session:
        load_regions(session)
        load_answers(session)  # the staff answer library
    engine.dispose()
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url  # the servers started by the e2e tests inherit it
    gazetteer.cache_clear()
    yield url
    gazetteer.cache_clear()
    if previous is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = previous


@pytest.fixture
def postgres_url():
    """A new PostgreSQL database on 127.0.0.1 (skipped when unreachable, unless
    REQUIRE_SERVICES=1)."""
    from serverkit import postgres_database

    with postgres_database() as url:
        yield url
