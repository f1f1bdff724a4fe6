"""Objects made by hand through the Admin API, for the lookup tests to read (no stack manages them)."""

from __future__ import annotations

import uuid
from typing import Any

from pulumi_keycloak_dynamic.api import KeycloakAdmin


def made_by_hand(admin: KeycloakAdmin, realm: str) -> dict[str, Any]:
    """The objects the program reads, made through the Admin API (no stack manages them)."""
    secret = f"LOOKUP-SECRET-{uuid.uuid4().hex[:12]}"
    svc = admin.create(f"/{realm}/clients", {
        "clientId": "svc", "publicClient": False, "secret": secret, "serviceAccountsEnabled": True,
        "standardFlowEnabled": False, "description": "made by hand",
        "attributes": {"saml.signing.private.key": "PRIVATE-KEY-IN-ATTRIBUTES"},
    }, lambda: None)
    admin.create(f"/{realm}/clients/{svc}/roles", {"name": "svc-reader"}, lambda: None)
    admin.create(f"/{realm}/roles", {"name": "clerk", "description": "sells"}, lambda: None)
    clerk = admin.get(f"/{realm}/roles/clerk")
    staff = admin.create(f"/{realm}/groups", {"name": "staff"}, lambda: None)
    eng = admin.create(f"/{realm}/groups/{staff}/children", {"name": "eng", "attributes": {"floor": ["3"]}},
                       lambda: None)
    admin.post(f"/{realm}/groups/{eng}/role-mappings/realm", [clerk])
    ada = admin.create(f"/{realm}/users", {"username": "ada", "enabled": True, "groups": ["/staff/eng"]},
                       lambda: None)
    admin.post(f"/{realm}/users/{ada}/role-mappings/realm", [clerk])
    sa = admin.get(f"/{realm}/clients/{svc}/service-account-user")
    reader = admin.get(f"/{realm}/clients/{svc}/roles/svc-reader")
    admin.post(f"/{realm}/users/{sa['id']}/role-mappings/clients/{svc}", [reader])
    admin.create(f"/{realm}/client-scopes", {"name": "lookup-scope", "protocol": "openid-connect"}, lambda: None)
    admin.create(f"/{realm}/identity-provider/instances", {
        "alias": "corp", "providerId": "oidc", "config": {
            "clientId": "corp", "clientSecret": "IDP-SECRET", "authorizationUrl": "https://corp.example.com/a",
            "tokenUrl": "https://corp.example.com/t", "clientAuthMethod": "client_secret_post"}}, lambda: None)
    admin.create(f"/{realm}/identity-provider/instances/corp/mappers", {
        "name": "m1", "identityProviderAlias": "corp", "identityProviderMapper": "hardcoded-attribute-idp-mapper",
        "config": {"attribute": "source", "attribute.value": "corp", "syncMode": "INHERIT"}}, lambda: None)
    return {"secret": secret, "svc": svc, "eng": eng, "ada": ada, "sa": sa["id"], "clerk": clerk["id"],
            "reader": reader["id"]}
