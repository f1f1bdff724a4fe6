"""Cost of declaring resources in the program itself: time per resource, no engine, no Keycloak.

Runs the bench scenario's program (a realm, N clients, N roles) under ``pulumi.runtime.set_mocks``
so only the program's own work is timed: building the props, ``check()`` of the known inputs,
pickling the provider, serializing the props for the engine.

    python -m bench.program_cost 200 1000              # ms per resource at each N (clients = roles = N)
    python -m bench.program_cost --profile 1000        # plus the top functions by cumulative time
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from typing import Any

import pulumi

from bench.scenario import declare, objects_for


class _Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


def run(mode: str, size: int, profile: bool = False) -> float:
    """Seconds to declare and register the scenario's resources with mocks."""
    pulumi.runtime.set_mocks(_Mocks(), preview=True)
    profiler = cProfile.Profile() if profile else None

    @pulumi.runtime.test  # type: ignore[misc]
    def program() -> None:
        declare(mode, f"cost-{size}", size)

    if profiler:
        profiler.enable()
    started = time.perf_counter()
    program()
    elapsed = time.perf_counter() - started
    if profiler:
        profiler.disable()
        sort = os.environ.get("PROFILE_SORT", "cumulative")
        pstats.Stats(profiler).sort_stats(sort).print_stats(40)
    return elapsed


def main(argv: list[str]) -> int:
    profile = "--profile" in argv
    modes = [a.split("=", 1)[1] for a in argv if a.startswith("--mode=")] or ["ours"]
    sizes = [int(a) for a in argv if a.isdigit()] or [200]
    for mode in modes:
        for size in sizes:
            elapsed = run(mode, size, profile)
            count = objects_for(size)
            print(f"{mode}: {count} resources in {elapsed:.2f} s: {elapsed / count * 1000:.2f} ms per resource",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
