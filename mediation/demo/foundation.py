"""Areas, institutions, villagers and one account per role."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from mediation.areas.models import Area, Institution
from mediation.areas.operations import create_area, save_institution
from mediation.auth.models import User
from mediation.auth.operations import create_user
from mediation.extensions import db
from mediation.people.models import Person
from mediation.people.operations import PersonData, create_person
from mediation.personal_data import id_check_char

COUNTY = ("350582", "晋江市")
# town → villages; 东石镇's villages are the ones named in the reports.
TOWNS = {
    ("350582105", "东石镇"): ["光渺村", "井林村", "萧下村", "梅峰村", "金函村", "湖头村", "龙下村"],
    ("350582104", "安海镇"): ["郭岑村", "洪塘村", "朝山村"],
}
GRIDS_PER_VILLAGE = ("第一网格", "第二网格")

SURNAMES = "蔡黄许陈王李张林吴郑洪颜施苏康曾"
GIVEN = ["文辉", "东辉", "华山", "志嘉", "秀英", "建国", "丽华", "明亮", "海燕", "国强", "淑珍", "志明",
         "春梅", "金水", "阿妹", "振南", "美玲", "清泉", "宝珠", "荣华", "开通", "巧玲", "天佑", "少华"]
OCCUPATIONS = ["农民", "个体工商户", "务工人员", "教师", "退休职工", "渔民", "企业职工", "村干部"]

DEMO_ACCOUNTS = [
    # username, display name, roles, institution, area names (village, grid)
    ("admin", "系统管理员", ["admin"], None, []),
    ("grid1", "许华山", ["mediator", "grid_worker"], "光渺村人民调解委员会", [("光渺村", "第一网格")]),
    ("grid2", "蔡美玲", ["mediator", "grid_worker"], "井林村人民调解委员会", [("井林村", "第二网格")]),
    ("center", "黄志嘉", ["center_staff"], "东石镇矛盾纠纷多元化解中心", []),
    ("lawyer", "陈清泉", ["lawyer"], "福建泉晋律师事务所", []),
    ("notary", "林淑珍", ["notary"], "福建省晋江市公证处", []),
    ("judge", "王振南", ["judge"], "晋江市人民法院东石人民法庭", []),
    ("judge2", "郑天佑", ["judge"], "晋江市人民法院安海人民法庭", []),
    ("secretary", "颜巧玲", ["secretary"], None, [("光渺村", None)]),
]


def _area(code, name, kind, parent):
    area = db.session.scalar(select(Area).where(Area.code == code))
    return area or create_area(None, code=code, name=name, kind=kind, parent=parent)


def _institution(name, short_name, kind, area, address=""):
    inst = db.session.scalar(select(Institution).where(Institution.name == name))
    return inst or save_institution(None, None, name=name, short_name=short_name, kind=kind, area=area,
                                    address=address)


def demo_id_number(rng: random.Random, region: str, born: date, sex: str) -> str:
    seq = rng.randrange(10, 99) * 10 + (rng.choice([1, 3, 5, 7, 9]) if sex == "男" else rng.choice([0, 2, 4, 6, 8]))
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def seed(password: str) -> list[str]:
    county = _area(COUNTY[0], COUNTY[1], "county", None)
    villages: dict[str, Area] = {}
    grids: dict[tuple[str, str], Area] = {}
    towns: dict[str, Area] = {}
    for (town_code, town_name), village_names in TOWNS.items():
        town = towns[town_name] = _area(town_code, town_name, "town", county)
        for vi, vname in enumerate(village_names, start=1):
            village = villages[vname] = _area(f"{town_code}{vi:03d}", vname, "village", town)
            for gi, gname in enumerate(GRIDS_PER_VILLAGE, start=1):
                grid = grids[(vname, gname)] = _area(f"{village.code}{gi:02d}", gname, "grid", village)
                for mi in (1, 2):
                    _area(f"{grid.code}{mi:02d}", f"{gname[:2]}{'一二'[mi - 1]}微网格", "microgrid", grid)

    dongshi, anhai = towns["东石镇"], towns["安海镇"]
    for name, short, kind, area in [
        ("东石镇人民调解委员会", "东石镇", "mediation_committee", dongshi),
        ("安海镇人民调解委员会", "安海镇", "mediation_committee", anhai),
        ("光渺村人民调解委员会", "光渺村", "mediation_committee", villages["光渺村"]),
        ("井林村人民调解委员会", "井林村", "mediation_committee", villages["井林村"]),
        ("萧下村人民调解委员会", "萧下村", "mediation_committee", villages["萧下村"]),
        ("郭岑村人民调解委员会", "郭岑村", "mediation_committee", villages["郭岑村"]),
        ("东石镇矛盾纠纷多元化解中心", "东石镇矛调", "mediation_center", dongshi),
        ("晋江市矛盾纠纷多元化解中心", "晋江市矛调", "mediation_center", county),
        ("东石镇自然资源所", "东石自然资源", "department", dongshi),
        ("福建泉晋律师事务所", "泉晋律所", "law_office", county),
        ("福建省晋江市公证处", "晋江公证", "notary_office", county),
        ("晋江市人民法院东石人民法庭", "东石法庭", "court", dongshi),
        ("晋江市人民法院安海人民法庭", "安海法庭", "court", anhai),
    ]:
        _institution(name, short, kind, area, address=f"福建省{COUNTY[1]}{area.name if area != county else ''}")

    lines = ["演示数据 / demo data:"]
    for username, display, roles, inst_name, area_keys in DEMO_ACCOUNTS:
        if db.session.scalar(select(User).where(User.username == username)):
            continue
        inst = db.session.scalar(select(Institution).where(Institution.name == inst_name)) if inst_name else None
        areas = [grids[(v, g)] if g else villages[v] for v, g in area_keys]
        create_user(None, username=username, display_name=display, roles=roles, password=password,
                    institution=inst, areas=areas, must_change_password=False)

    _seed_villagers(villages, grids)
    lines.append(f"  账号 accounts: {', '.join(a[0] for a in DEMO_ACCOUNTS)} — 密码 password: {password}")
    return lines


def _seed_villagers(villages, grids) -> None:
    if db.session.scalar(select(Person.id).limit(1)) is not None:
        return
    rng = random.Random(2026)  # reproducible demo people
    used = set()
    for (vname, _grid_name), grid in grids.items():
        for _ in range(6):
            while True:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                if name not in used:
                    used.add(name)
                    break
            sex = rng.choice(["男", "女"])
            born = date(rng.randrange(1950, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
            create_person(None, PersonData(
                name=name, sex=sex, birth_date=born, occupation=rng.choice(OCCUPATIONS),
                id_number=demo_id_number(rng, "350582", born, sex),
                phone=f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
                address=f"福建省晋江市{grid.parent.parent.name}{vname}{rng.randrange(1, 300)}号",
                area=grid,
            ))
