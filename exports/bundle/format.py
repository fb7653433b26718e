"""Bundle format v1: names, limits, canonical JSON and the error every refusal raises."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from storage.bundle_records import RefusedError

FORMAT = "gridledger-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA = "data.json"
PAYLOAD = "payload.age"  # a sealed bundle: every file but the manifest and its signature, as an age file
COVERAGE_CSV = "coverage.csv"
PROVENANCE_DIR = "provenance/"
ATTACHMENT_DIR = "attachments/"

# Limits of what a bundle may hold (a worker's bundle is a few MB; these leave wide room).
MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

NAME_PATTERN = re.compile(r"^GL-(grid|township|county)-[0-9A-Za-z-]{1,24}-\d{8}-\d{3,6}\.zip$")


class BundleError(RefusedError):
    """Why a bundle is refused: `code` is stable (tests, logs), the message is for people."""


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def pretty_json(value: Any) -> bytes:
    """Manifest bytes: sorted and indented so people can read it; signed exactly as written."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_name(level: str, unit_code: str, day: dt.date, seq: int) -> str:
    return f"GL-{level}-{unit_code}-{day:%Y%m%d}-{seq:03d}.zip"


def loads_json(data: bytes, what: str, *, strict_keys: bool = True) -> Any:
    """Strict JSON from UTF-8 bytes; NaN, bad UTF-8 and (unless `strict_keys` is off, for the large
    data.json whose bytes the signed manifest already fixes) duplicate keys are refusals."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise BundleError("bad_json", f"{what} 中字段“{key}”重复")
            result[key] = value
        return result

    def no_constants(name: str) -> Any:
        raise BundleError("bad_json", f"{what} 含有非法数值 {name}")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError("bad_utf8", f"{what} 不是有效的 UTF-8 文本") from None
    try:
        hook = no_duplicates if strict_keys else None
        return json.loads(text, object_pairs_hook=hook, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise BundleError("bad_json", f"{what} 不是有效的 JSON（第 {exc.lineno} 行：{exc.msg}）") from None
    except RecursionError:
        raise BundleError("bad_json", f"{what} 嵌套过深") from None
