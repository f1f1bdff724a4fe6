"""Ansible's keycloak modules doing the bench scenario, in a virtualenv of their own.

The virtualenv (``pip install ansible``, never a dependency of this project) is made on first use
under the project's cache directory. One playbook per step: a realm (``keycloak_realm``), N clients
(``keycloak_client``) and N realm roles (``keycloak_role``); run again for the no-change apply;
``state: absent`` for the destroy. Each task logs in by itself (that is how these modules work).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import processes
from bench.scenario import client_inputs, role_inputs
from scripts.keycloak_server import cache_dir

if TYPE_CHECKING:
    from bench.run import Sample, Target
    from tests.support.fault_proxy import FaultProxy

VENV = cache_dir() / "bench-ansible"


def ensure_ansible() -> Path:
    """The ansible-playbook of the bench's own virtualenv (created with ``pip install ansible``)."""
    playbook = VENV / "bin" / "ansible-playbook"
    if not playbook.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "ansible"], check=True)
    return playbook


def ansible_version() -> str:
    ensure_ansible()
    out = subprocess.run([str(VENV / "bin" / "pip"), "show", "ansible"], capture_output=True, text=True).stdout
    return next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Version:")), "?")


def _auth(kc: Target, url: str) -> dict[str, Any]:
    return {"auth_keycloak_url": url, "auth_realm": "master", "auth_client_id": "admin-cli",
            "auth_username": kc.username, "auth_password": kc.password, "validate_certs": False}


def playbook(size: int, realm: str, kc: Target, url: str, state: str) -> list[dict[str, Any]]:
    auth = _auth(kc, url)
    clients = []
    for i in range(size):
        item = client_inputs(realm, i)
        clients.append({
            "realm": realm, "client_id": item["client_id"], "public_client": False,
            "redirect_uris": item["redirect_uris"], "attributes": item["attributes"],
            "protocol_mappers": [{"name": m["name"], "protocol": m["protocol"], "protocolMapper": m["protocol_mapper"],
                                  "config": m["config"]} for m in item["protocol_mappers"]],
        })
    roles = [role_inputs(realm, i) for i in range(size)]
    realm_task = {"name": "realm", "community.general.keycloak_realm": {**auth, "id": realm, "realm": realm,
                                                                         "enabled": True, "state": state}}
    tasks = [
        {"name": "clients", "community.general.keycloak_client": {**auth, "state": state}, "loop": clients,
         "loop_control": {"label": "{{ item.client_id }}"}},
        {"name": "roles", "community.general.keycloak_role": {**auth, "state": state}, "loop": roles,
         "loop_control": {"label": "{{ item.name }}"}},
    ]
    for task in tasks:  # the loop item's keys become module arguments
        module = next(k for k in task if k.startswith("community."))
        keys = clients[0] if "client" in module else roles[0] if roles else {}
        task[module].update({k: "{{ item." + k + " }}" for k in keys})
    steps = [realm_task, *tasks] if state == "present" else [*tasks, realm_task]
    return [{"hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": steps}]


def measure_ansible(size: int, kc: Target, proxy: FaultProxy) -> dict[str, Sample]:
    from bench.run import sample_of

    command = ensure_ansible()
    work = Path(tempfile.mkdtemp(prefix="pkd-bench-ansible-"))
    realm = f"bench-a-{work.name[-6:].lower()}"
    env = {"PATH": f"{VENV / 'bin'}:/usr/bin:/bin", "ANSIBLE_PYTHON_INTERPRETER": str(VENV / "bin" / "python"),
           "ANSIBLE_LOCALHOST_WARNING": "false", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
           "HOME": str(work)}
    out: dict[str, Sample] = {}
    for step, state in (("first apply", "present"), ("no-change apply", "present"), ("destroy", "absent")):
        book = work / f"{state}.json"  # JSON is YAML
        book.write_text(json.dumps(playbook(size, realm, kc, proxy.url, state)))
        proxy.seen.clear()
        proxy.bodies.clear()
        run = processes.run([str(command), str(book)], env=env, cwd=work, keycloak_url=kc.url)
        if run.returncode != 0:
            raise RuntimeError(f"ansible-playbook ({step}) failed:\n{run.output[-3000:]}")
        out[step] = sample_of(run, proxy)
    return out
