"""What is searchable: each *kind* names a model, how to build its search document and who sees it.

Kinds are declared in `mediation/search/kinds.py`, next to the index rather than in the indexed
domains, so no other domain has to call search. Related models (a case's parties, a person's name)
declare which documents they affect; the outbox listeners use both tables.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class SearchDoc:
    """A document as every backend indexes it. `body` is stored for snippets, never personal IDs."""

    kind: str
    object_id: int
    title: str
    body: str = ""
    category: str = ""
    status: str = ""
    area_path: str = ""
    institution_ids: list[int] = field(default_factory=list)
    is_published: bool = False
    day: date | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"

    @property
    def text(self) -> str:
        """What the analyzer reads: the title counts as part of the text."""
        return f"{self.title}\n{self.body}"

    def digest(self) -> str:
        data = asdict(self)
        data["day"] = self.day.isoformat() if self.day else None
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class Kind:
    name: str
    model: type
    build: Callable  # obj → SearchDoc | None (None: not indexed, e.g. a draft)
    label: object  # lazy string
    url: Callable[[int], str]  # object id → the page that shows it
    visible: Callable = lambda user: True  # may this user search this kind at all?
    public: bool = False  # searchable on the portal (published documents only)
    public_url: Callable[[int], str] | None = None  # its public page, for portal results
    category_label: Callable[[str], str] = str
    status_label: Callable[[str], str] = str
    load: Callable | None = None  # ids → objects, with what `build` needs loaded


@dataclass
class Related:
    model: type
    targets: Callable  # (obj, connection) → iterable of (kind, object_id)


_kinds: dict[str, Kind] = {}
_by_model: dict[type, list[Kind]] = {}
_related: dict[type, list[Related]] = {}


def register_kind(kind: Kind) -> Kind:
    if kind.name in _kinds:
        return _kinds[kind.name]  # create_app may run many times in one process
    _kinds[kind.name] = kind
    _by_model.setdefault(kind.model, []).append(kind)
    return kind


def unregister_kind(name: str) -> None:
    kind = _kinds.pop(name, None)
    if kind is not None:
        _by_model[kind.model].remove(kind)


def register_related(model: type, targets: Callable) -> None:
    if any(r.targets is targets for r in _related.get(model, [])):
        return
    _related.setdefault(model, []).append(Related(model, targets))


def unregister_related(model: type) -> None:
    _related.pop(model, None)


def kinds() -> list[Kind]:
    return list(_kinds.values())


def get_kind(name: str) -> Kind | None:
    return _kinds.get(name)


def kinds_for(obj) -> list[Kind]:
    return [k for cls in type(obj).__mro__ for k in _by_model.get(cls, [])]


def related_for(obj) -> list[Related]:
    return [r for cls in type(obj).__mro__ for r in _related.get(cls, [])]


def watched(obj) -> bool:
    return bool(kinds_for(obj) or related_for(obj))


def targets_of(obj, connection) -> Iterable[tuple[str, int]]:
    for kind in kinds_for(obj):
        if obj.id is not None:
            yield kind.name, obj.id
    for rel in related_for(obj):
        yield from rel.targets(obj, connection)
