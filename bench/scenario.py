"""The bench scenario: a fresh realm, N confidential clients and N realm roles; and its "floor".

Each client has 2 redirect URIs, 1 attribute and 1 protocol mapper. The floor declares the same
number of dynamic resources with the same inputs, served by a provider that does nothing: what
the Pulumi engine, the CLI and the SDK cost by themselves. The floor's resources are plain
``pulumi.dynamic.Resource``s, pickled by the SDK's own ``serialize_provider`` once per resource
(as any dynamic provider is); only the SDK's nesting of its pickler patch is undone after each
one (pulumi/dynamic/dynamic.py never restores it), without which no program of more than ~500
dynamic resources runs at all.
"""

from __future__ import annotations

import pickle
import uuid
from typing import Any

import pulumi
import pulumi.dynamic

MODES = ("ours", "floor")


def objects_for(size: int) -> int:
    """Keycloak objects of the scenario with ``size`` clients and ``size`` roles (the realm too)."""
    return 2 * size + 1


def client_inputs(realm: Any, i: int) -> dict[str, Any]:
    return {
        "realm": realm,
        "client_id": f"app-{i}",
        "public_client": False,
        "redirect_uris": [f"https://app{i}.example.com/callback", f"https://app{i}.example.com/silent"],
        "attributes": {"pkce.code.challenge.method": "S256"},
        "protocol_mappers": [
            {
                "name": "audience",
                "protocol": "openid-connect",
                "protocol_mapper": "oidc-audience-mapper",
                "config": {"included.client.audience": f"app-{i}", "access.token.claim": "true"},
            }
        ],
    }


def role_inputs(realm: Any, i: int) -> dict[str, Any]:
    return {"realm": realm, "name": f"role-{i}", "description": "bench"}


def declare_ours(realm_name: str, size: int) -> None:
    """The scenario with this project's resources."""
    from pulumi_keycloak_dynamic import Client, Realm, Role

    realm = Realm("realm", realm=realm_name, enabled=True)
    for i in range(size):
        Client(f"c{i}", **client_inputs(realm.realm, i))
        Role(f"r{i}", **role_inputs(realm.realm, i))


class NullProvider(pulumi.dynamic.ResourceProvider):
    """A dynamic provider that does nothing: outputs are the inputs."""

    serialize_as_secret_always = False

    def create(self, props: dict[str, Any]) -> pulumi.dynamic.CreateResult:
        return pulumi.dynamic.CreateResult(uuid.uuid4().hex, props)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.DiffResult:
        changed = any(olds.get(k) != v for k, v in news.items() if not k.startswith("__"))
        return pulumi.dynamic.DiffResult(changes=changed)

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> pulumi.dynamic.UpdateResult:
        return pulumi.dynamic.UpdateResult(news)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


class NullResource(pulumi.dynamic.Resource, module="bench", name="Null"):
    """A floor resource: the SDK's own pickling of its provider, once per resource."""

    def __init__(self, name: str, props: dict[str, Any]) -> None:
        batch_setitems, save_dict = pickle._Pickler._batch_setitems, pickle._Pickler.save_dict  # type: ignore[attr-defined]
        try:
            super().__init__(NullProvider(), name, {"value": None, **props})
        finally:  # undo the SDK's pickler patch, or the next resource pickles through one more wrapper
            pickle._Pickler._batch_setitems, pickle._Pickler.save_dict = batch_setitems, save_dict  # type: ignore[attr-defined]


def declare_floor(realm_name: str, size: int) -> None:
    """The same number of dynamic resources, with the same inputs, doing nothing."""
    realm = NullResource("realm", {"realm": realm_name, "enabled": True})
    realm_out = realm.realm  # type: ignore[attr-defined]
    for i in range(size):
        NullResource(f"c{i}", client_inputs(realm_out, i))
        NullResource(f"r{i}", role_inputs(realm_out, i))


def declare(mode: str, realm_name: str, size: int) -> None:
    if mode == "ours":
        declare_ours(realm_name, size)
    elif mode == "floor":
        declare_floor(realm_name, size)
    else:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
