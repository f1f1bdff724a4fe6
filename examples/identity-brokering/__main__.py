"""Identity brokering: an upstream OpenID Connect provider with a mapper, a SAML provider with a
mapper, and a client scope with a mapper given to a client as a default scope.

    pulumi config set realm acme                          (an existing realm; default 'master')
    pulumi config set --secret upstreamSecret <secret>    (the client secret at the upstream IdP)

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client, ClientScope, IdentityProvider, IdentityProviderMapper

config = pulumi.Config()
realm = config.get("realm") or "master"
upstream_secret = config.get_secret("upstreamSecret") or pulumi.Output.secret("change-me-upstream-secret")

corp = IdentityProvider(
    "corp",
    realm=realm,
    alias="corp",
    provider_id="oidc",
    display_name=config.get("corpDisplayName") or "Corporate login",
    trust_email=True,
    client_secret=upstream_secret,
    config={
        "clientId": "acme-broker",
        "issuer": "https://login.corp.example.com/realms/corp",
        "authorizationUrl": "https://login.corp.example.com/realms/corp/protocol/openid-connect/auth",
        "tokenUrl": "https://login.corp.example.com/realms/corp/protocol/openid-connect/token",
        "defaultScope": "openid email profile",
        "syncMode": "IMPORT",
        "pkceEnabled": True,
        "pkceMethod": "S256",
    },
)
IdentityProviderMapper(
    "corp-department",
    realm=realm,
    identity_provider_alias=corp,
    name="department",
    identity_provider_mapper="oidc-user-attribute-idp-mapper",
    config={"claim": "department", "user.attribute": "department", "syncMode": "INHERIT"},
)

partner = IdentityProvider(
    "partner",
    realm=realm,
    alias="partner",
    provider_id="saml",
    display_name="Partner (SAML)",
    config={
        "singleSignOnServiceUrl": "https://idp.partner.example.com/saml/sso",
        "nameIDPolicyFormat": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        "principalType": "SUBJECT",
        "postBindingResponse": True,
        "validateSignature": False,
    },
)
IdentityProviderMapper(
    "partner-email",
    realm=realm,
    identity_provider_alias=partner,
    name="email",
    identity_provider_mapper="saml-user-attribute-idp-mapper",
    config={"attribute.name": "mail", "user.attribute": "email", "syncMode": "INHERIT"},
)

team = ClientScope(
    "team",
    realm=realm,
    name="team",
    description="The user's team, as a claim",
    attributes={"include.in.token.scope": True, "display.on.consent.screen": True, "consent.screen.text": "Your team"},
    protocol_mappers=[{
        "name": "team",
        "protocol_mapper": "oidc-usermodel-attribute-mapper",
        "config": {"user.attribute": "team", "claim.name": "team", "jsonType.label": "String",
                   "access.token.claim": True, "id.token.claim": True},
    }],
)
portal = Client(
    "portal",
    realm=realm,
    client_id="portal",
    redirect_uris=["https://portal.example.com/*"],
    default_client_scopes=["basic", "profile", "email", "roles", "web-origins", "acr", team],
    optional_client_scopes=["offline_access"],
)

pulumi.export("corp_alias", corp.alias)
pulumi.export("team_scope_id", team.client_scope_id)
pulumi.export("portal_client_uuid", portal.client_uuid)
