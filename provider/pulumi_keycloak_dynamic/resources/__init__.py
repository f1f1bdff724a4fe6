"""The public resource classes."""

from .client import Client, ClientArgs
from .client_scope import ClientScope, ClientScopeArgs
from .identity_provider import IdentityProvider, IdentityProviderArgs
from .identity_provider_mapper import IdentityProviderMapper, IdentityProviderMapperArgs
from .realm import Realm, RealmArgs
from .role import Role, RoleArgs

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
