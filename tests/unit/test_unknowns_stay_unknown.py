"""A value still unknown in a preview stays unknown through ``check()``: no normalisation may turn
the SDK's sentinel into data (a User's ``groups=[group.path]`` once previewed as
``"/04da6b54-80e4-46f7-96ec-b56ff0331ba9"``, the sentinel with a ``/`` prepended).

For every input of every kind, the input is given a value of its kind with an unknown inside (a
list item, a map value, a mapper's key), the other inputs known and valid; ``check()`` must accept
it, and the inputs it returns may hold the sentinel only as a whole value, never inside a string.
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown

import pulumi_keycloak_dynamic  # noqa: F401  (registers every spec)
from pulumi_keycloak_dynamic.engine import Field, KeycloakProvider, registered_specs
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN

#: Known, valid values of every kind's required inputs.
BASE: dict[str, dict[str, Any]] = {
    "Realm": {"realm": "r"},
    "Client": {"client_id": "c", "public_client": False, "service_accounts_enabled": True,
               "authorization_services_enabled": True},
    "ClientScope": {"realm": "r", "name": "s"},
    "Group": {"realm": "r", "name": "g"},
    "User": {"realm": "r", "username": "ada"},
    "Role": {"realm": "r", "name": "x"},
    "ServiceAccountRoles": {"realm": "r", "client_id": "c"},
    "RealmDefaultRoles": {"realm": "r"},
    "IdentityProvider": {"realm": "r", "alias": "a", "provider_id": "github"},
    "IdentityProviderMapper": {"realm": "r", "identity_provider_alias": "a", "name": "m",
                               "identity_provider_mapper": "hardcoded-role-idp-mapper"},
    "RequiredAction": {"realm": "r", "alias": "CONFIGURE_TOTP"},
}


def unknown_inside(field: Field) -> Any:
    """A value of the field's kind whose only data is unknown (the way an Output arrives)."""
    u = Unknown()
    if field.name == "authorization_settings":  # an object of known keys
        return {"policies": [{"name": "p", "type": "role", "config": {"roles": [{"id": u}]}}]}
    if field.kind.name in ("str", "bool", "int"):
        return u
    if field.kind.name in ("str_list", "str_set"):
        return [u]
    if field.kind.name == "keyed_list":
        return [{"name": "m", "protocolMapper": u, "config": {"k": u}}]
    if field.kind.name == "str_set_map":
        return {"k": [u]}
    return {"k": u}  # maps and objects


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


CASES = [
    (spec.type_name, field)
    for spec in sorted(registered_specs(), key=lambda s: s.type_name)
    for field in spec.fields
    if not field.deprecated
]


def test_every_kind_has_known_base_inputs() -> None:
    assert {s.type_name for s in registered_specs()} <= set(BASE)


@pytest.mark.parametrize(("type_name", "field"), CASES, ids=[f"{t}.{f.name}" for t, f in CASES])
def test_an_unknown_inside_an_input_stays_unknown(type_name: str, field: Field) -> None:
    news = {**BASE[type_name], field.name: unknown_inside(field)}
    result = KeycloakProvider(type_name).check({}, news)
    assert [f.reason for f in result.failures or []] == []
    inputs = result.inputs or {}
    assert UNKNOWN in strings(inputs[field.name]) or inputs[field.name] == UNKNOWN
    assert [s for s in strings(inputs) if UNKNOWN in s and s != UNKNOWN] == []


def test_a_user_with_known_and_unknown_groups_keeps_both() -> None:
    result = KeycloakProvider("User").check({}, {"realm": "r", "username": "ada", "groups": ["/staff/", Unknown()]})
    assert (result.inputs or {})["groups"] == ["/staff", UNKNOWN]
    known = KeycloakProvider("User").check({}, {"realm": "r", "username": "ada", "groups": ["/b", "/a//", "/b"]})
    assert (known.inputs or {})["groups"] == ["/a", "/b"]
