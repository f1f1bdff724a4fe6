"""``python -m pulumi_keycloak_dynamic <command>``; the one command is ``export`` (see :mod:`.export`)."""

from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    if not argv or argv[0] != "export":
        print("usage: python -m pulumi_keycloak_dynamic export --realm REALM --out DIR [--include-builtin]",
              file=sys.stderr)
        return 2
    from .export import main

    return main(argv[1:])


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
