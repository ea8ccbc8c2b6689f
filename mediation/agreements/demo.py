"""Demo agreements: two signed and sealed written agreements (光渺村 第一网格, 井林村 第二网格) and one
oral agreement, each on a case created through the cases operations (register → accept → start
mediation). Idempotent: a demo case is recognised by its title. Keys are created on demand when
`flask keys init` has not run."""

from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select

from mediation.agreements import operations as ops
from mediation.agreements.validation import AgreementData, TermInput
from mediation.areas.models import Area
from mediation.auth.models import User
from mediation.cases import operations as case_ops
from mediation.cases.intake import CaseData, PartyInput
from mediation.cases.models import Case
from mediation.db import today
from mediation.extensions import db
from mediation.people.models import Person

SIGNATURE_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"

DEMOS = [
    {
        "user": "grid1", "village": "光渺村", "grid": "第一网格", "form": "written",
        "title": "【演示】相邻围墙越界纠纷", "category": "邻里纠纷",
        "facts": "申请人与被申请人系前后邻居。被申请人翻建围墙时越过两家分界约0.3米，并损坏申请人院内花池，双方多次争执。",
        "issues": "围墙是否越界；花池损失由谁承担。",
        "responsibilities": "被申请人翻建围墙越界并损坏花池，应承担主要责任；申请人情绪激动时言语过激，亦有不当。",
        "terms": [("拆除越界部分围墙，按原分界线重建", None, 20, "自行拆除并重建", "申请人与被申请人院落分界处"),
                  ("赔偿申请人花池修复费用", "1200.00", 15, "微信转账", "")],
        "enforcement": True,
    },
    {
        "user": "grid2", "village": "井林村", "grid": "第二网格", "form": "written",
        "title": "【演示】务工工资拖欠纠纷", "category": "劳动争议",
        "facts": "申请人在被申请人承包的鞋材加工点务工三个月，被申请人以订单减少为由拖欠工资。",
        "issues": "拖欠工资的数额及支付期限。",
        "responsibilities": "被申请人未按约定支付劳动报酬，应承担全部责任。",
        "terms": [("支付拖欠的工资", "6800.00", 30, "银行转账", "井林村村委会"),
                  ("出具工作经历证明", None, 7, "当面交付", "井林村村委会")],
        "enforcement": True,
    },
    {
        "user": "grid1", "village": "光渺村", "grid": "第一网格", "form": "oral",
        "title": "【演示】鸡鸭啄食菜地纠纷", "category": "邻里纠纷",
        "oral": "被申请人承诺即日起圈养鸡鸭，不再放养到申请人菜地；并当场赔偿申请人菜苗损失150元，申请人表示谅解。",
    },
]


def _signature_image(name: str, seed: int) -> bytes:
    """A handwriting-like image of the signer's name (demo only)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(SIGNATURE_FONT, 72, index=2)
    img = Image.new("RGBA", (90 * max(2, len(name)) + 40, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for i, ch in enumerate(name):
        draw.text((20 + i * 88, 14 + ((seed + i) % 3) * 6), ch, font=font, fill=(20, 20, 20, 255))
    out = io.BytesIO()
    img.rotate(-3 + seed % 5, expand=True).save(out, "PNG")
    return out.getvalue()


def _grid(village: str, grid: str) -> Area | None:
    v = db.session.scalar(select(Area).where(Area.name == village, Area.kind == "village"))
    if v is None:
        return None
    return db.session.scalar(select(Area).where(Area.parent_id == v.id, Area.name == grid))


def _case(spec: dict, user: User, area: Area) -> Case | None:
    case = db.session.scalar(select(Case).where(Case.title == spec["title"]))
    if case is not None:
        return case
    people = list(db.session.scalars(select(Person).where(Person.area_id == area.id).order_by(Person.id).limit(2)))
    if len(people) < 2:
        return None
    case = case_ops.create_case(user, CaseData(
        title=spec["title"], category=spec["category"], source="网格员排查", area=area,
        description=spec.get("facts", spec.get("oral", "")),
        parties=[PartyInput("applicant", person=people[0]), PartyInput("respondent", person=people[1])]),
        confirm_duplicate=True)
    case_ops.accept_case(user, case)
    case_ops.start_mediation(user, case)
    return case


def _data(spec: dict, case: Case) -> AgreementData:
    applicant, respondent = case.parties[0], case.parties[1]
    if spec["form"] == "oral":
        return AgreementData(form="oral", facts="双方因鸡鸭啄食菜地发生口角。", oral_content=spec["oral"],
                             agreed_on=today(), copies=2, place="光渺村村委会",
                             terms=[TermInput(obligor_id=respondent.id, obligee_id=applicant.id,
                                              obligation="赔偿菜苗损失", amount="150.00", method="现金当场交付")])
    return AgreementData(
        form="written", facts=spec["facts"], issues=spec["issues"], responsibilities=spec["responsibilities"],
        accepts_enforcement=spec["enforcement"], copies=3, place=case.committee.name + "调解室",
        terms=[TermInput(obligor_id=respondent.id, obligee_id=applicant.id, obligation=text, amount=amount or "",
                         deadline=today() + timedelta(days=days), method=method, place=place)
               for text, amount, days, method, place in spec["terms"]])


def seed(password: str) -> list[str]:
    lines = []
    for spec in DEMOS:
        user = db.session.scalar(select(User).where(User.username == spec["user"]))
        area = _grid(spec["village"], spec["grid"])
        if user is None or area is None:
            continue
        case = _case(spec, user, area)
        if case is None:
            continue
        agreement = ops.agreement_for(case)
        if agreement is not None and agreement.status == "effective":
            continue
        if case.status != "mediating":
            continue
        if agreement is None:
            agreement = ops.create_agreement(user, case, form=spec["form"])
            ops.update_agreement(user, agreement, _data(spec, case))
        if spec["form"] == "oral":
            ops.confirm_oral(user, agreement)
        else:
            if agreement.status == "draft":
                ops.start_signing(user, agreement)
            for i, (key, _role, name) in enumerate(ops.missing_signers(agreement)):
                ops.sign(user, agreement, signer=key, method="drawn", image=_signature_image(name, i))
        lines.append(f"  调解协议 agreement: {agreement.number} ({spec['form']}) — "
                     f"验证码 verification code {agreement.document.code_display}")
    return lines
