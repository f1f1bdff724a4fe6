"""The generic verbs of the Admin API: JSON in, JSON out, paging, natural-key-safe creates.

Object-specific operations (realms, clients, roles, users, groups, identity providers) live in
their own modules of this package as functions over :class:`KeycloakAdmin`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .errors import NotFound
from .settings import ConnectionSettings

if TYPE_CHECKING:  # ``requests`` is imported with the first session (a program never makes one)
    from .session import KeycloakSession, Stats

DEFAULT_PAGE_SIZE = 100


class KeycloakAdmin:
    """Admin REST API of one Keycloak server. Paths are below ``/admin/realms``."""

    def __init__(self, session: KeycloakSession) -> None:
        self.session = session

    @classmethod
    def from_settings(cls, settings: ConnectionSettings) -> KeycloakAdmin:
        from .session import KeycloakSession

        return cls(KeycloakSession(settings))

    @property
    def stats(self) -> Stats:
        return self.session.stats

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        response = self.session.request("GET", path, params=params)
        return response.json() if response.content else None

    def get_or_none(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET, answering ``None`` where Keycloak answers 404."""
        try:
            return self.get(path, params)
        except NotFound:
            return None

    def post(self, path: str, body: Any = None, *, idempotent: bool = False) -> Any:
        """POST that is not a create of a named object (e.g. add composites, regenerate secret).

        ``idempotent=True``: sending it twice has the effect of sending it once (adding
        composites, role mappings, links), so it is retried after a lost answer or a 5xx.
        """
        response = self.session.request("POST", path, json=body, idempotent=idempotent)
        if response.content and "json" in response.headers.get("Content-Type", ""):
            return response.json()
        return None

    def create(self, path: str, body: dict[str, Any], find: Callable[[], str | None]) -> str:
        """Create an object and return its id; see :meth:`KeycloakSession.create`."""
        return self.session.create(path, body, find)

    def put(self, path: str, body: Any = None) -> None:
        self.session.request("PUT", path, json=body)

    def delete(self, path: str, body: Any = None, *, missing_ok: bool = True) -> bool:
        """DELETE; returns False (instead of raising) when the object was already gone."""
        try:
            self.session.request("DELETE", path, json=body)
            return True
        except NotFound:
            if missing_ok:
                return False
            raise

    def list_all(
        self, path: str, params: dict[str, Any] | None = None, page_size: int = DEFAULT_PAGE_SIZE
    ) -> list[Any]:
        """Every item of a paged listing (``first``/``max``), fetched page by page.

        A listing that ignores ``first`` would answer its first page again; that ends the loop
        instead of looping for ever (and costs one request more than a short last page).
        """
        items: list[Any] = []
        first = 0
        while True:
            page = self.get(path, {**(params or {}), "first": first, "max": page_size}) or []
            if first and page and page == items[:len(page)]:
                return items
            items.extend(page)
            if len(page) < page_size:
                return items
            first += page_size


_CLIENTS: dict[tuple[Any, ...], KeycloakAdmin] = {}
_CLIENTS_LOCK = threading.Lock()


def shared_admin(settings: ConnectionSettings) -> KeycloakAdmin:
    """One :class:`KeycloakAdmin` (one login, one connection pool) per process and settings."""
    key = (
        settings.server_url, settings.realm, settings.client_id, settings.client_secret, settings.username,
        settings.password, settings.root_ca_certificate, settings.tls_insecure_skip_verify,
        settings.client_timeout, tuple(sorted(settings.additional_headers.items())),
    )
    with _CLIENTS_LOCK:
        admin = _CLIENTS.get(key)
        if admin is None:
            admin = _CLIENTS[key] = KeycloakAdmin.from_settings(settings)
        return admin
