"""Programs of thousands of resources, through the real pulumi CLI (the heavy tier: minutes).

The SDK's ``serialize_provider`` nests one more pickler wrapper per call, so before the resource
classes serialized their provider once per type, a program died with RecursionError past ~500
dynamic resources. These tests run 5,000 resources through ``preview`` and 2,000 roles through
``up`` and check Keycloak holds exactly what was declared.

    python -m pytest tests/heavy -q        # `make test` runs it with the fault tier (--no-heavy: not)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from pulumi_keycloak_dynamic import Client, Realm, Role
from tests.support.pulumi_runner import PulumiStack

pytestmark = pytest.mark.e2e


def test_preview_of_5000_resources(new_stack: Callable[..., PulumiStack]) -> None:
    realm_name = f"t-{uuid.uuid4().hex[:10]}"

    def program() -> None:
        realm = Realm("realm", realm=realm_name, enabled=True)
        for i in range(2500):
            Client(f"c{i}", realm=realm.realm, client_id=f"app-{i}", redirect_uris=[f"https://app{i}.example/*"])
            Role(f"r{i}", realm=realm.realm, name=f"role-{i}")

    previewed = new_stack(program=program).preview()
    assert previewed.changes.get("create") == 5001 + 1  # and the stack itself


def test_up_of_2000_roles(pulumi_env: dict[str, str], keycloak: Any, admin: Any) -> None:
    realm_name = f"t-{uuid.uuid4().hex[:10]}"

    def program() -> None:
        realm = Realm("realm", realm=realm_name, enabled=True)
        for i in range(2000):
            Role(f"r{i}", realm=realm.realm, name=f"role-{i}", description="heavy")

    config = {"keycloak:url": (keycloak.url, False), "keycloak:username": (keycloak.username, False),
              "keycloak:password": (keycloak.password, True)}
    # The file backend rewrites the whole checkpoint after every step (quadratic in the resource
    # count); PULUMI_SKIP_CHECKPOINTS writes it once at the end, as a large deployment would.
    env = {**pulumi_env, "PULUMI_SKIP_CHECKPOINTS": "true"}
    stack = PulumiStack(env, program=program, config=config)  # not new_stack: no 2,001-step destroy
    try:
        assert stack.up().changes.get("create") == 2001 + 1
        names = {r["name"] for r in admin.list_all(f"/{realm_name}/roles") if r["name"].startswith("role-")}
        assert names == {f"role-{i}" for i in range(2000)}
        assert stack.preview().changed == 0
    finally:
        admin.delete(f"/{realm_name}")  # one DELETE takes every role with it
        stack.stack.workspace.remove_stack(stack.stack_name, force=True)
