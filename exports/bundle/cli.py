"""The bundle sub-commands of main.py: bundle, key, trust, verify, import, compile, review."""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from exports.bundle.build import build_bundle, office_files
from exports.bundle.format import BundleError
from exports.bundle.importer import import_bundles, verify_for
from exports.bundle.review import apply_message, write_receipt, write_review
from exports.bundle.signed_file import is_message
from exports.bundle.verify import describe, verify_bundle
from models.enums import ReviewStatus
from storage.accounts import SignedIn
from storage.bundle_age import check_recipient
from storage.bundle_review import Decision, pending_reviews
from storage.errors import UserFacingError
from storage.files import write_atomically
from storage.trust import (
    age_identity,
    age_recipient,
    export_key_file,
    list_trusted,
    own_fingerprint,
    read_key_file,
    revoke_keys,
    trust_keys,
)

SignIn = Callable[[argparse.Namespace], SignedIn]


def recipients_from(values: list[str]) -> list[str]:
    """`--to` takes key files (their `age1…` lines) or age recipients given directly."""
    found: list[str] = []
    for value in values:
        if value.startswith("age1"):
            found.append(check_recipient(value))
            continue
        entries = read_key_file(Path(value))
        ages = [e.age_recipient for e in entries if e.age_recipient and not e.revoked]
        if not ages:
            raise UserFacingError(f"密钥文件 {value} 中没有 age 收件人公钥（age1… 一行），无法加密给它")
        found += ages
    return list(dict.fromkeys(found))


def cmd_bundle(signed: SignedIn, args: argparse.Namespace) -> int:
    extras = [] if args.no_office else [office_files]
    built = build_bundle(
        signed, Path(args.out), since_last=args.since_last, recipients=recipients_from(args.to), extras=extras
    )
    counts = "，".join(f"{k} {v}" for k, v in built.counts.items() if v) or "无记录"
    print(f"已生成数据包：{built.path}")
    print(f"记录数：{counts}；{'已加密' if built.sealed else '未加密'}；清单 SHA-256 {built.manifest_sha256}")
    print(f"签名公钥指纹：{own_fingerprint(signed)}")
    for problem in built.skipped_extras:
        print(f"提示：未能附带 Excel/PDF（{problem}），数据本身已完整打包", file=sys.stderr)
    return 0


def cmd_key(signed: SignedIn, args: argparse.Namespace) -> int:
    print(f"签名公钥指纹：{own_fingerprint(signed)}")
    print(f"age 收件人公钥：{age_recipient(signed)}")
    if args.export:
        export_key_file(signed, Path(args.export))
        print(f"公钥已写入 {args.export}（可交给乡镇或县里加入信任列表）")
    if args.export_age_identity:
        write_atomically(Path(args.export_age_identity), (age_identity(signed) + "\n").encode("ascii"))
        Path(args.export_age_identity).chmod(0o600)
        print(f"age 私钥已写入 {args.export_age_identity}：这是解密凭据，请勿外传")
    return 0


def cmd_trust(signed: SignedIn, args: argparse.Namespace) -> int:
    if args.keyfile:
        entries = read_key_file(Path(args.keyfile))
        if args.revoke:
            revoke_keys(signed, entries)
        else:
            trust_keys(signed, [e for e in entries if not e.revoked])
            if any(e.revoked for e in entries):
                revoke_keys(signed, [e for e in entries if e.revoked])
        for entry in entries:
            done = "已吊销" if args.revoke or entry.revoked else "已加入信任列表"
            print(f"{done}：{entry.fingerprint} {entry.label}")
    for row in list_trusted(signed):
        state = f"已吊销 {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "受信任"
        print(f"{row.fingerprint}  {state}  {row.label}")
    return 0


def cmd_verify(args: argparse.Namespace, sign_in: SignIn | None) -> int:
    try:
        if args.db and sign_in is not None:
            signed = sign_in(args)
            try:
                verified = verify_for(signed, Path(args.bundle))
            finally:
                signed.close()
        else:
            lookup = None
            if args.trust:
                entries = {e.fingerprint: e for e in read_key_file(Path(args.trust))}
                revoked = {fp for fp, e in entries.items() if e.revoked}

                def lookup(fp: str) -> str:
                    return "revoked" if fp in revoked else "trusted" if fp in entries else "unknown"

            verified = verify_bundle(Path(args.bundle), trust=lookup)
        if args.trust and verified.trust != "trusted":
            raise BundleError("untrusted_key", f"签名公钥不在信任列表中（指纹 {verified.fingerprint}）")
    except UserFacingError as exc:
        print(f"验证未通过：{exc}", file=sys.stderr)
        return 1
    print("验证通过")
    print(describe(verified))
    return 0


def cmd_import(signed: SignedIn, args: argparse.Namespace) -> int:
    failed = 0
    paths = [Path(name) for name in args.bundles]
    bundles = []
    for path in paths:
        if not is_message(path):
            bundles.append(path)
            continue
        try:
            print(apply_message(signed, path, trust_new=args.trust_new))
        except UserFacingError as exc:
            failed += 1
            print(f"未导入 {path.name}：{exc}", file=sys.stderr)
    for path, result in import_bundles(signed, bundles, trust_new=args.trust_new):
        if isinstance(result, UserFacingError):
            failed += 1
            print(f"未导入 {path.name}：{result}", file=sys.stderr)
            continue
        print(result.summary())
        if args.receipts:
            print(f"  回执：{write_receipt(signed, Path(args.receipts), result)}")
    return 1 if failed else 0


def cmd_review(signed: SignedIn, args: argparse.Namespace) -> int:
    comments: dict[uuid.UUID, dict[str, str]] = {}
    for text in args.comment:
        rid, sep, rest = text.partition(":")
        field, eq, comment = rest.partition("=")
        if not (sep and eq and comment.strip()):
            raise UserFacingError(f"意见格式应为 ID:字段=意见：{text}")
        comments.setdefault(_uuid(rid), {})[field.strip()] = comment.strip()
    accepted = [_uuid(t) for t in args.accept]
    returned = [_uuid(t) for t in args.returned]
    if args.accept_pending:
        accepted += [i for i in pending_reviews(signed) if i not in returned and i not in accepted]
    decisions = [Decision(i, ReviewStatus.ACCEPTED, {}) for i in accepted]
    decisions += [Decision(i, ReviewStatus.RETURNED, comments.get(i, {})) for i in returned]
    if not decisions:
        raise UserFacingError("没有要审核的记录")
    path = write_review(signed, Path(args.out), decisions)
    print(f"已接收 {len(accepted)} 条，退回 {len(returned)} 条；审核文件：{path}")
    return 0


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise UserFacingError(f"记录编号格式不正确：{text}") from None


SIGNED_COMMANDS: dict[str, Callable[[SignedIn, argparse.Namespace], int]] = {
    "bundle": cmd_bundle,
    "key": cmd_key,
    "trust": cmd_trust,
    "import": cmd_import,
    "review": cmd_review,
}


def run(args: argparse.Namespace, sign_in: SignIn) -> int:
    """Runs one bundle sub-command; `sign_in` opens the database when the command needs it."""
    if args.command == "verify":
        return cmd_verify(args, sign_in)
    signed = sign_in(args)
    try:
        return SIGNED_COMMANDS[args.command](signed, args)
    finally:
        signed.close()
