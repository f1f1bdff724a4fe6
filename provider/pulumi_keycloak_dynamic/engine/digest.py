"""Salted digests of write-only secrets (a user's initial password).

Keycloak never returns a password, and the value itself must not be kept in outputs. What is kept
is ``pbkdf2-sha256$<salt>$<hex>``: enough to tell whether the program now gives another value,
never enough to show the value. A new random salt is drawn each time a value is applied.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "pbkdf2-sha256$"
_ITERATIONS = 10_000  # cheap enough for 1,000 users in one diff, yet not a bare hash


def _derive(value: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", value.encode(), salt.encode(), _ITERATIONS).hex()


def make_digest(value: str) -> str:
    """A fresh salted digest of ``value``."""
    salt = secrets.token_hex(8)
    return f"{PREFIX}{salt}${_derive(value, salt)}"


def is_digest(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX) and value.count("$") == 2


def digest_matches(value: object, digest: object) -> bool:
    """Is ``value`` the value ``digest`` was made from? (a digest compared with itself: True)"""
    if not isinstance(value, str) or not is_digest(digest):
        return False
    if is_digest(value):
        return value == digest
    salt, expected = str(digest)[len(PREFIX):].split("$")
    return hmac.compare_digest(_derive(value, salt), expected)


def as_digest(value: object) -> object:
    """What outputs keep for a digest field: the digest (made once), never the value."""
    if value is None or is_digest(value) or not isinstance(value, str):
        return value
    return make_digest(value)
