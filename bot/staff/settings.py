"""Staff library settings from the environment, read when a request or command needs them.

STAFF_COOKIE_SECURE   1: always mark the session cookie Secure; 0: never; unset or "auto"
                      (default): Secure unless the page is served over plain http to a loopback
                      host (http://localhost, http://127.0.0.1: development and tests).
STAFF_SESSION_HOURS   idle time after which a session ends (default 8).
STAFF_PASSWORD        the password for `python -m bot staff add-user` without a prompt (scripts,
                      tests); never stored anywhere else.
"""
from __future__ import annotations

import datetime as dt
import os

COOKIE = "wnl_staff"
LOGIN_CSRF_COOKIE = "wnl_staff_login"
COOKIE_PATH = "/staff"
ABSOLUTE_SESSION_HOURS = 24  # a session ends a day after login even when it is used all day
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


def session_idle() -> dt.timedelta:
    return dt.timedelta(hours=float(os.environ.get("STAFF_SESSION_HOURS") or 8))


def cookie_secure(scheme: str, host: str) -> bool:
    """Whether cookies get the Secure flag for a request with this scheme and Host header."""
    setting = (os.environ.get("STAFF_COOKIE_SECURE") or "auto").strip().lower()
    if setting in ("1", "true", "yes", "on"):
        return True
    if setting in ("0", "false", "no", "off"):
        return False
    return not (scheme == "http" and host_name(host) in LOOPBACK_HOSTS)


def host_name(host: str) -> str:
    """'127.0.0.1:8080' -> '127.0.0.1', '[::1]:8080' -> '::1'."""
    host = (host or "").strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
