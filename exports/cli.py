"""The `export` sub-command: `python main.py export --db PATH --what clues --format xlsx --out FILE`.

main.py owns sign-in and the password prompt; it adds the arguments with `add_arguments` and, once
signed in, calls `run(signed, args)`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from exports.api import export
from exports.cli_args import add_arguments
from exports.columns import SHEET_NAMES
from exports.context import ExportCancelled, ProgressFn
from storage.accounts import SignedIn

__all__ = ["add_arguments", "run"]


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
