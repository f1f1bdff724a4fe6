"""Field ownership (``values.py``) and ``diff()``: only what the user declared is compared, in
Keycloak's own form, and diff never reaches Keycloak.

``diff(id, olds, news)`` receives the old *outputs* and the *checked* new inputs: the tests build
both the way the engine does (outputs from a Keycloak representation, news through ``check()``).
"""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_keycloak_dynamic.engine import KeycloakProvider, spec_for
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN
from pulumi_keycloak_dynamic.engine.fields import Field
from pulumi_keycloak_dynamic.engine.kinds import (
    BOOL,
    INT,
    KEYED_LIST,
    OBJECT,
    STR,
    STR_LIST_MAP,
    STR_MAP,
    STR_SET,
    STR_SET_MAP,
)
from pulumi_keycloak_dynamic.engine.outputs import outputs_from
from pulumi_keycloak_dynamic.engine.secrets import unmarked
from pulumi_keycloak_dynamic.engine.values import canonical, merge, owned_equal, project

STR_SET = Field("redirect_uris", STR_SET)
STR_MAP = Field("attributes", STR_MAP)
BOOL = Field("authorization_services_enabled", BOOL)
MAPPERS = Field("protocol_mappers", KEYED_LIST)
ROLE_ATTRS = Field("attributes", STR_LIST_MAP)


# ------------------------------------------------------------------ canonical
def test_canonical_puts_values_in_keycloak_form() -> None:
    assert canonical(STR_SET, ["https://b/", "https://a/", "https://b/"]) == ["https://a/", "https://b/"]
    assert canonical(STR_MAP, {"a": True, "b": False, "n": 3, "f": 2.0, "s": "x"}) == {
        "a": "true", "b": "false", "n": "3", "f": "2", "s": "x"
    }
    assert canonical(Field("not_before", INT), 5.0) == 5 and isinstance(canonical(Field("n", INT), 5.0), int)
    assert canonical(ROLE_ATTRS, {"team": "a", "tags": ["x", "y"]}) == {"team": ["a"], "tags": ["x", "y"]}
    assert canonical(Field("composite_client_roles", STR_SET_MAP), {"app": ["w", "r", "w"]}) == {"app": ["r", "w"]}
    mappers = canonical(MAPPERS, [{"name": "m", "protocol_mapper": "x", "config": {"multivalued": True, "n": 1}}])
    assert mappers == [{"name": "m", "protocolMapper": "x", "config": {"multivalued": "true", "n": "1"}}]
    assert canonical(Field("authorization_settings", OBJECT), {"policy_enforcement_mode": "ENFORCING",
                                                               "a.b_c": 1}) == {"policyEnforcementMode": "ENFORCING",
                                                                                "a.b_c": 1}
    assert canonical(STR_SET, None) is None


# ---------------------------------------------------------------- owned_equal
def test_set_order_and_duplicates_do_not_matter() -> None:
    assert owned_equal(STR_SET, ["https://a/", "https://b/"], ["https://b/", "https://a/"])
    assert not owned_equal(STR_SET, ["https://a/"], ["https://a/", "https://b/"])  # a set is owned in full


def test_undeclared_map_keys_are_not_compared() -> None:
    server = {"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+", "other": "z"}
    assert owned_equal(STR_MAP, {"pkce.code.challenge.method": "S256"}, server)
    assert not owned_equal(STR_MAP, {"pkce.code.challenge.method": "plain"}, server)
    assert not owned_equal(STR_MAP, {"missing": "x"}, server)


def test_declared_booleans_and_numbers_equal_keycloak_strings() -> None:
    assert owned_equal(STR_MAP, {"use.refresh.tokens": True, "n": 3}, {"use.refresh.tokens": "true", "n": "3"})
    assert not owned_equal(STR_MAP, {"use.refresh.tokens": True}, {"use.refresh.tokens": "false"})


def test_absent_false_flag_equals_false_but_not_true() -> None:
    assert owned_equal(BOOL, False, None)
    assert not owned_equal(BOOL, True, None)


def test_undeclared_inputs_always_agree() -> None:
    assert owned_equal(STR_MAP, None, {"anything": "x"})
    assert owned_equal(Field("description", STR), None, "written by hand")


