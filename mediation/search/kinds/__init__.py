"""The searchable kinds of the project's domains, declared here so the domains never call search."""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

# Each module registers the kinds of one or two domains.
MODULES = ("cases", "deliberations", "agreements")


def register_all() -> list[str]:
    registered = []
    for name in MODULES:
        module = importlib.import_module(f"mediation.search.kinds.{name}")
        registered += module.register()
    return registered
