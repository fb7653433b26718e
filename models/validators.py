"""Validation of the identifiers grid workers type in: resident id, unified social credit code, mobile.

Each ``validate_*`` function normalises the text (spaces, full-width characters, letter case) and
returns the canonical form, or raises a :class:`ValidationError` whose message says in plain Chinese
what is wrong, so the form can show it next to the field unchanged.

Standards: GB 11643-1999 (resident id, ISO 7064 MOD 11-2 check digit) and GB 32100-2015 (unified
social credit code, MOD 31 check character). Pure Python, no I/O.
"""

from __future__ import annotations

import datetime
import string

__all__ = [
    "MobileError",
    "ResidentIdError",
    "UsccError",
    "ValidationError",
    "birth_date_from_resident_id",
    "mask_mobile",
    "mask_resident_id",
    "normalize_text",
    "resident_id_check_digit",
    "uscc_check_char",
    "validate_mobile",
    "validate_resident_id",
    "validate_uscc",
]


class ValidationError(ValueError):
    """A user-facing validation failure; ``str(e)`` is the Chinese message."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ResidentIdError(ValidationError):
    def __init__(self, message: str, field: str = "resident_id") -> None:
        super().__init__(message, field)


class UsccError(ValidationError):
    def __init__(self, message: str, field: str = "uscc") -> None:
        super().__init__(message, field)


class MobileError(ValidationError):
    def __init__(self, message: str, field: str = "mobile") -> None:
        super().__init__(message, field)


# --- normalisation -----------------------------------------------------------------------------------

# Only U+FF01..U+FF5E is folded: full NFKC would also rewrite e.g. circled digits or superscripts
# into digits and silently accept text the user never typed as a number.
_FULLWIDTH_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Zero-width characters arrive with text pasted from web pages and spreadsheets; they are invisible,
# so an error about them could not be understood.
_INVISIBLE = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}
_TRANSLATE = {**_FULLWIDTH_FOLD, **_INVISIBLE}
# str.upper() is not used: it turns "ß" into "SS" and would change the length being reported.
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
_ASCII_DIGITS = frozenset(string.digits)


def normalize_text(text: str) -> str:
    """Remove all whitespace (including U+3000 and inner spaces) and fold full-width ASCII to half-width."""
    folded = text.translate(_TRANSLATE)
    return "".join(ch for ch in folded if not ch.isspace())


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts "²" and Arabic-Indic digits, which int() would then read.
    return all(ch in _ASCII_DIGITS for ch in text)


def _show(ch: str) -> str:
    return ch if ch.isprintable() else f"U+{ord(ch):04X}"


# --- resident id (GB 11643-1999) ------------------------------------------------------------------------

_RID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_RID_CHECK_CHARS = "0123456789X"
_RID_MIN_YEAR = 1800


def resident_id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check digit for the first 17 digits of a resident id ("X" stands for 10)."""
    if len(first17) != 17 or not _is_ascii_digits(first17):
        raise ResidentIdError("计算校验位需要17位数字")
    total = sum(int(ch) * w for ch, w in zip(first17, _RID_WEIGHTS, strict=True))
    return _RID_CHECK_CHARS[(12 - total % 11) % 11]


def validate_resident_id(text: str, *, today: datetime.date | None = None) -> str:
    """Return the canonical 18-character resident id or raise :class:`ResidentIdError`."""
    value = normalize_text(text).translate(_ASCII_UPPER)
    if not value:
        raise ResidentIdError("身份证号不能为空")
    if len(value) != 18:
        raise ResidentIdError(f"身份证号应为18位，当前为{len(value)}位")
    if not _is_ascii_digits(value[:17]) or value[17] not in _RID_CHECK_CHARS:
        raise ResidentIdError("身份证号前17位应为数字，最后一位为数字或X")
    birth_text = value[6:14]
    try:
        birth = datetime.date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise ResidentIdError(f"身份证号中的出生日期{birth_text}无效") from None
    if birth.year < _RID_MIN_YEAR:
        raise ResidentIdError(f"身份证号中的出生日期{birth_text}无效")
    if birth > (datetime.date.today() if today is None else today):
        raise ResidentIdError(f"身份证号中的出生日期{birth_text}晚于今天")
    expected = resident_id_check_digit(value[:17])
    if value[17] != expected:
        raise ResidentIdError(f"身份证号校验位错误，应为{expected}")
    return value


