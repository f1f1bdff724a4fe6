"""Rules the resource classes apply while the program runs (no engine, no server: Pulumi's mocks).

References to other resources become their naming outputs; a second resource with the natural key
of another gets the hidden input that ``check()`` refuses, also when key parts are Outputs; an
Args object is not overridden by unset keywords; map inputs with sensitive keys become secrets.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from pulumi_keycloak_dynamic import Client, ClientArgs, Realm, Role, client_secret
from pulumi_keycloak_dynamic.engine import KeycloakProvider
from pulumi_keycloak_dynamic.engine.adoption import SAME_KEY
from pulumi_keycloak_dynamic.runtime import _claims_of_this_run, collect_inputs


class Mocks(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.inputs: dict[str, dict[str, Any]] = {}

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.inputs[args.name] = dict(args.inputs)
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def mocks() -> Mocks:
    mocks = Mocks()
    pulumi.runtime.set_mocks(mocks, preview=False)
    return mocks


@pulumi.runtime.test
def test_a_role_resource_in_composites_stands_for_its_name(mocks: Mocks) -> Any:
    clerk = Role("clerk", realm="acme", name="clerk")
    app = Client("app", realm="acme", client_id="shop-app")
    manager = Role("manager", realm=Realm("acme", realm="acme"), name="manager", client_id=app,
                   composite_realm_roles=[clerk, "offline_access"], composite_client_roles={"shop-app": [clerk]})

    def check(_: Any) -> None:
        sent = mocks.inputs["manager"]
        assert sent["composite_realm_roles"] == ["clerk", "offline_access"]
        assert sent["composite_client_roles"] == {"shop-app": ["clerk"]}
        assert sent["client_id"] == "shop-app" and sent["realm"] == "acme"

    return manager.role_id.apply(check)


def test_a_resource_of_the_wrong_kind_is_refused(mocks: Mocks) -> None:
    app = Client("app2", realm="acme", client_id="app2")
    with pytest.raises(pulumi.RunError, match="'composite_realm_roles' takes a Role resource or its name; "
                                              "got Client resource 'app2'"):
        Role("r", realm="acme", name="r", composite_realm_roles=[app])
    with pytest.raises(pulumi.RunError, match="'description' takes a value, not a resource"):
        Role("r2", realm="acme", name="r2", description=app)


@pulumi.runtime.test
def test_a_second_resource_with_the_same_key_is_refused_naming_both(mocks: Mocks) -> Any:
    Client("web", realm="acme", client_id="shop")
    Client("web-again", realm="acme", client_id="shop")
    Client("web-elsewhere", realm="other", client_id="shop")
    realm = Realm("acme-realm", realm="acme-2")
    reader = Role("reader", realm=realm.realm, name="reader")
    again = Role("reader-again", realm="acme-2", name="reader")

    def check(_: Any) -> None:
        assert mocks.inputs["web-again"][SAME_KEY].startswith(
            "Client 'web-again' and Client 'web' of this program both manage Client 'acme/shop'")
        assert SAME_KEY not in mocks.inputs["web"] or not mocks.inputs["web"][SAME_KEY]
        assert not mocks.inputs["web-elsewhere"].get(SAME_KEY)
        messages = [mocks.inputs[n].get(SAME_KEY) for n in ("reader", "reader-again")]
        assert sum(bool(m) for m in messages) == 1 and "Role 'acme-2/reader'" in next(m for m in messages if m)

    return pulumi.Output.all(reader.role_id, again.role_id).apply(check)


def test_check_refuses_the_hidden_input() -> None:
    message = "Client 'b' and Client 'a' of this program both manage Client 'acme/x': ..."
    result = KeycloakProvider("Client").check({}, {"client_id": "x", "realm": "acme", SAME_KEY: message})
    assert [(f.property, f.reason) for f in result.failures or []] == [("", message)]
    assert SAME_KEY not in result.inputs
    assert not KeycloakProvider("Client").check({}, {"client_id": "x", SAME_KEY: None}).failures


def test_unset_keywords_never_override_the_args() -> None:
    args = ClientArgs(client_id="shop-web", realm="acme", public_client=True)
    assert collect_inputs(args, {"client_id": None, "realm": None, "description": "d"}) == {
        "client_id": "shop-web", "realm": "acme", "public_client": True, "description": "d"}
    assert collect_inputs(args, {"realm": "other"})["realm"] == "other"  # a keyword given wins


@pulumi.runtime.test
def test_a_map_with_a_sensitive_key_known_later_becomes_secret(mocks: Mocks) -> Any:
    key = pulumi.Output.from_input("-----BEGIN PRIVATE KEY-----")
    client = Client("saml", realm="acme", client_id="urn:x", protocol="saml",
                    attributes=pulumi.Output.from_input({"saml.signing.private.key": key}))
    plain = Client("plain", realm="acme", client_id="plain",
                   attributes=pulumi.Output.from_input({"pkce.code.challenge.method": "S256"}))

    async def secrets() -> tuple[bool, bool]:
        return await client.attributes.is_secret(), await plain.attributes.is_secret()

    return pulumi.Output.from_input(secrets()).apply(lambda s: assert_secret(s))


def assert_secret(flags: tuple[bool, bool]) -> None:
    assert flags == (True, False)


@pulumi.runtime.test
def test_only_declared_inputs_are_registered_and_an_undeclared_one_reads_none(mocks: Mocks) -> Any:
    app = Client("lean", realm="acme", client_id="lean-app", description="declared")
    registered = {k for k, v in vars(app).items() if isinstance(v, pulumi.Output)}
    # declared inputs only: not the 40 other inputs, nor managed_fields (the state's bookkeeping)
    assert {"client_id", "realm", "description"} <= registered
    assert not {"name", "redirect_uris", "secret", "managed_fields"} & registered
    assert app.client_uuid is app.id  # the id output is the resource's id, not one more prop
    with pytest.raises(AttributeError, match="no attribute 'redirect_uri'"):
        app.redirect_uri  # type: ignore[attr-defined]  # noqa: B018 - a misspelled input is no output

    def check(values: list[Any]) -> None:
        description, name, uris = values
        assert (description, name, uris) == ("declared", None, None)

    return pulumi.Output.all(app.description, app.name, app.redirect_uris).apply(check)


@pulumi.runtime.test
def test_own_outputs_are_not_pending_outputs_of_the_program(mocks: Mocks) -> Any:
    """The SDK's end-of-program wait goes over its pending Outputs after each one resolves: a
    resource's own Outputs (resolved by its registration, which the SDK awaits) are not among them."""
    pending = pulumi.runtime.settings.SETTINGS.outputs
    before = len(pending)
    app = Client("untracked", realm="acme", client_id="untracked-app", description="d")
    Role("untracked-role", realm="acme", name="r")
    own = [v for v in vars(app).values() if isinstance(v, pulumi.Output)]
    assert len(own) >= 5  # client_id, realm, description, urn, id, ...
    assert not any(o._data in pending for o in own)
    assert len(pending) <= before + 1  # one pending Output stands for the registrations of the run
    derived = app.client_id.apply(lambda v: f"{v}!")
    assert derived._data in pending  # what the program makes from them is still waited for
    return pulumi.Output.all(derived, app.client_uuid).apply(lambda v: assert_resolved(v))


