"""``authorization_settings`` compared the way Keycloak stores it (its export), and checked in preview."""

from __future__ import annotations

from typing import Any

from pulumi_keycloak_dynamic.engine import KeycloakProvider, spec_for
from pulumi_keycloak_dynamic.engine.values import owned_equal
from pulumi_keycloak_dynamic.specs.helpers import authorization

DECLARED: dict[str, Any] = {
    "policyEnforcementMode": "ENFORCING",
    "resources": [{"name": "docs", "uris": ["/b", "/a"], "scopes": [{"name": "read"}]}],
    "policies": [{"name": "readers", "type": "role", "config": {"roles": '[{"id": "reader", "required": false}]'}}],
}
#: What GET …/settings answers for it on 26.0.8: Keycloak's own default items, its key order and spacing.
EXPORTED: dict[str, Any] = {
    "allowRemoteResourceManagement": True, "policyEnforcementMode": "ENFORCING", "decisionStrategy": "UNANIMOUS",
    "resources": [{"name": "Default Resource", "uris": ["/*"]},
                  {"name": "docs", "ownerManagedAccess": False, "attributes": {}, "uris": ["/a", "/b"],
                   "scopes": [{"name": "read"}]}],
    "policies": [{"name": "Default Policy", "type": "js", "config": {"code": "..."}},
                 {"name": "readers", "type": "role", "logic": "POSITIVE", "decisionStrategy": "UNANIMOUS",
                  "config": {"roles": '[{"id":"reader","required":false}]'}}],
    "scopes": [],
}
FIELD = spec_for("Client").by_name["authorization_settings"]


def test_the_export_of_what_was_declared_compares_equal() -> None:
    assert owned_equal(FIELD, DECLARED, authorization.aligned(DECLARED, EXPORTED))
    # ... and the GET …/resource-server answer the state once held does not.
    assert not owned_equal(FIELD, DECLARED, {"policyEnforcementMode": "ENFORCING", "resources": [], "policies": []})


def test_a_real_difference_is_drift() -> None:
    def changed(**edit: Any) -> bool:
        server = {**EXPORTED, **edit}
        return not owned_equal(FIELD, DECLARED, authorization.aligned(DECLARED, server))

    docs = EXPORTED["resources"][1]
    readers = EXPORTED["policies"][1]
    assert changed(policyEnforcementMode="PERMISSIVE")
    assert changed(resources=[{**docs, "uris": ["/a"]}])
    assert changed(resources=[{**docs, "scopes": [{"name": "read"}, {"name": "write"}]}])  # a nested list is exact
    assert changed(resources=[EXPORTED["resources"][0]])  # the declared item is gone
    assert changed(policies=[{**readers, "config": {"roles": '[{"id":"reader","required":true}]'}}])
    assert not changed(policies=[readers, {"name": "by-hand", "type": "role"}])  # an undeclared item is not owned


def test_config_lists_are_written_as_json_strings() -> None:
    result = KeycloakProvider("Client").check({}, {
        "realm": "r", "client_id": "api", "public_client": False, "service_accounts_enabled": True,
        "authorization_services_enabled": True,
        "authorization_settings": {"policies": [{"name": "p", "type": "resource",
                                                 "config": {"resources": ["docs"], "apply_policies": ["readers"]}}]}})
    assert [f.reason for f in result.failures or []] == []
    policy = (result.inputs or {})["authorization_settings"]["policies"][0]
    assert policy["config"] == {"resources": '["docs"]', "applyPolicies": '["readers"]'}


def test_preview_refuses_what_would_never_settle() -> None:
    def reasons(**inputs: Any) -> list[str]:
        base = {"realm": "r", "client_id": "api", "public_client": False}
        return [f.reason for f in KeycloakProvider("Client").check({}, {**base, **inputs}).failures or []]

    enabled = {"authorization_services_enabled": True, "service_accounts_enabled": True}
    assert reasons(authorization_settings={"policyEnforcementMode": "ENFORCING"}) == [
        "authorization_settings is given but authorization_services_enabled is None: set "
        "authorization_services_enabled=True (Keycloak keeps no settings without it)"]
    assert reasons(authorization_services_enabled=True) == [
        "authorization services need service_accounts_enabled=True (Keycloak answers a bare 500 for a client "
        "without a service account)"]
    assert reasons(**enabled, authorization_settings={"policy_enforcement": "ENFORCING"}) == [
        "authorization_settings has no key 'policy_enforcement'; it takes policyEnforcementMode, decisionStrategy, "
        "allowRemoteResourceManagement, resources, scopes, policies"]
    assert reasons(**enabled, authorization_settings={"policyEnforcementMode": "ENFORCE"}) == [
        "authorization_settings.policyEnforcementMode must be one of ENFORCING, PERMISSIVE, DISABLED, got 'ENFORCE'"]
    assert reasons(**enabled, authorization_settings={"policies": [{"name": "p"}, {"type": "role"}]}) == [
        "authorization_settings.policies[0] needs a 'type' ('role', 'resource', 'scope', 'client', 'group', "
        "'user', 'time', 'aggregate', ...)",
        "authorization_settings.policies[1] needs a 'name' (items are matched by name), e.g. {'name': 'docs'}"]
