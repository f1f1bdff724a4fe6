"""IdentityProvider: a realm's identity-brokering provider (OIDC, SAML, social), keyed by alias.

The client secret is the input ``client_secret`` (``config['clientSecret']`` is accepted and moved
there). Keycloak answers every GET with ``**********`` in its place, so it is write-only: compared
with the value last applied, sent only when it changed in the program. Any other update PUTs the
server's config back with the mask in it, which Keycloak reads as "keep the stored secret" (a PUT
whose config lacks ``clientSecret`` would delete it). See :mod:`.helpers.identity_provider_checks`.
"""

from __future__ import annotations

from typing import Any

from ..api import KeycloakAdmin, identity_providers
from ..engine import Field, ObjectSpec, register
from ..engine.fields import realm_field
from ..engine.kinds import BOOL, STR, STR_MAP
from ..engine.ownership import AttributeMark
from ..engine.spec import Inputs
from .helpers.identity_provider_checks import check_identity_provider

SECRET_KEY = "clientSecret"

IDENTITY_PROVIDER_FIELDS: tuple[Field, ...] = (
    realm_field("the identity provider"),
    Field("alias", STR, replace=True,
          doc="Unique name in the realm, part of the broker URLs. Changing it replaces it."),
    Field("provider_id", STR, api="providerId", replace=True, doc="Provider type: 'oidc', 'keycloak-oidc', 'saml', or "
          "a social one the server offers ('google', 'github', 'microsoft', ...). Changing it replaces the identity "
          "provider."),
    Field("display_name", STR, doc="Name on the login page's button (displayName)."),
    Field("enabled", BOOL, default="true", doc="Whether the identity provider can be used (enabled)."),
    Field("trust_email", BOOL, doc="Trust the e-mail address the provider gives as verified (trustEmail)."),
    Field("store_token", BOOL, doc="Store the provider's tokens for the user (storeToken)."),
    Field("link_only", BOOL, doc="Only for linking accounts, not for login (linkOnly)."),
    Field("hide_on_login", BOOL, doc="No button on the login page (hideOnLogin)."),
    Field("add_read_token_role_on_create", BOOL,
          doc="New users get the broker role 'read-token' (addReadTokenRoleOnCreate)."),
    Field("first_broker_login_flow_alias", STR, doc="Flow run on a user's first login (firstBrokerLoginFlowAlias)."),
    Field("post_broker_login_flow_alias", STR, doc="Flow run after each login through it (postBrokerLoginFlowAlias)."),
    Field("client_secret", STR, api=SECRET_KEY, secret=True, sent=False, write_only=True, doc="The client secret at "
          "the upstream provider (config clientSecret). Always a Pulumi secret; Keycloak never returns it, so the "
          "value last applied is compared and it is sent only when it changes."),
    Field("config", STR_MAP, doc="Provider settings, e.g. {'clientId': ..., 'authorizationUrl': ..., 'tokenUrl': ..., "
          "'issuer': ..., 'defaultScope': 'openid email', 'syncMode': 'IMPORT'} (SAML: 'singleSignOnServiceUrl', "
          "...). Only the keys given are owned; booleans/numbers become strings."),
)


@register
class IdentityProviderSpec(ObjectSpec):
    type_name, path, fields = "IdentityProvider", identity_providers.INSTANCES, IDENTITY_PROVIDER_FIELDS
    id_output = reference_output = "alias"
    required, key_fields, location_fields = ("realm", "alias", "provider_id"), ("realm", "alias"), ("realm",)
    owner_mark, import_id_format = AttributeMark(container="config"), "<realm>/<alias>"
    id_doc = "The alias (the Pulumi id)."
    summary = "An identity provider of a realm (identity brokering): OIDC, SAML or social."
    description = """
The client secret is ``client_secret`` (``config['clientSecret']`` is accepted and moved there), a
Pulumi secret. Keycloak answers GETs with ``**********`` in its place, so it is compared with the value
last applied, never shown as drift, and sent only when it changes in the program: any other update
sends the mask back, which Keycloak reads as "keep the stored secret".
"""
    example = """
corp = IdentityProvider("corp", realm="acme", alias="corp", provider_id="oidc",
                        client_secret=pulumi.Config().require_secret("corpSecret"),
                        config={"clientId": "acme", "authorizationUrl": "https://corp.example.com/auth",
                                "tokenUrl": "https://corp.example.com/token"})
"""

    # ------------------------------------------------------------ checks
    def validate(self, inputs: Inputs) -> list[tuple[str, str]]:
        return check_identity_provider(inputs)

    def normalize(self, inputs: dict[str, Any]) -> dict[str, Any]:
        config = inputs.get("config")
        if isinstance(config, dict) and SECRET_KEY in config:
            inputs["config"] = {k: v for k, v in config.items() if k != SECRET_KEY}
            inputs["client_secret"] = config[SECRET_KEY]
        return inputs

    # ------------------------------------------------------------- hooks
    def representation(self, inputs: Inputs) -> dict[str, Any]:
        rep = super().representation(inputs)
        secret = inputs.get("client_secret")
        if secret is not None:
            rep["config"] = {**rep.get("config", {}), SECRET_KEY: secret}
        return rep

    # ------------------------------------------------------------ export
    def list_in_realm(self, admin: KeycloakAdmin, realm: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        found = []
        for rep in identity_providers.list_identity_providers(admin, realm):
            inputs: dict[str, Any] = {"realm": realm, "alias": rep["alias"], "provider_id": rep.get("providerId")}
            if (rep.get("config") or {}).get(SECRET_KEY):
                inputs["client_secret"] = rep["config"][SECRET_KEY]  # masked: the exporter asks for it as config
            found.append((inputs, rep))
        return found

    def export_value(self, name: str, value: Any, rep: dict[str, Any]) -> Any:
        if name == "config" and isinstance(value, dict):
            return {k: v for k, v in value.items() if k != SECRET_KEY} or None  # it is client_secret
        return value

    def explain_create_error(self, admin: KeycloakAdmin, inputs: Inputs, error: Exception) -> str:
        if "Invalid identity provider id" not in str(error):
            return str(error)
        info = admin.session.request("GET", "/serverinfo", base="/admin").json()  # one GET, only on this error
        offered = sorted(p["id"] for p in info.get("identityProviders", []))
        version = info.get("systemInfo", {}).get("version", "?")
        return (f"provider_id '{inputs.get('provider_id')}' is not offered by this Keycloak ({version}); "
                f"it offers: {', '.join(offered)}")
