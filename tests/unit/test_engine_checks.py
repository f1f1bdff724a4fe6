"""``check()`` refuses bad input before any API call, naming the field and what would be right.

Each row is one kind of mistake a user makes in a program. It goes through the provider's own
``check()`` exactly as Pulumi's dynamic-provider host calls it (``check(olds, news)``), and the
failure must concern the right input and say both what is wrong and what to write instead.
``check()`` reports failures on no property (the engine would print a named property's whole
value, secrets included); the input at fault is named in the message and, for these tests, by
``checked()``, which check() wraps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from pulumi_keycloak_dynamic.engine import KeycloakProvider
from pulumi_keycloak_dynamic.engine.checks import UNKNOWN, one_line


@dataclass(frozen=True)
class Bad:
    kind: str
    type_name: str
    inputs: dict[str, Any]
    field: str
    says: tuple[str, ...]  # every fragment must be in the failure's reason


def client(**inputs: Any) -> dict[str, Any]:
    return {"realm": "acme", "client_id": "app", **inputs}


def mapper(**item: Any) -> dict[str, Any]:
    return {"name": "email", "protocol": "openid-connect", "protocolMapper": "oidc-usermodel-property-mapper", **item}


BAD_INPUTS = [
    Bad("unknown input, snake_case", "Client", client(redirect_uri=["https://a.example/*"]), "redirect_uri",
        ("Client has no input 'redirect_uri'", "did you mean 'redirect_uris'?")),
    Bad("unknown input, camelCase", "Client", client(webOrigin=["+"]), "webOrigin",
        ("no input 'webOrigin'", "did you mean 'webOrigins'?")),
    Bad("str given an int", "Client", client(description=5), "description",
        ("'description' must be a string", "got number 5")),
    Bad("bool given a string", "Client", client(enabled="yes"), "enabled",
        ("'enabled' must be a boolean (True or False)", "got str 'yes'")),
    Bad("int given a string", "Client", client(not_before="10"), "not_before",
        ("'not_before' must be an integer", "got str '10'")),
    Bad("int given a fraction", "Realm", {"realm": "acme", "access_token_lifespan": 300.5}, "access_token_lifespan",
        ("'access_token_lifespan' must be an integer",)),
    Bad("list given a lone string", "Client", client(redirect_uris="https://a.example/*"), "redirect_uris",
        ("'redirect_uris' must be a list of strings", "got str")),
    Bad("map given a list", "Client", client(attributes=["pkce.code.challenge.method"]), "attributes",
        ("'attributes' must be a map of string keys", "got list")),
    Bad("map of lists given a map of strings", "Role",
        {"realm": "acme", "name": "r", "composite_client_roles": {"app": "viewer"}}, "composite_client_roles",
        ("'composite_client_roles' must be a map of string keys to lists of strings",)),
    Bad("map of integers given a string", "Client", client(registered_nodes={"node-1": "soon"}), "registered_nodes",
        ("'registered_nodes' must be a map of string keys to integers",)),
    Bad("bad choice", "Client", client(protocol="oidc"), "protocol",
        ("'protocol' must be one of 'openid-connect', 'saml'", "got 'oidc'")),
    Bad("bad choice with a close one", "Realm", {"realm": "acme", "ssl_required": "al"}, "ssl_required",
        ("'ssl_required' must be one of 'all', 'external', 'none'", "did you mean 'all'?")),
    Bad("malformed root URL", "Client", client(root_url="htp:/x"), "root_url",
        ("'root_url' value 'htp:/x' is not a URL", "write https://host/path")),
    Bad("URL with a scheme and no host", "Client", client(admin_url="https://"), "admin_url",
        ("'admin_url' value 'https://' has no host", "write https://host/path")),
    Bad("relative URL without '/'", "Client", client(base_url="home"), "base_url",
        ("'base_url' value 'home'", "write '/home'")),
    Bad("redirect URI with a space", "Client", client(redirect_uris=["https://ok.example/*", "https://a b/*"]),
        "redirect_uris", ("'redirect_uris' value 'https://a b/*' contains white space", "encode it as %20")),
    Bad("public and bearer-only", "Client", client(public_client=True, bearer_only=True), "bearer_only",
        ("both public_client and bearer_only", "set one to False")),
    Bad("public client with a secret", "Client", client(public_client=True, secret="s3cr3t-value"), "secret",
        ("a public client has no secret", "remove 'secret' or set public_client=False")),
    Bad("public client with service accounts", "Client", client(public_client=True, service_accounts_enabled=True),
        "service_accounts_enabled", ("service accounts need a confidential client", "set public_client=False")),
    Bad("public client with authorization services", "Client",
        client(public_client=True, authorization_services_enabled=True), "authorization_services_enabled",
        ("authorization services need a confidential client", "public_client=False")),
    Bad("SAML client with the implicit flow", "Client", client(protocol="saml", implicit_flow_enabled=True),
        "implicit_flow_enabled", ("'implicit_flow_enabled' is an OpenID Connect setting", "SAML client cannot")),
    Bad("mapper without name", "Client", client(protocol_mappers=[{"protocolMapper": "oidc-audience-mapper"}]),
        "protocol_mappers", ("protocol_mappers[0] needs 'name'",)),
    Bad("mapper without protocolMapper", "Client", client(protocol_mappers=[{"name": "aud"}]),
        "protocol_mappers", ("protocol_mappers[0] needs 'protocolMapper'",)),
    Bad("mapper with an unknown key", "Client", client(protocol_mappers=[mapper(colour="red")]),
        "protocol_mappers", ("protocol_mappers[0] has no key 'colour'", "known keys:", "protocolMapper")),
    Bad("mapper with a misspelt key", "Client", client(protocol_mappers=[mapper(confg={})]),
        "protocol_mappers", ("has no key 'confg'", "did you mean 'config'?")),
    Bad("mapper config not a map", "Client", client(protocol_mappers=[mapper(config="claim.name=email")]),
        "protocol_mappers", ("protocol_mappers[0].config must be a map",)),
    Bad("mapper with a bad protocol", "Client", client(protocol_mappers=[mapper(protocol="oidc")]),
        "protocol_mappers", ("protocol_mappers[0].protocol must be one of openid-connect, saml", "got 'oidc'")),
    Bad("two mappers with one name", "Client", client(protocol_mappers=[mapper(), mapper()]),
        "protocol_mappers", ("protocol_mappers[1]", "two items share name 'email'", "names must be unique")),
    Bad("bad PKCE method", "Client", client(attributes={"pkce.code.challenge.method": "S512"}), "attributes",
        ("attributes['pkce.code.challenge.method'] must be 'S256'", "got 'S512'")),
    Bad("jwks.url not a URL", "Client", client(attributes={"jwks.url": "keys.json"}), "attributes",
        ("attributes['jwks.url'] 'keys.json' is not an absolute URL", "write https://host/path")),
    Bad("negative lifespan", "Realm", {"realm": "acme", "access_token_lifespan": -5}, "access_token_lifespan",
        ("'access_token_lifespan' must be at least 1", "got -5")),
    Bad("missing client_id", "Client", {"realm": "acme", "name": "App"}, "client_id",
        ("Client needs 'client_id' (a string)",)),
    Bad("client_id with spaces around", "Client", client(client_id=" app"), "client_id",
        ("'client_id' ' app' has leading or trailing spaces",)),
    Bad("role without name", "Role", {"realm": "acme", "description": "d"}, "name",
        ("Role needs 'name' (a string)",)),
    Bad("role with a blank name", "Role", {"realm": "acme", "name": "  "}, "name",
        ("'name' '  ' must not be blank",)),
    Bad("role without realm", "Role", {"name": "viewer"}, "realm", ("Role needs 'realm' (a string)",)),
    Bad("realm name with '/'", "Realm", {"realm": "a/b"}, "realm", ("'realm' 'a/b' must not contain '/'",)),
    Bad("authorization settings with services off", "Client",
        client(authorization_services_enabled=False, authorization_settings={"policyEnforcementMode": "ENFORCING"}),
        "authorization_settings", ("authorization_services_enabled is False",)),
]


def failures_of(type_name: str, inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """(input at fault, message) pairs; ``check()`` itself reports the same messages on no property."""
    provider = KeycloakProvider(type_name)
    props = {"__provider": "opaque", **inputs}
    named = provider.checked(props)[1]
    result = provider.check({}, props)
    assert [(f.property, f.reason) for f in result.failures or []] == [("", one_line(m)) for _, m in named]
    return named


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[b.kind for b in BAD_INPUTS])
def test_bad_input_is_refused_naming_the_field_and_the_fix(bad: Bad) -> None:
    failures = failures_of(bad.type_name, bad.inputs)
    on_field = [reason for prop, reason in failures if prop == bad.field]
    assert on_field, f"no failure on '{bad.field}'; got {failures}"
    assert any(all(s in reason for s in bad.says) for reason in on_field), (
        f"no failure on '{bad.field}' says {bad.says}; got {on_field}"
    )


def test_the_table_covers_at_least_fifteen_kinds() -> None:
    assert len({b.kind for b in BAD_INPUTS}) >= 15
    assert len({(b.type_name, b.field) for b in BAD_INPUTS}) >= 15


@pytest.mark.parametrize("bad", BAD_INPUTS, ids=[b.kind for b in BAD_INPUTS])
def test_only_the_bad_part_fails(bad: Bad) -> None:
    """Every failure of a row concerns its one bad input: the rest of the row is valid."""
    assert {prop for prop, _ in failures_of(bad.type_name, bad.inputs)} == {bad.field}


GOOD_INPUTS = [
    ("Client", client(redirect_uris=["https://a.example/*", "/relative/*", "myapp://callback"], web_origins=["+"],
                      root_url="https://a.example", base_url="/home", public_client=True, protocol_mappers=[mapper()],
                      attributes={"pkce.code.challenge.method": "S256", "jwks.url": "https://a.example/jwks"})),
    ("Client", client(protocol="saml", secret="s", service_accounts_enabled=False, not_before=0)),
    ("Realm", {"realm": "acme", "ssl_required": "all", "access_token_lifespan": 300.0}),
    ("Role", {"realm": "acme", "name": "viewer", "composite_client_roles": {"app": ["read"]}}),
]


@pytest.mark.parametrize(("type_name", "inputs"), GOOD_INPUTS)
def test_good_input_passes(type_name: str, inputs: dict[str, Any]) -> None:
    assert failures_of(type_name, inputs) == []


def test_camel_case_names_are_accepted_as_aliases() -> None:
    result = KeycloakProvider("Client").check({}, client(redirectUris=["https://b/", "https://a/"], publicClient=True))
    assert not result.failures
    assert result.inputs["redirect_uris"] == ["https://a/", "https://b/"]  # canonical: sorted set
    assert result.inputs["public_client"] is True
    assert "redirectUris" not in result.inputs


def test_unknown_values_during_preview_are_not_judged() -> None:
    inputs = client(root_url=UNKNOWN, redirect_uris=[UNKNOWN, "https://a/"], public_client=UNKNOWN, secret=UNKNOWN)
    assert failures_of("Client", inputs) == []


def test_a_secret_of_the_wrong_type_is_never_echoed() -> None:
    failures = failures_of("Client", client(secret=918273645))
    assert failures and failures[0][0] == "secret"
    assert "'secret' must be a string" in failures[0][1]
    assert "918273645" not in failures[0][1]


def test_a_secret_map_of_the_wrong_shape_is_never_echoed() -> None:
    smtp = {"password": "pw-NEVER-SHOWN", "host": "smtp.example.com", "port": [587]}
    failures = failures_of("Realm", {"realm": "acme", "smtp_server": smtp})
    assert [p for p, _ in failures] == ["smtp_server"]
    assert "must be a map" in failures[0][1]
    assert "pw-NEVER-SHOWN" not in failures[0][1]


def test_sensitive_keys_of_a_plain_map_are_masked_in_messages() -> None:
    attributes = {"saml.signing.private.key": "PRIVATE-KEY-NEVER-SHOWN", "x": ["not", "a", "string"]}
    failures = failures_of("Client", client(attributes=attributes))
    assert [p for p, _ in failures] == ["attributes"]
    assert "PRIVATE-KEY-NEVER-SHOWN" not in failures[0][1]


def test_check_makes_no_api_call(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_admin(self: KeycloakProvider) -> None:
        raise AssertionError("check() must not reach Keycloak")

    monkeypatch.setattr(KeycloakProvider, "admin", no_admin)
    for bad in BAD_INPUTS:
        failures_of(bad.type_name, bad.inputs)
    for type_name, inputs in GOOD_INPUTS:
        failures_of(type_name, inputs)


def test_import_id_must_name_the_object_the_inputs_describe() -> None:
    from pulumi_keycloak_dynamic.engine.adoption import IMPORT_KEY

    assert failures_of("Client", client(**{IMPORT_KEY: "acme/app"})) == []
    assert failures_of("Role", {"realm": "acme", "name": "viewer", IMPORT_KEY: "acme/viewer"}) == []
    assert failures_of("Realm", {"realm": "acme", IMPORT_KEY: "acme"}) == []
    other = failures_of("Client", client(**{IMPORT_KEY: "acme/other"}))
    assert other == [("import_", "import_ 'acme/other' names another Client than the inputs; "
                                 "write import_='acme/app' (<realm>/<clientId>)")]
    client_role = failures_of("Role", {"realm": "acme", "name": "viewer", IMPORT_KEY: "acme/app/viewer"})
    assert [p for p, _ in client_role] == ["import_"] and "write import_='acme/viewer'" in client_role[0][1]
    assert [p for p, _ in failures_of("Role", {"realm": "acme", "name": "v", IMPORT_KEY: "v"})] == ["import_"]
    unknown = client(realm=UNKNOWN, **{IMPORT_KEY: "acme/other"})
    assert failures_of("Client", unknown) == []  # judged at up, when the realm is known


@pytest.mark.parametrize(("typed", "known", "expected"), [
    ("redirect_uri", ["redirect_uris", "root_url"], "redirect_uris"),
    ("githbu", ["github", "gitlab"], "github"),
    ("al", ["all", "external", "none"], "all"),
    ("Display_Name", ["display_name"], "display_name"),
    # Shares words and letters, but is no typo of it: no suggestion at all.
    ("organizations_enabled", ["internationalization_enabled", "enabled"], None),
    ("enabled_event_types", ["events_enabled", "events_expiration"], None),
    ("browser_flow", ["browser_security_headers"], None),
])
def test_a_suggestion_is_a_typo_away_or_absent(typed: str, known: list[str], expected: str | None) -> None:
    from pulumi_keycloak_dynamic.engine.checks import suggest

    assert suggest(typed, known) == (f"; did you mean '{expected}'?" if expected else "")
