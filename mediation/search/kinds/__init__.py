"""The searchable kinds of the project's domains, declared here so the domains never call search."""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

# Each module registers kinds for one domain; a domain that is not installed is skipped.
MODULES = ("cases", "deliberations")


def register_all() -> list[str]:
    registered = []
    for name in MODULES:
        module = importlib.import_module(f"mediation.search.kinds.{name}")
        registered += module.register()
    return registered
