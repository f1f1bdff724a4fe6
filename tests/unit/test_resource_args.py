"""Args objects and keyword arguments of the generated resource classes merge without loss."""

from __future__ import annotations

from pulumi_keycloak_dynamic import RoleArgs
from pulumi_keycloak_dynamic.runtime import collect_inputs


def test_unset_keywords_do_not_wipe_what_the_args_object_gives() -> None:
    # The generated __init__ passes every keyword, the unset ones as None.
    inputs = collect_inputs(RoleArgs(realm="acme", name="viewer"), {"realm": None, "name": None, "description": "d"})
    assert inputs == {"realm": "acme", "name": "viewer", "description": "d"}


def test_keywords_given_win_over_the_args_object() -> None:
    assert collect_inputs(RoleArgs(realm="acme", name="a"), {"name": "b"}) == {"realm": "acme", "name": "b"}
