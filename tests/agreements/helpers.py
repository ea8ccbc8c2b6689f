"""Agreements built through the real operations: drafted, signed and sealed like in the field."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image, ImageDraw

from mediation.agreements import operations as ops
from mediation.agreements.validation import AgreementData, TermInput
from mediation.db import today
from mediation.extensions import db
from tests.cases.factories import make_case


def signature_png(seed: int = 1) -> bytes:
    img = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.line([(10, 90), (80, 20 + seed * 3), (150, 95), (220, 25), (290, 80)], fill=(0, 0, 0, 255), width=5)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def agreement_data(case, **overrides) -> AgreementData:
    applicant, respondent = case.parties[0], case.parties[1]
    data = AgreementData(
        form="written",
        facts="申请人与被申请人系相邻住户，因围墙位置发生争执。",
        issues="围墙是否越界及修缮费用的承担。",
        responsibilities="被申请人搭建围墙越界约0.3米，应承担主要责任。",
        copies=3, place="光渺村人民调解委员会调解室",
        terms=[TermInput(obligor_id=respondent.id, obligee_id=applicant.id, obligation="拆除越界部分围墙",
                         deadline=today() + timedelta(days=10), method="自行拆除", place="光渺村"),
               TermInput(obligor_id=respondent.id, obligee_id=applicant.id, obligation="补偿修缮费用",
                         amount="800.00", deadline=today() + timedelta(days=15), method="银行转账")],
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


def draft(world, *, user=None, case=None, **overrides):
    user = user or world.grid1_user
    case = case or make_case(world, user=user, status="mediating")
    agreement = ops.create_agreement(user, case, form=overrides.pop("form", "written"))
    ops.update_agreement(user, agreement, agreement_data(case, form=agreement.form, **overrides))
    db.session.commit()
    return agreement


def signed(world, *, user=None, **overrides):
    """A fully signed, sealed, effective written agreement."""
    user = user or world.grid1_user
    agreement = draft(world, user=user, **overrides)
    ops.start_signing(user, agreement)
    for i, (key, _role, _name) in enumerate(ops.missing_signers(agreement)):
        ops.sign(user, agreement, signer=key, method="drawn", image=signature_png(i))
    db.session.commit()
    return agreement
