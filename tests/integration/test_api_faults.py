"""Faults injected between the client and the real Keycloak by ``tests/support/fault_proxy.py``."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from pulumi_keycloak_dynamic.api import ConnectionFailed, KeycloakAdmin, ServerError, clients, groups, realms
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy


@pytest.fixture
def proxy(keycloak: KeycloakTarget) -> Iterator[FaultProxy]:
    with FaultProxy(keycloak.url) as running:
        yield running


def through(proxy: FaultProxy, keycloak: KeycloakTarget, **overrides: object) -> KeycloakAdmin:
    return KeycloakAdmin.from_settings(keycloak.settings(url=proxy.url, **overrides))


def test_get_answered_503_twice_is_retried_and_succeeds(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    client_uuid = clients.create_client(admin, realm, {"clientId": "app"})
    via = through(proxy, keycloak)
    proxy.add("GET", f"/clients/{client_uuid}", "status", times=2, status=503)
    got = clients.get_client(via, realm, client_uuid)
    assert got is not None and got["clientId"] == "app"
    assert proxy.requests_to("GET", f"/clients/{client_uuid}") == ["injected 503", "injected 503", "forwarded (200)"]
    # the retries happen below the counter: one logical request, one login
    assert via.stats.snapshot() == {"requests": 2, "logins": 1, "refreshes": 0}


def test_get_answered_503_for_ever_fails_clearly(
    proxy: FaultProxy, keycloak: KeycloakTarget, realm: str
) -> None:
    via = through(proxy, keycloak)
    via.session.token()
    proxy.add("GET", f"/admin/realms/{realm}/groups", "status", times=100, status=503)
    started = time.monotonic()
    with pytest.raises(ServerError) as err:
        groups.list_groups(via, realm)
    assert time.monotonic() - started < 20
    assert str(err.value) == (
        "Keycloak 503 injected by the fault proxy; still 503 after 9 tries in 11.5s of waiting "
        f"(GET /admin/realms/{realm}/groups)"
    )
    assert len(proxy.requests_to("GET", f"/admin/realms/{realm}/groups")) == 9  # first try + 8 retries


def test_create_whose_answer_is_lost_makes_exactly_one_object(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    via = through(proxy, keycloak)
    proxy.add("POST", f"/admin/realms/{realm}/clients", "drop")
    client_uuid = clients.create_client(via, realm, {"clientId": "once"})
    posts = proxy.requests_to("POST", f"/admin/realms/{realm}/clients")
    assert posts == ["forwarded (201), answer dropped"]  # Keycloak made it; the POST was not sent again
    matching = [c for c in clients.list_clients(admin, realm) if c["clientId"] == "once"]
    assert [c["id"] for c in matching] == [client_uuid]


def test_create_refused_before_keycloak_saw_it_is_sent_again(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    via = through(proxy, keycloak)
    proxy.add("POST", f"/admin/realms/{realm}/groups", "status", status=503)
    group_id = groups.create_group(via, realm, {"name": "once"})
    posts = proxy.requests_to("POST", f"/admin/realms/{realm}/groups")
    assert posts == ["injected 503", "forwarded (201)"]
    assert [g["id"] for g in groups.list_groups(admin, realm)] == [group_id]


def test_keycloak_gone_mid_sequence_fails_fast_with_one_line(
    proxy: FaultProxy, keycloak: KeycloakTarget, realm: str
) -> None:
    via = through(proxy, keycloak)
    assert realms.get_realm(via, realm) is not None  # a pooled keep-alive connection now exists
    proxy.stop()  # the "server" dies: open connections are cut, new ones refused
    started = time.monotonic()
    with pytest.raises(ConnectionFailed) as err:
        realms.get_realm(via, realm)
    assert time.monotonic() - started < 8
    assert str(err.value) == (
        f"Keycloak unreachable at {proxy.url}: connection refused; is Keycloak running there? "
        f"check keycloak:url (GET /admin/realms/{realm})"
    )
    assert err.value.request_sent is False
    started = time.monotonic()
    with pytest.raises(ConnectionFailed):  # a create is not looked up again when nothing was sent
        groups.create_group(via, realm, {"name": "never"})
    assert time.monotonic() - started < 8


def test_keycloak_that_never_answers_times_out(proxy: FaultProxy, keycloak: KeycloakTarget, realm: str) -> None:
    via = through(proxy, keycloak, client_timeout=1.0)
    via.session.token()
    proxy.add("GET", f"/admin/realms/{realm}/roles", "hang", times=10)
    started = time.monotonic()
    with pytest.raises(ConnectionFailed) as err:
        via.get(f"/{realm}/roles")
    elapsed = time.monotonic() - started
    assert elapsed < 10
    assert "did not answer in time" in str(err.value) and "keycloak:clientTimeout" in str(err.value)
    assert len(proxy.requests_to("GET", f"/admin/realms/{realm}/roles")) == 3  # first try + 2 read retries
