"""Labels of notification kinds, translated at render time."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "new_referral": _l("新的转介"),
    "returned": _l("转介被退回"),
    "materials": _l("需要补充材料"),
    "supplied": _l("已补充材料"),
    "decided": _l("转介已办结"),
    "due_soon": _l("3天内到期"),
    "overdue": _l("已超期"),
}


def kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))
