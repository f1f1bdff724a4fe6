"""Pulumi dynamic providers for Keycloak: one resource class per Keycloak object (``Realm``,
``Client``, ``Role``, ...), generated from the specs in :mod:`pulumi_keycloak_dynamic.specs`.

Connection settings come from stack config (``keycloak:url``, ``keycloak:username``,
``keycloak:password``, ...) with ``KEYCLOAK_*`` environment fallbacks; see
:mod:`pulumi_keycloak_dynamic.api.settings`. Reference: ``docs/reference/``.

Lookups (``get_realm``, ``get_client``, ``get_role``, ..., ``get_realm_keys``) read objects the
program does not manage: :mod:`pulumi_keycloak_dynamic.lookups`, docs/reference/lookups.md.
"""

__version__ = "0.2.0"  # the distribution's version (pyproject.toml reads it from here); see CHANGELOG.md

from . import lookups, resources
from .lookups import *  # noqa: F403  (get_<kind>, get_<kind>_output, get_realm_keys and their results)
from .representation import client_secret, representation
from .resources import *  # noqa: F403  (every resource class and its Args)

__all__ = [*resources.__all__, *lookups.__all__, "__version__", "client_secret", "representation"]
