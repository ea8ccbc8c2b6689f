"""Input of the agreement editor and its validation; error keys match the form's field names
(`facts`, `terms-0-obligor_id`, `terms-2-deadline`, …) so messages appear next to the fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from mediation.agreements.models import FORMS, ORAL
from mediation.cases.intake import parse_amount
from mediation.db import today

MAX_TEXT = 20000
MAX_TERMS = 30


@dataclass
class TermInput:
    obligor_id: int | None = None
    obligee_id: int | None = None
    obligation: str = ""
    amount: str = ""  # yuan, as typed
    deadline: date | None = None
    method: str = ""
    place: str = ""

    @property
    def is_blank(self) -> bool:
        return not (self.obligor_id or self.obligee_id or self.obligation.strip() or str(self.amount or "").strip()
                    or self.deadline or self.method.strip() or self.place.strip())


@dataclass
class AgreementData:
    form: str = "written"
    facts: str = ""
    issues: str = ""
    responsibilities: str = ""
    oral_content: str = ""
    accepts_enforcement: bool = False
    copies: int | None = 3
    place: str = ""
    agreed_on: date | None = None
    terms: list[TermInput] = field(default_factory=list)


@dataclass
class CleanTerm:
    obligor_id: int
    obligee_id: int | None
    obligation: str
    amount_fen: int | None
    deadline: date | None
    method: str
    place: str


def validate(data: AgreementData, party_ids: set[int], *, earliest: date | None = None,
             check_deadlines: bool = True) -> tuple[dict[str, list[str]], list[CleanTerm]]:
    """Field errors and the cleaned, non-blank terms (in order)."""
    errors: dict[str, list[str]] = {}

    def err(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if data.form not in FORMS:
        err("form", _("请选择协议形式"))
    oral = data.form == ORAL
    for name in ("facts", "issues", "responsibilities", "oral_content"):
        if len(getattr(data, name) or "") > MAX_TEXT:
            err(name, _("内容过长（不超过20000字）"))
    if oral:
        if not data.oral_content.strip():
            err("oral_content", _("请记录口头协议的内容"))
        if data.agreed_on is None:
            err("agreed_on", _("请填写当事人达成口头协议的日期"))
        elif data.agreed_on > today():
            err("agreed_on", _("达成日期不能晚于今天"))
        elif earliest and data.agreed_on < earliest:
            err("agreed_on", _("达成日期不能早于案件登记日期"))
    else:
        if not data.facts.strip():
            err("facts", _("请填写纠纷的主要事实"))
        if not data.issues.strip():
            err("issues", _("请填写争议事项"))
    if data.copies is None or not 1 <= data.copies <= 20:
        err("copies", _("协议份数应为1至20之间的整数"))

    terms: list[CleanTerm] = []
    for i, t in enumerate(data.terms):
        if t.is_blank:
            continue
        prefix = f"terms-{i}-"
        if t.obligor_id not in party_ids:
            err(prefix + "obligor_id", _("请选择履行义务的当事人"))
        if t.obligee_id is not None and t.obligee_id not in party_ids:
            err(prefix + "obligee_id", _("权利人须是本案当事人"))
        elif t.obligee_id is not None and t.obligee_id == t.obligor_id:
            err(prefix + "obligee_id", _("权利人与义务人不能是同一人"))
        if not t.obligation.strip():
            err(prefix + "obligation", _("请写明应履行的义务"))
        elif len(t.obligation) > 2000:
            err(prefix + "obligation", _("内容过长（不超过2000字）"))
        try:
            amount_fen = parse_amount(t.amount)
        except ValueError:
            err(prefix + "amount", _("金额应为不小于0的数字，最多两位小数"))
            amount_fen = None
        if check_deadlines and t.deadline is not None and t.deadline < today():
            err(prefix + "deadline", _("履行期限不能早于今天"))
        if data.accepts_enforcement and amount_fen is not None:
            if t.deadline is None:
                err(prefix + "deadline", _("接受强制执行的给付义务须写明履行期限"))
            if not t.method.strip():
                err(prefix + "method", _("接受强制执行的给付义务须写明履行方式"))
        for name, limit in (("method", 200), ("place", 200)):
            if len(getattr(t, name)) > limit:
                err(prefix + name, _("内容过长（不超过200字）"))
        terms.append(CleanTerm(t.obligor_id or 0, t.obligee_id, t.obligation.strip(), amount_fen, t.deadline,
                               t.method.strip(), t.place.strip()))
    if len(terms) > MAX_TERMS:
        err("terms", _("协议条款过多（不超过30项）"))
    if not oral and not terms:
        err("terms", _("请至少填写一项协议条款"))
    if data.accepts_enforcement and not any(t.amount_fen is not None for t in terms):
        err("accepts_enforcement", _("接受强制执行须至少有一项写明金额的给付义务"))
    return errors, terms
