"""The README's test command: lint, every tier on the default Keycloak, then the integration and
e2e tiers on a 26.0.x release.

    python -m scripts.run_tests            # what `make test` runs
    KEYCLOAK_VERSION=26.0.8 python -m scripts.run_tests --only-default   # one version only

Keycloak comes from the fixture (started per pytest session; ``KEYCLOAK_URL`` points it at a
running one instead, and then the second-version pass is skipped, saying why).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from scripts import keycloak_server, lint, pulumi_toolchain

SECOND_VERSION = os.environ.get("KEYCLOAK_SECOND_VERSION", "26.0.8")


def run(title: str, cmd: list[str], env: dict[str, str] | None = None) -> tuple[str, int]:
    print(f"\n=== {title}: {' '.join(cmd)}", flush=True)
    started = time.monotonic()
    code = subprocess.call(cmd, env=env)
    print(f"=== {title}: exit {code} after {time.monotonic() - started:.0f}s", flush=True)
    return title, code


def main(argv: list[str]) -> int:
    py = sys.executable
    pulumi_toolchain.ensure()
    for version in {keycloak_server.keycloak_version(), SECOND_VERSION}:
        keycloak_server.fetch(version)  # fail early, before any test, if a distribution is missing
    codes = [run(title, cmd) for title, cmd in lint.commands(py)]
    default = keycloak_server.keycloak_version()
    codes.append(run(f"all tiers on Keycloak {default}", [py, "-m", "pytest", "-p", "no:cacheprovider", "tests"]))
    if "--only-default" not in argv:
        if os.environ.get("KEYCLOAK_URL"):
            url = os.environ["KEYCLOAK_URL"]
            print(f"\n=== second Keycloak version not run: KEYCLOAK_URL points at one server ({url})")
        else:
            env = dict(os.environ, KEYCLOAK_VERSION=SECOND_VERSION)
            codes.append(
                run(f"integration and e2e tiers on Keycloak {SECOND_VERSION}",
                    [py, "-m", "pytest", "-p", "no:cacheprovider", "tests/integration", "tests/e2e"], env)
            )
    failed = [title for title, code in codes if code != 0]
    print("\n=== test command: " + (f"FAILED steps: {'; '.join(failed)}" if failed else "every step passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
