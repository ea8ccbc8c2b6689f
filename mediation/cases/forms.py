"""Case forms: the phone-first intake form (parties added or created on the spot) and action forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from mediation.cases import labels
from mediation.cases.intake import CaseData, PartyInput
from mediation.cases.models import (
    CATEGORIES,
    EVALUATIONS,
    PARTY_ROLES,
    PERFORMANCES,
    RISK_LEVELS,
    SESSION_OUTCOMES,
    SOURCES,
)
from mediation.errors import ValidationFailed
from mediation.forms import IdSelectField, choices
from mediation.people.operations import PersonData

MAX_PARTIES = 10


def _pick(mapping, codes):
    return choices([("", _l("请选择"))] + [(c, mapping[c]) for c in codes])


class PartyForm(Form):
    role = SelectField(_l("身份"), validate_choice=False, choices=_pick(labels.ROLE_LABELS, PARTY_ROLES))
    lookup = StringField(_l("查找已登记人员"), validators=[Length(max=40)],
                         description=_l("输入姓名或身份证号码后点“查找”"))
    person_id = IdSelectField(_l("已登记人员"), validate_choice=False, choices=[])
    name = StringField(_l("姓名/名称"), validators=[Length(max=100)])
    is_organisation = BooleanField(_l("单位/组织"))
    legal_representative = StringField(_l("法定代表人"), validators=[Length(max=100)])
    id_number = StringField(_l("身份证号码"), validators=[Length(max=18)])
    phone = StringField(_l("手机号码"), validators=[Length(max=20)])
    sex = SelectField(_l("性别"), validate_choice=False, choices=choices([("", _l("请选择")), ("男", _l("男")), ("女", _l("女"))]))
    address = StringField(_l("住址"), validators=[Length(max=200)])
    agent_name = StringField(_l("代理人姓名"), validators=[Length(max=100)])
    agent_id_number = StringField(_l("代理人身份证号码"), validators=[Length(max=18)])
    agent_phone = StringField(_l("代理人手机号码"), validators=[Length(max=20)])

    def party_input(self, person) -> PartyInput:
        new_person = None
        if person is None and (self.name.data or "").strip():
            new_person = PersonData(
                name=self.name.data or "", id_number=self.id_number.data or "", phone=self.phone.data or "",
                sex=self.sex.data or "", address=self.address.data or "",
                is_organisation=bool(self.is_organisation.data),
                legal_representative=self.legal_representative.data or "")
        new_agent = None
        if (self.agent_name.data or "").strip():
            new_agent = PersonData(name=self.agent_name.data or "", id_number=self.agent_id_number.data or "",
                                   phone=self.agent_phone.data or "")
        return PartyInput(role=self.role.data or "", person=person, new_person=new_person, new_agent=new_agent)


class CaseForm(FlaskForm):
    title = StringField(_l("案件标题"), validators=[Length(max=200)],
                        description=_l("例如：蔡某与黄某宅基地边界纠纷"))
    category = SelectField(_l("纠纷类型"), validate_choice=False, choices=_pick(labels.CATEGORY_LABELS, CATEGORIES))
    source = SelectField(_l("案件来源"), validate_choice=False, choices=_pick(labels.SOURCE_LABELS, SOURCES))
    area_id = IdSelectField(_l("发生网格"), validate_choice=False, choices=[])
    occurred_on = DateField(_l("发生日期"), validators=[Optional()])
    description = TextAreaField(_l("纠纷简要情况"), validators=[Length(max=20000)])
    amount = StringField(_l("争议金额（元）"), validators=[Length(max=20)])
    risk_level = SelectField(_l("风险等级"), validate_choice=False, default="normal",
                             choices=choices([(c, labels.RISK_LABELS[c]) for c in RISK_LEVELS]))
    is_violence_risk = BooleanField(_l("有激化为刑事、治安案件的风险"))
    parties = FieldList(FormField(PartyForm), min_entries=2, max_entries=MAX_PARTIES)
    confirm_duplicate = BooleanField(_l("已核对相似案件，仍然登记"))

    def case_data(self, area, people: list) -> CaseData:
        return CaseData(
            title=self.title.data or "", category=self.category.data or "", source=self.source.data or "",
            area=area, occurred_on=self.occurred_on.data, description=self.description.data or "",
            amount=(self.amount.data or "").strip() or None, risk_level=self.risk_level.data or "",
            is_violence_risk=bool(self.is_violence_risk.data),
            parties=[entry.form.party_input(person) for entry, person in zip(self.parties, people, strict=True)],
        )


def apply_case_errors(form: CaseForm, exc: ValidationFailed) -> None:
    """Errors named like `parties-1-id_number` go next to that party's field."""
    for name, messages in exc.errors.items():
        target = None
        if name.startswith("parties-") and name.count("-") >= 2:
            _, index, field = name.split("-", 2)
            if index.isdigit() and int(index) < len(form.parties.entries):
                target = getattr(form.parties.entries[int(index)].form, field, None)
        elif name != "parties":
            target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors) + list(messages)
        else:
            form.form_errors.extend(messages)


# --- action forms ---------------------------------------------------------------------------------


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("理由"), validators=[Length(max=20000)])


class SessionForm(FlaskForm):
    held_on = DateField(_l("调解日期"), validators=[Optional()])
    place = StringField(_l("调解地点"), validators=[Length(max=200)])
    participants = TextAreaField(_l("参加人员"), validators=[Length(max=2000)])
    record = TextAreaField(_l("调解笔录"), validators=[Length(max=20000)])
    outcome = SelectField(_l("本次结果"), validate_choice=False, choices=choices([(c, labels.SESSION_OUTCOME_LABELS[c])
                                                           for c in SESSION_OUTCOMES]))


class AgreementForm(FlaskForm):
    summary = TextAreaField(_l("协议内容摘要"), validators=[Length(max=20000)])


class FailureForm(FlaskForm):
    advice = TextAreaField(_l("调解不成的情况及告知当事人的途径"), validators=[Length(max=20000)],
                           description=_l("例如：已告知双方可向人民法院提起诉讼"))


class ExtendForm(FlaskForm):
    new_deadline = DateField(_l("延长至"), validators=[Optional()])
    consented_by = StringField(_l("同意延期的当事人"), validators=[Length(max=200)])
    reason = TextAreaField(_l("延期原因"), validators=[Length(max=2000)])


class FollowUpForm(FlaskForm):
    visited_on = DateField(_l("回访日期"), validators=[Optional()])
    performance = SelectField(_l("履行情况"), validate_choice=False, choices=_pick(labels.PERFORMANCE_LABELS, PERFORMANCES))
    evaluation = SelectField(_l("当事人评价"), validate_choice=False, choices=_pick(labels.EVALUATION_LABELS, EVALUATIONS))
    remarks = TextAreaField(_l("回访情况"), validators=[Length(max=5000)])


class CloseForm(FlaskForm):
    remarks = TextAreaField(_l("结案说明"), validators=[Length(max=5000)])


class TransferForm(FlaskForm):
    mediator_id = IdSelectField(_l("新的调解员"), validate_choice=False, choices=[])
    area_id = IdSelectField(_l("新的网格"), validate_choice=False, choices=[])
    reason = TextAreaField(_l("移交原因"), validators=[Length(max=2000)])


class EvidenceForm(FlaskForm):
    file = FileField(_l("文件（图片或PDF）"))
    description = StringField(_l("说明"), validators=[Length(max=200)])
