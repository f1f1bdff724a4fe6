"""A Client's ``authorization_settings`` written as Keycloak's ``ResourceServerRepresentation`` (a
resource with a scope, a role policy, a resource permission) settles through the real pulumi CLI:
the second ``up`` changes nothing, ``refresh`` finds no drift, the state holds the declared items
(it once held ``"policies": [], "resources": []`` and every ``up`` showed an update). A changed
policy and resource are applied (Keycloak's import alone keeps existing items) and settle again;
a change made by hand is found by ``refresh`` and undone by ``up``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pulumi

from pulumi_keycloak_dynamic import Client, Role
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]


def settings(logic: str, uris: list[str]) -> dict[str, Any]:
    return {
        "policy_enforcement_mode": "ENFORCING",
        "scopes": [{"name": "read"}, {"name": "write"}],
        "resources": [{"name": "docs", "uris": uris, "scopes": [{"name": "read"}]}],
        "policies": [
            # As the admin console's export writes it: config values are JSON strings...
            {"name": "readers", "type": "role", "logic": logic,
             "config": {"roles": json.dumps([{"id": "reader", "required": False}])}},
            # ... or as lists, which are written as their JSON.
            {"name": "docs-access", "type": "resource", "decision_strategy": "UNANIMOUS",
             "config": {"resources": ["docs"], "applyPolicies": ["readers"]}},
        ],
    }


def program(realm: str) -> Callable[[], None]:
    def run() -> None:
        cfg = pulumi.Config()
        reader = Role("reader", realm=realm, name="reader")
        Client("api", realm=realm, client_id="api", public_client=False, service_accounts_enabled=True,
               authorization_services_enabled=True,
               authorization_settings=settings(cfg.get("logic") or "POSITIVE",
                                               json.loads(cfg.get("uris") or '["/docs/*"]')),
               opts=pulumi.ResourceOptions(depends_on=[reader]))

    return run


def exported(admin: KeycloakAdmin, realm: str) -> dict[str, Any]:
    client = admin.get(f"/{realm}/clients", {"clientId": "api"})[0]
    return dict(admin.get(f"/{realm}/clients/{client['id']}/authz/resource-server/settings"))


def named(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(i for i in items if i["name"] == name)


def test_authorization_settings_settle_apply_changes_and_undo_drift(
    new_stack: NewStack, admin: KeycloakAdmin, realm: str
) -> None:
    stack = new_stack(program=program(realm))
    assert stack.up().changes.get("create") == 3  # the stack, the role, the client
    server = exported(admin, realm)
    assert named(server["resources"], "docs")["uris"] == ["/docs/*"]
    assert json.loads(named(server["policies"], "readers")["config"]["roles"]) == [{"id": "reader", "required": False}]
    assert json.loads(named(server["policies"], "docs-access")["config"]["applyPolicies"]) == ["readers"]

    again = stack.up()
    assert again.changed == 0, again.stdout
    refreshed = stack.refresh()
    assert refreshed.changed == 0, refreshed.stdout
    state = next(r for r in stack.resources("keycloak:Client"))["outputs"]["authorization_settings"]
    assert [p["name"] for p in state["policies"]] == ["readers", "docs-access"]
    assert [r["name"] for r in state["resources"]] == ["docs"]

    stack.set_config("logic", "NEGATIVE")
    stack.set_config("uris", '["/docs/*", "/papers/*"]')
    changed = stack.up()
    assert changed.changes.get("update") == 1, changed.stdout
    server = exported(admin, realm)
    assert named(server["policies"], "readers")["logic"] == "NEGATIVE"
    assert sorted(named(server["resources"], "docs")["uris"]) == ["/docs/*", "/papers/*"]
    assert stack.up().changed == 0
    assert stack.refresh().changed == 0

    # By hand: the permission's decision strategy. refresh sees it; up puts it back.
    client = admin.get(f"/{realm}/clients", {"clientId": "api"})[0]
    base = f"/{realm}/clients/{client['id']}/authz/resource-server/policy"
    permission = next(p for p in admin.get(base, {"name": "docs-access"}) if p["name"] == "docs-access")
    admin.put(f"{base}/{permission['id']}", {**permission, "decisionStrategy": "AFFIRMATIVE"})
    drifted = stack.refresh()
    assert drifted.changes.get("update") == 1, drifted.stdout
    assert stack.up().changes.get("update") == 1
    assert named(exported(admin, realm)["policies"], "docs-access")["decisionStrategy"] == "UNANIMOUS"
    assert stack.up().changed == 0
