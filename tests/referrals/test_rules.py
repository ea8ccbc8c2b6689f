"""The law-specific rules: the 30-day window, excluded matters, notarization conditions, and the
court's 3/15/+10-day clocks including the pause for materials."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mediation.db import today
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.referrals import decisions, rules
from mediation.referrals import operations as ops
from tests.referrals import factories as rf

MON = date(2026, 3, 2)


# --- pure date arithmetic ------------------------------------------------------------------------


def test_calendar_periods_end_on_the_next_working_day():
    assert rules.add_days(MON, 3, rules.CALENDAR) == date(2026, 3, 5)
    assert rules.add_days(MON, 6, rules.CALENDAR) == date(2026, 3, 9)  # Sunday the 8th → Monday
    assert rules.add_days(date(2026, 3, 4), 3, rules.WORKING) == date(2026, 3, 9)  # Thu, Fri, Mon
    assert rules.days_between(date(2026, 3, 6), date(2026, 3, 9), rules.WORKING) == 1
    assert rules.days_between(date(2026, 3, 6), date(2026, 3, 9), rules.CALENDAR) == 3


@pytest.mark.parametrize("effective,applied,ok", [
    (date(2026, 1, 3), date(2026, 2, 2), True),  # day 30 (a Monday): accepted
    (date(2026, 1, 3), date(2026, 2, 3), False),  # day 31: refused
    (date(2026, 1, 1), date(2026, 2, 1), True),  # day 30 is Saturday: the period runs to Monday
    (date(2026, 1, 1), date(2026, 2, 2), True),
    (date(2026, 1, 1), date(2026, 2, 3), False),
    (date(2026, 1, 3), date(2026, 1, 3), True),  # the day it took effect
    (date(2026, 1, 3), date(2026, 1, 2), False),  # before it took effect
])
def test_judicial_window_edges(world, effective, applied, ok):
    case, a = rf.make_agreed_case(world, effective_on=effective)
    errors = rules.judicial_problems(case, a, applied_on=applied, is_joint=True, matter="")
    assert (errors == {}) is ok, errors
    if not ok:
        assert list(errors) == ["applied_on"]


def _weekday_pair_before_today() -> date:
    """A recent day d ≤ today with d and d-1 both working days (so no rest-day roll-over applies)."""
    d = today()
    while rules.is_rest_day(d) or rules.is_rest_day(d - timedelta(days=1)):
        d -= timedelta(days=1)
    return d


@pytest.mark.parametrize("age,accepted", [(30, True), (31, False)])
def test_application_on_day_30_accepted_day_31_refused(world, age, accepted):
    applied = _weekday_pair_before_today()
    case, _a = rf.make_agreed_case(world, effective_on=applied - timedelta(days=age))
    call = lambda: ops.apply_judicial_confirmation(world.grid1_user, case, court=world.court,  # noqa: E731
                                                   applied_on=applied, is_joint=True)
    if accepted:
        r = call()
        assert r.status == "submitted" and r.submitted_on == applied
    else:
        with pytest.raises(ValidationFailed) as exc:
            call()
        assert "30日" in exc.value.errors["applied_on"][0]


def test_joint_application_required(world):
    case, _a = rf.make_agreed_case(world)
    with pytest.raises(ValidationFailed) as exc:
        ops.apply_judicial_confirmation(world.grid1_user, case, court=world.court, applied_on=today(),
                                        is_joint=False)
    assert "共同申请" in exc.value.errors["is_joint"][0]


@pytest.mark.parametrize("matter,ok", [("", False), ("identity", False), ("adoption", False), ("marriage", False),
                                       ("property", True)])
def test_family_matters_ask_which_and_exclude_identity_adoption_marriage(world, matter, ok):
    case, _a = rf.make_agreed_case(world, category="婚姻家庭")
    call = lambda: ops.apply_judicial_confirmation(world.grid1_user, case, court=world.court,  # noqa: E731
                                                   applied_on=today(), is_joint=True, matter=matter)
    if ok:
        assert call().matter == "property"
    else:
        with pytest.raises(ValidationFailed) as exc:
            call()
        message = exc.value.errors["matter"][0]
        assert ("请说明" in message) if not matter else ("不能申请司法确认" in message)


def test_other_categories_need_no_matter(world):
    case, _a = rf.make_agreed_case(world, category="合同债务")
    assert ops.apply_judicial_confirmation(world.grid1_user, case, court=world.court, applied_on=today(),
                                           is_joint=True).matter == ""


# --- notarization conditions ------------------------------------------------------------------------


def test_notarization_conditions_met(world):
    case, a = rf.make_agreed_case(world)
    assert rules.notarization_problems(a) == []
    assert ops.apply_notarization(world.grid1_user, case, notary_office=world.notary_office).agreement_id == a.id


@pytest.mark.parametrize("change,named", [
    ({"accepts_enforcement": False}, "接受强制执行"),
    ({"accepts_enforcement": False, "amount": ""}, "没有写明金额的给付义务"),
])
def test_notarization_refused_with_the_missing_condition_named(world, change, named):
    kw = {"accepts_enforcement": change.get("accepts_enforcement", True), "amount": change.get("amount", "5000")}
    case, a = rf.make_agreed_case(world, **kw)
    with pytest.raises(ValidationFailed) as exc:
        ops.apply_notarization(world.grid1_user, case, notary_office=world.notary_office)
    assert any(named in m for m in exc.value.errors["agreement"]), exc.value.errors


def test_notarization_names_missing_method_and_deadline(world):
    _case, a = rf.make_agreed_case(world)
    a.terms[0].method = ""
    a.terms[0].deadline = None
    problems = rules.notarization_problems(a)
    assert "第1项给付义务未写明履行方式" in problems and "第1项给付义务未写明履行期限" in problems


# --- the court's clocks --------------------------------------------------------------------------------


@pytest.fixture()
def clock(monkeypatch):
    """Set the day the operations think it is."""
    state = {"today": MON}

    def set_today(d):
        state["today"] = d

    monkeypatch.setattr("mediation.referrals.operations.today", lambda: state["today"])
    monkeypatch.setattr("mediation.referrals.decisions.today", lambda: state["today"])
    return set_today


def test_court_clocks_3_15_plus_10_with_pauses(world, clock):
    case, _a = rf.make_agreed_case(world, effective_on=date(2026, 2, 27))
    clock(MON)
    r = ops.apply_judicial_confirmation(world.grid1_user, case, court=world.court, applied_on=MON, is_joint=True)
    assert r.accept_by == date(2026, 3, 5)  # 3 days
    clock(date(2026, 3, 3))
    ops.request_materials(world.judge, r, request="请补充申请书原件")
    assert r.status == "materials" and r.due_on is None and not r.is_overdue  # the clock stands still
    clock(date(2026, 3, 6))
    ops.supply_materials(world.grid1_user, r, note="已补交申请书原件")
    assert r.status == "submitted" and r.accept_paused_days == 3
    assert r.accept_by == date(2026, 3, 9)  # 3 + 3 paused days = Sunday 8th → Monday 9th
    clock(date(2026, 3, 9))
    ops.accept(world.judge, r)
    assert r.decide_by == date(2026, 3, 24)  # 15 days
    clock(date(2026, 3, 10))
    ops.request_materials(world.judge, r, request="请双方当事人到庭接受询问")
    clock(date(2026, 3, 12))
    ops.supply_materials(world.grid1_user, r, note="已约定3月12日到庭")
    assert r.status == "accepted" and r.decide_paused_days == 2 and r.decide_by == date(2026, 3, 26)
    with pytest.raises(ValidationFailed):
        ops.extend(world.judge, r, approval="")  # the approval must be recorded
    ops.extend(world.judge, r, approval="经院长张某某于2026年3月20日批准，案情复杂")
    assert r.decide_by == date(2026, 4, 6)  # +10 → Sunday 5 April → Monday
    with pytest.raises(OperationError, match="延长过"):
        ops.extend(world.judge, r, approval="再次申请")


def test_notary_counts_working_days(world, clock):
    case, _a = rf.make_agreed_case(world)
    clock(date(2026, 3, 5))  # Thursday
    r = ops.apply_notarization(world.grid1_user, case, notary_office=world.notary_office)
    assert r.accept_by == date(2026, 3, 10)  # Fri, Mon, Tue
    ops.accept(world.notary, r)
    assert r.decide_by == date(2026, 3, 26)  # 15 working days


def test_overdue_referrals_come_first_in_the_queue(world):
    from mediation.referrals import queries

    late = rf.judicial_referral(world)
    fresh = rf.judicial_referral(world)
    late.accept_by = today() - timedelta(days=2)
    fresh.accept_by = today() + timedelta(days=2)
    db.session.commit()
    rows = db.session.scalars(queries.queue(world.judge, queries.Filters())).all()
    assert [r.id for r in rows] == [late.id, fresh.id]
    assert late.is_overdue and not fresh.is_overdue
    counts = queries.counts(world.judge, queries.Filters())
    assert counts["overdue"] == 1 and counts["due_soon"] == 1 and counts["submitted"] == 2


def test_payment_ledger_and_enforcement_certificate(world):
    r = rf.referral_of(world, "notarization", "completed")
    with pytest.raises(ValidationFailed):
        decisions.record_payment(world.notary, r, paid_on=today(), amount="6000")  # more than agreed
    decisions.record_payment(world.notary, r, paid_on=today(), amount="2000", note="第一期")
    assert r.paid_fen == 200000
    with pytest.raises(OperationError, match="尚未届满"):
        decisions.issue_enforcement(world.notary, r)
    r.agreement.terms[0].deadline = today() - timedelta(days=1)  # the debtor is now in default
    doc = decisions.issue_enforcement(world.notary, r)
    db.session.commit()
    assert doc.title == "执行证书" and "执证字" in doc.number
    from mediation.documents.operations import document_bytes
    from mediation.documents.verification import verify_pdf

    assert verify_pdf(document_bytes(doc)).ok
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(document_bytes(doc))
        fh.flush()
        text = subprocess.run(["pdftotext", fh.name, "-"], capture_output=True, text=True).stdout
    assert "3,000.00" in text.replace(" ", "")  # 5,000 agreed − 2,000 paid
    with pytest.raises(OperationError, match="已经出具"):
        decisions.issue_enforcement(world.notary, r)
