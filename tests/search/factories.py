"""Cases with chosen names and titles (through the real intake), deliberations and publications."""

from __future__ import annotations

import random
from datetime import date, timedelta

from mediation.cases.intake import CaseData, PartyInput, create_case
from mediation.db import utcnow
from mediation.deliberations.models import Deliberation
from mediation.deliberations.publication_models import Publication
from mediation.extensions import db
from tests import factories

SURNAMES = "蔡黄许陈王李张林吴郑洪颜施苏康曾沈"
GIVEN = ["文辉", "东辉", "华山", "志嘉", "秀英", "建国", "丽华", "明亮", "海燕", "国强", "淑珍", "志明", "春梅",
         "金水", "阿妹", "振南", "美玲", "清泉", "宝珠", "荣华", "开通", "巧玲", "天佑", "少华", "丽卿", "雅婷"]
TITLE_PARTS = [("宅基地", "边界"), ("围墙", "越界"), ("排水沟", "堵塞"), ("果树", "遮光"), ("养殖场", "异味"),
               ("工资", "拖欠"), ("借款", "未还"), ("装修", "噪音"), ("耕地", "承包"), ("山林", "权属"),
               ("交通事故", "赔偿"), ("婚后财产", "分割"), ("赡养费", "支付"), ("渔船", "碰撞")]
CATEGORIES = ["房屋宅基地", "邻里纠纷", "合同债务", "劳动争议", "土地承包", "婚姻家庭", "损害赔偿"]


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def make_case(user, area, *, title: str, people: list[str], description: str = "", category: str = "邻里纠纷",
              occurred_on: date | None = None, commit: bool = True):
    persons = [factories.make_person(n, area) for n in people]
    roles = ["applicant", "respondent", "third_party"]
    case = create_case(user, CaseData(
        title=title, category=category, source="网格员排查", area=area, description=description,
        occurred_on=occurred_on,
        parties=[PartyInput(roles[min(i, 2)], person=p) for i, p in enumerate(persons)]), confirm_duplicate=True)
    if commit:
        db.session.commit()
    return case


def generated_cases(world, n: int, seed: int = 7):
    """n cases spread over both grids with distinct party names and varied titles."""
    rng = random.Random(seed)
    used: set[str] = set()
    cases = []
    for i in range(n):
        people = []
        while len(people) < 2:
            candidate = name(rng)
            if candidate not in used:
                used.add(candidate)
                people.append(candidate)
        thing, problem = rng.choice(TITLE_PARTS)
        title = f"{people[0]}与{people[1]}{thing}{problem}纠纷"
        grid, user = (world.grid1, world.grid1_user) if i % 2 == 0 else (world.grid2, world.grid2_user)
        cases.append(make_case(user, grid, title=title, people=people, category=rng.choice(CATEGORIES),
                               description=f"双方因{thing}问题多次发生口角，网格员上门了解情况。",
                               occurred_on=date(2026, 1, 1) + timedelta(days=i)))
    return cases


def make_item(area, topic: str, *, description: str = "", published: bool = False, decision: str = ""):
    item = Deliberation(area=area, topic=topic, description=description, procedure="micro", micro_form="bench",
                        stage="implementation" if published else "proposal", status="active",
                        decision_text=decision, published_at=utcnow() if published else None)
    db.session.add(item)
    db.session.flush()
    if published:
        db.session.add(Publication(deliberation=item, kind="decision", content=decision or topic,
                                   display_from=date(2026, 3, 1), display_until=date(2026, 3, 7)))
    db.session.commit()
    return item
