"""Typed errors of the Keycloak Admin API, each carrying Keycloak's own message as one line.

Keycloak answers errors in three shapes, read in this order: ``{"errorMessage": ...}`` (409 and
400 validation), ``{"error_description": ...}`` and ``{"error": ...}`` (404/401/403, the token
endpoint). Messages name the method and path, never a request body, so no secret leaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a program imports this module, and never sends a request
    import requests


class KeycloakError(Exception):
    """Base class: ``str(err)`` is one line fit to show a user."""

    def __init__(self, message: str, *, method: str = "", path: str = "", status: int | None = None) -> None:
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        where = f" ({method} {path})" if method else ""
        code = f"{status} " if status else ""
        super().__init__(f"Keycloak {code}{message}{where}".replace("\n", " "))


class ConfigurationError(KeycloakError):
    """Connection settings are missing or contradictory; the message names the key to set."""

    def __init__(self, message: str) -> None:
        Exception.__init__(self, message)
        self.message, self.method, self.path, self.status = message, "", "", None

    def __str__(self) -> str:
        return self.message


class BadRequest(KeycloakError):
    """400: Keycloak refused the representation."""


class Unauthorized(KeycloakError):
    """401: the credentials are wrong, or the token could not be renewed."""


class Forbidden(KeycloakError):
    """403: the account lacks an admin role for this operation."""


class NotFound(KeycloakError):
    """404: the object (or its realm) does not exist."""


class Conflict(KeycloakError):
    """409: an object with the same natural key exists already."""


class ServerError(KeycloakError):
    """5xx after retries."""


class ConnectionFailed(KeycloakError):
    """Keycloak could not be reached (refused, DNS, TLS, timeout) after retries.

    ``request_sent`` is ``False`` when no byte of the request can have reached the server (the
    connection was never made), so a create that failed this way certainly did not happen.
    """

    request_sent: bool = True


_BY_STATUS: dict[int, type[KeycloakError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
}


def keycloak_message(response: requests.Response) -> str:
    """Keycloak's own message from an error response, else the HTTP reason."""
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ("errorMessage", "error_description", "error"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
    text = (response.text or "").strip()
    if text and len(text) < 200 and "<" not in text:
        return text
    return response.reason or "error"


def error_for(response: requests.Response, method: str, path: str) -> KeycloakError:
    status = response.status_code
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else KeycloakError)
    message = keycloak_message(response)
    if status == 403:
        from .permissions import forbidden_advice

        advice = forbidden_advice(method, path)
        message = "Forbidden" if message.startswith("HTTP 403") else message  # "Keycloak 403 HTTP 403 ..."
        message = f"{message}: {advice}" if advice else message
    return cls(message, method=method, path=path, status=status)
