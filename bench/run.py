"""The performance record: this project against the engine's floor (and Ansible), interleaved.

Scenario (bench/scenario.py): a fresh realm, N confidential clients (2 redirect URIs, 1 attribute,
1 protocol mapper) and N realm roles, through the real pulumi CLI (``pulumi up``/``preview``/
``destroy`` on a project directory, so the CLI, the program and the provider host are separate
processes). "floor": the same number of dynamic resources with the same inputs and a provider that
does nothing. Runs alternate between the tools (ours, floor, [ansible], then the next repetition
in reverse order), so load on the machine hits them alike; medians and ratios come from one run.
A counting proxy in front of Keycloak records every Admin API request and login of the provider.

    python -m bench.run                         # 101 and 401 objects, 3 repetitions
    python -m bench.run --objects 101,401,2001:1 --reps 3 --peers
    python -m bench.run --objects 7 --reps 1    # smoke run

Uses KEYCLOAK_URL/KEYCLOAK_USER/KEYCLOAK_PASSWORD when set, else starts a local Keycloak.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import peers, processes
from pulumi_keycloak_dynamic.api import ConnectionSettings, KeycloakAdmin, serverinfo
from scripts import keycloak_server, pulumi_toolchain
from tests.support.fault_proxy import FaultProxy

REPO = Path(__file__).resolve().parents[1]
STEPS = ("first apply", "no-change apply", "preview", "destroy")
TOKEN_PATH = "/protocol/openid-connect/token"

PROGRAM = '''import pulumi
from bench.scenario import declare

config = pulumi.Config("bench")
declare(config.require("mode"), config.require("realm"), config.require_int("size"))
'''


@dataclass
class Target:
    url: str
    username: str
    password: str
    version: str


@dataclass
class Sample:
    """One step of one tool at one size: seconds, Admin API requests, token requests (password or
    client-credentials logins, and refreshes of an expiring token), peak RSS and CPU per process."""

    seconds: float
    requests: int = 0
    logins: int = 0
    refreshes: int = 0
    peak_mb: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)


Results = dict[tuple[int, str, str], list[Sample]]  # (objects, tool, step) -> samples


class PulumiProject:
    """A throwaway project directory running the bench program with one stack, by the real CLI."""

    def __init__(self, env: dict[str, str], mode: str, size: int, kc: Target, proxy_url: str) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix=f"pkd-bench-{mode}-"))
        self.env = env
        self.keycloak_url = kc.url
        (self.dir / "Pulumi.yaml").write_text(
            "name: pkd-bench\nruntime:\n  name: python\n  options:\n    toolchain: pip\n"
            f"    virtualenv: {Path(sys.prefix)}\n"
        )
        (self.dir / "__main__.py").write_text(PROGRAM)
        self.realm = f"bench-{uuid.uuid4().hex[:8]}"
        self.cli("stack", "init", "bench")
        for key, value in {"bench:mode": mode, "bench:size": str(size), "bench:realm": self.realm,
                           "keycloak:url": proxy_url, "keycloak:username": kc.username}.items():
            self.cli("config", "set", key, value)
        self.cli("config", "set", "--secret", "keycloak:password", kc.password)

    def cli(self, *args: str) -> processes.Run:
        result = processes.run(["pulumi", *args, "--non-interactive"], env=self.env, cwd=self.dir,
                               keycloak_url=self.keycloak_url)
        if result.returncode != 0:
            raise RuntimeError(f"pulumi {' '.join(args[:2])} failed:\n{result.output[-3000:]}")
        return result

    def step(self, name: str) -> processes.Run:
        command = {
            "first apply": ("up", "--yes", "--skip-preview"),
            "no-change apply": ("up", "--yes", "--skip-preview"),
            "preview": ("preview",),
            "destroy": ("destroy", "--yes", "--skip-preview"),
        }[name]
        return self.cli(*command)


def measure_pulumi(
    tool: str, size: int, kc: Target, proxy: FaultProxy, env: dict[str, str], steps: tuple[str, ...] = STEPS
) -> dict[str, Sample]:
    project = PulumiProject(env, tool, size, kc, proxy.url)
    out: dict[str, Sample] = {}
    for step in steps:
        proxy.seen.clear()
        proxy.bodies.clear()
        run = project.step(step)
        out[step] = sample_of(run, proxy)
    if "destroy" not in steps:  # the realm goes in one DELETE; the stack is forgotten
        if tool == "ours":
            _admin(kc).delete(f"/{project.realm}")
        project.cli("stack", "rm", "--yes", "--force")
    else:
        project.cli("stack", "rm", "--yes")
    return out


def sample_of(run: processes.Run, proxy: FaultProxy) -> Sample:
    """A step's sample: its requests as the proxy saw them, token requests told apart by grant."""
    tokens = [body for _, path, body in proxy.bodies if path.endswith(TOKEN_PATH)]
    refreshes = sum(1 for body in tokens if b"grant_type=refresh_token" in body)
    logins = len(tokens) - refreshes
    return Sample(run.seconds, len(proxy.seen) - len(tokens), logins, refreshes, run.peak_mb, run.cpu_s)


