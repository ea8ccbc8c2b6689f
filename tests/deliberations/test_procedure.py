"""Stage order of 四议两公开, notice periods, quorum before votes, outcomes stored with the rule."""

import pytest
from sqlalchemy import func, select

from mediation.deliberations.models import Vote
from mediation.deliberations.operations import items, meetings, votes
from mediation.deliberations.operations.publication import publish
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from tests.deliberations import factories as f


def test_four_two_runs_in_order_and_each_stage_needs_its_body(world):
    admin = world.admin
    b = f.four_two_bodies(admin, world.village1)
    item = f.make_item(admin, world.village1)
    assert item.stage == "propose"
    # The representatives cannot decide before the party branch proposed.
    with pytest.raises(ValidationFailed) as exc:
        f.schedule(admin, item, b["representatives"])
    assert "body_id" in exc.value.errors
    # Publication is refused before the resolution.
    with pytest.raises(OperationError):
        publish(admin, item, "decision", "决定")
    for kind, next_stage in [("party_branch", "consult"), ("two_committees", "review"),
                             ("party_members", "resolve"), ("representatives", "decision_publication")]:
        f.pass_meeting(admin, item, b[kind])
        assert item.stage == next_stage
    publish(admin, item, "decision", "同意安装路灯")
    assert (item.stage, item.is_public) == ("implementation", True)
    publish(admin, item, "result", "路灯已安装完毕")
    assert (item.stage, item.status) == ("done", "completed")


def test_failed_stage_does_not_advance_and_can_end_or_return(world):
    admin = world.admin
    b = f.four_two_bodies(admin, world.village1)
    item = f.make_item(admin, world.village1)
    f.pass_meeting(admin, item, b["party_branch"])
    f.pass_meeting(admin, item, b["two_committees"], yes=2)  # 2 of 5 present: rejected
    assert item.stage == "consult"
    assert item.meetings[-1].outcome == "rejected"
    items.return_item(admin, item, "方案需调整")
    assert item.stage == "propose"
    with pytest.raises(ValidationFailed):
        items.end_item(admin, item, "")
    items.end_item(admin, item, "村民意见分歧较大，暂缓实施")
    assert item.status == "ended"
    with pytest.raises(OperationError):
        f.schedule(admin, item, b["party_branch"])


def test_no_vote_without_quorum_and_meeting_ends_as_no_quorum(world):
    admin = world.admin
    body = f.make_body(admin, world.village1, "representatives", n=30)
    item = f.make_item(admin, world.village1, "micro")
    m = f.schedule(admin, item, body)
    f.attend(admin, m, 19)
    q = meetings.live_quorum(m)
    assert (q.met, q.present, q.eligible, q.needed) == (False, 19, 30, 20)
    with pytest.raises(OperationError, match="未达到法定人数"):
        votes.open_motion(admin, m, "同意", "hands")
    f.attend(admin, m, 20)
    assert meetings.live_quorum(m).met
    motion = votes.open_motion(admin, m, "同意", "hands")
    f.attend(admin, m, 19)  # someone leaves before the count
    with pytest.raises(OperationError):
        votes.close_motion(admin, motion, votes.Tally(19, 0, 0))
    db.session.rollback()


def test_meeting_without_quorum_closes_as_no_quorum(world):
    admin = world.admin
    body = f.make_body(admin, world.village1, "grid_council", n=6)
    item = f.make_item(admin, world.village1, "micro")
    m = f.schedule(admin, item, body)
    f.attend(admin, m, 3)  # exactly half is not more than half
    assert meetings.close_meeting(admin, m) == "no_quorum"
    assert item.stage == "meeting"


def test_late_counts_and_proxies_only_where_allowed(world):
    admin = world.admin
    body = f.make_body(admin, world.village1, "representatives", n=3)
    item = f.make_item(admin, world.village1, "micro")
    m = f.schedule(admin, item, body)
    ids = sorted(a.member_id for a in m.attendance)
    with pytest.raises(ValidationFailed):
        meetings.set_attendance(admin, m, {ids[0]: ("proxy", "张三")})
    meetings.set_attendance(admin, m, {ids[0]: ("late", ""), ids[1]: ("present", "")})
    assert meetings.live_quorum(m).present == 2
    body.proxies_allowed = True
    with pytest.raises(ValidationFailed):
        meetings.set_attendance(admin, m, {ids[2]: ("proxy", "")})
    meetings.set_attendance(admin, m, {ids[2]: ("proxy", "代理人甲")})
    assert meetings.live_quorum(m).present == 3


