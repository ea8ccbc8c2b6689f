"""Generate a realistic case corpus: areas, committees, villagers, cases with parties, sessions, timelines.

    python -m bench.generate --cases 100000                      # into instance/ (upgraded first)
    python -m bench.generate --cases 20000 --instance /tmp/b --seed 7

Reproducible (`--seed`). Rows are bulk-inserted (no ORM events), so the search index is not updated:
run `flask search reindex` afterwards if you need it. The generator functions are importable:
`build_areas`, `build_people`, `case_rows` and `generate` take a random.Random and plain lists.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mediation.cases.sample_texts import dispute, person_name  # noqa: E402

TOWNS = ["东石镇", "安海镇", "金井镇", "龙湖镇", "英林镇"]
VILLAGES_PER_TOWN = 10
GRIDS_PER_VILLAGE = 4
PEOPLE_PER_GRID = 250
STATUS_WEIGHTS = {"registered": 4, "accepted": 4, "mediating": 8, "agreed": 10, "fulfilled": 12, "closed": 50,
                  "declined": 3, "withdrawn": 4, "failed": 5}
SOURCES = ["网格员排查", "群众来访", "电话/12345热线", "部门移交", "法院委派"]
BATCH = 5000


@dataclass
class Corpus:
    county: object
    towns: list
    grids: list  # Area rows of kind grid
    committee_of: dict  # grid id → committee Institution
    people_of: dict  # grid id → [person ids]


def build_areas(db, rng: random.Random, prefix: str = "B") -> Corpus:
    """A county with 5 towns × 10 villages × 4 grids; a committee per village and per town, a center per town.

    `prefix` keeps area codes apart from real ones; use a fresh database (institution names are fixed).
    """
    from mediation.areas.models import Area, Institution

    def area(code, name, kind, parent):
        a = Area(code=code, name=name, kind=kind, parent=parent)
        db.session.add(a)
        db.session.flush()
        a.path = (parent.path if parent else "/") + f"{a.id}/"
        return a

    county = area(f"{prefix}350582", "晋江市", "county", None)
    towns, grids, committee_of = [], [], {}
    for ti, town_name in enumerate(TOWNS, start=1):
        town = area(f"{prefix}350582{ti:03d}", f"{town_name}", "town", county)
        towns.append(town)
        db.session.add(Institution(name=f"{town_name}人民调解委员会", short_name=town_name,
                                   kind="mediation_committee", area=town))
        db.session.add(Institution(name=f"{town_name}矛盾纠纷多元化解中心", short_name=f"{town_name}矛调",
                                   kind="mediation_center", area=town))
        for vi in range(1, VILLAGES_PER_TOWN + 1):
            vname = f"{rng.choice('光井萧梅金湖龙郭洪朝石塘山')}{rng.choice('渺林下峰函头岑塘山溪埔')}{vi}村"
            village = area(f"{town.code}{vi:03d}", vname, "village", town)
            committee = Institution(name=f"{town_name}{vname}人民调解委员会", short_name=vname,
                                    kind="mediation_committee", area=village)
            db.session.add(committee)
            for gi in range(1, GRIDS_PER_VILLAGE + 1):
                grid = area(f"{village.code}{gi:02d}", f"第{'一二三四五六'[gi - 1]}网格", "grid", village)
                grids.append(grid)
                committee_of[grid.id] = committee
    db.session.flush()
    return Corpus(county, towns, grids, committee_of, {})


def build_people(db, rng: random.Random, corpus: Corpus, per_grid: int = PEOPLE_PER_GRID) -> None:
    """Villagers with valid, unique ID numbers and phones, bulk-inserted."""
    from sqlalchemy import insert, select

    from mediation.db import utcnow
    from mediation.people.models import Person
    from mediation.personal_data import id_check_char

    now = utcnow()
    rows, seen = [], set()
    for grid in corpus.grids:
        for _ in range(per_grid):
            while True:
                born = date(rng.randrange(1945, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
                first17 = f"350582{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
                if first17 not in seen:
                    seen.add(first17)
                    break
            rows.append({"name": person_name(rng), "sex": "男" if int(first17[16]) % 2 else "女", "birth_date": born,
                         "id_number": first17 + id_check_char(first17), "phone": f"13{rng.randrange(10**8, 10**9)}",
                         "address": f"福建省晋江市{grid.parent.name}{rng.randrange(1, 400)}号", "area_id": grid.id,
                         "ethnicity": "汉族", "occupation": "", "legal_representative": "", "is_organisation": False,
                         "created_at": now, "updated_at": now})
    for i in range(0, len(rows), BATCH):
        db.session.execute(insert(Person), rows[i:i + BATCH])
    ids = db.session.execute(select(Person.id, Person.area_id).where(Person.area_id.in_([g.id for g in corpus.grids])))
    for pid, area_id in ids:
        corpus.people_of.setdefault(area_id, []).append(pid)


def case_rows(rng: random.Random, corpus: Corpus, n: int, *, mediator_ids=None, today: date | None = None):
    """Yield (case row, parties, extra) for n cases: statuses, dates, deadlines and texts are realistic."""
    today = today or date.today()
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    for _ in range(n):
        grid = rng.choice(corpus.grids)
        d = dispute(rng, village=grid.parent.name)
        status = rng.choices(statuses, weights)[0]
        age = rng.randrange(0, 40) if status in ("registered", "accepted", "mediating") else rng.randrange(10, 1000)
        created = datetime.combine(today - timedelta(days=age), datetime.min.time(), tzinfo=UTC) + timedelta(
            minutes=rng.randrange(8 * 60, 18 * 60))
        accepted = None if status in ("registered", "declined") else (created.date() + timedelta(days=1))
        deadline = accepted + timedelta(days=30) if accepted and status in ("accepted", "mediating") else None
        outcome = {"agreed": d["agreement"], "fulfilled": d["agreement"], "closed": d["agreement"],
                   "failed": d["failure"], "declined": "不属于人民调解受理范围", "withdrawn": "双方自行和解"}.get(status, "")
        row = {"title": d["title"], "category": d["category"], "source": rng.choice(SOURCES), "area_id": grid.id,
               "occurred_on": created.date() - timedelta(days=rng.randrange(0, 20)), "description": d["description"],
               "amount_fen": d["amount"] * 100 if rng.random() < 0.6 else None,
               "risk_level": rng.choices(["normal", "serious", "major"], [85, 12, 3])[0],
               "is_violence_risk": rng.random() < 0.03, "status": status, "rung": "grid",
               "mediator_id": rng.choice(mediator_ids) if mediator_ids else None, "accepted_on": accepted,
               "deadline": deadline, "outcome": outcome, "created_at": created, "updated_at": created,
               "ended_at": created + timedelta(days=20) if status in ("closed", "declined", "withdrawn") else None}
        people = rng.sample(corpus.people_of[grid.id], 2)
        yield row, people, d


def generate(db, n: int, seed: int = 42, *, mediator_ids=None) -> Corpus:
    """Build areas, people and n cases (with parties, a session and timeline entries) in the current database."""
    from sqlalchemy import func, insert, select

    from mediation.cases.models import Case, CaseEvent, CaseParty, MediationSession
    from mediation.numbering import NumberSequence

    rng = random.Random(seed)
    corpus = build_areas(db, rng)
    build_people(db, rng, corpus)
    seqs: dict[tuple[int, int], int] = {}
    pending: list[tuple[dict, list, dict]] = []

    def flush():
        rows = [p[0] for p in pending]
        db.session.execute(insert(Case), rows)
        numbers = [r["number"] for r in rows]
        ids = dict(db.session.execute(select(Case.number, Case.id).where(Case.number.in_(numbers))).all())
        parties, events, sessions = [], [], []
        for row, people, d in pending:
            cid = ids[row["number"]]
            parties += [{"case_id": cid, "person_id": people[0], "role": "applicant"},
                        {"case_id": cid, "person_id": people[1], "role": "respondent"}]
            events.append({"case_id": cid, "at": row["created_at"], "action": "create", "to_status": "registered",
                           "actor_name": "网格员", "from_status": "", "note": ""})
            if row["accepted_on"]:
                events.append({"case_id": cid, "at": row["created_at"] + timedelta(days=1), "action": "accept",
                               "from_status": "registered", "to_status": "accepted", "actor_name": "网格员", "note": ""})
            if row["status"] not in ("registered", "accepted", "declined", "withdrawn"):
                sessions.append({"case_id": cid, "held_on": row["accepted_on"] + timedelta(days=3),
                                 "place": f"{d['village']}人民调解室", "participants": f"{d['a']}、{d['b']}",
                                 "record": d["session"], "outcome": "continue", "created_at": row["created_at"]})
        db.session.execute(insert(CaseParty), parties)
        db.session.execute(insert(CaseEvent), events)
        if sessions:
            db.session.execute(insert(MediationSession), sessions)
        pending.clear()

    for row, people, d in case_rows(rng, corpus, n, mediator_ids=mediator_ids):
        committee = corpus.committee_of[row["area_id"]]
        year = row["created_at"].year
        seq = seqs[(committee.id, year)] = seqs.get((committee.id, year), 0) + 1
        row.update(number=f"{committee.short_name}调〔{year}〕{seq:04d}号", committee_id=committee.id, year=year,
                   seq=seq)
        pending.append((row, people, d))
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()
    for (committee_id, year), last in seqs.items():  # later intakes continue the numbering without gaps
        db.session.execute(insert(NumberSequence).values(key=f"case:{committee_id}", year=year, last_value=last))
    db.session.flush()
    assert db.session.scalar(select(func.count()).select_from(Case)) >= n
    return corpus


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--instance", help="instance folder (default: MEDIATION_INSTANCE_PATH or ./instance)")
    args = parser.parse_args(argv)
    from flask_migrate import upgrade

    from mediation import create_app
    from mediation.extensions import db

    app = create_app(instance_path=args.instance)
    with app.app_context():
        upgrade(directory=str(Path(app.root_path) / "migrations"))
        started = time.perf_counter()
        generate(db, args.cases, args.seed)
        db.session.commit()
        took = time.perf_counter() - started
    print(f"generated {args.cases} cases in {took:.1f} s ({args.cases / took:.0f} cases/s) → "
          f"{app.config['SQLALCHEMY_DATABASE_URI']}")


if __name__ == "__main__":
    main()
