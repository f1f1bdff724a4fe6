"""The exporter's pure logic: names, Python source of values, what counts as a default, order of
declarations, and the per-kind hooks of the specs. No server."""

from __future__ import annotations

import ast

import pulumi_keycloak_dynamic.specs  # noqa: F401  (registers the specs)
from pulumi_keycloak_dynamic.engine import spec_for
from pulumi_keycloak_dynamic.export.collect import _differing, _link, _ordered, _secrets
from pulumi_keycloak_dynamic.export.model import ExportedResource, Namer, RealmExport, Ref, SecretInput, identifier
from pulumi_keycloak_dynamic.export.render import code, main_py


def test_identifiers_are_valid_python_and_readable() -> None:
    assert identifier("client", "My App / EU") == "client_my_app_eu"
    assert identifier("https://portal.example.com/app") == "https_portal_example_com_app"
    assert identifier("123") == "_123"
    assert identifier("class") == "class_"
    assert identifier("///") == "unnamed"
    assert all(identifier(t).isidentifier() for t in ("a b", "ü-x", "0", "None"))


def test_names_are_unique_and_stable() -> None:
    namer = Namer(("config",))
    assert [namer.unique(n) for n in ("config", "a", "a", "a")] == ["config_2", "a", "a_2", "a_3"]


def test_values_become_python_source_that_evaluates_back() -> None:
    value = {"quote\"s": ["it's", "new\nline", "ü"], "n": 5, "flag": False}
    assert ast.literal_eval(code(value)) == value
    assert code(Ref("realm", "realm")) == "realm.realm"
    assert code(SecretInput("client_web_secret", "", ("Client", "r/web", "secret", None))) == (
        'config.require_secret("client_web_secret")'
    )
    long = code({"k": ["x" * 40, "y" * 40, "z" * 40]})
    assert "\n" in long and ast.literal_eval(long) == {"k": ["x" * 40, "y" * 40, "z" * 40]}


def test_only_what_differs_from_the_default_is_written() -> None:
    client = spec_for("Client")
    attributes = client.by_name["attributes"]
    server = {"pkce.code.challenge.method": "S256", "a": "x", "client.secret.creation.time": "1700000000"}
    assert _differing(client, attributes, server, {"a": "x"}) == {"pkce.code.challenge.method": "S256"}
    assert _differing(client, attributes, {"a": "x"}, {"a": "x"}) is None
    flag = client.by_name["public_client"]
    assert _differing(client, flag, False, True) is False  # False is a value, not "empty"
    assert _differing(client, flag, True, True) is None
    assert _differing(client, client.by_name["redirect_uris"], [], None) is None
    assert _differing(client, client.by_name["web_origins"], ["b", "a"], []) == ["a", "b"]
    mappers = client.by_name["protocol_mappers"]
    default = [{"id": "1", "name": "m", "config": {"k": "v"}}]
    server_mappers = [{"id": "2", "name": "m", "config": {"k": "v"}}, {"id": "3", "name": "n", "config": {}}]
    assert _differing(client, mappers, server_mappers, default) == [server_mappers[1]]


def test_client_hooks_drop_what_keycloak_ignores() -> None:
    client = spec_for("Client")
    mappers = [{"id": "1", "name": "m", "protocolMapper": "x", "consentRequired": False, "config": {"a.b": "1"}}]
    assert client.export_value("protocol_mappers", mappers, {}) == [
        {"name": "m", "protocol_mapper": "x", "config": {"a.b": "1"}}
    ]
    assert client.export_value("secret", "s", {"publicClient": True}) is None
    assert client.export_value("secret", "s", {"protocol": "saml"}) is None
    assert client.export_value("secret", "s", {"publicClient": False}) == "s"
    assert client.is_builtin({"client_id": "realm-management"}, {})
    assert not client.is_builtin({"client_id": "web"}, {})


def test_role_hooks_name_builtins_and_composites_first() -> None:
    role = spec_for("Role")
    assert role.is_builtin({"realm": "acme", "name": "default-roles-acme"}, {})
    assert role.is_builtin({"realm": "acme", "client_id": "account", "name": "view-profile"}, {})
    assert not role.is_builtin({"realm": "acme", "name": "manager"}, {})
    needs = role.prerequisites({"realm": "acme", "composite_realm_roles": ["user"],
                                "composite_client_roles": {"web": ["viewer"]}})
    assert needs == [("Role", ("acme", None, "user")), ("Role", ("acme", "web", "viewer"))]


def test_group_and_user_hooks_order_them_after_their_roles_and_groups() -> None:
    group, user = spec_for("Group"), spec_for("User")
    assert group.export_import_id(("acme", "/staff/eng")) == "acme/staff/eng"
    assert group.parse_import_id("acme/staff/eng") == {"realm": "acme", "name": "eng", "parent": "/staff"}
    assert spec_for("Role").export_import_id(("acme", None, "viewer")) == "acme/viewer"
    assert group.prerequisites({"realm": "acme", "realm_roles": ["dev"], "client_roles": {"app": ["reader"]}}) == [
        ("Role", ("acme", None, "dev")), ("Role", ("acme", "app", "reader"))
    ]
    assert user.prerequisites({"realm": "acme", "groups": ["/staff/eng"], "realm_roles": ["dev"]}) == [
        ("Role", ("acme", None, "dev")), ("Group", ("acme", "/staff/eng"))
    ]
    assert user.scratch_body({"username": "alice"}) == {"username": "scratch"}
    holder = spec_for("ServiceAccountRoles")
    assert holder.is_builtin({"client_id": "realm-management"}, {}) and not holder.is_builtin({"client_id": "w"}, {})
    assert holder.prerequisites({"realm": "acme", "client_id": "w", "realm_roles": ["dev"]}) == [
        ("Client", ("acme", "w")), ("Role", ("acme", None, "dev"))
    ]


