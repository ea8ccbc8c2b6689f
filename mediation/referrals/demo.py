"""Demo referrals for `flask seed-demo`: every state, a judicial confirmation by 晋江市人民法院东石人民法庭
(the agreement then carries two valid signatures), a notarization by 福建省晋江市公证处 with a
partial payment ledger, a returned one, and the deadline notifications. Idempotent: skipped when
referrals exist. Everything goes through the real operations (numbers, timelines, audit, PDFs)."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from mediation.areas.models import Area, Institution
from mediation.auth.models import User
from mediation.cases import operations as case_ops
from mediation.cases.intake import CaseData, PartyInput
from mediation.db import today
from mediation.extensions import db
from mediation.people.models import Person
from mediation.referrals import decisions, scan
from mediation.referrals import operations as ops
from mediation.referrals.models import Referral

# (title, category, description, amount, agreed terms, obligation)
STORIES = {
    "confirm": ("蔡某与黄某装修款纠纷", "合同债务", "黄某为蔡某装修房屋，双方就尾款及返工费用发生争议。", "12000",
                "黄某退还蔡某装修款", "12000"),
    "notary": ("许某与陈某借款纠纷", "合同债务", "陈某向许某借款用于经营，到期未还，双方发生争执。", "6000",
               "陈某归还许某借款", "6000"),
    "returned": ("厂房漏水维修责任纠纷", "损害赔偿", "租用厂房屋面漏水，双方就维修责任和停工损失争执不下。", "30000", "", ""),
    "submitted": ("宅基地滴水檐纠纷", "房屋宅基地", "两户相邻，新建房屋滴水檐伸入邻地约20厘米。", None, "", ""),
    "materials": ("承包山林界址纠纷", "山林水利", "两个村民小组对承包山林的界址认识不一。", None, "", ""),
    "accepted": ("赡养费给付纠纷", "婚姻家庭", "老人三个子女就赡养费分担达成协议，申请司法确认。", "3600",
                 "长子每月给付赡养费", "3600"),
    "withdrawn": ("店面租金纠纷", "合同债务", "承租人拖欠三个月租金，出租人要求解除合同。", "9000", "", ""),
    "dispatch": ("围墙占道纠纷", "邻里纠纷", "村民新建围墙占用村道，影响通行，需核实土地权属。", None, "", ""),
    "failed": ("货款结算纠纷", "合同债务", "海产品购销双方对货款结算各执一词，调解未成。", "26000", "", ""),
}


def _png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (300, 120), (255, 255, 255, 0))
    ImageDraw.Draw(img).line([(20, 90), (90, 30), (160, 85), (280, 40)], fill=(0, 0, 0, 255), width=5)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _case(user, grid, people, key, *, status="mediating"):
    title, category, description, amount, *_ = STORIES[key]
    a, b = people
    case = case_ops.create_case(user, CaseData(
        title=title, category=category, source="网格员排查", area=grid, description=description, amount=amount,
        occurred_on=today() - timedelta(days=20),
        parties=[PartyInput("applicant", person=a), PartyInput("respondent", person=b)]), confirm_duplicate=True)
    case_ops.accept_case(user, case)
    case_ops.record_session(user, case, held_on=today(), place=f"{grid.parent.name}人民调解室",
                            participants=f"{a.name}、{b.name}", record="双方陈述了各自的意见，调解员释明了相关法律规定。")
    if status == "failed":
        case_ops.record_failure(user, case, advice="双方分歧较大，告知可向人民法院提起诉讼。")
    return case


def _agreed(user, grid, people, key):
    from mediation.agreements import operations as agr
    from mediation.agreements.validation import AgreementData, TermInput

    case = _case(user, grid, people, key)
    _t, _c, description, _amount, obligation, term_amount = STORIES[key]
    agreement = agr.create_agreement(user, case)
    applicant, respondent = case.parties_in("applicant")[0], case.parties_in("respondent")[0]
    agr.update_agreement(user, agreement, AgreementData(
        form="written", facts=description, issues="给付金额及履行期限。", responsibilities="双方各负相应责任。",
        accepts_enforcement=True, copies=3, place=agreement.place,
        terms=[TermInput(obligor_id=respondent.id, obligee_id=applicant.id, obligation=obligation, amount=term_amount,
                         deadline=today() + timedelta(days=45), method="银行转账至权利人账户")]))
    agr.start_signing(user, agreement)
    for key_, _role, _name in agr.required_signers(agreement):
        agr.sign(user, agreement, signer=key_, method="drawn", image=_png())
    return case


def seed(password: str) -> list[str]:
    if db.session.scalar(select(Referral.id).limit(1)) is not None:
        return ["  转介 referrals: already seeded"]
    users = {u.username: u for u in db.session.scalars(select(User))}
    inst = {i.name: i for i in db.session.scalars(select(Institution))}
    grid1, center, judge, notary, lawyer = (users.get(n) for n in ("grid1", "center", "judge", "notary", "lawyer"))
    village = db.session.scalar(select(Area).where(Area.name == "光渺村", Area.kind == "village"))
    grid = db.session.scalar(select(Area).where(Area.parent_id == village.id, Area.name == "第一网格")) if village else None
    if None in (grid1, center, judge, notary, lawyer, grid):
        return ["  转介 referrals: skipped (foundation demo accounts missing)"]
    people = list(db.session.scalars(select(Person).where(Person.area_id == grid.id).order_by(Person.id)))
    if len(people) < 2:
        return ["  转介 referrals: skipped (no villagers)"]
    pair = (people[0], people[1])
    court, notary_office = inst["晋江市人民法院东石人民法庭"], inst["福建省晋江市公证处"]
    law_office, department = inst["福建泉晋律师事务所"], inst["东石镇自然资源所"]

    # 司法确认 confirmed: the agreement carries the committee's seal and the court's signature.
    r = ops.apply_judicial_confirmation(grid1, _agreed(grid1, grid, pair, "confirm"), court=court,
                                        applied_on=today(), is_joint=True)
    ops.accept(judge, r)
    decisions.complete(judge, r, outcome="valid", decision="协议系双方真实意思表示，内容不违反法律规定。")
    # 公证 with a partial payment ledger.
    r = ops.apply_notarization(grid1, _agreed(grid1, grid, pair, "notary"), notary_office=notary_office)
    ops.accept(notary, r)
    decisions.complete(notary, r, outcome="notarized", decision="债务人当场确认愿意接受强制执行。")
    decisions.record_payment(notary, r, paid_on=today(), amount="2000", note="第一期，银行转账")
    # 司法确认 accepted, waiting for the ruling (a 婚姻家庭 matter about 赡养费 may be confirmed).
    r = ops.apply_judicial_confirmation(grid1, _agreed(grid1, grid, pair, "accepted"), court=court,
                                        applied_on=today(), is_joint=True, matter="property")
    ops.accept(judge, r)
    # 律师调解 returned with a reason.
    r = ops.refer_to_lawyer(grid1, _case(grid1, grid, pair, "returned"), law_office=law_office,
                            reason="涉及屋面防水工程质量，专业性强")
    ops.return_referral(lawyer, r, reason="请补充租赁合同、维修报价单和漏水现场照片后再提交。")
    # Escalation waiting at the village committee, and one at the town center asked for materials.
    ops.escalate(grid1, _case(grid1, grid, pair, "submitted"), reason="当事人情绪激动，需村调委会出面调解")
    case = _case(grid1, grid, pair, "materials")
    case.rung = "village"
    r = ops.escalate(grid1, case, reason="涉及两个村民小组，村级难以化解")
    ops.request_materials(center, r, request="请补充两个村民小组的山林承包合同及界址图。")
    # Withdrawn, dispatched to a department, and litigation guidance after failure.
    r = ops.refer_to_lawyer(grid1, _case(grid1, grid, pair, "withdrawn"), law_office=law_office, reason="租金数额争议")
    ops.withdraw(grid1, r, reason="双方已自行协商一致。")
    ops.dispatch(center, _case(grid1, grid, pair, "dispatch"), department=department,
                 reason="请核实围墙所占土地的权属和村道规划红线。")
    ops.guide_litigation(grid1, _case(grid1, grid, pair, "failed", status="failed"), court=court,
                         guidance="告知当事人可向晋江市人民法院东石人民法庭起诉，诉讼时效三年，需携带购销合同及送货单。")
    scan.scan_deadlines()
    db.session.flush()
    count = db.session.scalar(select(db.func.count(Referral.id)))
    return [f"  转介 referrals: {count}（司法确认已确认、赋强公证含履行台账、退回、补充材料、撤回、部门办单、诉讼引导）"]
