"""The server itself: its release, for the few places where Keycloak 26.x releases differ.

``GET /admin/serverinfo`` (outside ``/admin/realms``) answers ``systemInfo.version``, e.g.
``"26.0.8"``; a development build answers ``"999.0.0-SNAPSHOT"``. See docs/api.md, section
"Keycloak versions", for what differs between releases.
"""

from __future__ import annotations

import re

from .client import KeycloakAdmin


def server_version_text(admin: KeycloakAdmin) -> str:
    """The release as Keycloak states it (``"26.0.8"``)."""
    info = admin.session.request("GET", "/serverinfo", base="/admin").json()
    return str(info["systemInfo"]["version"])


def parse_version(text: str) -> tuple[int, int, int]:
    """``"26.0.8"`` -> ``(26, 0, 8)``; a suffix (``-SNAPSHOT``) or missing parts are ignored/zero."""
    match = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?", text.strip())
    if not match:
        raise ValueError(f"not a Keycloak version: {text!r}")
    major, minor, micro = (int(part or 0) for part in match.groups())
    return major, minor, micro


def server_version(admin: KeycloakAdmin) -> tuple[int, int, int]:
    """The release as numbers, e.g. ``(26, 0, 8)``: one request each call (not cached)."""
    return parse_version(server_version_text(admin))


def group_description_supported(version: tuple[int, int, int]) -> bool:
    """Groups have a ``description`` from Keycloak 26.3 on; before, sending one is a 400."""
    return version >= (26, 3, 0)
