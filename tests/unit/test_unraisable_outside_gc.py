"""An "exception ignored" raised while the GC runs inside ``ast.parse`` must not break the parse.

What Pulumi's inline-program server leaves behind (tests/support/unraisable.py): a suspended
coroutine whose ``finally`` raises when the GC closes it outside an event loop. Without the
plugin, pytest's hook formats the report at once, inside the parse under way, and CPython
3.11.0-3.11.7 fails that parse with "SystemError: AST constructor recursion depth mismatch"
(pytest's own parse when it formats a failure: an INTERNALERROR). Later Pythons pass either way.
"""

from __future__ import annotations

import ast
import asyncio
import gc
import inspect
from collections.abc import Generator
from typing import Any

import pytest

from tests.support import unraisable


class _Never:
    def __await__(self) -> Generator[None, None, None]:
        yield


async def _run_pulumi_func() -> None:  # the shape of pulumi.runtime.stack.run_pulumi_func
    try:
        await _Never()
    finally:
        asyncio.get_running_loop()  # RuntimeError: no running event loop, when the GC closes it


def _leave_a_suspended_coroutine_in_a_cycle() -> None:
    coroutine = _run_pulumi_func()
    coroutine.send(None)
    cycle: list[Any] = [coroutine]
    cycle.append(cycle)  # freed only by the cyclic GC, at whatever allocation triggers it


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_exceptions_ignored_during_a_parse_leave_the_parse_intact_and_are_reported_later() -> None:
    source = inspect.getsource(ast) * 3  # enough allocations for the GC to run during each parse
    for _ in range(5):
        for _ in range(5):
            _leave_a_suspended_coroutine_in_a_cycle()
        ast.parse(source)
    gc.collect()
    reported = [r for r in unraisable.pending if "_run_pulumi_func" in repr(r.object)]
    assert len(reported) == 25  # recorded for pytest's hook, none lost
    assert {str(r.exc_value) for r in reported} == {"no running event loop"}