def _admin(kc: Target) -> KeycloakAdmin:
    return KeycloakAdmin.from_settings(ConnectionSettings(url=kc.url, username=kc.username, password=kc.password))


def target() -> tuple[Target, Callable[[], None]]:
    if os.environ.get("KEYCLOAK_URL"):
        kc = Target(os.environ["KEYCLOAK_URL"], os.environ.get("KEYCLOAK_USER", "admin"),
                    os.environ.get("KEYCLOAK_PASSWORD", ""), "")
        return kc, lambda: None
    server = keycloak_server.start()
    return Target(server.url, server.username, server.password, server.version), server.stop


def keycloak_version(kc: Target) -> str:
    return serverinfo.server_version_text(_admin(kc))


def run_all(
    objects: list[tuple[int, int]],
    tools: list[str],
    progress: Callable[[Results, dict[str, str]], None],
    kc: Target | None = None,
    steps: tuple[str, ...] = STEPS,
) -> tuple[Results, dict[str, str]]:
    """Every (size, repetition, tool) run; ``progress`` sees the results after each size."""
    kc, stop = (kc, lambda: None) if kc is not None else target()
    results: Results = {}
    try:
        env = pulumi_toolchain.offline_env(Path(tempfile.mkdtemp(prefix="pkd-bench-state-")))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
        facts = {"keycloak": kc.version or keycloak_version(kc), "pulumi": pulumi_toolchain.cli_version(env),
                 "machine": processes.environment_line()}
        with FaultProxy(kc.url) as proxy:
            for count, reps in objects:
                size = (count - 1) // 2
                for rep in range(reps):
                    order = tools if rep % 2 == 0 else list(reversed(tools))
                    for tool in order:
                        print(f"[bench] {count} objects, {tool}, repetition {rep + 1}/{reps}", flush=True)
                        if tool == "ansible":
                            facts["ansible"] = peers.ansible_version()
                            samples = peers.measure_ansible(size, kc, proxy)
                        else:
                            samples = measure_pulumi(tool, size, kc, proxy, env, steps)
                        for step, sample in samples.items():
                            results.setdefault((2 * size + 1, tool, step), []).append(sample)
                progress(results, facts)
    finally:
        stop()
    return results, facts


def median(samples: list[Sample], get: Callable[[Sample], float]) -> float:
    return statistics.median(get(s) for s in samples)


