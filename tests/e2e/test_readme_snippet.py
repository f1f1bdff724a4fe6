"""The README's "Using it" program runs as written on a Keycloak that does not have its realm.

The program is read from README.md at test time (so the README cannot drift from what works) and
run verbatim as an inline Pulumi program: one ``up`` creates everything in the right order (the
composite role after the role it includes), a second ``up`` changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

README = Path(__file__).resolve().parents[2] / "README.md"


def using_it_program() -> str:
    section = README.read_text().split("## Using it", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert found, "README.md has no python block under '## Using it'"
    return found.group(1)


def test_readme_program_runs_as_written(new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin) -> None:
    source = using_it_program()
    realm = re.search(r'realm="([^"]+)"', source).group(1)  # type: ignore[union-attr]
    assert admin.get_or_none(f"/{realm}") is None, f"realm '{realm}' exists: this test needs a Keycloak without it"
    code = compile(source, str(README), "exec")

    def program() -> None:
        exec(code, {"__name__": "__main__"})  # noqa: S102 - the README's own program, verbatim

    stack = new_stack(program=program)
    try:
        created = stack.up()
        assert created.changes.get("create", 0) >= 5, created.stdout  # the stack, a realm, a client, two roles
        assert created.outputs.get("web_client_uuid")
        clients = {c["clientId"]: c for c in admin.get(f"/{realm}/clients")}
        assert clients["shop-web"]["id"] == created.outputs["web_client_uuid"]
        composites = admin.get(f"/{realm}/roles/manager/composites")
        assert [r["name"] for r in composites] == ["clerk"]
        assert stack.up().changed == 0
    finally:
        stack.cli("state", "unprotect", "--all", "--yes", check=False)
        stack.destroy(remove=False)
    assert admin.get_or_none(f"/{realm}") is None
