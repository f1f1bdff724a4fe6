"""ServiceAccountRoles: the realm and client roles a client's service-account user holds, by name.

A resource of its own rather than inputs of ``Client``: the roles it names are usually made in the
same program, after the client (a client's own roles cannot exist before the client): as inputs
they would make a cycle. Creating one takes over the service-account user Keycloak made; the sets
follow the rule of :mod:`.helpers.role_sets`; destroying it takes back the roles it gave.
"""

from __future__ import annotations

import contextlib
from typing import Any

from ..api import BadRequest, KeycloakAdmin, NotFound, clients, roles, users
from ..engine import Field, ObjectSpec, register
from ..engine.kinds import STR
from ..engine.outputs import MANAGED
from ..engine.spec import Inputs
from .helpers import role_sets

_REALM = Field("realm", STR, api="", refers_to="Realm",
               doc="Realm: its name, or the Realm resource. Renaming the realm updates this in place.")



@register
class ServiceAccountRolesSpec(ObjectSpec):
    type_name = "ServiceAccountRoles"
    item = users.USER  # the client's service-account user (find)
    fields = (
        _REALM,
        Field("client_id", STR, api="", replace=True, refers_to="Client", doc="clientId of a confidential client with "
              "service_accounts_enabled (a Client, or its `client_id` output). Changing it replaces the resource."),
        role_sets.realm_roles_field("the client's service account"),
        role_sets.client_roles_field("the client's service account"),
    )
    id_output = "service_account_user_id"
    required = ("realm", "client_id")
    import_id_format = "<realm>/<clientId>"
    existing_only = True
    id_doc = "Id of the client's service-account user (the Pulumi id)."
    key_fields = ("realm", "client_id")
    location_fields = ("realm",)
    summary = "The realm and client roles a client's service account holds, by name."
    description = """
A resource of its own rather than inputs of ``Client``: the roles are often made in the same
program, and a client's own roles cannot exist before the client. Creating it takes over the
client's service-account user (``service_accounts_enabled=True`` is needed); a set given is owned
exactly; destroying it removes the roles it gave (the service account stays).
"""
    example = """
app = Client("reporting", realm="acme", client_id="reporting", public_client=False,
             service_accounts_enabled=True)
ServiceAccountRoles("reporting-roles", realm="acme", client_id=app, realm_roles=["employee"],
                    client_roles={"realm-management": ["view-users", "query-groups"]})
"""

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        realm = str(inputs["realm"])
        client = clients.find_client(admin, realm, str(inputs["client_id"]))
        if client is None:
            return None
        try:
            found: dict[str, Any] | None = admin.get_or_none(
                self.path_of(clients.SERVICE_ACCOUNT_USER, inputs, id=str(client["id"]))
            )
        except BadRequest:  # "Service account not enabled for the client"
            return None
        return found

    def missing_message(self, inputs: Inputs) -> str:
        return (f"client '{inputs.get('client_id')}' does not exist in realm '{inputs.get('realm')}' or has no "
                "service account (give it service_accounts_enabled=True and public_client=False)")

    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        return role_sets.check_role_maps(inputs)

    def _target(self, admin: KeycloakAdmin, inputs: Inputs, user_id: str) -> role_sets.Mappings:
        return role_sets.Mappings(str(inputs["realm"]), self.item_path(admin, inputs, user_id))

    def _keep(self, inputs: Inputs) -> list[str]:
        return [roles.default_roles_name(str(inputs["realm"]))]

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        role_sets.read_into(admin, self._target(admin, inputs, object_id), inputs, rep, self._keep(inputs))

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        if role_sets.wants_sync(olds, news):
            role_sets.sync(admin, self._target(admin, news, object_id), news, keep=self._keep(news),
                           dropped_clients=role_sets.dropped(olds, news))

    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """The service accounts that hold roles besides ``default-roles-<realm>``: per client with
        a service account, 2 GETs (its user, its role mappings)."""
        default = roles.default_roles_name(realm)
        found: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for client in clients.list_clients(admin, realm):
            if not client.get("serviceAccountsEnabled"):
                continue
            try:
                user = admin.get(self.path_of(clients.SERVICE_ACCOUNT_USER, {"realm": realm}, id=str(client["id"])))
            except (BadRequest, NotFound):
                continue
            held = self._target(admin, {"realm": realm}, str(user["id"])).held(admin, ())
            rep = {
                "realmRoles": sorted(name for name in held.realm if name != default),
                "clientRoles": {cid: sorted(names) for cid, (_, names) in sorted(held.clients.items()) if names},
            }
            if rep["realmRoles"] or rep["clientRoles"]:
                found.append(({"realm": realm, "client_id": client["clientId"]}, rep))
        return found

    def is_builtin(self, inputs: Inputs, rep: dict[str, Any]) -> bool:
        from .client import BUILTIN_CLIENTS

        return inputs.get("client_id") in BUILTIN_CLIENTS

    def prerequisites(self, inputs: Inputs) -> list[tuple[str, tuple[Any, ...]]]:
        return [("Client", (inputs.get("realm"), inputs.get("client_id"))), *role_sets.role_prerequisites(inputs)]

    def release(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        """Take back the roles this resource gave (the service account itself stays with its client)."""
        empty = _emptied(inputs)
        if empty:
            with contextlib.suppress(NotFound):  # the client (and its service account) is gone already
                role_sets.sync(admin, self._target(admin, inputs, object_id), empty, keep=self._keep(inputs))



def _emptied(inputs: Inputs) -> dict[str, Any]:
    """Inputs that declare the owned sets empty: what ``release`` syncs to."""
    managed = set(inputs.get(MANAGED) or [])
    empty: dict[str, Any] = {"realm": inputs["realm"]}
    if "realm_roles" in managed:
        empty["realm_roles"] = []
    if "client_roles" in managed:
        empty["client_roles"] = {cid: [] for cid in inputs.get("client_roles") or {}}
    return empty if len(empty) > 1 else {}
