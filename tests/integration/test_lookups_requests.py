"""What each lookup costs against the real Keycloak, counted by the process's own Admin API client
(the lookups' one login), and the one-line answers for objects that are not there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pytest

import pulumi_keycloak_dynamic as kc
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from pulumi_keycloak_dynamic.lookups import _runtime
from tests.support.lookup_objects import made_by_hand

#: lookup → (call, requests after the login). docs/reference/lookups.md says the same.
COSTS: dict[str, tuple[Callable[[str], Any], int]] = {
    "get_realm": (lambda r: kc.get_realm(realm=r), 1),
    "get_client": (lambda r: kc.get_client(realm=r, client_id="svc"), 1),
    "get_role (realm role)": (lambda r: kc.get_role(realm=r, name="clerk"), 1),
    "get_role (client role)": (lambda r: kc.get_role(realm=r, client_id="svc", name="svc-reader"), 2),
    "get_group": (lambda r: kc.get_group(realm=r, path="/staff/eng"), 1),
    "get_user": (lambda r: kc.get_user(realm=r, username="ada"), 3),
    "get_client_scope": (lambda r: kc.get_client_scope(realm=r, name="lookup-scope"), 3),
    "get_identity_provider": (lambda r: kc.get_identity_provider(realm=r, alias="corp"), 1),
    "get_identity_provider_mapper": (
        lambda r: kc.get_identity_provider_mapper(realm=r, identity_provider_alias="corp", name="m1"), 1),
    "get_client_service_account_user": (lambda r: kc.get_client_service_account_user(realm=r, client_id="svc"), 4),
    "get_realm_default_roles": (lambda r: kc.get_realm_default_roles(realm=r), 3),
    "get_realm_keys": (lambda r: kc.get_realm_keys(realm=r, algorithm="RS256"), 2),
}


@pytest.fixture
def lookups_admin(keycloak: Any, monkeypatch: pytest.MonkeyPatch) -> KeycloakAdmin:
    """The lookups' client, reading the connection from ``KEYCLOAK_*`` (no stack config outside a program)."""
    for key, value in keycloak.env().items():
        monkeypatch.setenv(key, value)
    client = _runtime.admin()
    client.session.token()  # the process's one login, before anything is counted
    return client


def test_requests_per_lookup(admin: KeycloakAdmin, realm: str, lookups_admin: KeycloakAdmin) -> None:
    made_by_hand(admin, realm)
    logins = lookups_admin.stats.logins
    measured = {}
    for name, (call, _) in COSTS.items():
        before = lookups_admin.stats.requests
        call(realm)
        measured[name] = lookups_admin.stats.requests - before
    assert measured == {name: cost for name, (_, cost) in COSTS.items()}
    assert lookups_admin.stats.logins == logins  # no lookup logs in again
    table = (Path(__file__).resolve().parents[2] / "docs" / "reference" / "lookups.md").read_text()
    assert "| [`get_user`](#get_user) | `GetUserResult` | 3 (" in table
    assert "| [`get_realm_keys`](#get_realm_keys) | `GetRealmKeysResult` | 2 |" in table


def test_not_there_is_one_line_with_close_names(admin: KeycloakAdmin, realm: str,
                                                lookups_admin: KeycloakAdmin) -> None:
    made_by_hand(admin, realm)
    missing = " does not exist"
    cases: list[tuple[Callable[[], Any], str]] = [
        (lambda: kc.get_realm(realm=realm + "x"), f"get_realm: realm '{realm}x'{missing} (did you mean '{realm}'"),
        (lambda: kc.get_client(realm=realm + "x", client_id="svc"),
         f"get_client: realm '{realm}x'{missing} (did you mean '{realm}'"),
        (lambda: kc.get_client(realm=realm, client_id="svcc"),
         f"get_client: client 'svcc' in realm '{realm}'{missing} (did you mean 'svc'?)"),
        (lambda: kc.get_role(realm=realm, name="clerks"),
         f"get_role: realm role 'clerks' in realm '{realm}'{missing} (did you mean 'clerk'?)"),
        (lambda: kc.get_role(realm=realm, client_id="svc", name="svc-readers"),
         f"get_role: role 'svc-readers' of client 'svc' in realm '{realm}'{missing} (did you mean 'svc-reader'?)"),
        (lambda: kc.get_role(realm=realm, client_id="svcc", name="x"),
         f"get_role: client 'svcc'{missing} in realm '{realm}' (did you mean 'svc'?)"),
        (lambda: kc.get_group(realm=realm, path="/staff/engg"),
         f"get_group: group '/staff/engg' in realm '{realm}'{missing} (did you mean '/staff/eng'"),
        (lambda: kc.get_user(realm=realm, username="nobody"), f"get_user: user 'nobody' in realm '{realm}'{missing}"),
        (lambda: kc.get_client_scope(realm=realm, name="lookup-scop"),
         f"get_client_scope: client scope 'lookup-scop' in realm '{realm}'{missing} (did you mean 'lookup-scope'?)"),
        (lambda: kc.get_identity_provider(realm=realm, alias="corpp"),
         f"get_identity_provider: identity provider 'corpp' in realm '{realm}'{missing} (did you mean 'corp'?)"),
        (lambda: kc.get_client_service_account_user(realm=realm, client_id="account"),
         f"get_client_service_account_user: client 'account' in realm '{realm}' has no service account"),
        (lambda: kc.get_realm_keys(realm=realm, algorithm="RS384"),
         f"get_realm_keys: realm '{realm}' has no ACTIVE RS384 key; it has: "),
    ]
    for call, line in cases:
        with pytest.raises(pulumi.RunError) as failed:
            call()
        assert str(failed.value).startswith(line), str(failed.value)
        assert "\n" not in str(failed.value)
