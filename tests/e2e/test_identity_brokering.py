"""Identity providers, their mappers and client scopes through the real pulumi CLI and Keycloak.

The example ``examples/identity-brokering`` runs behind a counting proxy that keeps request
bodies: create, a second ``up`` and ``refresh`` change nothing (the masked ``**********``
clientSecret never shows as drift), an unrelated update PUTs the mask (never the secret), a
rotated secret is PUT once, drift is undone, and no secret reaches the CLI output or the state.
The requests of each operation are printed per resource kind (docs/resources.md lists them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.e2e.test_api_calls import Requests, documented
from tests.support.fault_proxy import FaultProxy
from tests.support.pulumi_runner import PulumiStack, Result

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "identity-brokering"
FIRST_SECRET = "upstream-secret-ONE-5f2c"
SECOND_SECRET = "upstream-secret-TWO-9d41"
IDP_PATH = "/identity-provider/instances/corp"


def kind(method: str, path: str) -> str:
    """Which resource kind of the example a request belongs to."""
    if method == "GET" and path.endswith("/client-scopes"):
        return "Client"  # names -> ids of the client's scope links
    if "/mappers" in path or "/mapper-types" in path:
        return "IdentityProviderMapper"
    if "/identity-provider/" in path:
        return "IdentityProvider"
    if "/clients" in path:
        return "Client"
    return "ClientScope"


class Counted:
    """Runs pulumi operations through the proxy and keeps what each sent."""

    def __init__(self, proxy: FaultProxy, realm: str) -> None:
        self.proxy, self.realm, self.texts = proxy, realm, []  # type: list[str]
        self.requests: Requests | None = None

    def __call__(self, operation: Callable[[], Result], label: str = "") -> Result:
        self.proxy.seen.clear()
        self.proxy.bodies.clear()
        result = operation()
        self.texts.append(result.stdout)
        self.requests = Requests(list(self.proxy.seen), self.realm)
        assert self.requests.failed == [], self.requests.failed
        if label:
            print(f"{label}: {dict(self.per_kind())} {self.requests.shapes()}")
        return result

    def per_kind(self) -> Counter[str]:
        assert self.requests is not None
        return Counter(kind(m, p) for m, p in self.requests.admin)

    def put_bodies(self, fragment: str) -> list[dict[str, Any]]:
        return [json.loads(b) for m, p, b in self.proxy.bodies if m == "PUT" and p.endswith(fragment)]


def portal(admin: KeycloakAdmin, realm: str) -> dict[str, Any]:
    return dict(admin.get(f"/{realm}/clients", {"clientId": "portal"})[0])


def test_identity_brokering_example(new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin,
                                    realm: str, keycloak: Any) -> None:
    with FaultProxy(keycloak.url) as proxy:
        stack = new_stack(work_dir=EXAMPLE, config={
            "realm": (realm, False), "keycloak:url": (proxy.url, False), "upstreamSecret": (FIRST_SECRET, True)})
        run = Counted(proxy, realm)
        try:
            run(stack.up, "create")
            assert run.requests is not None and run.requests.logins == 1
            doc = documented()
            links = 5  # the example's client: 4 realm-optional scopes unlinked, 'team' linked as default
            assert run.per_kind() == Counter({
                "IdentityProvider": 2 * doc["create IdentityProvider"],
                "IdentityProviderMapper": 2 * doc["create IdentityProviderMapper"],
                "ClientScope": doc["create ClientScope"], "Client": 4 + links})
            assert any(FIRST_SECRET in b.decode() for m, _, b in proxy.bodies if m == "POST")
            idp = admin.get(f"/{realm}{IDP_PATH}")
            assert idp["config"]["clientSecret"] == "**********" and idp["displayName"] == "Corporate login"
            assert [m["name"] for m in admin.get(f"/{realm}{IDP_PATH}/mappers")] == ["department"]
            assert "team" in portal(admin, realm)["defaultClientScopes"]
            assert portal(admin, realm)["optionalClientScopes"] == ["offline_access"]

            assert run(stack.up).changed == 0 and run.requests is not None and run.requests.admin == []
            assert run(stack.refresh, "refresh").changed == 0  # the masked secret is no drift
            assert run.per_kind()["IdentityProvider"] == 2 * doc["refresh IdentityProvider"]
            assert run(stack.up).changed == 0

            # An unrelated change PUTs the mask back (Keycloak keeps the stored secret), never the secret.
            stack.set_config("corpDisplayName", "Corp SSO")
            assert run(stack.up, "update IdentityProvider display_name").changes.get("update") == 1
            assert run.per_kind() == Counter({"IdentityProvider": doc["update IdentityProvider field"]})
            bodies = run.put_bodies(IDP_PATH)
            assert len(bodies) == 1 and bodies[0]["config"]["clientSecret"] == "**********"
            assert admin.get(f"/{realm}{IDP_PATH}")["displayName"] == "Corp SSO"

            # A rotated secret in the program is applied: one PUT carrying it, then nothing to do.
            stack.set_config("upstreamSecret", SECOND_SECRET, secret=True)
            assert run(stack.up, "rotate client_secret").changes.get("update") == 1
            assert run.per_kind() == Counter({"IdentityProvider": doc["rotate IdentityProvider secret"]})
            bodies = run.put_bodies(IDP_PATH)
            assert len(bodies) == 1 and bodies[0]["config"]["clientSecret"] == SECOND_SECRET
            assert run(stack.up).changed == 0 and run(stack.refresh).changed == 0

            # Drift by hand is found by refresh and undone by up: an IdP setting and a scope link.
            admin.put(f"/{realm}{IDP_PATH}", {**admin.get(f"/{realm}{IDP_PATH}"), "displayName": "changed by hand"})
            team_id = next(s["id"] for s in admin.get(f"/{realm}/client-scopes") if s["name"] == "team")
            admin.delete(f"/{realm}/clients/{portal(admin, realm)['id']}/default-client-scopes/{team_id}")
            drifted = run(stack.refresh)
            assert drifted.changes.get("update", 0) == 2, drifted.stdout
            assert run(stack.up, "undo drift (IdP field + one scope link)").changes.get("update", 0) == 2
            assert run.per_kind()["Client"] == 2 + 1  # client-scopes listing, one link PUT, GET the client
            assert admin.get(f"/{realm}{IDP_PATH}")["displayName"] == "Corp SSO"
            assert "team" in portal(admin, realm)["defaultClientScopes"]
            assert all(body["config"]["clientSecret"] == "**********" for body in run.put_bodies(IDP_PATH))
            assert run(stack.up).changed == 0

            exported = stack.export_text()
            for secret in (FIRST_SECRET, SECOND_SECRET):
                assert secret not in exported, "plaintext IdP secret in pulumi stack export"
                assert not any(secret in text for text in run.texts), "plaintext IdP secret in the CLI's output"
            # destroy inside the proxy's lifetime: destroy uses the provider config kept in the state
            run(lambda: stack.destroy(remove=False), "destroy")
        finally:
            stack.set_config("keycloak:url", keycloak.url)
    assert admin.get(f"/{realm}/identity-provider/instances") == []
    assert "team" not in [s["name"] for s in admin.get(f"/{realm}/client-scopes")]
