"""What the spec base derives from a declaration: natural keys, import ids, paths, the order of
kinds in an export; and the field kinds, one class each, that the engine dispatches to."""

from __future__ import annotations

import pytest

import pulumi_keycloak_dynamic  # noqa: F401  (registers every kind)
from pulumi_keycloak_dynamic.api import KeycloakError
from pulumi_keycloak_dynamic.engine import registered_specs, spec_for
from pulumi_keycloak_dynamic.engine.kinds import FieldKind
from pulumi_keycloak_dynamic.export.collect import exportable_specs


def test_a_client_without_realm_is_in_master_by_its_realm_fields_default() -> None:
    client = spec_for("Client")
    assert client.natural_key({"client_id": "app"}) == ("master", "app")
    assert client.parse_import_id("app") == {"realm": "master", "client_id": "app"}
    assert client.parse_import_id("acme/https://sp.example.com/saml") == {
        "realm": "acme", "client_id": "https://sp.example.com/saml"}
    assert client.location({"client_id": "app"}) == ("master",)


def test_import_ids_follow_the_key_fields_leaving_out_optional_ones() -> None:
    role = spec_for("Role")
    assert role.parse_import_id("acme/viewer") == {"realm": "acme", "name": "viewer"}
    assert role.parse_import_id("acme/app/a/b") == {"realm": "acme", "client_id": "app", "name": "a/b"}
    mapper = spec_for("IdentityProviderMapper")
    assert mapper.parse_import_id("acme/corp/dept") == {"realm": "acme", "identity_provider_alias": "corp",
                                                        "name": "dept"}
    for bad, kind in (("acme/corp", "IdentityProviderMapper"), ("acme", "Role"), ("acme/", "User")):
        with pytest.raises(KeycloakError, match=f"import id '{bad}' must be "):
            spec_for(kind).parse_import_id(bad)


def test_an_import_id_names_the_object_its_natural_key_names() -> None:
    for spec in registered_specs():
        if spec.type_name == "Group":
            continue  # its key is the path: tests/unit/test_users_groups_checks.py
        key = tuple(f"{n}-1" for n in spec.key_fields)
        inputs = dict(zip(spec.key_fields, key, strict=True))
        assert spec.natural_key(spec.parse_import_id(spec.export_import_id(key))) == spec.natural_key(inputs)


def test_paths_come_from_the_templates_each_value_quoted_as_one_segment() -> None:
    mapper = spec_for("IdentityProviderMapper")
    inputs = {"realm": "a b", "identity_provider_alias": "corp/x", "name": "n"}
    assert mapper.collection_path(None, inputs) == "/a%20b/identity-provider/instances/corp%2Fx/mappers"  # type: ignore[arg-type]
    assert mapper.item_path(None, inputs, "id 1").endswith("/mappers/id%201")  # type: ignore[arg-type]
    assert spec_for("Role").item_path(None, {"realm": "acme"}, "r1") == "/acme/roles-by-id/r1"  # type: ignore[arg-type]
    assert spec_for("Realm").item_path(None, {"realm": "acme"}, "uuid") == "/acme"  # type: ignore[arg-type]
    assert spec_for("Realm").collection_path(None, {"realm": "acme"}) == ""  # type: ignore[arg-type]


def test_every_kind_is_exported_after_the_kinds_it_refers_to() -> None:
    order = [s.type_name for s in exportable_specs()]
    assert order[0] == "Realm" and "RequiredAction" in order
    for spec in exportable_specs():
        for field in spec.fields:
            if field.refers_to and field.refers_to != spec.type_name:
                assert order.index(field.refers_to) < order.index(spec.type_name), (spec.type_name, field.name)


def test_every_field_has_a_kind_object_with_its_words_and_types() -> None:
    for spec in registered_specs():
        for field in spec.fields:
            assert isinstance(field.kind, FieldKind), (spec.type_name, field.name)
            assert field.kind.words and field.kind.doc and field.kind.input_type and field.kind.output_type
            assert field.kind.shaped != field.kind.stored_as_sent  # maps are cut to their declared shape
