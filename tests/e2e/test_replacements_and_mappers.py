"""What Keycloak cannot change in place is replaced; protocol mappers are updated by name in place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi

from pulumi_keycloak_dynamic import Client
from pulumi_keycloak_dynamic.api import KeycloakAdmin, clients
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]


def _program(realm: str) -> Callable[[], None]:
    def program() -> None:
        config = pulumi.Config()
        protocol = config.get("protocol") or "openid-connect"
        claim = config.get("claim") or "family_name"
        mappers: list[dict[str, Any]] = []
        if protocol == "openid-connect":
            mappers = [{"name": "family name", "protocol_mapper": "oidc-usermodel-property-mapper",
                        "config": {"user.attribute": "lastName", "claim.name": claim, "access.token.claim": True}}]
        client = Client("c", realm=realm, client_id="switcher", protocol=protocol, protocol_mappers=mappers or None,
                        redirect_uris=["https://app.example.com/*"])
        pulumi.export("uuid", client.client_uuid)

    return program


def test_protocol_change_replaces_the_client_and_mapper_change_updates_in_place(
    new_stack: NewStack, admin: KeycloakAdmin, realm: str
) -> None:
    stack = new_stack(program=_program(realm))
    first = stack.up()
    old_uuid = first.outputs["uuid"]
    mapper_id = clients.list_protocol_mappers(admin, realm, old_uuid)[0]["id"]

    stack.set_config("claim", "surname")
    changed = stack.up()
    assert changed.changes.get("update") == 1 and "replace" not in changed.changes, changed.stdout
    mapper = clients.list_protocol_mappers(admin, realm, old_uuid)[0]
    assert mapper["id"] == mapper_id  # the same mapper, changed in place
    assert mapper["config"]["claim.name"] == "surname"
    assert stack.up().changed == 0

    stack.set_config("protocol", "saml")
    replaced = stack.up()
    assert replaced.changes.get("replace") == 1, replaced.stdout
    new_uuid = replaced.outputs["uuid"]
    assert new_uuid != old_uuid
    found = admin.get(f"/{realm}/clients", {"clientId": "switcher"})
    assert [c["id"] for c in found] == [new_uuid]  # deleted before replaced: one client, the new one
    assert found[0]["protocol"] == "saml"
    assert stack.up().changed == 0
