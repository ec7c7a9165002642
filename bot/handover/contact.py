"""The WhatsApp number of a worker who left a question, encrypted, so the staff reply can be
sent to it. Kept only in the handover row and deleted with it; never in a log.

Fernet (AES-128-CBC with an HMAC, from `cryptography`) with the key HANDOVER_CONTACT_KEY, or
one derived from WHATSAPP_PSEUDONYM_KEY, the secret that already pseudonymises the numbers.
Without either, no number is kept, and a reply waits until the worker writes again.
"""
from __future__ import annotations

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken

KEY_LABEL = b"wnl handover contact v1\x00"


def _fernet() -> Fernet | None:
    own = os.environ.get("HANDOVER_CONTACT_KEY")
    if own:
        return Fernet(own.encode())
    secret = os.environ.get("WHATSAPP_PSEUDONYM_KEY") or os.environ.get("WHATSAPP_APP_SECRET")
    if not secret:
        return None
    # A key of its own, not the pseudonym secret itself: one leaked value does not give both.
    derived = hashlib.sha256(KEY_LABEL + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(phone: str) -> str | None:
    fernet = _fernet()
    return fernet.encrypt(phone.encode()).decode() if fernet and phone else None


def unseal(sealed: str | None) -> str | None:
    fernet = _fernet()
    if not fernet or not sealed:
        return None
    try:
        return fernet.decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):  # another key, or not ours: no number
        return None
