"""Cases and their session records (调解笔录).

A case document: number, title, description, outcome, category, status, parties' and agents' names,
area names, dates and amount. Never ID numbers or phones (not read here; the outbox masks any typed
into free text).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import object_session, selectinload

from mediation.people.models import Person
from mediation.search.kinds.common import area_names, join, local_day, url, yuan
from mediation.search.registry import Kind, SearchDoc, get_kind, register_kind, register_related

_REFERRED = "search_referred_to"


def _referral_model():
    try:
        from mediation.referrals.models import WITHDRAWN, Referral
    except ImportError:  # the referrals domain is optional
        return None, None
    return Referral, WITHDRAWN


def prefetch_referred_to(session, case_ids) -> None:
    """Load the offices of a whole batch of cases at once (indexing would otherwise query per case)."""
    Referral, WITHDRAWN = _referral_model()
    if Referral is None or not case_ids:
        return
    cache = session.info.setdefault(_REFERRED, {})
    for case_id in case_ids:
        cache[case_id] = set()
    rows = session.execute(select(Referral.case_id, Referral.to_institution_id).where(
        Referral.case_id.in_(list(case_ids)),
        (Referral.status != WITHDRAWN) | Referral.accepted_on.is_not(None)))
    for case_id, institution_id in rows:
        cache[case_id].add(institution_id)


def referred_to(case) -> list[int]:
    """Offices a case was referred to: they may see it (referrals.permissions widens case.view)."""
    session = object_session(case)
    if session is None or case.id is None:
        return []
    cached = session.info.get(_REFERRED, {}).get(case.id)
    if cached is None:
        prefetch_referred_to(session, [case.id])
        cached = session.info.get(_REFERRED, {}).get(case.id, set())
    return sorted(cached)


def may_see_cases(user) -> bool:
    from mediation.cases.permissions import works_on_cases

    if works_on_cases(user):
        return True
    try:
        from mediation.referrals.permissions import has_office
    except ImportError:
        return False
    return has_office(user)


def register() -> list[str]:
    from mediation.cases import labels
    from mediation.cases.models import Case, CaseParty, MediationSession

    if get_kind("case") is not None:
        return ["case", "session"]

    def case_doc(case: Case) -> SearchDoc:
        path = case.area.path if case.area else ""
        names = []
        for party in case.parties:
            names.append(party.person.name if party.person else "")
            if party.agent is not None:
                names.append(party.agent.name)
        day = case.occurred_on or local_day(case.created_at)
        text = join(case.number, " ".join(n for n in names if n), case.category, labels.status_label(case.status),
                    area_names(case, path), case.occurred_on.isoformat() if case.occurred_on else "",
                    yuan(case.amount_fen), case.description, case.outcome)
        return SearchDoc("case", case.id, f"{case.number} {case.title}", text, case.category, case.status, path,
                         referred_to(case), False, day)

    def load_cases(session, ids):
        prefetch_referred_to(session, ids)
        return session.scalars(select(Case).where(Case.id.in_(ids)).options(
            selectinload(Case.area),
            selectinload(Case.parties).selectinload(CaseParty.person),
            selectinload(Case.parties).selectinload(CaseParty.agent)))

    def session_doc(s: MediationSession) -> SearchDoc:
        case = s.case
        path = case.area.path if case.area else ""
        title = f"{case.number} {case.title} · 调解笔录 {s.held_on.isoformat()}"  # stored: not translated
        body = join(s.place, s.participants, s.record)
        return SearchDoc("session", s.id, title, body, case.category, s.outcome, path, referred_to(case), False,
                         s.held_on)

    def load_sessions(session, ids):
        rows = list(session.scalars(select(MediationSession).where(MediationSession.id.in_(ids)).options(
            selectinload(MediationSession.case).selectinload(Case.area))))
        prefetch_referred_to(session, {s.case_id for s in rows})
        return rows

    register_kind(Kind("case", Case, case_doc, _l("案件"), lambda i: url("cases.show", case_id=i),
                       visible=may_see_cases, category_label=str,
                       status_label=lambda c: labels.status_label(c), load=load_cases))
    register_kind(Kind("session", MediationSession, session_doc, _l("调解笔录"), lambda i: _session_url(i),
                       visible=may_see_cases, category_label=str,
                       status_label=lambda c: labels.label(labels.SESSION_OUTCOME_LABELS, c), load=load_sessions))

    def party_targets(party, connection):
        yield "case", party.case_id

    def person_targets(person, connection):
        if person.id is None:
            return
        rows = connection.execute(select(CaseParty.case_id).where(
            (CaseParty.person_id == person.id) | (CaseParty.agent_id == person.id)))
        for (case_id,) in rows:
            yield "case", case_id

    def case_targets(case, connection):
        # A session record's title carries its case's number and title.
        if case.id is None:
            return
        for (sid,) in connection.execute(select(MediationSession.id).where(MediationSession.case_id == case.id)):
            yield "session", sid

    register_related(CaseParty, party_targets)
    register_related(Person, person_targets)
    register_related(Case, case_targets)
    return ["case", "session"]


def _session_url(session_id: int) -> str:
    from mediation.cases.models import MediationSession
    from mediation.extensions import db

    s = db.session.get(MediationSession, session_id)
    return url("cases.show", case_id=s.case_id) + f"#session-{session_id}" if s else ""
