from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from mediation.forms import choices


class FeedbackForm(FlaskForm):
    kind = RadioField(_l("类型"), choices=choices([("question", _l("询问")), ("objection", _l("异议"))]),
                      default="question", validators=[DataRequired(_l("请选择询问或异议"))])
    text = TextAreaField(_l("内容"), validators=[DataRequired(_l("请填写内容")), Length(min=5, max=1000)],
                         description=_l("请勿填写身份证号、手机号等个人信息。回复将在本页公开。"))
    # A field people do not see; bots fill it in.
    website = StringField(_l("请勿填写此项"))
