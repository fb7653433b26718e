"""The `export` sub-command's arguments, kept apart from the export code so that building the command
line parser does not load openpyxl and reportlab."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

SECTIONS = ("surveys", "clues", "visits")  # exports.context.SECTIONS; a test keeps the two equal
FORMATS = ("xlsx", "pdf")  # exports.api.FORMATS


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
