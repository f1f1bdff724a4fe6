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

from ..api import KeycloakError


class ProviderError(Exception):
    """A failure explained in one line (what was being done, and Keycloak's message)."""


@contextmanager
def reported(doing: str) -> Iterator[None]:
    """Turn Keycloak errors raised inside the block into one-line :class:`ProviderError`."""
    try:
        yield
    except ProviderError:
        raise
    except KeycloakError as exc:
        raise ProviderError(f"{doing}: {exc}") from None


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
