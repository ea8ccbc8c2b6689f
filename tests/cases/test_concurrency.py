"""50 concurrent intakes through a real HTTP server: 50 distinct, gap-free numbers and no errors."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from mediation.auth.operations import create_api_token
from mediation.cases.models import Case
from tests import factories

N = 50


def _post(url: str, token: str, body: dict) -> tuple[int, dict]:
    assert url.startswith("http://127.0.0.1:")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:  # noqa: S310
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def test_fifty_concurrent_intakes(world, db, live_server):
    token = create_api_token(world.grid1_user, name="hotline")
    people = [factories.make_person(f"当事人{i}", world.grid1) for i in range(2 * N)]
    db.session.commit()
    bodies = [{"title": f"并发登记{i}", "category": "邻里纠纷", "source": "电话/12345热线", "area_id": world.grid1.id,
               "parties": [{"role": "applicant", "person_id": people[2 * i].id},
                           {"role": "respondent", "person_id": people[2 * i + 1].id}]} for i in range(N)]
    with ThreadPoolExecutor(max_workers=N) as pool:
        results = list(pool.map(lambda b: _post(f"{live_server}/api/v1/cases", token, b), bodies))
    assert [status for status, _ in results] == [201] * N, [r for r in results if r[0] != 201][:3]
    numbers = sorted(body["number"] for _, body in results)
    db.session.rollback()  # end this session's read snapshot so the server's commits are visible
    cases = db.session.scalars(select(Case).order_by(Case.seq)).all()
    assert len(cases) == N and len(set(numbers)) == N
    assert [c.seq for c in cases] == list(range(1, N + 1))  # gap-free
    assert numbers == sorted(c.number for c in cases)
