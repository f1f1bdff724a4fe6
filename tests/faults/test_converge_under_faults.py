"""Runs that converge under faults: the real pulumi CLI, the project's fault proxy, the real Keycloak.

Each test deploys a fresh realm with ``1 + 3 * FAULT_COUNT`` objects (default 151: clients, client
roles, realm roles with composites) through a :class:`FaultProxy` in front of Keycloak, then
counts through the Admin API directly (never through the proxy or the CLI's words) that Keycloak
holds every declared object exactly once, nothing else, composites included.

* 20 % of all requests answered 503, 20 % answered 429 (``Retry-After: 1``), 10 % of POST answers
  lost after Keycloak handled them: the **first** ``up`` succeeds and Keycloak matches the state.
* The proxy killed mid-``up`` and restarted, and the CLI killed with SIGKILL (or stopped with two
  Ctrl-C 0.1 s apart) mid-``up``, leaving pending creates: the next ``up`` succeeds with 0 duplicates
  and 0 orphans (the owner marker lets the provider take back what the interrupted run created; see
  docs/resources.md).
* A client made by hand with a declared clientId still fails with "exists already … import_".

Fault rates are drawn from ``random.Random(FAULT_SEED)`` (default 1207; the seed is in every
failure message). Parallel requests arrive in varying order, so a seed reproduces the rates and
the mix, not the exact request that gets each fault. Numbers per scenario are printed in the
"environment used" summary at the end of the run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pulumi.automation import CommandError

from pulumi_keycloak_dynamic import Client
from pulumi_keycloak_dynamic.api import KeycloakAdmin, clients, realms
from tests.conftest import RUN_FACTS, KeycloakTarget
from tests.support.fault_proxy import FaultProxy
from tests.support.fleet import Census, census, objects, write_program
from tests.support.pulumi_runner import PulumiStack

SEED = int(os.environ.get("FAULT_SEED", "1207"))
COUNT = int(os.environ.get("FAULT_COUNT", "50"))


@dataclass
class Fleet:
    """One stack of the fleet program, deployed through its own fault proxy."""

    realm: str
    stack: PulumiStack
    work_dir: Path
    keycloak: KeycloakTarget
    proxy: FaultProxy

    def restart_proxy(self) -> None:
        self.proxy.stop()
        previous = self.proxy
        self.proxy = FaultProxy(self.keycloak.url, port=previous.port).start()
        self.proxy.seen[:0] = previous.seen  # keep the counts of the whole scenario


@pytest.fixture
def fleet(
    pulumi_env: dict[str, str], keycloak: KeycloakTarget, admin: KeycloakAdmin, tmp_path: Path
) -> Iterator[Fleet]:
    realm = f"f-{uuid.uuid4().hex[:10]}"
    proxy = FaultProxy(keycloak.url).start()
    work_dir = write_program(tmp_path / "program")
    stack = PulumiStack(
        pulumi_env,
        work_dir=work_dir,
        config={
            "keycloak:url": (proxy.url, False),
            "keycloak:username": (keycloak.username, False),
            "keycloak:password": (keycloak.password, True),
            "realm": (realm, False),
            "count": (str(COUNT), False),
        },
    )
    running = Fleet(realm, stack, work_dir, keycloak, proxy)
    try:
        yield running
    finally:
        running.proxy.stop()
        realms.delete_realm(admin, realm)  # everything the stack made is inside the realm
        stack.stack.workspace.remove_stack(stack.stack_name, force=True)


def record(name: str, fleet: Fleet, found: Census, seconds: float, extra: str = "") -> None:
    proxy = fleet.proxy
    RUN_FACTS[f"faults: {name}"] = (
        f"{objects(COUNT)} objects, {len(proxy.seen)} requests, {proxy.injected()} faults injected, "
        f"{proxy.retried()} requests repeated after a fault, {found.duplicates} duplicates, "
        f"{found.orphans} orphans, {found.missing} missing, {taken_back(proxy)} leftovers taken back, "
        f"{seconds:.0f}s (seed {SEED}){extra}"
    )


def taken_back(proxy: FaultProxy) -> int:
    """Creates that met an object already there (409): each was recognised as this stack's own."""
    return sum(1 for method, _, outcome in proxy.seen if method == "POST" and outcome == "forwarded (409)")


