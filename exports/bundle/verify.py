"""Checking a bundle before anything reads its records: archive, format, signature, key, files, chain.

Every refusal is a BundleError with one precise Chinese reason; nothing here writes anything.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exports.bundle import sshsig
from exports.bundle.format import (
    DATA,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_ENTRY_BYTES,
    MAX_MANIFEST_BYTES,
    PAYLOAD,
    PROVENANCE_DIR,
    SIGNATURE,
    BundleError,
    loads_json,
    sha256_hex,
)
from exports.bundle.safezip import SafeZip
from storage.bundle_age import decrypt
from storage.bundle_records import WIRE_TYPES
from storage.errors import UserFacingError
from storage.trust import fingerprint, parse_openssh_line

# Maps a key fingerprint to "trusted", "revoked", "unknown" (or "unchecked" when nobody said).
TrustLookup = Callable[[str], str]

TRUST_LABELS = {
    "trusted": "已受信任",
    "unknown": "未受信任（不在信任列表中）",
    "revoked": "已吊销",
    "unchecked": "未核对信任列表",
}


@dataclass
class Verified:
    """A bundle whose signature and files check out. `files` is None when sealed and not opened here."""

    path: Path
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    manifest_sha256: str
    fingerprint: str
    trust: str
    files: dict[str, bytes] | None
    data: dict[str, Any] | None = None
    carried: dict[str, dict[str, Any]] = field(default_factory=dict)  # worker manifests inside

    @property
    def producer(self) -> dict[str, Any]:
        producer: dict[str, Any] = self.manifest["producer"]
        return producer


def _require(cond: bool, code: str, message: str) -> None:
    if not cond:
        raise BundleError(code, message)


def check_manifest(manifest_bytes: bytes, signature: bytes, what: str = "清单") -> tuple[dict[str, Any], str]:
    """Parses and authenticates a manifest; returns it with the signer's fingerprint."""
    manifest = loads_json(manifest_bytes, what)
    _require(isinstance(manifest, dict), "bad_manifest", f"{what}格式不正确")
    _require(manifest.get("format") == FORMAT, "bad_manifest", f"{what}不是网格防非台账数据包清单")
    version = manifest.get("format_version")
    _require(
        version == FORMAT_VERSION,
        "unsupported_version",
        f"数据包格式版本 {version} 不受支持（本软件支持版本 {FORMAT_VERSION}），请升级本软件",
    )
    try:
        raw = parse_openssh_line(str(manifest.get("public_key", "")))
    except UserFacingError:
        raise BundleError("bad_manifest", f"{what}中的公钥格式不正确") from None
    try:
        signer = sshsig.verify(signature, manifest_bytes)
    except sshsig.SignatureError as exc:
        raise BundleError("bad_signature", f"签名校验失败：{exc}") from None
    _require(signer == raw, "bad_signature", "签名校验失败：签名所用公钥与清单中的公钥不一致")
    fp = fingerprint(raw)
    _require(manifest.get("fingerprint") == fp, "bad_manifest", f"{what}中的指纹与公钥不符")
    _check_shape(manifest, what)
    return manifest, fp


def _check_shape(m: dict[str, Any], what: str) -> None:
    producer, period, counts = m.get("producer"), m.get("period"), m.get("counts")
    ok = (
        isinstance(producer, dict)
        and all(isinstance(producer.get(k), str) for k in ("installation_id", "unit_code", "level", "person"))
        and isinstance(period, dict)
        and isinstance(period.get("to"), str)
        and isinstance(counts, dict)
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in counts.values())
        and isinstance(m.get("files"), list)
        and isinstance(m.get("carries", []), list)
        and isinstance(m.get("name"), str)
    )
    _require(ok, "bad_manifest", f"{what}缺少必要字段或字段格式不正确")
    try:
        uuid.UUID(producer["installation_id"])  # type: ignore[index]
    except ValueError:
        raise BundleError("bad_manifest", f"{what}中的终端编号不正确") from None
    seq, previous = m.get("seq"), m.get("previous_bundle_sha256")
    _require(isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1, "bad_manifest", "序号不正确")
    _require(
        (seq == 1) == (previous is None) and (previous is None or isinstance(previous, str)),
        "broken_chain",
        f"前序数据包链不完整：第 {seq} 号数据包{'不应' if seq == 1 else '必须'}指明上一个数据包",
    )


def _declared(entries: Any, what: str) -> dict[str, tuple[str, int]]:
    declared: dict[str, tuple[str, int]] = {}
    for entry in entries:
        ok = isinstance(entry, dict) and isinstance(entry.get("path"), str)
        ok = ok and isinstance(entry.get("sha256"), str) and isinstance(entry.get("size"), int)
        _require(ok, "bad_manifest", f"{what}中的文件清单格式不正确")
        _require(entry["path"] not in declared, "bad_manifest", f"{what}中重复列出文件 {entry['path']}")
        declared[entry["path"]] = (entry["sha256"], entry["size"])
    return declared


def _check_files(archive: SafeZip, declared: dict[str, tuple[str, int]], fixed: set[str]) -> dict[str, bytes]:
    present = set(archive.entries) - fixed
    missing = sorted(set(declared) - present)
    extra = sorted(present - set(declared))
    _require(not missing, "missing_file", f"{archive.what}缺少清单中列出的文件：{', '.join(missing[:3])}")
    _require(not extra, "extra_file", f"{archive.what}中有清单未列出的文件：{', '.join(extra[:3])}")
    files: dict[str, bytes] = {}
    for path, (sha, size) in sorted(declared.items()):
        info = archive.entries[path]
        _require(info.file_size == size, "size_mismatch", f"文件 {path} 的大小与清单不符")
        data = archive.read(path, MAX_ENTRY_BYTES)
        _require(sha256_hex(data) == sha, "hash_mismatch", f"文件 {path} 的 SHA-256 与清单不符，内容被改动")
        files[path] = data
    return files


