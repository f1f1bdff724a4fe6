"""pytest plugin: "exception ignored" reports are formatted between test phases, never inside the GC.

Why: the Pulumi SDK's inline-program server (``pulumi/automation/_server.py``) leaves the coroutine
of a run unfinished (after every preview, and when the engine ends a run early). When the garbage
collector later closes it, its ``finally`` raises "no running event loop": an exception Python
can only report to ``sys.unraisablehook``. pytest's hook formats it at once with the
``traceback`` module, which on Python 3.11 calls ``ast.parse`` (for the ``^^^`` anchors). On 3.11
the collector runs at any allocation, so also in the middle of another ``ast.parse`` (pytest's
own while it formats a failure, or the hook's for the previous report), and CPython 3.11.0-3.11.7
keeps one AST recursion counter per interpreter (CPython gh-106905, fixed in 3.11.8; 3.12 runs
the collector only between bytecodes): the outer parse fails with "SystemError: AST constructor
recursion depth mismatch". A test that passes alone then fails in a long session with "Failed to
process unraisable exception", and pytest crashes with an INTERNALERROR formatting the failure.

So the hook installed here only records what it is given (the object's repr, the exception and
its traceback) and hands it to pytest's hook at the start of the next test phase and at the end of
the session, where no ``ast.parse`` is under way. pytest reports it exactly as before.
"""

from __future__ import annotations

import collections
import gc
import sys
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import pytest


class _Shown:
    """Stands for the finalized object (holding it would bring it back to life): its repr only."""

    def __init__(self, text: str) -> None:
        self._text = text

    def __repr__(self) -> str:
        return self._text


@dataclass(frozen=True)
class Recorded:
    """The fields of ``sys.UnraisableHookArgs`` that pytest's hook reads."""

    exc_type: type[BaseException]
    exc_value: BaseException | None
    exc_traceback: TracebackType | None
    err_msg: str | None
    object: Any


#: Reports not handed on yet (appended from any thread: the collector runs in gRPC threads too).
pending: collections.deque[Recorded] = collections.deque()
_handlers: list[Any] = []


def record(unraisable: Any) -> None:
    """The ``sys.unraisablehook`` while tests run: no formatting, so no ``ast.parse``."""
    pending.append(Recorded(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback,
                            unraisable.err_msg, _Shown(repr(unraisable.object))))


def hand_on() -> None:
    """Give every recorded report to the hook that was installed before (pytest's)."""
    while pending and _handlers:
        _handlers[0](pending.popleft())


@pytest.hookimpl(trylast=True)  # after pytest's own plugin has installed its hook
def pytest_configure(config: pytest.Config) -> None:
    _handlers[:] = [sys.unraisablehook]
    sys.unraisablehook = record


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    hand_on()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    hand_on()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    hand_on()


@pytest.hookimpl(tryfirst=True)  # before pytest's own, which collects and reports what is left
def pytest_unconfigure(config: pytest.Config) -> None:
    gc.collect()
    if _handlers and sys.unraisablehook is record:
        sys.unraisablehook = _handlers[0]
    hand_on()