def assert_converged(fleet: Fleet, admin: KeycloakAdmin, what: str) -> Census:
    found = census(admin, fleet.stack, fleet.realm, COUNT)
    assert found.clean(), f"{what} (seed {SEED}): {found}"
    assert found.matched == objects(COUNT), f"{what} (seed {SEED}): {found}"
    return found


def wait_for_clients(admin: KeycloakAdmin, realm: str, at_least: int, timeout: float = 300) -> None:
    """Block until the realm holds ``at_least`` clients of the program (counted directly)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if admin.get_or_none(f"/{realm}") is not None:
            made = [c for c in clients.list_clients(admin, realm) if str(c["clientId"]).startswith("c-")]
            if len(made) >= at_least:
                return
        time.sleep(0.5)
    raise AssertionError(f"the program made fewer than {at_least} clients in {timeout:.0f}s")


RANDOM_FAULTS: dict[str, dict[str, Any]] = {
    "20% 503": {"rate": 0.2, "action": "status", "status": 503},
    "20% 429": {"rate": 0.2, "action": "status", "status": 429, "retry_after": "1"},
    "10% lost POST answers": {"rate": 0.1, "action": "drop", "methods": ("POST",)},
}


@pytest.mark.parametrize("name", list(RANDOM_FAULTS))
def test_first_up_succeeds_under_random_faults_and_keycloak_matches_the_state(
    name: str, fleet: Fleet, admin: KeycloakAdmin
) -> None:
    fleet.proxy.random(**RANDOM_FAULTS[name], seed=SEED)
    started = time.monotonic()
    fleet.stack.up()
    seconds = time.monotonic() - started
    found = assert_converged(fleet, admin, name)
    assert fleet.proxy.injected() > 0
    assert fleet.stack.preview().changed == 0  # the state agrees with the program: nothing to do
    record(name, fleet, found, seconds)


def test_proxy_killed_mid_up_and_restarted_next_up_converges(fleet: Fleet, admin: KeycloakAdmin) -> None:
    failure: list[BaseException] = []

    def first_up() -> None:
        try:
            fleet.stack.up()
        except BaseException as exc:  # noqa: BLE001 - the interrupted run is expected to fail
            failure.append(exc)

    started = time.monotonic()
    runner = threading.Thread(target=first_up)
    runner.start()
    wait_for_clients(admin, fleet.realm, COUNT // 3)
    fleet.proxy.stop()  # Keycloak unreachable: open connections cut, new ones refused
    runner.join(timeout=600)
    assert failure and isinstance(failure[0], CommandError), "the interrupted up should have failed"
    cut = sum(1 for _ in fleet.proxy.seen)
    in_state = len(fleet.stack.export()["deployment"].get("resources", []))
    fleet.restart_proxy()
    fleet.stack.up()
    seconds = time.monotonic() - started
    found = assert_converged(fleet, admin, "proxy killed")
    assert fleet.stack.preview().changed == 0
    record("proxy killed mid-up, restarted", fleet, found, seconds,
           f", killed after {cut} requests with {in_state} resources in the state")


def stop_cli(cli: subprocess.Popen[bytes], how: str) -> None:
    """SIGKILL the CLI alone (its plugins are orphaned, as after ``kill -9``), or press Ctrl-C twice.

    Then the leftovers go: the CLI's process group, and its plugins (language host, program,
    provider host), which the CLI starts in groups of their own and which outlive a SIGKILL."""
    plugins = descendants(cli.pid)
    if how == "SIGKILL":
        cli.send_signal(signal.SIGKILL)
    else:
        cli.send_signal(signal.SIGINT)  # the first asks to finish the running steps
        time.sleep(0.1)
        cli.send_signal(signal.SIGINT)  # the second stops at once
    try:
        cli.wait(timeout=60)
    finally:
        time.sleep(2)
        with_pgid(cli.pid, lambda pgid: os.killpg(pgid, signal.SIGKILL))  # our leftovers, by group id
        for pid in plugins + descendants(cli.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        cli.wait()


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` now (children, their children, ...), read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError):  # the process may be gone already
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])  # after "pid (command) state"
            parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.mark.parametrize("how", ["SIGKILL", "two Ctrl-C"])
def test_cli_stopped_mid_up_next_up_converges(how: str, fleet: Fleet, admin: KeycloakAdmin) -> None:
    stack = fleet.stack
    started = time.monotonic()
    with (fleet.work_dir / "stopped-up.log").open("w") as log:
        cli = subprocess.Popen(
            ["pulumi", "up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.stack_name],
            cwd=fleet.work_dir, env=stack.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            wait_for_clients(admin, fleet.realm, COUNT // 3)
        finally:
            stop_cli(cli, how)
    restored = restore_cut_checkpoint(stack)
    pending = len(stack.export()["deployment"].get("pending_operations") or [])
    # A killed CLI leaves the backend's lock; `pulumi cancel` is the step the CLI itself names.
    stack.cli("cancel", "--yes", check=False)
    stack.up()
    seconds = time.monotonic() - started
    found = assert_converged(fleet, admin, f"CLI stopped ({how})")
    assert fleet.stack.preview().changed == 0
    note = f", {pending} pending creates left in the state" + (", checkpoint cut by the kill: .bak restored"
                                                                 if restored else "")
    record(f"CLI stopped mid-up ({how})", fleet, found, seconds, note)


def restore_cut_checkpoint(stack: PulumiStack) -> bool:
    """A SIGKILL can land while the file backend rewrites the checkpoint or its ``.attrs`` file,
    leaving one cut short (``failed to load checkpoint: EOF``, Pulumi's own doing). The operator's
    remedy is the backend's previous checkpoint, ``<stack>.json.bak``; whatever the run created
    after it is then unknown to the state, which is exactly what the owner marker lets the next
    ``up`` take back."""
    if stack.cli("stack", "export", check=False).returncode == 0:
        return False
    backend = Path(stack.env["PULUMI_BACKEND_URL"].removeprefix("file://"))
    checkpoints = list(backend.glob(f".pulumi/stacks/*/{stack.stack_name}.json"))
    assert len(checkpoints) == 1, f"no checkpoint of {stack.stack_name} under {backend}"
    backup = checkpoints[0].with_name(checkpoints[0].name + ".bak")
    assert backup.exists(), f"checkpoint {checkpoints[0]} is unreadable and has no .bak"
    checkpoints[0].write_bytes(backup.read_bytes())
    # The blob store keeps the checkpoint's attributes beside it; the kill may cut that file instead.
    attributes = checkpoints[0].with_name(checkpoints[0].name + ".attrs")
    backup_attributes = backup.with_name(backup.name + ".attrs")
    if backup_attributes.exists():
        attributes.write_bytes(backup_attributes.read_bytes())
    return True


def with_pgid(pgid: int, action: Callable[[int], None]) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group may have ended by itself
        action(pgid)


def test_a_client_made_by_hand_is_still_refused_with_the_import_advice(
    new_stack: Callable[..., PulumiStack], admin: KeycloakAdmin, realm: str
) -> None:
    clients.create_client(admin, realm, {"clientId": "by-hand", "description": "made by hand"})

    def program() -> None:
        Client("app", realm=realm, client_id="by-hand", description="from the program")

    stack = new_stack(program=program)
    with pytest.raises(CommandError) as err:
        stack.up()
    text = str(err.value)
    assert f"Client '{realm}/by-hand' exists already" in text
    assert f"ResourceOptions(import_='{realm}/by-hand')" in text
    found = clients.find_client(admin, realm, "by-hand") or {}
    assert found.get("description") == "made by hand"  # not taken over
    assert "pulumi-keycloak-dynamic.owner" not in (found.get("attributes") or {})
