"""The README's demo: `pulumi up --refresh` of the root program against a Keycloak, then its outputs.

    make demo             # python -m scripts.demo
    make demo KEEP=1      # ... --keep: leave the local Keycloak running afterwards
    make demo-destroy     # python -m scripts.demo --destroy: destroy the demo's objects and stack

Keycloak: the one named by ``KEYCLOAK_URL`` (with ``KEYCLOAK_USER``/``KEYCLOAK_PASSWORD``);
otherwise the local one of ``make keycloak`` (started for the run when it is not running, and
stopped again afterwards unless ``--keep``). One stack per server: ``local`` for the local
Keycloak, ``kc-<host>-<port>`` for another, so pointing the demo at another server really
deploys there. Pulumi: the local backend and passphrase of ``make env`` / ``make shell``
(``.state/pulumi``), so ``pulumi stack ls`` there lists these stacks.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from scripts import local_keycloak, pulumi_env, pulumi_toolchain

ROOT = Path(__file__).resolve().parents[1]


def stack_for(url: str) -> str:
    """``kc-sso-example-com-443`` for ``https://sso.example.com``: one stack per server."""
    parsed = urlparse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    path = parsed.path.strip("/")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"kc-{parsed.hostname}-{port}-{path}".strip("-")).strip("-")


def pulumi(
    env: dict[str, str], *args: str, check: bool = True, quiet: bool = False
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["pulumi", *args, "--non-interactive"], cwd=ROOT, env=env, text=True, check=check, capture_output=quiet
    )


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    destroy = "--destroy" in argv
    extra = [a for a in argv if a not in ("--keep", "--destroy")]
    env = pulumi_env.local_env()
    print(f"[demo] {pulumi_toolchain.cli_version(env)} with state in {pulumi_env.STATE}", flush=True)

    server, started = None, False
    if env.get("KEYCLOAK_URL"):
        stack = stack_for(env["KEYCLOAK_URL"])
    else:
        server, started = local_keycloak.start()
        env.update(server.env())
        stack = "local"
    if pulumi(env, "stack", "select", stack, check=False, quiet=True).returncode:
        if destroy:
            print(f"[demo] no demo stack '{stack}' to destroy")
            return 0
        pulumi(env, "stack", "init", stack)
    if server is not None:  # so that `pulumi` on this stack (make shell) finds its Keycloak
        pulumi(env, "config", "set", "keycloak:url", server.url, quiet=True)
        pulumi(env, "config", "set", "keycloak:username", server.username, quiet=True)
        pulumi(env, "config", "set", "--secret", "keycloak:password", server.password, quiet=True)
    try:
        return _destroy(env, stack) if destroy else _up(env, stack, extra)
    finally:
        if server is not None:
            _leave(server, started, keep)


def _up(env: dict[str, str], stack: str, extra: list[str]) -> int:
    started = time.monotonic()
    # --refresh: reads the objects first, so a change made by hand in Keycloak is found and undone.
    if pulumi(env, "up", "--yes", "--refresh", *extra, check=False).returncode:
        print("[demo] pulumi up failed; its messages are above", file=sys.stderr)
        return 1
    print(f"[demo] pulumi up took {time.monotonic() - started:.1f}s; stack '{stack}' outputs:", flush=True)
    pulumi(env, "stack", "output")
    login = "" if stack == "local" else " (with KEYCLOAK_URL, KEYCLOAK_USER, KEYCLOAK_PASSWORD exported)"
    print(
        f"[demo] to run pulumi on this stack yourself: make shell, then{login}\n"
        f"         pulumi stack select {stack} && pulumi preview --diff --refresh\n"
        f"       to remove what the demo made: make demo-destroy"
    )
    return 0


def _destroy(env: dict[str, str], stack: str) -> int:
    if pulumi(env, "destroy", "--yes", check=False).returncode:
        print("[demo] pulumi destroy failed; its messages are above", file=sys.stderr)
        return 1
    pulumi(env, "stack", "rm", "--yes", stack)
    print(f"[demo] destroyed the demo's objects and removed stack '{stack}'")
    return 0


def _leave(server: local_keycloak.LocalKeycloak, started: bool, keep: bool) -> None:
    if started and not keep:
        local_keycloak.stop()
        print("[demo] stopped the local Keycloak again (its realms are kept); `make demo KEEP=1` or "
              "`make keycloak` leaves it running to look around")
    else:
        print("[demo] " + server.describe())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
