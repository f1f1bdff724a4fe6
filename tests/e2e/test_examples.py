"""Every example through the real pulumi CLI against the real Keycloak.

For each: `up` succeeds; a second `up` changes nothing; `refresh` reports nothing; a change made
through the Admin API to a declared field is found by `refresh` and undone by the next `up`; a
change to an undeclared field survives `up`; `destroy` leaves nothing in Keycloak; and no
plaintext secret appears in `pulumi stack export` or in the CLI's output.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def client(admin: KeycloakAdmin, realm: str, client_id: str) -> dict[str, Any]:
    found = admin.get(f"/{realm}/clients", {"clientId": client_id})
    assert found, f"client {client_id} not found in {realm}"
    return dict(found[0])


def put_client(admin: KeycloakAdmin, realm: str, client_id: str, **changes: Any) -> None:
    rep = client(admin, realm, client_id)
    admin.put(f"/{realm}/clients/{rep['id']}", {**rep, **changes})


@dataclass
class Scenario:
    example: str
    own_realm: bool  # the example creates the realm itself
    client_id: str | None
    drift: Callable[[KeycloakAdmin, str], None]  # change a declared field by hand
    drift_undone: Callable[[KeycloakAdmin, str], bool]
    extra: Callable[[KeycloakAdmin, str], None]  # change an undeclared field by hand
    extra_kept: Callable[[KeycloakAdmin, str], bool]
    secrets: tuple[str, ...] = ()


def _attr(admin: KeycloakAdmin, realm: str, client_id: str, key: str) -> Any:
    return client(admin, realm, client_id)["attributes"].get(key)


SAML_ID = "https://sp.example.com/saml/metadata"

def put_action(admin: KeycloakAdmin, realm: str, alias: str, **changes: Any) -> None:
    path = f"/{realm}/authentication/required-actions/{alias}"
    admin.put(path, {**admin.get(path), **changes})


def _action(admin: KeycloakAdmin, realm: str, alias: str, key: str) -> Any:
    return admin.get(f"/{realm}/authentication/required-actions/{alias}")[key]


SCENARIOS = [
    Scenario(
        "client-minimal", False, "test-minimal",
        drift=lambda a, r: put_client(a, r, "test-minimal", clientId="test-renamed-by-hand"),
        drift_undone=lambda a, r: bool(a.get(f"/{r}/clients", {"clientId": "test-minimal"})),
        extra=lambda a, r: put_client(a, r, "test-minimal", description="written by hand"),
        extra_kept=lambda a, r: client(a, r, "test-minimal").get("description") == "written by hand",
    ),
    Scenario(
        "client-full", False, "test-full",
        drift=lambda a, r: put_client(a, r, "test-full", redirectUris=["https://evil.example.com/*"]),
        drift_undone=lambda a, r: sorted(client(a, r, "test-full")["redirectUris"])
        == ["http://localhost:8888/", "https://www.example.com/*"],
        extra=lambda a, r: put_client(a, r, "test-full", alwaysDisplayInConsole=True),
        extra_kept=lambda a, r: client(a, r, "test-full")["alwaysDisplayInConsole"] is True,
        secrets=("REALLYWELLKEPTSECRET", "PRIVATEKEYHERE", "eyJWT_TOKEN"),
    ),
    Scenario(
        "saml-client", False, SAML_ID,
        drift=lambda a, r: put_client(
            a, r, SAML_ID, attributes={**client(a, r, SAML_ID)["attributes"], "saml.signature.algorithm": "RSA_SHA1"}
        ),
        drift_undone=lambda a, r: _attr(a, r, SAML_ID, "saml.signature.algorithm") == "RSA_SHA256",
        extra=lambda a, r: put_client(a, r, SAML_ID, description="written by hand"),
        extra_kept=lambda a, r: client(a, r, SAML_ID).get("description") == "written by hand",
    ),
    Scenario(
        "lookups", False, "lookups-reporting",  # reads the realm, its keys and realm-management's view-users role
        drift=lambda a, r: put_client(a, r, "lookups-reporting", standardFlowEnabled=True),
        drift_undone=lambda a, r: client(a, r, "lookups-reporting")["standardFlowEnabled"] is False,
        extra=lambda a, r: put_client(a, r, "lookups-reporting", description="written by hand"),
        extra_kept=lambda a, r: client(a, r, "lookups-reporting").get("description") == "written by hand",
    ),
    Scenario(
        "realm-roles", True, "inventory",
        drift=lambda a, r: a.put(f"/{r}", {"displayName": "changed by hand"}),
        drift_undone=lambda a, r: a.get(f"/{r}")["displayName"] == "Roles example",
        extra=lambda a, r: a.put(f"/{r}", {"rememberMe": True}),
        extra_kept=lambda a, r: a.get(f"/{r}")["rememberMe"] is True,
    ),
    Scenario(
        "required-actions", True, None,
        drift=lambda a, r: put_action(a, r, "TERMS_AND_CONDITIONS", enabled=False),
        drift_undone=lambda a, r: _action(a, r, "TERMS_AND_CONDITIONS", "enabled") is True,
        extra=lambda a, r: put_action(a, r, "CONFIGURE_TOTP", priority=7),  # its priority is not declared
        extra_kept=lambda a, r: _action(a, r, "CONFIGURE_TOTP", "priority") == 7,
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.example for s in SCENARIOS])
def test_example_lifecycle(
    scenario: Scenario, new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin,
    realm_factory: Callable[..., str],
) -> None:
    realm = f"t-{uuid.uuid4().hex[:10]}" if scenario.own_realm else realm_factory()
    stack = new_stack(work_dir=EXAMPLES / scenario.example, config={"realm": (realm, False)})
    outputs: list[str] = []

    first = stack.up()
    outputs.append(first.stdout)
    assert first.changes.get("create", 0) >= 1
    assert scenario.client_id is None or client(admin, realm, scenario.client_id)

    second = stack.up()
    outputs.append(second.stdout)
    assert second.changed == 0, second.stdout

    untouched = stack.refresh()
    outputs.append(untouched.stdout)
    assert untouched.changed == 0, untouched.stdout

    scenario.drift(admin, realm)
    drifted = stack.refresh()
    outputs.append(drifted.stdout)
    assert drifted.changes.get("update", 0) >= 1, drifted.stdout
    repaired = stack.up()
    outputs.append(repaired.stdout)
    assert repaired.changes.get("update", 0) >= 1, repaired.stdout
    assert scenario.drift_undone(admin, realm)

    scenario.extra(admin, realm)
    kept = stack.up()
    outputs.append(kept.stdout)
    assert kept.changed == 0, kept.stdout
    assert scenario.extra_kept(admin, realm)

    exported = stack.export_text()
    for secret in scenario.secrets:
        assert secret not in exported, f"plaintext {secret!r} in pulumi stack export"
        for text in outputs:
            assert secret not in text, f"plaintext {secret!r} in the CLI's output"
    if scenario.client_id and not scenario.own_realm:
        generated = client(admin, realm, scenario.client_id).get("secret")
        if generated:
            assert generated not in exported

    stack.destroy()
    if scenario.own_realm:
        assert admin.get_or_none(f"/{realm}") is None
    elif scenario.client_id:
        assert admin.get(f"/{realm}/clients", {"clientId": scenario.client_id}) == []


def test_delete_example_removes_the_client(new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin,
                                           realm: str) -> None:
    stack = new_stack(work_dir=EXAMPLES / "client-delete", config={"realm": (realm, False)})
    stack.set_config("state", "present")
    assert stack.up().changes.get("create") == 2  # the stack itself and the client
    assert client(admin, realm, "test-delete")
    stack.set_config("state", "absent")
    assert stack.up().changes.get("delete") == 1
    assert admin.get(f"/{realm}/clients", {"clientId": "test-delete"}) == []


def test_full_example_translates_legacy_parameters(new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin,
                                                   realm: str) -> None:
    stack = new_stack(work_dir=EXAMPLES / "client-full", config={"realm": (realm, False)})
    result = stack.up()
    # Client templates are gone from Keycloak: dropped loudly, never silently.
    assert "Client templates were replaced by client scopes" in result.stdout
    rep = client(admin, realm, "test-full")
    assert rep["id"] == "d8b127a3-31f6-44c8-a7e4-4ab9a3e78d95"
    assert rep["secret"] == "REALLYWELLKEPTSECRET"
    # Per-client default roles became client roles that are composites of default-roles-<realm>.
    defaults = admin.get(f"/{realm}/roles/default-roles-{realm}/composites/clients/{rep['id']}")
    assert sorted(r["name"] for r in defaults) == ["test01", "test02"]
    mappers = {m["name"]: m for m in rep["protocolMappers"]}
    assert mappers["family name"]["config"]["claim.name"] == "family_name"
    assert mappers["role list"]["protocol"] == "saml"
    outputs = stack.outputs()
    assert outputs["client_uuid"] == rep["id"]
    # representation(): everything Keycloak holds, read by the program, sensitive values masked
    assert outputs["representation"]["attributes"]["saml.signing.private.key"] == "[secret]"
    assert outputs["representation"]["clientId"] == "test-full"


def test_main_job_example(new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin) -> None:
    realm = f"t-{uuid.uuid4().hex[:10]}"
    stack = new_stack(work_dir=EXAMPLES.parent, config={"realm": (realm, False)})
    result = stack.up()
    assert result.changes.get("create") == 9  # the stack itself and 8 Keycloak objects
    manager = admin.get(f"/{realm}/roles/manager/composites")
    assert sorted(r["name"] for r in manager) == ["clerk", "customer", "orders:read", "orders:write"]
    assert stack.up().changed == 0
    assert stack.refresh().changed == 0
    secret = client(admin, realm, "shop-api")["secret"]
    assert secret and secret not in stack.export_text()
    assert stack.outputs()["api_client_secret"] == secret  # reachable as a Pulumi secret


def test_lookups_example_grants_what_it_read(new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin,
                                             realm: str) -> None:
    stack = new_stack(work_dir=EXAMPLES / "lookups", config={"realm": (realm, False)})
    outputs = stack.up().outputs
    assert outputs["signing_kid"] == admin.get(f"/{realm}/keys")["active"]["RS256"]
    assert outputs["issuer"].endswith(f"/realms/{realm}")
    reporting = client(admin, realm, "lookups-reporting")
    account = admin.get(f"/{realm}/clients/{reporting['id']}/service-account-user")
    management = client(admin, realm, "realm-management")
    held = admin.get(f"/{realm}/users/{account['id']}/role-mappings/clients/{management['id']}")
    assert [r["name"] for r in held] == ["view-users"] and held[0]["id"] == outputs["view_users_role_id"]
    assert [r["type"] for r in stack.export()["deployment"]["resources"]].count("pulumi:pulumi:Stack") == 1
    assert stack.up().changed == 0
