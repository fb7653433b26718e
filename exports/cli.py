"""The `export` sub-command: `python main.py export --db PATH --what clues --format xlsx --out FILE`.

main.py owns sign-in and the password prompt; it adds the arguments with `add_arguments` and, once
signed in, calls `run(signed, args)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from exports.api import FORMATS, export
from exports.columns import SHEET_NAMES
from exports.context import SECTIONS, ExportCancelled, ProgressFn
from storage.accounts import SignedIn


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”不正确，应为 YYYY-MM-DD") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--what", required=True, choices=[*SECTIONS, "all"], help="导出内容：排查/线索/走访/全部"
    )
    parser.add_argument("--format", dest="fmt", required=True, choices=FORMATS, help="文件格式")
    parser.add_argument("--out", required=True, type=Path, help="输出文件路径")
    parser.add_argument("--township", help="只导出该乡镇（乡镇代码）")
    parser.add_argument("--from", dest="date_from", type=_date, help="开始日期（含），YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=_date, help="结束日期（含），YYYY-MM-DD")
    parser.add_argument(
        "--unmasked", action="store_true", help="导出完整身份证号和电话（仅联络员、县级管理员）"
    )
    parser.add_argument("--quiet", action="store_true", help="不显示进度")


def _progress_printer(stream: TextIO) -> ProgressFn:
    def show(done: int, total: int) -> None:
        stream.write(f"\r已导出 {done}/{total} 条")
        stream.flush()

    return show


def run(signed: SignedIn, args: argparse.Namespace, stream: TextIO | None = None) -> int:
    """Runs the export for the signed-in user; returns the process exit code."""
    err = stream or sys.stderr
    show = None if args.quiet or not err.isatty() else _progress_printer(err)
    out = Path(args.out).expanduser().resolve()
    try:
        result = export(
            signed.db,
            signed.actor,
            args.what,
            args.fmt,
            out,
            township=args.township,
            date_from=args.date_from,
            date_to=args.date_to,
            unmasked=args.unmasked,
            progress=show,
        )
    except (ExportCancelled, KeyboardInterrupt):
        print("\n导出已取消，未生成文件", file=err)
        return 130
    if show is not None:
        err.write("\n")
    summary = "，".join(f"{SHEET_NAMES[s]} {n} 条" for s, n in result.counts.items())
    print(f"已导出：{out}（{summary}）")
    return 0
