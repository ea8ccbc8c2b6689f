"""Forms for sending a case on and for each step of a referral."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from mediation.forms import IdSelectField


class EscalateForm(FlaskForm):
    reason = TextAreaField(_l("上报理由"), validators=[Length(max=5000)],
                           description=_l("说明为什么需要上一级调解组织处理，以及已做的工作"))


class OfficeForm(FlaskForm):
    """Dispatch, lawyer, notarization: choose the office and say why."""

    to_institution_id = IdSelectField(_l("接收机构"))
    reason = TextAreaField(_l("转介事由"), validators=[Length(max=5000)])


class JudicialForm(FlaskForm):
    to_institution_id = IdSelectField(_l("受理法院"))
    applied_on = DateField(_l("申请日期"), validators=[Optional()])
    is_joint = BooleanField(_l("双方当事人共同申请（各方均已签署申请书或委托代理人）"))
    matter = SelectField(_l("婚姻家庭纠纷涉及的事项"), validators=[Optional()])
    reason = TextAreaField(_l("申请事由"), validators=[Length(max=5000)])


class LitigationForm(FlaskForm):
    to_institution_id = IdSelectField(_l("管辖法院"))
    guidance = TextAreaField(_l("诉讼引导内容"), validators=[Length(max=5000)],
                             description=_l("告知的管辖法院、诉讼时效、诉讼费用、所需材料等"))


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("理由"), validators=[Length(max=5000)])


class RequestForm(FlaskForm):
    request = TextAreaField(_l("需要补充的材料"), validators=[Length(max=5000)])


class NoteForm(FlaskForm):
    note = TextAreaField(_l("说明"), validators=[Length(max=5000)])


class ApprovalForm(FlaskForm):
    approval = TextAreaField(_l("院长批准情况"), validators=[Length(max=5000)],
                             description=_l("批准人、批准日期和延长理由"))


class CompleteForm(FlaskForm):
    outcome = SelectField(_l("办理结果"))
    decision = TextAreaField(_l("决定内容与理由"), validators=[Length(max=20000)])


class SessionForm(FlaskForm):
    held_on = DateField(_l("调解日期"), validators=[Optional()])
    place = StringField(_l("地点"), validators=[Length(max=200)])
    participants = TextAreaField(_l("参加人员"), validators=[Length(max=2000)])
    record = TextAreaField(_l("调解笔录"), validators=[Length(max=20000)])
    outcome = SelectField(_l("本次结果"))


class PaymentForm(FlaskForm):
    paid_on = DateField(_l("付款日期"), validators=[Optional()])
    amount = StringField(_l("金额（元）"), validators=[Length(max=20)])
    note = StringField(_l("备注"), validators=[Length(max=200)])
