"""Bring a database to the newest schema with Alembic (the only way tables are made)."""
from __future__ import annotations

from alembic import command
from alembic.config import Config

from bot import ROOT


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["url"] = url
    return config


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")
