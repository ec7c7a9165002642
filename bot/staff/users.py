"""Staff accounts: a name, an argon2 password hash and a role (viewer or editor)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.staff_models import StaffSession, StaffUser
from bot.staff.passwords import hash_password

ROLES = ("viewer", "editor")


class UserError(ValueError):
    """A request the account store refuses (unknown or duplicate name, unknown role)."""


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 80 or any(ch.isspace() for ch in name):
        raise UserError("a user name is 1 to 80 characters without spaces")
    return name


def find_user(session: Session, name: str) -> StaffUser | None:
    return session.execute(select(StaffUser).where(StaffUser.name == name)).scalar_one_or_none()


def add_user(session: Session, name: str, password: str, role: str) -> StaffUser:
    name = _check_name(name)
    _check_role(role)
    if find_user(session, name):
        raise UserError(f"user {name!r} exists already")
    user = StaffUser(name=name, password_hash=hash_password(password), role=role,
                     created_at=dt.datetime.utcnow())
    session.add(user)
    session.flush()
    return user


def remove_user(session: Session, name: str) -> None:
    """Remove an account and end its sessions; revisions keep the name for the history."""
    user = find_user(session, name)
    if user is None:
        raise UserError(f"no user {name!r}")
    session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
    session.delete(user)
    session.flush()


def set_role(session: Session, name: str, role: str) -> StaffUser:
    _check_role(role)
    user = find_user(session, name)
    if user is None:
        raise UserError(f"no user {name!r}")
    user.role = role
    session.flush()
    return user


def set_regions(session: Session, name: str, regions: list[str], known: set[str]) -> StaffUser:
    """The handover queues an account answers: region names (as in data/regions/) and/or
    "national" for workers whose region has no point on record; [] for none."""
    user = find_user(session, name)
    if user is None:
        raise UserError(f"no such user: {name}")
    unknown = [r for r in regions if r not in known]
    if unknown:
        raise UserError(f"unknown region(s): {', '.join(unknown)}")
    user.regions = ",".join(dict.fromkeys(regions)) or None
    return user


def regions_of(user) -> set[str]:
    return {r for r in (getattr(user, "regions", None) or "").split(",") if r}


def answering(session: Session, queue: str) -> list[str]:
    """The editors who answer a queue (a region or "national"), by name."""
    return sorted(u.name for u in session.execute(select(StaffUser)).scalars()
                  if u.role == "editor" and queue in regions_of(u))
