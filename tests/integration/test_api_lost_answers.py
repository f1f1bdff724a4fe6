"""Lost answers and hung servers have separate retry budgets (fault proxy before the real Keycloak).

A dropped connection (the server handled the request, the answer never came) says the server is
alive: a request that is safe to repeat is tried up to ``LOST_ANSWER_RETRIES`` times again. A read
timeout (the server hangs) costs a whole client timeout per try, so it is repeated only
``READ_TIMEOUT_RETRIES`` times, however many answers were lost before.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from pulumi_keycloak_dynamic.api import ConnectionFailed, KeycloakAdmin, groups, retries, roles
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy

DROPPED = "forwarded (200), answer dropped"


@pytest.fixture
def proxy(keycloak: KeycloakTarget) -> Iterator[FaultProxy]:
    with FaultProxy(keycloak.url) as running:
        yield running


def through(proxy: FaultProxy, keycloak: KeycloakTarget, **overrides: object) -> KeycloakAdmin:
    via = KeycloakAdmin.from_settings(keycloak.settings(url=proxy.url, **overrides))
    via.session.token()
    return via


def test_get_whose_answer_is_lost_four_times_in_a_row_succeeds(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    group_id = groups.create_group(admin, realm, {"name": "kept"})
    via = through(proxy, keycloak)
    proxy.add("GET", f"/admin/realms/{realm}/groups", "drop", times=4)
    assert [g["id"] for g in groups.list_groups(via, realm)] == [group_id]
    assert proxy.requests_to("GET", f"/admin/realms/{realm}/groups") == [DROPPED] * 4 + ["forwarded (200)"]
    assert via.stats.snapshot()["requests"] == 2  # the login and one logical request


def test_idempotent_post_whose_answer_is_lost_four_times_in_a_row_succeeds(
    proxy: FaultProxy, keycloak: KeycloakTarget, admin: KeycloakAdmin, realm: str
) -> None:
    for name in ("parent", "child"):
        roles.create_role(admin, realm, {"name": name})
    child = roles.get_role(admin, realm, "child")
    assert child is not None
    via = through(proxy, keycloak)
    composites = f"/admin/realms/{realm}/roles/parent/composites"
    proxy.add("POST", composites, "drop", times=4)
    roles.add_composites(via, realm, "parent", [child])
    assert proxy.requests_to("POST", composites) == ["forwarded (204), answer dropped"] * 4 + ["forwarded (204)"]
    assert [r["name"] for r in roles.get_composites(admin, realm, "parent")] == ["child"]


def test_answers_lost_for_ever_give_up_after_a_bounded_number_of_tries(
    proxy: FaultProxy, keycloak: KeycloakTarget, realm: str
) -> None:
    via = through(proxy, keycloak)
    proxy.add("GET", f"/admin/realms/{realm}/groups", "drop", times=100)
    started = time.monotonic()
    with pytest.raises(ConnectionFailed) as err:
        groups.list_groups(via, realm)
    assert time.monotonic() - started < 12  # backoff sleeps 0, 0.5, 1, 2, 2 s
    tries = proxy.requests_to("GET", f"/admin/realms/{realm}/groups")
    assert tries == [DROPPED] * (1 + retries.LOST_ANSWER_RETRIES)
    assert str(err.value) == (
        f"Keycloak unreachable at {proxy.url}: remote end closed connection; is Keycloak running there? "
        f"check keycloak:url (GET /admin/realms/{realm}/groups)"
    )


def test_lost_answers_do_not_use_up_the_tries_of_a_server_that_then_hangs(
    proxy: FaultProxy, keycloak: KeycloakTarget, realm: str
) -> None:
    via = through(proxy, keycloak, client_timeout=1.0)
    proxy.add("GET", f"/admin/realms/{realm}/roles", "drop", times=3)
    proxy.add("GET", f"/admin/realms/{realm}/roles", "hang", times=10)
    started = time.monotonic()
    with pytest.raises(ConnectionFailed) as err:
        via.get(f"/{realm}/roles")
    assert time.monotonic() - started < 12
    assert "did not answer in time" in str(err.value)
    # still 3 tries for the hang (first + READ_TIMEOUT_RETRIES), as for a server that hangs at once
    assert proxy.requests_to("GET", f"/admin/realms/{realm}/roles") == [DROPPED] * 3 + ["hung"] * 3
