"""``check()`` of User, Group, ServiceAccountRoles and RealmDefaultRoles refuses what Keycloak
would silently change or reject, naming the field and the fix; the password digest tells a new
value from the one applied without keeping the value. No server needed."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_keycloak_dynamic.engine import KeycloakProvider
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN
from pulumi_keycloak_dynamic.engine.digest import as_digest, digest_matches, is_digest
from pulumi_keycloak_dynamic.engine.outputs import MANAGED
from pulumi_keycloak_dynamic.specs.group import GroupSpec
from pulumi_keycloak_dynamic.specs.service_account_roles import _emptied

BAD = [
    ("User", {"username": "Alice"}, "username", ("stored as 'alice'", "write 'alice'")),
    ("User", {"username": "alice smith"}, "username", ("must not contain spaces",)),
    ("User", {"username": "a", "email": "not-an-address"}, "email", ("not an email address",)),
    ("User", {"username": "a", "required_actions": ["VERIFY_MAIL"]}, "required_actions",
     ("unknown action 'VERIFY_MAIL'", "did you mean 'VERIFY_EMAIL'?")),
    ("User", {"username": "a", "groups": ["staff/eng"]}, "groups", ("must be a group path starting with '/'",
                                                                     "'/staff/eng'")),
    ("User", {"username": "a", "client_roles": ["view-users"]}, "client_roles",
     ("must be a map {clientId: [role names]}",)),
    ("User", {"username": "a", "client_roles": {"app": "viewer"}}, "client_roles",
     ("a map of string keys to lists of strings",)),
    ("User", {"username": "a", "temporary": True}, "temporary", ("'initial_password', which is not given",)),
    ("User", {"username": "a", "initial_password": ""}, "initial_password", ("is empty", "leave it out")),
    ("Group", {"name": "R/D"}, "name", ("must not contain '/'", "'parent'")),
    ("Group", {"name": "eng", "parent": "staff"}, "parent", ("starting with '/'", "write '/staff'")),
    ("Group", {"name": "eng", "realm_roles": "developer"}, "realm_roles", ("a list of strings",)),
    ("ServiceAccountRoles", {"client_id": "app", "client_roles": ["x"]}, "client_roles", ("must be a map",)),
    ("RealmDefaultRoles", {"realm_role": ["x"]}, "realm_role", ("did you mean 'realm_roles'?",)),
]


@pytest.mark.parametrize(("type_name", "inputs", "field", "says"), BAD, ids=[f"{b[0]}-{b[2]}" for b in BAD])
def test_bad_input_is_named(type_name: str, inputs: dict[str, Any], field: str, says: tuple[str, ...]) -> None:
    result = KeycloakProvider(type_name).check({}, {"realm": "acme", **inputs})
    reasons = " | ".join(f.reason for f in result.failures or [])
    assert f"'{field}'" in reasons or f"input '{field}'" in reasons, reasons  # the failure names the field
    for fragment in says:
        assert fragment in reasons, reasons


def test_good_inputs_pass_and_are_canonical() -> None:
    result = KeycloakProvider("User").check({}, {
        "realm": "acme", "username": "alice", "email": "alice@example.com", "groups": ["/staff/eng/", "/b"],
        "required_actions": ["VERIFY_EMAIL"], "realm_roles": ["b", "a"], "client_roles": {"app": ["y", "x"]},
        "initial_password": "s3cret", "temporary": True,
    })
    assert not result.failures
    assert result.inputs["groups"] == ["/b", "/staff/eng"]
    assert result.inputs["realm_roles"] == ["a", "b"]
    assert result.inputs["client_roles"] == {"app": ["x", "y"]}
    group = KeycloakProvider("Group").check({}, {"realm": "acme", "name": "eng", "parent": "/staff/"})
    assert not group.failures and group.inputs["parent"] == "/staff"


def test_unknown_values_wait_for_up() -> None:
    result = KeycloakProvider("User").check({}, {"realm": "acme", "username": UNKNOWN, "groups": [UNKNOWN]})
    assert not result.failures
    parent = KeycloakProvider("Group").check({}, {"realm": "acme", "name": "eng", "parent": UNKNOWN})
    assert not parent.failures


def test_password_digest_detects_a_change_without_the_value() -> None:
    digest = as_digest("first password")
    assert is_digest(digest) and "first password" not in str(digest)
    assert digest_matches("first password", digest)
    assert not digest_matches("second password", digest)
    assert as_digest(digest) == digest  # outputs read back keep the digest as it is
    assert as_digest("first password") != digest  # a fresh salt each time a value is applied
    provider = KeycloakProvider("User")
    olds = {"realm": "acme", "username": "a", "initial_password": digest, MANAGED: ["initial_password"]}
    same = provider.diff("id", olds, {"realm": "acme", "username": "a", "initial_password": "first password"})
    changed = provider.diff("id", olds, {"realm": "acme", "username": "a", "initial_password": "second password"})
    assert not same.changes and changed.changes


def test_group_import_id_and_natural_key() -> None:
    spec = GroupSpec()
    assert spec.parse_import_id("acme/staff/eng") == {"realm": "acme", "name": "eng", "parent": "/staff"}
    assert spec.parse_import_id("acme//top") == {"realm": "acme", "name": "top"}
    assert spec.natural_key({"realm": "acme", "name": "eng", "parent": "/staff"}) == ("acme", "/staff/eng")


def test_service_account_release_takes_back_only_declared_sets() -> None:
    assert _emptied({"realm": "r", MANAGED: ["client_id", "realm"], "realm_roles": ["x"]}) == {}
    assert _emptied({"realm": "r", MANAGED: ["realm_roles", "client_roles"], "realm_roles": ["x"],
                     "client_roles": {"app": ["y"]}}) == {"realm": "r", "realm_roles": [], "client_roles": {"app": []}}
