"""Small signed files that travel back down: review verdicts and receipts.

A zip with `message.json` (format, kind, signer's key, body) and `message.sig` (SSHSIG over its exact bytes,
checked like a bundle manifest: `ssh-keygen -Y verify ... -s message.sig < message.json`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exports.bundle import sshsig
from exports.bundle.build import write_zip
from exports.bundle.format import BundleError, loads_json, pretty_json, sha256_hex
from exports.bundle.safezip import SafeZip
from storage.accounts import SignedIn
from storage.files import atomic_output
from storage.trust import fingerprint, own_fingerprint, own_public_line, parse_openssh_line, signing_key

MESSAGE = "message.json"
MESSAGE_SIG = "message.sig"
FORMAT = "gridledger-message"
KINDS = ("review", "receipt")


@dataclass(frozen=True)
class SignedMessage:
    kind: str
    body: dict[str, Any]
    fingerprint: str
    sha256: str
    signer: dict[str, Any]
    public_line: str


def write_message(signed: SignedIn, out_dir: Path, kind: str, body: dict[str, Any], name: str) -> Path:
    actor = signed.actor
    message = {
        "format": FORMAT,
        "format_version": 1,
        "kind": kind,
        "id": str(uuid.uuid4()),
        "made_at": dt.datetime.now(dt.UTC).isoformat(),
        "signer": {
            "installation_id": str(actor.origin),
            "person": actor.display_name,
            "unit_code": signed.unit_code,
            "unit_name": signed.unit_name,
            "level": actor.level.value,
        },
        "public_key": own_public_line(signed),
        "fingerprint": own_fingerprint(signed),
        "body": body,
    }
    data = pretty_json(message)
    path = out_dir / name
    with atomic_output(path) as handle:
        write_zip(handle, {MESSAGE: data, MESSAGE_SIG: sshsig.sign(signing_key(signed), data)})
    return path


def is_message(path: Path) -> bool:
    try:
        with SafeZip(path) as archive:
            return MESSAGE in archive.entries
    except BundleError:
        return False


def read_message(path: Path) -> SignedMessage:
    """Checks the archive, the format and the signature; trust is the caller's decision."""
    with SafeZip(path, "签名文件") as archive:
        extra = set(archive.entries) - {MESSAGE, MESSAGE_SIG}
        if extra or MESSAGE_SIG not in archive.entries or MESSAGE not in archive.entries:
            raise BundleError("bad_message", "签名文件的内容不完整或有多余文件")
        data = archive.read(MESSAGE, 4 * 1024 * 1024)
        signature = archive.read(MESSAGE_SIG, 64 * 1024)
    message = loads_json(data, MESSAGE)
    ok = isinstance(message, dict) and message.get("format") == FORMAT and message.get("kind") in KINDS
    ok = ok and message.get("format_version") == 1 and isinstance(message.get("body"), dict)
    if not ok:
        raise BundleError("bad_message", "不是网格防非台账的审核或回执文件，或版本不受支持")
    try:
        raw = parse_openssh_line(str(message.get("public_key", "")))
        signer = sshsig.verify(signature, data)
    except sshsig.SignatureError as exc:
        raise BundleError("bad_signature", f"签名校验失败：{exc}") from None
    except Exception:
        raise BundleError("bad_message", "签名文件中的公钥格式不正确") from None
    if signer != raw or message.get("fingerprint") != fingerprint(raw):
        raise BundleError("bad_signature", "签名校验失败：签名所用公钥与文件中的公钥不一致")
    signer_info = message.get("signer")
    if not isinstance(signer_info, dict):
        raise BundleError("bad_message", "签名文件缺少签名方信息")
    return SignedMessage(
        message["kind"],
        message["body"],
        fingerprint(raw),
        sha256_hex(data),
        signer_info,
        message["public_key"],
    )
