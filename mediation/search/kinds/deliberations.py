"""Deliberation items, meeting minutes, and published texts (the only kind the portal searches).

Staff find an item by its topic, description, origin note and decision, and a meeting by its minutes.
The portal searches `publication` documents only: the text a secretary explicitly published
(决议公开 / 实施结果公开) and the item's topic — never minutes, rosters or proposers' names.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mediation.search.kinds.common import area_names, join, local_day, plain, url
from mediation.search.registry import Kind, SearchDoc, get_kind, register_kind, register_related


def register() -> list[str]:
    from mediation.deliberations import procedures
    from mediation.deliberations.labels import PUBLICATION_LABELS, label
    from mediation.deliberations.models import Deliberation, Meeting, MinutesRevision
    from mediation.deliberations.permissions import _view as may_view
    from mediation.deliberations.publication_models import Publication

    names = ["deliberation", "minutes", "publication"]
    if get_kind("deliberation") is not None:
        return names

    def staff(user) -> bool:
        return may_view(user, None)

    def item_doc(item: Deliberation) -> SearchDoc:
        path = item.area.path if item.area else ""
        body = join(area_names(item, path), item.description, item.origin_note, item.decision_text, item.end_reason)
        return SearchDoc("deliberation", item.id, item.topic, body, item.procedure, item.status, path, [],
                         item.published_at is not None, item.origin_on or local_day(item.created_at))

    def minutes_doc(meeting: Meeting) -> SearchDoc | None:
        minutes = meeting.minutes
        if minutes is None:
            return None
        item = meeting.deliberation
        path = item.area.path if item.area else ""
        title = f"{item.topic} · {meeting.body.name if meeting.body else ''} 会议纪要"  # stored: not translated
        body = join(meeting.place, meeting.host, meeting.recorder, plain(minutes.body_html))
        return SearchDoc("minutes", meeting.id, title, body, item.procedure, meeting.outcome, path, [], False,
                         local_day(meeting.held_at))

    def publication_doc(pub: Publication) -> SearchDoc:
        item = pub.deliberation
        path = item.area.path if item.area else ""
        return SearchDoc("publication", pub.id, item.topic, pub.content, pub.kind, item.status, path, [], True,
                         pub.display_from)

    def load_items(session, ids):
        return session.scalars(select(Deliberation).where(Deliberation.id.in_(ids))
                               .options(selectinload(Deliberation.area)))

    def load_meetings(session, ids):
        return session.scalars(select(Meeting).where(Meeting.id.in_(ids)).options(
            selectinload(Meeting.revisions), selectinload(Meeting.body),
            selectinload(Meeting.deliberation).selectinload(Deliberation.area)))

    def status_label(code: str) -> str:
        return str(procedures.STATUS_LABELS.get(code, code))

    def procedure_label(code: str) -> str:
        return str(procedures.PROCEDURE_LABELS.get(code, code))

    register_kind(Kind("deliberation", Deliberation, item_doc, _l("议事事项"),
                       lambda i: url("deliberations.show", item_id=i), visible=staff,
                       category_label=procedure_label, status_label=status_label, load=load_items))
    register_kind(Kind("minutes", Meeting, minutes_doc, _l("会议纪要"),
                       lambda i: url("deliberations.meeting", meeting_id=i), visible=staff,
                       category_label=procedure_label, load=load_meetings))
    register_kind(Kind("publication", Publication, publication_doc, _l("公开事项"),
                       lambda i: _public_url(i), visible=lambda user: False, public=True,
                       public_url=lambda i: _public_url(i),
                       category_label=lambda c: label(PUBLICATION_LABELS, c), status_label=status_label))

    def revision_targets(rev, connection):
        yield "minutes", rev.meeting_id

    def item_targets(item, connection):
        if item.id is None:
            return
        for (mid,) in connection.execute(select(Meeting.id).where(Meeting.deliberation_id == item.id)):
            yield "minutes", mid
        for (pid,) in connection.execute(select(Publication.id).where(Publication.deliberation_id == item.id)):
            yield "publication", pid

    register_related(MinutesRevision, revision_targets)
    register_related(Deliberation, item_targets)
    return names


def _public_url(publication_id: int) -> str:
    """The portal page of the published item."""
    from mediation.deliberations.publication_models import Publication
    from mediation.extensions import db

    pub = db.session.get(Publication, publication_id)
    return url("portal.item", item_id=pub.deliberation_id) if pub is not None else ""
