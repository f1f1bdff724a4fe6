"""Thin wrapper of Keycloak's Admin REST API over ``requests``. Knows nothing of Pulumi."""

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
from .session import KeycloakSession, quote_segment
from .settings import ConnectionSettings

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