def test_villagers_meeting_household_alternative_and_minors(world):
    admin = world.admin
    # 6 members: 2 minors, 3 household representatives
    body = f.make_body(admin, world.village1, "villagers", n=6, households=3, minors=2)
    item = f.make_item(admin, world.village1, "micro")
    m = f.schedule(admin, item, body)
    rows = sorted(m.attendance, key=lambda a: a.member_id)
    # the minors are the first two and also household reps 0..2: present = members 0,1,2 → adults 1 of 4
    meetings.set_attendance(admin, m, {a.member_id: ("present" if i < 3 else "absent", "")
                                       for i, a in enumerate(rows)})
    q = meetings.live_quorum(m)
    assert (q.eligible, q.present) == (4, 1)       # adults aged 18+
    assert (q.alt_eligible, q.alt_present) == (3, 3)
    assert q.met and q.via == "households"


def test_notice_period_refused_or_warned_per_rule(world):
    admin = world.admin
    villagers = f.make_body(admin, world.village1, "villagers", n=3)
    reps = f.make_body(admin, world.village1, "representatives", n=3)
    item = f.make_item(admin, world.village1, "micro")
    with pytest.raises(ValidationFailed) as exc:
        f.schedule(admin, item, villagers, notice_days_before=8, held=f.soon(1))
    assert "notice_on" in exc.value.errors and "10" in exc.value.errors["notice_on"][0]
    m = f.schedule(admin, item, reps, notice_days_before=1)  # representatives: warn (5 days)
    assert "5" in m.notice_warning


def test_roll_call_proxy_marked_and_outcome_stores_rule(world):
    admin = world.admin
    body = f.make_body(admin, world.village1, "representatives", n=4, proxies_allowed=True)
    item = f.make_item(admin, world.village1, "micro")
    m = f.schedule(admin, item, body)
    ids = sorted(a.member_id for a in m.attendance)
    meetings.set_attendance(admin, m, {ids[0]: ("present", ""), ids[1]: ("present", ""),
                                       ids[2]: ("proxy", "代理人"), ids[3]: ("absent", "")})
    motion = votes.open_motion(admin, m, "同意修路", "roll_call")
    with pytest.raises(ValidationFailed):
        votes.cast_votes(admin, motion, {ids[3]: "yes"})  # absent members cannot vote
    votes.cast_votes(admin, motion, {ids[0]: "yes", ids[1]: "no", ids[2]: "yes"})
    assert votes.close_motion(admin, motion) == "passed"
    assert (motion.yes, motion.no, motion.abstain, motion.present, motion.members) == (2, 1, 0, 3, 4)
    assert [v.by_proxy for v in sorted(motion.votes, key=lambda v: v.member_id)] == [False, False, True]
    assert "超过半数" in motion.rule_applied and "基数 3 人" in motion.rule_applied


def test_secret_ballot_stores_no_per_voter_rows(world):
    admin = world.admin
    body = f.make_body(admin, world.village1, "representatives", n=6)
    item = f.make_item(admin, world.village1, "micro")
    m = f.schedule(admin, item, body)
    f.attend(admin, m, 6)
    motion = votes.open_motion(admin, m, "选举监督小组", "secret")
    assert motion.yes is None  # no result before the vote is closed
    with pytest.raises(OperationError):
        votes.cast_votes(admin, motion, {m.attendance[0].member_id: "yes"})
    with pytest.raises(ValidationFailed):
        votes.close_motion(admin, motion, votes.Tally(5, 2, 0))  # 7 ballots from 6 present
    db.session.rollback()
    assert votes.close_motion(admin, motion, votes.Tally(3, 3, 0)) == "rejected"  # 3 of 6 is not more than half
    assert db.session.scalar(select(func.count(Vote.id))) == 0


def test_paper_ballots_count_invalid(world):
    admin = world.admin
    body = f.make_body(admin, world.village1, "representatives", n=10)
    item = f.make_item(admin, world.village1, "micro")
    m = f.schedule(admin, item, body)
    f.attend(admin, m, 10)
    motion = votes.open_motion(admin, m, "同意", "paper")
    assert votes.close_motion(admin, motion, votes.Tally(6, 2, 1, 1)) == "passed"
    assert motion.invalid == 1
    hands = votes.open_motion(admin, m, "另议", "hands", is_decisive=False)
    with pytest.raises(ValidationFailed):
        votes.close_motion(admin, hands, votes.Tally(5, 0, 0, 1))
