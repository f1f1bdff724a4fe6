"""Telling the user something from inside the provider, through the engine's ``Log`` service.

Pulumi's Python dynamic-provider host gives ``diff()`` no way to speak: its stdout and stderr go
to the engine's verbose log only, and a dynamic diff has no detailed diff. Providers written with
Pulumi's own SDKs log through the engine, whose address the engine passes to every plugin as its
argument; this does the same, so a message shows under the CLI's "Diagnostics". Outside the
provider host (unit tests, the program's own process) it does nothing.

What ``diff()`` says this way: :func:`explain_diff` (a secret input changed, an input no longer
declared).
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
from collections.abc import Mapping
from typing import Any

from .adoption import label
from .spec import ObjectSpec

_ADDRESS = re.compile(r"^[\w.\-\[\]]+:\d+$")
_lock = threading.Lock()
_told: set[str] = set()
_stub: list[Any] = []


def _engine() -> Any:
    if _stub:
        return _stub[0]
    addresses = [a for a in sys.argv[1:] if _ADDRESS.match(a)]
    if "pulumi/dynamic" not in sys.argv[0].replace("\\", "/") or not addresses:
        _stub.append(None)
        return None
    import grpc
    from pulumi.runtime.proto import engine_pb2_grpc

    _stub.append(engine_pb2_grpc.EngineStub(grpc.insecure_channel(addresses[-1])))
    return _stub[0]


def tell(message: str, *, warning: bool = False) -> None:
    """Show ``message`` once per provider process (as info, or as a warning)."""
    with _lock:
        if message in _told:
            return
        _told.add(message)
        engine = _engine()
    if engine is None:
        return
    from pulumi.runtime.proto import engine_pb2

    severity = engine_pb2.WARNING if warning else engine_pb2.INFO
    with contextlib.suppress(Exception):  # a lost notice must never fail the operation
        engine.Log(engine_pb2.LogRequest(severity=severity, message=message), timeout=5)


def explain_diff(spec: ObjectSpec, news: Mapping[str, Any], released: list[str], changed: list[str]) -> None:
    """Say what the CLI's own diff cannot: a secret input changed (it shows ``[secret]`` on both
    sides and marks nothing), or an input was removed from the program (the CLI shows ``- name``
    though Keycloak keeps the value: the field is only no longer managed)."""
    subject = f"{spec.type_name} {label(spec, news)}"
    secrets = [n for n in changed if n in spec.by_name and spec.by_name[n].secret]
    if secrets:
        tell(f"{subject}: secret input {', '.join(secrets)} changed ([secret]); the new value will be written")
    if released:
        names = ", ".join(released)
        tell(
            f"{subject}: {names} no longer declared: Keycloak keeps the current value, which is no longer managed "
            "(the '-' line of the diff removes nothing); to clear it, declare the empty value",
            warning=True,
        )


def explain_adoption(spec: ObjectSpec, news: Mapping[str, Any], import_id: str, written: list[str] | None) -> None:
    """``import_`` shows as a plain ``+ create`` (a dynamic provider cannot import: pulumi/pulumi#16175):
    say that it adopts, in the preview (``written`` None) and once it has (what it wrote)."""
    subject = f"{spec.type_name} {label(spec, news)}"
    if written is None:
        tell(f"{subject}: '+ create' with import_='{import_id}' adopts the existing object (same Keycloak id) and "
             "writes only the declared inputs that differ; it creates the object only if it does not exist")
    else:
        what = f"wrote {', '.join(written)}" if written else "nothing written: it already held every declared input"
        tell(f"{subject}: adopted the existing object (import_='{import_id}'); {what}")
