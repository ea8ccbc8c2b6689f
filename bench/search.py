"""Search benchmark: build the index for N generated cases, then measure recall and latency.

    .venv/bin/python bench/search.py                 # 100,000 cases, Whoosh, SQLite in a temp folder
    .venv/bin/python bench/search.py -n 20000 --queries 200 --keep /tmp/bench-search

Prints build time and docs/s, index size, recall (and precision) against substring truth, p50/p95 of
the project's search function (`mediation.search.service.search`: scope, counts per facet, first page
with highlighted snippets) for a fixed query set of names, 2-character words, multi-word and
Traditional-script queries — and SQLite FTS5 with the trigram tokenizer on the same corpus as the
reference (2-character words through `instr()`, since trigram MATCH cannot see them).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SURNAMES = "蔡黄许陈王李张林吴郑洪颜施苏康曾沈周刘杨赵孙朱何郭罗谢宋唐韩冯邓萧程傅彭吕卢蒋蓝柯庄"
GIVEN = "文辉东华山志嘉秀英建国丽明亮海燕强淑珍春梅金水阿妹振南美玲清泉宝珠荣开通巧天佑少卿雅婷家豪思远俊杰"
THINGS = ["宅基地", "围墙", "排水沟", "果树", "养殖场", "工资", "借款", "装修", "耕地", "山林", "交通事故", "婚后财产",
          "赡养费", "渔船", "鱼塘", "水渠", "祖厝", "停车位", "物业费", "彩礼", "医疗费", "货款", "租金", "征地补偿款"]
PROBLEMS = ["边界", "越界", "堵塞", "遮光", "异味", "拖欠", "未还", "噪音", "承包", "权属", "赔偿", "分割", "支付",
            "碰撞", "漏水", "占用", "退还", "结算"]
SENTENCES = [
    "双方因{t}问题多次发生口角，{a}到网格员处反映情况。", "网格员{m}接报后当天上门走访，了解双方诉求。",
    "{a}称对方{p}已有两年，多次协商未果。", "{b}认为{t}的界线应以原有旧墙为准，不同意对方主张。",
    "村调委会组织双方到村委会调解室面对面协商。", "经现场勘查，{t}确实存在{p}情况，涉及金额约{n}元。",
    "调解员以案释法，讲解民法典相邻关系的有关规定。", "双方同意由村两委见证，分期支付{n}元。",
    "邻居和村民小组长也参加了调解，帮助双方消除误会。", "{b}表示愿意在{d}日内完成整改并赔偿损失。",
    "由于双方分歧较大，调解员建议先冷静处理，择日再调。", "双方签署了人民调解协议书，约定履行期限和方式。",
]


def generate(db, n: int, seed: int):
    """n cases with two parties each, inserted in bulk (no ORM events); returns (admin, grid user)."""
    from sqlalchemy import insert

    from mediation.areas.models import Area, Institution
    from mediation.auth.models import User
    from mediation.cases.models import CATEGORIES, Case, CaseParty
    from mediation.people.models import Person

    rng = random.Random(seed)

    def area(code, name, kind, parent):
        a = Area(code=code, name=name, kind=kind, parent=parent)
        db.session.add(a)
        db.session.flush()
        a.path = (parent.path if parent else "/") + f"{a.id}/"
        return a

    county = area("BC", "晋江市", "county", None)
    grids, committees = [], {}
    for ti, town_name in enumerate(["东石镇", "安海镇", "金井镇", "英林镇"]):
        town = area(f"B{ti}", town_name, "town", county)
        committees[town.id] = Institution(name=f"{town_name}人民调解委员会", short_name=town_name,
                                          kind="mediation_committee", area=town)
        db.session.add(committees[town.id])
        for vi in range(10):
            village = area(f"B{ti}{vi:02d}", f"{town_name[:2]}{vi + 1}村", "village", town)
            grids += [(area(f"B{ti}{vi:02d}{gi}", f"第{gi + 1}网格", "grid", village), town) for gi in range(3)]
    admin = User(username="bench-admin", display_name="admin", password_hash="x")
    admin.set_roles(["admin"])
    grid_user = User(username="bench-grid", display_name="grid", password_hash="x")
    grid_user.set_roles(["mediator", "grid_worker"])
    db.session.add_all([admin, grid_user])
    db.session.flush()
    grid_user.set_areas([grids[0][0]])
    db.session.commit()

    def person_name():
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))

    chunk = 5000
    seq: dict[int, int] = {}
    for start in range(0, n, chunk):
        size = min(chunk, n - start)
        people, cases, parties = [], [], []
        for k in range(size):
            cid = start + k + 1
            a, b = person_name(), person_name()
            grid, town = rng.choice(grids)
            seq[town.id] = seq.get(town.id, 0) + 1
            t, p = rng.choice(THINGS), rng.choice(PROBLEMS)
            text = "".join(rng.choice(SENTENCES).format(t=t, p=p, a=a, b=b, m=person_name(), n=rng.randrange(5, 900) * 100,
                                                        d=rng.randrange(3, 30)) for _ in range(rng.randrange(3, 7)))
            people += [{"id": 2 * cid - 1, "name": a, "area_id": grid.id}, {"id": 2 * cid, "name": b, "area_id": grid.id}]
            cases.append({"id": cid, "number": f"{town.name}调〔2026〕{seq[town.id]:05d}号", "committee_id":
                          committees[town.id].id, "year": 2026, "seq": seq[town.id], "title": f"{a}与{b}{t}{p}纠纷",
                          "category": rng.choice(CATEGORIES), "source": "网格员排查", "area_id": grid.id,
                          "description": text, "status": rng.choice(["registered", "mediating", "agreed", "closed"])})
            parties += [{"case_id": cid, "person_id": 2 * cid - 1, "role": "applicant"},
                        {"case_id": cid, "person_id": 2 * cid, "role": "respondent"}]
        db.session.execute(insert(Person), people)
        db.session.execute(insert(Case), cases)
        db.session.execute(insert(CaseParty), parties)
        db.session.commit()
    return admin, grid_user


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def make_queries(rng: random.Random, docs: list[tuple[int, str, list[str]]], count: int) -> list[tuple[str, str]]:
    """(group, query): names, 2-character words, multi-word, Traditional."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    cjk = re.compile(r"[\u4e00-\u9fff]+")
    queries: list[tuple[str, str]] = []
    per = count // 4
    while len(queries) < per:
        _id, _text, names = rng.choice(docs)
        queries.append(("name", rng.choice(names)))
    while len(queries) < 2 * per:
        runs = [r for r in cjk.findall(rng.choice(docs)[1]) if len(r) >= 2]
        run = rng.choice(runs)
        i = rng.randrange(len(run) - 1)
        queries.append(("2-char", run[i:i + 2]))
    while len(queries) < 3 * per:
        _id, text, names = rng.choice(docs)
        runs = [r for r in cjk.findall(text) if len(r) >= 4]
        run = rng.choice(runs)
        i = rng.randrange(len(run) - 1)
        queries.append(("multi-word", f"{rng.choice(names)} {run[i:i + 2 + rng.randrange(2)]}"))
    while len(queries) < count:
        runs = [r for r in cjk.findall(rng.choice(docs)[1]) if len(r) >= 3]
        run = rng.choice(runs)
        size = rng.choice((2, 3, 4))
        i = rng.randrange(max(1, len(run) - size + 1))
        word = run[i:i + size]
        trad = s2t.convert(word)
        queries.append(("traditional", trad if trad != word else s2t.convert(run[:4])))
    return queries


