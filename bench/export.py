"""Export benchmark: time and Admin API requests of ``export`` on a realm of about N objects.

    python -m bench.export [N] [--up]

Builds a realm by hand (tests/support/realm_builder.py: clients with 4 roles each, composites,
mappers) on ``KEYCLOAK_URL`` (or a Keycloak started here), exports it, prints the export's wall
time and requests by method (the login excluded); with ``--up`` also runs the generated project's
first ``up`` (adoption) and a second one through the real pulumi CLI. The realm is deleted after.
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from pulumi_keycloak_dynamic.api import KeycloakAdmin
from pulumi_keycloak_dynamic.export import export_realm
from scripts import pulumi_toolchain
from tests.support.pulumi_runner import PulumiStack
from tests.support.realm_builder import build_realm

from .api_calls import target

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    size = int(next((a for a in argv if a.isdigit()), "500"))
    kc, server = target()
    admin = KeycloakAdmin.from_settings(kc.settings())
    realm = f"bench-export-{uuid.uuid4().hex[:6]}"
    try:
        admin.create("", {"realm": realm, "enabled": True}, lambda: None)
        made = build_realm(admin, realm, apps=max(1, (size - 12) // 5), roles_per_app=4)
        out = Path(tempfile.mkdtemp(prefix="pkd-export-")) / "stack"
        counts = dict(admin.stats.by_method)
        requests = admin.stats.requests
        started = time.monotonic()
        export = export_realm(admin, realm, out, virtualenv=str(ROOT / ".venv"))
        elapsed = time.monotonic() - started
        by_method = Counter(admin.stats.by_method)
        by_method.subtract(counts)
        detail = ", ".join(f"{m} {n}" for m, n in sorted(by_method.items()) if n)
        lines = len((out / "__main__.py").read_text().splitlines())
        print(f"realm with {made} objects ({len(export.resources)} resources): export {elapsed:.1f} s, "
              f"{admin.stats.requests - requests} Admin API requests ({detail}), __main__.py {lines} lines")
        if "--up" in argv:
            env = pulumi_toolchain.offline_env(Path(tempfile.mkdtemp(prefix="pkd-bench-")))
            stack = PulumiStack(env, work_dir=out, config={
                "keycloak:url": (kc.url, False), "keycloak:username": (kc.username, False),
                "keycloak:password": (kc.password, True)})
            for secret in export.secrets:
                client = admin.get(f"/{realm}/clients", {"clientId": secret.source[1].partition("/")[2]})[0]
                value = client["secret"] if secret.source[3] is None else client["attributes"][secret.source[3]]
                stack.set_config(secret.key, value, secret=True)
            for label in ("first up (adopts)", "second up"):
                started = time.monotonic()
                result = stack.up()
                print(f"{label}: {time.monotonic() - started:.1f} s, changes {result.changes}")
            stack.stack.workspace.remove_stack(stack.stack_name, force=True)
    finally:
        admin.delete(f"/{realm}")
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
