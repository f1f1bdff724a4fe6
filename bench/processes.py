"""Peak resident memory and CPU time of the processes a pulumi CLI run starts: the CLI, the
program, the dynamic-provider host (and, for peers, any process tree), sampled from /proc while it
runs; and the CPU time the Keycloak server spent meanwhile (where a run's wall time goes on a
machine of few cores)."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _descendants(root: int) -> list[int]:
    tree, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def keycloak_pid(url: str) -> int | None:
    """The JVM of the local Keycloak server at ``url``, if it runs on this machine (its CPU is part
    of a run's cost)."""
    port = f"--http-port={url.rstrip('/').rsplit(':', 1)[-1]}".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"java" in cmdline and b"keycloak" in cmdline and port in cmdline.split(b"\0"):
                return int(entry.name)
    return None


def role_of(pid: int, root: int) -> str:
    """'cli', 'program', 'provider' or 'other', from the process's command line."""
    if pid == root:
        return "cli"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "other"
    if "pulumi.dynamic" in cmdline:
        return "provider"
    if "pulumi-language-python-exec" in cmdline:
        return "program"
    return "other"


@dataclass
class Run:
    """One command's wall time, exit status, output, peak RSS (MB) and CPU seconds per process role
    (``keycloak``: the server's CPU time during the run)."""

    seconds: float
    returncode: int
    output: str
    peak_mb: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)


def run(command: Sequence[str], *, env: Mapping[str, str], cwd: Path, interval: float = 0.1,
        keycloak_url: str = "") -> Run:
    """Run ``command`` and sample the peak RSS and CPU time of it and its descendants until it exits
    (and the CPU time of the Keycloak server at ``keycloak_url`` when it runs here)."""
    started = time.monotonic()
    process = subprocess.Popen(list(command), env=dict(env), cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peaks: dict[int, tuple[str, int]] = {}
    cpu: dict[int, tuple[str, float]] = {}
    server = keycloak_pid(keycloak_url) if keycloak_url else None
    server_before = _cpu_seconds(server) if server else 0.0
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in _descendants(process.pid):
                kb = _peak_kb(pid)
                role = peaks[pid][0] if pid in peaks else role_of(pid, process.pid)
                if kb and kb >= peaks.get(pid, (role, 0))[1]:
                    peaks[pid] = (role, kb)
                seconds = _cpu_seconds(pid)
                if seconds >= cpu.get(pid, (role, 0.0))[1]:
                    cpu[pid] = (role, seconds)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    by_role: dict[str, float] = {}
    for role, kb in peaks.values():
        by_role[role] = max(by_role.get(role, 0.0), kb / 1024)
    cpu_by_role: dict[str, float] = {}
    for role, used in cpu.values():
        cpu_by_role[role] = cpu_by_role.get(role, 0.0) + used
    if server:
        cpu_by_role["keycloak"] = _cpu_seconds(server) - server_before
    return Run(seconds, process.returncode, output, by_role, cpu_by_role)


def environment_line() -> str:
    """Machine description for the results table: CPU model, cores, memory."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    return f"{cpu}, {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.0f} GB RAM"
