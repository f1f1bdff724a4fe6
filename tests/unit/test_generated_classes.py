"""The resource classes are generated from the specs: they are fresh, typed and documented."""

from __future__ import annotations

import pydoc
import subprocess
import sys
from pathlib import Path

import pytest

import pulumi_keycloak_dynamic
from pulumi_keycloak_dynamic.engine import registered_specs
from scripts import generate

ROOT = Path(__file__).resolve().parents[2]

GOOD_PROGRAM = '''
import pulumi
from pulumi_keycloak_dynamic import Client, ClientArgs, Realm, Role

realm = Realm("r", realm="acme", enabled=True)
client = Client("c", ClientArgs(realm=realm.realm, client_id="app", redirect_uris=["https://a.example/cb"]))
role = Role("role", realm=realm.realm, client_id=client.client_id, name="viewer")
ids: list[pulumi.Output[str]] = [realm.realm, client.client_id, client.client_uuid, role.name, role.role_id]
uris: pulumi.Output[list[str] | None] = client.redirect_uris  # None when not declared
pulumi.export("ids", ids)
'''

BAD_PROGRAM = '''
from pulumi_keycloak_dynamic import Client

Client("c", realm="acme", client_id="app", redirect_uri=["https://a.example/cb"], enabled="yes")
'''


def _mypy(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    program = tmp_path / "program.py"
    program.write_text(text)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", str(ROOT / "pyproject.toml"),
         str(program)],
        capture_output=True, text=True, cwd=ROOT,
    )


def test_generated_files_are_fresh() -> None:
    stale = [str(p.relative_to(ROOT)) for p in generate.stale_files()]
    assert stale == [], f"generated files are stale, run `make generate`: {stale}"


def test_a_changed_spec_field_makes_the_generated_files_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = next(s for s in registered_specs() if s.type_name == "Role")
    field = spec.by_name["description"]
    changed = type(field)(**{**field.__dict__, "doc": "A different description."})
    monkeypatch.setattr(type(spec), "fields", tuple(changed if f is field else f for f in spec.fields))
    stale = {p.name for p in generate.stale_files()}
    assert {"role.py", "role.md"} <= stale


def test_every_registered_spec_has_a_public_class_and_a_reference_page() -> None:
    for spec in registered_specs():
        assert hasattr(pulumi_keycloak_dynamic, spec.type_name)
        assert hasattr(pulumi_keycloak_dynamic, f"{spec.type_name}Args")
        assert (ROOT / "docs" / "reference" / f"{generate.module_name(spec)}.md").exists()
        assert spec.summary, f"{spec.type_name} needs a summary for its docs"


def test_help_lists_every_input_with_its_doc() -> None:
    text = pydoc.render_doc(pulumi_keycloak_dynamic.Client, renderer=pydoc.plaintext)
    spec = next(s for s in registered_specs() if s.type_name == "Client")
    for field in spec.fields:
        assert f"``{field.name}``" in text
    assert "Valid redirect URIs" in text
    assert "pulumi-python:dynamic/keycloak:Client" in text
    assert "__provider" not in text.split("Method resolution order")[0]


def test_typed_program_passes_mypy_strict(tmp_path: Path) -> None:
    result = _mypy(tmp_path, GOOD_PROGRAM)
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspelled_and_mistyped_inputs_fail_mypy_naming_them(tmp_path: Path) -> None:
    result = _mypy(tmp_path, BAD_PROGRAM)
    assert result.returncode == 1
    # A misspelt input reads as one that does not exist (not as `expected "Never"`), with mypy's suggestion.
    assert 'Unexpected keyword argument "redirect_uri" for "Client"; did you mean "redirect_uris"?' in result.stdout
    assert "Never" not in result.stdout
    assert 'Argument "enabled" to "Client" has incompatible type "str"' in result.stdout
