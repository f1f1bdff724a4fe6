"""Renaming a realm (or a client) carries the objects that refer to it, in place.

Clients and roles given ``realm=realm.realm`` (or the Realm resource) follow a realm rename with
an update of the same objects (same ids), and roles given ``client_id=client.client_id`` follow a
client's new clientId; a second ``up`` and a ``refresh`` then report nothing. A genuine move to
another realm is refused in one line that says how to move. ``refresh`` finds objects of a realm
renamed outside the program by the realm's id.
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


def ids_by_name(stack: PulumiStack) -> dict[str, str]:
    return {r["urn"].rsplit("::", 1)[1]: r["id"] for r in stack.export()["deployment"]["resources"]
            if r["type"].startswith("pulumi-python:dynamic/keycloak:")}


def realm_program() -> None:
    config = pulumi.Config()
    realm = Realm("realm", realm=config.require("realm"), enabled=True)
    apps = [Client(f"app{i}", realm=realm.realm, client_id=f"app-{i}", description=f"app {i}") for i in range(4)]
    owner = Client("owner", realm=realm, client_id=config.require("client_id"), public_client=False)
    for i in range(3):
        Role(f"role{i}", realm=realm.realm, name=f"role-{i}", composite_realm_roles=[] if i else ["offline_access"])
    Role("owned-reader", realm=realm, client_id=owner, name="reader")
    Role("owned-writer", realm=realm.realm, client_id=owner.client_id, name="writer")
    pulumi.export("apps", [a.client_uuid for a in apps])


def test_realm_and_client_renames_update_their_dependents_in_place(new_stack: NewStack, admin: KeycloakAdmin) -> None:
    old, new = f"t-{uuid.uuid4().hex[:10]}", f"t-{uuid.uuid4().hex[:10]}"
    stack = new_stack(program=realm_program, config={"realm": (old, False), "client_id": ("owner", False)})
    try:
        stack.up()
        before = ids_by_name(stack)
        assert len(before) == 11  # 1 realm, 5 clients, 5 roles

        stack.set_config("realm", new)
        preview = stack.preview()
        assert preview.changes.get("update") == 11, preview.stdout
        assert not set(preview.changes) & {"replace", "create", "delete", "create-replacement"}, preview.changes
        renamed = stack.up()
        assert renamed.changes.get("update") == 11, renamed.stdout
        assert ids_by_name(stack) == before  # same objects
        assert admin.get_or_none(f"/{old}") is None
        assert sorted(c["id"] for c in admin.get(f"/{new}/clients") if c["clientId"].startswith(("app-", "owner"))) \
            == sorted(v for k, v in before.items() if k.startswith(("app", "owner")))
        assert stack.up().changed == 0
        assert stack.refresh().changed == 0
        assert stack.preview().changed == 0

        stack.set_config("client_id", "owner-renamed")
        renamed_client = stack.up()
        assert renamed_client.changes.get("update") == 3, renamed_client.stdout  # the client and its two roles
        assert ids_by_name(stack) == before
        owner = admin.get(f"/{new}/clients", {"clientId": "owner-renamed"})[0]
        assert owner["id"] == before["owner"]
        assert sorted(r["name"] for r in admin.get(f"/{new}/clients/{owner['id']}/roles")) == ["reader", "writer"]
        assert stack.up().changed == 0
        assert stack.refresh().changed == 0
    finally:
        stack.destroy(remove=False)


def test_a_move_to_another_realm_is_refused_with_the_way_to_move(new_stack: NewStack, admin: KeycloakAdmin,
                                                                 realm_factory: Callable[..., str]) -> None:
    first, second = realm_factory(), realm_factory()

    def program() -> None:
        Client("app", realm=pulumi.Config().require("realm"), client_id="app")

    stack = new_stack(program=program, config={"realm": (first, False)})
    stack.up()
    client_uuid = admin.get(f"/{first}/clients", {"clientId": "app"})[0]["id"]
    stack.set_config("realm", second)
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.up()
    text = str(failed.value)
    line = next(line for line in text.splitlines() if f"is not in realm '{second}'" in line)
    assert f"realm '{first}' was not renamed to '{second}'" in line and "give this resource a new name" in line, line
    assert "Traceback" not in text
    assert admin.get(f"/{first}/clients/{client_uuid}")["clientId"] == "app"  # untouched
    assert not admin.get(f"/{second}/clients", {"clientId": "app"})


def test_refresh_follows_a_realm_renamed_outside_the_program(new_stack: NewStack, admin: KeycloakAdmin) -> None:
    old, new = f"t-{uuid.uuid4().hex[:10]}", f"t-{uuid.uuid4().hex[:10]}"

    def program() -> None:
        name = pulumi.Config().require("realm")
        realm = Realm("realm", realm=name, enabled=True)
        client = Client("app", realm=realm.realm, client_id="app")
        Role("reader", realm=realm.realm, name="reader")
        Role("app-reader", realm=realm.realm, client_id=client.client_id, name="reader")

    stack = new_stack(program=program, config={"realm": (old, False)})
    try:
        stack.up()
        before = ids_by_name(stack)
        admin.put(f"/{old}", {"realm": new})  # renamed by hand

        refreshed = stack.refresh()
        assert not refreshed.changes.get("delete"), refreshed.stdout  # nothing dropped from the state
        assert ids_by_name(stack) == before
        state: dict[str, Any] = {r["urn"].rsplit("::", 1)[1]: r.get("outputs", {})
                                 for r in stack.export()["deployment"]["resources"]}
        assert {state[n]["realm"] for n in ("realm", "app", "reader", "app-reader")} == {new}

        stack.set_config("realm", new)  # the program adopts the new name: nothing left to do
        assert stack.preview().changed == 0
    finally:
        stack.destroy(remove=False)
