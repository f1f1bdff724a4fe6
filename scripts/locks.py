"""One lock file per shared thing in the cache (a Keycloak distribution, the pulumi build), so two
``make`` commands started at the same moment take turns instead of overwriting each other's work.

The lock is ``flock(2)`` on a file next to what it guards: the kernel releases it when the holder
exits, however it exits, so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive(path: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing); say so when another run has it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"[lock] waiting for another run that is {what} ({path})", file=sys.stderr, flush=True)
            started = time.monotonic()
            fcntl.flock(fd, fcntl.LOCK_EX)
            print(f"[lock] waited {time.monotonic() - started:.0f}s for {what}", file=sys.stderr, flush=True)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
