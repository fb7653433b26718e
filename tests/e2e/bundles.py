"""Helpers for bundle tests: installations, records, forged and damaged archives."""

from __future__ import annotations

import copy
import datetime as dt
import io
import uuid
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from exports.bundle import sshsig
from exports.bundle.build import zip_bytes
from exports.bundle.format import MANIFEST, SIGNATURE, pretty_json, sha256_hex
from models.audit import AuditEvent
from models.bundles import BundleLog, RecordConflict, RecordProvenance, TrustedKey
from models.enums import Level
from models.records import (
    AttachmentBlob,
    ClueEventRecord,
    ClueRecord,
    SubjectRecord,
    SurveyRecord,
    VisitRecord,
)
from storage.accounts import SignedIn, init_installation, sign_in
from storage.services import create_record

PASSWORD = "correct-horse-9"
TABLES = (
    SubjectRecord,
    SurveyRecord,
    ClueRecord,
    ClueEventRecord,
    VisitRecord,
    AttachmentBlob,
    AuditEvent,
    BundleLog,
    RecordProvenance,
    RecordConflict,
    TrustedKey,
)
_phones = iter(range(13800138100, 13800139999))


def install(tmp: Path, name: str, level: Level, unit: str) -> SignedIn:
    path = tmp / f"{unit}-{name}.db"
    init_installation(
        path, level=level, unit_code=unit, name=name, phone=str(next(_phones)), password=PASSWORD
    )
    return sign_in(path, PASSWORD)


def add_records(signed: SignedIn, township: str, n: int = 2, tag: str = "") -> dict[str, list[uuid.UUID]]:
    """`n` subjects, each with a survey, a clue and a visit, all valid."""
    ids: dict[str, list[uuid.UUID]] = {"subject": [], "survey": [], "clue": [], "visit": []}
    actor = signed.actor
    for i in range(n):
        sid = create_record(
            signed.db,
            actor,
            "subject",
            {"kind": "natural_person", "name": f"测试对象{tag}{i}号", "township_code": township},
        )
        ids["subject"].append(sid)
        ids["survey"].append(
            create_record(
                signed.db,
                actor,
                "survey",
                {
                    "subject_id": sid,
                    "survey_date": dt.date(2025, 3, 2),
                    "screeners": [actor.display_name],
                    "township_code": township,
                },
            )
        )
        ids["clue"].append(
            create_record(
                signed.db,
                actor,
                "clue",
                {
                    "source": "群众举报",
                    "received_date": dt.date(2025, 3, 1),
                    "subject_id": sid,
                    "facts": f"以高息为诱饵吸收资金{tag}{i}",
                    "township_code": township,
                },
                informant={"name": "匿名群众", "phone": "13900001111"},
            )
        )
        ids["visit"].append(
            create_record(
                signed.db,
                actor,
                "visit",
                {
                    "visited_at": dt.datetime(2025, 3, 3, 2, 0, tzinfo=dt.UTC),
                    "visit_type": "interview",
                    "visitors": [actor.display_name, "同事甲"],
                    "visited_party": f"测试对象{tag}{i}号",
                    "content": "宣讲防范非法集资知识",
                    "township_code": township,
                },
            )
        )
    return ids


def table_counts(signed: SignedIn) -> dict[str, int]:
    with signed.db.reader() as session:
        return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES}


def read_zip(path: Path | bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, bytes) else path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def forge(
    files: dict[str, bytes],
    manifest: dict[str, Any],
    key: Any,
    *,
    edit: Callable[[dict[str, Any]], None] | None = None,
    namespace: str = sshsig.NAMESPACE,
) -> bytes:
    """A bundle over `files` whose manifest lists them truthfully and is properly signed by `key`."""
    m = copy.deepcopy(manifest)
    m["files"] = [{"path": p, "sha256": sha256_hex(b), "size": len(b)} for p, b in sorted(files.items())]
    if edit is not None:
        edit(m)
    manifest_bytes = pretty_json(m)
    return zip_bytes(
        {MANIFEST: manifest_bytes, SIGNATURE: sshsig.sign(key, manifest_bytes, namespace), **files}
    )


def raw_zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate names are what some tests want
        for info, data in entries:
            zf.writestr(info, data)
    return buffer.getvalue()


def flip_byte(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]
