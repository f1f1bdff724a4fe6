"""Declarative descriptions of the Keycloak objects the resources manage (one module each)."""

from . import client, group, realm, role, role_holders, user

__all__ = ["client", "group", "realm", "role", "role_holders", "user"]
