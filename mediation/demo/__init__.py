"""Demo data for `flask seed-demo`: a county-level city drawn from the field reports in shared/seeds.

Each seeder is idempotent (get-or-create by natural keys) and returns lines to print. Domains
append their seeder to SEEDERS; they run in order, so later ones can use earlier ones' data.
"""

from __future__ import annotations

import importlib

SEEDERS = [
    "mediation.demo.foundation",
    "mediation.cases.demo",
    "mediation.agreements.demo",
    "mediation.deliberations.demo",
    "mediation.referrals.demo",
    "mediation.search.demo",
]


def seed_all(password: str) -> list[str]:
    lines: list[str] = []
    for name in SEEDERS:
        lines += importlib.import_module(name).seed(password)
    return lines
