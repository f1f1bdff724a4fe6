"""A deliberately insecure Keycloak setup: every guardrail of policy/ has something to say.

    pulumi preview --policy-pack ../../policy      # fails: mandatory policies are violated

The realm name comes from config `realm` (default 'guardrails-insecure'). Nothing is created.

Run it from this directory (a Keycloak and a `pulumi`: see ../README.md):

    pulumi stack init dev
    pulumi preview --policy-pack ../../policy   # fails: mandatory policies violated
    pulumi stack rm --yes dev
"""

import pulumi

from pulumi_keycloak_dynamic import Client, Realm, Role

config = pulumi.Config()
realm_name = config.get("realm") or "guardrails-insecure"

# Not protected; TLS off; no brute-force detection; no password policy; day-long access tokens.
realm = Realm(
    "realm",
    realm=realm_name,
    enabled=True,
    ssl_required="none",
    access_token_lifespan=86400,
)

# A single-page app with every mistake RFC 9700 warns about.
spa = Client(
    "spa",
    realm=realm.realm,
    client_id="legacy-spa",
    public_client=True,
    implicit_flow_enabled=True,  # tokens in the URL
    direct_access_grants_enabled=True,  # the app sees user passwords
    redirect_uris=["*", "http://shop.example.com/callback", "https://*.example.com/callback"],
    web_origins=["*"],
    # no attributes: PKCE is not required
)

# A confidential back end with a shared secret and all of the user's roles in its tokens.
backend = Client(
    "backend",
    realm=realm.realm,
    client_id="orders-api",
    public_client=False,
    client_authenticator_type="client-secret",
    standard_flow_enabled=False,
    service_accounts_enabled=True,
    full_scope_allowed=True,
)

# A credential in a plain string that the resource class does not know to be one.
Role(
    "integration",
    realm=realm.realm,
    name="integration",
    attributes={"refresh_token": ["plaintext-refresh-token"]},
)

pulumi.export("spa_client_id", spa.client_id)
