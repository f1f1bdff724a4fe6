"""Start and stop a real OpenLDAP directory (Debian's ``slapd``) for tests of user federation.

Each server is a throw-away: its own ``cn=config`` and MDB database in a temporary directory, on a
free loopback port, stopped with its whole process group and its directory removed, so nothing is
left running or on disk. It is seeded with an organisation (``ou=people``, ``ou=groups``) and can
be given users and groups (:meth:`LdapServer.add_user`, :meth:`LdapServer.add_group`); the
``ldap-utils`` commands read and write it as Keycloak's counterpart would see it.

    python -m scripts.ldap_server start       # prints LDAP_URL=..., LDAP_BIND_DN=..., keeps running

``slapd`` and ``ldap-utils`` come from Debian's packages; :func:`ensure_installed` installs them
through apt-get where missing (``scripts/bootstrap.sh`` calls it, as it does for Java and Maven).
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.keycloak_server import stop_group

BASE_DN = "dc=example,dc=org"
ADMIN_DN = f"cn=admin,{BASE_DN}"
ADMIN_PASSWORD = "ldap-admin-password-for-tests"
PEOPLE_DN = f"ou=people,{BASE_DN}"
GROUPS_DN = f"ou=groups,{BASE_DN}"
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")


def ensure_installed() -> None:
    """Install Debian's slapd and ldap-utils when ``slapd`` or ``ldapadd`` is missing."""
    if (shutil.which("slapd") or Path("/usr/sbin/slapd").exists()) and shutil.which("ldapadd"):
        return
    print("[ldap] installing slapd and ldap-utils (apt-get)", file=sys.stderr, flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=600", "slapd", "ldap-utils"],
                   check=True, env=env, stdout=subprocess.DEVNULL)


def _slapd() -> str:
    return shutil.which("slapd") or "/usr/sbin/slapd"


def _config_ldif(work: Path) -> str:
    includes = "".join(f"include: file:///etc/ldap/schema/{name}.ldif\n\n" for name in SCHEMAS)
    return f"""dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: {work}/slapd.pid

dn: cn=module{{0}},cn=config
objectClass: olcModuleList
cn: module{{0}}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

{includes}dn: olcDatabase={{-1}}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {{-1}}frontend

dn: olcDatabase={{0}}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {{0}}config
olcAccess: {{0}}to * by * none

dn: olcDatabase={{1}}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {{1}}mdb
olcSuffix: {BASE_DN}
olcDbDirectory: {work}/data
olcDbMaxSize: 268435456
olcRootDN: {ADMIN_DN}
olcRootPW: {ADMIN_PASSWORD}
olcDbIndex: objectClass eq
olcDbIndex: uid,cn,member eq
olcAccess: {{0}}to attrs=userPassword by self write by anonymous auth by * none
olcAccess: {{1}}to * by * read
"""


SEED_LDIF = f"""dn: {BASE_DN}
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: {PEOPLE_DN}
objectClass: organizationalUnit
ou: people

dn: {GROUPS_DN}
objectClass: organizationalUnit
ou: groups
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LdapServer:
    """A running slapd of ours; ``stop()`` ends its process group and removes its directory."""

    url: str
    work: Path
    bind_dn: str = ADMIN_DN
    bind_password: str = ADMIN_PASSWORD
    base_dn: str = BASE_DN
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def users_dn(self) -> str:
        return PEOPLE_DN

    @property
    def groups_dn(self) -> str:
        return GROUPS_DN

    def ldif(self, tool: str, text: str) -> str:
        """Run ``ldapadd`` / ``ldapmodify`` / ``ldapdelete`` with ``text`` on stdin as the admin."""
        done = subprocess.run([tool, "-x", "-H", self.url, "-D", self.bind_dn, "-w", self.bind_password],
                              input=text, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()}\n{text}")
        return done.stdout

    def search(self, base: str, filter_: str = "(objectClass=*)", *attrs: str) -> str:
        """``ldapsearch`` as the admin: the LDIF text of what it finds."""
        done = subprocess.run(["ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", self.url, "-D", self.bind_dn,
                               "-w", self.bind_password, "-b", base, filter_, *attrs],
                              capture_output=True, text=True, timeout=60)
        if done.returncode not in (0, 32):  # 32: no such object
            raise RuntimeError(f"ldapsearch failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def add_user(self, uid: str, password: str, given: str = "", surname: str = "", mail: str = "") -> str:
        dn = f"uid={uid},{PEOPLE_DN}"
        lines = [f"dn: {dn}", "objectClass: inetOrgPerson", f"uid: {uid}", f"cn: {given or uid} {surname or uid}",
                 f"sn: {surname or uid}", f"userPassword: {password}"]
        lines += [f"givenName: {given}"] if given else []
        lines += [f"mail: {mail}"] if mail else []
        self.ldif("ldapadd", "\n".join(lines) + "\n")
        return dn

    def add_group(self, name: str, members: list[str]) -> str:
        """A ``groupOfNames`` under ``ou=groups`` with these member DNs (at least one, as the schema asks)."""
        dn = f"cn={name},{GROUPS_DN}"
        lines = [f"dn: {dn}", "objectClass: groupOfNames", f"cn: {name}"]
        lines += [f"member: {m}" for m in members or [ADMIN_DN]]
        self.ldif("ldapadd", "\n".join(lines) + "\n")
        return dn

    def stop(self) -> None:
        proc, self.process = self.process, None
        stop_group(proc, grace=20)
        shutil.rmtree(self.work, ignore_errors=True)


def start(timeout: float = 30.0) -> LdapServer:
    """A new, seeded slapd on a free loopback port, ready to answer binds."""
    ensure_installed()
    work = Path(tempfile.mkdtemp(prefix="pkd-slapd-"))
    (work / "data").mkdir()
    (work / "slapd.d").mkdir()
    (work / "config.ldif").write_text(_config_ldif(work))
    subprocess.run(["slapadd", "-n0", "-F", str(work / "slapd.d"), "-l", str(work / "config.ldif")],
                   check=True, capture_output=True)
    url = f"ldap://127.0.0.1:{_free_port()}"
    log = open(work / "slapd.log", "wb")  # noqa: SIM115 - the server writes to it while it runs
    proc = subprocess.Popen([_slapd(), "-d", "0", "-h", f"{url}/", "-F", str(work / "slapd.d")],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    server = LdapServer(url=url, work=work, process=proc)
    atexit.register(server.stop)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            tail = (work / "slapd.log").read_text(errors="replace")[-2000:]
            server.stop()
            raise RuntimeError(f"slapd exited during start-up (code {proc.returncode}):\n{tail}")
        answered = subprocess.run(["ldapsearch", "-x", "-H", url, "-b", "", "-s", "base", "namingContexts"],
                                  capture_output=True, timeout=10)
        if answered.returncode == 0:
            server.ldif("ldapadd", SEED_LDIF)
            return server
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"slapd did not answer on {url} within {timeout:.0f}s")
        time.sleep(0.2)


def main(argv: list[str]) -> int:
    if (argv[0] if argv else "start") != "start":
        print(__doc__)
        return 2
    server = start()
    print(f"LDAP_URL={server.url}\nLDAP_BIND_DN={server.bind_dn}\nLDAP_BIND_PASSWORD={server.bind_password}\n"
          f"LDAP_USERS_DN={server.users_dn}\n# slapd ready; Ctrl-C stops it", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while server.process is not None and server.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
