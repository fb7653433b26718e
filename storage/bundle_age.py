"""The age format (age-encryption.org/v1) through pyrage: X25519 identities and multi-recipient sealing.

pyrage ships no type information; this module is the one place that touches it.
"""

from __future__ import annotations

from typing import Any

import pyrage  # type: ignore[import-untyped]

from storage.bundle_records import RefusedError
from storage.errors import UserFacingError

_x25519: Any = pyrage.x25519


def generate_identity() -> tuple[str, str]:
    """A new X25519 identity: (secret `AGE-SECRET-KEY-1…`, public recipient `age1…`)."""
    identity = _x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_of(secret: str) -> str:
    return str(_x25519.Identity.from_str(secret).to_public())


def check_recipient(text: str) -> str:
    try:
        return str(_x25519.Recipient.from_str(text.strip()))
    except Exception:
        raise UserFacingError(f"不是有效的 age 收件人公钥：{text.strip()[:80]}") from None


def encrypt(data: bytes, recipients: list[str]) -> bytes:
    parsed = [_x25519.Recipient.from_str(r) for r in recipients]
    sealed: bytes = pyrage.encrypt(data, parsed)
    return sealed


def decrypt(data: bytes, secret: str) -> bytes:
    """Refuses when this identity is not among the recipients or the data is damaged."""
    try:
        plain: bytes = pyrage.decrypt(data, [_x25519.Identity.from_str(secret)])
    except Exception:
        raise RefusedError("not_recipient", "加密内容无法解密：本机不是收件人，或密文已损坏") from None
    return plain
