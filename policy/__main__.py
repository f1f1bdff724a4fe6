"""The ``keycloak-guardrails`` policy pack: ``pulumi preview --policy-pack policy``.

The policies live in the importable package ``keycloak_guardrails`` next to this file (the pack's
directory is first on ``sys.path`` when the engine runs it); see README.md for the table.
"""

from pulumi_policy import EnforcementLevel, PolicyPack

from keycloak_guardrails import PACK_NAME, POLICIES, install_secret_tracking

# Lets the plaintext-secret policy tell Pulumi secrets from plain strings (see secret_values.py).
install_secret_tracking()

PolicyPack(
    name=PACK_NAME,
    policies=list(POLICIES),
    enforcement_level=EnforcementLevel.ADVISORY,
    display_name="Keycloak security guardrails",
    description="OAuth 2.0 Security BCP (RFC 9700) and Keycloak hardening checks for "
                "pulumi_keycloak_dynamic realms and clients.",
    tags=["keycloak", "security", "oauth2"],
)