def test_keyed_items_compare_by_key_and_only_declared_keys() -> None:
    server = [
        {"id": "1", "name": "email", "protocol": "openid-connect", "config": {"claim.name": "email", "x": "y"}},
        {"id": "2", "name": "made by hand", "protocol": "openid-connect", "config": {}},
    ]
    assert owned_equal(MAPPERS, [{"name": "email", "config": {"claim.name": "email"}}], server)
    assert not owned_equal(MAPPERS, [{"name": "email", "config": {"claim.name": "mail"}}], server)
    assert not owned_equal(MAPPERS, [{"name": "absent"}], server)


# -------------------------------------------------------------------- project
def test_project_cuts_server_values_to_the_declared_shape() -> None:
    server = {"pkce.code.challenge.method": "S256", "other": "z"}
    assert project(STR_MAP, {"pkce.code.challenge.method": "plain"}, server) == {"pkce.code.challenge.method": "S256"}
    assert project(STR_SET, ["x"], ["b", "a", "b"]) == ["a", "b"]
    assert project(STR_MAP, {"gone": "x"}, {}) == {}
    assert project(STR_MAP, None, server) == server
    mappers = [{"id": "1", "name": "b", "config": {"k": "v", "extra": "e"}}, {"id": "2", "name": "a", "config": {}}]
    declared = [{"name": "a"}, {"name": "b", "config": {"k": "old"}}, {"name": "missing"}]
    assert project(MAPPERS, declared, mappers) == [{"name": "a"}, {"name": "b", "config": {"k": "v"}}]


# ---------------------------------------------------------------------- merge
def test_merge_overlays_declared_values_and_keeps_the_rest() -> None:
    current = {"clientId": "app", "description": "by hand", "attributes": {"a": "1", "b": "2"}, "redirectUris": ["x"]}
    merged = merge(current, {"attributes": {"b": "3"}, "redirectUris": ["y", "z"]})
    assert merged == {"clientId": "app", "description": "by hand", "attributes": {"a": "1", "b": "3"},
                      "redirectUris": ["y", "z"]}
    assert current["attributes"] == {"a": "1", "b": "2"}  # the server copy is not modified


# ----------------------------------------------------------------------- diff
SERVER_CLIENT: dict[str, Any] = {
    "id": "0b5c-uuid",
    "clientId": "app",
    "description": "the app",
    "redirectUris": ["https://b.example/*", "https://a.example/*"],
    "publicClient": False,
    "protocol": "openid-connect",
    "attributes": {"use.refresh.tokens": "true", "pkce.code.challenge.method": "S256", "set.by.keycloak": "x"},
}
DECLARED: dict[str, Any] = {
    "realm": "acme",
    "client_id": "app",
    "description": "the app",
    "redirect_uris": ["https://a.example/*", "https://b.example/*"],
    "protocol": "openid-connect",
    "attributes": {"use.refresh.tokens": True, "pkce.code.challenge.method": "S256"},
}


@pytest.fixture
def no_keycloak(monkeypatch: pytest.MonkeyPatch) -> None:
    """diff() is pure: any attempt to reach Keycloak fails the test."""

    def no_admin(self: KeycloakProvider) -> None:
        raise AssertionError("diff() must not reach Keycloak")

    monkeypatch.setattr(KeycloakProvider, "admin", no_admin)


def checked(type_name: str, inputs: dict[str, Any]) -> dict[str, Any]:
    result = KeycloakProvider(type_name).check({}, {"__provider": "opaque", **inputs})
    assert not result.failures, result.failures
    return dict(unmarked(result.inputs))  # the engine hands diff() the inputs without secret markers


def outputs(type_name: str, declared: dict[str, Any], server: dict[str, Any]) -> dict[str, Any]:
    """Old outputs as create/read leave them, from a Keycloak representation."""
    inputs = checked(type_name, declared)
    names = [n for n in inputs if n in spec_for(type_name).by_name]
    return outputs_from(spec_for(type_name), inputs, str(server["id"]), server, names)


def diff(type_name: str, olds: dict[str, Any], news: dict[str, Any]) -> Any:
    return KeycloakProvider(type_name).diff(str(olds.get("client_uuid") or "id"), olds, checked(type_name, news))


