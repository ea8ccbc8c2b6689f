from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from mediation.areas.models import AreaKind, InstitutionKind
from mediation.forms import REQUIRED, IdSelectField, choices


class AreaForm(FlaskForm):
    parent_id = IdSelectField(_l("上级区划"), choices=[])
    kind = SelectField(_l("类型"), choices=[])
    code = StringField(_l("区划代码"), validators=[DataRequired(REQUIRED), Length(max=32)])
    name = StringField(_l("名称"), validators=[DataRequired(REQUIRED), Length(max=100)])

    def fill_choices(self, areas):
        self.kind.choices = choices((k.value, k.label) for k in AreaKind)
        self.parent_id.choices = choices([("", _l("（无，县/区）"))] + [
            (a.id, "　" * AreaKind(a.kind).depth + a.name) for a in areas
        ])


class InstitutionForm(FlaskForm):
    name = StringField(_l("机构名称"), validators=[DataRequired(REQUIRED), Length(max=120)])
    short_name = StringField(_l("简称（用于文书编号）"), validators=[DataRequired(REQUIRED), Length(max=40)])
    kind = SelectField(_l("机构类型"), choices=[])
    area_id = IdSelectField(_l("所在区划"), choices=[])
    address = StringField(_l("地址"), validators=[Length(max=200)])
    phone = StringField(_l("联系电话"), validators=[Length(max=40)])
    is_active = BooleanField(_l("启用"), default=True)

    def fill_choices(self, areas):
        self.kind.choices = choices((k.value, k.label) for k in InstitutionKind)
        self.area_id.choices = choices([("", _l("请选择"))] + [
            (a.id, "　" * AreaKind(a.kind).depth + a.name) for a in areas
        ])
