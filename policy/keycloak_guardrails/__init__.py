"""Keycloak security guardrails for Pulumi: the policies of the ``keycloak-guardrails`` pack.

Importable on its own so that the policies can be unit-tested and reused in other packs::

    from keycloak_guardrails import POLICIES, PACK_NAME, install_secret_tracking
"""

from __future__ import annotations

from pulumi_policy import ResourceValidationPolicy

from .clients import CLIENT_POLICIES
from .common import CLIENT, PKCE_METHOD_ATTRIBUTE, REALM, ROLE, SERVER_DEFAULTS
from .realms import REALM_POLICIES
from .secret_values import install_secret_tracking, no_plaintext_secrets

PACK_NAME = "keycloak-guardrails"

# The plaintext-secret policy comes first: as a remediation it must see the inputs before any other
# remediation rewrites them.
POLICIES: list[ResourceValidationPolicy] = [no_plaintext_secrets, *CLIENT_POLICIES, *REALM_POLICIES]

BY_NAME: dict[str, ResourceValidationPolicy] = {policy.name: policy for policy in POLICIES}

__all__ = [
    "BY_NAME",
    "CLIENT",
    "PACK_NAME",
    "PKCE_METHOD_ATTRIBUTE",
    "POLICIES",
    "REALM",
    "ROLE",
    "SERVER_DEFAULTS",
    "install_secret_tracking",
]
