"""调解笔录 PDF: a mediation session's record issued through the documents module (sealed by the
committee, verifiable like every document). Issuing is a POST; the PDF is then downloadable."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from mediation.agreements.content import ROLE_NAMES, chinese_date, party_info
from mediation.cases.models import MediationSession
from mediation.documents.models import Document
from mediation.documents.operations import documents_for, issue_document
from mediation.extensions import db
from mediation.permissions import require

bp = Blueprint("session_records", __name__, url_prefix="/session-records")


def _session(session_id: int, action: str) -> MediationSession:
    session = db.session.get(MediationSession, session_id)
    if session is None:
        abort(404)
    require(current_user, action, session.case)
    return session


def issue_session_record(actor, session: MediationSession) -> Document:
    require(actor, "case.edit", session.case)
    case = session.case
    previous = [d for d in documents_for(("mediation_session", session.id)) if d.is_current]
    for d in previous:
        d.is_current = False
    context = {
        "case": {"number": case.number, "title": case.title},
        "parties": [party_info(cp) for cp in case.parties], "role_names": ROLE_NAMES,
        "held_on": chinese_date(session.held_on), "place": session.place, "participants": session.participants,
        "record": session.record, "recorder": session.recorded_by.display_name if session.recorded_by else "",
        "institution_name": case.committee.name,
    }
    return issue_document(actor, kind="session_record", institution=case.committee,
                          template="agreements/session_record_pdf.html", context=context,
                          number=f"{case.number} 笔录{session.id}", title="调解笔录",
                          related=("mediation_session", session.id), version=len(previous) + 1)


@bp.get("/<int:session_id>")
@login_required
def show(session_id: int):
    session = _session(session_id, "case.view")
    return render_template("agreements/session_record.html", session=session,
                           documents=documents_for(("mediation_session", session.id)))


@bp.post("/<int:session_id>/issue")
@login_required
def issue(session_id: int):
    session = _session(session_id, "case.edit")
    document = issue_session_record(current_user, session)
    db.session.commit()
    flash(_("调解笔录 PDF 已生成。"), "success")
    return redirect(url_for("documents.show", document_id=document.id))
