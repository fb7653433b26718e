"""Arguments of the bundle sub-commands; kept free of heavy imports so the GUI starts fast."""

from __future__ import annotations

import argparse
from collections.abc import Callable

COMMANDS = ("bundle", "key", "trust", "verify", "import", "review")


def add_parsers(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = add("bundle", "生成签名数据包（可加密给上级）")
    p.add_argument("--out", required=True, help="输出目录")
    p.add_argument("--since-last", action="store_true", help="只含上一个数据包之后的变动")
    p.add_argument(
        "--to", action="append", default=[], metavar="RECIPIENT", help="收件人公钥文件或 age1… 公钥"
    )
    p.add_argument("--no-office", action="store_true", help="不附带 Excel 和 PDF")

    p = add("key", "显示本机公钥指纹，导出公钥文件")
    p.add_argument("--export", metavar="FILE", help="把公钥写入文件（ssh-ed25519 一行和 age1… 一行）")
    p.add_argument("--export-age-identity", metavar="FILE", help="导出 age 解密私钥（供 age -d -i 使用）")

    p = add("trust", "把公钥文件加入信任列表或吊销；不带文件时列出信任列表")
    p.add_argument("keyfile", nargs="?", help="公钥文件（key --export 生成）")
    p.add_argument("--revoke", action="store_true", help="吊销该文件中的公钥")

    p = add("verify", "验证数据包的签名和完整性（给 --db 时按本机信任列表核对并解密）")
    p.add_argument("bundle", help="数据包 .zip")
    p.add_argument("--trust", metavar="FILE", help="信任的公钥文件；不给时只核对包内公钥并说明是否受信任")

    p = add("import", "验证并导入数据包，或导入审核意见、回执文件")
    p.add_argument("bundles", nargs="+", help="数据包 .zip、审核文件或回执文件（可多个）")
    p.add_argument("--trust-new", action="store_true", help="核对打印的指纹后，信任未知制作方的公钥")
    p.add_argument("--receipts", metavar="DIR", help="为每个导入的数据包在此目录生成签名回执")

    p = add("review", "审核网格员的记录：接收或退回修改（逐字段意见），生成签名审核文件")
    p.add_argument("--out", required=True, help="审核文件的输出目录")
    p.add_argument("--accept", action="append", default=[], metavar="ID", help="接收的记录编号")
    p.add_argument("--accept-pending", action="store_true", help="接收所有待审核的记录（退回的除外）")
    p.add_argument(
        "--return", dest="returned", action="append", default=[], metavar="ID", help="退回的记录编号"
    )
    p.add_argument(
        "--comment",
        action="append",
        default=[],
        metavar="ID:字段=意见",
        help="退回意见，例如 ID:facts=请补充金额",
    )
