"""ClientScope: a realm's client scope (claims, consent text, protocol mappers owned by name) and
whether new clients of the realm get it (``realm_default``: the admin console's "assigned type").

``PUT /client-scopes/{id}`` ignores ``protocolMappers``: mappers are written through their own
endpoints after an update (:class:`~.helpers.protocol_mappers.ProtocolMappers`). The realm's
default/optional assignment lives on the scope (not on ``Realm``) so that a program can create a
scope and assign it without a cycle, and so that built-in scopes (``profile``, ``email``, ...) are
assigned by adopting them (``ResourceOptions(import_="<realm>/<name>")``).
"""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, client_scopes
from ..engine import Field, register
from ..engine.checks import is_unknown
from ..engine.fields import realm_field
from ..engine.kinds import KEYED_LIST, STR, STR_MAP
from ..engine.ownership import AttributeMark
from ..engine.spec import Inputs
from .helpers.protocol_mappers import ProtocolMappers

REALM_DEFAULTS = ("default", "optional", "none")



@register
class ClientScopeSpec(ProtocolMappers):
    type_name, path, id_output = "ClientScope", client_scopes.CLIENT_SCOPES, "client_scope_id"
    mappers_path = client_scopes.PROTOCOL_MAPPERS
    fields = (
        realm_field("the client scope"),
        Field("name", STR, doc="Scope name, as clients request it in `scope` (no spaces). Renaming updates it in "
              "place."),
        Field("description", STR, doc="description."),
        Field("protocol", STR, choices=("openid-connect", "saml"), replace=True,
              doc="openid-connect (default) or saml. Changing it replaces the scope."),
        Field("attributes", STR_MAP, doc="Scope attributes, e.g. {'include.in.token.scope': True, "
              "'display.on.consent.screen': True, 'consent.screen.text': 'Your team', 'gui.order': 5}; "
              "booleans/numbers become strings. Only the keys given are owned."),
        Field("protocol_mappers", KEYED_LIST, doc="Protocol mappers, each {name, protocol_mapper, config} (protocol "
              "defaults to the scope's); owned by name: a mapper removed from the list is deleted, mappers never "
              "listed are left alone."),
        Field("realm_default", STR, sent=False, choices=REALM_DEFAULTS, doc="Whether new clients of the realm get "
              "this scope: 'default' (always in their tokens), 'optional' (when requested in `scope`) or 'none' "
              "(the realm's default/optional client scopes)."),
    )
    required = key_fields = ("realm", "name")
    location_fields = ("realm",)
    owner_mark = AttributeMark()
    import_id_format = "<realm>/<client scope name>"
    id_doc = "Keycloak's internal id of the client scope (the Pulumi id)."
    summary = "A client scope of a realm: claims, consent text and protocol mappers."
    description = """
Pass it (or its name) in a Client's ``default_client_scopes`` / ``optional_client_scopes``.
``realm_default`` says whether new clients of the realm get it (the admin console's "assigned type");
adopt a built-in scope (``profile``, ...) with ``import_`` to assign it. A protocol mapper removed
from a declared ``protocol_mappers`` list is deleted; mappers never declared are left alone.
"""
    example = """
team = ClientScope("team", realm="acme", name="team", realm_default="optional",
                   attributes={"include.in.token.scope": True, "consent.screen.text": "Your team"},
                   protocol_mappers=[{"name": "team", "protocol_mapper": "oidc-usermodel-attribute-mapper",
                                      "config": {"user.attribute": "team", "claim.name": "team"}}])
"""

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        failures: list[tuple[str, str]] = []
        name = inputs.get("name")
        if isinstance(name, str) and not is_unknown(name) and (not name.strip() or any(c.isspace() for c in name)):
            failures.append(("name", f"'name' {name!r} must not be blank or contain spaces (Keycloak refuses it)"))
        return failures + super().validate(inputs)  # the protocol mappers

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        if inputs.get("protocol") is None:
            inputs["protocol"] = "openid-connect"  # Keycloak refuses a scope without protocol
        return super().normalize(inputs)

    # ------------------------------------------------------------- hooks
    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        if inputs.get("realm_default") is not None:
            rep["realmDefault"] = _assigned(admin, str(inputs["realm"]), object_id) or "none"

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        wanted = inputs.get("realm_default")
        if wanted in ("default", "optional"):
            client_scopes.add_realm_scope(admin, str(inputs["realm"]), wanted, object_id)

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        super().after_update(admin, olds, news, object_id)  # the protocol mappers
        realm = str(news["realm"])
        wanted_default = news.get("realm_default")
        if wanted_default is not None and wanted_default != olds.get("realm_default"):
            had = _assigned(admin, realm, object_id)
            if had is not None:
                client_scopes.remove_realm_scope(admin, realm, had, object_id)
            if wanted_default in ("default", "optional"):
                client_scopes.add_realm_scope(admin, realm, wanted_default, object_id)


    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        kinds: tuple[client_scopes.RealmScopeKind, ...] = ("default", "optional")
        assigned = {s.get("id"): kind for kind in kinds for s in client_scopes.list_realm_scopes(admin, realm, kind)}
        return [
            ({"realm": realm, "name": rep["name"], "protocol": rep.get("protocol") or "openid-connect"},
             {**rep, "realmDefault": assigned.get(rep.get("id"))})
            for rep in client_scopes.list_client_scopes(admin, realm)
        ]

    def scratch_body(self, rep: dict[str, Any]) -> dict[str, Any] | None:
        return {"name": f"scratch-{rep.get('protocol') or 'openid-connect'}", "protocol": rep.get("protocol")}


def _assigned(admin: KeycloakAdmin, realm: str, scope_id: str) -> client_scopes.RealmScopeKind | None:
    """'default', 'optional' or None: where the realm lists the scope (two GETs)."""
    kinds: tuple[client_scopes.RealmScopeKind, ...] = ("default", "optional")
    for kind in kinds:
        if any(s.get("id") == scope_id for s in client_scopes.list_realm_scopes(admin, realm, kind)):
            return kind
    return None
