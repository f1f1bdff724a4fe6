"""Admin API requests per Pulumi operation, counted by a proxy in front of the real Keycloak.

The stack's ``keycloak:url`` points at a :class:`FaultProxy` (forwarding only), so every request
the provider makes is seen. A preview with no change and an ``up`` with no change must not reach
Keycloak at all (the provider logs in lazily); an update of one field is one GET and one PUT (no
read-back). The measured numbers must match the table in docs/resources.md.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi

from pulumi_keycloak_dynamic import Client, Realm, Role
from pulumi_keycloak_dynamic.engine.ownership import OWNER_ATTRIBUTE
from tests.support.fault_proxy import FaultProxy
from tests.support.pulumi_runner import PulumiStack

DOC = Path(__file__).resolve().parents[2] / "docs" / "resources.md"
TOKEN_PATH = "/protocol/openid-connect/token"


def documented() -> dict[str, int]:
    rows = re.findall(r"^\| `([^`]+)` \| (\d+) \|", DOC.read_text(), flags=re.MULTILINE)
    return {name: int(count) for name, count in rows}


def program(realm_name: str) -> Callable[[], None]:
    def run() -> None:
        description = pulumi.Config().get("description") or "first"
        realm = Realm("realm", realm=realm_name, enabled=True, display_name="Counted")
        app = Client("app", realm=realm.realm, client_id="app", description=description,
                     redirect_uris=["https://app.example.com/*"])
        pulumi.export("description", app.description)
        Role("viewer", realm=realm.realm, name="viewer", description="reads")

    return run


def owner(path: str) -> str:
    """Which resource of the program a request belongs to, from its path."""
    if "/clients" in path:
        return "Client"
    if "/roles" in path:
        return "Role"
    return "Realm"


class Requests:
    """The admin requests of one operation (token requests counted apart)."""

    def __init__(self, seen: list[tuple[str, str, str]], realm: str) -> None:
        self.logins = sum(1 for _, path, _ in seen if path.endswith(TOKEN_PATH))
        self.admin = [(m, p) for m, p, _ in seen if not p.endswith(TOKEN_PATH)]
        self.failed = [s for s in seen if not s[2].startswith("forwarded (2")]
        self.realm = realm

    def by_resource(self) -> Counter[str]:
        return Counter(owner(path) for _, path in self.admin)

    def shapes(self) -> list[str]:
        """``METHOD path`` with the realm name and ids replaced, sorted (resources run in parallel)."""
        out = []
        for method, path in self.admin:
            path = path.replace(f"/{self.realm}", "/{realm}")
            path = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}", path)
            out.append(f"{method} {path}")
        return sorted(out)


def measure(proxy: FaultProxy, realm: str, operation: Callable[[], Any]) -> Requests:
    proxy.seen.clear()
    operation()
    return Requests(list(proxy.seen), realm)


def test_requests_per_operation(new_stack: Callable[..., PulumiStack], keycloak: Any, admin: Any) -> None:
    realm = f"t-{uuid.uuid4().hex[:10]}"
    doc = documented()
    with FaultProxy(keycloak.url) as proxy:
        stack = new_stack(program=program(realm), config={"keycloak:url": (proxy.url, False)})
        try:
            created = measure(proxy, realm, stack.up)
            assert created.failed == [] and created.logins == 1
            assert created.shapes() == sorted([
                "POST /admin/realms", "GET /admin/realms/{realm}",
                "POST /admin/realms/{realm}/clients", "GET /admin/realms/{realm}/clients/{id}",
                "POST /admin/realms/{realm}/roles", "GET /admin/realms/{realm}/roles/viewer",
            ])
            per_resource = created.by_resource()
            assert per_resource["Realm"] == doc["create Realm"] == 2
            assert per_resource["Client"] == doc["create Client"] == 2
            assert per_resource["Role"] == doc["create Role"] == 2
            # The Role's outputs come from the lookup by name: the owner marker Keycloak holds is hidden there too.
            assert OWNER_ATTRIBUTE in (admin.get(f"/{realm}/roles/viewer").get("attributes") or {})
            role_state = [r for r in stack.export()["deployment"]["resources"] if r["type"].endswith(":Role")]
            assert role_state and OWNER_ATTRIBUTE not in json.dumps(role_state[0]["outputs"])

            # (a) Nothing changed: neither preview nor up reaches Keycloak, not even to log in.
            previewed = measure(proxy, realm, stack.preview)
            assert proxy.seen == [], f"preview made requests: {proxy.seen}"
            assert len(previewed.admin) == doc["preview, no change"] == 0
            unchanged = measure(proxy, realm, stack.up)
            assert proxy.seen == [], f"no-op up made requests: {proxy.seen}"
            assert len(unchanged.admin) == doc["up, no change"] == 0

            refreshed = measure(proxy, realm, stack.refresh)
            assert refreshed.logins == 1
            assert refreshed.by_resource() == Counter(
                {r: doc["refresh, per resource"] for r in ("Realm", "Client", "Role")}
            )
            assert all(method == "GET" for method, _ in refreshed.admin)

            # (b) One declared field of the Client: one PUT, to the client, and its reads.
            stack.set_config("description", "second")
            updated = measure(proxy, realm, stack.up)
            assert updated.logins == 1 and updated.failed == []
            assert updated.shapes() == [
                "GET /admin/realms/{realm}/clients/{id}",
                "PUT /admin/realms/{realm}/clients/{id}",
            ]
            assert len(updated.admin) == doc["update one Client field"] == 2
            assert stack.outputs()["description"] == "second"  # outputs from the representation PUT
            assert stack.refresh().changed == 0  # ... which is what Keycloak holds
            app = admin.get(f"/{realm}/clients", {"clientId": "app"})[0]
            assert app["description"] == "second"

            destroyed = measure(proxy, realm, lambda: stack.destroy(remove=False))
            assert destroyed.logins == 1
            assert destroyed.shapes() == [
                "DELETE /admin/realms/{realm}",
                "DELETE /admin/realms/{realm}/clients/{id}",
                "DELETE /admin/realms/{realm}/roles-by-id/{id}",
            ]
            assert destroyed.by_resource() == Counter(
                {r: doc["destroy, per resource"] for r in ("Realm", "Client", "Role")}
            )
            assert admin.get_or_none(f"/{realm}") is None
        finally:
            stack.set_config("keycloak:url", keycloak.url)  # the fixture's cleanup must not need the proxy
