"""Mediation agreements (调解协议书, written or oral) and referrals with their decisions.

Both are seen by whoever may see their case; a referral also by the office it was sent to or from.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from mediation.search.kinds.cases import may_see_cases, referred_to
from mediation.search.kinds.common import join, local_day, url, yuan
from mediation.search.registry import Kind, SearchDoc, get_kind, register_kind, register_related


def register() -> list[str]:
    from mediation.agreements.models import Agreement, AgreementTerm
    from mediation.cases.models import Case, CaseParty
    from mediation.referrals import labels as referral_labels
    from mediation.referrals.models import Referral
    from mediation.referrals.permissions import _view as may_view_referral

    names = ["agreement", "referral"]
    if get_kind("agreement") is not None:
        return names

    def agreement_doc(a: Agreement) -> SearchDoc:
        case = a.case
        path = case.area.path if case.area else ""
        names_ = " ".join(p.person.name for p in case.parties if p.person)
        terms = [join(t.obligation, yuan(t.amount_fen), t.method, t.place,
                      t.deadline.isoformat() if t.deadline else "") for t in a.terms]
        body = join(case.number, names_, a.facts, a.issues, a.responsibilities, a.oral_content, *terms, a.place)
        title = f"{a.number} 调解协议书 {case.title}"  # stored: not translated
        day = a.effective_on or a.agreed_on or local_day(a.created_at)
        return SearchDoc("agreement", a.id, title, body, case.category, a.status, path, referred_to(case), False, day)

    def load_agreements(session, ids):
        return session.scalars(select(Agreement).where(Agreement.id.in_(ids)).options(
            selectinload(Agreement.terms),
            selectinload(Agreement.case).selectinload(Case.area),
            selectinload(Agreement.case).selectinload(Case.parties).selectinload(CaseParty.person)))

    def referral_doc(r: Referral) -> SearchDoc:
        case = r.case
        path = case.area.path if case.area else ""
        body = join(case.number, r.applicants, r.reason, r.decision, r.return_reason, r.materials_request)
        offices = sorted({i for i in (r.to_institution_id, r.from_institution_id) if i})
        return SearchDoc("referral", r.id, f"{r.number} {case.title}", body, r.kind, r.status, path, offices, False,
                         r.decided_on or r.submitted_on)

    def load_referrals(session, ids):
        return session.scalars(select(Referral).where(Referral.id.in_(ids)).options(
            selectinload(Referral.case).selectinload(Case.area)))

    register_kind(Kind("agreement", Agreement, agreement_doc, _l("调解协议"),
                       lambda i: url("agreements.show", agreement_id=i), visible=may_see_cases, load=load_agreements))
    register_kind(Kind("referral", Referral, referral_doc, _l("转介"),
                       lambda i: url("referrals.show", referral_id=i), visible=lambda u: may_view_referral(u, None),
                       category_label=lambda c: str(referral_labels.KIND_LABELS.get(c, c)),
                       status_label=lambda c: str(referral_labels.STATE_LABELS.get(c, c)), load=load_referrals))

    def term_targets(term, connection):
        yield "agreement", term.agreement_id

    def referral_targets(r, connection):
        # the case's (and its records') visibility follows its referrals
        yield "case", r.case_id
        from mediation.cases.models import MediationSession

        for (sid,) in connection.execute(select(MediationSession.id).where(MediationSession.case_id == r.case_id)):
            yield "session", sid
        for (aid,) in connection.execute(select(Agreement.id).where(Agreement.case_id == r.case_id)):
            yield "agreement", aid

    def case_targets(case, connection):
        if case.id is not None:
            for (aid,) in connection.execute(select(Agreement.id).where(Agreement.case_id == case.id)):
                yield "agreement", aid
            for (rid,) in connection.execute(select(Referral.id).where(Referral.case_id == case.id)):
                yield "referral", rid

    register_related(AgreementTerm, term_targets)
    register_related(Referral, referral_targets)
    register_related(Case, case_targets)
    return names
