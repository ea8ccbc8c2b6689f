"""Cases benchmark: API intakes per second and the area case list page at N cases, next to a bare route.

    .venv/bin/python -m bench.cases                       # 100,000 cases in a temporary SQLite instance
    .venv/bin/python -m bench.cases --cases 20000 --instance /tmp/bench-cases --reuse
    .venv/bin/python -m bench.cases --database-url postgresql+psycopg://postgres@127.0.0.1/bench_cases

The app runs under gunicorn (2 sync workers, like a small production box) in a subprocess; the same
server also answers a bare Flask route (`/bench/bare`, no database, no template) so the numbers of
one run can be compared with the machine's floor. Latencies are measured one request at a time
(p50/p95); throughput with `--concurrency` client threads.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "bench-pass-2026"
LIST_URLS = ["/cases/", "/cases/?status=mediating", "/cases/?deadline=overdue", "/cases/?page=40",
             "/cases/?category=邻里纠纷&sort=deadline", "/cases/?risk=serious&date_from=2025-01-01"]


def wsgi_app():
    """The application plus a bare route, for gunicorn: `bench.cases:wsgi_app()`."""
    from mediation import create_app

    app = create_app()

    @app.get("/bench/bare")
    def bare():
        return "ok"

    return app


def prepare(n: int, seed: int) -> dict:
    """Generate the corpus and the benchmark accounts; returns what the client needs."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from bench.generate import generate
    from mediation.areas.models import Institution
    from mediation.auth.operations import create_api_token, create_user
    from mediation.extensions import db
    from mediation.people.models import Person

    app = wsgi_app()
    with app.app_context():
        upgrade(directory=str(Path(app.root_path) / "migrations"))
        started = time.perf_counter()
        corpus = generate(db, n, seed)
        county_center = Institution(name="晋江市矛盾纠纷调处化解中心", short_name="晋江矛调", kind="mediation_center",
                                    area=corpus.county)
        db.session.add(county_center)
        town = corpus.towns[0]
        town_user = create_user(None, username="bench_town", display_name="镇调解员", roles=["mediator"],
                                password=PASSWORD, areas=[town], must_change_password=False)[0]
        create_user(None, username="bench_county", display_name="县矛调中心", roles=["center_staff"],
                    password=PASSWORD, institution=county_center, must_change_password=False)
        token = create_api_token(town_user, name="bench")
        grid = next(g for g in corpus.grids if g.path.startswith(town.path))
        people = list(db.session.scalars(select(Person.id).where(Person.area_id == grid.id)))
        db.session.commit()
        took = time.perf_counter() - started
        in_town = sum(1 for g in corpus.grids if g.path.startswith(town.path))
    return {"token": token, "grid_id": grid.id, "people": people, "generate_seconds": took,
            "town_share": in_town / len(corpus.grids)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "bench.cases:wsgi_app()"], cwd=ROOT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/bench/bare", timeout=1).read()  # noqa: S310 — local server
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def login(base: str, username: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrf_token": token}).encode()
    opener.open(base + "/login", data=data).read()
    assert "退出" in opener.open(base + "/").read().decode(), f"login as {username} failed"
    return opener


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[int(p) - 1] if len(values) > 1 else values[0]


def measure(label: str, fn, count: int, concurrency: int) -> dict:
    for _ in range(5):
        fn(0)
    sequential = [timed(lambda i=i: fn(i)) for i in range(count)]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(fn, range(count)))
    rate = count / (time.perf_counter() - started)
    row = {"what": label, "p50_ms": round(pct(sequential, 50), 1), "p95_ms": round(pct(sequential, 95), 1),
           "req_per_s": round(rate, 1)}
    print(f"  {label:<46} p50 {row['p50_ms']:>7.1f} ms   p95 {row['p95_ms']:>7.1f} ms   "
          f"{row['req_per_s']:>7.1f} req/s (x{concurrency})", flush=True)
    return row


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--instance", help="instance folder (default: a temporary one, removed afterwards)")
    parser.add_argument("--database-url", help="e.g. postgresql+psycopg://… (default: SQLite in the instance)")
    parser.add_argument("--reuse", action="store_true", help="the instance already holds the corpus (state.json)")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--intakes", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)

    instance = Path(args.instance or tempfile.mkdtemp(prefix="bench-cases-"))
    instance.mkdir(parents=True, exist_ok=True)
    os.environ["MEDIATION_INSTANCE_PATH"] = str(instance)
    os.environ["MEDIATION_RATELIMIT_ENABLED"] = "false"
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    state_file = instance / "bench-state.json"
    if args.reuse and state_file.exists():
        state = json.loads(state_file.read_text())
    else:
        print(f"generating {args.cases} cases in {instance} …", flush=True)
        state = prepare(args.cases, args.seed)
        state_file.write_text(json.dumps(state))
        print(f"  generated in {state['generate_seconds']:.0f} s", flush=True)
    proc, base = start_server(dict(os.environ), args.workers)
    try:
        run(base, state, args)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        if not args.instance:
            shutil.rmtree(instance, ignore_errors=True)


def run(base: str, state: dict, args) -> None:
    from mediation.db import today

    print(f"cases: {args.cases}; gunicorn {args.workers} workers; {args.requests} requests per line")
    bare = urllib.request.build_opener()
    measure("bare Flask route /bench/bare", lambda i: bare.open(base + "/bench/bare").read(), args.requests,
            args.concurrency)
    for username, label in (("bench_town", f"town mediator (~{state['town_share']:.0%} of cases)"),
                            ("bench_county", "county center (all cases)")):
        opener = login(base, username)
        measure(f"/cases/ first page, {label}", lambda i, o=opener: o.open(base + "/cases/").read(), args.requests,
                args.concurrency)
        measure(f"/cases/ filter mix, {label}",
                lambda i, o=opener: o.open(base + urllib.parse.quote(LIST_URLS[i % len(LIST_URLS)], safe="/?=&")).read(),
                args.requests, args.concurrency)

    people = state["people"]

    def intake(i: int):
        body = {"title": f"基准测试登记{i}", "category": "邻里纠纷", "source": "电话/12345热线",
                "area_id": state["grid_id"], "occurred_on": today().isoformat(), "confirm_duplicate": True,
                "description": "12345热线转来：邻居装修噪音扰民。",
                "parties": [{"role": "applicant", "person_id": people[(2 * i) % len(people)]},
                            {"role": "respondent", "person_id": people[(2 * i + 1) % len(people)]}]}
        req = urllib.request.Request(base + "/api/v1/cases", data=json.dumps(body).encode(), method="POST",  # noqa: S310
                                     headers={"Authorization": f"Bearer {state['token']}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as resp:  # noqa: S310 — local server
            assert resp.status == 201

    measure("POST /api/v1/cases (intake)", intake, args.intakes, args.concurrency)


if __name__ == "__main__":
    main()
