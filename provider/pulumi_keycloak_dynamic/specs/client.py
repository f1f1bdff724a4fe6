"""Client: the spec of an OIDC/SAML client, and what is its own: per-client default roles
translated to Keycloak 13+'s ``default-roles-<realm>``, authorization settings. Its protocol
mappers are :class:`~.helpers.protocol_mappers.ProtocolMappers`, its client-scope links
:mod:`.helpers.scope_links`; the inputs are in :mod:`.helpers.client_fields`."""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, clients, roles
from ..engine import register
from ..engine.checks import contains_unknown, is_unknown
from ..engine.ownership import AttributeMark
from ..engine.spec import Inputs
from ..engine.values import owned_equal
from .helpers import authorization
from .helpers.client_fields import CLIENT_FIELDS, PROTOCOLS, check_attributes
from .helpers.protocol_mappers import ProtocolMappers
from .helpers.scope_links import SCOPE_API_NAMES, both_kinds, linked_now, sync_links


@register
class ClientSpec(ProtocolMappers):
    type_name, fields, id_output, required = "Client", CLIENT_FIELDS, "client_uuid", ("client_id",)
    path, mappers_path, mapper_protocols = clients.CLIENTS, clients.PROTOCOL_MAPPERS, PROTOCOLS
    import_id_format = "<realm>/<clientId>"
    id_doc = "Keycloak's internal id (UUID) of the client (the Pulumi id)."
    summary = "A Keycloak client: an OpenID Connect or SAML application."
    description = """
Takes every parameter of Ansible's ``keycloak_client`` module under the same snake_case name (camelCase
is accepted too). The ``auth_*`` parameters are stack configuration (``keycloak:url``, ...); ``state:
absent`` is ``pulumi destroy``; the module's ``id`` is ``client_uuid``. ``client_template`` and
``use_template_*`` no longer exist in Keycloak (client scopes replaced them): they are accepted with a
warning and ignored. ``default_roles`` become client roles that are composites of the realm's
``default-roles-<realm>`` role.

A declared ``secret`` is also the ``secret`` output, always a Pulumi secret; a secret Keycloak
generated is read with ``client_secret(client)`` (it is kept out of the state). Protocol mappers are
owned by name and attributes key by key: what you do not list is left alone.
"""
    example = """
web = Client("web", realm="acme", client_id="shop-web", public_client=True,
             redirect_uris=["https://shop.example.com/callback"],
             attributes={"pkce.code.challenge.method": "S256"})
"""
    key_fields = ("realm", "client_id")
    reference_output = "client_id"
    location_fields = ("realm",)
    owner_mark = AttributeMark()
    server_generated_keys = (
        "client.secret.creation.time",
        "client.secret.rotated",
        "client.secret.rotated.creation.time",
        "client.secret.rotated.expiration.time",
    )

    def _realm(self, inputs: Inputs) -> str:
        return str(self.key_value(inputs, "realm"))  # master unless given (the realm Field's default)

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        return clients.find_client(admin, self._realm(inputs), str(inputs["client_id"]))

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        failures: list[tuple[str, str]] = []

        def flag(name: str) -> bool:
            return inputs.get(name) is True

        if flag("public_client") and flag("bearer_only"):
            failures.append(("bearer_only", "a client cannot be both public_client and bearer_only; set one to False"))
        if flag("public_client") and flag("service_accounts_enabled"):
            failures.append(("service_accounts_enabled", "service accounts need a confidential client: set "
                             "public_client=False or drop service_accounts_enabled"))
        if flag("public_client") and inputs.get("secret") not in (None,) and not is_unknown(inputs.get("secret")):
            failures.append(("secret", "a public client has no secret: remove 'secret' or set public_client=False"))
        if flag("authorization_services_enabled") and flag("public_client"):
            failures.append(
                (
                    "authorization_services_enabled",
                    "authorization services need a confidential client (public_client=False)",
                )
            )
        settings, enabled = inputs.get("authorization_settings"), inputs.get("authorization_services_enabled")
        if contains_unknown(settings):
            settings = None  # judged at `up`, when it is known
        if settings is not None and enabled is not True and not is_unknown(enabled):
            failures.append(
                (
                    "authorization_settings",
                    f"authorization_settings is given but authorization_services_enabled is {enabled}: set "
                    "authorization_services_enabled=True (Keycloak keeps no settings without it)",
                )
            )
        sa = inputs.get("service_accounts_enabled")
        needs_account = flag("authorization_services_enabled") and not flag("public_client")  # public: refused above
        if needs_account and sa is not True and not is_unknown(sa):
            failures.append(
                (
                    "service_accounts_enabled",
                    "authorization services need service_accounts_enabled=True (Keycloak answers a bare 500 for "
                    "a client without a service account)",
                )
            )
        failures.extend(authorization.check(settings))
        if inputs.get("protocol") == "saml":
            for name in ("implicit_flow_enabled", "direct_access_grants_enabled", "service_accounts_enabled"):
                if flag(name):
                    failures.append((name, f"'{name}' is an OpenID Connect setting; a SAML client cannot use it"))
        failures.extend(super().validate(inputs))  # the protocol mappers
        attributes = inputs.get("attributes")
        if isinstance(attributes, dict):
            failures.extend(check_attributes(attributes))
        failures.extend(both_kinds(inputs))
        client_id = inputs.get("client_id")
        if isinstance(client_id, str) and not is_unknown(client_id) and client_id.strip() != client_id:
            failures.append(("client_id", f"'client_id' {client_id!r} has leading or trailing spaces"))
        return failures

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        inputs = super().normalize(inputs)  # the protocol mappers
        if inputs.get("authorization_settings") is not None:
            inputs["authorization_settings"] = authorization.canonical(inputs["authorization_settings"])
        return inputs

    # ------------------------------------------------------------- hooks
    def representation(self, inputs: Inputs) -> dict[str, Any]:
        """What a create POSTs: ``openid-connect`` unless the program names a protocol, as Ansible's
        module does (without one, Keycloak skips its OpenID Connect defaults: direct access grants,
        ``backchannel.logout.*``). Keycloak makes an OpenID Connect client *public* when
        ``publicClient`` is not sent, so an undeclared ``public_client`` is sent as False: the
        client stays confidential, as clients created without a protocol always were."""
        rep = {"protocol": "openid-connect", **self._declared_representation(inputs)}
        if rep["protocol"] == "openid-connect":
            rep.setdefault("publicClient", False)
        return rep

    def _declared_representation(self, inputs: Inputs) -> dict[str, Any]:
        rep = super().representation(inputs)
        for key in SCOPE_API_NAMES:  # linked one by one (after_create): POST drops unknown names silently
            rep.pop(key, None)
        return rep

    def update_representation(self, inputs: Inputs) -> dict[str, Any]:
        # Mappers, default roles and authorization settings have endpoints of their own (after_update).
        rep = self._declared_representation(inputs)
        for key in ("protocolMappers", "authorizationSettings"):
            rep.pop(key, None)
        return rep

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        if inputs.get("default_roles") is not None:
            rep["defaultRoles"] = _default_role_names(admin, self._realm(inputs), object_id)
        declared = inputs.get("authorization_settings")
        if declared is not None and rep.get("authorizationServicesEnabled"):
            exported = clients.export_authorization_settings(admin, self._realm(inputs), object_id)
            rep["authorizationSettings"] = authorization.aligned(declared, exported)

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        realm = self._realm(inputs)
        if inputs.get("default_client_scopes") is not None or inputs.get("optional_client_scopes") is not None:
            sync_links(admin, realm, object_id, inputs, linked_now(admin, realm, object_id))
        if inputs.get("default_roles"):
            _sync_default_roles(admin, realm, object_id, inputs["default_roles"], [])

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        super().after_update(admin, olds, news, object_id)  # the protocol mappers
        realm = self._realm(news)
        sync_links(admin, realm, object_id, news, olds)
        default_roles = news.get("default_roles")
        if default_roles is not None and sorted(default_roles) != sorted(olds.get("default_roles") or []):
            _sync_default_roles(admin, realm, object_id, default_roles, olds.get("default_roles") or [])
        settings = news.get("authorization_settings")
        if settings and not owned_equal(self.by_name["authorization_settings"], settings,
                                        olds.get("authorization_settings")):
            authorization.sync(admin, realm, object_id, settings)


    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        found = []
        for rep in clients.list_clients(admin, realm):
            inputs = {"realm": realm, "client_id": rep["clientId"]}
            if rep.get("protocol"):
                inputs["protocol"] = rep["protocol"]
            found.append((inputs, rep))
        return found

    def is_builtin(self, inputs: Inputs, rep: dict[str, Any]) -> bool:
        return inputs.get("client_id") in BUILTIN_CLIENTS

    def scratch_body(self, rep: dict[str, Any]) -> dict[str, Any] | None:
        protocol = rep.get("protocol")
        if protocol == "saml":  # a placeholder certificate spares Keycloak making a key pair (seconds)
            return {"clientId": "scratch-saml", "protocol": "saml", "attributes": {"saml.signing.certificate": "-"}}
        return {"clientId": f"scratch-{protocol}", "protocol": protocol} if protocol else {"clientId": "scratch"}

    def export_value(self, name: str, value: Any, rep: dict[str, Any]) -> Any:
        if name == "secret" and (rep.get("publicClient") or rep.get("protocol") == "saml"):
            return None  # public and SAML clients use no secret: nothing to declare
        return super().export_value(name, value, rep)


