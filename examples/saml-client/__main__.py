"""A SAML service provider: signed assertions, POST binding, a role-list and a property mapper.

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes
    pulumi up --yes          # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client

realm = pulumi.Config().get("realm") or "master"

sp = Client(
    "saml-sp",
    realm=realm,
    client_id="https://sp.example.com/saml/metadata",
    name="Example SAML service provider",
    protocol="saml",
    enabled=True,
    frontchannel_logout=True,
    redirect_uris=["https://sp.example.com/saml/acs"],
    base_url="https://sp.example.com/",
    attributes={
        "saml.authnstatement": True,
        "saml.server.signature": True,
        "saml.client.signature": False,
        "saml.force.post.binding": True,
        "saml.signature.algorithm": "RSA_SHA256",
        "saml_name_id_format": "email",
        "saml_assertion_consumer_url_post": "https://sp.example.com/saml/acs",
        "saml_single_logout_service_url_post": "https://sp.example.com/saml/slo",
    },
    protocol_mappers=[
        {"name": "role list", "protocol_mapper": "saml-role-list-mapper",
         "config": {"attribute.name": "Role", "attribute.nameformat": "Basic", "single": False}},
        {"name": "email", "protocol_mapper": "saml-user-property-mapper",
         "config": {"user.attribute": "email", "attribute.name": "email", "attribute.nameformat": "Basic"}},
    ],
)

pulumi.export("client_uuid", sp.client_uuid)
