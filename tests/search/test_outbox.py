"""The outbox: changes reach the index after commit, survive a crash, never block on a busy writer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from mediation.extensions import db
from mediation.search import service
from mediation.search.models import SearchOutbox
from tests.search.factories import make_case

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, os, signal, sys
from mediation import create_app
from mediation.extensions import db
url, instance, backend, action = sys.argv[1:5]
app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "SEARCH_BACKEND": backend},
                 instance_path=instance)
with app.app_context():
    from mediation.auth.models import User
    from mediation.search import service
    from mediation.search.backends import get_backend
    if action == "create-and-die":
        from tests.search.factories import make_case
        # die right after the database commit, before anything reaches the index
        get_backend().apply_pending = lambda batch=500: os.kill(os.getpid(), signal.SIGKILL)
        user = db.session.scalar(db.select(User).where(User.username == "grid1"))
        make_case(user, user.areas[0], title="渔船碰撞赔偿纠纷", people=["柯振南", "庄美玲"])
        print("not killed")
    else:
        with app.test_request_context("/search"):  # the first search request after the restart
            admin = db.session.scalar(db.select(User).where(User.username == "admin"))
            print(json.dumps([i.hit.object_id for i in service.search(admin, service.Criteria(q="柯振南")).items]))
"""


def run_child(app, action: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", CHILD, app.config["SQLALCHEMY_DATABASE_URI"], app.instance_path,
                           app.config["SEARCH_BACKEND"], action], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def pending() -> int:
    return db.session.scalar(select(func.count()).select_from(SearchOutbox))


def test_kill_after_commit_before_index_write_loses_nothing(backend, world, app):
    killed = run_child(app, "create-and-die")
    assert killed.returncode == -9, killed.stderr
    assert "not killed" not in killed.stdout
    db.session.expire_all()
    from mediation.cases.models import Case

    case = db.session.scalar(select(Case).where(Case.title == "渔船碰撞赔偿纠纷"))
    assert case is not None, "the commit happened"
    assert pending() >= 1
    assert backend.digests().get(f"case:{case.id}") is None, "nothing reached the index"
    db.session.commit()  # end this test's read transaction, as a finished request would
    restarted = run_child(app, "search")  # a fresh process applies what is pending on its first search
    assert restarted.returncode == 0, restarted.stderr
    assert json.loads(restarted.stdout.strip().splitlines()[-1]) == [case.id]
    assert pending() == 0


def test_rolled_back_changes_leave_no_trace(backend, world):
    make_case(world.grid1_user, world.grid1, title="鱼塘承包纠纷", people=["罗家豪", "谢思远"], commit=False)
    assert pending() > 0  # queued in the same transaction …
    db.session.rollback()
    assert pending() == 0  # … and gone with it
    assert service.search(world.admin, service.Criteria(q="罗家豪")).total == 0


def test_renaming_a_party_reindexes_the_case(backend, world):
    case = make_case(world.grid1_user, world.grid1, title="祖厝漏水纠纷", people=["彭俊杰", "吕丽华"])
    person = case.parties[0].person
    person.name = "彭俊熙"
    db.session.commit()
    assert [i.hit.object_id for i in service.search(world.admin, service.Criteria(q="彭俊熙")).items] == [case.id]
    assert service.search(world.admin, service.Criteria(q="彭俊杰")).total == 0


def test_status_change_and_delete_reach_the_index(backend, world):
    from mediation.cases import operations as ops

    case = make_case(world.grid1_user, world.grid1, title="停车位占用纠纷", people=["卢美玲", "蒋天佑"])
    ops.accept_case(world.grid1_user, case)
    db.session.commit()
    assert service.search(world.admin, service.Criteria(q="停车位", status="accepted")).total == 1
    db.session.delete(case)
    db.session.commit()
    assert service.search(world.admin, service.Criteria(q="停车位")).total == 0
    assert backend.digests() == {}


def test_a_busy_writer_leaves_rows_pending_for_sync(whoosh, world, runner):
    writer = whoosh.index().writer()  # another process is writing
    try:
        make_case(world.grid1_user, world.grid1, title="彩礼退还纠纷", people=["傅雅婷", "程思远"])
        assert pending() > 0
    finally:
        writer.cancel()
    assert "case" not in {k.split(":")[0] for k in whoosh.digests()}
    result = runner.invoke(args=["search", "sync"])
    assert result.exit_code == 0, result.output
    assert "applied" in result.output and "0 pending" in result.output
    assert service.search(world.admin, service.Criteria(q="傅雅婷")).total == 1


def test_check_lists_differences_and_reindex_repairs_them(backend, world, runner):
    case = make_case(world.grid1_user, world.grid1, title="租金结算纠纷", people=["唐国强", "韩春梅"])
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    backend.clear()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1 and f"not in the index: case:{case.id}" in result.output
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "docs/s" in result.output and "indexed" in result.output
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    assert service.search(world.admin, service.Criteria(q="唐国强")).total == 1


def test_a_released_savepoint_does_not_apply_the_outbox_early(backend, world):
    # Releasing a SAVEPOINT fires SQLAlchemy's after_commit while the outer transaction still holds
    # the SQLite write lock; applying then would wait on a second connection for our own lock.
    case = make_case(world.grid1_user, world.grid1, title="晒谷场占用纠纷", people=["符海峰", "庞秀兰"], commit=False)
    with db.session.begin_nested():
        case.title = "晒谷场占用纠纷（已更新）"
    assert pending() > 0, "rows stay pending inside the outer transaction"
    assert backend.digests().get(f"case:{case.id}") is None
    db.session.commit()
    assert pending() == 0
    assert [i.hit.object_id for i in service.search(world.admin, service.Criteria(q="符海峰")).items] == [case.id]
