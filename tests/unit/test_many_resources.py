"""A program may declare thousands of resources: Pulumi's dynamic-resource constructor must not
wrap the pickler once more per resource (SDK 3.272 does, and a program died at ~950 resources
with "maximum recursion depth exceeded"; runtime.py undoes the wrapping)."""

from __future__ import annotations

import sys
from typing import Any

import pulumi

from pulumi_keycloak_dynamic import Role


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


def test_more_resources_than_the_recursion_limit() -> None:
    pulumi.runtime.set_mocks(Mocks(), preview=True)
    count = sys.getrecursionlimit() + 200
    roles = [Role(f"r{i}", realm="acme", name=f"role-{i}") for i in range(count)]
    assert len(roles) == count
