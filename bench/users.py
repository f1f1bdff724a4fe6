"""Benchmark: N users (default 1,000) in one program: `up`, no-change `preview`, no-change `up`,
`refresh` and `destroy` wall times and Admin API requests, through the real pulumi CLI and a
counting proxy.

Each user has an email, names, one group (of 10 department groups), one realm role and a
temporary initial password, so every per-user sub-request (membership, role mapping, password,
digest) is in the numbers.

    python -m bench.users [N] [--quick]    # --quick: no refresh; the realm is deleted instead of destroyed

Uses KEYCLOAK_URL/KEYCLOAK_USER/KEYCLOAK_PASSWORD when set, else starts a local Keycloak.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pulumi

from bench.api_calls import target
from pulumi_keycloak_dynamic import Group, Realm, Role, User
from pulumi_keycloak_dynamic.api import ConnectionSettings, KeycloakAdmin
from scripts import pulumi_toolchain
from tests.support.fault_proxy import FaultProxy
from tests.support.pulumi_runner import PulumiStack

DEPARTMENTS = 10


def program_for(realm_name: str, size: int) -> Callable[[], None]:
    def program() -> None:
        password = pulumi.Config().require_secret("pw")
        realm = Realm("realm", realm=realm_name, enabled=True)
        role = Role("staff-role", realm=realm.realm, name="staff")
        groups = [Group(f"g{d}", realm=realm.realm, name=f"dept-{d}") for d in range(DEPARTMENTS)]
        for i in range(size):
            User(f"u{i}", realm=realm.realm, username=f"user-{i:05d}", email=f"user-{i}@example.com",
                 first_name="User", last_name=str(i), enabled=True, groups=[groups[i % DEPARTMENTS].path],
                 realm_roles=[role.name], initial_password=password, temporary=True)

    return program


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    numbers = [a for a in argv if a.isdigit()]
    size = int(numbers[0]) if numbers else 1000
    realm_name = f"usersbench-{uuid.uuid4().hex[:6]}"
    kc, server = target()
    rows: list[tuple[str, int, str, float]] = []
    try:
        with FaultProxy(kc.url) as proxy:
            env = pulumi_toolchain.offline_env(Path(tempfile.mkdtemp(prefix="pkd-bench-users-")))
            config = {"keycloak:url": (proxy.url, False), "keycloak:username": (kc.username, False),
                      "keycloak:password": (kc.password, True), "pw": (f"Bench-{uuid.uuid4().hex}", True)}
            stack = PulumiStack(env, program=program_for(realm_name, size),
                                config=config)

            def step(label: str, action: Callable[[], object]) -> None:
                proxy.seen.clear()
                started = time.monotonic()
                action()
                elapsed = time.monotonic() - started
                by_method = Counter(method for method, _, _ in proxy.seen)
                detail = ", ".join(f"{m} {n}" for m, n in sorted(by_method.items()))
                rows.append((label, len(proxy.seen), detail, elapsed))
                print(f"{label}: {elapsed:.1f} s, {len(proxy.seen)} requests ({detail})", file=sys.stderr, flush=True)

            step(f"up (realm, role, {DEPARTMENTS} groups, {size} users)", lambda: stack.up(parallel=16))
            step("preview, nothing changed", stack.preview)
            step("up, nothing changed", stack.up)
            if quick:
                admin = KeycloakAdmin.from_settings(ConnectionSettings(url=kc.url, username=kc.username,
                                                                       password=kc.password))
                admin.delete(f"/{realm_name}")
                stack.stack.workspace.remove_stack(stack.stack_name, force=True)
            else:
                step("refresh, nothing changed", lambda: stack.refresh(parallel=16))
                step("destroy", lambda: stack.destroy(parallel=16))
    finally:
        if server is not None:
            server.stop()
    print(f"\nKeycloak {kc.version}, {size} users, pulumi {pulumi_toolchain.PULUMI_VERSION}\n")
    print("| operation | Admin API requests | by method | wall time |\n|---|---|---|---|")
    for label, count, detail, elapsed in rows:
        print(f"| {label} | {count} | {detail} | {elapsed:.1f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