def test_a_group_parent_and_a_users_groups_become_group_path_outputs() -> None:
    staff = ExportedResource("Group", "group_staff", "staff", "acme/staff", ("acme", "/staff"),
                             {"realm": "acme", "name": "staff"})
    eng = ExportedResource("Group", "group_staff_eng", "staff-eng", "acme/staff/eng", ("acme", "/staff/eng"),
                           {"realm": "acme", "name": "eng", "parent": "/staff"})
    alice = ExportedResource("User", "user_alice", "alice", "acme/alice", ("acme", "alice"),
                             {"realm": "acme", "username": "alice", "groups": ["/staff/eng", "/gone"]})
    by_output = {("Group", "path", "/staff"): staff, ("Group", "path", "/staff/eng"): eng}
    _link(spec_for("Group"), eng, by_output)
    _link(spec_for("User"), alice, by_output)
    assert eng.inputs["parent"] == Ref("group_staff", "path")
    assert alice.inputs["groups"] == [Ref("group_staff_eng", "path"), "/gone"]


def _resource(var: str, depends: list[str], inputs: dict[str, object] | None = None) -> ExportedResource:
    return ExportedResource("Role", var, var, f"r/{var}", ("r", None, var), inputs or {"name": var}, False, depends)


def test_declarations_come_after_what_they_depend_on_and_cycles_are_broken() -> None:
    ordered = _ordered([_resource("a", ["b"]), _resource("b", ["c"]), _resource("c", [])])
    assert [r.var for r in ordered] == ["c", "b", "a"]
    cyclic = _ordered([_resource("x", ["y"]), _resource("y", ["x"])])
    assert [r.var for r in cyclic] == ["y", "x"]
    assert cyclic[0].depends_on == [] and cyclic[1].depends_on == ["y"]


def test_secrets_become_config_and_never_reach_the_program() -> None:
    client = ExportedResource("Client", "client_web", "web", "r/web", ("r", "web"),
                              {"client_id": "web", "secret": "s3cr3t-value",
                               "attributes": {"saml.signing.private.key": "PRIVATE", "x": "1"}})
    secrets: list[SecretInput] = []
    _secrets(spec_for("Client"), client, secrets)
    assert [s.key for s in secrets] == ["client_web_secret", "client_web_attributes_saml_signing_private_key"]
    export = RealmExport("r", [client], secrets, False, {"Client": 6}, "note", ["Client"])
    program = main_py(export)
    assert "s3cr3t-value" not in program and "PRIVATE" not in program
    assert 'secret=config.require_secret("client_web_secret")' in program
    assert "left out: 6 Client" in program
    ast.parse(program)


def test_names_of_exported_objects_become_their_outputs() -> None:
    realm = ExportedResource("Realm", "realm", "acme", "acme", ("acme",), {"realm": "acme"})
    web = ExportedResource("Client", "client_web", "web", "acme/web", ("acme", "web"),
                           {"realm": "acme", "client_id": "web"})
    role = ExportedResource("Role", "role_web_viewer", "web-viewer", "acme/web/viewer", ("acme", "web", "viewer"),
                            {"realm": "acme", "client_id": "web", "name": "viewer"}, depends_on=["client_web"])
    other = ExportedResource("Role", "role_x", "x", "acme/account/x", ("acme", "account", "x"),
                             {"realm": "acme", "client_id": "account", "name": "x"})
    by_output = {("Realm", "realm", "acme"): realm, ("Client", "client_id", "web"): web}
    _link(spec_for("Role"), role, by_output)
    _link(spec_for("Role"), other, by_output)
    assert role.inputs["realm"] == Ref("realm", "realm") and role.inputs["client_id"] == Ref("client_web", "client_id")
    assert role.depends_on == []  # the reference orders them already
    assert other.inputs["client_id"] == "account"  # a built-in client left out stays a name
    assert code(role.inputs["client_id"]) == "client_web.client_id"


def test_keycloaks_address_placeholders_are_accepted_where_its_built_in_clients_use_them() -> None:
    from pulumi_keycloak_dynamic.engine.checks import url_problem

    assert url_problem("${authBaseUrl}", "relative-ok") is None
    assert url_problem("${authAdminUrl}/realms/x/console/", "relative-ok") is None
    assert url_problem("${authBaseUrl}", "absolute") is not None
    assert url_problem("authBaseUrl", "relative-ok") is not None


def test_references_are_declared_first_and_a_cycle_of_references_falls_back_to_names() -> None:
    a = _resource("role_a", [], {"name": "a", "composite_realm_roles": [Ref("role_b", "name")]})
    b = _resource("role_b", [], {"name": "b", "composite_realm_roles": [Ref("role_a", "name")]})
    c = _resource("role_c", [], {"name": "c", "composite_realm_roles": [Ref("role_d", "name")]})
    d = _resource("role_d", [], {"name": "d"})
    ordered = _ordered([a, b, c, d])
    assert [r.var for r in ordered] == ["role_b", "role_a", "role_d", "role_c"]
    assert ordered[0].inputs["composite_realm_roles"] == ["a"]  # would point forwards: the name instead
    assert ordered[1].inputs["composite_realm_roles"] == [Ref("role_b", "name")]
    assert ordered[3].inputs["composite_realm_roles"] == [Ref("role_d", "name")]
