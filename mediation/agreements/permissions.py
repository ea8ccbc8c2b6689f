"""An agreement is seen and edited by whoever may see and edit its case; its documents follow."""

from __future__ import annotations

from mediation.extensions import db
from mediation.permissions import can, rule


@rule("agreement.view")
def _view_with_case(user, agreement) -> bool:
    if agreement is None:
        return can(user, "case.create")
    return can(user, "case.view", agreement.case)


@rule("agreement.edit")
def _edit_with_case(user, agreement) -> bool:
    if agreement is None:
        return can(user, "case.create")
    return can(user, "case.edit", agreement.case)


def _load_agreement(agreement_id: int):
    from mediation.agreements.models import Agreement

    return db.session.get(Agreement, agreement_id)


def _load_session(session_id: int):
    from mediation.cases.models import MediationSession

    session = db.session.get(MediationSession, session_id)
    return session.case if session is not None else None


def register_documents() -> None:
    from mediation.documents.permissions import register_related

    register_related("agreement", _load_agreement, "agreement.view")
    # Session records (调解笔录) belong to a session; visible with its case.
    register_related("mediation_session", _load_session, "case.view")
