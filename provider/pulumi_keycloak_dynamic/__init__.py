"""Pulumi dynamic providers for Keycloak: ``Realm``, ``Client``, ``Role``, ``ClientScope``,
``IdentityProvider`` and ``IdentityProviderMapper`` resources.

Connection settings come from stack config (``keycloak:url``, ``keycloak:username``,
``keycloak:password``, ...) with ``KEYCLOAK_*`` environment fallbacks; see
:mod:`pulumi_keycloak_dynamic.api.settings`.
"""

from .resources import (
    Client,
    ClientArgs,
    ClientScope,
    ClientScopeArgs,
    IdentityProvider,
    IdentityProviderArgs,
    IdentityProviderMapper,
    IdentityProviderMapperArgs,
    Realm,
    RealmArgs,
    Role,
    RoleArgs,
)

__all__ = [
    "Client",
    "ClientArgs",
    "ClientScope",
    "ClientScopeArgs",
    "IdentityProvider",
    "IdentityProviderArgs",
    "IdentityProviderMapper",
    "IdentityProviderMapperArgs",
    "Realm",
    "RealmArgs",
    "Role",
    "RoleArgs",
]
