"""Client: every parameter of Ansible's ``keycloak_client`` (the ``auth_*`` ones are stack config,
``state`` is the Pulumi lifecycle, and the seed's ``id`` is the ``client_uuid`` input)."""

from __future__ import annotations

from typing import Any, ClassVar, Final

from ..api import KeycloakAdmin, quote_segment
from ..engine import Field, ObjectSpec, register
from ..engine.checks import check_keyed_items, is_unknown, url_problem
from ..engine.spec import Inputs
from ..engine.values import owned_equal, subset_equal

_B: Final = "bool"
_S: Final = "str"
_TEMPLATE = (
    "Client templates were replaced by client scopes in Keycloak 4 and no longer exist in Keycloak 26; "
    "'{name}' is ignored. Use the realm's client scopes (default/optional client scopes) instead."
)
MAPPER_KEYS = {
    "name": "str",
    "protocol": "str",
    "protocolMapper": "str",
    "consentRequired": "bool",
    "consentText": "str",
    "config": "map",
    "id": "str",
}
#: Mapper keys Keycloak 26 ignores (consent moved to client scopes).
LEGACY_MAPPER_KEYS = ("consentRequired", "consentText", "consent_required", "consent_text")
PROTOCOLS = ("openid-connect", "saml", "docker-v2")

CLIENT_FIELDS: tuple[Field, ...] = (
    Field(
        "realm",
        _S,
        api="",
        replace=True,
        doc="Realm of the client (default 'master'). Changing it replaces the client.",
    ),
    Field("client_id", _S, doc="Client identifier used in OIDC requests and SAML entity id (clientId)."),
    Field(
        "client_uuid",
        _S,
        api="id",
        replace=True,
        doc="Keycloak's internal id of the client (the seed's `id`): set it to choose the UUID at creation; "
        "an output otherwise. Changing it replaces the client.",
    ),
    Field("name", _S, doc="Display name (name)."),
    Field("description", _S, doc="description."),
    Field("root_url", _S, url="relative-ok", doc="Root URL appended to relative URLs (rootUrl)."),
    Field("admin_url", _S, url="relative-ok", doc="URL to the admin interface of the client (adminUrl)."),
    Field("base_url", _S, url="relative-ok", doc="Default URL to link back to the client (baseUrl)."),
    Field("enabled", _B, doc="Whether the client is enabled (enabled)."),
    Field(
        "client_authenticator_type",
        _S,
        choices=("client-secret", "client-jwt", "client-secret-jwt", "client-x509"),
        doc="How a confidential client authenticates (clientAuthenticatorType; default client-secret).",
    ),
    Field(
        "secret",
        _S,
        secret=True,
        doc="Client secret for client-secret authentication; generated when not given. Always a Pulumi secret. "
        "Changing it updates the client (and shows as a change).",
    ),
    Field(
        "registration_access_token",
        _S,
        secret=True,
        write_only=True,
        doc="registrationAccessToken (write-only: Keycloak never returns it).",
    ),
    Field(
        "default_roles",
        "str_set",
        api="defaultRoles",
        sent=False,
        doc="Client roles given to every user of the realm. Since Keycloak 13 they are made client roles "
        "and composites of the realm's 'default-roles-<realm>' role (created if missing).",
    ),
    Field(
        "redirect_uris", "str_set", url="relative-ok", doc="Valid redirect URIs (redirectUris; order is irrelevant)."
    ),
    Field(
        "web_origins", "str_set", url="relative-ok", doc="Allowed CORS origins (webOrigins; '+' = from redirect URIs)."
    ),
    Field("not_before", "int", minimum=0, doc="Revoke tokens issued before this Unix time (notBefore)."),
    Field("bearer_only", _B, doc="bearerOnly (legacy: a client that only accepts bearer tokens)."),
    Field("consent_required", _B, doc="consentRequired."),
    Field("standard_flow_enabled", _B, doc="Authorization code flow (standardFlowEnabled)."),
    Field("implicit_flow_enabled", _B, doc="Implicit flow (implicitFlowEnabled; discouraged by RFC 9700)."),
    Field("direct_access_grants_enabled", _B, doc="Resource-owner password grant (directAccessGrantsEnabled)."),
    Field("service_accounts_enabled", _B, doc="Client-credentials grant (serviceAccountsEnabled)."),
    Field("authorization_services_enabled", _B, doc="Fine-grained authorization (authorizationServicesEnabled)."),
    Field("public_client", _B, doc="Public client: no secret (publicClient)."),
    Field("frontchannel_logout", _B, doc="frontchannelLogout."),
    Field(
        "protocol",
        _S,
        choices=PROTOCOLS,
        replace=True,
        doc="openid-connect (default) or saml. Changing it replaces the client.",
    ),
    Field("full_scope_allowed", _B, doc="All roles in tokens (fullScopeAllowed; least privilege says false)."),
    Field("node_re_registration_timeout", "int", doc="nodeReRegistrationTimeout (seconds, -1 = never)."),
    Field("registered_nodes", "int_map", doc="Cluster nodes: node name → last registration time (registeredNodes)."),
    Field("client_template", _S, deprecated=_TEMPLATE.format(name="client_template")),
    Field("use_template_config", _B, deprecated=_TEMPLATE.format(name="use_template_config")),
    Field("use_template_scope", _B, deprecated=_TEMPLATE.format(name="use_template_scope")),
    Field("use_template_mappers", _B, deprecated=_TEMPLATE.format(name="use_template_mappers")),
    Field("always_display_in_console", _B, doc="alwaysDisplayInConsole."),
    Field("surrogate_auth_required", _B, doc="surrogateAuthRequired."),
    Field(
        "authorization_settings",
        "object",
        doc="Authorization (resource server) settings; needs authorization_services_enabled (authorizationSettings).",
    ),
    Field("authentication_flow_binding_overrides", "str_map", doc="authenticationFlowBindingOverrides."),
    Field(
        "protocol_mappers",
        "keyed_list",
        key="name",
        doc="Protocol mappers, each {name, protocol, protocol_mapper, consent_required, consent_text, config}; "
        "owned by name (mappers not listed are left alone). camelCase keys are accepted too.",
    ),
    Field(
        "attributes",
        "str_map",
        doc="Client attributes, e.g. {'pkce.code.challenge.method': 'S256'}; booleans/numbers become strings. "
        "Only the keys given are owned.",
    ),
    Field("default_client_scopes", "str_set", doc="defaultClientScopes (names)."),
    Field("optional_client_scopes", "str_set", doc="optionalClientScopes (names)."),
)


