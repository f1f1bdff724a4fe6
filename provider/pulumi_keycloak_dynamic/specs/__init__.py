"""Declarative descriptions of the Keycloak objects the resources manage (one module each)."""

from . import client, client_scope, group, identity_provider, identity_provider_mapper, realm, role, role_holders, user

__all__ = [
    "client", "client_scope", "group", "identity_provider", "identity_provider_mapper", "realm", "role", "role_holders",
    "user",
]