def truth(folded_docs: list[tuple[int, str]], query: str, fold) -> set[int]:
    words = [w for w in fold(query).split() if w]
    return {i for i, text in folded_docs if all(w in text for w in words)}


def fts5_reference(folded_docs: list[tuple[int, str]], queries: list[str], fold, workdir: Path):
    """SQLite FTS5 trigram over the same folded texts: build time and per-query latency."""
    path = workdir / "fts5.db"
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='trigram')")
    started = time.perf_counter()
    con.executemany("INSERT INTO doc(rowid, body) VALUES (?, ?)", folded_docs)
    con.commit()
    build = time.perf_counter() - started
    times, results = [], []
    for q in queries:
        words = [w for w in fold(q).split() if w]
        long_words = [w for w in words if len(w) >= 3]
        short = [w for w in words if len(w) < 3]
        where, args = [], []
        if long_words:
            where.append("doc MATCH ?")
            args.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
        for w in short:
            where.append("instr(body, ?) > 0")
            args.append(w)
        sql_where = " AND ".join(where)
        t = time.perf_counter()  # what a results page needs: the count and the first 20
        total = con.execute(f"SELECT count(*) FROM doc WHERE {sql_where}", args).fetchone()[0]
        con.execute(f"SELECT rowid FROM doc WHERE {sql_where} LIMIT 20", args).fetchall()
        times.append(time.perf_counter() - t)
        ids = {r[0] for r in con.execute(f"SELECT rowid FROM doc WHERE {sql_where}", args)}
        results.append((total, ids))
    size = path.stat().st_size
    con.close()
    return build, size, times, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--cases", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--backend", default="whoosh", choices=("whoosh", "postgresql"))
    parser.add_argument("--database-url", default="", help="PostgreSQL URL for --backend postgresql")
    parser.add_argument("--keep", default="", help="work folder to keep (default: a temporary one)")
    args = parser.parse_args()

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="bench-search-"))
    if workdir.exists() and args.keep:
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True, exist_ok=True)

    from mediation import create_app
    from mediation.extensions import db

    url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": args.backend, "SECRET_KEY": "bench",
                      "SEARCH_APPLY_AFTER_COMMIT": False, "SQLITE_IMMEDIATE_OUTSIDE_REQUESTS": False},
                      instance_path=str(workdir / "instance"))
    with app.app_context():
        from mediation.search import analyzer, service
        from mediation.search.backends import get_backend
        from mediation.search.cli import reindex

        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        admin, grid_user = generate(db, args.cases, args.seed)
        print(f"generated {args.cases} cases in {time.perf_counter() - started:.1f} s")

        analyzer.warm_up()
        n, seconds = reindex()
        backend = get_backend()
        print(f"index ({backend.name}): {n} documents in {seconds:.1f} s = {n / seconds:.0f} docs/s; "
              f"size {backend.size_bytes() / 1e6:.1f} MB")

        from sqlalchemy import select

        from mediation.cases.models import Case, CaseParty
        from mediation.people.models import Person

        names: dict[int, list[str]] = {}
        for case_id, name in db.session.execute(select(CaseParty.case_id, Person.name)
                                                .join(Person, Person.id == CaseParty.person_id)):
            names.setdefault(case_id, []).append(name)
        texts = [(c.id, f"{c.number} {c.title}\n{' '.join(names.get(c.id, []))}\n{c.description}", names.get(c.id, []))
                 for c in db.session.execute(select(Case.id, Case.number, Case.title, Case.description))]
        fold = analyzer.fold
        folded_docs = [(i, fold(t)) for i, t, _ in texts]
        rng = random.Random(args.seed)
        queries = make_queries(rng, texts, args.queries)

        # warm: first search loads jieba's and Whoosh's structures
        service.search(admin, service.Criteria(q="纠纷"))
        latencies, scoped, found_total, truth_total, hit_total, returned_total = [], [], 0, 0, 0, 0
        by_group: dict[str, list[float]] = {}
        for group, q in queries:
            t = time.perf_counter()
            res = service.search(admin, service.Criteria(q=q, kind="case"))
            elapsed = time.perf_counter() - t
            latencies.append(elapsed)
            by_group.setdefault(group, []).append(elapsed)
            t = time.perf_counter()
            service.search(grid_user, service.Criteria(q=q))
            scoped.append(time.perf_counter() - t)
            expected = truth(folded_docs, q, fold)
            flt = service.scope_filter(admin)
            flt.kind = "case"
            got = {int(k.split(":")[1]) for k in backend.matching_keys(analyzer.parse_query(q), flt)}
            assert len(got) == res.total, (q, len(got), res.total)
            truth_total += len(expected)
            found_total += len(expected & got)
            returned_total += len(got)
            hit_total += len(got & expected)
        recall = found_total / truth_total if truth_total else 1.0
        precision = hit_total / returned_total if returned_total else 1.0
        ms = 1000
        print(f"queries: {len(queries)} ({', '.join(f'{g} {len(v)}' for g, v in by_group.items())})")
        print(f"recall vs substring truth: {recall:.4f} ({found_total}/{truth_total}); precision {precision:.4f}")
        print(f"project search (admin, counts + first page): p50 {percentile(latencies, 50) * ms:.1f} ms, "
              f"p95 {percentile(latencies, 95) * ms:.1f} ms, max {max(latencies) * ms:.1f} ms")
        for g, v in by_group.items():
            print(f"  {g:12s} p50 {percentile(v, 50) * ms:.1f} ms  p95 {percentile(v, 95) * ms:.1f} ms")
        print(f"project search (grid user, scoped): p50 {percentile(scoped, 50) * ms:.1f} ms, "
              f"p95 {percentile(scoped, 95) * ms:.1f} ms")

        build, size, fts_times, fts_results = fts5_reference(folded_docs, [q for _, q in queries], fold, workdir)
        fts_recall_hits = sum(len(ids & truth(folded_docs, q, fold)) for (_, q), (_, ids) in zip(queries, fts_results,
                                                                                               strict=True))
        print(f"FTS5 trigram reference: build {build:.1f} s ({len(folded_docs) / build:.0f} docs/s), size "
              f"{size / 1e6:.1f} MB, recall {fts_recall_hits / truth_total if truth_total else 1:.4f}, "
              f"p50 {percentile(fts_times, 50) * ms:.1f} ms, p95 {percentile(fts_times, 95) * ms:.1f} ms")
        ratio = percentile(latencies, 95) / percentile(fts_times, 95)
        print(f"project p95 / FTS5 p95 = {ratio:.1f}x")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
