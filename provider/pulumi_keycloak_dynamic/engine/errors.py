"""How failures reach the user: one line with Keycloak's own message, never a traceback.

Pulumi's dynamic-provider host reports any exception with ``traceback.format_exc()``. For our
own :class:`ProviderError` that would bury the one line that matters under twenty of Python's,
so inside the provider host process we teach ``format_exc`` to print just the message of a
``ProviderError``; every other exception keeps its full traceback.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from ..api import KeycloakError, NotFound


class ProviderError(Exception):
    """A failure explained in one line (what was being done, and Keycloak's message)."""


@contextmanager
def reported(doing: str, realm: str | None = None) -> Iterator[None]:
    """Turn Keycloak errors raised inside the block into one-line :class:`ProviderError`; when
    Keycloak says ``realm`` (the object's realm) does not exist, say what to do about it."""
    try:
        yield
    except ProviderError:
        raise
    except KeycloakError as exc:
        raise ProviderError(f"{doing}: {explained(exc, realm)}") from None


def explained(error: Exception, realm: str | None) -> str:
    """The error's one line; for Keycloak's 404 ``Realm not found.`` the advice a user needs."""
    if realm and isinstance(error, NotFound) and "realm not found" in error.message.lower():
        return (f"realm '{realm}' does not exist ({error}): declare a Realm resource and pass it "
                f"(realm=<Realm>, so it is created first), or correct the realm's name")
    return str(error)


_original_format_exc = traceback.format_exc


def _format_exc(limit: int | None = None, chain: bool = True) -> str:
    exc = sys.exc_info()[1]
    if isinstance(exc, ProviderError):
        return str(exc)
    return _original_format_exc(limit, chain)


def install_one_line_errors() -> None:
    """Called when the provider runs inside Pulumi's dynamic-provider host."""
    if traceback.format_exc is not _format_exc:
        traceback.format_exc = _format_exc
