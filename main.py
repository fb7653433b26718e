"""GridLedger (网格防非台账): the GUI by default; sub-commands for headless work.

    python main.py                       start the app (sign-in window) on the default database
    python main.py init  --db PATH ...   create an installation and its first user
    python main.py demo  --db PATH --records N [--seed S]
    python main.py check --db PATH       integrity check and audit-chain verification
    python main.py bundle|key|trust|verify|import|review ...   signed bundles (README "Bundles")

The password comes from GRIDLEDGER_PASSWORD or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def _password(prompt: str = "密码：", *, confirm: bool = False) -> str:
    env = os.environ.get("GRIDLEDGER_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        raise SystemExit("未提供密码：请设置环境变量 GRIDLEDGER_PASSWORD，或在终端中运行以输入密码")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入密码：") != password:
        raise SystemExit("两次输入的密码不一致")
    return password


def _db_path(args: argparse.Namespace) -> Path:
    from storage.paths import default_db_path  # light: the GUI asks before its first window

    return Path(args.db).expanduser().resolve() if args.db else default_db_path()


def cmd_init(args: argparse.Namespace) -> int:
    from models.enums import Level
    from storage.accounts import init_installation

    path = _db_path(args)
    result = init_installation(
        path,
        level=Level[args.level.upper()],
        unit_code=args.unit,
        name=args.name,
        phone=args.phone,
        password=_password("设置密码：", confirm=True),
    )
    print(f"已创建：{result.unit_name}，用户 {result.login}，数据库 {path}")
    print("恢复密钥（仅显示这一次，请打印或抄写后妥善保管；忘记密码时凭它找回数据）：")
    print(f"    {result.recovery_key}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from models.enums import Level
    from storage.accounts import init_installation, is_set_up, sign_in
    from storage.demo import fill_demo

    path = _db_path(args)
    password = _password()
    if not is_set_up(path):
        # A county installation sees every township, which is what a demonstration wants.
        init = init_installation(
            path,
            level=Level.COUNTY,
            unit_code="141123",
            name="演示管理员",
            phone="13800000000",
            password=password,
        )
        print(f"已创建演示数据库 {path}（用户 {init.login}，恢复密钥 {init.recovery_key}）")
    started = time.perf_counter()
    signed = sign_in(path, password)
    try:
        report = fill_demo(signed.db, signed.actor, args.records, seed=args.seed, progress=print)
    finally:
        signed.close()
    elapsed = time.perf_counter() - started
    print(
        f"完成，用时 {elapsed:.1f} 秒：涉及主体 {report.subjects} 个，排查登记 {report.surveys} 条，"
        f"风险线索 {report.clues} 条（流转记录 {report.clue_events} 条），走访记录 {report.visits} 条，"
        f"审计事件 {report.audit_events} 条"
    )
    print("线索状态：" + "，".join(f"{k} {v}" for k, v in report.by_status.items()))
    print(f"数据库文件 {path.stat().st_size / 1e6:.1f} MB")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from storage.accounts import sign_in
    from storage.audit import verify_audit_chain

    signed = sign_in(_db_path(args), _password())
    try:
        problems = signed.db.integrity_problems()
        if problems:
            print("数据库完整性检查未通过：", *problems[:20], sep="\n  ", file=sys.stderr)
            return 1
        with signed.db.reader() as session:
            broken = verify_audit_chain(session)
        if broken is not None:
            print(f"审计链校验未通过：{broken}", file=sys.stderr)
            return 1
    finally:
        signed.close()
    print("检查通过：数据库完整，审计链完整")
    return 0


def cmd_bundles(args: argparse.Namespace) -> int:
    """bundle, key, trust, verify, import, review: see exports/bundle/cli.py and README "Bundles"."""
    from exports.bundle.cli import run
    from storage.accounts import sign_in

    return run(args, lambda a: sign_in(_db_path(a), _password()))


def cmd_smtp(args: argparse.Namespace) -> int:
    from storage.accounts import sign_in
    from storage.outbox import SmtpAccount, save_account, store_password

    account = SmtpAccount(
        host=args.host,
        port=args.port,
        security=args.security,
        user=args.user or "",
        sender=args.sender or args.user,
        ca_file=str(Path(args.ca_file).resolve()) if args.ca_file else None,
    )
    smtp_password = os.environ.get("GRIDLEDGER_SMTP_PASSWORD")
    if smtp_password is None and args.user:
        if not sys.stdin.isatty():
            raise SystemExit("未提供邮箱密码：请设置 GRIDLEDGER_SMTP_PASSWORD，或在终端中运行以输入")
        smtp_password = getpass.getpass("邮箱密码（或授权码）：")
    signed = sign_in(_db_path(args), _password())
    try:
        save_account(signed.db, account)
        where = store_password(signed.db, account, smtp_password or "") if args.user else "无需密码"
    finally:
        signed.close()
    place = {"keyring": "系统密钥环", "database": "加密数据库"}.get(where, where)
    print(
        f"已保存邮件账户 {account.user or '（匿名）'} @ {account.host}:{account.port}"
        f"（{account.security}），密码保存在{place}"
    )
    if args.test_to:
        from exports.mail import SendError, test_account

        try:
            test_account(account, smtp_password, send_to=args.test_to)
        except SendError as exc:
            print(f"测试失败：{exc.reason}", file=sys.stderr)
            return 1
        print(f"测试邮件已发送到 {args.test_to}")
    return 0


def cmd_mail(args: argparse.Namespace) -> int:
    from exports.mail import compose_bundle_message, queue_bundle_message, save_eml
    from models.reference import Setting
    from storage.accounts import sign_in
    from storage.outbox import load_account

    signed = sign_in(_db_path(args), _password())
    try:
        account = load_account(signed.db)
        with signed.db.reader() as session:
            mailbox = session.get(Setting, "profile.submission_mailbox")
            county = session.get(Setting, "profile.county")
        recipients = args.to or ([mailbox.value] if mailbox is not None and mailbox.value else [])
        if not recipients:
            raise SystemExit("请用 --to 指定收件人")
        sender = account.sender if account else "gridledger@localhost"
        message = compose_bundle_message(
            Path(args.bundle),
            sender=sender,
            recipients=recipients,
            county_name=county.value["name"] if county is not None else "兴县",
            max_bytes=account.max_message_bytes if account else None,
        )
        if args.eml:
            save_eml(message, Path(args.eml))
            print(f"已保存邮件文件 {args.eml}，可用任何邮件客户端打开并发送")
            return 0
        queue_bundle_message(signed.db, message)
    finally:
        signed.close()
    print(f"已放入发件箱：{message['Subject']} → {', '.join(recipients)}")
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    from exports.mail import send_due
    from storage.accounts import sign_in
    from storage.outbox import list_outbox, load_account, load_password, recover_interrupted

    signed = sign_in(_db_path(args), _password())
    try:
        recover_interrupted(signed.db)
        failures = 0
        if args.send:
            account = load_account(signed.db)
            if account is None:
                raise SystemExit("尚未设置邮件账户：请先运行 smtp 命令")
            for _message_id, reason in send_due(signed.db, account, load_password(signed.db, account)):
                failures += reason is not None
        for message in list_outbox(signed.db):
            when = f"{message.created_at:%Y-%m-%d %H:%M}"
            line = f"{message.state.label:　<4} {when} {message.subject} → {', '.join(message.recipients)}"
            if message.last_error and message.state.value != "sent":
                line += f"\n      原因：{message.last_error}"
            print(line)
    finally:
        signed.close()
    return 1 if failures else 0


def cmd_profile(args: argparse.Namespace) -> int:
    from storage.accounts import sign_in
    from storage.profile import import_profile, save_profile_file

    signed = sign_in(_db_path(args), _password())
    try:
        if args.import_file:
            profile = import_profile(signed.db, signed.actor, Path(args.import_file))
            print(
                f"已导入{profile.county_name}配置：乡镇 {len(profile.townships)} 个，"
                f"村（社区） {len(profile.villages)} 个，网格 {len(profile.grids)} 个"
            )
        if args.export_file:
            save_profile_file(signed.db, Path(args.export_file))
            print(f"已导出配置到 {args.export_file}")
    finally:
        signed.close()
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from exports.selftest import StepResult, run_selftest

    def report(result: StepResult) -> None:
        mark = "通过" if result.error is None else "失败"
        print(f"[{mark}] {result.name}（{result.seconds:.2f} 秒）", flush=True)
        if result.error:
            print(result.error, file=sys.stderr)

    from ui.selftest import gui_steps

    results = run_selftest(extra_steps=gui_steps, report=report)
    failed = [r for r in results if r.error]
    print("自检通过" if not failed else f"自检失败：{failed[0].name}")
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    from exports.cli import run
    from storage.accounts import sign_in

    signed = sign_in(_db_path(args), _password())
    try:
        return run(signed, args)
    finally:
        signed.close()


def cmd_conflicts(args: argparse.Namespace) -> int:
    import uuid

    from storage.accounts import sign_in
    from storage.bundle_conflicts import keep_local_copy, open_conflicts

    signed = sign_in(_db_path(args), _password())
    try:
        if args.keep_local:
            keep_local_copy(signed.db, signed.actor, uuid.UUID(args.keep_local), args.reason or "")
            print("已保留本机记录，冲突已处理")
        rows = open_conflicts(signed.db)
        for row in rows:
            print(f"{row.id}  {row.record_type} {row.record_id} 第{row.revision}版  {row.reason}")
        print(f"未处理的冲突：{len(rows)} 条")
    finally:
        signed.close()
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(_db_path(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gridledger", description="网格防非台账")
    parser.add_argument("--db", help="数据库文件路径（默认：用户数据目录下的 gridledger.db）")
    sub = parser.add_subparsers(dest="command")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default=argparse.SUPPRESS, help="数据库文件路径")
        return p

    p = add("init", "初始化本机：创建数据库和第一个用户")
    p.add_argument(
        "--level", required=True, choices=["grid", "township", "county"], help="层级：网格/乡镇/县"
    )
    p.add_argument("--unit", required=True, help="单位代码（网格代码、乡镇代码或县代码）")
    p.add_argument("--name", required=True, help="姓名（登录名）")
    p.add_argument("--phone", required=True, help="手机号")
    p.set_defaults(func=cmd_init)

    p = add("demo", "生成演示数据")
    p.add_argument("--records", type=int, required=True, help="风险线索条数；主体、排查、走访各为其四分之一")
    p.add_argument("--seed", type=int, default=2024, help="随机种子（相同种子生成相同数据）")
    p.set_defaults(func=cmd_demo)

    p = add("check", "检查数据库完整性和审计链")
    p.set_defaults(func=cmd_check)

    from exports.bundle.cli_args import add_parsers as add_bundle_parsers

    def add_bundle(name: str, help_text: str) -> argparse.ArgumentParser:
        p = add(name, help_text)
        p.set_defaults(func=cmd_bundles)
        return p

    add_bundle_parsers(add_bundle)

    p = add("export", "导出 Excel 或 PDF")
    from exports.cli_args import add_arguments as add_export_arguments

    add_export_arguments(p)
    p.set_defaults(func=cmd_export)

    p = add("smtp", "设置发送邮件的账户")
    p.add_argument("--host", required=True, help="SMTP 服务器，例如 smtp.163.com")
    p.add_argument("--port", type=int, required=True, help="端口：SSL 用 465，STARTTLS 用 587")
    p.add_argument("--security", required=True, choices=["ssl", "starttls", "none"], help="加密方式")
    p.add_argument("--user", default="", help="登录用户名（通常为邮箱地址）")
    p.add_argument("--sender", help="发件地址（默认与用户名相同）")
    p.add_argument("--ca-file", help="服务器证书的根证书文件（使用自建证书的内网邮件服务器）")
    p.add_argument("--test-to", help="保存后向此地址发送一封测试邮件")
    p.set_defaults(func=cmd_smtp)

    p = add("mail", "把数据包放入发件箱（或另存为 .eml）")
    p.add_argument("bundle", help="数据包 .zip")
    p.add_argument("--to", action="append", help="收件人（可多次指定；默认为县级配置中的报送邮箱）")
    p.add_argument("--eml", help="不放入发件箱，另存为 .eml 文件，用其他邮件客户端发送")
    p.set_defaults(func=cmd_mail)

    p = add("outbox", "查看发件箱；--send 立即发送")
    p.add_argument("--send", action="store_true", help="立即发送到期的邮件")
    p.set_defaults(func=cmd_outbox)

    p = add("profile", "导入或导出县级配置（乡镇下发村、网格给网格员）")
    p.add_argument("--import", dest="import_file", help="导入配置文件（JSON）")
    p.add_argument("--export", dest="export_file", help="导出当前配置（含村、网格）到文件")
    p.set_defaults(func=cmd_profile)

    p = add("conflicts", "列出导入时的记录冲突；--keep-local 保留本机记录")
    p.add_argument("--keep-local", metavar="ID", help="保留本机记录以处理该冲突")
    p.add_argument("--reason", help="处理原因（必填）")
    p.set_defaults(func=cmd_conflicts)

    p = add("selftest", "自检：在临时目录中走一遍各项功能")
    p.set_defaults(func=cmd_selftest)
    return parser


COMMANDS = frozenset(
    {"init", "demo", "check", "export", "bundle", "key", "trust", "verify", "import", "review",
     "smtp", "mail", "outbox", "profile", "conflicts", "selftest"}
)  # fmt: skip


def _names_a_command(argv: list[str]) -> bool:
    return any(word in COMMANDS or word in ("-h", "--help") for word in argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--selftest"]:  # `gridledger --selftest`, the frozen build's smoke test
        argv = ["selftest"]
    if not _names_a_command(argv):
        # The GUI: parse only --db, so the sign-in window is not held up by building every sub-command.
        gui = argparse.ArgumentParser(prog="gridledger", add_help=False)
        gui.add_argument("--db")
        return cmd_gui(gui.parse_args(argv))
    args = build_parser().parse_args(argv)
    func = getattr(args, "func", cmd_gui)
    from models.validators import ValidationError
    from storage.errors import UserFacingError

    try:
        result: int = func(args)
    except (UserFacingError, ValidationError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
