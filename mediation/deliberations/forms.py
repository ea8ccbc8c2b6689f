"""Forms of the deliberation pages (attendance and roll-call votes are per-member fields, read directly)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from mediation.deliberations import procedures
from mediation.deliberations.labels import METHOD_LABELS
from mediation.deliberations.models import MEMBER_ROLES
from mediation.deliberations.rules import BASES, BODY_LABELS, DECISION_BASES, NOTICE_ENFORCEMENT
from mediation.forms import REQUIRED, IdSelectField, choices

STRICTNESS = choices([("strict", _l("超过（不含本数）")), ("atleast", _l("以上（含本数）"))])


class CsrfForm(FlaskForm):
    """Only the CSRF token: for buttons and for the per-member attendance and vote tables."""


class ItemForm(FlaskForm):
    topic = StringField(_l("议题"), validators=[DataRequired(REQUIRED), Length(max=200)])
    area_id = IdSelectField(_l("所属村（社区）或网格"), validators=[DataRequired(REQUIRED)])
    procedure = SelectField(_l("议事程序"), choices=choices(procedures.PROCEDURE_LABELS.items()))
    micro_form = SelectField(_l("协商形式（微协商）"),
                             choices=choices([("", _l("（四议两公开不适用）")), *procedures.MICRO_FORMS.items()]))
    description = TextAreaField(_l("事项说明"), validators=[Length(max=5000)])
    origin_proposer = StringField(_l("提议人（群众点单）"), validators=[Length(max=200)],
                                  description=_l("例如：第一网格 12 户村民联名；不在公开页显示"))
    origin_on = DateField(_l("收集日期"), validators=[Optional()])
    origin_worker_id = IdSelectField(_l("经办网格员"), validators=[Optional()])
    origin_note = TextAreaField(_l("民意收集情况"), validators=[Length(max=2000)])
    budget = DecimalField(_l("预算（元）"), places=2, validators=[Optional(), NumberRange(min=0)])


class BodyForm(FlaskForm):
    kind = SelectField(_l("机构类型"), choices=choices(BODY_LABELS.items()))
    area_id = IdSelectField(_l("所属村（社区）或网格"), validators=[DataRequired(REQUIRED)])
    name = StringField(_l("名称"), validators=[Length(max=100)], description=_l("留空则按类型自动命名"))


class RuleForm(FlaskForm):
    name = StringField(_l("名称"), validators=[DataRequired(REQUIRED), Length(max=100)])
    quorum_base = SelectField(_l("法定人数的计算基数"), choices=choices(BASES.items()))
    quorum_num = IntegerField(_l("比例分子"), validators=[InputRequired(REQUIRED), NumberRange(min=1, max=100)])
    quorum_den = IntegerField(_l("比例分母"), validators=[InputRequired(REQUIRED), NumberRange(min=1, max=100)])
    quorum_strict = SelectField(_l("边界"), choices=STRICTNESS)
    alt_base = SelectField(_l("或者（替代条件）的计算基数"),
                           choices=choices([("", _l("无替代条件")), *BASES.items()]))
    alt_num = IntegerField(_l("替代比例分子"), validators=[Optional(), NumberRange(min=1, max=100)])
    alt_den = IntegerField(_l("替代比例分母"), validators=[Optional(), NumberRange(min=1, max=100)])
    alt_strict = SelectField(_l("替代条件边界"), choices=STRICTNESS)
    decision_base = SelectField(_l("表决通过的计算基数"), choices=choices(DECISION_BASES.items()))
    decision_num = IntegerField(_l("通过比例分子"), validators=[InputRequired(REQUIRED), NumberRange(min=1, max=100)])
    decision_den = IntegerField(_l("通过比例分母"), validators=[InputRequired(REQUIRED), NumberRange(min=1, max=100)])
    decision_strict = SelectField(_l("通过边界"), choices=STRICTNESS)
    notice_days = IntegerField(_l("提前通知天数"), validators=[InputRequired(REQUIRED), NumberRange(min=0, max=60)])
    notice_enforcement = SelectField(_l("通知期不足时"), choices=choices(NOTICE_ENFORCEMENT.items()))
    proxies_allowed = BooleanField(_l("允许委托出席（计入出席人数）"))
    roll_call_public = BooleanField(_l("记名表决结果（姓名）向村民公开"))


class MemberForm(FlaskForm):
    person_id = IdSelectField(_l("人员"), validators=[DataRequired(REQUIRED)])
    role = SelectField(_l("身份"), choices=choices((r, r) for r in MEMBER_ROLES))
    is_household_rep = BooleanField(_l("户代表"))


class MeetingForm(FlaskForm):
    body_id = IdSelectField(_l("会议机构"), validators=[DataRequired(REQUIRED)])
    held_at = DateTimeLocalField(_l("会议时间"), format="%Y-%m-%dT%H:%M", validators=[DataRequired(REQUIRED)])
    place = StringField(_l("地点"), validators=[Length(max=200)])
    host = StringField(_l("主持人"), validators=[DataRequired(REQUIRED), Length(max=60)])
    recorder = StringField(_l("记录人"), validators=[DataRequired(REQUIRED), Length(max=60)])
    notice_on = DateField(_l("通知日期"), validators=[Optional()])


class MotionForm(FlaskForm):
    text = TextAreaField(_l("表决事项"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    method = SelectField(_l("表决方式"), choices=choices(METHOD_LABELS.items()))
    is_decisive = BooleanField(_l("本阶段的决定性表决"), default=True)


class TallyForm(FlaskForm):
    yes = IntegerField(_l("赞成"), validators=[InputRequired(REQUIRED), NumberRange(min=0)])
    no = IntegerField(_l("反对"), validators=[InputRequired(REQUIRED), NumberRange(min=0)])
    abstain = IntegerField(_l("弃权"), validators=[InputRequired(REQUIRED), NumberRange(min=0)])
    invalid = IntegerField(_l("无效票"), validators=[Optional(), NumberRange(min=0)])


class MinutesForm(FlaskForm):
    body = TextAreaField(_l("会议纪要"), validators=[DataRequired(REQUIRED), Length(max=50000)],
                         description=_l("空一行分段；可用 <strong>加粗</strong>、<ul><li>列表</li></ul>，其他格式会被去除"))
    reason = StringField(_l("更正理由"), validators=[Length(max=500)])


class SignatureForm(FlaskForm):
    role = SelectField(_l("签名人"), choices=choices([("host", _l("主持人")), ("recorder", _l("记录人"))]))
    signature = StringField(_l("签名"), validators=[DataRequired(_l("请在签名框内签名"))])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("原因"), validators=[DataRequired(REQUIRED), Length(max=1000)])


class PublishForm(FlaskForm):
    content = TextAreaField(_l("公开内容"), validators=[DataRequired(REQUIRED), Length(max=5000)])
    display_from = DateField(_l("公示开始日期"), validators=[Optional()])
    display_days = IntegerField(_l("公示天数"), default=7, validators=[InputRequired(REQUIRED),
                                                                   NumberRange(min=1, max=90)])


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("答复"), validators=[DataRequired(REQUIRED), Length(max=3000)])
    publish = BooleanField(_l("与事项一同公开（问题中的证件号、手机号会被遮盖）"), default=True)


class MilestoneForm(FlaskForm):
    title = StringField(_l("实施节点"), validators=[DataRequired(REQUIRED), Length(max=200)])
    planned_on = DateField(_l("计划日期"), validators=[Optional()])
    done_on = DateField(_l("完成日期"), validators=[Optional()])
    progress = IntegerField(_l("进度（%）"), default=0, validators=[InputRequired(REQUIRED), NumberRange(0, 100)])
    spend = DecimalField(_l("已支出（元）"), places=2, default=0, validators=[Optional(), NumberRange(min=0)])
    note = TextAreaField(_l("说明"), validators=[Length(max=2000)])


class FileForm(FlaskForm):
    file = FileField(_l("文件"), validators=[DataRequired(_l("请选择文件"))])
