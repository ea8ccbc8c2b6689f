"""Navigation entries contributed by domains, filtered per user, so no domain edits base.html."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(order=True)
class NavItem:
    order: int
    endpoint: str = field(compare=False)
    label: object = field(compare=False)  # a lazy string, translated at render time
    visible: Callable = field(compare=False, default=lambda user: True)
    badge: Callable | None = field(compare=False, default=None)  # user → int, e.g. unread count


_items: list[NavItem] = []


def nav_item(endpoint: str, label, *, order: int = 50, visible=None, badge=None) -> None:
    if any(i.endpoint == endpoint for i in _items):
        return  # create_app may run many times in one process (tests)
    _items.append(NavItem(order, endpoint, label, visible or (lambda user: True), badge))
    _items.sort()


def items_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [i for i in _items if i.visible(user)]


def entries_for(user) -> list[tuple[NavItem, int]]:
    """Visible items with their badge counts, computed once per request (the layout renders the
    menu twice — phone and desktop — and the home page lists it again)."""
    from flask import g, has_request_context

    if has_request_context() and "nav_entries" in g:
        return g.nav_entries
    entries = [(i, i.badge(user) if i.badge else 0) for i in items_for(user)]
    if has_request_context():
        g.nav_entries = entries
    return entries


# --- home page panels -------------------------------------------------------------------------


@dataclass(order=True)
class Panel:
    order: int
    key: str = field(compare=False)
    template: str = field(compare=False)
    context: Callable = field(compare=False)  # user → dict for the template
    visible: Callable = field(compare=False, default=lambda user: True)


_panels: list[Panel] = []


def home_panel(key: str, template: str, context, *, order: int = 50, visible=None) -> None:
    """Domains add a panel to the home page (e.g. "my overdue cases") without editing it."""
    if any(p.key == key for p in _panels):
        return
    _panels.append(Panel(order, key, template, context, visible or (lambda user: True)))
    _panels.sort()


def panels_for(user) -> list[tuple[Panel, dict]]:
    return [(p, p.context(user)) for p in _panels if p.visible(user)]
