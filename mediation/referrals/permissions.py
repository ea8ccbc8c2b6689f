"""Who sees and acts on referrals, and how a referral widens who may see its case.

- Senders: whoever may edit the case (its grid mediator, the center in whose area it lies).
- Receivers: the staff of the institution it was sent to, in the role that institution works in
  (a court's judges, a notary office's notaries, …). Judges, notaries and lawyers see only
  referrals sent to their office.
- An office that received a referral sees the case (read-only), its parties and its documents,
  while the referral is with it and afterwards — unless it was withdrawn before acceptance.
"""

from __future__ import annotations

from sqlalchemy import exists, or_, select

from mediation.auth.roles import Role
from mediation.cases.permissions import CASE_ROLES
from mediation.extensions import db
from mediation.permissions import can, in_area_scope, rule

# The role that works for each kind of institution.
RECEIVER_ROLE = {
    "court": Role.JUDGE,
    "notary_office": Role.NOTARY,
    "law_office": Role.LAWYER,
    "mediation_center": Role.CENTER_STAFF,
    "department": Role.CENTER_STAFF,
    "mediation_committee": Role.MEDIATOR,
}
OFFICE_MEMBER_ROLES = frozenset(RECEIVER_ROLE.values())


def works_for(user, institution) -> bool:
    """The user is staff of `institution` in the role that institution's work needs."""
    if institution is None or user.institution_id != institution.id:
        return False
    role = RECEIVER_ROLE.get(institution.kind)
    return role is not None and user.has_role(role)


def has_office(user) -> bool:
    return user.institution is not None and works_for(user, user.institution)


def is_department_staff(user) -> bool:
    """Department staff hold the center-staff role (the foundation gives them their town's area),
    but a department only handles what is dispatched to it: it is never the sending side."""
    return not user.is_admin and user.institution is not None and user.institution.kind == "department"


def _sender_side(user, case) -> bool:
    if is_department_staff(user):
        return False
    return user.is_admin or (user.has_role(*CASE_ROLES) and in_area_scope(user, case.area))


def _received_filter(user):
    from mediation.referrals.models import WITHDRAWN, Referral

    return (Referral.to_institution_id == user.institution_id) & or_(
        Referral.status != WITHDRAWN, Referral.accepted_on.is_not(None))


@rule("referral.view")
def _view(user, referral) -> bool:
    if referral is None:
        return user.is_admin or user.has_role(*CASE_ROLES) or has_office(user)
    if _sender_side(user, referral.case):
        return True
    return has_office(user) and user.institution_id in (referral.to_institution_id, referral.from_institution_id)


@rule("referral.decide")
def _decide(user, referral) -> bool:
    """Accept, return, ask for materials, decide: the receiving office only (not administrators)."""
    if referral is None:
        return has_office(user)
    return works_for(user, referral.to_institution)


@rule("referral.send")
def _send(user, referral) -> bool:
    """Withdraw, resubmit, supply materials: the sending side, never the receiving office."""
    if referral is None:
        return user.is_admin or user.has_role(*CASE_ROLES)
    if user.institution_id is not None and user.institution_id == referral.to_institution_id and not user.is_admin:
        return False
    if is_department_staff(user):
        return False
    if can(user, "case.edit", referral.case):
        return True
    return referral.from_institution is not None and works_for(user, referral.from_institution)


@rule("referral.create")
def _create(user, case) -> bool:
    """Send a case on: whoever may edit it (the office holding it is checked in the operation)."""
    if case is None:
        return user.is_admin or user.has_role(*CASE_ROLES)
    if is_department_staff(user):
        return False
    return can(user, "case.edit", case) or (has_office(user) and _holds(user, case))


def _holds(user, case) -> bool:
    from mediation.referrals.models import ACCEPTED, Referral

    return bool(db.session.scalar(select(exists(select(Referral.id).where(
        Referral.case_id == case.id, Referral.to_institution_id == user.institution_id,
        Referral.status == ACCEPTED)))))


# --- widening other domains' visibility ----------------------------------------------------------


@rule("case.view")
def _case_referred_to_my_office(user, case) -> bool:
    if case is None or user.institution_id is None or not has_office(user):
        return False
    from mediation.referrals.models import Referral

    return bool(db.session.scalar(select(exists(select(Referral.id).where(
        Referral.case_id == case.id, _received_filter(user))))))


@rule("person.view")
def _party_of_referred_case(user, person) -> bool:
    if person is None or user.institution_id is None or not has_office(user):
        return False
    from mediation.cases.models import CaseParty
    from mediation.referrals.models import Referral

    party = select(CaseParty.id).join(Referral, Referral.case_id == CaseParty.case_id).where(
        (CaseParty.person_id == person.id) | (CaseParty.agent_id == person.id), _received_filter(user))
    return bool(db.session.scalar(select(exists(party))))


def register_documents() -> None:
    """Decision documents belong to their referral and are visible with it."""
    from mediation.documents.permissions import register_related
    from mediation.referrals.models import Referral

    register_related("referral", lambda i: db.session.get(Referral, i), "referral.view")
