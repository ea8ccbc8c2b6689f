"""Password rules, shared by the change-password form, user administration and the CLI."""

from __future__ import annotations

import secrets
import string

from flask import current_app
from flask_babel import gettext as _

COMMON = {"password", "123456789", "1234567890", "qwertyuiop", "abc123456", "password123", "admin12345"}


def password_problems(password: str, username: str = "") -> list[str]:
    problems = []
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        problems.append(_("密码至少需要 %(n)d 个字符", n=minimum))
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        problems.append(_("密码需同时包含字母和数字"))
    if username and username.lower() in password.lower():
        problems.append(_("密码不能包含用户名"))
    if password.lower() in COMMON:
        problems.append(_("密码过于常见，请换一个"))
    return problems


def temporary_password() -> str:
    """A one-time password for resets; the user must change it at the next login."""
    alphabet = string.ascii_letters + string.digits
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(12))
        if any(c.isdigit() for c in pw) and any(c.isalpha() for c in pw):
            return pw
