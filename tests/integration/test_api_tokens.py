"""Token lifetime: one login, then refreshes, across several access-token lifetimes of a test realm."""

from __future__ import annotations

import time
from collections.abc import Callable

from pulumi_keycloak_dynamic.api import KeycloakAdmin, clients, users
from tests.conftest import KeycloakTarget

LIFESPAN = 4  # seconds; the session renews a token when a quarter of its life is left


def realm_admin_login(admin: KeycloakAdmin, keycloak: KeycloakTarget, realm: str) -> KeycloakAdmin:
    """A KeycloakAdmin logged in to ``realm`` itself as a user holding realm-management/realm-admin."""
    user_id = users.create_user(
        admin,
        realm,
        {"username": "operator", "enabled": True, "firstName": "O", "lastName": "P", "email": "op@example.com"},
    )
    users.reset_password(admin, realm, user_id, "operator-Passw0rd")
    management = clients.find_client(admin, realm, "realm-management")
    assert management is not None
    role = admin.get(f"/{realm}/clients/{management['id']}/roles/realm-admin")
    admin.post(f"/{realm}/users/{user_id}/role-mappings/clients/{management['id']}", [role])
    settings = keycloak.settings(realm=realm, username="operator", password="operator-Passw0rd")
    return KeycloakAdmin.from_settings(settings)


def test_calls_spanning_several_token_lifetimes_use_one_login_and_refreshes(
    admin: KeycloakAdmin, keycloak: KeycloakTarget, realm_factory: Callable[..., str]
) -> None:
    realm = realm_factory(accessTokenLifespan=LIFESPAN)
    operator = realm_admin_login(admin, keycloak, realm)
    calls = 0
    started = time.monotonic()
    while time.monotonic() - started < 2.5 * LIFESPAN:
        assert operator.get(f"/{realm}")["accessTokenLifespan"] == LIFESPAN
        calls += 1
        time.sleep(0.4)
    stats = operator.stats.snapshot()
    assert stats["logins"] == 1
    assert stats["refreshes"] >= 2  # a token lives 4 s, renewed 1 s early: at least 2 renewals in 10 s
    # every request was a call, the login or a refresh: no call was answered 401 and sent again
    assert stats["requests"] == calls + stats["logins"] + stats["refreshes"]


def test_a_token_revoked_server_side_is_replaced_by_one_new_login(
    admin: KeycloakAdmin, keycloak: KeycloakTarget, realm_factory: Callable[..., str]
) -> None:
    realm = realm_factory()
    operator = realm_admin_login(admin, keycloak, realm)
    assert operator.get(f"/{realm}")["realm"] == realm
    admin.post(f"/{realm}/logout-all")  # ends every session of the realm: token and refresh token die
    assert operator.get(f"/{realm}")["realm"] == realm  # 401 -> refresh refused -> new login -> retried
    stats = operator.stats.snapshot()
    assert (stats["logins"], stats["refreshes"]) == (2, 0)
    # login, call, call answered 401, refresh refused (session gone), second login, the call again
    assert stats["requests"] == 6
