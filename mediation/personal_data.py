"""Chinese resident ID numbers and mobile numbers: validation and masking.

Masking happens on the server, in the HTML sent: the full value leaves the server only after an
audited reveal (see people/operations.reveal_person).
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def id_number_error(value: str, today: date | None = None) -> str | None:
    """Return a Chinese message explaining why `value` is not a valid resident ID, or None."""
    v = normalize_id_number(value)
    if len(v) != 18:
        return str(_l("身份证号码应为18位"))
    if not _ID_SHAPE.match(v):
        return str(_l("身份证号码前17位应为数字，最后一位为数字或X"))
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return str(_l("身份证号码中的出生日期无效"))
    if born.year < 1900 or born > (today or date.today()):
        return str(_l("身份证号码中的出生日期无效"))
    if id_check_char(v[:17]) != v[17]:
        return str(_l("身份证号码校验位不正确，请核对"))
    return None


def birth_date_from_id(value: str) -> date:
    v = normalize_id_number(value)
    return date(int(v[6:10]), int(v[10:12]), int(v[12:14]))


def sex_from_id(value: str) -> str:
    return "男" if int(normalize_id_number(value)[16]) % 2 else "女"


def normalize_phone(value: str) -> str:
    v = re.sub(r"[\s-]", "", value or "")
    return v[3:] if v.startswith("+86") else v


def phone_error(value: str) -> str | None:
    v = normalize_phone(value)
    if not _MOBILE.match(v):
        return str(_l("请输入11位手机号码（以1开头）"))
    return None


def mask_id_number(value: str | None) -> str:
    """330***********1234: the province code and the last four characters stay visible."""
    if not value:
        return ""
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str | None) -> str:
    """138****5678."""
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# Patterns for "no personal data leaked" checks (portal crawls, logs, search snippets).
ID_NUMBER_PATTERN = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_PATTERN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
