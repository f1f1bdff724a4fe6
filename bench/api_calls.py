"""Benchmark: Admin API requests and wall time per Pulumi operation, at a realistic size.

A realm with N clients and N roles goes through `up`, a no-change `preview`, a no-change `up`,
`refresh`, a one-field change, and `destroy`, through the real pulumi CLI; a counting proxy in
front of Keycloak records every request of the provider. It also times Keycloak's password login,
to put "one login per process" against the login-per-task habit of other tools.

    python -m bench.api_calls [N]          # N defaults to 20

Uses KEYCLOAK_URL/KEYCLOAK_USER/KEYCLOAK_PASSWORD when set, else starts a local Keycloak.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import pulumi

from pulumi_keycloak_dynamic import Client, Realm, Role
from pulumi_keycloak_dynamic.api import ConnectionSettings, KeycloakSession
from scripts import keycloak_server, pulumi_toolchain
from tests.conftest import KeycloakTarget
from tests.support.fault_proxy import FaultProxy
from tests.support.pulumi_runner import PulumiStack


def program_for(realm_name: str, size: int) -> object:
    def program() -> None:
        desc = pulumi.Config().get("description") or "first"
        realm = Realm("realm", realm=realm_name, enabled=True)
        for i in range(size):
            Client(f"c{i}", realm=realm.realm, client_id=f"app-{i}", description=desc if i == 0 else "static",
                   redirect_uris=[f"https://app{i}.example.com/*"], attributes={"pkce.code.challenge.method": "S256"})
            Role(f"r{i}", realm=realm.realm, name=f"role-{i}", description="bench")

    return program


def target() -> tuple[KeycloakTarget, keycloak_server.KeycloakServer | None]:
    import os

    if os.environ.get("KEYCLOAK_URL"):
        return KeycloakTarget(os.environ["KEYCLOAK_URL"], os.environ.get("KEYCLOAK_USER", "admin"),
                              os.environ.get("KEYCLOAK_PASSWORD", ""), "external"), None
    server = keycloak_server.start()
    return KeycloakTarget(server.url, server.username, server.password, server.version, server), server


def main(argv: list[str]) -> int:
    size = int(argv[0]) if argv else 20
    kc, server = target()
    rows: list[tuple[str, int, str, float]] = []
    try:
        with FaultProxy(kc.url) as proxy:
            env = pulumi_toolchain.offline_env(Path(tempfile.mkdtemp(prefix="pkd-bench-")))
            config = {"keycloak:url": (proxy.url, False), "keycloak:username": (kc.username, False),
                      "keycloak:password": (kc.password, True)}
            stack = PulumiStack(env, program=program_for(f"bench-{uuid.uuid4().hex[:6]}", size), config=config)

            def step(label: str, action: object) -> None:
                proxy.seen.clear()
                started = time.monotonic()
                action()  # type: ignore[operator]
                elapsed = time.monotonic() - started
                by_method = Counter(method for method, _, _ in proxy.seen)
                detail = ", ".join(f"{m} {n}" for m, n in sorted(by_method.items()))
                rows.append((label, len(proxy.seen), detail, elapsed))

            step(f"up (create realm + {size} clients + {size} roles)", stack.up)
            step("preview, nothing changed", stack.preview)
            step("up, nothing changed", stack.up)
            step("refresh, nothing changed", stack.refresh)
            stack.set_config("description", "second")
            step("up, one field of one client changed", stack.up)
            step("destroy", lambda: stack.destroy())

        session = KeycloakSession(ConnectionSettings(url=kc.url, username=kc.username, password=kc.password))
        started = time.monotonic()
        for _ in range(5):
            session._login()
        login_ms = (time.monotonic() - started) / 5 * 1000
        started = time.monotonic()
        for _ in range(20):
            session.request("GET", "/master")
        get_ms = (time.monotonic() - started) / 20 * 1000
    finally:
        if server is not None:
            server.stop()

    resources = 2 * size + 1
    print(f"\nKeycloak {kc.version}, {resources} Keycloak objects, pulumi {pulumi_toolchain.PULUMI_VERSION}\n")
    print("| operation | Admin API requests | by method | wall time |\n|---|---|---|---|")
    for label, count, detail, elapsed in rows:
        print(f"| {label} | {count} | {detail} | {elapsed:.1f} s |")
    print(f"\npassword login: {login_ms:.0f} ms on average; an authenticated GET: {get_ms:.1f} ms.")
    print(f"One login per process instead of one per resource saves about {(resources - 1) * login_ms / 1000:.1f} s "
          f"of logins on an up of {resources} objects (ratio {resources}:1).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
