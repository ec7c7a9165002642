"""Password hashing with argon2id (argon2-cffi's recommended parameters, stored in the hash)."""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12


class PasswordTooShort(ValueError):
    pass


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def check_strength(password: str) -> None:
    if len(password or "") < MIN_LENGTH:
        raise PasswordTooShort(f"a password needs at least {MIN_LENGTH} characters")


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches. Without a hash (unknown user) a dummy hash is checked, so
    the answer takes as long as for a real user and does not tell which user names exist."""
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


# Password checks run one at a time beside the chat (argon2 takes about 140 ms of a core); when
# more than MAX_WAITING wait, a login is refused for a moment instead of queueing without end.
MAX_WAITING = 4
_waiting = 0
_semaphores: dict = {}


async def verify_bounded(password_hash: str | None, password: str) -> bool | None:
    """verify_password in a worker thread, at most one at a time per process; None when too
    many are waiting (the caller answers "try again in a moment")."""
    import asyncio

    global _waiting
    loop = asyncio.get_running_loop()
    semaphore = _semaphores.setdefault(id(loop), asyncio.Semaphore(1))
    if _waiting >= MAX_WAITING:
        return None
    _waiting += 1
    try:
        async with semaphore:
            return await loop.run_in_executor(None, verify_password, password_hash, password)
    finally:
        _waiting -= 1


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not a password of anyone: timing only")
