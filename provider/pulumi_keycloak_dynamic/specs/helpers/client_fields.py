"""The Client's inputs: every parameter of Ansible's ``keycloak_client`` (the ``auth_*`` ones are
stack config, ``state`` is the Pulumi lifecycle, the seed's ``id`` is ``client_uuid``), and the
checks of attribute values Keycloak itself validates."""

from __future__ import annotations

from typing import Any

from ...engine import Field
from ...engine.checks import is_unknown, url_problem
from ...engine.kinds import BOOL, INT, INT_MAP, KEYED_LIST, OBJECT, STR, STR_MAP, STR_SET

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
    Field("realm", STR, default="master", api="", refers_to="Realm", doc="Realm of the client (default 'master'): its "
          "name, or the Realm resource. Renaming the realm updates the client in place; Keycloak cannot move a client "
          "to another realm."),
    Field("client_id", STR, doc="Client identifier used in OIDC requests and SAML entity id (clientId)."),
    Field("client_uuid", STR, api="id", replace=True, doc="Keycloak's internal id of the client (the seed's `id`): set "
          "it to choose the UUID at creation; an output otherwise. Changing it replaces the client."),
    Field("name", STR, doc="Display name (name)."),
    Field("description", STR, doc="description."),
    Field("root_url", STR, url="relative-ok", doc="Root URL appended to relative URLs (rootUrl)."),
    Field("admin_url", STR, url="relative-ok", doc="URL to the admin interface of the client (adminUrl)."),
    Field("base_url", STR, url="relative-ok", doc="Default URL to link back to the client (baseUrl)."),
    Field("enabled", BOOL, default="true", doc="Whether the client is enabled (enabled)."),
    Field(
        "client_authenticator_type",
        STR,
        default="client-secret",
        choices=("client-secret", "client-jwt", "client-secret-jwt", "client-x509"),
        doc="How a confidential client authenticates (clientAuthenticatorType; default client-secret).",
    ),
    Field("secret", STR, secret=True, doc="Client secret for client-secret authentication; generated when not given "
          "(read that one with `client_secret(client)`). Always a Pulumi secret. Changing it updates the client (and "
          "shows as a change)."),
    Field("registration_access_token", STR, secret=True, write_only=True, doc="registrationAccessToken (write-only: "
          "Keycloak never returns it)."),
    Field("default_roles", STR_SET, api="defaultRoles", sent=False, doc="Client roles given to every user of the "
          "realm. Since Keycloak 13 they are made client roles and composites of the realm's 'default-roles-<realm>' "
          "role (created if missing)."),
    Field("redirect_uris", STR_SET, url="relative-ok", doc="Valid redirect URIs (redirectUris; order is irrelevant)."),
    Field(
        "web_origins", STR_SET, url="relative-ok", doc="Allowed CORS origins (webOrigins; '+' = from redirect URIs)."
    ),
    Field("not_before", INT, default="0", minimum=0, doc="Revoke tokens issued before this Unix time (notBefore)."),
    Field("bearer_only", BOOL, default="false", doc="bearerOnly (legacy: a client that only accepts bearer tokens)."),
    Field("consent_required", BOOL, default="false", doc="consentRequired."),
    Field("standard_flow_enabled", BOOL, default="true", doc="Authorization code flow (standardFlowEnabled)."),
    Field("implicit_flow_enabled", BOOL, default="false", doc="Implicit flow (implicitFlowEnabled; discouraged by RFC "
          "9700)."),
    Field("direct_access_grants_enabled", BOOL, default="true", doc="Resource-owner password grant "
          "(directAccessGrantsEnabled)."),
    Field("service_accounts_enabled", BOOL, default="false", doc="Client-credentials grant (serviceAccountsEnabled)."),
    Field("authorization_services_enabled", BOOL, default="false", doc="Fine-grained authorization "
          "(authorizationServicesEnabled)."),
    Field("public_client", BOOL, default="false", doc="Public client: no secret (publicClient). Not declared, it is "
          "sent as false at creation, so a client is confidential unless you say otherwise (Keycloak alone would "
          "make an OpenID Connect client public)."),
    Field("frontchannel_logout", BOOL, default="false", doc="frontchannelLogout."),
    Field("protocol", STR, default="openid-connect", choices=PROTOCOLS, replace=True, doc="openid-connect (default) or "
          "saml. Changing it replaces the client."),
    Field("full_scope_allowed", BOOL, default="true", doc="All roles in tokens (fullScopeAllowed; least privilege says "
          "false)."),
    Field("node_re_registration_timeout", INT, default="-1", doc="nodeReRegistrationTimeout (seconds, -1 = never)."),
    Field("registered_nodes", INT_MAP, doc="Cluster nodes: node name → last registration time (registeredNodes)."),
    Field("client_template", STR, deprecated=_TEMPLATE.format(name="client_template")),
    Field("use_template_config", BOOL, deprecated=_TEMPLATE.format(name="use_template_config")),
    Field("use_template_scope", BOOL, deprecated=_TEMPLATE.format(name="use_template_scope")),
    Field("use_template_mappers", BOOL, deprecated=_TEMPLATE.format(name="use_template_mappers")),
    Field("always_display_in_console", BOOL, default="false", doc="alwaysDisplayInConsole."),
    Field("surrogate_auth_required", BOOL, default="false", doc="surrogateAuthRequired."),
    Field("authorization_settings", OBJECT, doc="Authorization (resource server) settings, Keycloak's "
          "ResourceServerRepresentation as its export writes it (authorizationSettings; snake_case keys accepted): "
          "`policy_enforcement_mode` (ENFORCING, PERMISSIVE, DISABLED), `decision_strategy`, "
          "`allow_remote_resource_management`, and lists `scopes`, `resources`, `policies` whose items are matched "
          "by `name`, e.g. {'scopes': [{'name': 'read'}], 'resources': [{'name': 'docs', 'uris': ['/docs/*'], "
          "'scopes': [{'name': 'read'}]}], 'policies': [{'name': 'readers', 'type': 'role', 'config': {'roles': "
          "[{'id': 'reader', 'required': False}]}}, {'name': 'docs-access', 'type': 'resource', 'config': "
          "{'resources': ['docs'], 'applyPolicies': ['readers']}}]}. A policy's `config` values are strings; a list "
          "or map is written as its JSON, and roles, resources and policies are named. Only declared keys and items "
          "are compared; an item removed from the program stays in Keycloak. Needs "
          "authorization_services_enabled=True and service_accounts_enabled=True."),
    Field("authentication_flow_binding_overrides", STR_MAP, doc="authenticationFlowBindingOverrides."),
    Field("protocol_mappers", KEYED_LIST, doc="Protocol mappers, each {name, protocol, protocol_mapper, "
          "consent_required, consent_text, config}; owned by name (mappers not listed are left alone). camelCase keys "
          "are accepted too."),
    Field("attributes", STR_MAP, doc="Client attributes, e.g. {'pkce.code.challenge.method': 'S256'}; booleans/numbers "
          "become strings. Only the keys given are owned."),
    Field("default_client_scopes", STR_SET, refers_to="ClientScope", doc="Client scopes always in this client's "
          "tokens: names or ClientScope resources; the full set, Keycloak's built-in links included (a new OpenID "
          "Connect client has acr, basic, email, profile, roles, web-origins): list the ones you keep. Links are "
          "added and removed for the difference. A name the realm does not have fails `up` in one line."),
    Field("optional_client_scopes", STR_SET, refers_to="ClientScope", doc="Client scopes in tokens when requested in "
          "`scope`: names or ClientScope resources; the full set, Keycloak's built-in links included (address, "
          "phone, offline_access, microprofile-jwt, organization). A scope cannot be both default and optional."),
)


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


def check_attributes(attributes: dict[str, Any]) -> list[tuple[str, str]]:
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
