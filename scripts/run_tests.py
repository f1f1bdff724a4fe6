"""The README's test command: lint and unit tests, then the server tiers in parallel, each with a
Keycloak of its own:

* integration + e2e on the default Keycloak (26.7.3),
* integration + e2e on a 26.0.x release,
* the fault and scale tiers (``tests/faults``: 503/429 storms, lost answers, a killed proxy or
  CLI; ``tests/heavy``: 5,001 resources previewed, 2,000 roles deployed) on the default Keycloak.

Each tier's output goes to a log under ``.test-logs/`` and is printed whole when the tier ends, so
parallel tiers do not interleave. The last line totals every tier (``N passed, N failed``).

    python -m scripts.run_tests                # what `make test` runs
    python -m scripts.run_tests --serial       # one tier after the other
    python -m scripts.run_tests --no-heavy     # leave out tests/heavy (thousands of resources, minutes)
    KEYCLOAK_VERSION=26.0.8 python -m scripts.run_tests --only-default   # one version only

``KEYCLOAK_URL`` points every tier at one running server instead (then the second-version tier is
not run, and the summary says so).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from scripts import keycloak_server, lint, pulumi_toolchain

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / ".test-logs"
SECOND_VERSION = os.environ.get("KEYCLOAK_SECOND_VERSION", "26.0.8")


@dataclass
class Step:
    title: str
    cmd: list[str]
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))
    junit: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    started: float = 0.0
    ended: float = 0.0
    code: int | None = None

    def start(self) -> None:
        LOGS.mkdir(exist_ok=True)
        self.log = LOGS / (self.title.replace(" ", "-").replace(":", "").replace("/", "-") + ".log")
        print(f"=== start {self.title}: {' '.join(self.cmd)}", flush=True)
        self.started = time.monotonic()
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(self.cmd, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)

    def finish(self) -> int:
        assert self.process is not None and self.log is not None
        self.code = self.process.wait()
        self.ended = time.monotonic()
        sys.stdout.write(f"\n=== {self.title} ===\n{self.log.read_text(errors='replace')}")
        print(f"=== {self.title}: exit {self.code} after {self.seconds:.0f}s", flush=True)
        return self.code

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    def slowest(self, n: int = 5) -> list[tuple[float, str]]:
        """The ``n`` slowest tests of the junit report: (seconds, test id)."""
        if self.junit is None or not self.junit.exists():
            return []
        cases = ElementTree.parse(self.junit).getroot().iter("testcase")
        timed = [(float(c.get("time", 0)), f"{c.get('classname', '')}::{c.get('name', '')}") for c in cases]
        return sorted(timed, reverse=True)[:n]

    def counts(self) -> tuple[int, int, int]:
        """(passed, failed, skipped) from the junit report (a tier that died counts one failure)."""
        if self.junit is None:
            return (0, 0, 0)
        if not self.junit.exists():
            return (0, 1, 0)
        suites = ElementTree.parse(self.junit).getroot()
        total = failed = skipped = 0
        for suite in suites.iter("testsuite"):
            total += int(suite.get("tests", 0))
            failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped += int(suite.get("skipped", 0))
        return (total - failed - skipped, failed, skipped)


def pytest_step(title: str, paths: list[str], version: str | None = None) -> Step:
    junit = LOGS / (title.replace(" ", "-").replace("/", "-") + ".xml")
    env = dict(os.environ)
    if version:
        env["KEYCLOAK_VERSION"] = version
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={junit}", *paths]
    return Step(title, cmd, env, junit)


def print_times(steps: list[Step], total: float) -> None:
    """Wall time per step and each tier's slowest tests, so growth shows before CI's limit does."""
    print(f"\n=== wall time: {total:.0f}s in all (CI's limit is 5400s)")
    for step in steps:
        print(f"  {step.seconds:6.0f}s  {step.title}")
        for seconds, test in step.slowest():
            print(f"          {seconds:6.1f}s  {test}")


def main(argv: list[str]) -> int:
    py = sys.executable
    run_started = time.monotonic()
    pulumi_toolchain.ensure()
    default = keycloak_server.keycloak_version()
    external = os.environ.get("KEYCLOAK_URL")
    second = not external and "--only-default" not in argv
    for version in {default, SECOND_VERSION} if second else {default}:
        keycloak_server.fetch(version)  # fail early, before any test, if a distribution is missing
    LOGS.mkdir(exist_ok=True)
    for old in LOGS.glob("*.xml"):
        old.unlink()

    steps = [Step(title, cmd) for title, cmd in lint.commands(py)]
    steps.append(pytest_step("unit tier", ["tests/unit"]))
    for step in steps:  # quick, and they say early what is wrong
        step.start()
        step.finish()

    tiers = [pytest_step(f"integration and e2e tiers on Keycloak {default}", ["tests/integration", "tests/e2e"],
                         default)]
    if second:
        tiers.append(pytest_step(f"integration and e2e tiers on Keycloak {SECOND_VERSION}",
                                 ["tests/integration", "tests/e2e"], SECOND_VERSION))
    # Fault and scale runs share one Keycloak: they are the heaviest tier, started with the others.
    heavy = ["tests/faults"] + ([] if "--no-heavy" in argv else ["tests/heavy"])
    tiers.append(pytest_step(f"fault and scale tiers on Keycloak {default}", heavy, default))
    if "--serial" in argv:
        for tier in tiers:
            tier.start()
            tier.finish()
    else:
        for tier in tiers:
            tier.start()
        for tier in tiers:
            tier.finish()
    steps += tiers

    failed_steps = [s.title for s in steps if s.code != 0]
    if external:
        print(f"\n=== Keycloak {SECOND_VERSION} tier not run: KEYCLOAK_URL points at one server ({external})")
    print_times(steps, time.monotonic() - run_started)
    totals = [sum(c) for c in zip(*(s.counts() for s in steps), strict=True)]
    verdict = f"FAILED steps: {'; '.join(failed_steps)}" if failed_steps else "every step passed"
    print(f"\n=== test command: {verdict}")
    print(f"tests: {totals[0]} passed, {totals[1]} failed, {totals[2]} skipped", flush=True)
    return 1 if failed_steps else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
