"""The README's main job: `pulumi up` of the root program against a Keycloak, then its outputs.

Keycloak: the one named by ``KEYCLOAK_URL`` (with ``KEYCLOAK_USER``/``KEYCLOAK_PASSWORD``) or by
the stack config ``keycloak:url``; otherwise a local one is started for the run, with its data kept
in ``.state/demo`` of this checkout, so that a second run finds what the first one made (and
reports no changes). Pulumi: a local file backend and the stack ``dev`` in the same folder (the
stack's ``Pulumi.dev.yaml`` beside ``Pulumi.yaml``), passphrase secrets.

    python -m scripts.demo [extra pulumi up flags]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from scripts import keycloak_server, pulumi_toolchain

ROOT = Path(__file__).resolve().parents[1]
STACK = os.environ.get("DEMO_STACK", "dev")


def pulumi(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pulumi", *args, "--non-interactive"], cwd=ROOT, env=env, text=True, check=check)


def main(extra: list[str]) -> int:
    state = ROOT / ".state" / "demo"
    env = pulumi_toolchain.offline_env(state)
    env.setdefault("PULUMI_CONFIG_PASSPHRASE", "demo-passphrase")
    print(f"[demo] {pulumi_toolchain.cli_version(env)} with state in {state}", flush=True)
    if subprocess.run(["pulumi", "stack", "select", STACK], cwd=ROOT, env=env, capture_output=True).returncode:
        pulumi(env, "stack", "init", STACK)
    configured = subprocess.run(
        ["pulumi", "config", "get", "keycloak:url"], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout.strip()

    server = None
    if not env.get("KEYCLOAK_URL") and not configured:
        server = keycloak_server.start(data_dir=state / "keycloak-data")
        print(f"[demo] Keycloak {server.version} at {server.url} (ready in {server.startup_seconds:.1f}s)")
        env.update(KEYCLOAK_URL=server.url, KEYCLOAK_USER=server.username, KEYCLOAK_PASSWORD=server.password)
    try:
        started = time.monotonic()
        if pulumi(env, "up", "--yes", *extra, check=False).returncode:
            print("[demo] pulumi up failed; its messages are above", file=sys.stderr)
            return 1
        print(f"[demo] pulumi up took {time.monotonic() - started:.1f}s; stack outputs:", flush=True)
        pulumi(env, "stack", "output")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
