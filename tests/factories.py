"""Factories for every model: sensible defaults, override what the test is about.

Each factory adds and flushes (so ids exist) and commits, like a finished request would.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date
from functools import cache

from werkzeug.security import generate_password_hash

from mediation.areas.models import Area, Institution
from mediation.auth.models import User
from mediation.extensions import db
from mediation.people.models import Person
from mediation.personal_data import id_check_char

PASSWORD = "test-pass-2026"
_seq = itertools.count(1)


@cache
def _password_hash() -> str:
    # scrypt is deliberately slow; hash the shared test password once per run.
    return generate_password_hash(PASSWORD, method="scrypt")


def _commit(obj):
    db.session.add(obj)
    db.session.commit()
    return obj


def make_area(name: str | None = None, kind: str = "grid", parent: Area | None = None, code: str | None = None,
              **kw) -> Area:
    n = next(_seq)
    area = Area(code=code or f"T{n:06d}", name=name or f"区划{n}", kind=kind, parent=parent, **kw)
    db.session.add(area)
    db.session.flush()
    area.path = (parent.path if parent else "/") + f"{area.id}/"
    return _commit(area)


def make_institution(name: str | None = None, kind: str = "mediation_committee", area: Area | None = None,
                     short_name: str | None = None, **kw) -> Institution:
    n = next(_seq)
    area = area or make_area(kind="town")
    return _commit(Institution(name=name or f"机构{n}", short_name=short_name or f"机构{n}", kind=kind,
                               area=area, **kw))


def make_user(username: str | None = None, roles=("mediator",), areas=(), institution: Institution | None = None,
              display_name: str | None = None, **kw) -> User:
    n = next(_seq)
    user = User(username=username or f"user{n}", display_name=display_name or f"用户{n}",
                password_hash=_password_hash(), institution=institution, **kw)
    user.set_roles(roles)
    db.session.add(user)
    db.session.flush()
    user.set_areas(list(areas))
    return _commit(user)


def valid_id_number(born: date | None = None, region: str = "350582", seq: int | None = None) -> str:
    born = born or date(1980, 5, 17)
    seq = seq if seq is not None else random.randrange(100, 1000)
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def make_person(name: str | None = None, area: Area | None = None, **kw) -> Person:
    n = next(_seq)
    kw.setdefault("id_number", valid_id_number(date(1970 + n % 40, 1 + n % 12, 1 + n % 28), seq=n % 1000))
    kw.setdefault("phone", f"139{n:08d}")
    kw.setdefault("sex", "男")
    return _commit(Person(name=name or f"当事人{n}", area=area, **kw))


@dataclass
class World:
    county: Area
    town: Area
    village1: Area
    village2: Area
    grid1: Area
    grid2: Area
    committee1: Institution
    committee2: Institution
    town_committee: Institution
    center: Institution
    department: Institution
    law_office: Institution
    notary_office: Institution
    court: Institution
    court2: Institution
    admin: User
    grid1_user: User
    grid2_user: User
    center_user: User
    lawyer: User
    notary: User
    judge: User
    judge2: User
    secretary: User

    def user(self, key: str) -> User:
        return {"admin": self.admin, "grid1": self.grid1_user, "grid2": self.grid2_user,
                "center": self.center_user, "lawyer": self.lawyer, "notary": self.notary,
                "judge": self.judge, "judge2": self.judge2, "secretary": self.secretary}[key]


def make_world() -> World:
    county = make_area("晋江市", "county", code="W350582")
    town = make_area("东石镇", "town", county, code="W350582105")
    village1 = make_area("光渺村", "village", town, code="W350582105001")
    village2 = make_area("井林村", "village", town, code="W350582105002")
    grid1 = make_area("第一网格", "grid", village1, code="W35058210500101")
    grid2 = make_area("第二网格", "grid", village2, code="W35058210500202")
    committee1 = make_institution("光渺村人民调解委员会", "mediation_committee", village1, "光渺村")
    committee2 = make_institution("井林村人民调解委员会", "mediation_committee", village2, "井林村")
    town_committee = make_institution("东石镇人民调解委员会", "mediation_committee", town, "东石镇")
    center = make_institution("东石镇矛盾纠纷多元化解中心", "mediation_center", town, "东石镇矛调")
    department = make_institution("东石镇自然资源所", "department", town, "东石自然资源")
    law_office = make_institution("福建泉晋律师事务所", "law_office", county, "泉晋律所")
    notary_office = make_institution("福建省晋江市公证处", "notary_office", county, "晋江公证")
    court = make_institution("晋江市人民法院东石人民法庭", "court", town, "东石法庭")
    court2 = make_institution("晋江市人民法院安海人民法庭", "court", county, "安海法庭")
    return World(
        county, town, village1, village2, grid1, grid2, committee1, committee2, town_committee, center,
        department, law_office, notary_office, court, court2,
        admin=make_user("admin", ["admin"], display_name="系统管理员"),
        grid1_user=make_user("grid1", ["mediator", "grid_worker"], [grid1], committee1, display_name="许华山"),
        grid2_user=make_user("grid2", ["mediator", "grid_worker"], [grid2], committee2, display_name="蔡美玲"),
        center_user=make_user("center", ["center_staff"], [], center, display_name="黄志嘉"),
        lawyer=make_user("lawyer", ["lawyer"], [], law_office, display_name="陈清泉"),
        notary=make_user("notary", ["notary"], [], notary_office, display_name="林淑珍"),
        judge=make_user("judge", ["judge"], [], court, display_name="王振南"),
        judge2=make_user("judge2", ["judge"], [], court2, display_name="郑天佑"),
        secretary=make_user("secretary", ["secretary"], [village1], display_name="颜巧玲"),
    )
