"""A pipeline's login with only some of a realm's admin roles: a service-account client of the
managed realm itself, logged in with client credentials to that realm. Each write a resource
makes is refused (403) without the role ``api/permissions.py`` names for it, in one line that
names the operation, the realm and that role; granted exactly that role, the same write passes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from pulumi_keycloak_dynamic.api import ConnectionSettings, Forbidden, KeycloakAdmin
from tests.conftest import KeycloakTarget

Write = Callable[[KeycloakAdmin, str], Any]


def _name() -> str:
    return f"lp-{uuid.uuid4().hex[:8]}"


#: (what the write makes, the write, the one realm-management role it needs)
WRITES: list[tuple[str, Write, str]] = [
    ("client", lambda a, r: a.session.request("POST", f"/{r}/clients", json={"clientId": _name()}), "manage-clients"),
    ("client scope", lambda a, r: a.session.request("POST", f"/{r}/client-scopes",
                                                    json={"name": _name(), "protocol": "openid-connect"}),
     "manage-clients"),
    ("realm role", lambda a, r: a.session.request("POST", f"/{r}/roles", json={"name": _name()}), "manage-realm"),
    ("group", lambda a, r: a.session.request("POST", f"/{r}/groups", json={"name": _name()}), "manage-users"),
    ("user", lambda a, r: a.session.request("POST", f"/{r}/users", json={"username": _name()}), "manage-users"),
    ("identity provider", lambda a, r: a.session.request("POST", f"/{r}/identity-provider/instances", json={
        "alias": _name(), "providerId": "oidc", "config": {"authorizationUrl": "https://idp.example.com/auth",
                                                          "tokenUrl": "https://idp.example.com/token",
                                                          "clientId": "x", "clientAuthMethod": "client_secret_post"}}),
     "manage-identity-providers"),
    ("realm settings", lambda a, r: a.session.request("PUT", f"/{r}", json={"displayName": "least privilege"}),
     "manage-realm"),
]


@pytest.fixture
def pipeline(admin: KeycloakAdmin, realm: str, keycloak: KeycloakTarget) -> Callable[[set[str]], KeycloakAdmin]:
    """A factory: a fresh login of the realm's own service account holding exactly these roles."""
    admin.session.request("POST", f"/{realm}/clients", json={
        "clientId": "pipeline", "publicClient": False, "serviceAccountsEnabled": True,
        "standardFlowEnabled": False, "secret": "pipeline-secret-for-tests"})
    client_uuid = admin.get(f"/{realm}/clients", {"clientId": "pipeline"})[0]["id"]
    user_id = admin.get(f"/{realm}/clients/{client_uuid}/service-account-user")["id"]
    management = admin.get(f"/{realm}/clients", {"clientId": "realm-management"})[0]["id"]
    roles = {r["name"]: r for r in admin.get(f"/{realm}/clients/{management}/roles")}
    mappings = f"/{realm}/users/{user_id}/role-mappings/clients/{management}"

    def login(granted: set[str]) -> KeycloakAdmin:
        held = {r["name"] for r in admin.get(mappings)}
        if held - granted:
            admin.session.request("DELETE", mappings, json=[roles[n] for n in held - granted])
        if granted - held:
            admin.session.request("POST", mappings, json=[roles[n] for n in granted - held])
        return KeycloakAdmin.from_settings(ConnectionSettings(
            url=keycloak.url, realm=realm, client_id="pipeline", client_secret="pipeline-secret-for-tests"))

    return login


@pytest.mark.parametrize(("what", "write", "role"), WRITES, ids=[w[0] for w in WRITES])
def test_a_write_without_its_role_is_refused_in_one_line_naming_the_role(
    what: str, write: Write, role: str, pipeline: Callable[[set[str]], KeycloakAdmin], realm: str,
) -> None:
    others = {"view-realm", "view-clients", "view-users"} - {role}
    with pytest.raises(Forbidden) as refused:
        write(pipeline(others), realm)
    message = str(refused.value)
    assert "\n" not in message
    assert f"'{role}'" in message and f"realm '{realm}'" in message, message
    write(pipeline(others | {role}), realm)  # exactly that role more, and the write passes
