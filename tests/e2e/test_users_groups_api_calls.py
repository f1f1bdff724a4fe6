"""Admin API requests per operation for Group and User, counted by a proxy in front of the real
Keycloak (as in test_api_calls.py); the numbers must match the table in docs/resources.md."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pulumi

from pulumi_keycloak_dynamic import Group, User
from tests.e2e.test_api_calls import Requests, documented, measure
from tests.support.fault_proxy import FaultProxy
from tests.support.pulumi_runner import PulumiStack


def program(realm: str) -> Callable[[], None]:
    def run() -> None:
        first_name = pulumi.Config().get("firstName") or "Dana"
        staff = Group("staff", realm=realm, name="staff", realm_roles=["clerk"])
        User("dana", realm=realm, username="dana", first_name=first_name, enabled=True, groups=[staff.path],
             realm_roles=["clerk"], initial_password=pulumi.Config().require_secret("pw"))

    return run


def shapes(requests: Requests) -> list[str]:
    """``METHOD path`` with realm and ids replaced and query strings (paging) left out."""
    return sorted(shape.split("?")[0] for shape in requests.shapes())


def per_kind(requests: Requests) -> Counter[str]:
    """Requests per resource kind, from their paths."""
    return Counter("User" if "/users" in path else "Group" for _, path in requests.admin)


def test_group_and_user_requests(new_stack: Callable[..., PulumiStack], keycloak: Any, admin: Any,
                                 realm: str) -> None:
    admin.post(f"/{realm}/roles", {"name": "clerk"})
    doc = documented()
    with FaultProxy(keycloak.url) as proxy:
        stack = new_stack(program=program(realm), config={"keycloak:url": (proxy.url, False),
                                                          "pw": ("Pw-counted-1", True)})
        try:
            created = measure(proxy, realm, stack.up)
            assert created.failed == [] and created.logins == 1
            assert shapes(created) == sorted([
                "POST /admin/realms/{realm}/groups", "GET /admin/realms/{realm}/roles/clerk",
                "POST /admin/realms/{realm}/groups/{id}/role-mappings/realm", "GET /admin/realms/{realm}/groups/{id}",
                "POST /admin/realms/{realm}/users", "GET /admin/realms/{realm}/roles/clerk",
                "POST /admin/realms/{realm}/users/{id}/role-mappings/realm", "GET /admin/realms/{realm}/users/{id}",
                "GET /admin/realms/{realm}/users/{id}/role-mappings", "GET /admin/realms/{realm}/users/{id}/groups",
            ])
            # The User waits for the Group's path: the first requests are the Group's, the rest the User's.
            group_requests = doc["create Group (one realm role)"]
            assert group_requests == 4 and all("/users" not in p for _, p in created.admin[:group_requests])
            assert created.admin[group_requests][0] == "POST" and created.admin[group_requests][1].endswith("/users")
            assert len(created.admin) - group_requests == doc["create User (one group, one realm role, password)"] == 6

            assert not measure(proxy, realm, stack.preview).admin
            assert not measure(proxy, realm, stack.up).admin

            refreshed = measure(proxy, realm, stack.refresh)
            counts = per_kind(refreshed)
            assert counts["Group"] == doc["refresh Group"] == 1
            assert counts["User"] == doc["refresh User (groups and roles declared)"] == 3

            stack.set_config("firstName", "Dani")
            updated = measure(proxy, realm, stack.up)
            assert shapes(updated) == sorted([
                "GET /admin/realms/{realm}/users/{id}", "PUT /admin/realms/{realm}/users/{id}",
                "GET /admin/realms/{realm}/users/{id}", "GET /admin/realms/{realm}/users/{id}/role-mappings",
                "GET /admin/realms/{realm}/users/{id}/groups",
            ])
            assert len(updated.admin) == doc["update one User field"] == 5

            stack.set_config("pw", "Pw-counted-2", secret=True)
            new_password = measure(proxy, realm, stack.up)
            assert "PUT /admin/realms/{realm}/users/{id}/reset-password" in shapes(new_password)
            assert len(new_password.admin) == doc["new User initial_password"] == 4

            destroyed = measure(proxy, realm, lambda: stack.destroy(remove=False))
            assert sorted(per_kind(destroyed).values()) == [doc["destroy Group or User"]] * 2 == [1, 1]
        finally:
            stack.set_config("keycloak:url", keycloak.url)
