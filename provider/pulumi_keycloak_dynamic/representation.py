"""The whole representation Keycloak holds for a managed object, for programs that need more than
the declared fields (the outputs hold only those, so that diffs stay short).

    import pulumi
    from pulumi_keycloak_dynamic import Client, representation

    client = Client("app", realm="acme", client_id="app")
    pulumi.export("app_representation", representation(client))

``client_secret(client)`` reads a client's secret the same way, also one Keycloak generated (a
declared ``secret`` is the resource's ``secret`` output already): a Pulumi secret, kept out of the
state unless the program exports it.

Both are read while the program runs (one GET, and one login per program), with the same
connection settings as the resources (``keycloak:*`` stack config, ``KEYCLOAK_*`` environment);
sensitive values (secrets, private keys, passwords) are masked as ``[secret]``. In a preview that
creates the object, the value is unknown. Unlike the former ``end_state`` output, it is not
stored in the resource's state, so it never shows in ``pulumi preview --diff``.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi.runtime

from .api import ConnectionSettings, clients, shared_admin
from .engine import spec_for
from .engine.fields import redact


def representation(resource: pulumi.Resource) -> pulumi.Output[dict[str, Any]]:
    """Keycloak's current representation of a ``Realm``, ``Client`` or ``Role`` (secrets masked).

    Unknown during ``preview`` (which so makes no request for it); read during ``up``."""
    spec = spec_for(type(resource).__name__)
    if pulumi.runtime.is_dry_run():
        return pulumi.Output(set(), _value(None), _value(False))
    return pulumi.Output.all(
        getattr(resource, spec.id_output),
        getattr(resource, "realm"),  # noqa: B009 (every resource has it; mypy does not know)
        getattr(resource, "client_id", None),
    ).apply(lambda values: _read(type(resource).__name__, *values))


async def _value(value: Any) -> Any:
    return value


def _read(type_name: str, object_id: str, realm: str, client_id: str | None) -> dict[str, Any]:
    spec = spec_for(type_name)
    admin = shared_admin(ConnectionSettings.from_sources(pulumi.runtime.get_config))
    inputs = {"realm": realm, "client_id": client_id}
    rep = admin.get(spec.item_path(admin, inputs, object_id))
    spec.read_extra(admin, inputs, object_id, rep)
    if spec.owner_mark is not None:
        spec.owner_mark.hide(rep)  # our bookkeeping, not the user's data
    return dict(redact(rep))


def client_secret(client: pulumi.Resource) -> pulumi.Output[str]:
    """The secret of a confidential ``Client``, also one Keycloak generated, as a Pulumi secret.

    One GET while ``up`` runs (unknown during ``preview``). The resources keep no output of an
    undeclared secret: each secret output costs the engine memory and time in every checkpoint
    (bench/README.md), and this way the secret is stored only where the program puts it.

        pulumi.export("api_secret", client_secret(api))
    """
    if type(client).__name__ != "Client":
        raise TypeError(f"client_secret() takes a Client resource, got {type(client).__name__}")
    if pulumi.runtime.is_dry_run():
        return pulumi.Output(set(), _value(None), _value(False), _value(True))
    read = pulumi.Output.all(getattr(client, "client_uuid"), getattr(client, "realm")).apply(  # noqa: B009
        lambda values: _read_secret(*values))
    return pulumi.Output.secret(read)


def _read_secret(client_uuid: str, realm: str | None) -> str:
    admin = shared_admin(ConnectionSettings.from_sources(pulumi.runtime.get_config))
    return clients.get_client_secret(admin, realm or "master", client_uuid)
