"""The ``Client`` resource: an OpenID Connect or SAML client, with every parameter of Ansible's
``keycloak_client`` module under the same snake_case name.

* ``auth_*`` parameters are stack configuration (``keycloak:url``, ``keycloak:username``, ...).
* ``state: absent`` is ``pulumi destroy`` (or removing the resource from the program).
* The module's ``id`` (a fixed UUID at creation) is ``client_uuid`` here, since Pulumi's own
  ``id`` of this resource is that UUID too.
* ``client_template`` and ``use_template_*`` no longer exist in Keycloak (client scopes replaced
  them): they are accepted with a warning and ignored. ``default_roles`` become client roles that
  are composites of the realm's ``default-roles-<realm>`` role.

The secret, generated or given, is the ``secret`` output, always a Pulumi secret. Import an
existing client with ``ResourceOptions(import_="<realm>/<clientId>")``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from ._base import KeycloakResource, collect_inputs
from .client_scope import ClientScope


def scope_name(item: Any) -> Any:
    """A ClientScope resource stands for its name (an Output: the client waits for the scope)."""
    return item.name if isinstance(item, ClientScope) else item


@dataclass
class ClientArgs:
    """Inputs of :class:`Client`. Every input is optional unless noted; unset inputs are not managed."""

    realm: pulumi.Input[str] | None = None
    """Realm of the client (default 'master'). Changing it replaces the client."""
    client_id: pulumi.Input[str] | None = None
    """Client identifier used in OIDC requests and SAML entity id (clientId)."""
    client_uuid: pulumi.Input[str] | None = None
    """Keycloak's internal id of the client (the seed's `id`): set it to choose the UUID at creation; an
    output otherwise. Changing it replaces the client.
    """
    name: pulumi.Input[str] | None = None
    """Display name (name)."""
    description: pulumi.Input[str] | None = None
    """description."""
    root_url: pulumi.Input[str] | None = None
    """Root URL appended to relative URLs (rootUrl)."""
    admin_url: pulumi.Input[str] | None = None
    """URL to the admin interface of the client (adminUrl)."""
    base_url: pulumi.Input[str] | None = None
    """Default URL to link back to the client (baseUrl)."""
    enabled: pulumi.Input[bool] | None = None
    """Whether the client is enabled (enabled)."""
    client_authenticator_type: pulumi.Input[str] | None = None
    """How a confidential client authenticates (clientAuthenticatorType; default client-secret)."""
    secret: pulumi.Input[str] | None = None
    """Client secret for client-secret authentication; generated when not given. Always a Pulumi secret.
    Changing it updates the client (and shows as a change).
    """
    registration_access_token: pulumi.Input[str] | None = None
    """registrationAccessToken (write-only: Keycloak never returns it)."""
    default_roles: pulumi.Input[Sequence[str]] | None = None
    """Client roles given to every user of the realm. Since Keycloak 13 they are made client roles and
    composites of the realm's 'default-roles-<realm>' role (created if missing).
    """
    redirect_uris: pulumi.Input[Sequence[str]] | None = None
    """Valid redirect URIs (redirectUris; order is irrelevant)."""
    web_origins: pulumi.Input[Sequence[str]] | None = None
    """Allowed CORS origins (webOrigins; '+' = from redirect URIs)."""
    not_before: pulumi.Input[int] | None = None
    """Revoke tokens issued before this Unix time (notBefore)."""
    bearer_only: pulumi.Input[bool] | None = None
    """bearerOnly (legacy: a client that only accepts bearer tokens)."""
    consent_required: pulumi.Input[bool] | None = None
    """consentRequired."""
    standard_flow_enabled: pulumi.Input[bool] | None = None
    """Authorization code flow (standardFlowEnabled)."""
    implicit_flow_enabled: pulumi.Input[bool] | None = None
    """Implicit flow (implicitFlowEnabled; discouraged by RFC 9700)."""
    direct_access_grants_enabled: pulumi.Input[bool] | None = None
    """Resource-owner password grant (directAccessGrantsEnabled)."""
    service_accounts_enabled: pulumi.Input[bool] | None = None
    """Client-credentials grant (serviceAccountsEnabled)."""
    authorization_services_enabled: pulumi.Input[bool] | None = None
    """Fine-grained authorization (authorizationServicesEnabled)."""
    public_client: pulumi.Input[bool] | None = None
    """Public client: no secret (publicClient)."""
    frontchannel_logout: pulumi.Input[bool] | None = None
    """frontchannelLogout."""
    protocol: pulumi.Input[str] | None = None
    """openid-connect (default) or saml. Changing it replaces the client."""
    full_scope_allowed: pulumi.Input[bool] | None = None
    """All roles in tokens (fullScopeAllowed; least privilege says false)."""
    node_re_registration_timeout: pulumi.Input[int] | None = None
    """nodeReRegistrationTimeout (seconds, -1 = never)."""
    registered_nodes: pulumi.Input[Mapping[str, int]] | None = None
    """Cluster nodes: node name → last registration time (registeredNodes)."""
    client_template: pulumi.Input[str] | None = None
    """Deprecated: Client templates were replaced by client scopes in Keycloak 4 and no longer exist in
    Keycloak 26; 'client_template' is ignored. Use the realm's client scopes (default/optional client
    scopes) instead.
    """
    use_template_config: pulumi.Input[bool] | None = None
    """Deprecated: Client templates were replaced by client scopes in Keycloak 4 and no longer exist in
    Keycloak 26; 'use_template_config' is ignored. Use the realm's client scopes (default/optional
    client scopes) instead.
    """
    use_template_scope: pulumi.Input[bool] | None = None
    """Deprecated: Client templates were replaced by client scopes in Keycloak 4 and no longer exist in
    Keycloak 26; 'use_template_scope' is ignored. Use the realm's client scopes (default/optional client
    scopes) instead.
    """
    use_template_mappers: pulumi.Input[bool] | None = None
    """Deprecated: Client templates were replaced by client scopes in Keycloak 4 and no longer exist in
    Keycloak 26; 'use_template_mappers' is ignored. Use the realm's client scopes (default/optional
    client scopes) instead.
    """
    always_display_in_console: pulumi.Input[bool] | None = None
    """alwaysDisplayInConsole."""
    surrogate_auth_required: pulumi.Input[bool] | None = None
    """surrogateAuthRequired."""
    authorization_settings: pulumi.Input[Mapping[str, Any]] | None = None
    """Authorization (resource server) settings; needs authorization_services_enabled
    (authorizationSettings).
    """
    authentication_flow_binding_overrides: pulumi.Input[Mapping[str, Any]] | None = None
    """authenticationFlowBindingOverrides."""
    protocol_mappers: pulumi.Input[Sequence[Mapping[str, Any]]] | None = None
    """Protocol mappers, each {name, protocol, protocol_mapper, consent_required, consent_text, config};
    owned by name (mappers not listed are left alone). camelCase keys are accepted too.
    """
    attributes: pulumi.Input[Mapping[str, Any]] | None = None
    """Client attributes, e.g. {'pkce.code.challenge.method': 'S256'}; booleans/numbers become strings.
    Only the keys given are owned.
    """
    default_client_scopes: pulumi.Input[Sequence[Any]] | None = None
    """Client scopes always in this client's tokens: names or ClientScope resources; the full set
    (links are added and removed for the difference). An unknown name fails `up` in one line."""
    optional_client_scopes: pulumi.Input[Sequence[Any]] | None = None
    """Client scopes this client's tokens get when requested in `scope`: names or ClientScope
    resources; the full set. A scope cannot be both default and optional."""


class Client(KeycloakResource, module="keycloak", name="Client"):
    """A Keycloak client (type token ``pulumi-python:dynamic/keycloak:Client``).

    Example::

        client = Client("app", realm="acme", client_id="app", redirect_uris=["https://app.example.com/*"])

    Pass a :class:`ClientArgs` or the same names as keyword arguments. Every input is also an output
    attribute holding the server's value; ``end_state`` is the whole representation Keycloak
    returned (secrets masked) and ``managed_fields`` lists the inputs this resource manages.
    """

    client_uuid: pulumi.Output[str]
    """Keycloak's internal id (UUID) of the client (the Pulumi id)."""
    secret: pulumi.Output[str]
    """The client secret (generated when not given); always a Pulumi secret."""
    end_state: pulumi.Output[dict[str, Any]]
    """Keycloak's representation after the last operation, with secrets masked."""
    managed_fields: pulumi.Output[list[str]]
    """The inputs this resource manages (the ones you declared)."""

    def __init__(
        self,
        resource_name: str,
        args: ClientArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Any,
    ) -> None:
        inputs = collect_inputs(args, kwargs)
        for name in ("default_client_scopes", "optional_client_scopes"):
            if isinstance(inputs.get(name), (list, tuple)):
                inputs[name] = [scope_name(item) for item in inputs[name]]
        super().__init__("Client", resource_name, inputs, opts)
