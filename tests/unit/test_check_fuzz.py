"""Every malformed input is a one-line check failure, never a traceback.

Every field of every registered spec is fed hostile values (wrong types, nested garbage, bad URLs,
huge strings, unicode, control characters, None inside lists, unknown values where a preview has
them), one at a time and all at once, plus seeded random nested garbage. ``check()`` must answer
every time: a pass or one-line failures on no property, never an exception, and never through
its last-resort net (that would be a bug hidden, not handled).
"""

from __future__ import annotations

import random
from typing import Any

import pytest

import pulumi_keycloak_dynamic  # noqa: F401  (registers every spec)
from pulumi_keycloak_dynamic.engine import KeycloakProvider, registered_specs
from pulumi_keycloak_dynamic.engine.adoption import IMPORT_KEY, SAME_KEY
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN
from pulumi_keycloak_dynamic.engine.spec import ObjectSpec

HUGE = "x" * 200_000
HOSTILE: list[Any] = [
    None, True, False, 0, -1, 1.5, 10**30, float("nan"), float("inf"), -float("inf"),
    "", " ", HUGE, "ünïcødé ✓ 🚀", "\x00\n\r\t\u2028", "\ud800", "line\nbreak",
    "https://[bad", "http://[::1", "https://", "://", "http://exa mple.com", "%zz", "javascript:alert(1)",
    "https://" + HUGE, "/" + HUGE, UNKNOWN,
    [], [None], [1, None, "a"], [[["deep"]]], [{}], [{"name": None}], [{"name": ["x"]}], [{"name": {"a": 1}}],
    [{"name": "m", "config": {"a": [None]}}], [{"name": "m", "protocol": ["saml"]}], [UNKNOWN], ["https://[bad"],
    {}, {"": ""}, {"k": None}, {"k": [None]}, {"k": {"deep": {"deeper": [1]}}}, {1: "x"}, {None: "x"},
    {"k": float("nan")}, {"saml.signing.private.key": 5}, {"password": ["x"]}, {"k": UNKNOWN}, {UNKNOWN: "x"},
    {"jwks.url": "https://[bad"}, {"pkce.code.challenge.method": ["S256"]}, {"name": UNKNOWN, "config": UNKNOWN},
    {"app": [None, 1]}, {"app": "viewer"}, {"app": {"x": 1}},
]
NET = "could not be checked"


def base_inputs(spec: ObjectSpec) -> dict[str, Any]:
    """Valid values for the required inputs (strings in every spec so far)."""
    return {name: f"req-{name}" for name in spec.required}


def assert_answers(spec: ObjectSpec, news: dict[str, Any]) -> None:
    result = KeycloakProvider(spec.type_name).check({}, {"__provider": "opaque", **news})
    assert isinstance(result.inputs, dict)
    for failure in result.failures or []:
        assert failure.property == "", failure  # the engine would print the property's whole value
        assert isinstance(failure.reason, str) and failure.reason
        assert "\n" not in failure.reason and "\r" not in failure.reason, failure.reason
        assert len(failure.reason) <= 400, failure.reason[:100]
        assert NET not in failure.reason, f"check() crashed on {spec.type_name} {_short(news)}"


def _short(value: Any) -> str:
    text = repr(value)
    return text[:300]


def garbage(rng: random.Random, depth: int = 0) -> Any:
    """Random JSON-like garbage (and a few things JSON has not), nested up to four levels."""
    choice = rng.randrange(9 if depth < 4 else 5)
    if choice == 0:
        return rng.choice([None, True, False, UNKNOWN])
    if choice == 1:
        return rng.choice([0, -7, 2**63, 3.25, float("nan")])
    if choice in (2, 3, 4):
        alphabet = "aZ09 /:.[]%_-\n\t\x00éß✓🚀\ud800"
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
    if choice in (5, 6):
        return [garbage(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    keys = ["name", "config", "protocol", "protocolMapper", "password", "saml.signing.private.key", "jwks.url",
            "pkce.code.challenge.method", "app", "", "x"]
    return {rng.choice(keys): garbage(rng, depth + 1) for _ in range(rng.randrange(0, 4))}


SPECS = registered_specs()


def test_every_spec_is_fuzzed() -> None:
    assert {s.type_name for s in SPECS} >= {"Realm", "Client", "Role"}


@pytest.mark.parametrize("spec", SPECS, ids=[s.type_name for s in SPECS])
def test_hostile_values_in_every_field_get_an_answer(spec: ObjectSpec) -> None:
    names = [f.name for f in spec.fields] + [IMPORT_KEY, SAME_KEY, "no_such_input", "camelCaseUnknown"]
    for name in names:
        for value in HOSTILE:
            assert_answers(spec, {**base_inputs(spec), name: value})
            assert_answers(spec, {name: value})  # and without the required inputs


@pytest.mark.parametrize("spec", SPECS, ids=[s.type_name for s in SPECS])
def test_every_field_hostile_at_once(spec: ObjectSpec) -> None:
    for value in HOSTILE:
        assert_answers(spec, {f.name: value for f in spec.fields})


@pytest.mark.parametrize("spec", SPECS, ids=[s.type_name for s in SPECS])
def test_random_nested_garbage(spec: ObjectSpec) -> None:
    rng = random.Random(f"fuzz-{spec.type_name}")
    for _ in range(40):
        for field in spec.fields:
            assert_answers(spec, {**base_inputs(spec), field.name: garbage(rng)})
        assert_answers(spec, {f.name: garbage(rng) for f in spec.fields if rng.random() < 0.5})


def test_a_bad_url_is_a_failure_naming_the_field() -> None:
    """The case that was an 18-frame urlparse traceback."""
    result = KeycloakProvider("Client").check({}, {"client_id": "app", "root_url": "https://[bad"})
    reasons = [f.reason for f in result.failures or []]
    assert len(reasons) == 1 and reasons[0].startswith("'root_url' value 'https://[bad' is malformed"), reasons


def test_a_huge_value_is_shortened_in_the_message() -> None:
    result = KeycloakProvider("Client").check({}, {"client_id": "app", "base_url": "home" + HUGE})
    reasons = [f.reason for f in result.failures or []]
    assert reasons and "'base_url' value 'homexxx" in reasons[0] and len(reasons[0]) <= 400


UNKNOWN_PARTS: dict[str, list[Any]] = {
    "str_list": [[UNKNOWN], ["/a", UNKNOWN]],
    "str_set": [[UNKNOWN], ["/a", UNKNOWN]],
    "str_map": [{"a": UNKNOWN}],
    "int_map": [{"a": UNKNOWN}],
    "object": [{"a": UNKNOWN}, {"a": {"b": UNKNOWN}}],
    "keyed_list": [[UNKNOWN]],
    "str_list_map": [{"a": UNKNOWN}, {"a": [UNKNOWN]}],
    "str_set_map": [{"a": UNKNOWN}, {"a": [UNKNOWN, "b"]}],
}


@pytest.mark.parametrize("spec", SPECS, ids=[s.type_name for s in SPECS])
def test_values_not_known_yet_are_never_judged(spec: ObjectSpec) -> None:
    """A preview holds unknowns anywhere inside a value (an Output in a list or a map)."""
    for field in spec.fields:
        for value in [UNKNOWN, *UNKNOWN_PARTS.get(field.kind.name, [])]:
            result = KeycloakProvider(spec.type_name).check({}, {**base_inputs(spec), field.name: value})
            assert not result.failures, (field.name, value, [f.reason for f in result.failures or []])
