"""A program of many objects for the fault suite, and a census of them through the Admin API.

The program (a Pulumi project directory, run by the real CLI) declares one realm and, for each
``i < count``, a client ``c-i``, its client role ``cr-i`` and a realm role ``r-i`` whose composite
is ``cr-i``: ``1 + 3 * count`` resources. :func:`census` counts what Keycloak holds (directly,
never through the proxy or the CLI's words) against what the stack's state records.
"""

from __future__ import annotations

import sys
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pulumi_keycloak_dynamic.api import KeycloakAdmin, clients, roles
from tests.support.pulumi_runner import PulumiStack

PROGRAM = '''
import pulumi
from pulumi_keycloak_dynamic import Client, Realm, Role

config = pulumi.Config()
name, count = config.require("realm"), config.require_int("count")
realm = Realm("realm", realm=name, enabled=True, display_name="fault suite")
for i in range(count):
    client = Client(f"c{i}", realm=realm.realm, client_id=f"c-{i}", description=f"client {i}")
    client_role = Role(f"cr{i}", realm=realm.realm, client_id=client.client_id, name=f"cr-{i}")
    Role(
        f"r{i}", realm=realm.realm, name=f"r-{i}", description=f"role {i}",
        composite_client_roles={f"c-{i}": [f"cr-{i}"]},
        opts=pulumi.ResourceOptions(depends_on=[client_role]),
    )
'''


def write_program(directory: Path) -> Path:
    """A Pulumi project running :data:`PROGRAM` with this interpreter's virtualenv."""
    directory.mkdir(parents=True, exist_ok=True)
    venv = Path(sys.executable).parent.parent
    (directory / "Pulumi.yaml").write_text(textwrap.dedent(f"""\
        name: kc-faults
        runtime:
          name: python
          options:
            toolchain: pip
            virtualenv: {venv}
        """))
    (directory / "__main__.py").write_text(PROGRAM)
    return directory


def objects(count: int) -> int:
    return 1 + 3 * count


@dataclass
class Census:
    """What Keycloak holds against what the state records (0 everywhere but ``matched`` is right)."""

    matched: int = 0
    duplicates: int = 0  # one Keycloak object held by two resources, or one name twice in Keycloak
    orphans: int = 0  # made by the program's resources, recorded by no state
    missing: int = 0  # recorded by the state, absent from Keycloak
    wrong: list[str] = field(default_factory=list)  # present, but not as declared

    def clean(self) -> bool:
        return not (self.duplicates or self.orphans or self.missing or self.wrong)


def census(admin: KeycloakAdmin, stack: PulumiStack, realm: str, count: int) -> Census:
    """Count through the Admin API: every declared object once, nothing else, composites right."""
    result = Census()
    state = stack.export()["deployment"].get("resources", [])
    state_ids = [
        str(r["outputs"].get(key))
        for r in state
        for suffix, key in (("Realm", "realm_id"), ("Client", "client_uuid"), ("Role", "role_id"))
        if r["type"].endswith(f":{suffix}") and r.get("outputs")
    ]
    result.duplicates += len(state_ids) - len(set(state_ids))
    present: dict[str, str] = {}  # Keycloak id -> natural name
    found_realm = admin.get_or_none(f"/{realm}")
    if found_realm is not None:
        present[str(found_realm["id"])] = realm
    ours = [c for c in clients.list_clients(admin, realm) if str(c["clientId"]).startswith("c-")]
    names = [str(c["clientId"]) for c in ours]
    present.update({str(c["id"]): str(c["clientId"]) for c in ours})
    for client in ours:
        client_roles = roles.list_roles(admin, realm, str(client["id"]))
        names += [f"{client['clientId']}/{r['name']}" for r in client_roles]
        present.update({str(r["id"]): f"{client['clientId']}/{r['name']}" for r in client_roles})
    realm_roles = [r for r in roles.list_roles(admin, realm) if str(r["name"]).startswith("r-")]
    names += [str(r["name"]) for r in realm_roles]
    present.update({str(r["id"]): str(r["name"]) for r in realm_roles})
    result.duplicates += sum(n - 1 for n in Counter(names).values() if n > 1)
    result.orphans = len(set(present) - set(state_ids))
    result.missing = len(set(state_ids) - set(present))
    result.matched = len(set(present) & set(state_ids))
    expected = {realm} | {f"c-{i}" for i in range(count)} | {f"c-{i}/cr-{i}" for i in range(count)}
    expected |= {f"r-{i}" for i in range(count)}
    result.wrong += sorted(expected - set(present.values()))
    for role in realm_roles:
        composites = roles.get_composites(admin, realm, str(role["name"]))
        wanted = "cr-" + str(role["name"])[2:]
        if [c["name"] for c in composites] != [wanted]:
            result.wrong.append(f"{role['name']} composites {[c['name'] for c in composites]}")
    return result
