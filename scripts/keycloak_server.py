"""Obtain, start and stop a real Keycloak server for development and tests.

The server distribution comes from Maven Central through ``mvn`` (Maven's default repository, so
no host name appears here) into a cache outside the repository. It runs on 127.0.0.1 on free
ports with an in-memory database and a bootstrap admin, and is always stopped with its whole
process group, so no JVM outlives a test run.

    python -m scripts.keycloak_server start      # prints KEYCLOAK_URL=... lines, keeps running
    python -m scripts.keycloak_server fetch      # download/unpack only

Environment: ``KEYCLOAK_VERSION`` (default below), ``PKD_CACHE`` (default ``~/.cache/pulumi-keycloak-dynamic``).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from scripts import locks

DEFAULT_VERSION = "26.7.3"
ADMIN_USER = "admin"
ADMIN_PASSWORD = "admin-password-for-tests"
#: Seconds a start may take. 10-40 s on a quiet 2-core machine; three servers augmenting at once on
#: a machine at load 14 took 290-300 s (a cold `make test` next to other work), so a long limit.
START_TIMEOUT = 900


def cache_dir() -> Path:
    root = Path(os.environ.get("PKD_CACHE", Path.home() / ".cache" / "pulumi-keycloak-dynamic"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def keycloak_version() -> str:
    return os.environ.get("KEYCLOAK_VERSION", DEFAULT_VERSION)


def fetch(version: str | None = None) -> Path:
    """Return the unpacked distribution directory, fetching it through ``mvn`` when missing.

    The directory is never run from (see :func:`server_home`), only copied, so it stays as unpacked.
    Two runs fetching one version at once take turns on a lock; the second finds it unpacked.
    """
    version = version or keycloak_version()
    archive_dir = cache_dir() / "keycloak"
    home = archive_dir / f"keycloak-{version}"
    if (home / "bin" / "kc.sh").exists():
        return home
    with locks.exclusive(archive_dir / f".fetch-{version}.lock", f"fetching Keycloak {version}"):
        if (home / "bin" / "kc.sh").exists():
            return home
        archive = archive_dir / f"keycloak-quarkus-dist-{version}.tar.gz"
        if not archive.exists():
            if shutil.which("mvn") is None:
                raise SystemExit("mvn is not installed: it is needed to fetch the Keycloak distribution")
            print(f"[keycloak] fetching keycloak-quarkus-dist {version} through mvn", flush=True)
            subprocess.run(
                [
                    "mvn", "-q", "-B", "dependency:copy",
                    f"-Dartifact=org.keycloak:keycloak-quarkus-dist:{version}:tar.gz",
                    f"-DoutputDirectory={archive_dir}",
                ],
                check=True,
            )
        print(f"[keycloak] unpacking {archive.name}", flush=True)
        tmp = archive_dir / f".unpack-{version}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="tar") if sys.version_info >= (3, 12) else tar.extractall(tmp)
        (tmp / f"keycloak-{version}").rename(home)
        shutil.rmtree(tmp, ignore_errors=True)
    return home


def _servers_dir() -> Path:
    return cache_dir() / "keycloak" / "servers"


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_server_homes() -> None:
    """Delete the server copies whose Keycloak has ended (a run that was killed left them)."""
    root = _servers_dir()
    if not root.is_dir():
        return
    for home in root.iterdir():
        owner = home / ".process-group"
        try:
            pgid = int(owner.read_text())
        except (OSError, ValueError):
            # no owner yet: being made right now, or left by a run killed while copying
            if time.time() - home.stat().st_mtime < 600:
                continue
            pgid = 0
        if pgid == 0 or not _group_alive(pgid):
            shutil.rmtree(home, ignore_errors=True)


def server_home(version: str) -> Path:
    """A private copy of the distribution for one server.

    ``kc.sh start-dev`` rebuilds (augments) ``lib/quarkus`` and writes ``data/`` at every start, so
    two servers started from one directory overwrite each other's build (a fresh machine's two
    26.7.3 tiers died on ``NoSuchFileException: lib/quarkus/quarkus-application.dat``). Each
    server gets its own copy; the jars under ``lib/lib`` (read only, 95 % of the bytes) are hard
    links, everything else is copied. Removed when the server stops.
    """
    dist = fetch(version)
    remove_stale_server_homes()
    root = _servers_dir()
    root.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix=f"keycloak-{version}-", dir=root))
    jars = dist / "lib" / "lib"

    def link_or_copy(src: str, dst: str) -> object:
        if Path(src).is_relative_to(jars):
            try:
                os.link(src, dst)
                return dst
            except OSError:
                pass  # another file system: copy
        return shutil.copy2(src, dst)

    shutil.copytree(dist, home, symlinks=True, dirs_exist_ok=True, copy_function=link_or_copy)
    return home


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def find_java_home() -> Path:
    """A JDK of version 17 or newer: JAVA_HOME, then ``java`` on PATH, then /usr/lib/jvm/*."""
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(os.path.realpath(on_path)).parent.parent)
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        candidates.extend(sorted(p for p in jvm.iterdir() if p.is_dir()))
    for home in candidates:
        java = home / "bin" / "java"
        major = _java_major(str(java)) if java.exists() else None
        if major is not None and major >= 17:
            return home
    raise SystemExit("no Java 17 or newer found: install OpenJDK 17, 21 or 25 (apt-get install openjdk-17-jdk)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_group(proc: subprocess.Popen[bytes] | None, grace: float) -> None:
    """End a server started with ``start_new_session=True``: SIGTERM to its whole process group,
    SIGKILL after ``grace`` seconds; nothing when it has ended already."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


@dataclass
class KeycloakServer:
    """A Keycloak process started by us; ``stop()`` ends its whole process group."""

    version: str
    url: str
    management_url: str
    username: str = ADMIN_USER
    password: str = ADMIN_PASSWORD
    java_home: str = ""
    startup_seconds: float = 0.0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    log_path: Path | None = None
    #: The server's own copy of the distribution (see :func:`server_home`), removed when it stops.
    home: Path | None = None

    def rss_mb(self) -> float | None:
        """Resident memory of the JVM (the largest process in the group), in MiB."""
        if self.process is None:
            return None
        try:
            out = subprocess.run(
                ["ps", "-o", "rss=", "-g", str(self.process.pid)], capture_output=True, text=True
            ).stdout
            values = [int(v) for v in out.split()]
            return max(values) / 1024 if values else None
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        proc, self.process = self.process, None
        try:
            stop_group(proc, grace=30)
        finally:
            self._remove_home()

    def kill(self) -> None:
        """Stop abruptly (used by tests that need Keycloak to vanish mid-sequence)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None
        self._remove_home()

    def _remove_home(self) -> None:
        if self.home is not None:
            shutil.rmtree(self.home, ignore_errors=True)
            self.home = None


def _wait_ready(server: KeycloakServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            tail = server.log_path.read_text(errors="replace")[-3000:] if server.log_path else ""
            server.stop()
            raise RuntimeError(f"Keycloak exited during start-up (code {server.process.returncode}):\n{tail}")
        try:
            with urllib.request.urlopen(server.management_url + "/health/ready", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"Keycloak {server.version} was not ready after {timeout:.0f}s")


def start(
    version: str | None = None,
    timeout: float | None = None,
    log_dir: Path | None = None,
    data_dir: Path | None = None,
    http_port: int | None = None,
    detach: bool = False,
) -> KeycloakServer:
    """Start Keycloak on free loopback ports and wait until it is ready.

    The database is in memory (clean at every start) unless ``data_dir`` is given: then an H2
    file database there keeps realms between starts (used by the demo). ``http_port`` fixes the
    port; ``detach`` leaves the server running when this process exits (``make keycloak``).
    """
    version = version or keycloak_version()
    timeout = timeout or float(os.environ.get("KEYCLOAK_START_TIMEOUT", START_TIMEOUT))
    java_home = find_java_home()
    home = server_home(version)
    http_port, mgmt_port = http_port or free_port(), free_port()
    env = dict(os.environ)
    env.update(
        JAVA_HOME=str(java_home),
        KC_BOOTSTRAP_ADMIN_USERNAME=ADMIN_USER,
        KC_BOOTSTRAP_ADMIN_PASSWORD=ADMIN_PASSWORD,
        KEYCLOAK_ADMIN=ADMIN_USER,  # for releases before 26.0
        KEYCLOAK_ADMIN_PASSWORD=ADMIN_PASSWORD,
    )
    log_dir = log_dir or cache_dir() / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"keycloak-{version}-{http_port}.log"
    cmd = [
        str(home / "bin" / "kc.sh"), "start-dev",
        "--http-host=127.0.0.1", f"--http-port={http_port}", f"--http-management-port={mgmt_port}",
        "--health-enabled=true", "--cache=local",
    ]
    if data_dir is None:
        # H2 drops an in-memory database when its last connection closes, which the pool does
        # after ~10 idle minutes (26.0.8: "Table REALM not found" and 500s from then on).
        cmd += ["--db=dev-mem", "--db-url=jdbc:h2:mem:keycloakdb;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1"]
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        cmd += ["--db=dev-file", f"--db-url=jdbc:h2:file:{data_dir / 'keycloakdb'};NON_KEYWORDS=VALUE"]
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    (home / ".process-group").write_text(str(proc.pid))
    server = KeycloakServer(
        version=version,
        url=f"http://127.0.0.1:{http_port}",
        management_url=f"http://127.0.0.1:{mgmt_port}",
        java_home=str(java_home),
        process=proc,
        log_path=log_path,
        home=home,
    )
    if not detach:
        atexit.register(server.stop)
    _wait_ready(server, timeout)
    server.startup_seconds = time.monotonic() - started
    return server


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "start"
    if command == "fetch":
        print(fetch())
        return 0
    if command == "start":
        server = start()
        print(f"KEYCLOAK_URL={server.url}")
        print(f"KEYCLOAK_USER={server.username}")
        print(f"KEYCLOAK_PASSWORD={server.password}")
        print(f"# Keycloak {server.version} ready in {server.startup_seconds:.1f}s; Ctrl-C stops it", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while server.process is not None and server.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
