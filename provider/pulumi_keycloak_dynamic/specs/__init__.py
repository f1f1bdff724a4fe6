"""Declarative descriptions of the Keycloak objects the resources manage (one module each)."""

from . import client, realm, role

__all__ = ["client", "realm", "role"]
