"""Agreed cases with a really signed and sealed agreement, and referrals in any state, built
through the real operations."""

from __future__ import annotations

import io
from datetime import date, timedelta

from mediation.agreements import operations as agr
from mediation.agreements.validation import AgreementData, TermInput
from mediation.db import today
from mediation.extensions import db
from mediation.referrals import decisions
from mediation.referrals import operations as ops
from tests.cases.factories import make_case


def drawn_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (300, 120), (255, 255, 255, 0))
    ImageDraw.Draw(img).line([(20, 90), (120, 30), (280, 80)], fill=(0, 0, 0, 255), width=6)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def make_agreed_case(world, *, category: str = "合同债务", accepts_enforcement: bool = True, amount: str = "5000",
                     method: str = "银行转账", deadline: date | None = None, effective_on: date | None = None,
                     user=None, area=None):
    """A case in `agreed` with an effective written agreement, sealed by the committee."""
    user = user or world.grid1_user
    case = make_case(world, status="mediating", category=category, user=user, area=area)
    a = agr.create_agreement(user, case)
    applicant = case.parties_in("applicant")[0]
    respondent = case.parties_in("respondent")[0]
    agr.update_agreement(user, a, AgreementData(
        form="written", facts="黄某建房时围墙越界约30厘米，双方发生争执。", issues="围墙位置及补偿。",
        responsibilities="黄某负主要责任。", accepts_enforcement=accepts_enforcement, copies=3, place="光渺村调解室",
        terms=[TermInput(obligor_id=respondent.id, obligee_id=applicant.id, obligation="支付补偿款",
                         amount=amount, deadline=deadline or today() + timedelta(days=30), method=method)]))
    agr.start_signing(user, a)
    for key, _role, _name in agr.required_signers(a):
        agr.sign(user, a, signer=key, method="drawn", image=drawn_png())
    if effective_on is not None:
        a.effective_on = effective_on
    db.session.commit()
    return case, a


def judicial_referral(world, *, state: str = "submitted", case=None):
    """A judicial confirmation application to `judge`'s court, driven to `state`."""
    if case is None:
        case, _a = make_agreed_case(world)
    r = ops.apply_judicial_confirmation(world.grid1_user, case, court=world.court, applied_on=today(),
                                        is_joint=True)
    _drive(world, r, state, world.judge)
    db.session.commit()
    return r


def _drive(world, r, state: str, receiver) -> None:
    sender = world.grid1_user
    if state == "submitted":
        return
    if state == "returned":
        ops.return_referral(receiver, r, reason="申请材料不全")
        return
    if state == "withdrawn":
        ops.withdraw(sender, r, reason="当事人撤回申请")
        return
    if state == "materials":
        ops.request_materials(receiver, r, request="请补充双方身份证复印件")
        return
    ops.accept(receiver, r)
    if state == "accepted":
        return
    assert state == "completed", state
    outcome = {"judicial": "valid", "notarization": "notarized", "escalate": "agreed", "lawyer": "agreed",
               "dispatch": "handled"}[r.kind]
    decisions.complete(receiver, r, outcome=outcome, decision="经审查，符合条件。")


def referral_of(world, kind: str, state: str = "submitted"):
    """A referral of `kind` from grid1's case to the world's office for that kind, driven to `state`."""
    sender = world.grid1_user
    if kind == "judicial":
        return judicial_referral(world, state=state)
    if kind == "notarization":
        case, _a = make_agreed_case(world)
        r = ops.apply_notarization(sender, case, notary_office=world.notary_office)
        receiver = world.notary
    elif kind == "lawyer":
        case = make_case(world, status="mediating")
        r = ops.refer_to_lawyer(sender, case, law_office=world.law_office, reason="涉及专业的工程质量问题")
        receiver = world.lawyer
    elif kind == "escalate":
        case = make_case(world, status="mediating")
        case.rung = "village"  # the village committee already tried: next rung is the town center
        r = ops.escalate(sender, case, reason="涉及多个村民小组，村调委会难以化解")
        receiver = world.center_user
    elif kind == "dispatch":
        case = make_case(world, status="mediating")
        r = ops.dispatch(world.center_user, case, department=world.department, reason="请核实宅基地界址")
        receiver = _department_user(world)
    else:
        raise ValueError(kind)
    _drive(world, r, state, receiver)
    db.session.commit()
    return r


def _department_user(world):
    from mediation.auth.models import User
    from tests import factories

    existing = db.session.scalar(db.select(User).where(User.username == "dept"))
    return existing or factories.make_user("dept", ["center_staff"], [], world.department, display_name="洪国强")


def factories_user(world, username, roles, institution, areas):
    from tests import factories

    return factories.make_user(username, roles, areas, institution, display_name="颜开通")
