"""Region data in a real database through SQLAlchemy and Alembic: SQLite always, PostgreSQL on
127.0.0.1:5432 when it is there (required when REQUIRE_SERVICES=1, as in CI)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.db import fact_models, staff_models, usage_models  # noqa: F401 - every table
from bot.db.base import metadata
from bot.db.migrate import upgrade
from bot.db.queries import (
    counts,
    export_regions,
    help_points_for_municipality,
    load_regions,
    regions_of_postcode,
)
from bot.db.session import engine_from_url, session_scope


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


def check_database(url):
    upgrade(url)
    engine = engine_from_url(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    expected = {"regions": 35, "municipalities": 342, "places": 2860, "postcodes": 4129,
                "help_points": 7}
    with session_scope(engine) as session:
        assert load_regions(session) == expected
    with session_scope(engine) as session:  # loading again changes nothing
        assert load_regions(session) == expected
    with session_scope(engine) as session:
        assert counts(session) == expected
        assert [r.name for r in regions_of_postcode(session, "5912")] == ["Noord-Limburg"]
        assert len(regions_of_postcode(session, "1096")) >= 1  # on a municipal border
        assert [p.name for p in help_points_for_municipality(session, "0855")] == [
            "Informatiepunt Midden-Brabant voor EU arbeidsmigranten"]  # Tilburg
        rows = export_regions(session)
        assert len(rows) == 342 and rows[0]["municipality"] == "Groningen"
    engine.dispose()


@pytest.mark.unit
def test_sqlite_migrations_load_and_queries(sqlite_url):
    check_database(sqlite_url)


@pytest.mark.services
def test_postgresql_migrations_load_and_queries(postgres_url):
    check_database(postgres_url)
