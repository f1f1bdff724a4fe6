"""Cost of the provider host's own work per resource, in-process (no engine, no gRPC, no Keycloak).

A no-change ``up`` or ``preview`` sends no request: the provider host spends its time in
``check()`` and ``diff()`` of every resource. This times both for the bench scenario's inputs, as
the host receives them (props with the declared inputs, outputs as the last create left them),
and can profile them.

    python -m bench.provider_cost 1000              # ms per resource for check + diff
    python -m bench.provider_cost --profile 1000
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from typing import Any

from bench.scenario import client_inputs, objects_for, role_inputs
from pulumi_keycloak_dynamic.engine import KeycloakProvider
from pulumi_keycloak_dynamic.engine.secrets import unmarked


def resources(size: int) -> list[tuple[str, dict[str, Any]]]:
    realm = "cost"
    out: list[tuple[str, dict[str, Any]]] = [("Realm", {"realm": realm, "enabled": True})]
    for i in range(size):
        out.append(("Client", client_inputs(realm, i)))
        out.append(("Role", role_inputs(realm, i)))
    return out


def run(size: int, profile: bool = False) -> tuple[float, float]:
    """Seconds for check() of every resource, then diff() against outputs equal to the inputs."""
    items = resources(size)
    providers = {t: KeycloakProvider(t) for t in ("Realm", "Client", "Role")}
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    started = time.perf_counter()
    checked = [(t, providers[t].check({}, dict(inputs)).inputs) for t, inputs in items]
    checked = [(t, unmarked(inputs)) for t, inputs in checked]  # the engine hands diff() no secret markers
    check_s = time.perf_counter() - started
    started = time.perf_counter()
    for type_name, inputs in checked:
        olds = {**inputs, "managed_fields": sorted(k for k in inputs if not k.startswith("__"))}
        result = providers[type_name].diff("id", olds, inputs)
        assert not result.changes, (type_name, inputs)
    diff_s = time.perf_counter() - started
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(25)
    return check_s, diff_s


def main(argv: list[str]) -> int:
    for size in [int(a) for a in argv if a.isdigit()] or [200]:
        check_s, diff_s = run(size, "--profile" in argv)
        count = objects_for(size)
        print(f"{count} resources: check {check_s / count * 1000:.3f} ms, diff {diff_s / count * 1000:.3f} ms "
              "per resource")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
