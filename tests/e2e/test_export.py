"""``python -m pulumi_keycloak_dynamic export`` end to end: a realm made by hand (and one imported
from a realm-export file Keycloak itself wrote) is exported, the project runs through the real
pulumi CLI, the first ``up`` adopts everything and changes nothing in Keycloak (a partial export
before and after is the same), a second ``up`` and ``refresh`` change nothing, and removing a
resource from the program deletes that object on the next ``up``.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin, quote_segment
from pulumi_keycloak_dynamic.export import RealmExport, export_realm
from pulumi_keycloak_dynamic.export.model import Ref
from tests.support.pulumi_runner import PulumiStack
from tests.support.realm_builder import build_realm

ROOT = Path(__file__).resolve().parents[2]
EXPORT_FILE = ROOT / "tests" / "data" / "realm-export-acme.json"
NewStack = Callable[..., PulumiStack]


def partial_export(admin: KeycloakAdmin, realm: str) -> dict[str, Any]:
    """Keycloak's own view of the realm: settings, clients with mappers and scopes, roles, composites."""
    params = {"exportClients": "true", "exportGroupsAndRoles": "true"}
    return dict(admin.session.request("POST", f"/{realm}/partial-export", params=params).json())


def users_view(admin: KeycloakAdmin, realm: str) -> dict[str, Any]:
    """Every user with its direct groups and role mappings (a partial export holds no users)."""
    view = {}
    for user in admin.get(f"/{realm}/users", {"briefRepresentation": "false"}):
        base = f"/{realm}/users/{user['id']}"
        view[user["username"]] = {
            **{k: v for k, v in user.items() if k != "access"},
            "groups": sorted(g["path"] for g in admin.get(f"{base}/groups")),
            "roles": admin.get(f"{base}/role-mappings"),
            "credentials": [c["type"] for c in admin.get(f"{base}/credentials")],
        }
    return view


def client_secrets(admin: KeycloakAdmin, realm: str) -> dict[str, str]:
    return {c["clientId"]: c.get("secret") for c in admin.get(f"/{realm}/clients")}


def secret_value(admin: KeycloakAdmin, realm: str, source: tuple[str, str, str, str | None]) -> str:
    """What a ``config.require_secret`` input of the export holds in Keycloak (read by the test)."""
    type_name, import_id, name, map_key = source
    if type_name == "IdentityProvider":
        assert name == "client_secret" and import_id.endswith("/corp")
        return "corp-idp-s3cret"  # Keycloak never gives it back: the value the builder set
    assert type_name == "Client", f"no test value for a secret of a {type_name}"
    client_id = import_id.partition("/")[2]
    client = admin.get(f"/{realm}/clients", {"clientId": client_id})[0]
    if name == "secret":
        return str(client["secret"])
    return str(client["attributes"][map_key])


def adopt_and_settle(new_stack: NewStack, admin: KeycloakAdmin, realm: str, tmp_path: Path,
                     min_objects: int, stacks: list[PulumiStack],
                     include_builtin: bool = False) -> tuple[PulumiStack, RealmExport, Path]:
    before = partial_export(admin, realm)
    users_before = users_view(admin, realm)
    secrets_before = client_secrets(admin, realm)
    out = tmp_path / "acme-stack"
    export = export_realm(admin, realm, out, virtualenv=str(ROOT / ".venv"), include_builtin=include_builtin)
    assert len(export.resources) >= min_objects
    main = (out / "__main__.py").read_text()
    assert "import_=" in main and "Built-in objects" in main
    assert not any(s and s in main for s in secrets_before.values()), "a client secret was written into the program"
    assert all(f"pulumi config set --secret {s.key} " in (out / "README.md").read_text() for s in export.secrets)
    typed = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(out / "__main__.py")],
                           cwd=ROOT, capture_output=True, text=True, check=False)
    assert typed.returncode == 0, typed.stdout  # the program type-checks against the generated classes

    stack = new_stack(work_dir=out)
    stacks.append(stack)
    for secret in export.secrets:
        stack.set_config(secret.key, secret_value(admin, realm, secret.source), secret=True)
    admin.delete(f"/{realm}/admin-events")  # from here on, every write to the realm is recorded
    first = stack.up()
    assert first.changes.get("create") == len(export.resources) + 1, first.stdout  # + the stack
    assert admin.get(f"/{realm}/admin-events") == [], "the first up wrote to Keycloak"
    after = partial_export(admin, realm)
    # Keycloak 26.0.8 lists a client's scope names in no stable order: lists of names compare as sets
    assert not differences(before, after), f"the first up changed Keycloak: {differences(before, after)[:10]}"
    assert client_secrets(admin, realm) == secrets_before
    assert not differences(users_before, users_view(admin, realm)), "the first up changed a user"
    second = stack.up()
    assert second.changed == 0, second.stdout
    refreshed = stack.refresh()
    assert refreshed.changed == 0, refreshed.stdout
    assert stack.preview().changed == 0
    return stack, export, out


