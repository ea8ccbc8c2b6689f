from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from mediation.auth.roles import Role
from mediation.forms import REQUIRED, IdSelectField, MultiCheckboxField, choices


class LoginForm(FlaskForm):
    username = StringField(_l("用户名"), validators=[DataRequired(REQUIRED), Length(max=64)])
    password = PasswordField(_l("密码"), validators=[DataRequired(REQUIRED)])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("当前密码"), validators=[DataRequired(REQUIRED)])
    new_password = PasswordField(_l("新密码"), validators=[DataRequired(REQUIRED)])
    confirm_password = PasswordField(_l("再次输入新密码"), validators=[DataRequired(REQUIRED)])

    def validate_confirm_password(self, field):
        from wtforms import ValidationError

        if field.data != self.new_password.data:
            raise ValidationError(_l("两次输入的新密码不一致"))


class UserForm(FlaskForm):
    username = StringField(_l("用户名"), validators=[DataRequired(REQUIRED), Length(max=64)])
    display_name = StringField(_l("姓名"), validators=[DataRequired(REQUIRED), Length(max=100)])
    roles = MultiCheckboxField(_l("角色"), choices=[])
    institution_id = IdSelectField(_l("所属机构"), choices=[])
    area_ids = MultiCheckboxField(_l("工作区域（网格/村）"), coerce=int, choices=[])
    is_active = BooleanField(_l("账号启用"), default=True)

    def fill_choices(self, institutions, areas):
        self.roles.choices = choices((r.value, r.label) for r in Role)
        self.institution_id.choices = choices([("", _l("（无）"))] + [(i.id, i.name) for i in institutions])
        self.area_ids.choices = choices((a.id, a.full_name) for a in areas)
