"""Lookups: read objects the program does not manage (data sources), by name, read-only.

``get_<kind>(...)`` takes plain arguments and returns a frozen, typed result at once;
``get_<kind>_output(...)`` takes Inputs and returns an Output of it. Both run in ``preview`` and
``up`` with the resources' connection settings and the program's one login; nothing is written
or kept. Reference: docs/reference/lookups.md.
"""

from . import functions, results
from .functions import *  # noqa: F403  (get_<kind> and get_<kind>_output)
from .keys import GetRealmKeysResult, RealmKey, get_realm_keys, get_realm_keys_output
from .results import *  # noqa: F403  (the typed results)

__all__ = [
    *functions.__all__, *results.__all__,
    "GetRealmKeysResult", "RealmKey", "get_realm_keys", "get_realm_keys_output",
]
