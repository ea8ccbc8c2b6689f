"""PDFs through the shared documents module: the minutes (sign-in sheet, drawn signatures) and the
printable A4 公开栏 notice with a QR code to the item's public page, both sealed for the village."""

from __future__ import annotations

import base64

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from mediation.areas.models import Institution
from mediation.db import today
from mediation.deliberations import rules
from mediation.deliberations.models import Deliberation, Meeting
from mediation.deliberations.operations.bodies import village_of
from mediation.deliberations.publication_models import Publication
from mediation.documents.models import Document
from mediation.errors import OperationError
from mediation.extensions import db
from mediation.permissions import require


def init_app(app) -> None:
    from mediation.documents.permissions import register_related

    register_related("meeting", lambda i: getattr(db.session.get(Meeting, i), "deliberation", None),
                     "deliberation.view")
    register_related("publication", lambda i: getattr(db.session.get(Publication, i), "deliberation", None),
                     "deliberation.view")


def village_institution(item: Deliberation) -> Institution:
    """The institution that seals for the village (its committee registered at the village area)."""
    village = village_of(item.area)
    inst = db.session.scalar(select(Institution).where(Institution.area_id == getattr(village, "id", None),
                                                       Institution.is_active).order_by(Institution.id))
    if inst is None:
        raise OperationError(_("本村没有登记可用于盖章的机构（村委会或村调委会），请联系管理员"))
    return inst


def _latest(related_type: str, related_id: int) -> Document | None:
    return db.session.scalar(select(Document).where(Document.related_type == related_type,
                                                    Document.related_id == related_id, Document.is_current)
                             .order_by(Document.id.desc()).limit(1))


def minutes_document(meeting: Meeting) -> Document | None:
    return _latest("meeting", meeting.id)


def notice_document(pub: Publication) -> Document | None:
    return _latest("publication", pub.id)


def issue_minutes_pdf(actor, meeting: Meeting) -> Document:
    from mediation.documents.operations import issue_document, supersede

    item = meeting.deliberation
    require(actor, "deliberation.edit", item)
    if meeting.minutes_locked_at is None:
        raise OperationError(_("纪要审定锁定后才能生成 PDF"))
    inst = village_institution(item)
    rev = meeting.minutes
    previous = minutes_document(meeting)
    signatures = {}
    for s in meeting.signatures:  # the latest signature per role
        signatures[s.role] = {"name": s.signer_name, "revision": s.revision_number,
                              "uri": "data:image/png;base64," + base64.b64encode(s.image).decode()}
    year = meeting.held_at.year
    number = _("%(v)s议纪〔%(y)d〕%(n)d号", v=village_of(item.area).name, y=year, n=meeting.id)
    context = {"meeting": meeting, "item": item, "revision": rev, "signatures": signatures,
               "institution_name": inst.name, "quorum_rule": rules.quorum_text(meeting.body.rules),
               "attendance": sorted(meeting.attendance, key=lambda a: (a.member.person.name, a.member_id)),
               "date_text": today().strftime("%Y年%m月%d日")}
    doc = issue_document(actor, kind="minutes", institution=inst, template="deliberations/pdf_minutes.html",
                         context=context, number=number, title=_("会议记录：%(t)s", t=item.topic),
                         related=meeting, version=rev.number)
    if previous is not None:
        supersede(previous)
    return doc


def issue_notice_pdf(actor, pub: Publication) -> Document:
    """The A4 notice for the 公开栏; no personal data (topic, decision, tallies, period, QR code)."""
    from mediation.documents.operations import issue_document, supersede
    from mediation.documents.rendering import qr_data_uri
    from mediation.portal.queries import deciding_motion

    item = pub.deliberation
    require(actor, "deliberation.edit", item)
    inst = village_institution(item)
    base = (current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    public_url = f"{base}/portal/item/{item.id}"  # no request needed (notices are also made by the CLI)
    previous = notice_document(pub)
    number = _("%(v)s公〔%(y)d〕%(n)d号", v=village_of(item.area).name, y=pub.display_from.year, n=pub.id)
    context = {"item": item, "pub": pub, "motion": deciding_motion(item), "institution_name": inst.name,
               "public_url": public_url, "public_qr": qr_data_uri(public_url),
               "date_text": pub.display_from.strftime("%Y年%m月%d日")}
    doc = issue_document(actor, kind="notice", institution=inst, template="deliberations/pdf_notice.html",
                         context=context, number=number, title=_("公告：%(t)s", t=item.topic), related=pub)
    if previous is not None:
        supersede(previous)
    return doc
