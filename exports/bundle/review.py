"""Review files (liaison -> worker) and receipts (receiver -> producer), both signed messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from exports.bundle.format import BundleError
from exports.bundle.importer import db_trust
from exports.bundle.signed_file import read_message, write_message
from storage.accounts import SignedIn
from storage.bundle_import import ImportOutcome
from storage.bundle_review import Decision, mark_confirmed, set_reviews, store_review_notes
from storage.trust import PublicKeyEntry, parse_key_text, trust_keys


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S%f")


def write_review(signed: SignedIn, out_dir: Path, decisions: list[Decision]) -> Path:
    """Records the verdicts here and writes the signed file the workers import."""
    items = set_reviews(signed, decisions)
    name = f"GL-review-{signed.unit_code}-{_stamp()}.zip"
    return write_message(signed, out_dir, "review", {"items": items}, name)


def write_receipt(signed: SignedIn, out_dir: Path, outcome: ImportOutcome) -> Path:
    """A signed 回执 for an imported bundle; importing it at the producer marks the bundle 已确认."""
    body = {
        "bundle_sha256": outcome.manifest_sha256,
        "bundle_name": outcome.name,
        "inserted": outcome.inserted,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "conflicts": len(outcome.conflicts),
    }
    stem = outcome.name.removesuffix(".zip").removeprefix("GL-")
    return write_message(signed, out_dir, "receipt", body, f"GL-receipt-{signed.unit_code}-{stem}.zip")


def apply_message(signed: SignedIn, path: Path, *, trust_new: bool = False) -> str:
    """Imports a review file or a receipt from a trusted signer; returns what happened, in Chinese."""
    message = read_message(path)
    status = db_trust(signed).get(message.fingerprint, "unknown")
    if status == "revoked":
        raise BundleError("revoked_key", f"签名公钥已被吊销（指纹 {message.fingerprint}），拒绝该文件")
    signer = f"{message.signer.get('unit_name', '')} {message.signer.get('person', '')}".strip()
    if status != "trusted" and not trust_new:
        raise BundleError(
            "untrusted_key",
            f"签名方公钥未受信任（指纹 {message.fingerprint}，{signer}）：核对指纹无误后可加 --trust-new",
        )
    body = message.body
    try:
        if message.kind == "review":
            made_at = dt.datetime.now(dt.UTC)
            stored = store_review_notes(
                signed, list(body["items"]), signer, message.fingerprint, message.sha256, made_at
            )
            result = (
                f"{path.name}：收到 {signer} 的审核结果 {stored} 条，"
                f"其中退回修改 {_returned(signed, body)} 条"
                if stored
                else f"{path.name}：此前已导入"
            )
        else:
            row = mark_confirmed(signed, str(body["bundle_sha256"]))
            if row is None:
                raise BundleError("unknown_bundle", "回执所指的数据包不是本机发出的")
            result = f"{path.name}：{row.name} 已由 {signer} 确认接收（{row.status}）"
    except (KeyError, TypeError, ValueError) as exc:
        raise BundleError("bad_message", f"签名文件内容格式不正确（{exc}）") from None
    if status != "trusted":
        raw = parse_key_text(message.public_line)[0]
        trust_keys(signed, [PublicKeyEntry(raw.public_line, raw.fingerprint, None, signer)])
    return result


def _returned(signed: SignedIn, body: dict[str, Any]) -> int:
    mine = str(signed.actor.origin)
    return sum(1 for i in body["items"] if i.get("origin") == mine and i.get("verdict") == "returned")
