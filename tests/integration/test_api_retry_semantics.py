"""Retries that match HTTP semantics, proved through the fault proxy in front of the real Keycloak.

429 means the server did nothing: every request is repeated, POSTs and the token request
included, after the ``Retry-After`` the answer asks for (capped). A POST marked idempotent
(adding composites) is repeated after a 5xx or a lost answer; any other POST that may have been
carried out is not (a create looks before it sends again). One request waits a bounded time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin, ServerError, clients, retries, roles
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy

TOKEN = "/protocol/openid-connect/token"


@pytest.fixture
def proxy(keycloak: KeycloakTarget) -> Iterator[FaultProxy]:
    with FaultProxy(keycloak.url) as running:
        yield running


def through(proxy: FaultProxy, keycloak: KeycloakTarget) -> KeycloakAdmin:
    return KeycloakAdmin.from_settings(keycloak.settings(url=proxy.url))


def test_create_answered_429_is_sent_again_after_retry_after(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    via = through(proxy, keycloak)
    via.session.token()
    proxy.add("POST", f"/admin/realms/{realm}/clients", "status", times=2, status=429, retry_after="1")
    started = time.monotonic()
    client_uuid = clients.create_client(via, realm, {"clientId": "limited"})
    assert time.monotonic() - started >= 2.0  # Retry-After: 1, twice
    assert proxy.requests_to("POST", f"/admin/realms/{realm}/clients") == [
        "injected 429", "injected 429", "forwarded (201)"
    ]
    assert [c["id"] for c in clients.list_clients(admin, realm) if c["clientId"] == "limited"] == [client_uuid]


def test_login_answered_429_and_503_is_retried(proxy: FaultProxy, keycloak: KeycloakTarget, realm: str) -> None:
    via = through(proxy, keycloak)
    proxy.add("POST", TOKEN, "status", status=429, retry_after="0")
    proxy.add("POST", TOKEN, "status", status=503)
    assert clients.find_client(via, realm, "account") is not None
    assert proxy.requests_to("POST", TOKEN) == ["injected 429", "injected 503", "forwarded (200)"]
    assert via.stats.logins == 1


def test_idempotent_post_is_retried_after_503_and_a_lost_answer(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    for name in ("parent", "child-a", "child-b"):
        roles.create_role(admin, realm, {"name": name})
    via = through(proxy, keycloak)
    composites = f"/admin/realms/{realm}/roles/parent/composites"
    proxy.add("POST", composites, "status", status=503)
    proxy.add("POST", composites, "drop")
    children = [roles.get_role(admin, realm, n) for n in ("child-a", "child-b")]
    roles.add_composites(via, realm, "parent", [c for c in children if c])
    assert proxy.requests_to("POST", composites) == [
        "injected 503", "forwarded (204), answer dropped", "forwarded (204)"
    ]
    assert sorted(r["name"] for r in roles.get_composites(admin, realm, "parent")) == ["child-a", "child-b"]


def test_post_that_is_not_idempotent_is_not_repeated_after_503(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    client_uuid = clients.create_client(admin, realm, {"clientId": "rotating"})
    via = through(proxy, keycloak)
    path = f"/admin/realms/{realm}/clients/{client_uuid}/client-secret"
    proxy.add("POST", path, "status", status=503)
    with pytest.raises(ServerError):
        clients.regenerate_client_secret(via, realm, client_uuid)  # a second POST would rotate twice
    assert proxy.requests_to("POST", path) == ["injected 503"]


def test_total_wait_is_bounded_then_one_line_names_the_request(
    proxy: FaultProxy, keycloak: KeycloakTarget, realm: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retries, "RETRY_AFTER_MAX", 1.0)
    monkeypatch.setattr(retries, "MAX_WAIT_SECONDS", 2.5)
    via = through(proxy, keycloak)
    via.session.token()
    proxy.add("POST", f"/admin/realms/{realm}/roles", "status", times=100, status=429, retry_after="3600")
    started = time.monotonic()
    with pytest.raises(Exception) as err:
        roles.create_role(via, realm, {"name": "never"})
    assert time.monotonic() - started < 6
    tries = len(proxy.requests_to("POST", f"/admin/realms/{realm}/roles"))
    assert tries == 4  # sleeps of 1 s (Retry-After capped), 1 s, then the 0.5 s left of the bound
    assert str(err.value) == (
        f"Keycloak 429 injected by the fault proxy; still 429 after {tries} tries in 2.5s of waiting "
        f"(POST /admin/realms/{realm}/roles)"
    )
