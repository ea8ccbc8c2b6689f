"""Verification codes: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L, no U),
shown as XXXX-XXXX-XXXX. 30^12 ≈ 5·10^17 codes: unguessable, yet easy to type from paper."""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
_VALID = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str | None:
    """Accept what people type (lower case, spaces, dashes); None when it cannot be a code."""
    cleaned = re.sub(r"[\s\-－—_]", "", text or "").upper()
    return cleaned if _VALID.match(cleaned) else None


def display(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))
