"""Two-factor login (TOTP, RFC 6238, with pyotp) for staff who can read workers' questions.

Required for every account with a handover queue (bot/staff/users.regions_of), and for every
account when STAFF_TWO_FACTOR=all. After the right password such an account gets a session that
is only half done (`pending`): "enrol" shows the secret as a QR code and asks for a first code;
"code" asks for the code of the authenticator app or one of ten recovery codes. Each code works
once (the last time step used is kept); wrong codes count in the login rate limit, like wrong
passwords (bot/staff/rate_limit.py). Recovery codes are kept as SHA-256 hashes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets

import pyotp
import segno
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.staff_models import RecoveryCode, StaffUser
from bot.staff.users import regions_of

ISSUER = "Work in NL staff"
STEP_SECONDS = 30
RECOVERY_CODES = 10
ENROL, CODE = "enrol", "code"


def required(user: StaffUser) -> bool:
    return bool(regions_of(user)) or os.environ.get("STAFF_TWO_FACTOR", "").lower() == "all"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The QR code as an SVG data URI (the pages' CSP allows data: images only)."""
    return segno.make(uri, error="m").svg_data_uri(scale=4)


def grouped(secret: str) -> str:
    """The secret as it is typed into an app by hand: groups of four."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _digits(code: str) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace())[:20]


def matching_step(secret: str, code: str, after: int | None, now: dt.datetime) -> int | None:
    """The time step (this one or the one before or after: clocks drift) whose code is `code`,
    if it is later than `after`, the step last used: a code works once."""
    code = _digits(code)
    if not secret or not code.isdigit():
        return None
    totp, current = pyotp.TOTP(secret), int(now.timestamp()) // STEP_SECONDS
    for step in (current - 1, current, current + 1):
        if (after is None or step > after) and \
                hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def check(user: StaffUser, code: str, now: dt.datetime | None = None) -> bool:
    step = matching_step(user.totp_secret, code, user.totp_last_step,
                         now or dt.datetime.now(dt.timezone.utc))
    if step is None:
        return False
    user.totp_last_step = step
    return True


def _hash(code: str) -> str:
    return hashlib.sha256(_digits(code).lower().replace("-", "").encode()).hexdigest()


def new_recovery_codes(session: Session, user: StaffUser) -> list[str]:
    """Ten new one-time codes (the old ones stop working), shown once."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = secrets.token_hex(5)
        codes.append(f"{raw[:5]}-{raw[5:]}")
        session.add(RecoveryCode(user_id=user.id, code_hash=_hash(raw)))
    session.flush()
    return codes


def use_recovery_code(session: Session, user: StaffUser, code: str) -> bool:
    if not code or len(code) > 40:
        return False
    row = session.execute(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(code),
        RecoveryCode.used_at.is_(None))).scalar_one_or_none()
    if row is None:
        return False
    row.used_at = dt.datetime.utcnow()
    return True


def enrolled(session: Session, user: StaffUser, secret: str, step: int) -> list[str]:
    user.totp_secret, user.totp_last_step = secret, step
    return new_recovery_codes(session, user)


def reset(session: Session, user: StaffUser) -> None:
    """An administrator's reset (lost phone and codes): the next login enrols again."""
    user.totp_secret = user.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
