"""How often a request to Keycloak is repeated, and when: urllib3's ``Retry``, by what HTTP says a
repeat may do (the session mounts :func:`safe_retry` and :func:`create_retry`):

  - 429 (``Retry-After`` honoured, capped) for every request, POSTs and the token request
    included: the server did nothing;
  - connection errors, lost answers, 502, 503 and 504 for requests that are safe to repeat: GET,
    PUT, DELETE, the token request, and POSTs the API layer marks ``idempotent`` (adding
    composites or role mappings: a second time changes nothing);
  - of those, a lost answer (the connection dropped before the answer came: the server is alive)
    is tried up to ``LOST_ANSWER_RETRIES`` times again, a read timeout (the server hangs) only
    ``READ_TIMEOUT_RETRIES`` times, so that a hung Keycloak does not hold a run for many
    client timeouts;
  - a create (any other POST) only when nothing reached the server (connect errors) or on 429:
    :meth:`.session.KeycloakSession.create` looks the object up by its natural key when a create's answer
    is lost, and only sends it again when it is really not there;
  - each request waits at most ``MAX_WAIT_SECONDS`` in all, then fails with one line naming it.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

from urllib3.exceptions import ProtocolError
from urllib3.util.retry import Retry

#: Connection attempts after the first. With the backoff below a server that is down is reported
#: after about 3.5 s (sleeps 0, 0.5, 1, 2): long enough for a blip, short enough not to look hung.
CONNECT_RETRIES = 4
BACKOFF_FACTOR = 0.25
BACKOFF_MAX = 2.0
#: Repeats of a safe request after a read timeout (the server hangs: each costs a clientTimeout).
READ_TIMEOUT_RETRIES = 2
#: Repeats of a safe request whose answer was lost (connection dropped: the server is alive, and
#: a flaky network or proxy may drop several answers in a row); sleeps 0, 0.5, 1, 2, 2 s.
LOST_ANSWER_RETRIES = 5
RETRY_STATUSES = (429, 502, 503, 504)
#: Repeats after a 429 or a retryable 5xx (sleeps 0, 0.5, 1, 2, 2, ... s, or what Retry-After asks,
#: within MAX_WAIT_SECONDS): 8, so that a server refusing one request in five fails a run of
#: 1,000 requests about once in 2,000 runs (with 5, once in 16).
STATUS_RETRIES = 8
#: Longest sleep a ``Retry-After`` header may ask for, and the most one request waits in all.
RETRY_AFTER_MAX = 10.0
MAX_WAIT_SECONDS = 30.0

class BoundedRetry(Retry):
    """urllib3's ``Retry`` with a cap on ``Retry-After`` and on the total time one request sleeps.

    ``Retry-After`` is a reason to repeat a request only on 429: a 503 with that header says
    nothing about whether a POST was carried out, so it is retried only where 503 is.
    """

    RETRY_AFTER_STATUS_CODES = frozenset({429})

    def __init__(self, *args: Any, waited: float = 0.0, lost: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waited = waited
        #: Retries left for lost answers (connection dropped); ``read`` counts read timeouts only.
        self.lost = lost

    def new(self, **kw: Any) -> BoundedRetry:
        kw.setdefault("waited", self.waited)
        kw.setdefault("lost", self.lost)
        return super().new(**kw)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: TracebackType | None = None,
    ) -> BoundedRetry:
        """Count a lost answer against ``lost``, a read timeout (and the rest) as urllib3 does.

        urllib3 counts both against ``read``: a dropped connection is a ``ProtocolError``
        (RemoteDisconnected, ConnectionResetError), a hung server a ``ReadTimeoutError``.
        """
        if not isinstance(error, ProtocolError):
            return super().increment(method, url, response, error, _pool, _stacktrace)
        # urllib3's own bookkeeping (method allowed? exhausted? history) with ``lost`` as the budget
        counted = Retry.increment(self.new(read=self.lost), method, url, response, error, _pool, _stacktrace)
        assert isinstance(counted, BoundedRetry)
        return counted.new(read=self.read, lost=counted.read)

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        return None if value is None else min(value, RETRY_AFTER_MAX, max(0.0, MAX_WAIT_SECONDS - self.waited))

    def sleep(self, response: Any = None) -> None:
        started = time.monotonic()
        super().sleep(response)
        self.waited += time.monotonic() - started

    def is_exhausted(self) -> bool:
        return super().is_exhausted() or self.waited >= MAX_WAIT_SECONDS


def safe_retry(methods: frozenset[str]) -> Retry:
    """Repeat what is safe to repeat: connection errors, lost answers, 429 and 502/503/504."""
    return BoundedRetry(
        total=CONNECT_RETRIES + max(LOST_ANSWER_RETRIES, STATUS_RETRIES),
        connect=CONNECT_RETRIES,
        read=READ_TIMEOUT_RETRIES,
        lost=LOST_ANSWER_RETRIES,
        status=STATUS_RETRIES,
        other=0,
        backoff_factor=BACKOFF_FACTOR,
        backoff_max=BACKOFF_MAX,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=methods,
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def create_retry() -> Retry:
    """A create's retries: only when the server certainly did nothing (no connection, or 429)."""
    return BoundedRetry(
        total=CONNECT_RETRIES + STATUS_RETRIES, connect=CONNECT_RETRIES, read=0, status=STATUS_RETRIES, other=0,
        backoff_factor=BACKOFF_FACTOR, backoff_max=BACKOFF_MAX, status_forcelist=(429,),
        allowed_methods=frozenset({"POST"}), respect_retry_after_header=True, raise_on_status=False,
    )
