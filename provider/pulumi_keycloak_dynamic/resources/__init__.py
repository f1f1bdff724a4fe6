"""The public resource classes."""

from .client import Client, ClientArgs
from .realm import Realm, RealmArgs
from .role import Role, RoleArgs

__all__ = ["Client", "ClientArgs", "Realm", "RealmArgs", "Role", "RoleArgs"]
