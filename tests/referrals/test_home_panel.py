"""An office's home page lists the referrals waiting for it — only its own."""

import re

from sqlalchemy import select

from mediation.referrals.models import Referral


def test_judge_home_lists_waiting_referrals_of_their_court_only(runner, login, db):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    from mediation.auth.models import User

    judge = db.session.scalar(select(User).where(User.username == "judge"))
    judge2 = db.session.scalar(select(User).where(User.username == "judge2"))
    waiting = db.session.scalars(select(Referral).where(Referral.to_institution_id == judge.institution_id,
                                                        Referral.status.in_(("submitted", "accepted", "materials"))))
    numbers = {r.number for r in waiting}
    assert numbers, "the demo has a referral waiting at 东石人民法庭"

    html = login(judge, password="demo-pass-2026").get("/").get_data(as_text=True)
    assert "待本机构办理的转介" in html
    assert numbers <= set(re.findall(r"转〔\d{4}〕\d+号", html))

    other = login(judge2, password="demo-pass-2026").get("/").get_data(as_text=True)
    assert not numbers & set(re.findall(r"转〔\d{4}〕\d+号", other))


def test_roles_without_a_queue_see_no_panel(world, login):
    assert "待本机构办理的转介" not in login(world.secretary).get("/").get_data(as_text=True)
    assert "待本机构办理的转介" in login(world.judge).get("/").get_data(as_text=True)
