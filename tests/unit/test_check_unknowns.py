"""``check()`` in the dynamic-provider host gets values still unknown in a preview as the SDK's
``Unknown`` objects (top level and nested), not as the sentinel string the program-side pass uses:
they are never a type error, and they go back to the engine as unknowns."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown

from pulumi_keycloak_dynamic.engine import KeycloakProvider
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN

U = Unknown()
CASES: list[tuple[str, dict[str, Any]]] = [
    ("User", {"realm": "r", "username": "ada", "groups": [U, "/a"], "realm_roles": [U], "client_roles": {"x": [U]},
              "email": U}),
    ("Group", {"realm": "r", "name": "g", "parent": U, "realm_roles": [U], "attributes": {"a": U}}),
    ("Client", {"realm": U, "client_id": "c", "default_client_scopes": [U, "email"], "redirect_uris": [U],
                "attributes": {"k": U}, "protocol_mappers": [{"name": "m", "protocolMapper": U, "config": {"a": U}}]}),
    ("Role", {"realm": U, "name": "x", "client_id": U, "composite_realm_roles": [U],
              "composite_client_roles": {"a": [U]}}),
    ("ServiceAccountRoles", {"realm": U, "client_id": U, "realm_roles": [U]}),
    ("IdentityProviderMapper", {"realm": "r", "identity_provider_alias": U, "name": "m",
                                "identity_provider_mapper": "x", "config": {"a": U}}),
    ("IdentityProvider", {"realm": "r", "alias": "a", "provider_id": "oidc",
                          "config": {"authorizationUrl": U, "tokenUrl": U, "clientId": U}, "client_secret": U}),
    ("Realm", {"realm": "r", "smtp_server": {"host": U}, "attributes": {"a": U}}),
]


@pytest.mark.parametrize(("type_name", "news"), CASES, ids=[c[0] for c in CASES])
def test_sdk_unknowns_are_no_failure_and_stay_unknown(type_name: str, news: dict[str, Any]) -> None:
    result = KeycloakProvider(type_name).check({}, news)
    assert [f.reason for f in result.failures or []] == []
    inputs = result.inputs or {}
    for name, value in news.items():
        if value is U:
            assert inputs[name] == UNKNOWN  # serialized back to the engine's unknown
