"""The ``keycloak-guardrails`` policy pack: ``pulumi preview --policy-pack policy``.

The policies live in the importable package ``keycloak_guardrails`` next to this file (the pack's
directory is first on ``sys.path`` when the engine runs it); see README.md for the table. The
same two lines are the ``__main__.py`` of a pack written by ``python -m keycloak_guardrails pack``.
"""

from keycloak_guardrails.pack import serve

serve()