def assert_resolved(values: list[Any]) -> None:
    assert values[0] == "untracked-app!"
    assert values[1]


def test_client_secret_takes_a_client_only(mocks: Mocks) -> None:
    with pytest.raises(TypeError, match="takes a Client resource, got Role"):
        client_secret(Role("not-a-client", realm="acme", name="x"))


@pulumi.runtime.test
def test_client_secret_in_a_preview_is_an_unknown_secret_and_sends_nothing() -> Any:
    pulumi.runtime.set_mocks(Mocks(), preview=True)
    secret = client_secret(Client("confidential", realm="acme", client_id="confidential"))

    async def check() -> None:
        assert await secret.is_secret() and not await secret.is_known()

    return pulumi.Output.from_input(check())


def test_a_key_named_by_a_realm_output_is_claimed_at_once(mocks: Mocks) -> None:
    realm = Realm("claim-realm", realm="claim-acme")
    Role("claim-first", realm=realm.realm, name="viewer")
    # the Realm's plain name stands for realm.realm: the key is claimed while the resource is
    # declared, before any Output resolves (no apply per resource)
    assert _claims_of_this_run()[("Role", "claim-acme", None, "viewer")] == "claim-first"


def test_a_resource_is_declared_at_the_programs_line(mocks: Mocks, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDK records where a resource was declared (its sourcePosition in the state): the
    program's line, not the generated class (it takes the caller of the third ``__init__``)."""
    import pulumi.runtime.resource as sdk_resource

    traces: list[Any] = []
    original = sdk_resource._get_stack_trace

    def recording() -> Any:
        trace = original()
        traces.append(trace)
        return trace

    monkeypatch.setattr(sdk_resource, "_get_stack_trace", recording)
    Role("declared-here", realm="acme", name="declared-here")
    assert traces, "the SDK no longer computes a stack trace here"
    first = traces[-1].frames[0].pc
    assert first.uri.endswith("/tests/unit/test_resource_program_rules.py"), first.uri
