"""Shared form pieces: WTForms fields that understand areas, institutions and errors from operations."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice

from mediation.errors import ValidationFailed


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs → WTForms 3.3 SelectChoice objects (tuples are deprecated there)."""
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class IdSelectField(SelectField):
    """A select of database ids where "" means none."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=lambda v: int(v) if v not in (None, "", "None") else None,
                         **kwargs)

    def pre_validate(self, form):
        if self.data is None and not self.flags.required:
            return
        super().pre_validate(form)


def apply_errors(form: FlaskForm, exc: ValidationFailed) -> None:
    """Put the messages of a ValidationFailed next to the matching fields (or at form level)."""
    for name, messages in exc.errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + list(messages)
        else:
            form.form_errors.extend(messages)


REQUIRED = _l("此项为必填项")
