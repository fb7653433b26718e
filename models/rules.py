"""Small domain rules that screens, imports and exports share."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

# 《防范和处置非法集资条例》第九条: names and business scopes that need a financial licence.
DEFAULT_RESTRICTED_WORDS = ("金融", "交易所", "交易中心", "理财", "财富管理", "股权众筹")


def find_restricted_words(*texts: str | None, words: Iterable[str] = DEFAULT_RESTRICTED_WORDS) -> list[str]:
    """The restricted words that occur in any of the texts, in the order of the word list."""
    joined = " ".join(t for t in texts if t)
    return [w for w in words if w in joined]


def fen_to_yuan_text(fen: int | None) -> str:
    """'12,345.67 元' or '1,234.57 万元' for large sums, the way a Chinese office writes money."""
    if fen is None:
        return ""
    if abs(fen) >= 100_000_000:  # ≥ 1,000,000 元: shown in 万元
        return f"{fen / 1_000_000:,.2f} 万元"
    return f"{fen / 100:,.2f} 元"


def yuan_to_fen(text: str) -> int:
    """Parses '1.5万', '1,200.50', '3000元' into 分; raises ValueError with a Chinese message."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    factor = 100
    if cleaned.endswith("万元"):
        cleaned, factor = cleaned[:-2], 1_000_000
    elif cleaned.endswith("万"):
        cleaned, factor = cleaned[:-1], 1_000_000
    elif cleaned.endswith("元"):
        cleaned = cleaned[:-1]
    try:
        value = Decimal(cleaned)
    except (InvalidOperation, ValueError):
        raise ValueError(f"金额“{text}”不是有效数字") from None
    if value < 0:
        raise ValueError("金额不能为负数")
    return int((value * factor).to_integral_value())
