"""Build a realm by hand through the Admin API, the way an administrator would: clients of every
flavour (confidential with a secret, public with PKCE, bearer-only, SAML), protocol mappers, realm
and client roles, composites across both. Used by the export tests and the export benchmark."""

from __future__ import annotations

from typing import Any

from pulumi_keycloak_dynamic.api import KeycloakAdmin, quote_segment


def _client(admin: KeycloakAdmin, realm: str, body: dict[str, Any]) -> str:
    return admin.create(f"/{realm}/clients", body, lambda: None)


def _role(admin: KeycloakAdmin, realm: str, body: dict[str, Any], client_uuid: str | None = None) -> dict[str, Any]:
    base = f"/{realm}/clients/{client_uuid}/roles" if client_uuid else f"/{realm}/roles"
    admin.create(base, body, lambda: None)
    return dict(admin.get(f"{base}/{quote_segment(body['name'])}"))


def build_realm(admin: KeycloakAdmin, realm: str, *, apps: int = 3, roles_per_app: int = 3) -> int:
    """Fill an existing realm; returns the number of objects made (realm settings not counted).
    Admin events are on, so a test can see every write the Admin API received afterwards."""
    admin.put(f"/{realm}", {
        "displayName": "ACME Corp", "loginWithEmailAllowed": False, "bruteForceProtected": True,
        "failureFactor": 5, "accessTokenLifespan": 600, "passwordPolicy": "length(12) and digits(1)",
        "attributes": {"frontendUrl": "https://sso.acme.example.com"}, "adminEventsEnabled": True,
    })
    made = 0
    _client(admin, realm, {
        "clientId": "billing-backend", "protocol": "openid-connect", "publicClient": False,
        "secret": "billing-backend-s3cret", "serviceAccountsEnabled": True, "standardFlowEnabled": False,
        "description": "Confidential client with a service account",
        "protocolMappers": [{
            "name": "tenant", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
            "config": {"claim.name": "tenant", "claim.value": "acme", "access.token.claim": "true",
                       "jsonType.label": "String"},
        }],
    })
    made += 2
    _client(admin, realm, {
        "clientId": "https://portal.acme.example.com/app", "protocol": "openid-connect", "publicClient": True,
        "redirectUris": ["https://portal.acme.example.com/*", "http://localhost:3000/*"],
        "webOrigins": ["+"], "attributes": {"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"},
        "protocolMappers": [
            {"name": "audience", "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
             "config": {"included.client.audience": "billing-backend", "access.token.claim": "true"}},
            {"name": "groups", "protocol": "openid-connect", "protocolMapper": "oidc-group-membership-mapper",
             "config": {"claim.name": "groups", "full.path": "false", "id.token.claim": "true"}},
        ],
    })
    made += 3
    _client(admin, realm, {"clientId": "legacy-api", "protocol": "openid-connect", "bearerOnly": True})
    _client(admin, realm, {
        "clientId": "urn:acme:sp", "protocol": "saml", "rootUrl": "https://sp.acme.example.com",
        "attributes": {"saml.signature.algorithm": "RSA_SHA256", "saml_name_id_format": "email"},
        "protocolMappers": [{"name": "email", "protocol": "saml", "protocolMapper": "saml-user-property-mapper",
                             "config": {"user.attribute": "email", "attribute.name": "email"}}],
    })
    made += 3
    app_roles: dict[str, list[dict[str, Any]]] = {}
    for i in range(apps):
        client_id = f"app-{i:03d}"
        uuid = _client(admin, realm, {"clientId": client_id, "protocol": "openid-connect", "publicClient": True,
                                      "redirectUris": [f"https://app{i}.acme.example.com/*"]})
        made += 1
        app_roles[client_id] = [
            _role(admin, realm, {"name": name, "description": f"{name} of {client_id}"}, uuid)
            for name in ("viewer", "editor", "admin", "auditor", "operator")[:roles_per_app]
        ]
        made += roles_per_app
        admin.post(f"/{realm}/roles-by-id/{app_roles[client_id][-1]['id']}/composites", app_roles[client_id][:-1])
    user = _role(admin, realm, {"name": "user", "description": "Every employee"})
    manager = _role(admin, realm, {"name": "manager", "attributes": {"level": ["2"], "cost-center": ["cc-1", "cc-2"]}})
    staff = _role(admin, realm, {"name": "Staff Member (EU)"})
    made += 3
    admin.post(f"/{realm}/roles-by-id/{manager['id']}/composites",
               [user, staff, *[roles[0] for roles in app_roles.values()]])
    made += build_scopes_and_brokers(admin, realm)
    return made


def build_scopes_and_brokers(admin: KeycloakAdmin, realm: str) -> int:
    """A client scope with a mapper assigned to the realm's optional scopes and linked to a client, and
    an OpenID Connect identity provider with a client secret and two mappers."""
    scope_id = admin.create(f"/{realm}/client-scopes", {
        "name": "team", "protocol": "openid-connect", "description": "The user's team",
        "attributes": {"include.in.token.scope": "true", "consent.screen.text": "Your team"},
        "protocolMappers": [{"name": "team", "protocol": "openid-connect",
                             "protocolMapper": "oidc-usermodel-attribute-mapper",
                             "config": {"user.attribute": "team", "claim.name": "team", "access.token.claim": "true"}}],
    }, lambda: None)
    admin.put(f"/{realm}/default-optional-client-scopes/{scope_id}")
    billing = admin.get(f"/{realm}/clients", {"clientId": "billing-backend"})[0]
    admin.put(f"/{realm}/clients/{billing['id']}/optional-client-scopes/{scope_id}")
    admin.create(f"/{realm}/identity-provider/instances", {
        "alias": "corp", "providerId": "oidc", "displayName": "Corp SSO", "trustEmail": True,
        "config": {"clientId": "acme", "clientSecret": "corp-idp-s3cret", "clientAuthMethod": "client_secret_post",
                   "authorizationUrl": "https://corp.example.com/auth", "tokenUrl": "https://corp.example.com/token",
                   "syncMode": "IMPORT"},
    }, lambda: None)
    for name, mapper, config in (
        ("department", "oidc-user-attribute-idp-mapper", {"claim": "department", "user.attribute": "department",
                                                           "syncMode": "INHERIT"}),
        ("staff", "hardcoded-role-idp-mapper", {"role": "user", "syncMode": "INHERIT"}),
    ):
        admin.create(f"/{realm}/identity-provider/instances/corp/mappers",
                     {"name": name, "identityProviderAlias": "corp", "identityProviderMapper": mapper,
                      "config": config}, lambda: None)
    return 5
