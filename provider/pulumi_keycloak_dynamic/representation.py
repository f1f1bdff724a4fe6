"""The whole representation Keycloak holds for a managed object, for programs that need more than
the declared fields (the outputs hold only those, so that diffs stay short).

    import pulumi
    from pulumi_keycloak_dynamic import Client, representation

    client = Client("app", realm="acme", client_id="app")
    pulumi.export("app_representation", representation(client))

It is read while the program runs (one GET, and one login per program), with the same
connection settings as the resources (``keycloak:*`` stack config, ``KEYCLOAK_*`` environment);
sensitive values (secrets, private keys, passwords) are masked as ``[secret]``. In a preview that
creates the object, the value is unknown. Unlike the former ``end_state`` output, it is not
stored in the resource's state, so it never shows in ``pulumi preview --diff``.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi.runtime

from .api import ConnectionSettings, shared_admin
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
