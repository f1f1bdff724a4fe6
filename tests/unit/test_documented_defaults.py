"""The defaults the reference pages show agree with the provider: each page's *default* column is
the spec's ``Field.default``, and an input the provider sends on its own when it is not declared
(a Client's ``publicClient: false``) is documented with the value it sends. (What Keycloak then
holds is checked against the server by ``tests/integration/test_documented_defaults.py``.)"""

from __future__ import annotations

from pathlib import Path

import pytest

import pulumi_keycloak_dynamic  # noqa: F401  (registers every spec)
from pulumi_keycloak_dynamic.engine import ObjectSpec, registered_specs
from pulumi_keycloak_dynamic.engine.fields import keycloak_string
from scripts.generate import module_name

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference"
SPECS = sorted(registered_specs(), key=lambda s: s.type_name)
#: Known values of every kind's required inputs: what a create body holds at least.
REQUIRED = {"realm": "acme", "client_id": "app", "name": "n", "username": "ada", "alias": "corp",
            "provider_id": "github", "identity_provider_alias": "corp", "identity_provider_mapper": "m"}


def page_defaults(spec: ObjectSpec) -> dict[str, str]:
    """input → the *default* cell of its row on the reference page."""
    rows = {}
    for line in (REFERENCE / f"{module_name(spec)}.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].startswith("`") and cells[0].endswith("`"):
            rows[cells[0].strip("`")] = cells[3]
    return rows


@pytest.mark.parametrize("spec", SPECS, ids=[s.type_name for s in SPECS])
def test_the_reference_page_shows_the_spec_defaults(spec: ObjectSpec) -> None:
    shown = page_defaults(spec)
    assert set(shown) == {f.name for f in spec.fields}
    assert {n: d for n, d in shown.items() if d} == {f.name: f.default for f in spec.fields if f.default}


@pytest.mark.parametrize("spec", SPECS, ids=[s.type_name for s in SPECS])
def test_what_the_provider_sends_unasked_is_the_documented_default(spec: ObjectSpec) -> None:
    inputs = {n: REQUIRED[n] for n in spec.required}
    body = spec.create_representation(inputs)
    declared = {spec.by_name[n].api_name for n in inputs}
    unasked = {f.name: body[f.api_name] for f in spec.fields
               if f.api != "" and f.api_name in body and f.api_name not in declared}
    assert {n: f"documented {spec.by_name[n].default or 'nothing'}" for n, v in unasked.items()
            if keycloak_string(v) != spec.by_name[n].default} == {}
