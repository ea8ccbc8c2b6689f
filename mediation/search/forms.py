"""The search box and its filters (GET: no CSRF token, nothing changes)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SearchField, SelectField
from wtforms.validators import Length, Optional

from mediation.forms import choices
from mediation.search.analyzer import MAX_QUERY_LENGTH


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField(_l("关键词"), validators=[Optional(), Length(max=MAX_QUERY_LENGTH)])
    kind = SelectField(_l("类型"), validators=[Optional()], validate_choice=False)
    area = SelectField(_l("区域"), validators=[Optional()], validate_choice=False)
    date_from = DateField(_l("起始日期"), validators=[Optional()])
    date_to = DateField(_l("截止日期"), validators=[Optional()])
    category = HiddenField()
    status = HiddenField()

    def set_choices(self, kinds, areas) -> None:
        self.kind.choices = choices([("", _l("全部类型"))] + [(k.name, k.label) for k in kinds])
        self.area.choices = choices([("", _l("全部区域"))] + [(str(a.id), a.full_name) for a in areas])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.date_from.data and self.date_to.data and self.date_from.data > self.date_to.data:
            self.date_to.errors.append(_l("截止日期不能早于起始日期"))
            ok = False
        return ok


class PortalSearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField(_l("关键词"), validators=[Optional(), Length(max=MAX_QUERY_LENGTH)])
