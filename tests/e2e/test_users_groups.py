"""Users, groups, service-account roles and realm default roles through the real pulumi CLI:
settled diffs, drift undone, set ownership (a set input owns exactly its set; an absent one leaves
memberships made elsewhere alone), passwords applied and never shown, and groups moved in place.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pulumi
import requests

from pulumi_keycloak_dynamic import Client, Group, RealmDefaultRoles, Role, ServiceAccountRoles, User
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]


def user(admin: KeycloakAdmin, realm: str, username: str) -> dict[str, Any]:
    return dict(admin.get(f"/{realm}/users", {"username": username, "exact": "true"})[0])


def group(admin: KeycloakAdmin, realm: str, path: str) -> dict[str, Any]:
    return dict(admin.get(f"/{realm}/group-by-path/{path.strip('/')}"))


def realm_role_names(admin: KeycloakAdmin, realm: str, user_id: str) -> set[str]:
    return {r["name"] for r in admin.get(f"/{realm}/users/{user_id}/role-mappings/realm")}


def group_paths(admin: KeycloakAdmin, realm: str, user_id: str) -> set[str]:
    return {g["path"] for g in admin.get(f"/{realm}/users/{user_id}/groups")}


def login(keycloak: Any, realm: str, username: str, password: str) -> int:
    """Status of a direct-grant login through admin-cli (a public client of every realm)."""
    answer = requests.post(f"{keycloak.url}/realms/{realm}/protocol/openid-connect/token", timeout=30,
                           data={"grant_type": "password", "client_id": "admin-cli",
                                 "username": username, "password": password})
    return answer.status_code


def company(realm: str) -> Callable[[], None]:
    def program() -> None:
        cfg = pulumi.Config()
        dev = Role("dev", realm=realm, name="developer")
        ops = Role("ops", realm=realm, name="operator")
        app = Client("app", realm=realm, client_id="app", public_client=False, service_accounts_enabled=True,
                     standard_flow_enabled=False)
        reader = Role("reader", realm=realm, client_id=app.client_id, name="reader")
        staff = Group("staff", realm=realm, name="staff", attributes={"site": "hq"})
        eng = Group("eng", realm=realm, name="eng", parent=staff, realm_roles=[dev.name],
                    client_roles={"app": [reader.name]}, opts=pulumi.ResourceOptions(depends_on=[app]))
        Group("ops-team", realm=realm, name=cfg.get("opsName") or "ops", parent=cfg.get("opsParent") or "/staff",
              opts=pulumi.ResourceOptions(depends_on=[staff]))
        User("alice", realm=realm, username="alice", email="alice@example.com", first_name="Alice",
             last_name="A", enabled=True, groups=[eng], realm_roles=[ops.name],
             initial_password=cfg.require_secret("alicePassword"),
             opts=pulumi.ResourceOptions(depends_on=[eng]))
        User("bob", realm=realm, username="bob", first_name="Bob", enabled=True)  # sets not declared
        ServiceAccountRoles("app-sa", realm=realm, client_id=app, realm_roles=[ops.name],
                            client_roles={"realm-management": ["view-users"]})
        RealmDefaultRoles("defaults", realm=realm, realm_roles=["offline_access", dev.name])
        pulumi.export("eng_path", eng.path)

    return program


def test_company_settles_and_undoes_drift(new_stack: NewStack, admin: KeycloakAdmin, realm: str,
                                          keycloak: Any) -> None:
    first = f"Pw-{uuid.uuid4().hex}"
    stack = new_stack(program=company(realm), config={"alicePassword": (first, True)})
    created = stack.up()
    assert created.outputs["eng_path"] == "/staff/eng"
    alice, bob = user(admin, realm, "alice"), user(admin, realm, "bob")
    assert group_paths(admin, realm, alice["id"]) == {"/staff/eng"}
    assert realm_role_names(admin, realm, alice["id"]) == {"operator", f"default-roles-{realm}"}
    eng = group(admin, realm, "/staff/eng")
    assert (eng["realmRoles"], eng["clientRoles"]) == (["developer"], {"app": ["reader"]})
    assert group(admin, realm, "/staff/ops")["path"] == "/staff/ops"
    defaults = {r["name"] for r in admin.get(f"/{realm}/roles/default-roles-{realm}/composites/realm")}
    assert defaults == {"offline_access", "developer"}
    assert login(keycloak, realm, "alice", first) == 200

    assert stack.up().changed == 0
    assert stack.refresh().changed == 0
    assert stack.preview().changed == 0

    # Drift by hand: a declared field, and memberships/roles inside and outside declared sets.
    admin.put(f"/{realm}/users/{alice['id']}", {**alice, "firstName": "Mallory"})
    admin.post(f"/{realm}/users/{alice['id']}/role-mappings/realm", [admin.get(f"/{realm}/roles/developer")])
    admin.post(f"/{realm}/users/{bob['id']}/role-mappings/realm", [admin.get(f"/{realm}/roles/developer")])
    admin.put(f"/{realm}/users/{alice['id']}/groups/{group(admin, realm, '/staff')['id']}")
    admin.put(f"/{realm}/users/{bob['id']}/groups/{group(admin, realm, '/staff')['id']}")
    refreshed = stack.refresh()
    assert refreshed.changed >= 1, refreshed.stdout
    fixed = stack.up()
    assert fixed.changes.get("update") == 1, fixed.stdout  # alice only; bob's sets are not declared
    assert user(admin, realm, "alice")["firstName"] == "Alice"
    assert realm_role_names(admin, realm, alice["id"]) == {"operator", f"default-roles-{realm}"}
    assert group_paths(admin, realm, alice["id"]) == {"/staff/eng"}
    assert "developer" in realm_role_names(admin, realm, bob["id"])
    assert group_paths(admin, realm, bob["id"]) == {"/staff"}
    assert stack.up().changed == 0

    # A group renamed and moved to the top level in place: same id, same members.
    ops_id = group(admin, realm, "/staff/ops")["id"]
    admin.put(f"/{realm}/users/{bob['id']}/groups/{ops_id}")
    stack.set_config("opsName", "operations")
    stack.set_config("opsParent", "/staff/eng")
    moved = stack.up()
    assert moved.changes.get("update") == 1 and not moved.changes.get("replace"), moved.stdout
    assert group(admin, realm, "/staff/eng/operations")["id"] == ops_id
    assert "/staff/eng/operations" in group_paths(admin, realm, bob["id"])
    assert stack.up().changed == 0
    assert stack.refresh().changed == 0

    stack.destroy(remove=False)
    assert admin.get(f"/{realm}/users", {"username": "alice", "exact": "true"}) == []
    assert admin.get(f"/{realm}/groups") == []
    sa = admin.get(f"/{realm}/clients", {"clientId": "app"})
    assert sa == []  # the client went with the stack; its roles went first


def test_changed_password_is_applied_and_never_shown(new_stack: NewStack, admin: KeycloakAdmin, realm: str,
                                                     keycloak: Any) -> None:
    first, second = f"First-{uuid.uuid4().hex}", f"Second-{uuid.uuid4().hex}"

    def program() -> None:
        # A complete profile: Keycloak 26 refuses a direct grant to a user missing email or names.
        User("carol", realm=realm, username="carol", enabled=True, email="carol@example.com", first_name="Carol",
             last_name="C", initial_password=pulumi.Config().require_secret("pw"), temporary=False)

    stack = new_stack(program=program, config={"pw": (first, True)})
    texts = [stack.up().stdout]
    assert login(keycloak, realm, "carol", first) == 200
    stack.set_config("pw", second, secret=True)
    preview = stack.preview(diff=True)
    texts.append(preview.stdout)
    assert "initial_password" in preview.stdout and "[secret]" in preview.stdout, preview.stdout
    updated = stack.up(diff=True)
    texts.append(updated.stdout)
    assert updated.changes.get("update") == 1, updated.stdout
    assert login(keycloak, realm, "carol", second) == 200
    assert login(keycloak, realm, "carol", first) != 200
    assert stack.up().changed == 0
    refreshed = stack.refresh()
    texts.append(refreshed.stdout)
    assert refreshed.changed == 0
    assert stack.up().changed == 0  # a refresh keeps the digest: no password reset
    texts += [stack.export_text(), stack.cli("stack", "output", "--json").stdout,
              stack.cli("stack", "history", "--json").stdout]
    for text in texts:
        assert first not in text and second not in text
    outputs = stack.resources("keycloak:User")[0]["outputs"]
    assert "ciphertext" in str(outputs["initial_password"])  # a secret, and its plain text is only a digest


def test_many_children_are_paged(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    def program() -> None:
        parent = Group("root", realm=realm, name="root")
        for index in range(27):
            Group(f"child-{index}", realm=realm, name=f"child-{index:02d}", parent=parent)

    stack = new_stack(program=program)
    stack.up()
    root = group(admin, realm, "/root")
    assert root["subGroupCount"] == 27
    assert len(admin.get(f"/{realm}/groups/{root['id']}/children")) == 10  # Keycloak's default page
    from pulumi_keycloak_dynamic.api import groups

    assert len(groups.list_children(admin, realm, root["id"])) == 27
    assert stack.refresh().changed == 0
    assert stack.up().changed == 0


def test_users_groups_example(new_stack: NewStack, admin: KeycloakAdmin) -> None:
    from pathlib import Path

    realm = f"t-{uuid.uuid4().hex[:10]}"
    password = f"Pw-{uuid.uuid4().hex}"
    work_dir = Path(__file__).resolve().parents[2] / "examples" / "users-groups"
    stack = new_stack(work_dir=work_dir, config={"realm": (realm, False), "initialPassword": (password, True)})
    texts = [stack.up().stdout]
    assert stack.outputs()["platform_path"] == "/company/engineering/platform"
    ada = user(admin, realm, "ada")
    assert group_paths(admin, realm, ada["id"]) == {"/company/engineering/platform"}
    assert ada["requiredActions"] == ["UPDATE_PASSWORD"]  # the temporary password
    app = admin.get(f"/{realm}/clients", {"clientId": "reporting"})[0]
    sa = admin.get(f"/{realm}/clients/{app['id']}/service-account-user")
    held = admin.get(f"/{realm}/users/{sa['id']}/role-mappings")
    assert {r["name"] for r in held["clientMappings"]["realm-management"]["mappings"]} == {"view-users",
                                                                                           "query-groups"}
    assert "employee" in {r["name"] for r in held["realmMappings"]}
    for step in (stack.up, stack.refresh):
        result = step()
        texts.append(result.stdout)
        assert result.changed == 0, result.stdout

    # Drift in a group's declared attribute and in the service account's declared client roles.
    eng = group(admin, realm, "/company/engineering")
    admin.put(f"/{realm}/groups/{eng['id']}", {**eng, "attributes": {"cost-center": ["9999"]}})
    manage = admin.get(f"/{realm}/clients", {"clientId": "realm-management"})[0]
    admin.post(f"/{realm}/users/{sa['id']}/role-mappings/clients/{manage['id']}",
               [admin.get(f"/{realm}/clients/{manage['id']}/roles/manage-users")])
    assert stack.refresh().changes.get("update") == 2
    assert stack.up().changes.get("update") == 2
    assert group(admin, realm, "/company/engineering")["attributes"] == {"cost-center": ["2000"]}
    held = admin.get(f"/{realm}/users/{sa['id']}/role-mappings")
    assert {r["name"] for r in held["clientMappings"]["realm-management"]["mappings"]} == {"view-users",
                                                                                           "query-groups"}
    texts.append(stack.export_text())
    assert all(password not in text for text in texts)
    stack.destroy()
    assert admin.get_or_none(f"/{realm}") is None


def test_values_keycloak_would_change_are_refused_in_one_line(new_stack: NewStack, admin: KeycloakAdmin,
                                                              realm_factory: Callable[..., str]) -> None:
    """Email as username, attributes the user profile drops, a password the policy refuses, a group
    that does not exist: each is one line naming the problem, nothing is left behind, and the
    password appears nowhere."""
    import pulumi.automation as auto
    import pytest

    realm = realm_factory(registrationEmailAsUsername=True, passwordPolicy="length(64)")
    password = f"Short-{uuid.uuid4().hex[:8]}"
    cases: list[tuple[dict[str, Any], str]] = [
        ({"username": "erin", "email": "erin@example.com"}, "Keycloak stored username 'erin@example.com' instead"),
        ({"username": "fay@example.com", "email": "fay@example.com", "attributes": {"team": "blue"}},
         "did not keep the attributes ['team']"),
        ({"username": "gus@example.com", "email": "gus@example.com", "initial_password": password},
         "Invalid password: minimum length 64"),
        # the create carries the groups; Keycloak answers an unknown one with a bare 500
        ({"username": "hal@example.com", "email": "hal@example.com", "groups": ["/no-such-group"]},
         "group '/no-such-group' not found in realm"),
    ]
    for inputs, says in cases:
        def program(inputs: dict[str, Any] = inputs) -> None:
            User("u", realm=realm, first_name="F", last_name="L", **inputs)

        with pytest.raises(auto.errors.CommandError) as failed:
            new_stack(program=program).up()
        text = str(failed.value)
        assert says in text, text
        assert "Traceback" not in text and password not in text
        assert admin.get(f"/{realm}/users", {"username": inputs["username"], "exact": "true"}) == []


def test_adopted_user_keeps_its_password_until_the_program_changes_it(new_stack: NewStack, admin: KeycloakAdmin,
                                                                      realm: str, keycloak: Any) -> None:
    by_hand, declared, changed = (f"Pw-{uuid.uuid4().hex}" for _ in range(3))
    admin.post(f"/{realm}/users", {"username": "hal", "enabled": True, "email": "hal@example.com",
                                   "firstName": "Hal", "lastName": "H",
                                   "credentials": [{"type": "password", "value": by_hand, "temporary": False}]})
    hal_id = user(admin, realm, "hal")["id"]

    def program() -> None:
        User("hal", realm=realm, username="hal", first_name="Hal 9000",
             initial_password=pulumi.Config().require_secret("pw"),
             opts=pulumi.ResourceOptions(import_=f"{realm}/hal"))

    stack = new_stack(program=program, config={"pw": (declared, True)})
    adopted = stack.up()
    assert adopted.changes.get("create") == 2, adopted.stdout  # the stack and the adopted user
    assert user(admin, realm, "hal")["id"] == hal_id and user(admin, realm, "hal")["firstName"] == "Hal 9000"
    assert login(keycloak, realm, "hal", by_hand) == 200  # adoption does not reset a password
    assert stack.up().changed == 0
    stack.set_config("pw", changed, secret=True)
    assert stack.up().changes.get("update") == 1
    assert login(keycloak, realm, "hal", changed) == 200


def test_realm_rename_carries_users_and_groups(new_stack: NewStack, admin: KeycloakAdmin) -> None:
    from pulumi_keycloak_dynamic import Realm

    first, second = f"t-{uuid.uuid4().hex[:10]}", f"t-{uuid.uuid4().hex[:10]}"

    def program() -> None:
        realm = Realm("realm", realm=pulumi.Config().get("name") or first, enabled=True)
        staff = Group("staff", realm=realm, name="staff")
        User("ivy", realm=realm, username="ivy", enabled=True, groups=[staff])
        RealmDefaultRoles("defaults", realm=realm, realm_roles=["offline_access"])

    stack = new_stack(program=program)
    try:
        stack.up()
        ivy_id, staff_id = user(admin, first, "ivy")["id"], group(admin, first, "/staff")["id"]
        stack.set_config("name", second)
        renamed = stack.up()
        assert not renamed.changes.get("replace") and not renamed.changes.get("delete"), renamed.stdout
        assert user(admin, second, "ivy")["id"] == ivy_id and group(admin, second, "/staff")["id"] == staff_id
        assert stack.up().changed == 0
    finally:
        for name in (first, second):
            admin.delete(f"/{name}")
