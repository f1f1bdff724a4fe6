"""Client scopes and identity providers: what preview refuses, what `up` refuses in one line, and
how a program deletes a protocol mapper it declared before (by removing it from the list).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pulumi.automation as auto
import pytest

from pulumi_keycloak_dynamic import Client, ClientScope, IdentityProvider, IdentityProviderMapper
from pulumi_keycloak_dynamic.api import KeycloakAdmin
from tests.support.pulumi_runner import PulumiStack

NewStack = Callable[..., PulumiStack]
OIDC = {"clientId": "c", "authorizationUrl": "https://up.example.com/auth", "tokenUrl": "https://up.example.com/token"}

#: resource name → a fragment its failure must show.
EXPECTED = {
    "both-kinds": "client scope 'email' is both in default_client_scopes and optional_client_scopes",
    "oidc-no-urls": "an 'oidc' identity provider needs config['authorizationUrl'] and config['tokenUrl']",
    "bad-url": "config['tokenUrl'] 'token' is not an absolute URL",
    "saml-no-sso": "a 'saml' identity provider needs config['singleSignOnServiceUrl']",
    "typo-provider": "'provider_id' 'keycloak-oicd' is not a Keycloak provider; did you mean 'keycloak-oidc'?",
    "misfit-mapper": "mapper type 'saml-user-attribute-idp-mapper' is for SAML identity providers",
    "scope-space": "'name' 'my scope' must not be blank or contain spaces",
}


def test_preview_refuses_bad_scopes_and_identity_providers(new_stack: NewStack, admin: KeycloakAdmin,
                                                           realm: str) -> None:
    def program() -> None:
        Client("both-kinds", realm=realm, client_id="both", default_client_scopes=["email", "profile"],
               optional_client_scopes=["email"])
        IdentityProvider("oidc-no-urls", realm=realm, alias="a1", provider_id="oidc", config={"clientId": "c"})
        IdentityProvider("bad-url", realm=realm, alias="a2", provider_id="oidc", config={**OIDC, "tokenUrl": "token"})
        IdentityProvider("saml-no-sso", realm=realm, alias="a3", provider_id="saml",
                         config={"principalType": "SUBJECT"})
        IdentityProvider("typo-provider", realm=realm, alias="a4", provider_id="keycloak-oicd", config=OIDC)
        good = IdentityProvider("good", realm=realm, alias="a5", provider_id="oidc", config=OIDC)
        IdentityProviderMapper("misfit-mapper", realm=realm, identity_provider_alias=good, name="m",
                               identity_provider_mapper="saml-user-attribute-idp-mapper")
        ClientScope("scope-space", realm=realm, name="my scope")

    with pytest.raises(auto.errors.CommandError) as failed:
        new_stack(program=program).preview()
    text = str(failed.value)
    missing = {name: fragment for name, fragment in EXPECTED.items() if fragment not in text}
    assert not missing, f"not reported: {missing}\n--- preview output ---\n{text[-4000:]}"
    assert admin.get(f"/{realm}/identity-provider/instances") == []


def _one_line_error(failed: pytest.ExceptionInfo[auto.errors.CommandError], fragment: str) -> str:
    lines = [line for line in str(failed.value).splitlines() if fragment in line]
    assert lines, str(failed.value)[-3000:]
    assert "Traceback" not in str(failed.value)
    return lines[0]


def test_unknown_names_fail_up_in_one_line(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    def program() -> None:
        Client("app", realm=realm, client_id="app", default_client_scopes=["profile", "no-such-scope"])

    stack = new_stack(program=program)
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.up()
    line = _one_line_error(failed, "no client scope 'no-such-scope'")
    assert "default_client_scopes" in line and "it has:" in line and "profile" in line
    assert admin.get(f"/{realm}/clients", {"clientId": "app"}) == []  # the failed create left nothing

    def bad_provider() -> None:
        IdentityProvider("x", realm=realm, alias="x", provider_id="no-such-provider", config={})

    with pytest.raises(auto.errors.CommandError) as failed:
        new_stack(program=bad_provider).up()
    line = _one_line_error(failed, "provider_id 'no-such-provider' is not offered by this Keycloak")
    assert "it offers:" in line and "keycloak-oidc" in line and "saml" in line


def test_scope_changes_apply_and_removed_mappers_are_deleted(new_stack: NewStack, admin: KeycloakAdmin,
                                                             realm: str) -> None:
    def mapper(name: str) -> dict[str, Any]:
        return {"name": name, "protocol_mapper": "oidc-hardcoded-claim-mapper",
                "config": {"claim.name": name, "claim.value": "x", "access.token.claim": True}}

    def program() -> None:
        names = (pulumi.Config().get("mappers") or "one,two").split(",")
        default = (pulumi.Config().get("default") or "profile,team").split(",")
        team = ClientScope("team", realm=realm, name="team", protocol_mappers=[mapper(n) for n in names])
        Client("app", realm=realm, client_id="app", protocol_mappers=[mapper(n) for n in names],
               default_client_scopes=[team if n == "team" else n for n in default])

    stack = new_stack(program=program)
    stack.up()
    app = admin.get(f"/{realm}/clients", {"clientId": "app"})[0]
    team = next(s for s in admin.get(f"/{realm}/client-scopes") if s["name"] == "team")
    assert sorted(app["defaultClientScopes"]) == ["profile", "team"]
    assert sorted(m["name"] for m in team["protocolMappers"]) == ["one", "two"]
    admin.post(f"/{realm}/client-scopes/{team['id']}/protocol-mappers/models",
               {"name": "by-hand", "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
                "config": {"claim.name": "by_hand", "claim.value": "x"}})

    stack.set_config("mappers", "one")
    stack.set_config("default", "profile,email,microprofile-jwt")  # microprofile-jwt was optional
    assert stack.up().changes.get("update") == 2
    app = admin.get(f"/{realm}/clients", {"clientId": "app"})[0]
    assert sorted(app["defaultClientScopes"]) == ["email", "microprofile-jwt", "profile"]
    assert "microprofile-jwt" not in app["optionalClientScopes"]
    assert [m["name"] for m in app["protocolMappers"]] == ["one"]
    scope_mappers = admin.get(f"/{realm}/client-scopes/{team['id']}/protocol-mappers/models")
    assert sorted(m["name"] for m in scope_mappers) == ["by-hand", "one"]  # never declared: left alone
    assert stack.up().changed == 0 and stack.refresh().changed == 0


def test_identity_provider_secret_is_in_no_error(new_stack: NewStack, admin: KeycloakAdmin, realm: str) -> None:
    """Neither a check failure of a config holding clientSecret nor a Keycloak error shows the secret."""
    secret = "idp-secret-never-shown-7c1e"

    def refused_in_preview() -> None:
        IdentityProvider("p", realm=realm, alias="p", provider_id="oidc",
                         config={"clientId": "c", "clientSecret": secret, "tokenUrl": "not a url"})

    stack = new_stack(program=refused_in_preview)
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.preview()
    assert "config['tokenUrl'] 'not a url'" in str(failed.value)
    assert secret not in str(failed.value)

    def refused_by_keycloak() -> None:
        IdentityProvider("k", realm=realm, alias="k", provider_id="no-such-provider", client_secret=secret)

    stack = new_stack(program=refused_by_keycloak)
    with pytest.raises(auto.errors.CommandError) as failed:
        stack.up()
    assert "is not offered by this Keycloak" in str(failed.value)
    assert secret not in str(failed.value) and secret not in stack.export_text()
