"""What Realm, Client and Role promise beyond create/update/delete, through the real pulumi CLI:
adoption of existing objects, secrets, renames in place, clean failures, protection, objects
deleted or changed by hand, and default roles. Each test works in a realm of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Client, Realm, Role
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]


def find_client(admin: KeycloakAdmin, realm: str, client_id: str) -> dict[str, Any] | None:
    found = admin.get(f"/{realm}/clients", {"clientId": client_id})
    return dict(found[0]) if found else None


def composite_names(admin: KeycloakAdmin, realm: str, role: str) -> list[str]:
    return sorted(r["name"] for r in admin.get(f"/{realm}/roles/{role}/composites"))


def test_existing_client_and_role_are_adopted_then_settled(new_stack: NewStack, admin: KeycloakAdmin,
                                                           realm: str) -> None:
    admin.post(f"/{realm}/clients", {"clientId": "legacy-app", "description": "made by hand",
                                     "redirectUris": ["https://legacy.example.com/*"]})
    admin.post(f"/{realm}/roles", {"name": "legacy-role", "description": "made by hand"})
    client_uuid = find_client(admin, realm, "legacy-app")["id"]  # type: ignore[index]
    role_id = admin.get(f"/{realm}/roles/legacy-role")["id"]

    def program() -> None:
        Client("legacy-app", realm=realm, client_id="legacy-app", description="made by hand",
               redirect_uris=["https://legacy.example.com/*"],
               opts=pulumi.ResourceOptions(import_=f"{realm}/legacy-app"))
        # An adopted object is brought to the declared inputs (here: a new description).
        Role("legacy-role", realm=realm, name="legacy-role", description="adopted by pulumi",
             opts=pulumi.ResourceOptions(import_=f"{realm}/legacy-role"))

    stack = new_stack(program=program)
    adopted = stack.up()
    assert adopted.changes.get("create") == 3, adopted.stdout  # the stack and the two adopted objects
    assert find_client(admin, realm, "legacy-app")["id"] == client_uuid  # type: ignore[index]
    role = admin.get(f"/{realm}/roles/legacy-role")
    assert (role["id"], role["description"]) == (role_id, "adopted by pulumi")
    assert len(admin.get(f"/{realm}/clients", {"clientId": "legacy-app"})) == 1
    assert {r["id"] for r in stack.resources("keycloak:Client") + stack.resources("keycloak:Role")} == {
        client_uuid, role_id
    }
    settled = stack.up()
    assert settled.changed == 0, settled.stdout


def test_import_id_naming_another_object_is_refused(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    def program() -> None:
        Client("app", realm=realm, client_id="app", opts=pulumi.ResourceOptions(import_=f"{realm}/other-app"))

    with pytest.raises(auto.errors.CommandError) as failed:
        new_stack(program=program).preview()
    assert f"import_ '{realm}/other-app' names another Client than the inputs; write import_='{realm}/app'" in str(
        failed.value
    )
    assert find_client(admin, realm, "app") is None


def test_changed_secret_is_an_update_and_never_shown(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    first, second = f"first-{uuid.uuid4().hex}", f"second-{uuid.uuid4().hex}"

    def program() -> None:
        Client("api", realm=realm, client_id="api", public_client=False,
               secret=pulumi.Config().require_secret("secret"))

    stack = new_stack(program=program, config={"secret": (first, True)})
    texts = [stack.up().stdout]
    client_uuid = find_client(admin, realm, "api")["id"]  # type: ignore[index]
    assert admin.get(f"/{realm}/clients/{client_uuid}/client-secret")["value"] == first

    stack.set_config("secret", second, secret=True)
    preview = stack.preview(diff=True)
    texts.append(preview.stdout)
    assert preview.changes.get("update") == 1, preview.stdout
    applied = stack.up(diff=True)
    texts.append(applied.stdout)
    assert applied.changes.get("update") == 1
    assert admin.get(f"/{realm}/clients/{client_uuid}/client-secret")["value"] == second
    assert find_client(admin, realm, "api")["id"] == client_uuid  # updated, not replaced

    texts.append(stack.export_text())
    texts.append(stack.cli("stack", "output", "--json").stdout)
    for text in texts:
        assert first not in text and second not in text


def test_realm_rename_is_an_update_in_place(new_stack: NewStack, admin: KeycloakAdmin) -> None:
    old, new = f"t-{uuid.uuid4().hex[:10]}", f"t-{uuid.uuid4().hex[:10]}"

    def program() -> None:
        Realm("realm", realm=pulumi.Config().require("name"), enabled=True, display_name="Renamed")

    stack = new_stack(program=program, config={"name": (old, False)})
    stack.up()
    realm_id = admin.get(f"/{old}")["id"]

    stack.set_config("name", new)
    preview = stack.preview()
    assert preview.changes.get("update") == 1, preview.stdout
    assert not any(op in preview.changes for op in ("replace", "create-replacement", "delete-replaced"))
    renamed = stack.up()
    assert renamed.changes.get("update") == 1 and "replace" not in renamed.changes
    assert admin.get(f"/{new}")["id"] == realm_id
    assert admin.get(f"/{new}")["displayName"] == "Renamed"
    assert admin.get_or_none(f"/{old}") is None
    assert stack.up().changed == 0


def test_failed_create_reports_one_line_and_leaves_nothing(new_stack: NewStack, admin: KeycloakAdmin,
                                                           realm: str) -> None:
    def program() -> None:
        Role("broken", realm=realm, name="broken", composite_realm_roles=["does-not-exist"])

    stack = new_stack(program=program)
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.up()
    text = str(failed.value)
    assert "Traceback" not in text
    lines = [line.strip() for line in text.splitlines() if "does-not-exist" in line and "error:" in line]
    assert lines, text
    assert f"creating Role '{realm}/broken'" in lines[0], lines
    assert "composite role 'does-not-exist' does not exist" in lines[0]
    diagnostics = text.split("keycloak:Role (broken):", 1)[1].strip().splitlines()
    assert diagnostics[0].startswith("error: creating Role") and diagnostics[1].strip() == "", text  # one line
    assert admin.get_or_none(f"/{realm}/roles/broken") is None
    assert not stack.resources("keycloak:Role")


def test_protected_realm_survives_destroy(new_stack: NewStack, admin: KeycloakAdmin) -> None:
    name = f"t-{uuid.uuid4().hex[:10]}"

    def program() -> None:
        Realm("realm", realm=name, enabled=True, opts=pulumi.ResourceOptions(protect=True))

    stack = new_stack(program=program)
    stack.up()
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.destroy(remove=False)
    assert "protected" in str(failed.value)
    assert admin.get_or_none(f"/{name}") is not None

    stack.cli("state", "unprotect", "--all", "--yes")
    assert stack.destroy(remove=False).changes.get("delete") == 2  # the realm and the stack
    assert admin.get_or_none(f"/{name}") is None


def test_client_deleted_by_hand_is_dropped_by_refresh_and_recreated(new_stack: NewStack, admin: KeycloakAdmin,
                                                                    realm: str) -> None:
    def program() -> None:
        Client("app", realm=realm, client_id="app", description="kept by pulumi")

    stack = new_stack(program=program)
    stack.up()
    admin.delete(f"/{realm}/clients/{find_client(admin, realm, 'app')['id']}")  # type: ignore[index]

    refreshed = stack.refresh()
    assert refreshed.changes.get("delete") == 1, refreshed.stdout
    assert not stack.resources("keycloak:Client")
    recreated = stack.up()
    assert recreated.changes.get("create") == 1, recreated.stdout
    assert find_client(admin, realm, "app")["description"] == "kept by pulumi"  # type: ignore[index]


def test_composite_added_by_hand_is_found_by_refresh_and_removed_by_up(new_stack: NewStack, admin: KeycloakAdmin,
                                                                       realm: str) -> None:
    admin.post(f"/{realm}/roles", {"name": "extra"})

    def program() -> None:
        child = Role("child", realm=realm, name="child")
        Role("parent", realm=realm, name="parent", composite_realm_roles=[child.name])

    stack = new_stack(program=program)
    stack.up()
    assert composite_names(admin, realm, "parent") == ["child"]
    extra = admin.get(f"/{realm}/roles/extra")
    admin.post(f"/{realm}/roles/parent/composites", [extra])
    assert composite_names(admin, realm, "parent") == ["child", "extra"]

    refreshed = stack.refresh()
    assert refreshed.changes.get("update") == 1, refreshed.stdout
    repaired = stack.up()
    assert repaired.changes.get("update") == 1, repaired.stdout
    assert composite_names(admin, realm, "parent") == ["child"]
    assert admin.get_or_none(f"/{realm}/roles/extra") is not None  # removed from parent, not deleted


def test_removing_a_default_role_removes_it_from_the_realm_defaults(new_stack: NewStack, admin: KeycloakAdmin,
                                                                    realm: str) -> None:
    def program() -> None:
        wanted = pulumi.Config().require("default_roles").split(",")
        Client("app", realm=realm, client_id="app", default_roles=wanted)

    def defaults() -> list[str]:
        uuid_ = find_client(admin, realm, "app")["id"]  # type: ignore[index]
        return sorted(r["name"] for r in admin.get(f"/{realm}/roles/default-roles-{realm}/composites/clients/{uuid_}"))

    stack = new_stack(program=program, config={"default_roles": ("reader,writer", False)})
    stack.up()
    assert defaults() == ["reader", "writer"]

    stack.set_config("default_roles", "reader")
    assert stack.up().changes.get("update") == 1
    assert defaults() == ["reader"]
    assert stack.up().changed == 0


def test_import_of_an_absent_object_creates_it(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    """So the replacement of an adopted object (delete, then create) still works."""

    def program() -> None:
        Client("fresh", realm=realm, client_id="fresh", opts=pulumi.ResourceOptions(import_=f"{realm}/fresh"))

    created = new_stack(program=program).up()
    assert created.changes.get("create") == 2, created.stdout
    assert find_client(admin, realm, "fresh") is not None


def test_client_update_keeps_the_service_account_user(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    """Keycloak 26.0 deletes the service-account user on a client PUT without serviceAccountsEnabled
    (and answers 500 when authorization is on); the engine's PUT must carry the server's flag."""

    def program() -> None:
        Client("rs", realm=realm, client_id="rs", public_client=False, service_accounts_enabled=True,
               authorization_services_enabled=True, description=pulumi.Config().require("description"))

    stack = new_stack(program=program, config={"description": ("first", False)})
    stack.up()
    client_uuid = find_client(admin, realm, "rs")["id"]  # type: ignore[index]
    user = admin.get(f"/{realm}/clients/{client_uuid}/service-account-user")
    admin.post(f"/{realm}/roles", {"name": "granted-by-hand"})
    admin.post(f"/{realm}/users/{user['id']}/role-mappings/realm", [admin.get(f"/{realm}/roles/granted-by-hand")])

    stack.set_config("description", "second")
    assert stack.up().changes.get("update") == 1
    assert find_client(admin, realm, "rs")["description"] == "second"  # type: ignore[index]
    assert admin.get(f"/{realm}/clients/{client_uuid}/service-account-user")["id"] == user["id"]
    assert "granted-by-hand" in {r["name"] for r in admin.get(f"/{realm}/users/{user['id']}/role-mappings/realm")}
    assert admin.get_or_none(f"/{realm}/clients/{client_uuid}/authz/resource-server") is not None
