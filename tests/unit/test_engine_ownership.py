"""The owner marker's pure logic: a digest per project/stack/type/name, written, read and hidden."""

from __future__ import annotations

from pulumi_keycloak_dynamic.engine import KeycloakProvider
from pulumi_keycloak_dynamic.engine.ownership import OWNER_ATTRIBUTE, OWNER_KEY, AttributeMark, owner_marker
from pulumi_keycloak_dynamic.specs.client import ClientSpec
from pulumi_keycloak_dynamic.specs.realm import RealmSpec
from pulumi_keycloak_dynamic.specs.role import RoleSpec


def test_marker_is_a_digest_that_tells_stacks_and_resources_apart() -> None:
    mine = owner_marker("shop", "dev", "Client", "app")
    assert mine == owner_marker("shop", "dev", "Client", "app")
    assert mine.startswith("v1:") and len(mine) == 35
    assert "shop" not in mine and "dev" not in mine
    others = {owner_marker("shop", "prod", "Client", "app"), owner_marker("shop", "dev", "Client", "web"),
              owner_marker("shop", "dev", "Role", "app"), owner_marker("shop2", "dev", "Client", "app")}
    assert mine not in others and len(others) == 4


def test_attribute_mark_writes_next_to_declared_attributes_and_reads_back() -> None:
    rep = {"clientId": "app", "attributes": {"pkce.code.challenge.method": "S256"}}
    AttributeMark().write(rep, "v1:abc")
    assert rep["attributes"] == {"pkce.code.challenge.method": "S256", OWNER_ATTRIBUTE: "v1:abc"}
    assert AttributeMark().owns(rep, "v1:abc")
    assert not AttributeMark().owns(rep, "v1:other")
    assert not AttributeMark().owns({"attributes": {}}, "v1:abc")
    assert not AttributeMark().owns(None, "v1:abc")
    assert not AttributeMark().owns(rep, None)


def test_list_valued_attributes_hold_the_marker_as_a_one_item_list() -> None:
    rep: dict[str, object] = {"name": "viewer"}
    mark = AttributeMark(as_list=True)
    mark.write(rep, "v1:abc")
    assert rep["attributes"] == {OWNER_ATTRIBUTE: ["v1:abc"]}
    assert mark.read(rep) == "v1:abc"
    mark.hide(rep)
    assert rep["attributes"] == {}


def test_realm_client_and_role_declare_where_their_marker_lives() -> None:
    assert isinstance(RealmSpec.owner_mark, AttributeMark) and not RealmSpec.owner_mark.as_list
    assert isinstance(ClientSpec.owner_mark, AttributeMark) and not ClientSpec.owner_mark.as_list
    assert isinstance(RoleSpec.owner_mark, AttributeMark) and RoleSpec.owner_mark.as_list


def test_marker_passes_check_and_is_never_part_of_a_diff() -> None:
    provider = KeycloakProvider("Client")
    checked = provider.check({}, {"client_id": "app", OWNER_KEY: "v1:abc"}).inputs
    assert checked[OWNER_KEY] == "v1:abc"
    olds = {"client_id": "app", "managed_fields": ["client_id"], OWNER_KEY: "v1:old"}
    assert provider.diff("uuid", olds, checked).changes is False


def test_the_marker_can_live_in_another_map_such_as_an_identity_providers_config() -> None:
    rep: dict[str, object] = {"alias": "corp", "config": {"clientId": "x"}}
    mark = AttributeMark(container="config")
    mark.write(rep, "v1:abc")
    assert rep["config"] == {"clientId": "x", OWNER_ATTRIBUTE: "v1:abc"} and "attributes" not in rep
    assert mark.owns(rep, "v1:abc")
    mark.hide(rep)
    assert rep["config"] == {"clientId": "x"}