#: Clients Keycloak makes in every realm.
BUILTIN_CLIENTS = frozenset(
    {"account", "account-console", "admin-cli", "broker", "realm-management", "security-admin-console"}
)


def _default_role_names(admin: KeycloakAdmin, realm: str, client_uuid: str) -> list[str]:
    """This client's roles among the composites of ``default-roles-<realm>``."""
    path = f"{roles.role_path(realm, roles.default_roles_name(realm))}/composites/clients/{client_uuid}"
    return sorted(r["name"] for r in admin.get(path) or [])


def _sync_default_roles(admin: KeycloakAdmin, realm: str, client_uuid: str, wanted: list[str], old: list[str]) -> None:
    """Per-client default roles (Keycloak < 13) → client roles that are composites of default-roles-<realm>."""
    current = set(_default_role_names(admin, realm, client_uuid))
    to_add = []
    for name in sorted(set(wanted) - current):
        role = roles.get_role(admin, realm, name, client_uuid)
        to_add.append(role or roles.create_role(admin, realm, {"name": name}, client_uuid))
    roles.add_default_roles(admin, realm, to_add)
    dropped = [roles.get_role(admin, realm, n, client_uuid) for n in old if n not in wanted and n in current]
    roles.remove_default_roles(admin, realm, [r for r in dropped if r])
