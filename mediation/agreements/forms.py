"""Agreement editor, signature capture and scan upload forms."""

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
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional

from mediation.agreements.validation import AgreementData, TermInput
from mediation.errors import ValidationFailed
from mediation.forms import IdSelectField, MultiCheckboxField, choices

BLANK_TERMS = 2  # empty rows offered below the filled ones (the page works without JavaScript)


class TermForm(Form):
    obligor_id = IdSelectField(_l("义务人"), validate_choice=False, choices=[])
    obligee_id = IdSelectField(_l("权利人"), validate_choice=False, choices=[])
    obligation = TextAreaField(_l("履行内容"), validators=[Length(max=2000)],
                               description=_l("例如：赔偿修缮围墙费用；拆除越界搭建的棚屋"))
    amount = StringField(_l("金额（元）"), validators=[Length(max=20)])
    deadline = DateField(_l("履行期限"), validators=[Optional()])
    method = StringField(_l("履行方式"), validators=[Length(max=200)], description=_l("例如：银行转账、现金当面交付"))
    place = StringField(_l("履行地点"), validators=[Length(max=200)])


class AgreementForm(FlaskForm):
    form = SelectField(_l("协议形式"), validate_choice=False,
                       choices=choices([("written", _l("书面协议（各方签名）")), ("oral", _l("口头协议（记录在案）"))]))
    facts = TextAreaField(_l("纠纷主要事实"), validators=[Length(max=20000)])
    issues = TextAreaField(_l("争议事项"), validators=[Length(max=20000)])
    responsibilities = TextAreaField(_l("各方责任"), validators=[Length(max=20000)])
    oral_content = TextAreaField(_l("口头协议内容"), validators=[Length(max=20000)],
                                 description=_l("仅口头协议填写：如实记录当事人口头达成的内容"))
    agreed_on = DateField(_l("口头协议达成日期"), validators=[Optional()])
    terms = FieldList(FormField(TermForm), min_entries=1, max_entries=30)
    accepts_enforcement = BooleanField(_l("义务人自愿接受强制执行（办理公证赋予强制执行效力时需要）"))
    copies = IntegerField(_l("协议份数"), validators=[Optional(), NumberRange(min=1, max=20)])
    place = StringField(_l("签订地点"), validators=[Length(max=200)])
    confirm_discard = BooleanField(_l("我已知晓：修改将生成新版本，已收集的签名作废"))

    def set_parties(self, parties) -> None:
        options = choices([("", _l("请选择"))] + [(p.id, p.person.name) for p in parties])
        for entry in self.terms:
            entry.form.obligor_id.choices = options
            entry.form.obligee_id.choices = choices([("", _l("（不指定）"))] + [(p.id, p.person.name)
                                                                             for p in parties])

    def add_blank_rows(self) -> None:
        while len(self.terms.entries) < min(30, self._filled() + BLANK_TERMS):
            self.terms.append_entry()

    def _filled(self) -> int:
        return sum(1 for e in self.terms if not _term(e.form).is_blank)

    def data_object(self) -> AgreementData:
        return AgreementData(
            form=self.form.data or "written", facts=self.facts.data or "", issues=self.issues.data or "",
            responsibilities=self.responsibilities.data or "", oral_content=self.oral_content.data or "",
            accepts_enforcement=bool(self.accepts_enforcement.data), copies=self.copies.data,
            place=self.place.data or "", agreed_on=self.agreed_on.data,
            terms=[_term(e.form) for e in self.terms],
        )


def _term(f: TermForm) -> TermInput:
    return TermInput(obligor_id=f.obligor_id.data, obligee_id=f.obligee_id.data, obligation=f.obligation.data or "",
                     amount=(f.amount.data or "").strip(), deadline=f.deadline.data, method=f.method.data or "",
                     place=f.place.data or "")


def fill_from(form: AgreementForm, agreement) -> None:
    """Load an agreement into the editor (GET)."""
    for name in ("form", "facts", "issues", "responsibilities", "oral_content", "agreed_on",
                 "accepts_enforcement", "copies", "place"):
        getattr(form, name).data = getattr(agreement, name)
    while form.terms.entries:
        form.terms.pop_entry()
    for t in agreement.terms:
        form.terms.append_entry({"obligor_id": t.obligor_id, "obligee_id": t.obligee_id,
                                 "obligation": t.obligation, "amount": str(t.amount) if t.amount is not None else "",
                                 "deadline": t.deadline, "method": t.method, "place": t.place})


def apply_nested_errors(form: AgreementForm, exc: ValidationFailed) -> None:
    """Like forms.apply_errors, but `terms-3-amount` goes next to that row's amount input."""
    for name, messages in exc.errors.items():
        target = None
        if name.startswith("terms-"):
            _prefix, index, field = name.split("-", 2)
            if index.isdigit() and int(index) < len(form.terms.entries):
                target = getattr(form.terms.entries[int(index)].form, field, None)
        else:
            target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors"):
            target.errors = list(target.errors) + list(messages)
        else:
            form.form_errors.extend(messages)


class SignatureForm(FlaskForm):
    signer = HiddenField()
    method = SelectField(_l("签名方式"), validate_choice=False,
                         choices=choices([("drawn", _l("手写签名")), ("fingerprint", _l("指纹（捺印图像）"))]))
    image = HiddenField()  # data:image/png;base64,… from the signature pad
    fingerprint = FileField(_l("指纹图像"), description=_l("拍摄按在纸上的指印，PNG 或 JPEG"))


class ScanForm(FlaskForm):
    signers = MultiCheckboxField(_l("在纸质协议上签名的人"), choices=[])
    scan = FileField(_l("纸质签署件扫描件或照片"), description=_l("PNG 或 JPEG，不超过 8 MB"))


class NewAgreementForm(FlaskForm):
    case_id = IdSelectField(_l("调解中的案件"), validate_choice=False, choices=[])
    form = SelectField(_l("协议形式"), validate_choice=False,
                       choices=choices([("written", _l("书面协议（各方签名）")), ("oral", _l("口头协议（记录在案）"))]))