@register
class ClientSpec(ObjectSpec):
    type_name: ClassVar[str] = "Client"
    fields: ClassVar[tuple[Field, ...]] = CLIENT_FIELDS
    id_output: ClassVar[str] = "client_uuid"
    required: ClassVar[tuple[str, ...]] = ("client_id",)
    import_id_format: ClassVar[str] = "<realm>/<clientId>"

    def realm_path(self, inputs: Inputs) -> str:
        return "/" + quote_segment(str(inputs.get("realm") or "master"))

    def collection_path(self, admin: KeycloakAdmin, inputs: Inputs) -> str:
        return self.realm_path(inputs) + "/clients"

    def find(self, admin: KeycloakAdmin, inputs: Inputs) -> dict[str, Any] | None:
        found = admin.get(self.collection_path(admin, inputs), {"clientId": inputs["client_id"]}) or []
        return next((c for c in found if c.get("clientId") == inputs["client_id"]), None)

    def natural_key(self, inputs: Inputs) -> tuple[Any, ...]:
        return (inputs.get("realm") or "master", inputs.get("client_id"))

    def parse_import_id(self, import_id: str) -> dict[str, Any]:
        realm, _, client_id = import_id.partition("/")
        return {"realm": realm, "client_id": client_id} if client_id else {"realm": "master", "client_id": realm}

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        failures: list[tuple[str, str]] = []

        def flag(name: str) -> bool:
            value = inputs.get(name)
            return value is True

        if flag("public_client") and flag("bearer_only"):
            failures.append(("bearer_only", "a client cannot be both public_client and bearer_only; set one to False"))
        if flag("public_client") and flag("service_accounts_enabled"):
            failures.append(
                (
                    "service_accounts_enabled",
                    "service accounts need a confidential client: set public_client=False or drop "
                    "service_accounts_enabled",
                )
            )
        if flag("public_client") and inputs.get("secret") not in (None,) and not is_unknown(inputs.get("secret")):
            failures.append(("secret", "a public client has no secret: remove 'secret' or set public_client=False"))
        if flag("authorization_services_enabled") and flag("public_client"):
            failures.append(
                (
                    "authorization_services_enabled",
                    "authorization services need a confidential client (public_client=False)",
                )
            )
        if inputs.get("authorization_settings") and inputs.get("authorization_services_enabled") is False:
            failures.append(
                (
                    "authorization_settings",
                    "authorization_settings is given but authorization_services_enabled is False",
                )
            )
        if inputs.get("protocol") == "saml":
            for name in ("implicit_flow_enabled", "direct_access_grants_enabled", "service_accounts_enabled"):
                if flag(name):
                    failures.append((name, f"'{name}' is an OpenID Connect setting; a SAML client cannot use it"))
        mappers = inputs.get("protocol_mappers")
        if isinstance(mappers, list):
            field = self.by_name["protocol_mappers"]
            failures.extend(check_keyed_items(field, mappers, MAPPER_KEYS, ("name", "protocolMapper")))
            for index, item in enumerate(mappers):
                proto = item.get("protocol") if isinstance(item, dict) else None
                if isinstance(proto, str) and proto not in PROTOCOLS and not is_unknown(proto):
                    failures.append(
                        (
                            "protocol_mappers",
                            f"protocol_mappers[{index}].protocol must be one of {', '.join(PROTOCOLS)}, got {proto!r}",
                        )
                    )
        attributes = inputs.get("attributes")
        if isinstance(attributes, dict):
            failures.extend(_check_attributes(attributes))
        client_id = inputs.get("client_id")
        if isinstance(client_id, str) and not is_unknown(client_id) and client_id.strip() != client_id:
            failures.append(("client_id", f"'client_id' {client_id!r} has leading or trailing spaces"))
        return failures

    def warnings(self, inputs: Inputs) -> list[str]:
        messages = super().warnings(inputs)
        mappers = inputs.get("protocol_mappers")
        if isinstance(mappers, list) and any(
            isinstance(m, dict) and set(m) & set(LEGACY_MAPPER_KEYS) for m in mappers
        ):
            messages.append(
                "protocol_mappers: 'consent_required'/'consent_text' on a mapper are ignored by Keycloak 26 "
                "(consent is set per client scope now: the client scope's 'display.on.consent.screen' and "
                "'consent.screen.text' attributes); they are left out"
            )
        return messages

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        mappers = inputs.get("protocol_mappers")
        if isinstance(mappers, list):
            inputs["protocol_mappers"] = [
                {k: v for k, v in m.items() if k not in LEGACY_MAPPER_KEYS} if isinstance(m, dict) else m
                for m in mappers
            ]
        return inputs

    # ------------------------------------------------------------- hooks
    def representation(self, inputs: Inputs) -> dict[str, Any]:
        rep = super().representation(inputs)
        if "protocolMappers" in rep:
            protocol = inputs.get("protocol") or "openid-connect"
            rep["protocolMappers"] = [{"protocol": protocol, **m} for m in rep["protocolMappers"]]
        return rep

    def update_representation(self, inputs: Inputs) -> dict[str, Any]:
        # Mappers, default roles and authorization settings have endpoints of their own (after_update).
        rep = self.representation(inputs)
        for key in ("protocolMappers", "authorizationSettings"):
            rep.pop(key, None)
        return rep

    def read_extra(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str, rep: dict[str, Any]) -> None:
        if inputs.get("default_roles") is not None:
            rep["defaultRoles"] = self._default_role_names(admin, inputs, object_id)
        if inputs.get("authorization_settings") is not None and rep.get("authorizationServicesEnabled"):
            path = f"{self.item_path(admin, inputs, object_id)}/authz/resource-server"
            rep["authorizationSettings"] = admin.get_or_none(path)

    def after_create(self, admin: KeycloakAdmin, inputs: Inputs, object_id: str) -> None:
        if inputs.get("default_roles"):
            self._sync_default_roles(admin, inputs, object_id, [])

    def after_update(self, admin: KeycloakAdmin, olds: Inputs, news: Inputs, object_id: str) -> None:
        path = self.item_path(admin, news, object_id)
        mappers_field = self.by_name["protocol_mappers"]
        if news.get("protocol_mappers") and not owned_equal(
            mappers_field, news["protocol_mappers"], olds.get("protocol_mappers")
        ):
            self._sync_mappers(
                admin,
                path,
                self.representation({"protocol_mappers": news["protocol_mappers"], "protocol": news.get("protocol")}),
            )
        if news.get("default_roles") is not None and sorted(news["default_roles"]) != sorted(
            olds.get("default_roles") or []
        ):
            self._sync_default_roles(admin, news, object_id, olds.get("default_roles") or [])
        settings = news.get("authorization_settings")
        if settings and not subset_equal(
            self.representation({"authorization_settings": settings})["authorizationSettings"],
            olds.get("authorization_settings") or {},
        ):
            admin.post(
                f"{path}/authz/resource-server/import",
                self.representation({"authorization_settings": settings})["authorizationSettings"],
            )

    # ---------------------------------------------------- own behaviours
    def _sync_mappers(self, admin: KeycloakAdmin, client_path: str, rep: dict[str, Any]) -> None:
        """Create or update the declared protocol mappers by name; others are left alone."""
        existing = {m["name"]: m for m in admin.get(f"{client_path}/protocol-mappers/models") or []}
        for mapper in rep["protocolMappers"]:
            current = existing.get(mapper["name"])
            if current is None:
                admin.post(f"{client_path}/protocol-mappers/models", mapper)
            elif not subset_equal(mapper, current):
                merged = {**current, **mapper, "config": {**current.get("config", {}), **mapper.get("config", {})}}
                admin.put(f"{client_path}/protocol-mappers/models/{current['id']}", merged)

    def _default_roles_path(self, inputs: Inputs) -> str:
        realm = str(inputs.get("realm") or "master")
        return f"{self.realm_path(inputs)}/roles/{quote_segment('default-roles-' + realm.lower())}/composites"

    def _default_role_names(self, admin: KeycloakAdmin, inputs: Inputs, client_uuid: str) -> list[str]:
        composites = admin.get(f"{self._default_roles_path(inputs)}/clients/{client_uuid}") or []
        return sorted(r["name"] for r in composites)

    def _sync_default_roles(self, admin: KeycloakAdmin, inputs: Inputs, client_uuid: str, old: list[str]) -> None:
        """Per-client default roles (Keycloak < 13) → client roles that are composites of default-roles-<realm>."""
        roles_path = f"{self.collection_path(admin, inputs)}/{client_uuid}/roles"
        wanted = sorted(set(inputs.get("default_roles") or []))
        reps = []
        for name in wanted:
            role = admin.get_or_none(f"{roles_path}/{quote_segment(name)}")
            if role is None:
                admin.post(roles_path, {"name": name})
                role = admin.get(f"{roles_path}/{quote_segment(name)}")
            reps.append(role)
        current = set(self._default_role_names(admin, inputs, client_uuid))
        to_add = [r for r in reps if r["name"] not in current]
        if to_add:
            admin.post(self._default_roles_path(inputs), to_add)
        dropped = [n for n in old if n not in wanted and n in current]
        if dropped:
            reps_dropped = [admin.get(f"{roles_path}/{quote_segment(n)}") for n in dropped]
            admin.delete(self._default_roles_path(inputs), reps_dropped)


#: Attributes whose values Keycloak validates as absolute URLs.
URL_ATTRIBUTES = (
    "jwks.url",
    "frontchannel.logout.url",
    "backchannel.logout.url",
    "saml_assertion_consumer_url_post",
    "saml_assertion_consumer_url_redirect",
    "saml_single_logout_service_url_post",
    "saml_single_logout_service_url_redirect",
    "saml_single_logout_service_url_artifact",
    "saml_artifact_binding_url",
)
PKCE_METHODS = ("S256", "plain", "")


def _check_attributes(attributes: dict[str, Any]) -> list[tuple[str, str]]:
    failures: list[tuple[str, str]] = []
    for key in URL_ATTRIBUTES:
        value = attributes.get(key)
        if isinstance(value, str) and value and not is_unknown(value):
            problem = url_problem(value, "absolute")
            if problem:
                failures.append(("attributes", f"attributes['{key}'] {value!r} {problem}"))
    pkce = attributes.get("pkce.code.challenge.method")
    if isinstance(pkce, str) and pkce not in PKCE_METHODS and not is_unknown(pkce):
        failures.append(
            ("attributes", f"attributes['pkce.code.challenge.method'] must be 'S256' (or 'plain'), got {pkce!r}")
        )
    return failures
