"""A Keycloak setup that passes every guardrail of policy/.

    pulumi preview --policy-pack ../../policy

The realm name comes from config `realm` (default 'guardrails-secure'); config `protect`
(default true) protects the realm as the guardrails ask; tests turn it off to clean up.

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi up --yes --policy-pack ../../policy
    pulumi up --yes --policy-pack ../../policy   # again: no changes
    pulumi state unprotect --all --yes          # the realm is protected: allow destroy
    pulumi destroy --yes
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client, Realm

config = pulumi.Config()
realm_name = config.get("realm") or "guardrails-secure"
protect = config.get_bool("protect")

realm = Realm(
    "realm",
    realm=realm_name,
    enabled=True,
    ssl_required="external",
    brute_force_protected=True,
    password_policy="length(12) and digits(1) and notUsername",
    access_token_lifespan=300,
    sso_session_idle_timeout=1800,
    sso_session_max_lifespan=36000,
    opts=pulumi.ResourceOptions(protect=True if protect is None else protect),
)

# A single-page app: authorization code flow with PKCE S256, exact https redirect URIs.
spa = Client(
    "spa",
    realm=realm.realm,
    client_id="shop-spa",
    public_client=True,
    standard_flow_enabled=True,
    redirect_uris=["https://shop.example.com/callback", "http://localhost:5173/callback"],
    web_origins=["+"],
    attributes={"pkce.code.challenge.method": "S256"},
    full_scope_allowed=False,
)

# A back end authenticating with a signed JWT (its public keys at a JWKS URL).
backend = Client(
    "backend",
    realm=realm.realm,
    client_id="orders-api",
    public_client=False,
    client_authenticator_type="client-jwt",
    standard_flow_enabled=False,
    service_accounts_enabled=True,
    full_scope_allowed=False,
    attributes={"use.jwks.url": "true", "jwks.url": "https://orders.example.com/.well-known/jwks.json"},
)

pulumi.export("spa_client_id", spa.client_id)
