"""Benchmark scenarios, one module per app module; each calls ``registry.register``.

Every module in this package is imported, so adding a scenario is adding a
file here (e.g. ``directory.py`` for "directory search with 72,800
organisations").
"""

from __future__ import annotations

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