def birth_date_from_resident_id(valid_id: str) -> datetime.date:
    """Birth date carried by a resident id; the id is validated first, so a bad id raises."""
    value = validate_resident_id(valid_id)
    return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


# --- unified social credit code (GB 32100-2015) -----------------------------------------------------------

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {ch: i for i, ch in enumerate(_USCC_CHARS)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_AUTHORITIES = "1235689AGNY"


def uscc_check_char(first17: str) -> str:
    """MOD 31 check character for the first 17 characters of a unified social credit code."""
    if len(first17) != 17 or any(ch not in _USCC_VALUES for ch in first17):
        raise UsccError("计算校验位需要17位有效字符")
    total = sum(_USCC_VALUES[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(text: str) -> str:
    """Return the canonical upper-case code or raise :class:`UsccError`."""
    value = normalize_text(text).translate(_ASCII_UPPER)
    if not value:
        raise UsccError("统一社会信用代码不能为空")
    if len(value) != 18:
        raise UsccError(f"统一社会信用代码应为18位，当前为{len(value)}位")
    for pos, ch in enumerate(value, start=1):
        if ch not in _USCC_VALUES:
            raise UsccError(f"统一社会信用代码第{pos}位“{_show(ch)}”不是有效字符（不含I、O、Z、S、V）")
    # Position 2 (organisation category) may be any character of the set, which the loop above checked.
    if value[0] not in _USCC_AUTHORITIES:
        raise UsccError(
            f"统一社会信用代码第1位“{value[0]}”不是有效的登记管理部门代码"
            f"（应为{'、'.join(_USCC_AUTHORITIES)}之一）"
        )
    if not _is_ascii_digits(value[2:8]):
        raise UsccError(f"统一社会信用代码第3–8位应为6位数字的行政区划代码，当前为“{value[2:8]}”")
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        raise UsccError(f"统一社会信用代码校验位错误，应为{expected}")
    return value


# --- mobile --------------------------------------------------------------------------------------------

# Hyphen-like characters people use to group digits ("138-0013-8000"); U+FF0D is already folded to "-".
_MOBILE_SEPARATORS = {cp: None for cp in (0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014)}
_MOBILE_PREFIXES = ("+86", "0086", "86")


def validate_mobile(text: str) -> str:
    """Return the 11-digit mainland mobile number or raise :class:`MobileError`."""
    value = normalize_text(text).translate(_MOBILE_SEPARATORS)
    if not value:
        raise MobileError("手机号不能为空")
    for prefix in _MOBILE_PREFIXES:
        rest = value.removeprefix(prefix)
        # Only a prefix followed by exactly 11 digits is a country code; "86…" could be part of a typo.
        if rest != value and len(rest) == 11 and _is_ascii_digits(rest):
            value = rest
            break
    bad = next((ch for ch in value if ch not in _ASCII_DIGITS), None)
    if bad is not None:
        raise MobileError(f"手机号应为11位数字，不能包含“{_show(bad)}”")
    if len(value) != 11:
        raise MobileError(f"手机号应为11位数字，当前为{len(value)}位")
    if value[0] != "1" or value[1] not in "3456789":
        raise MobileError("手机号应以13–19开头")
    return value


# --- masking -------------------------------------------------------------------------------------------


def _mask(value: str, head: int, tail: int) -> str:
    n = len(value)
    if n <= head + tail:
        # Too short to keep both ends as usual: keep a quarter at each end so at least half is hidden.
        head = tail = n // 4
    hidden = n - head - tail
    return value[:head] + "*" * hidden + value[n - tail :]


def mask_resident_id(v: str) -> str:
    """Keep the first 4 and last 4 characters: "1411**********123X". Never raises."""
    return _mask(v, 4, 4)


def mask_mobile(v: str) -> str:
    """Keep the first 3 and last 4 digits: "138****5678". Never raises."""
    return _mask(v, 3, 4)
