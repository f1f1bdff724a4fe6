"""The kinds: one module per Keycloak object the resources manage, each a declaration (:mod:`..engine.spec`).

What several kinds share is in :mod:`.helpers`. Importing this package registers every kind."""

from . import (
    client,
    client_scope,
    group,
    identity_provider,
    identity_provider_mapper,
    realm,
    realm_default_roles,
    required_action,
    role,
    service_account_roles,
    user,
)

__all__ = [
    "client", "client_scope", "group", "identity_provider", "identity_provider_mapper", "realm", "realm_default_roles",
    "required_action", "role", "service_account_roles", "user",
]
