"""What a referral does to its case and who hears about it: status moves through the cases
state machine, timeline entries through the cases timeline, history rows, notifications."""

from __future__ import annotations

from sqlalchemy import select

from mediation import audit
from mediation.auth.models import User
from mediation.cases import states
from mediation.cases.models import ACCEPTED, MEDIATING, REFERRED
from mediation.cases.timeline import add_event
from mediation.extensions import db
from mediation.notifications.service import notify
from mediation.referrals.models import DISPATCH, ESCALATE, LAWYER, PENDING_STATES, Referral, ReferralEvent
from mediation.referrals.permissions import RECEIVER_ROLE

# Kinds that take the case out of its sender's hands (the case is `referred` while they run).
# Notarization and judicial confirmation concern an agreement that already took effect: the case
# stays `agreed` (follow-ups continue) and only the timeline records them.
MOVING_KINDS = (ESCALATE, DISPATCH, LAWYER)


def log(referral: Referral, actor, action: str, note: str = "") -> ReferralEvent:
    event = ReferralEvent(referral=referral, actor_id=getattr(actor, "id", None),
                          actor_name=getattr(actor, "display_name", "") or "", action=action, note=note)
    db.session.add(event)
    return event


def case_event(referral: Referral, actor, action: str, note: str = "", before: str | None = None) -> None:
    case = referral.case
    before = case.status if before is None else before
    prefix = f"{referral.number} {referral.to_institution.name}"
    add_event(case, actor, action, note=f"{prefix}：{note}" if note else prefix, from_status=before,
              to_status=case.status if case.status != before else "")


def send_case(actor, referral: Referral) -> str:
    """Move the case to `referred` (moving kinds); returns the status it had before."""
    case = referral.case
    before = case.status
    if referral.kind in MOVING_KINDS and case.status != REFERRED:
        states.check(case, "refer")
        case.status = REFERRED
    if referral.rung_to and referral.kind != DISPATCH:
        case.rung = referral.rung_to
    db.session.flush()
    if case.status != before:
        audit.record("case.refer", case, actor=actor, from_status=before, to_status=case.status,
                     referral_id=referral.id, rung=case.rung)
    return before


def _still_held(referral: Referral) -> bool:
    """Another moving referral of the case is still pending (or the parent holds it)."""
    others = db.session.scalars(select(Referral).where(
        Referral.case_id == referral.case_id, Referral.id != referral.id, Referral.kind.in_(MOVING_KINDS),
        Referral.status.in_(PENDING_STATES))).all()
    return bool(others)


def release_case(actor, referral: Referral, to_status: str | None = None, *, rung_back: bool = False) -> str:
    """The referral came back: the case goes to `to_status` (default: where it was before)."""
    case = referral.case
    before = case.status
    if referral.kind not in MOVING_KINDS or case.status != REFERRED or _still_held(referral):
        return before
    target = to_status or referral.case_status_before or MEDIATING
    if target == REFERRED or target not in (ACCEPTED, MEDIATING, "agreed", "failed"):
        target = MEDIATING
    states.check(case, "end_referral")
    case.status = target
    if rung_back and referral.rung_from:
        case.rung = referral.rung_from
    db.session.flush()
    audit.record("case.end_referral", case, actor=actor, from_status=before, to_status=target,
                 referral_id=referral.id)
    return before


def office_staff(institution) -> list[User]:
    if institution is None:
        return []
    role = RECEIVER_ROLE.get(institution.kind)
    users = db.session.scalars(select(User).where(User.institution_id == institution.id, User.is_active_account))
    return [u for u in users if role and u.has_role(role)]


def sender_side(referral: Referral) -> list[User]:
    people = [referral.from_user, referral.case.mediator]
    return [u for u in people if u is not None]


def link(referral: Referral) -> str:
    # A plain path, not url_for: CLI commands (deadline scans, demo) have no request to build from.
    return f"/referrals/{referral.id}"


def title(referral: Referral) -> str:
    return f"{referral.number} {referral.case.title}"


def tell_office(referral: Referral, kind: str, dedupe: str | None = None) -> None:
    notify(office_staff(referral.to_institution), kind, title(referral), link=link(referral), obj=referral,
           dedupe=dedupe)


def tell_sender(referral: Referral, kind: str) -> None:
    notify(sender_side(referral), kind, title(referral), link=link(referral), obj=referral)
