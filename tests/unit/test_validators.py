"""Tests for models.validators: public vectors, normalisation, Chinese messages and check-digit properties."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.validators import (
    MobileError,
    ResidentIdError,
    UsccError,
    ValidationError,
    birth_date_from_resident_id,
    mask_mobile,
    mask_resident_id,
    normalize_text,
    resident_id_check_digit,
    uscc_check_char,
    validate_mobile,
    validate_resident_id,
    validate_uscc,
)

# A copy of /work/shared/reference/validator-vectors.json, kept in the repo so CI clones have it.
VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "validator-vectors.json").read_text(encoding="utf-8")
)

DIGITS = "0123456789"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_AUTHORITIES = "1235689AGNY"
CJK = re.compile(r"[\u4e00-\u9fff]")
FIXED_TODAY = datetime.date(2024, 6, 1)

FAST = settings(max_examples=200, deadline=None)


def with_rid_check(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


def with_uscc_check(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def assert_chinese(err: ValidationError, fragment: str) -> None:
    assert CJK.search(str(err)), str(err)
    assert fragment in str(err)
    assert err.message == str(err)


# --- public vectors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", VECTORS["resident_id"]["valid"])
def test_resident_id_vectors_valid(value: str) -> None:
    assert validate_resident_id(value) == value


@pytest.mark.parametrize("value", VECTORS["resident_id"]["invalid"])
def test_resident_id_vectors_invalid(value: str) -> None:
    with pytest.raises(ResidentIdError):
        validate_resident_id(value)


@pytest.mark.parametrize("value", VECTORS["uscc"]["valid"])
def test_uscc_vectors_valid(value: str) -> None:
    assert validate_uscc(value) == value


@pytest.mark.parametrize("value", VECTORS["uscc"]["invalid"])
def test_uscc_vectors_invalid(value: str) -> None:
    with pytest.raises(UsccError):
        validate_uscc(value)


@pytest.mark.parametrize("value", VECTORS["mobile"]["valid"])
def test_mobile_vectors_valid(value: str) -> None:
    assert validate_mobile(value) == value


@pytest.mark.parametrize("value", VECTORS["mobile"]["invalid"])
def test_mobile_vectors_invalid(value: str) -> None:
    with pytest.raises(MobileError):
        validate_mobile(value)


def test_check_functions_match_vectors() -> None:
    for value in VECTORS["resident_id"]["valid"]:
        assert resident_id_check_digit(value[:17]) == value[17]
    for value in VECTORS["uscc"]["valid"]:
        assert uscc_check_char(value[:17]) == value[17]


# --- normalisation -----------------------------------------------------------------------------------


def test_normalize_text_folds_full_width_and_strips_spaces() -> None:
    assert normalize_text("\u3000１１０ １０５\tＡｂ－\u3000") == "110105Ab-"
    assert normalize_text("") == ""


def test_normalize_text_leaves_other_digit_forms_alone() -> None:
    # Superscripts and Arabic-Indic digits must not turn into ASCII digits.
    assert normalize_text("²١") == "²١"


def test_resident_id_normalisation() -> None:
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"
    assert validate_resident_id("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    assert validate_resident_id(" 110105 19491231 002x\u3000") == "11010519491231002X"


def test_uscc_normalisation() -> None:
    assert validate_uscc("91350100m000100y43") == "91350100M000100Y43"
    assert validate_uscc("９１３１０１１５ＭＡ１Ｈ８Ｒ７Ｃ６７") == "91310115MA1H8R7C67"
    assert validate_uscc(" 9131 0115 ma1h 8r7c 67 ") == "91310115MA1H8R7C67"


@pytest.mark.parametrize(
    "raw",
    [
        "138 0013 8000",
        "138-0013-8000",
        "１３８００１３８０００",
        "+86 138 0013 8000",
        "+8613800138000",
        "0086-13800138000",
        "8613800138000",
        "\u3000138\u30000013\u30008000",
    ],
)
def test_mobile_normalisation(raw: str) -> None:
    assert validate_mobile(raw) == "13800138000"


def test_mobile_prefix_only_stripped_before_eleven_digits() -> None:
    with pytest.raises(MobileError, match="手机号应以13–19开头"):
        validate_mobile("86123456789")  # 11 digits that happen to start with 86
    with pytest.raises(MobileError, match="手机号应为11位数字"):
        validate_mobile("+861380013800")


# --- messages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "身份证号不能为空"),
        ("\u3000 ", "身份证号不能为空"),
        ("11010519491231002", "身份证号应为18位，当前为17位"),
        ("1101051949123100211", "身份证号应为18位，当前为19位"),
        ("1101051949123100X1", "身份证号前17位应为数字，最后一位为数字或X"),
        ("11010519491231002Y", "身份证号前17位应为数字，最后一位为数字或X"),
        ("110105194913310021", "身份证号中的出生日期19491331无效"),
        ("110105194902300020", "身份证号中的出生日期19490230无效"),
        (with_rid_check("11010517991231002"), "身份证号中的出生日期17991231无效"),
        (with_rid_check("11010520240602002"), "身份证号中的出生日期20240602晚于今天"),
        ("110105194912310021", "身份证号校验位错误，应为X"),
    ],
)
def test_resident_id_messages(raw: str, fragment: str) -> None:
    with pytest.raises(ResidentIdError) as info:
        validate_resident_id(raw, today=FIXED_TODAY)
    assert_chinese(info.value, fragment)
    assert info.value.field == "resident_id"
    assert isinstance(info.value, ValueError)


def test_resident_id_birth_date_today_is_accepted() -> None:
    value = with_rid_check("11010520240601002")
    assert validate_resident_id(value, today=FIXED_TODAY) == value
    assert birth_date_from_resident_id(VECTORS["resident_id"]["valid"][0]) == datetime.date(1949, 12, 31)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "统一社会信用代码不能为空"),
        ("91350100M000100Y4", "统一社会信用代码应为18位，当前为17位"),
        ("91350100O000100Y43", "统一社会信用代码第9位“O”不是有效字符（不含I、O、Z、S、V）"),
        ("9135010OM000100Y43", "统一社会信用代码第8位“O”"),
        ("91350100M000100Y4Z", "统一社会信用代码第18位“Z”"),
        (with_uscc_check("41350100M000100Y4"), "统一社会信用代码第1位“4”不是有效的登记管理部门代码"),
        (with_uscc_check("913501A0M000100Y4"), "统一社会信用代码第3–8位应为6位数字的行政区划代码"),
        ("91310115MA1H8R7C6D", "统一社会信用代码校验位错误，应为7"),
        ("91350100M000100Y4A", "统一社会信用代码校验位错误，应为3"),
    ],
)
def test_uscc_messages(raw: str, fragment: str) -> None:
    with pytest.raises(UsccError) as info:
        validate_uscc(raw)
    assert_chinese(info.value, fragment)
    assert info.value.field == "uscc"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "手机号不能为空"),
        (" - ", "手机号不能为空"),
        ("1380013800", "手机号应为11位数字，当前为10位"),
        ("138001380001", "手机号应为11位数字，当前为12位"),
        ("1380013800a", "手机号应为11位数字，不能包含“a”"),
        ("12345678901", "手机号应以13–19开头"),
        ("23800138000", "手机号应以13–19开头"),
    ],
)
def test_mobile_messages(raw: str, fragment: str) -> None:
    with pytest.raises(MobileError) as info:
        validate_mobile(raw)
    assert_chinese(info.value, fragment)
    assert info.value.field == "mobile"


def test_check_helpers_reject_bad_input() -> None:
    with pytest.raises(ResidentIdError):
        resident_id_check_digit("1234")
    with pytest.raises(ResidentIdError):
        resident_id_check_digit("1101051949123100²")
    with pytest.raises(UsccError):
        uscc_check_char("91350100O000100Y4")


# --- properties ------------------------------------------------------------------------------------------


def digit_text(size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=DIGITS, min_size=size, max_size=size)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    area = draw(digit_text(6))
    birth = draw(st.dates(min_value=datetime.date(1800, 1, 1), max_value=FIXED_TODAY))
    sequence = draw(digit_text(3))
    return with_rid_check(f"{area}{birth:%Y%m%d}{sequence}")


@st.composite
def usccs(draw: st.DrawFn) -> str:
    authority = draw(st.sampled_from(USCC_AUTHORITIES))
    category = draw(st.sampled_from(USCC_CHARS))
    division = draw(digit_text(6))
    body = draw(st.text(alphabet=USCC_CHARS, min_size=9, max_size=9))
    return with_uscc_check(authority + category + division + body)


mobiles = st.builds(lambda second, rest: "1" + second + rest, st.sampled_from("3456789"), digit_text(9))


@FAST
@given(resident_ids())
def test_generated_resident_id_is_accepted(value: str) -> None:
    assert validate_resident_id(value, today=FIXED_TODAY) == value
    assert validate_resident_id(value.lower()) == value
    assert birth_date_from_resident_id(value).strftime("%Y%m%d") == value[6:14]


@FAST
@given(resident_ids())
def test_any_single_substitution_in_resident_id_is_rejected(value: str) -> None:
    for pos, original in enumerate(value):
        allowed = DIGITS + "X" if pos == 17 else DIGITS
        for replacement in allowed.replace(original, ""):
            changed = value[:pos] + replacement + value[pos + 1 :]
            with pytest.raises(ResidentIdError):
                validate_resident_id(changed, today=FIXED_TODAY)


@FAST
@given(usccs())
def test_generated_uscc_is_accepted(value: str) -> None:
    assert validate_uscc(value) == value
    assert validate_uscc(value.lower()) == value


@FAST
@given(usccs())
def test_any_single_substitution_in_uscc_is_rejected(value: str) -> None:
    for pos, original in enumerate(value):
        for replacement in USCC_CHARS.replace(original, ""):
            changed = value[:pos] + replacement + value[pos + 1 :]
            with pytest.raises(UsccError):
                validate_uscc(changed)


@FAST
@given(mobiles)
def test_generated_mobile_is_accepted(value: str) -> None:
    assert validate_mobile(value) == value
    assert validate_mobile(f"+86 {value[:3]}-{value[3:7]}-{value[7:]}") == value


@FAST
@given(st.text())
def test_normalize_text_is_idempotent_and_leaves_no_spaces(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any(ch.isspace() or 0xFF01 <= ord(ch) <= 0xFF5E for ch in once)


@FAST
@given(st.text())
def test_validators_raise_only_validation_errors(text: str) -> None:
    for validate in (validate_resident_id, validate_uscc, validate_mobile):
        try:
            validate(text)
        except ValidationError as err:
            assert CJK.search(str(err))


@FAST
@given(resident_ids(), mobiles)
def test_masks_keep_length_and_ends(rid: str, mobile: str) -> None:
    masked_id = mask_resident_id(rid)
    assert len(masked_id) == 18
    assert masked_id == rid[:4] + "*" * 10 + rid[-4:]
    masked_mobile = mask_mobile(mobile)
    assert masked_mobile == mobile[:3] + "****" + mobile[-4:]


def test_mask_examples() -> None:
    assert mask_resident_id("14110219900101123X") == "1411**********123X"
    assert mask_mobile("13812345678") == "138****5678"


@FAST
@given(st.text(max_size=30))
def test_masks_never_raise_and_keep_length(text: str) -> None:
    for mask, head, tail in ((mask_resident_id, 4, 4), (mask_mobile, 3, 4)):
        masked = mask(text)
        assert len(masked) == len(text)
        n = len(text)
        if n > head + tail:
            assert masked[:head] == text[:head]
            assert masked[n - tail :] == text[n - tail :]
            assert set(masked[head : n - tail]) == {"*"}
        else:
            # Too short for the usual ends: at least half of it is hidden.
            hidden = masked[n // 4 : n - n // 4]
            assert set(hidden) <= {"*"}
            assert 2 * len(hidden) >= n
