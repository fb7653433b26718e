"""Reading untrusted zip archives without trusting them: names, types, counts and sizes checked first."""

from __future__ import annotations

import io
import stat
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from exports.bundle.format import (
    MAX_ENTRIES,
    MAX_ENTRY_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    RATIO_FLOOR,
    BundleError,
)

UTF8_FLAG = 0x800
CHUNK = 1024 * 1024


def check_name(name: str) -> None:
    """Refuses names that could escape a folder or mean different things on Windows and Linux."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/") or ":" in name:
        raise BundleError("unsafe_path", f"数据包中的文件名不安全：{name!r}")
    parts = PurePosixPath(name).parts
    if any(p in ("", ".", "..") for p in parts) or name.endswith("/") or "//" in name:
        raise BundleError("unsafe_path", f"数据包中的文件名不安全：{name!r}")
    if any(ord(ch) < 32 for ch in name):
        raise BundleError("unsafe_path", f"数据包中的文件名含控制字符：{name!r}")


def _read_limited(path: Path) -> bytes:
    with path.open("rb") as handle:
        data = handle.read(MAX_TOTAL_BYTES + 1)
    if len(data) > MAX_TOTAL_BYTES:
        raise BundleError("too_large", "数据包文件过大")
    return data


LOCAL = struct.Struct("<4s5H3L2H")
CENTRAL = struct.Struct("<4s6H3L5H2L")
END = struct.Struct("<4s4H2LH")
MADE_BY = (3 << 8) | 20  # Unix, zip 2.0: what build.write_zip writes on every platform
NEEDED = 20
DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1  # 2020-01-01 00:00, the fixed time of every entry
FILE_MODE = 0o100644 << 16


def check_layout(raw: bytes, what: str) -> None:
    """Bundle zips are written one way only (build.write_zip). Every header field, every offset and the
    end record must be exactly that, so flipping any byte outside the signed content is still a refusal."""

    def bad(where: str) -> BundleError:
        return BundleError("bad_layout", f"{what}的 zip 结构不规范（{where}），文件可能被改动")

    if len(raw) < END.size:
        raise bad("文件过短")
    sig, disk, cd_disk, count_here, count, cd_size, cd_offset, comment = END.unpack_from(
        raw, len(raw) - END.size
    )
    if sig != b"PK\x05\x06" or disk or cd_disk or comment or count_here != count:
        raise bad("结束记录")
    if cd_offset + cd_size != len(raw) - END.size:
        raise bad("中央目录位置")
    pos, expected_local = cd_offset, 0
    for _ in range(count):
        if pos + CENTRAL.size > len(raw) - END.size:
            raise bad("中央目录长度")
        fields = CENTRAL.unpack_from(raw, pos)
        (sig, made_by, needed, flags, method, time, date, crc, csize, usize) = fields[:10]
        (name_len, extra_len, comment_len, disk_start, internal, external, offset) = fields[10:]
        name = raw[pos + CENTRAL.size : pos + CENTRAL.size + name_len]
        fixed = (made_by, needed, time, date, extra_len, comment_len, disk_start, internal, external)
        if sig != b"PK\x01\x02" or fixed != (MADE_BY, NEEDED, 0, DOS_DATE, 0, 0, 0, 0, FILE_MODE):
            raise bad("中央目录条目")
        if flags not in (0, UTF8_FLAG) or offset != expected_local:
            raise bad("条目标志或位置")
        local = LOCAL.pack(b"PK\x03\x04", needed, flags, method, time, date, crc, csize, usize, name_len, 0)
        if (
            raw[offset : offset + LOCAL.size] != local
            or raw[offset + LOCAL.size : offset + LOCAL.size + name_len] != name
        ):
            raise bad("本地文件头与中央目录不一致")
        expected_local = offset + LOCAL.size + name_len + csize
        pos += CENTRAL.size + name_len
    if expected_local != cd_offset or pos != cd_offset + cd_size:
        raise bad("条目之间有多余数据")


class SafeZip:
    """An archive whose entries have been screened; `read` enforces each entry's declared size."""

    def __init__(self, source: Path | bytes, what: str = "数据包") -> None:
        self.what = what
        try:
            raw = source if isinstance(source, bytes) else _read_limited(source)
        except OSError as exc:
            raise BundleError("unreadable", f"无法读取{what}：{exc.strerror or exc}") from None
        handle = io.BytesIO(raw)
        try:
            self._zip = zipfile.ZipFile(handle)
        except UnicodeDecodeError:
            handle.close()
            raise BundleError("bad_name_encoding", f"{what}中的文件名不是有效的 UTF-8") from None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            handle.close()
            raise BundleError("not_zip", f"{what}不是有效的 zip 文件，或文件不完整") from None
        try:
            self.entries = self._screen()
            check_layout(raw, what)
        except BaseException:
            self.close()
            raise

    def _screen(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise BundleError("too_many_entries", f"{self.what}中的文件过多（{len(infos)} 个）")
        entries: dict[str, zipfile.ZipInfo] = {}
        seen_folded: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if not name.isascii() and not info.flag_bits & UTF8_FLAG:
                raise BundleError("bad_name_encoding", f"{self.what}中的文件名未声明为 UTF-8：{name!r}")
            # Unix tools store the file type in the high bits; zero (Windows tools) means a plain file.
            kind_bits = stat.S_IFMT(info.external_attr >> 16)
            mode = info.external_attr >> 16
            if info.is_dir() or kind_bits not in (0, stat.S_IFREG):
                kind = "符号链接" if stat.S_ISLNK(mode) else "目录或特殊文件"
                raise BundleError("not_regular_file", f"{self.what}中含有{kind}：{name}")
            check_name(name)
            folded = name.casefold()
            if name in entries or folded in seen_folded:
                raise BundleError("duplicate_name", f"{self.what}中的文件名重复：{name}")
            if info.flag_bits & 0x1:
                raise BundleError("encrypted_entry", f"{self.what}中的文件 {name} 被 zip 加密，无法校验")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise BundleError("bad_compression", f"{self.what}中的文件 {name} 使用了不支持的压缩方式")
            if info.file_size > MAX_ENTRY_BYTES:
                raise BundleError("too_large", f"{self.what}中的文件 {name} 过大（{info.file_size} 字节）")
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise BundleError("bomb_ratio", f"{self.what}中的文件 {name} 压缩比异常，疑似压缩炸弹")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise BundleError("too_large", f"{self.what}解压后总大小超过上限")
            entries[name] = info
            seen_folded.add(folded)
        return entries

    def read(self, name: str, limit: int) -> bytes:
        """The entry's bytes, at most `limit` (and never more than it declares); CRC checked."""
        info = self.entries[name]
        if info.file_size > limit:
            raise BundleError("too_large", f"{self.what}中的文件 {name} 超出允许大小")
        out = bytearray()
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    out += chunk
                    if len(out) > info.file_size:
                        raise BundleError("size_mismatch", f"{self.what}中的文件 {name} 实际大小超过声明")
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
            if isinstance(exc, BundleError):
                raise
            raise BundleError("corrupt_entry", f"{self.what}中的文件 {name} 已损坏（校验失败）") from None
        if len(out) != info.file_size:
            raise BundleError("size_mismatch", f"{self.what}中的文件 {name} 大小与声明不符")
        return bytes(out)

    def close(self) -> None:
        fp = self._zip.fp
        self._zip.close()
        if fp is not None:
            fp.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