@pytest.mark.usefixtures("no_keycloak")
class TestClientDiff:
    olds = outputs("Client", DECLARED, SERVER_CLIENT)

    def test_same_program_has_no_changes(self) -> None:
        assert diff("Client", self.olds, DECLARED).changes is False

    def test_redirect_uri_order_does_not_diff(self) -> None:
        news = {**DECLARED, "redirect_uris": ["https://b.example/*", "https://a.example/*", "https://a.example/*"]}
        assert diff("Client", self.olds, news).changes is False

    def test_undeclared_attribute_keys_on_the_server_do_not_diff(self) -> None:
        assert "set.by.keycloak" in SERVER_CLIENT["attributes"]
        assert diff("Client", self.olds, DECLARED).changes is False

    def test_outputs_hold_only_the_declared_keys_so_refreshed_inputs_promise_no_removal(self) -> None:
        # read() reports inputs cut to the shape of these outputs: a server-added key in them would
        # show as `- key` in the next update's diff, though Keycloak keeps it.
        assert set(self.olds["attributes"]) == set(checked("Client", DECLARED)["attributes"])
        assert "set.by.keycloak" not in self.olds["attributes"]

    def test_bool_attribute_true_equals_keycloak_string_true(self) -> None:
        assert self.olds["attributes"]["use.refresh.tokens"] == "true"
        news = {**DECLARED, "attributes": {"use.refresh.tokens": True, "pkce.code.challenge.method": "S256"}}
        assert diff("Client", self.olds, news).changes is False

    def test_changed_declared_key_diffs_in_place(self) -> None:
        news = {**DECLARED, "attributes": {"use.refresh.tokens": False, "pkce.code.challenge.method": "S256"}}
        result = diff("Client", self.olds, news)
        assert result.changes is True
        assert result.replaces == [] and result.delete_before_replace is False

    def test_changed_description_diffs_in_place(self) -> None:
        result = diff("Client", self.olds, {**DECLARED, "description": "new"})
        assert (result.changes, result.replaces) == (True, [])

    def test_newly_declared_field_that_differs_diffs(self) -> None:
        assert diff("Client", self.olds, {**DECLARED, "public_client": True}).changes is True
        assert diff("Client", self.olds, {**DECLARED, "public_client": False}).changes is False

    def test_protocol_change_replaces_deleting_first(self) -> None:
        result = diff("Client", self.olds, {**DECLARED, "protocol": "saml"})
        assert result.changes is True
        assert result.replaces == ["protocol"]
        assert result.delete_before_replace is True  # same realm/clientId: the old one must go first

    def test_realm_change_is_an_update_in_place(self) -> None:
        """A renamed realm carries its clients (update() checks the client is in the new realm)."""
        result = diff("Client", self.olds, {**DECLARED, "realm": "other"})
        assert result.changes is True and result.replaces == []

    def test_replacement_in_a_renamed_realm_deletes_first(self) -> None:
        """The old client may already be in the renamed realm, with the same clientId."""
        result = diff("Client", self.olds, {**DECLARED, "realm": "other", "protocol": "saml"})
        assert result.replaces == ["protocol"] and result.delete_before_replace is True

    def test_dropping_a_declared_field_refreshes_ownership_only(self) -> None:
        news = {k: v for k, v in DECLARED.items() if k != "description"}
        result = diff("Client", self.olds, news)
        assert result.changes is True and result.replaces == []

    def test_unknown_value_during_preview_is_a_change(self) -> None:
        assert diff("Client", self.olds, {**DECLARED, "description": UNKNOWN}).changes is True


@pytest.mark.usefixtures("no_keycloak")
def test_realm_rename_is_an_update_in_place() -> None:
    olds = outputs("Realm", {"realm": "acme", "enabled": True}, {"id": "r-uuid", "realm": "acme", "enabled": True})
    result = diff("Realm", olds, {"realm": "acme-renamed", "enabled": True})
    assert result.changes is True and result.replaces == []


@pytest.mark.usefixtures("no_keycloak")
def test_role_composites_are_a_set_and_client_change_is_an_update() -> None:
    server = {"id": "role-uuid", "name": "admin", "compositeRealmRoles": ["b", "a"]}
    declared = {"realm": "acme", "name": "admin", "composite_realm_roles": ["a", "b"]}
    olds = outputs("Role", declared, server)
    assert diff("Role", olds, {**declared, "composite_realm_roles": ["b", "a"]}).changes is False
    assert diff("Role", olds, {**declared, "composite_realm_roles": ["a"]}).changes is True
    moved = diff("Role", olds, {**declared, "client_id": "app"})
    assert moved.changes is True and moved.replaces == []  # update() checks the role is the client's
