"""RequiredAction through the real pulumi CLI and Keycloak, proven by what Keycloak then does.

Declaring a built-in action adopts it (nothing is created, no "exists already"); a second ``up``
and ``refresh`` change nothing; a change by hand is found and undone. A default action is given
to every user created from then on, and such a user gets no token by password ("Account is not
fully set up"); removing the resource gives the realm a new realm's settings back, and the next new
user logs in. A misspelt alias is refused in preview, an alias nobody offers at ``up`` in one line.
An export declares exactly the actions that differ from a new realm's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi.automation as auto
import pytest
import requests

from pulumi_keycloak_dynamic import RequiredAction
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from pulumi_keycloak_dynamic.export import export_realm
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Pass-word-1x"


def action(admin: KeycloakAdmin, realm: str, alias: str) -> dict[str, Any]:
    return dict(admin.get(f"/{realm}/authentication/required-actions/{alias}"))


def new_user(admin: KeycloakAdmin, realm: str, username: str) -> dict[str, Any]:
    """A user with a complete profile and a password (so only required actions can stand in the way)."""
    admin.post(f"/{realm}/users", {
        "username": username, "enabled": True, "email": f"{username}@example.com", "emailVerified": True,
        "firstName": "A", "lastName": "B", "credentials": [{"type": "password", "value": PASSWORD}],
    })
    return dict(admin.get(f"/{realm}/users", {"username": username, "exact": "true"})[0])


def password_login(url: str, realm: str, username: str) -> requests.Response:
    return requests.post(f"{url}/realms/{realm}/protocol/openid-connect/token", timeout=30, data={
        "grant_type": "password", "client_id": "admin-cli", "username": username, "password": PASSWORD,
    })


def test_a_default_action_stops_new_users_until_the_program_gives_it_back(
    new_stack: NewStack, admin: KeycloakAdmin, realm: str, keycloak: Any
) -> None:
    registered = len(admin.get(f"/{realm}/authentication/required-actions"))
    assert (action(admin, realm, "TERMS_AND_CONDITIONS")["enabled"], action(admin, realm, "TERMS_AND_CONDITIONS")[
        "defaultAction"]) == (False, False)  # a new realm's

    def program() -> None:
        RequiredAction("terms", realm=realm, alias="TERMS_AND_CONDITIONS", enabled=True, default_action=True,
                       priority=5)

    stack = new_stack(program=program)
    first = stack.up()
    assert first.changes.get("create") == 2, first.stdout  # the stack and the adopted action
    terms = action(admin, realm, "TERMS_AND_CONDITIONS")
    assert (terms["enabled"], terms["defaultAction"], terms["priority"]) == (True, True, 5)
    assert len(admin.get(f"/{realm}/authentication/required-actions")) == registered  # nothing created
    assert stack.up().changed == 0
    assert stack.refresh().changed == 0

    ann = new_user(admin, realm, "ann")
    assert ann["requiredActions"] == ["TERMS_AND_CONDITIONS"]
    refused = password_login(keycloak.url, realm, "ann")
    assert refused.status_code == 400 and "Account is not fully set up" in refused.text, refused.text

    admin.put(f"/{realm}/authentication/required-actions/TERMS_AND_CONDITIONS", {**terms, "defaultAction": False})
    assert stack.refresh().changes.get("update") == 1
    assert stack.up().changes.get("update") == 1
    assert action(admin, realm, "TERMS_AND_CONDITIONS")["defaultAction"] is True

    stack.destroy()
    back = action(admin, realm, "TERMS_AND_CONDITIONS")
    assert (back["enabled"], back["defaultAction"]) == (False, False)  # a new realm's, not deleted
    assert back["priority"] == 5  # priorities are left where they are
    bob = new_user(admin, realm, "bob")
    assert bob.get("requiredActions") == []
    assert password_login(keycloak.url, realm, "bob").status_code == 200


def test_enabled_default_and_config_are_applied_settle_and_are_given_back(
    new_stack: NewStack, admin: KeycloakAdmin, realm: str
) -> None:
    def program() -> None:
        RequiredAction("passkeys", realm=realm, alias="webauthn-register-passwordless", enabled=False)
        RequiredAction("otp", realm=realm, alias="CONFIGURE_TOTP", default_action=True)
        RequiredAction("password", realm=realm, alias="UPDATE_PASSWORD", config={"max_auth_age": 600})

    stack = new_stack(program=program)
    assert stack.up().changes.get("create") == 4
    assert action(admin, realm, "webauthn-register-passwordless")["enabled"] is False
    otp = action(admin, realm, "CONFIGURE_TOTP")
    assert (otp["enabled"], otp["defaultAction"]) == (True, True)
    assert action(admin, realm, "UPDATE_PASSWORD")["config"] == {"max_auth_age": "600"}  # as Keycloak stores it
    assert stack.up().changed == 0
    assert stack.refresh().changed == 0
    stack.destroy()
    assert action(admin, realm, "webauthn-register-passwordless")["enabled"] is True  # a new realm's
    assert action(admin, realm, "CONFIGURE_TOTP")["defaultAction"] is False
    assert action(admin, realm, "UPDATE_PASSWORD")["config"] == {}


def test_a_misspelt_alias_is_refused_in_preview_and_an_unknown_one_at_up(
    new_stack: NewStack, admin: KeycloakAdmin, realm: str
) -> None:
    def misspelt() -> None:
        RequiredAction("typo", realm=realm, alias="UPDATE_PASWORD", enabled=True)

    with pytest.raises(auto.errors.CommandError) as failed:
        new_stack(program=misspelt).preview()
    assert "'alias' 'UPDATE_PASWORD' is not a Keycloak required action; did you mean 'UPDATE_PASSWORD'?" in str(
        failed.value)

    def unknown() -> None:
        RequiredAction("custom", realm=realm, alias="acme-accept-policy", enabled=True)

    with pytest.raises(auto.errors.CommandError) as refused:
        new_stack(program=unknown).up()
    assert f"realm '{realm}' has no required action 'acme-accept-policy'" in str(refused.value)
    assert "Traceback" not in str(refused.value)


def test_an_export_declares_the_actions_that_differ_from_a_new_realms(
    new_stack: NewStack, admin: KeycloakAdmin, realm: str, tmp_path: Path
) -> None:
    terms = action(admin, realm, "TERMS_AND_CONDITIONS")
    admin.put(f"/{realm}/authentication/required-actions/TERMS_AND_CONDITIONS", {**terms, "enabled": True})
    out = tmp_path / f"export-{uuid.uuid4().hex[:6]}"
    export = export_realm(admin, realm, out, virtualenv=str(ROOT / ".venv"))
    declared = [r for r in export.resources if r.type_name == "RequiredAction"]
    assert [(r.import_id, r.inputs) for r in declared] == [
        (f"{realm}/TERMS_AND_CONDITIONS", {"realm": declared[0].inputs["realm"], "alias": "TERMS_AND_CONDITIONS",
                                           "enabled": True}),
    ]
    assert export.skipped_builtin.get("RequiredAction", 0) >= 10  # the others are a new realm's
    stack = new_stack(work_dir=out)
    before = [action(admin, realm, a["alias"]) for a in admin.get(f"/{realm}/authentication/required-actions")]
    first = stack.up()
    assert first.changes.get("create") == len(export.resources) + 1, first.stdout
    assert [action(admin, realm, str(a["alias"])) for a in before] == before  # adopting changed nothing
    assert stack.up().changed == 0
    stack.cli("state", "unprotect", "--all", "--yes")  # the fixture's destroy deletes the realm
