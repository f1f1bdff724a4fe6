"""The package as a user gets it: a wheel and an sdist built from this checkout (``python -m
build``), checked by ``twine check``, the wheel installed into a clean virtualenv with no checkout
on ``sys.path``; then, from that virtualenv only, through the real pulumi CLI against the real
Keycloak: an example's ``up`` / second ``up`` / ``destroy``, the policy pack written by
``python -m keycloak_guardrails pack``, and the exporter.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin
from scripts import package
from tests.conftest import KeycloakTarget
from tests.support.pulumi_runner import PulumiStack

ROOT = Path(__file__).resolve().parents[2]
NewStack = Callable[..., PulumiStack]
#: What a program, the policy pack and the exporter import: every module of both packages.
PACKAGES = {"pulumi_keycloak_dynamic": ROOT / "provider" / "pulumi_keycloak_dynamic",
            "keycloak_guardrails": ROOT / "policy" / "keycloak_guardrails"}


def run(cmd: list[str], **kwargs: object) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout}\n{done.stderr}"
    return str(done.stdout)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist, built as ``make package`` builds them (here into a directory of its own)."""
    out = tmp_path_factory.mktemp("dist")
    package.build(out)
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv with the wheel and its ``policy`` extra installed (dependencies from pip)."""
    home = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", str(home)])
    wheel = next(dist.glob("*.whl"))
    run([str(home / "bin" / "python"), "-m", "pip", "install", "-q", f"{wheel}[policy]"])
    return home


def test_the_wheel_holds_every_module_and_passes_twine_check(dist: Path) -> None:
    wheel, sdist = next(dist.glob("*.whl")), next(dist.glob("*.tar.gz"))
    checked = run([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)])
    assert checked.count("PASSED") == 2, checked
    assert {"CHANGELOG.md", "README.md", "pyproject.toml"} <= {Path(n).name for n in _sdist_names(sdist)}
    names = set(zipfile.ZipFile(wheel).namelist())
    for name, source in PACKAGES.items():
        wanted = {f"{name}/{p.relative_to(source)}" for p in source.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts}
        assert wanted <= names, f"missing from the wheel: {sorted(wanted - names)}"
        assert f"{name}/py.typed" in names
    from pulumi_keycloak_dynamic import __version__
    assert wheel.name == f"pulumi_keycloak_dynamic-{__version__}-py3-none-any.whl"
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text(), "CHANGELOG.md has no entry for the version"


def _sdist_names(sdist: Path) -> list[str]:
    import tarfile

    with tarfile.open(sdist) as tar:
        return tar.getnames()


def _clean_env(stack_env: dict[str, str], venv: Path) -> dict[str, str]:
    """The stack's environment with the installed interpreter and nothing of the checkout."""
    env = {k: v for k, v in stack_env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PULUMI_PYTHON_CMD"] = str(venv / "bin" / "python")
    paths = [p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(ROOT))]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *paths])
    return env


def _project(directory: Path, name: str, venv: Path, main_py: str) -> Path:
    directory.mkdir(parents=True)
    (directory / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: {venv}\n")
    (directory / "__main__.py").write_text(main_py)
    return directory


def test_an_example_the_policy_pack_and_the_exporter_run_from_the_installed_wheel(
    venv: Path, new_stack: NewStack, admin: KeycloakAdmin, keycloak: KeycloakTarget, tmp_path: Path,
) -> None:
    python = str(venv / "bin" / "python")
    where = run([python, "-c", "import pulumi_keycloak_dynamic as p, keycloak_guardrails as g; "
                 "print(p.__file__); print(g.__file__)"], cwd=tmp_path)
    assert all(line.startswith(str(venv)) for line in where.split()), where

    realm = f"t-{uuid.uuid4().hex[:10]}"
    main_py = (ROOT / "examples" / "client-minimal" / "__main__.py").read_text()
    own_realm = (f'from pulumi_keycloak_dynamic import Realm\n\nrealm = Realm("realm", realm="{realm}", '
                 'brute_force_protected=True, password_policy="length(12) and notUsername").realm')  # as the pack asks
    main_py = main_py.replace('realm = pulumi.Config().get("realm") or "master"', own_realm)
    assert f'Realm("realm", realm="{realm}",' in main_py, "the example's realm line changed: update this test"
    project = _project(tmp_path / "program", "wheel-user", venv, main_py)
    stack = new_stack(work_dir=project)
    stack.env.update(_clean_env(stack.env, venv))
    stack.stack.workspace.env_vars = dict(stack.env)

    pack = Path(run([python, "-m", "keycloak_guardrails", "pack", str(tmp_path / "guardrails")]).strip())
    assert (pack / "PulumiPolicy.yaml").read_text().count(str(venv.resolve())) == 1
    first = stack.up(policy_packs=[str(pack)])
    assert first.changes.get("create") == 3, first.stdout  # the stack, the realm, the client
    assert "keycloak-guardrails" in first.stdout, "the policy pack did not run"
    assert admin.get(f"/{realm}/clients", {"clientId": "test-minimal"}), "the client is not in Keycloak"
    again = stack.up()
    assert again.changed == 0, again.stdout

    out = tmp_path / "exported"
    env = {**_clean_env(dict(os.environ), venv), **keycloak.env()}
    said = run([python, "-m", "pulumi_keycloak_dynamic", "export", "--realm", realm, "--out", str(out),
                "--virtualenv", str(venv)], cwd=tmp_path, env=env)
    assert "wrote" in said and (out / "__main__.py").exists(), said
    assert "test-minimal" in (out / "__main__.py").read_text()

    stack.destroy(remove=False)
    assert admin.get_or_none(f"/{realm}") is None, "destroy left the realm behind"
