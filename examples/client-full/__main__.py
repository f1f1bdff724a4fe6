"""Seed example 3, "Create or update a Keycloak client (with all the bells and whistles)".

Every parameter keeps its name. Differences from the Ansible module, all deliberate:
* `id` is `client_uuid` (Pulumi's own `id` of the resource is that UUID);
* `client_template` and `use_template_*` no longer exist in Keycloak 26 (client scopes replaced
  them): they are accepted with a warning that says so, and ignored;
* `default_roles` become client roles that are composites of the realm's `default-roles-<realm>`;
* `secret` (and `registration_access_token`, and the private key attribute) are kept as Pulumi
  secrets: encrypted in the state, `[secret]` in the CLI's output.
* Two placeholders of the seed are ones Keycloak 26 refuses ("Base URL is not a valid URL",
  "JWKS URL is not a valid URL"): `base_url: basepath` is `/basepath` here (a relative URL must
  start with '/') and `jwks.url` is an https URL. With the seed's values, `pulumi preview`
  stops with exactly that advice before any call to Keycloak.
* The client is `test-full` (the seed's `test`, renamed so that the examples never collide).

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client, representation

realm = pulumi.Config().get("realm") or "master"

client = Client(
    "test",
    realm=realm,
    client_id="test-full",
    client_uuid="d8b127a3-31f6-44c8-a7e4-4ab9a3e78d95",
    name="this_is_a_test",
    description="Description of this wonderful client",
    root_url="https://www.example.com/",
    admin_url="https://www.example.com/admin_url",
    base_url="/basepath",
    enabled=True,
    client_authenticator_type="client-secret",
    secret="REALLYWELLKEPTSECRET",
    redirect_uris=["https://www.example.com/*", "http://localhost:8888/"],
    web_origins=["https://www.example.com/*"],
    not_before=1507825725,
    bearer_only=False,
    consent_required=False,
    standard_flow_enabled=True,
    implicit_flow_enabled=False,
    direct_access_grants_enabled=False,
    service_accounts_enabled=False,
    authorization_services_enabled=False,
    public_client=False,
    frontchannel_logout=False,
    protocol="openid-connect",
    full_scope_allowed=False,
    node_re_registration_timeout=-1,
    client_template="test",
    use_template_config=False,
    use_template_scope=False,
    use_template_mappers=False,
    registered_nodes={"node01.example.com": 1507828202},
    registration_access_token="eyJWT_TOKEN",
    surrogate_auth_required=False,
    default_roles=["test01", "test02"],
    protocol_mappers=[
        {
            "config": {
                "access.token.claim": True,
                "claim.name": "family_name",
                "id.token.claim": True,
                "jsonType.label": "String",
                "user.attribute": "lastName",
                "userinfo.token.claim": True,
            },
            "consentRequired": True,
            "consentText": "${familyName}",
            "name": "family name",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-usermodel-property-mapper",
        },
        {
            "config": {"attribute.name": "Role", "attribute.nameformat": "Basic", "single": False},
            "consentRequired": False,
            "name": "role list",
            "protocol": "saml",
            "protocolMapper": "saml-role-list-mapper",
        },
    ],
    attributes={
        "saml.authnstatement": True,
        "saml.client.signature": True,
        "saml.force.post.binding": True,
        "saml.server.signature": True,
        "saml.signature.algorithm": "RSA_SHA256",
        "saml.signing.certificate": "CERTIFICATEHERE",
        "saml.signing.private.key": "PRIVATEKEYHERE",
        "saml_force_name_id_format": False,
        "saml_name_id_format": "username",
        "saml_signature_canonicalization_method": "http://www.w3.org/2001/10/xml-exc-c14n#",
        "user.info.response.signature.alg": "RS256",
        "request.object.signature.alg": "RS256",
        "use.jwks.url": True,
        "jwks.url": "https://www.example.com/jwks",
        "jwt.credential.certificate": "JWT_CREDENTIAL_CERTIFICATE_FOR_CLIENT_AUTH",
    },
)

pulumi.export("client_uuid", client.client_uuid)
pulumi.export("representation", representation(client))  # all Keycloak holds, secrets masked
