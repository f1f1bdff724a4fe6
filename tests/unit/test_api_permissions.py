"""The admin role a 403 names (api/permissions.py): read from the path, full URL paths and a base
path included; no role named for a path the table does not know."""

from pulumi_keycloak_dynamic.api.permissions import forbidden_advice, needed_role


def test_roles_by_path_and_method() -> None:
    assert needed_role("POST", "/acme/clients") == ("acme", "manage-clients", "creating a client")
    assert needed_role("GET", "/auth/admin/realms/acme/groups/1")[:2] == ("acme", "view-users")  # type: ignore[index]
    assert needed_role("PUT", "/admin/realms/acme") == ("acme", "manage-realm", "updating the realm's settings")
    assert needed_role("DELETE", "/acme/identity-provider/instances/corp") == (
        "acme", "manage-identity-providers", "deleting an identity provider")
    assert needed_role("GET", "/acme/roles/clerk") == ("acme", "view-realm", "reading a realm role")


def test_unknown_paths_name_no_role() -> None:
    assert needed_role("GET", "/") is None
    assert forbidden_advice("POST", "/acme/something-new") == ""
