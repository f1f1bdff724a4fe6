"""The kinds: one module per Keycloak object the resources manage, each a declaration (:mod:`..engine.spec`).

What several kinds share is in :mod:`.helpers`. Importing this package imports (and so registers)
every module of it: a new kind is a new module here, and nothing else names it."""

import importlib
import pkgutil

__all__ = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg)

for _module in __all__:
    importlib.import_module(f"{__name__}.{_module}")
