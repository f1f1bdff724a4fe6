"""A Keycloak of your own for trying things: started in the background, kept until you stop it.

    make keycloak     # python -m scripts.local_keycloak start: start (or find) it, print URL and login
    make stop         # python -m scripts.local_keycloak stop

It listens on 127.0.0.1, port 8080 when free at the first start (``KEYCLOAK_PORT`` chooses
another), the same port every time after; its realms are kept in ``.state/keycloak/data`` of this
checkout (an H2 file database), so they survive a stop and start. ``make demo`` uses it too.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from scripts import keycloak_server

ROOT = Path(__file__).resolve().parents[1]
STATE = ROOT / ".state" / "keycloak"
INFO = STATE / "server.json"
#: ``source`` it for KEYCLOAK_URL / KEYCLOAK_USER / KEYCLOAK_PASSWORD of the running server.
ENV_FILE = ROOT / ".state" / "keycloak.env"


@dataclass(frozen=True)
class LocalKeycloak:
    """Where the background Keycloak is and how to log in to it."""

    url: str
    username: str
    password: str
    version: str
    pid: int

    @property
    def console_url(self) -> str:
        return f"{self.url}/admin/master/console/"

    def env(self) -> dict[str, str]:
        return {"KEYCLOAK_URL": self.url, "KEYCLOAK_USER": self.username, "KEYCLOAK_PASSWORD": self.password}

    def describe(self) -> str:
        return (
            f"Keycloak {self.version} at {self.url} (realms kept in {STATE / 'data'})\n"
            f"  admin console: {self.console_url}\n"
            f"  login:         {self.username} / {self.password}\n"
            f"  environment:   source {ENV_FILE}   (KEYCLOAK_URL, KEYCLOAK_USER, KEYCLOAK_PASSWORD)\n"
            f"  stop it with:  make stop"
        )


def _alive(pid: int) -> bool:
    try:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return False  # our own child (the demo started it), now reaped
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/realms/master", timeout=3) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


def running() -> LocalKeycloak | None:
    """The background Keycloak if it runs and answers, else None."""
    try:
        server = LocalKeycloak(**json.loads(INFO.read_text()))
    except (OSError, ValueError, TypeError):
        return None
    return server if _alive(server.pid) and _answers(server.url) else None


def _port() -> int:
    saved = STATE / "port"
    if saved.exists():
        return int(saved.read_text())
    wanted = int(os.environ.get("KEYCLOAK_PORT", "8080"))
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", wanted))
            port = wanted
        except OSError:
            port = keycloak_server.free_port()
    saved.write_text(str(port))
    return port


def start() -> tuple[LocalKeycloak, bool]:
    """Start the background Keycloak unless it runs; True when this call started it."""
    found = running()
    if found is not None:
        return found, False
    STATE.mkdir(parents=True, exist_ok=True)
    print("[keycloak] starting a local Keycloak in the background", flush=True)
    server = keycloak_server.start(data_dir=STATE / "data", http_port=_port(), detach=True, log_dir=STATE)
    assert server.process is not None
    info = LocalKeycloak(server.url, server.username, server.password, server.version, server.process.pid)
    INFO.write_text(json.dumps(info.__dict__))
    ENV_FILE.write_text("".join(f"export {k}={v}\n" for k, v in info.env().items()))
    print(f"[keycloak] ready in {server.startup_seconds:.1f}s (log: {server.log_path})", flush=True)
    return info, True


def stop() -> bool:
    """Stop the background Keycloak (its whole process group); False when none was running."""
    try:
        pid = int(json.loads(INFO.read_text())["pid"])
    except (OSError, ValueError, KeyError):
        return False
    INFO.unlink(missing_ok=True)
    ENV_FILE.unlink(missing_ok=True)
    if not _alive(pid):
        return False
    try:
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.3)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    keycloak_server.remove_stale_server_homes()
    return True


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "start"
    if command == "start":
        server, _ = start()
        print(server.describe())
        return 0
    if command == "stop":
        print("[keycloak] stopped" if stop() else "[keycloak] was not running")
        return 0
    if command == "status":
        server = running()
        print(server.describe() if server else "[keycloak] not running (make keycloak starts it)")
        return 0 if server else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