def verify_bundle(path: Path, *, trust: TrustLookup | None = None, identity: str | None = None) -> Verified:
    """Verifies `path`. A sealed bundle's payload is opened only when `identity` (age secret) is given."""
    with SafeZip(path) as archive:
        for name in (MANIFEST, SIGNATURE):
            _require(name in archive.entries, "missing_file", f"数据包缺少 {name}")
        manifest_bytes = archive.read(MANIFEST, MAX_MANIFEST_BYTES)
        signature = archive.read(SIGNATURE, 64 * 1024)
        manifest, fp = check_manifest(manifest_bytes, signature)
        status = trust(fp) if trust is not None else "unchecked"
        _require(status != "revoked", "revoked_key", f"签名公钥已被吊销（指纹 {fp}），拒绝该数据包")
        sealed = manifest.get("sealed")
        inner_declared = _declared(manifest["files"], "清单")
        fixed = {MANIFEST, SIGNATURE}
        if sealed is None:
            files: dict[str, bytes] | None = _check_files(archive, inner_declared, fixed)
        else:
            _require(isinstance(sealed, dict), "bad_manifest", "清单中的加密信息格式不正确")
            outer = _declared([sealed], "清单")
            _require(PAYLOAD in outer, "bad_manifest", "清单中的加密文件名不正确")
            payload = _check_files(archive, outer, fixed)[PAYLOAD]
            files = None
            if identity is not None:
                with SafeZip(decrypt(payload, identity), "加密内容") as inner:
                    files = _check_files(inner, inner_declared, set())
    verified = Verified(
        path, manifest, manifest_bytes, signature, sha256_hex(manifest_bytes), fp, status, files
    )
    if files is not None:
        _check_content(verified, files)
    return verified


def _check_content(verified: Verified, files: dict[str, bytes]) -> None:
    _require(DATA in files, "missing_file", f"数据包缺少 {DATA}")
    data = loads_json(files[DATA], DATA, strict_keys=False)
    ok = isinstance(data, dict) and data.get("format_version") == FORMAT_VERSION
    _require(ok, "bad_data", f"{DATA} 的格式或版本不正确")
    records, sources = data.get("records"), data.get("sources", {})
    ok = isinstance(records, dict) and set(records) <= set(WIRE_TYPES) and isinstance(sources, dict)
    ok = ok and all(isinstance(v, list) for v in records.values())
    _require(ok, "bad_data", f"{DATA} 的记录分组不正确")
    counts = {k: len(records.get(k, [])) for k in WIRE_TYPES}
    stated = verified.manifest["counts"]
    declared = {k: stated.get(k, 0) for k in WIRE_TYPES}
    ok = set(stated) <= set(WIRE_TYPES) and counts == declared
    _require(ok, "count_mismatch", "数据包中的记录数与清单不符")
    verified.data = data
    for sha in verified.manifest.get("carries", []):
        base = f"{PROVENANCE_DIR}{sha}/"
        ok = isinstance(sha, str) and base + MANIFEST in files and base + SIGNATURE in files
        _require(ok, "missing_file", f"缺少所转交数据包 {str(sha)[:12]} 的清单或签名")
        worker_bytes = files[base + MANIFEST]
        _require(sha256_hex(worker_bytes) == sha, "hash_mismatch", f"所转交数据包 {sha[:12]} 的清单被改动")
        worker, _ = check_manifest(worker_bytes, files[base + SIGNATURE], f"所转交数据包 {sha[:12]} 的清单")
        verified.carried[sha] = worker
    unknown = {s for s in sources.values() if s} - set(verified.carried)
    _require(not unknown, "missing_provenance", "记录来源所指的网格员数据包不在本数据包中")


def describe(verified: Verified) -> str:
    """What `verify` prints on success."""
    m, p = verified.manifest, verified.producer
    counts = "，".join(f"{k} {v}" for k, v in m["counts"].items() if v) or "无记录"
    lines = [
        f"数据包：{m['name']}（第 {m['seq']} 号，{'增量' if m.get('kind') == 'since_last' else '全量'}）",
        f"制作方：{p.get('unit_name', '')}（{p['unit_code']}，{p['level']}）{p['person']}",
        f"终端：{p['installation_id']}",
        f"期间：{m['period'].get('from') or '开始'} 至 {m['period']['to']}",
        f"记录数：{counts}",
        f"签名：有效，公钥指纹 {verified.fingerprint}，{TRUST_LABELS.get(verified.trust, verified.trust)}",
    ]
    if m.get("sealed"):
        opened = "已解密核对" if verified.files is not None else "未解密（本机不是收件人或未提供密钥）"
        lines.append(f"加密：已加密给 {len(m['sealed'].get('recipients', []))} 个收件人，{opened}")
    for sha, worker in verified.carried.items():
        wp = worker["producer"]
        lines.append(
            f"  含网格员数据包 {worker['name']}（{wp['unit_code']} {wp['person']}），签名有效 {sha[:12]}"
        )
    return "\n".join(lines)
