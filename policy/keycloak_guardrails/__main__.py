"""``python -m keycloak_guardrails pack DIR``: write a policy pack directory (see :mod:`.pack`)."""

import sys

from .pack import main

raise SystemExit(main(sys.argv[1:]))
