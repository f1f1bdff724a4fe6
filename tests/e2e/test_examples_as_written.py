"""Every example, run exactly as its docstring says, one after another in a random order.

Each example's docstring ends with a "Run it" block of shell commands; this test runs those
lines (and nothing else) with bash in the example's directory, with the Keycloak connection in
``KEYCLOAK_*`` as examples/README.md tells, a fresh local backend, no config of its own. Then:
every command succeeded (or failed where the block says ``# fails``); an ``# again: no changes``
run changed nothing; and after the last command no object of the example is left in Keycloak,
no stack file is left in the checkout. The default realms and client ids are used, so the order
also shows that no two examples collide.
"""

from __future__ import annotations

import ast
import os
import random
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin
from scripts import pulumi_env as local_pulumi

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CHANGES = re.compile(r"\b(to create|created|to update|updated|to replace|replaced|to delete|deleted)\b")


def run_block(directory: Path) -> list[str]:
    """The commands of the docstring's "Run it" block (``main``: its own block at the root)."""
    program = directory / "__main__.py"
    doc = ast.get_docstring(ast.parse(program.read_text())) or ""
    tail = doc.split("Run it", 1)[1] if "Run it" in doc else doc.split("By hand", 1)[1]
    return [line.strip() for line in tail.splitlines() if line.startswith("    pulumi ")]


#: What each example makes with its defaults: (clients in master, realms).
MAKES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "client-minimal": (("test-minimal",), ()),
    "client-delete": (("test-delete",), ()),
    "client-full": (("test-full",), ()),
    "identity-brokering": (("portal",), ()),
    "lookups": (("lookups-reporting",), ()),
    "saml-client": (("https://sp.example.com/saml/metadata",), ()),
    "realm-roles": ((), ("example-roles",)),
    "policy-insecure": ((), ("guardrails-insecure",)),
    "policy-secure": ((), ("guardrails-secure",)),
    "main": ((), ("acme-shop",)),
    "users-groups": ((), ("example-company",)),
    "required-actions": ((), ("example-required-actions",)),
}


def leftovers(admin: KeycloakAdmin, names: list[str]) -> list[str]:
    """The objects of these examples that exist in Keycloak."""
    left = []
    for name in names:
        clients, realms = MAKES[name]
        left += [c for c in clients if admin.get("/master/clients", {"clientId": c})]
        left += [r for r in realms if admin.get_or_none(f"/{r}") is not None]
    return left


STACKS = ("Pulumi.dev", "Pulumi.my-stack")
EXAMPLE_DIRS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "__main__.py").exists())


def test_every_example_runs_as_written_in_any_order(admin: KeycloakAdmin, keycloak: Any) -> None:
    assert sorted(MAKES) == EXAMPLE_DIRS, "MAKES must say what every example makes"
    found = leftovers(admin, EXAMPLE_DIRS)
    # The examples use their names as written, so they cannot share a server with another run of
    # them; on a server this test session started, a leftover is another test's bug: fail.
    assert not found or keycloak.server is None, f"Keycloak started for this run already has {found}"
    if found:
        pytest.skip(f"the external Keycloak (KEYCLOAK_URL) already has {found}: another run of the examples?")
    order = EXAMPLE_DIRS[:]
    seed = random.randrange(10_000)
    random.Random(seed).shuffle(order)
    state = Path(tempfile.mkdtemp(prefix="pkd-examples-"))
    env = local_pulumi.local_env({k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")})
    env = {**env, **{"PULUMI_BACKEND_URL": f"file://{state}", **keycloak.env()}}
    report: list[str] = []
    try:
        _run_all(order, seed, env, admin, report)
    finally:
        _clean_up(env)
    print(f"examples in order {order} (seed {seed}):\n  " + "\n  ".join(report))


def _clean_up(env: dict[str, str]) -> None:
    """After a failure: destroy and remove whatever stack a half-run example left."""
    for name in EXAMPLE_DIRS:
        directory = ROOT if name == "main" else EXAMPLES / name
        for stack in STACKS:
            if (directory / f"{stack}.yaml").exists():
                stack_name = stack.split(".", 1)[1]
                for args in (["state", "unprotect", "--all", "--yes"], ["destroy", "--yes"], ["stack", "rm", "--yes"]):
                    subprocess.run(["pulumi", *args, "-s", stack_name], cwd=directory, env=env, capture_output=True)


def _run_all(order: list[str], seed: int, env: dict[str, str], admin: KeycloakAdmin, report: list[str]) -> None:
    for name in order:
        directory = ROOT if name == "main" else EXAMPLES / name
        commands = run_block(EXAMPLES / name)
        assert commands, f"examples/{name}: no 'Run it' block of pulumi commands in its docstring"
        for command in commands:
            done = subprocess.run(["bash", "-c", command], cwd=directory, env=env, capture_output=True, text=True)
            output = done.stdout + done.stderr
            expected_failure = "# fails" in command
            assert (done.returncode != 0) == expected_failure, (
                f"examples/{name} (order {order}, seed {seed}): `{command}` exited {done.returncode}:\n{output}"
            )
            if "# again: no changes" in command:
                summary = done.stdout.rsplit("Resources:", 1)[-1]
                assert not CHANGES.search(summary), f"examples/{name}: `{command}` changed something:\n{output}"
        left = leftovers(admin, [name])
        assert left == [], f"examples/{name} left {left} in Keycloak"
        stack_files = sorted(str(p.relative_to(ROOT)) for p in directory.glob("Pulumi.*.yaml") if p.stem in STACKS)
        assert stack_files == [], f"examples/{name} left stack files {stack_files}"
        report.append(f"{name}: {len(commands)} commands ok")