def report(results: Results, facts: dict[str, str]) -> str:
    today = datetime.date.today().isoformat()
    lines = [f"Measured {today}: Keycloak {facts['keycloak']}, {facts['pulumi']}, "
             + (f"Ansible {facts['ansible']}, " if "ansible" in facts else "")
             + f"{facts['machine']}; medians of interleaved repetitions (n = runs per tool).", ""]
    lines += ["| objects (n) | tool | " + " | ".join(STEPS) + " | requests first / no-change "
              "| logins (token refreshes) first | peak RSS MB (CLI / program / provider) |",
              "|---" * (len(STEPS) + 5) + "|"]
    sizes = sorted({k[0] for k in results})
    tools = [t for t in ("ours", "floor", "ansible") if any(k[1] == t for k in results)]
    for count in sizes:
        for tool in tools:
            row = {step: results.get((count, tool, step), []) for step in STEPS}
            if not row["first apply"]:
                continue
            times = [f"{median(row[s], lambda x: x.seconds):.1f} s" if row[s] else "—" for s in STEPS]
            first, again = row["first apply"], row["no-change apply"]
            requests = f"{median(first, lambda x: x.requests):.0f} / {median(again, lambda x: x.requests):.0f}"
            peaks = [max((s.peak_mb.get(role, 0.0) for st in STEPS for s in row[st]), default=0.0)
                     for role in ("cli", "program", "provider")]
            rss = " / ".join(f"{p:.0f}" if p else "—" for p in peaks)
            logins = f"{median(first, lambda x: x.logins):.0f} ({median(first, lambda x: x.refreshes):.0f})"
            label = {"ours": "this project", "floor": "floor", "ansible": "Ansible"}[tool]
            cells = [f"{count} ({len(first)})", label, *times, requests, logins, rss]
            lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "| objects | " + " | ".join(f"{s} ÷ floor" for s in STEPS) + " | first apply ÷ Ansible |",
              "|---" * (len(STEPS) + 2) + "|"]
    for count in sizes:
        ratios = []
        for step in STEPS:
            ours, floor = results.get((count, "ours", step)), results.get((count, "floor", step))
            ratios.append(f"{_ratio(ours, floor):.2f}×" if ours and floor else "—")
        ours, peer = results.get((count, "ours", "first apply")), results.get((count, "ansible", "first apply"))
        ratios.append(f"{_ratio(ours, peer):.3f}×" if ours and peer else "—")
        lines.append(f"| {count} | " + " | ".join(ratios) + " |")
    lines += ["", "CPU seconds per process, medians (CLI: `pulumi` or `ansible-playbook`; other: the language "
              "host, or Ansible's module processes; Keycloak: the server's JVM; the machine's cores are shared by "
              "all of them):", "",
              "| objects | tool | step | CLI | program | provider host | other | Keycloak | wall |",
              "|---" * 9 + "|"]
    for count in sizes:
        for tool in tools:
            for step in STEPS:
                samples = results.get((count, tool, step), [])
                if not samples or not samples[0].cpu_s:
                    continue
                cells = [f"{median(samples, lambda x, r=role: x.cpu_s.get(r, 0.0)):.1f}"  # type: ignore[misc]
                         for role in ("cli", "program", "provider", "other", "keycloak")]
                label = {"ours": "this project", "floor": "floor", "ansible": "Ansible"}[tool]
                lines.append(f"| {count} | {label} | {step} | " + " | ".join(cells)
                             + f" | {median(samples, lambda x: x.seconds):.1f} |")
    if len(sizes) > 1:
        small, large = sizes[-2], sizes[-1]
        for tool in tools:
            a, b = results.get((large, tool, "no-change apply")), results.get((small, tool, "no-change apply"))
            if a and b:
                lines.append(f"\nno-change apply, {tool}: {large} objects ÷ {small} objects = {_ratio(a, b):.2f}× "
                             f"(objects ×{(large / small):.2f})")
    return "\n".join(lines)


def _ratio(a: list[Sample], b: list[Sample]) -> float:
    return median(a, lambda x: x.seconds) / median(b, lambda x: x.seconds)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--objects", default="101,401", help="comma-separated object counts (2N+1), "
                        "each optionally with its own repetitions: 101:3,2001:1")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of sizes given without their own")
    parser.add_argument("--peers", action="store_true", help="also Ansible's keycloak modules (own virtualenv)")
    parser.add_argument("--out", type=Path, help="also write the tables to this file")
    parser.add_argument("--skip-destroy", action="store_true",
                        help="no `pulumi destroy` (the realm is deleted in one request instead): saves time at 2,001")
    args = parser.parse_args(argv)
    tools = ["ours", "floor"] + (["ansible"] if args.peers else [])
    sizes = [(int(x.split(":")[0]), int(x.split(":")[1]) if ":" in x else args.reps) for x in args.objects.split(",")]

    def show(results: Results, facts: dict[str, str]) -> None:
        text = report(results, facts)
        print("\n" + text + "\n", flush=True)
        if args.out:
            args.out.write_text(text + "\n")

    steps = tuple(s for s in STEPS if not (args.skip_destroy and s == "destroy"))
    run_all(sizes, tools, show, steps=steps)
    return 0




if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
