"""CSRF tokens. Logged in: one random token per session (kept in the session row), sent in a
hidden field of every form. The login form, before there is a session, uses a double-submit
token: the same random value in a SameSite=Strict cookie and in the form."""
from __future__ import annotations

import hmac
import secrets

FIELD = "csrf"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def valid(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; a missing or empty token on either side is never valid."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
