"""Motions and votes: roll call, show of hands, secret ballot (tallies only) and counted paper ballots."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from mediation import audit
from mediation.db import utcnow
from mediation.deliberations import rules
from mediation.deliberations.models import CHOICES, METHODS, BodyMember, Meeting, Motion, Vote
from mediation.deliberations.operations.meetings import (
    attendance_counts,
    counts_present,
    require_open,
    require_quorum,
)
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import require


@dataclass
class Tally:
    yes: int = 0
    no: int = 0
    abstain: int = 0
    invalid: int = 0


def open_motion(actor, meeting: Meeting, text: str, method: str, is_decisive: bool = True) -> Motion:
    require(actor, "deliberation.edit", meeting.deliberation)
    require_open(meeting)
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = [_("请填写表决事项")]
    if method not in METHODS:
        errors["method"] = [_("请选择表决方式")]
    if errors:
        raise ValidationFailed(errors)
    require_quorum(meeting)
    motion = Motion(meeting=meeting, text=text.strip(), method=method, is_decisive=is_decisive)
    db.session.add(motion)
    db.session.flush()
    audit.record("motion.open", motion, actor=actor, meeting_id=meeting.id, method=method)
    return motion


def _require_open_motion(motion: Motion) -> None:
    require_open(motion.meeting)
    if motion.status != "open":
        raise OperationError(_("该表决已结束"))


def cast_votes(actor, motion: Motion, choices: dict[int, str]) -> None:
    """Record roll-call votes (member id → 赞成/反对/弃权); only members in attendance may vote."""
    meeting = motion.meeting
    require(actor, "deliberation.edit", meeting.deliberation)
    _require_open_motion(motion)
    if motion.method != "roll_call":
        raise OperationError(_("只有记名表决逐人记录表决意见"))
    require_quorum(meeting)
    attending = {a.member_id: a for a in meeting.attendance if counts_present(meeting, a)}
    errors: dict[str, list[str]] = {}
    for member_id, choice in choices.items():
        if member_id not in attending:
            errors[f"vote-{member_id}"] = [_("未出席的成员不能表决")]
        elif choice not in CHOICES:
            errors[f"vote-{member_id}"] = [_("请选择赞成、反对或弃权")]
    if errors:
        raise ValidationFailed(errors)
    existing = {v.member_id: v for v in motion.votes}
    for member_id, choice in choices.items():
        by_proxy = attending[member_id].status == "proxy"
        vote = existing.get(member_id)
        if vote is None:
            motion.votes.append(Vote(member=db.session.get(BodyMember, member_id), choice=choice, by_proxy=by_proxy))
        else:
            vote.choice, vote.by_proxy = choice, by_proxy
    db.session.flush()
    audit.record("motion.votes", motion, actor=actor, recorded=len(choices))


def close_motion(actor, motion: Motion, tally: Tally | None = None) -> str:
    """Count and decide with the body's rule; the rule and the numbers are stored with the outcome."""
    meeting = motion.meeting
    require(actor, "deliberation.edit", meeting.deliberation)
    _require_open_motion(motion)
    require_quorum(meeting)
    body_rules = meeting.body.rules
    # "Of those present" counts everyone present (proxies where allowed); "of all members" the roster.
    present, members = attendance_counts(meeting)["members"]
    if motion.method == "roll_call":
        tally = Tally(*(sum(1 for v in motion.votes if v.choice == c) for c in CHOICES))
    else:
        tally = tally or Tally()
        if min(tally.yes, tally.no, tally.abstain, tally.invalid) < 0:
            raise ValidationFailed({"yes": [_("票数不能为负数")]})
        if motion.method != "paper" and tally.invalid:
            raise ValidationFailed({"invalid": [_("只有纸质选票有无效票")]})
        if tally.yes + tally.no + tally.abstain + tally.invalid > present:
            raise ValidationFailed({"yes": [_("票数合计（%(n)d）超过出席人数（%(p)d）",
                                              n=tally.yes + tally.no + tally.abstain + tally.invalid, p=present)]})
    passed, base, needed = rules.decided(body_rules, tally.yes, present, members)
    motion.yes, motion.no, motion.abstain = tally.yes, tally.no, tally.abstain
    motion.invalid = tally.invalid if motion.method == "paper" else None
    motion.present, motion.members = present, members
    motion.outcome = "passed" if passed else "rejected"
    motion.rule_applied = _("%(body)s：%(rule)s。基数 %(base)d 人，至少需赞成 %(needed)d 票，实得赞成 %(yes)d 票。",
                            body=meeting.body.kind_label, rule=rules.decision_text(body_rules), base=base,
                            needed=needed, yes=tally.yes)
    motion.status, motion.closed_at = "closed", utcnow()
    db.session.flush()
    audit.record("motion.close", motion, actor=actor, outcome=motion.outcome, yes=tally.yes, no=tally.no,
                 abstain=tally.abstain, invalid=motion.invalid, present=present, members=members)
    return motion.outcome
