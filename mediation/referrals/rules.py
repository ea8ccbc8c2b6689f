"""The law-specific rules of referrals: deadlines (clocks), the judicial confirmation window and
excluded matters, and the conditions for notarization with compulsory enforceability.

Counting days:
- Courts count in calendar days (民事诉讼法 第八十五条): the day the period starts is not counted,
  and when the last day falls on a rest day the period ends on the next working day. We model
  Saturdays and Sundays as rest days; statutory holidays (and their make-up working weekends)
  change every year and are not modelled — a court near a holiday should check by hand.
  司法确认 (民事诉讼法解释 / 最高人民法院《关于人民调解协议司法确认程序的若干规定》): decide whether to
  accept within 3 days of receiving the application, rule within 15 days of accepting it, +10 days
  when the president approves. The 30-day window (人民调解法 第三十三条) counts the same way.
- Notaries count working days: 公证程序规则 第三十五条, the certificate within 15 working days of
  acceptance; there is no statutory acceptance period, we use 3 working days as service standard.
- Mediation centers, committees, departments and lawyers: 3 working days to accept (the one-stop
  centers' service standard); mediation within 30 calendar days as for any case (DESIGN §4.1),
  department handling (部门办单) within 15 working days.
A request for more materials stops the running clock; the paused days (in the clock's own unit)
are added back when the materials arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

from mediation.referrals.models import (
    ACCEPTED,
    DISPATCH,
    ESCALATE,
    EXCLUDED_MATTERS,
    JUDICIAL,
    LAWYER,
    LITIGATION,
    NOTARIZATION,
    SUBMITTED,
)

CALENDAR = "calendar"
WORKING = "working"
JUDICIAL_WINDOW_DAYS = 30
FAMILY_CATEGORY = "婚姻家庭"


@dataclass(frozen=True)
class Clock:
    accept_days: int
    accept_unit: str
    decide_days: int
    decide_unit: str
    extension_days: int = 0  # the longest extension that can be approved


CLOCKS: dict[str, Clock | None] = {
    JUDICIAL: Clock(3, CALENDAR, 15, CALENDAR, 10),
    NOTARIZATION: Clock(3, WORKING, 15, WORKING),
    ESCALATE: Clock(3, WORKING, 30, CALENDAR),
    LAWYER: Clock(3, WORKING, 30, CALENDAR),
    DISPATCH: Clock(3, WORKING, 15, WORKING),
    LITIGATION: None,
}


def is_rest_day(d: date) -> bool:
    return d.weekday() >= 5


def add_days(start: date, days: int, unit: str) -> date:
    """The last day of a period of `days` starting the day after `start`."""
    if unit == WORKING:
        d, left = start, days
        while left > 0:
            d += timedelta(days=1)
            if not is_rest_day(d):
                left -= 1
        return d
    d = start + timedelta(days=days)
    while is_rest_day(d):  # 期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期
        d += timedelta(days=1)
    return d


def days_between(start: date, end: date, unit: str) -> int:
    """Days of `unit` after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    if unit == CALENDAR:
        return (end - start).days
    return sum(1 for i in range(1, (end - start).days + 1) if not is_rest_day(start + timedelta(days=i)))


def apply_clock(referral) -> None:
    """Recompute the accept-by and decide-by dates from the referral's dates and paused days."""
    clock = CLOCKS.get(referral.kind)
    if clock is None:
        referral.accept_by = referral.decide_by = None
        return
    referral.accept_by = add_days(referral.submitted_on, clock.accept_days + referral.accept_paused_days,
                                  clock.accept_unit)
    if referral.accepted_on is None:
        referral.decide_by = None
    else:
        referral.decide_by = add_days(referral.accepted_on, clock.decide_days + referral.extension_days
                                      + referral.decide_paused_days, clock.decide_unit)


def pause_unit(referral) -> str:
    clock = CLOCKS[referral.kind]
    return clock.accept_unit if referral.paused_from == SUBMITTED else clock.decide_unit


