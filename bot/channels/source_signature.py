"""Where a conversation came from (`src`: a QR card, the web page) only counts when the web app
vouches for it: it signs (sender, src) with the secret it shares with the Rasa server (the API
token). A `src` any other client sends is dropped before it reaches the tracker, so nobody can
inflate the QR-card statistics by posting `src=nla` to the REST channel.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path


def shared_secret() -> str | None:
    path = os.environ.get("RASA_TOKEN_FILE")
    if path:
        try:
            return Path(path).read_text().strip() or None
        except OSError:
            return None
    return os.environ.get("RASA_TOKEN") or None


def sign(secret: str, sender: str, src: str) -> str:
    return hmac.new(secret.encode(), f"{sender}\x00{src}".encode(), hashlib.sha256).hexdigest()[:32]


def trusted_metadata(sender: str, metadata: dict[str, str], secret: str | None) -> dict[str, str]:
    """The metadata without `src_sig`, and without `src` unless its signature is right."""
    kept = {k: v for k, v in metadata.items() if k != "src_sig"}
    src, signature = metadata.get("src"), metadata.get("src_sig") or ""
    if src is not None and not (secret
                                and hmac.compare_digest(signature, sign(secret, sender, src))):
        kept.pop("src")
    return kept