def differences(before: Any, after: Any, path: str = "") -> list[str]:
    """Where two JSON values differ (lists of objects are matched by clientId/name/alias when they have one)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k in sorted(set(before) | set(after), key=str)
                for d in differences(before.get(k), after.get(k), f"{path}.{k}")]
    if isinstance(before, list) and isinstance(after, list) and all(isinstance(v, str) for v in before + after):
        return [] if sorted(before) == sorted(after) else [f"{path}: {before!r} -> {after!r}"]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after, strict=True))
                for d in differences(b, a, f"{path}[{_label(b, i)}]")]
    return [] if before == after else [f"{path}: {before!r} -> {after!r}"]


def _label(item: Any, index: int) -> str:
    if isinstance(item, dict):
        return str(next((item[k] for k in ("clientId", "name", "alias") if k in item), index))
    return str(index)


def remove_resource(out: Path, var: str) -> None:
    """Delete the block ``<var> = Kind(...)`` from the generated program."""
    main = (out / "__main__.py").read_text()
    pattern = re.compile(rf"^{re.escape(var)} = \w+\($.*?^\)$\n", re.M | re.S)
    assert pattern.search(main), f"{var} not found"
    (out / "__main__.py").write_text(pattern.sub("", main, count=1))


@pytest.fixture
def stacks() -> Iterator[list[PulumiStack]]:
    """Stacks of generated projects: their realm is protected, so unprotect it before they are destroyed."""
    made: list[PulumiStack] = []
    yield made
    for stack in made:
        stack.cli("state", "unprotect", "--all", "--yes", check=False)


def test_a_hand_built_realm_is_adopted_without_a_change(new_stack: NewStack, admin: KeycloakAdmin, realm: str,
                                                        tmp_path: Path, stacks: list[PulumiStack]) -> None:
    made = build_realm(admin, realm, apps=6)  # 10 clients, 4 protocol mappers, 21 roles, scope, IdP, 2 mappers
    assert made >= 30
    stack, export, out = adopt_and_settle(new_stack, admin, realm, tmp_path, 1 + 10 + 21 + 1 + 1 + 2, stacks)
    kinds = {r.type_name for r in export.resources}
    assert kinds == {"Realm", "Client", "Role", "ClientScope", "IdentityProvider", "IdentityProviderMapper"}
    assert set(export.kinds) == kinds | {"Group", "User", "ServiceAccountRoles", "RealmDefaultRoles", "RequiredAction"}
    assert any(s.source[:3] == ("IdentityProvider", f"{realm}/corp", "client_secret") for s in export.secrets)
    manager = next(r for r in export.resources if r.var == "role_manager")
    # composites: unique names become the roles' outputs, names several roles share stay names
    composites = set(manager.inputs["composite_realm_roles"])
    assert composites == {Ref("role_user", "name"), Ref("role_staff_member_eu", "name")}
    assert manager.inputs["composite_client_roles"]["app-000"] == ["viewer"]
    assert "role_app_000_viewer" in manager.depends_on
    assert any(s.source[2] == "secret" and "billing-backend" in s.source[1] for s in export.secrets)

    # Exported again, with the connection from the stack's keycloak:* config: the same program.
    again = tmp_path / "again" / "acme-stack"
    env = {k: v for k, v in stack.env.items() if not k.startswith("KEYCLOAK_")}
    rerun = subprocess.run([sys.executable, "-m", "pulumi_keycloak_dynamic", "export", "--realm", realm,
                            "--out", str(again), "--stack", stack.stack_name],
                           cwd=out, env=env, capture_output=True, text=True, check=False, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"wrote {again}: {len(export.resources)} resources")
    for name in ("__main__.py", "README.md"):
        assert (again / name).read_text() == (out / name).read_text(), f"{name} differs on a second export"

    remove_resource(out, "client_legacy_api")
    removed = stack.up()
    assert removed.changes.get("delete") == 1, removed.stdout
    assert admin.get(f"/{realm}/clients", {"clientId": "legacy-api"}) == []


def test_a_realm_imported_from_keycloaks_own_export_is_adopted_without_a_change(
    new_stack: NewStack, admin: KeycloakAdmin, tmp_path: Path, stacks: list[PulumiStack]
) -> None:
    rep = _without_ids(json.loads(EXPORT_FILE.read_text()))
    name = f"t-{uuid.uuid4().hex[:10]}"
    rep["realm"] = name
    admin.create("", rep, lambda: None)
    try:
        _, export, _ = adopt_and_settle(new_stack, admin, name, tmp_path, 30, stacks)
        assert {r.type_name for r in export.resources} >= {"Realm", "Client", "Role"}
    finally:
        admin.delete(f"/{quote_segment(name)}")


def test_built_in_objects_are_adopted_without_a_change_when_asked_for(
    new_stack: NewStack, admin: KeycloakAdmin, realm_factory: Callable[..., str], tmp_path: Path,
    stacks: list[PulumiStack]
) -> None:
    realm = realm_factory(adminEventsEnabled=True)
    _, export, out = adopt_and_settle(new_stack, admin, realm, tmp_path, 10, stacks, include_builtin=True)
    ids = {r.import_id for r in export.resources}
    assert {f"{realm}/realm-management", f"{realm}/default-roles-{realm}", f"{realm}/account/manage-account"} <= ids
    assert "are included (--include-builtin)" in (out / "__main__.py").read_text()


def test_nested_groups_and_users_are_adopted_without_a_change(
    new_stack: NewStack, admin: KeycloakAdmin, realm_factory: Callable[..., str], tmp_path: Path,
    stacks: list[PulumiStack]
) -> None:
    realm = realm_factory(adminEventsEnabled=True)
    profile = admin.get(f"/{realm}/users/profile")  # user attributes are kept only when the profile allows them
    admin.put(f"/{realm}/users/profile", {**profile, "unmanagedAttributePolicy": "ENABLED"})
    admin.create(f"/{realm}/roles", {"name": "developer"}, lambda: None)
    app = admin.create(f"/{realm}/clients", {"clientId": "app", "publicClient": True}, lambda: None)
    admin.create(f"/{realm}/clients/{app}/roles", {"name": "reader"}, lambda: None)
    developer = admin.get(f"/{realm}/roles/developer")
    reader = admin.get(f"/{realm}/clients/{app}/roles/reader")
    staff = admin.create(f"/{realm}/groups", {"name": "staff", "attributes": {"site": ["hq", "eu"]}}, lambda: None)
    eng = admin.create(f"/{realm}/groups/{staff}/children", {"name": "eng"}, lambda: None)
    admin.post(f"/{realm}/groups/{eng}/role-mappings/realm", [developer])
    admin.post(f"/{realm}/groups/{eng}/role-mappings/clients/{app}", [reader])
    alice = admin.create(f"/{realm}/users", {
        "username": "alice", "email": "alice@example.com", "firstName": "Alice", "lastName": "Doe",
        "enabled": True, "emailVerified": True, "attributes": {"dept": ["rnd"]}, "requiredActions": ["VERIFY_EMAIL"],
    }, lambda: None)
    bob = admin.create(f"/{realm}/users", {"username": "bob", "enabled": True}, lambda: None)
    admin.put(f"/{realm}/users/{alice}/reset-password", {"type": "password", "value": "Al1ce-pw!", "temporary": False})
    admin.put(f"/{realm}/users/{alice}/groups/{eng}")
    admin.put(f"/{realm}/users/{bob}/groups/{staff}")
    admin.post(f"/{realm}/users/{alice}/role-mappings/realm", [developer])
    admin.post(f"/{realm}/users/{bob}/role-mappings/clients/{app}", [reader])
    worker = admin.create(f"/{realm}/clients", {"clientId": "worker", "publicClient": False, "secret": "w0rker-s3cret",
                                                "serviceAccountsEnabled": True, "standardFlowEnabled": False},
                          lambda: None)
    robot = admin.get(f"/{realm}/clients/{worker}/service-account-user")["id"]
    admin.post(f"/{realm}/users/{robot}/role-mappings/realm", [developer])
    admin.post(f"/{realm}/users/{robot}/role-mappings/clients/{app}", [reader])
    admin.post(f"/{realm}/roles/default-roles-{realm}/composites", [developer])

    _, export, out = adopt_and_settle(new_stack, admin, realm, tmp_path, 1 + 2 + 2 + 2 + 2 + 1 + 1, stacks)
    by_var = {r.var: r for r in export.resources}
    assert by_var["group_staff_eng"].inputs["parent"] == Ref("group_staff", "path")
    assert by_var["group_staff"].inputs["attributes"] == {"site": ["hq", "eu"]}
    assert by_var["group_staff_eng"].import_id == f"{realm}/staff/eng"
    assert by_var["group_staff_eng"].inputs["realm_roles"] == [Ref("role_developer", "name")]
    assert by_var["group_staff_eng"].inputs["client_roles"] == {"app": [Ref("role_app_reader", "name")]}
    alice_res, bob_res = by_var["user_alice"], by_var["user_bob"]
    assert alice_res.inputs["groups"] == [Ref("group_staff_eng", "path")]
    assert alice_res.inputs["realm_roles"] == [Ref("role_developer", "name")]  # default-roles-<realm> left out
    assert alice_res.inputs["required_actions"] == ["VERIFY_EMAIL"]
    assert alice_res.inputs["attributes"] == {"dept": ["rnd"]}
    assert bob_res.inputs["client_roles"] == {"app": [Ref("role_app_reader", "name")]}
    assert "realm_roles" not in bob_res.inputs
    assert "service-account-worker" not in {r.inputs.get("username") for r in export.resources}
    robot_roles = by_var["service_account_roles_worker"].inputs
    assert robot_roles["client_id"] == Ref("client_worker", "client_id")
    assert robot_roles["realm_roles"] == [Ref("role_developer", "name")]
    assert robot_roles["client_roles"] == {"app": [Ref("role_app_reader", "name")]}
    defaults = by_var["realm_default_roles"].inputs  # the built-in set plus developer, all of it declared
    assert defaults["realm_roles"] == [Ref("role_developer", "name"), "offline_access", "uma_authorization"]
    assert defaults["client_roles"] == {"account": ["manage-account", "view-profile"]}
    main = (out / "__main__.py").read_text()
    assert "initial_password" not in main and "Al1ce" not in main


def _without_ids(value: Any) -> Any:
    """A realm export without Keycloak's ids, so it can be imported next to the realm it came from."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in ("id", "containerId")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return copy.deepcopy(value)
