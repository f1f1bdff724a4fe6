"""Shared fixtures: a real Keycloak, a fresh realm per test, the real pulumi CLI.

Tiers are given by directory: ``tests/unit`` (no server), ``tests/integration`` (real Keycloak),
``tests/e2e`` (real pulumi CLI against real Keycloak), ``tests/faults`` (the real CLI through a
fault-injecting proxy; slower: a few minutes).

Keycloak: started here (``scripts/keycloak_server.py``; ``KEYCLOAK_VERSION`` picks the release)
unless ``KEYCLOAK_URL`` with ``KEYCLOAK_USER``/``KEYCLOAK_PASSWORD`` point at a running one.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pulumi_keycloak_dynamic.api import ConnectionSettings, KeycloakAdmin, serverinfo  # noqa: E402
from scripts import keycloak_server, ldap_server, pulumi_toolchain  # noqa: E402
from tests.support.pulumi_runner import PulumiStack  # noqa: E402

RUN_FACTS: dict[str, str] = {}
#: "Exception ignored" reports are formatted between test phases, never inside the GC (see there).
pytest_plugins = ["tests.support.unraisable"]


@dataclass
class KeycloakTarget:
    url: str
    username: str
    password: str
    version: str
    server: keycloak_server.KeycloakServer | None = None

    def settings(self, **overrides: Any) -> ConnectionSettings:
        base = ConnectionSettings(url=self.url, username=self.username, password=self.password)
        return ConnectionSettings(**{**base.__dict__, **overrides})

    def env(self) -> dict[str, str]:
        return {"KEYCLOAK_URL": self.url, "KEYCLOAK_USER": self.username, "KEYCLOAK_PASSWORD": self.password}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts and parts[0] in ("unit", "integration", "e2e", "faults"):
            item.add_marker(getattr(pytest.mark, parts[0]))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if RUN_FACTS:
        terminalreporter.write_sep("-", "environment used")
        for key, value in RUN_FACTS.items():
            terminalreporter.write_line(f"{key}: {value}")


def _raise_on_sigterm(*_: Any) -> None:
    raise KeyboardInterrupt("SIGTERM")


signal.signal(signal.SIGTERM, _raise_on_sigterm)


@pytest.fixture(scope="session")
def keycloak() -> Iterator[KeycloakTarget]:
    """A reachable Keycloak with admin credentials (started for this session when needed)."""
    url = os.environ.get("KEYCLOAK_URL")
    if url:
        target = KeycloakTarget(url, os.environ.get("KEYCLOAK_USER", "admin"),
                                os.environ.get("KEYCLOAK_PASSWORD", ""), "external")
        info = KeycloakAdmin.from_settings(target.settings()).get_or_none("/master")
        target.version = "external" if info is None else "external server"
        RUN_FACTS["keycloak"] = f"external server at {url}"
        yield target
        return
    server = keycloak_server.start()
    RUN_FACTS["keycloak"] = (
        f"Keycloak {server.version} (Java at {server.java_home}), started in {server.startup_seconds:.1f}s"
    )
    try:
        yield KeycloakTarget(server.url, server.username, server.password, server.version, server)
    finally:
        rss = server.rss_mb()
        if rss:
            RUN_FACTS["keycloak memory"] = f"{rss:.0f} MiB resident at the end of the session"
        server.stop()


@pytest.fixture(scope="session")
def ldap() -> Iterator[ldap_server.LdapServer]:
    """A real OpenLDAP directory (Debian's slapd) of this session on a loopback port, seeded with
    ``ou=people`` and ``ou=groups``; tests add users and groups with names of their own."""
    server = ldap_server.start()
    RUN_FACTS["ldap"] = f"slapd at {server.url}"
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def admin(keycloak: KeycloakTarget) -> KeycloakAdmin:
    """An Admin API client logged in as the bootstrap admin."""
    return KeycloakAdmin.from_settings(keycloak.settings())


@pytest.fixture(scope="session")
def keycloak_version(admin: KeycloakAdmin) -> tuple[int, int, int]:
    """The release of the server under test, as the server states it (``GET /admin/serverinfo``)."""
    text = serverinfo.server_version_text(admin)
    RUN_FACTS["keycloak version"] = f"{text} (from /admin/serverinfo)"
    return serverinfo.parse_version(text)


@pytest.fixture
def realm_factory(admin: KeycloakAdmin) -> Iterator[Callable[..., str]]:
    """Creates uniquely named realms and deletes them after the test."""
    made: list[str] = []

    def make(**fields: Any) -> str:
        name = f"t-{uuid.uuid4().hex[:10]}"
        admin.create("", {"realm": name, "enabled": True, **fields}, lambda: None)
        made.append(name)
        return name

    yield make
    for name in made:
        admin.delete(f"/{name}")


@pytest.fixture
def realm(realm_factory: Callable[..., str]) -> str:
    """A fresh realm of this test's own, deleted afterwards."""
    return realm_factory()


@pytest.fixture(scope="session")
def pulumi_env(keycloak: KeycloakTarget) -> Iterator[dict[str, str]]:
    """Environment to run the real pulumi CLI offline (local backend, isolated PULUMI_HOME)."""
    state = Path(tempfile.mkdtemp(prefix="pkd-pulumi-"))
    env = pulumi_toolchain.offline_env(state)
    RUN_FACTS["pulumi"] = f"pulumi CLI {pulumi_toolchain.cli_version(env)}"
    yield env


@pytest.fixture
def new_stack(pulumi_env: dict[str, str], keycloak: KeycloakTarget) -> Iterator[Callable[..., PulumiStack]]:
    """Factory of stacks configured for the test Keycloak; every stack is destroyed afterwards."""
    stacks: list[PulumiStack] = []

    def make(*, work_dir: Path | None = None, program: Callable[[], None] | None = None,
             config: dict[str, tuple[str, bool]] | None = None, use_env_credentials: bool = False) -> PulumiStack:
        env = dict(pulumi_env)
        cfg: dict[str, tuple[str, bool]] = {}
        if use_env_credentials:
            env.update(keycloak.env())
        else:
            cfg = {
                "keycloak:url": (keycloak.url, False),
                "keycloak:username": (keycloak.username, False),
                "keycloak:password": (keycloak.password, True),
            }
        cfg.update(config or {})
        stack = PulumiStack(env, work_dir=work_dir, program=program, config=cfg)
        stacks.append(stack)
        return stack

    yield make
    for stack in stacks:
        try:
            stack.destroy()
        except Exception as exc:  # noqa: BLE001 - report, keep cleaning up the others
            print(f"cleanup: destroying stack {stack.stack_name} failed: {exc}", file=sys.stderr)