def resume_clock(referral, on: date) -> int:
    """Add the paused days to the clock that was running; returns them."""
    days = days_between(referral.paused_on, on, pause_unit(referral)) if referral.paused_on else 0
    if referral.paused_from == ACCEPTED:
        referral.decide_paused_days += days
    else:
        referral.accept_paused_days += days
    apply_clock(referral)
    return days


# --- 司法确认 -----------------------------------------------------------------------------------


def judicial_window_end(effective_on: date) -> date:
    return add_days(effective_on, JUDICIAL_WINDOW_DAYS, CALENDAR)


def judicial_problems(case, agreement, *, applied_on: date | None, is_joint: bool, matter: str) -> dict[str, list[str]]:
    """Why a judicial confirmation application cannot be made (field → messages); empty when it can."""
    errors: dict[str, list[str]] = {}

    def err(name, message):
        errors.setdefault(name, []).append(message)

    errors.update(_agreement_problems(agreement))
    if applied_on is None:
        err("applied_on", _("请填写申请日期"))
    elif agreement is not None and agreement.effective_on is not None:
        end = judicial_window_end(agreement.effective_on)
        if applied_on < agreement.effective_on:
            err("applied_on", _("申请日期不能早于调解协议生效日期（%(d)s）", d=agreement.effective_on.isoformat()))
        elif applied_on > end:
            err("applied_on", _("调解协议于 %(d)s 生效，应在生效之日起30日内（%(end)s 前）申请，已超过期限，"
                                "不予受理。", d=agreement.effective_on.isoformat(), end=end.isoformat()))
    if not is_joint:
        err("is_joint", _("司法确认须由双方当事人共同申请：请确认各方当事人均已到场或委托代理人共同申请"))
    if case.category == FAMILY_CATEGORY:
        if not matter:
            err("matter", _("婚姻家庭纠纷请说明协议涉及的事项：身份关系、收养关系、婚姻关系或财产等其他事项"))
        elif matter in EXCLUDED_MATTERS:
            err("matter", _("涉及身份关系、收养关系、婚姻关系的调解协议不能申请司法确认，"
                            "当事人可以向人民法院提起诉讼"))
    return errors


def _agreement_problems(agreement) -> dict[str, list[str]]:
    if agreement is None:
        return {"agreement": [_("该案件没有调解协议")]}
    if agreement.status != "effective" or agreement.effective_on is None:
        return {"agreement": [_("调解协议尚未生效（须各方签名并加盖调解委员会印章）")]}
    if agreement.is_oral:
        return {"agreement": [_("口头协议不能申请，须为书面调解协议")]}
    return {}


# --- 公证 ---------------------------------------------------------------------------------------


def notarization_problems(agreement) -> list[str]:
    """The conditions for notarization with compulsory enforceability that are not met, by name."""
    problems = [m for ms in _agreement_problems(agreement).values() for m in ms]
    if problems:
        return problems
    paying = [(i, t) for i, t in enumerate(agreement.terms, start=1) if t.amount_fen]
    if not paying:
        problems.append(_("协议没有写明金额的给付义务：只有给付金钱、物品或有价证券的协议可以赋予强制执行效力"))
    for i, t in paying:
        if not (t.method or "").strip():
            problems.append(_("第%(n)d项给付义务未写明履行方式", n=i))
        if t.deadline is None:
            problems.append(_("第%(n)d项给付义务未写明履行期限", n=i))
    if not agreement.accepts_enforcement:
        problems.append(_("协议未载明债务人不履行或不适当履行时愿意接受强制执行的承诺"))
    return problems


def enforceable_total_fen(agreement) -> int:
    return sum(t.amount_fen or 0 for t in agreement.terms) if agreement is not None else 0


def first_due(agreement) -> date | None:
    dates = [t.deadline for t in agreement.terms if t.amount_fen and t.deadline] if agreement is not None else []
    return min(dates) if dates else None
