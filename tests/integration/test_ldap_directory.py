"""The throw-away OpenLDAP directory of the tests (``scripts/ldap_server.py``) as Keycloak sees it:
Keycloak's own connection and bind test answers 204 with the directory's admin password and 400
with a wrong one, and a user added to the directory can bind with its password."""

from __future__ import annotations

import subprocess
import uuid

import pytest

from pulumi_keycloak_dynamic.api import KeycloakAdmin, KeycloakError
from scripts.ldap_server import LdapServer


def ldap_test(admin: KeycloakAdmin, realm: str, ldap: LdapServer, action: str, password: str) -> None:
    admin.session.request("POST", f"/{realm}/testLDAPConnection", json={
        "action": action, "connectionUrl": ldap.url, "bindDn": ldap.bind_dn, "bindCredential": password,
        "useTruststoreSpi": "never", "connectionTimeout": "5000", "authType": "simple", "startTls": "false",
    })


def test_keycloak_binds_to_the_test_directory(admin: KeycloakAdmin, realm: str, ldap: LdapServer) -> None:
    ldap_test(admin, realm, ldap, "testConnection", ldap.bind_password)
    ldap_test(admin, realm, ldap, "testAuthentication", ldap.bind_password)
    with pytest.raises(KeycloakError):
        ldap_test(admin, realm, ldap, "testAuthentication", "not-the-password")


def test_a_user_added_to_the_directory_binds_with_its_password(ldap: LdapServer) -> None:
    uid = f"u{uuid.uuid4().hex[:8]}"
    dn = ldap.add_user(uid, "its-own-password", given="Test", surname="User", mail=f"{uid}@example.org")
    assert f"mail: {uid}@example.org" in ldap.search(ldap.users_dn, f"(uid={uid})", "mail")
    ok = subprocess.run(["ldapwhoami", "-x", "-H", ldap.url, "-D", dn, "-w", "its-own-password"], capture_output=True)
    bad = subprocess.run(["ldapwhoami", "-x", "-H", ldap.url, "-D", dn, "-w", "wrong"], capture_output=True)
    assert (ok.returncode, bad.returncode) == (0, 49)  # 49: invalid credentials
