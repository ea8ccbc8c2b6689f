"""Cases in any status, built through the real operations (so timelines and audit are realistic)."""

from __future__ import annotations

from mediation.cases import operations as ops
from mediation.cases.intake import CaseData, PartyInput
from mediation.db import today
from mediation.extensions import db
from tests import factories

ID_A = factories.valid_id_number(seq=101)
ID_B = factories.valid_id_number(seq=202)


def make_case(world, *, user=None, area=None, status: str = "registered", title: str = "宅基地边界纠纷",
              category: str = "房屋宅基地", people=None, commit: bool = True):
    user = user or world.grid1_user
    area = area or world.grid1
    people = people or [factories.make_person("蔡文辉", area), factories.make_person("黄东辉", area)]
    case = ops.create_case(user, CaseData(
        title=title, category=category, source="网格员排查", area=area, description="两家因围墙位置发生争执。",
        parties=[PartyInput("applicant", person=people[0]), PartyInput("respondent", person=people[1])]),
        confirm_duplicate=True)
    move_to(user, case, status)
    if commit:
        db.session.commit()
    return case


def move_to(user, case, status: str) -> None:
    """Drive a registered case to `status` along the usual path."""
    if status == "registered":
        return
    if status == "declined":
        ops.decline_case(user, case, reason="不属于人民调解受理范围")
        return
    ops.accept_case(user, case)
    if status == "accepted":
        return
    if status == "withdrawn":
        ops.withdraw_case(user, case, reason="双方自行和解")
        return
    ops.record_session(user, case, held_on=today(), place="村委会调解室", participants="双方当事人",
                       record="双方陈述了各自意见。")
    if status == "mediating":
        return
    if status in ("failed",):
        ops.record_failure(user, case, advice="已告知双方可向人民法院起诉")
        return
    if status == "referred":
        ops.refer_case(user, case, rung="town", note="案情复杂，提交镇矛调中心")
        return
    ops.record_agreement(user, case, summary="黄某拆除越界部分围墙，补偿蔡某800元。")
    if status == "agreed":
        return
    ops.add_follow_up(user, case, visited_on=today(), performance="fulfilled", evaluation="satisfied")
    if status == "fulfilled":
        return
    ops.close_case(user, case)
    assert status == "closed", status


def api_body(world, **override):
    body = {"title": "蔡某与黄某宅基地边界纠纷", "category": "房屋宅基地", "source": "电话/12345热线",
            "area_id": world.grid1.id, "description": "12345热线转来。", "amount": "1500.50",
            "parties": [{"role": "applicant", "person": {"name": "蔡文辉", "id_number": ID_A, "phone": "13905951234"}},
                        {"role": "respondent", "person": {"name": "黄东辉", "id_number": ID_B}}]}
    body.update(override)
    return body
