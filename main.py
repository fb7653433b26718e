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
    from storage.accounts import default_db_path

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
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
