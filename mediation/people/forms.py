from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from mediation.forms import REQUIRED, IdSelectField, choices
from mediation.people.operations import PersonData


class PersonForm(FlaskForm):
    is_organisation = BooleanField(_l("单位/组织"))
    name = StringField(_l("姓名/名称"), validators=[DataRequired(REQUIRED), Length(max=100)])
    legal_representative = StringField(_l("法定代表人"), validators=[Length(max=100)])
    sex = SelectField(_l("性别"), default="", choices=choices([("", _l("请选择")), ("男", _l("男")), ("女", _l("女"))]))
    ethnicity = StringField(_l("民族"), default="汉族", validators=[Length(max=20)])
    birth_date = DateField(_l("出生日期"), validators=[Optional()])
    occupation = StringField(_l("职业"), validators=[Length(max=60)])
    id_number = StringField(_l("身份证号码"), validators=[Length(max=18)],
                            description=_l("18位，最后一位可以是X；出生日期和性别会自动填写"))
    phone = StringField(_l("手机号码"), validators=[Length(max=20)])
    address = StringField(_l("住址"), validators=[Length(max=200)])
    area_id = IdSelectField(_l("所属网格/村"), choices=[])

    def data_object(self, area) -> PersonData:
        return PersonData(
            name=self.name.data or "", sex=self.sex.data or "", ethnicity=self.ethnicity.data or "",
            birth_date=self.birth_date.data, occupation=self.occupation.data or "",
            id_number=self.id_number.data or "", phone=self.phone.data or "", address=self.address.data or "",
            area=area, is_organisation=self.is_organisation.data,
            legal_representative=self.legal_representative.data or "",
        )
