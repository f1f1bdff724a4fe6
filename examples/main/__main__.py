"""The main job: a realm for a web shop with its clients, realm roles, client roles and composites.

`make demo` runs it from the repository root (against the local Keycloak of `make keycloak`
unless KEYCLOAK_URL names another; one stack per server). By hand, from the repository root:

    pulumi stack init my-stack
    pulumi up --yes --refresh
    pulumi up --yes --refresh   # again: no changes
    pulumi destroy --yes
    pulumi stack rm --yes my-stack
"""

import pulumi

from pulumi_keycloak_dynamic import Client, Realm, Role, client_secret

config = pulumi.Config()
realm_name = config.get("realm") or "acme-shop"

realm = Realm(
    "shop",
    realm=realm_name,
    display_name="ACME Shop",
    enabled=True,
    ssl_required="external",
    brute_force_protected=True,
    password_policy="length(12) and digits(1) and notUsername",
    access_token_lifespan=300,
    sso_session_max_lifespan=36000,
)

web = Client(
    "web",
    realm=realm.realm,
    client_id="shop-web",
    name="Shop web front end",
    public_client=True,
    standard_flow_enabled=True,
    direct_access_grants_enabled=False,
    redirect_uris=["https://shop.example.com/callback", "http://localhost:3000/callback"],
    web_origins=["https://shop.example.com"],
    attributes={"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "https://shop.example.com/"},
    full_scope_allowed=False,
)

api = Client(
    "api",
    realm=realm.realm,
    client_id="shop-api",
    name="Shop back end",
    service_accounts_enabled=True,
    standard_flow_enabled=False,
    client_authenticator_type="client-secret",
    protocol_mappers=[
        {
            "name": "audience",
            "protocol": "openid-connect",
            "protocol_mapper": "oidc-audience-mapper",
            "config": {"included.client.audience": "shop-api", "access.token.claim": True},
        }
    ],
)

customer = Role("customer", realm=realm.realm, name="customer", description="Buys things")
clerk = Role("clerk", realm=realm.realm, name="clerk", description="Handles orders")
orders_read = Role("orders-read", realm=realm.realm, client_id=api.client_id, name="orders:read")
orders_write = Role("orders-write", realm=realm.realm, client_id=api.client_id, name="orders:write")
manager = Role(
    "manager",
    realm=realm.realm,
    name="manager",
    description="Runs the shop",
    composite_realm_roles=[clerk.name, customer.name],
    composite_client_roles={"shop-api": [orders_read.name, orders_write.name]},
    opts=pulumi.ResourceOptions(depends_on=[api]),
)

pulumi.export("realm", realm.realm)
pulumi.export("web_client_uuid", web.client_uuid)
pulumi.export("api_client_uuid", api.client_uuid)
pulumi.export("api_client_secret", client_secret(api))  # the secret Keycloak generated
pulumi.export("manager_role_id", manager.role_id)
