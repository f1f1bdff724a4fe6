"""Thin wrapper of Keycloak's Admin REST API over ``requests``. Knows nothing of Pulumi.

``requests`` is imported with the first session: a Pulumi program imports this package to build
paths and check inputs, and never sends a request itself.
"""

from typing import TYPE_CHECKING, Any

from .client import KeycloakAdmin, shared_admin
from .errors import (
    BadRequest,
    ConfigurationError,
    Conflict,
    ConnectionFailed,
    Forbidden,
    KeycloakError,
    NotFound,
    ServerError,
    Unauthorized,
)
from .paths import quote_segment
from .settings import ConnectionSettings

if TYPE_CHECKING:
    from .session import KeycloakSession

__all__ = [
    "BadRequest",
    "ConfigurationError",
    "Conflict",
    "ConnectionFailed",
    "ConnectionSettings",
    "Forbidden",
    "KeycloakAdmin",
    "KeycloakError",
    "KeycloakSession",
    "NotFound",
    "ServerError",
    "Unauthorized",
    "quote_segment",
    "shared_admin",
]


def __getattr__(name: str) -> Any:
    if name == "KeycloakSession":
        from .session import KeycloakSession

        return KeycloakSession
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
