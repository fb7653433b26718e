"""A township's coverage sheet: which grids and workers were expected, which sent bundles, and when."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.bundles import BundleLog, TrustedKey
from models.reference import Grid, Village
from storage.accounts import SignedIn
from storage.bundle_export import IN

COLUMNS = ("grid_code", "grid_name", "worker", "fingerprint", "bundles", "records", "last_received", "status")
HEADERS = ("网格代码", "网格名称", "网格员", "公钥指纹", "数据包数", "记录数", "最近收到", "状态")


def coverage(signed: SignedIn) -> dict[str, Any]:
    """Expected grids (from the township's profile) and workers (trusted keys) against bundles received."""
    with signed.db.reader() as session:
        rows = _rows(session, signed.unit_code)
    received = sum(1 for r in rows if r["status"] == "已收到")
    return {"township": signed.unit_code, "expected": len(rows), "received": received, "rows": rows}


def _rows(session: Session, township: str) -> list[dict[str, Any]]:
    grids = {
        g.code: g.name
        for g in session.scalars(
            select(Grid)
            .join(Village, Grid.village_code == Village.code)
            .where(Village.township_code == township)
        )
    }
    by_key: dict[str, dict[str, Any]] = {}
    logs = session.scalars(
        select(BundleLog).where(BundleLog.direction == IN, BundleLog.level == "grid").order_by(BundleLog.at)
    )
    for log in logs:
        row = by_key.setdefault(
            log.producer_fingerprint, _blank(log.producer_unit, grids, log.producer_fingerprint)
        )
        row["bundles"] += 1
        row["records"] += sum(int(v) for k, v in log.counts.items() if k != "clue_event")
        row["last_received"] = log.at.date().isoformat()
        row["status"] = "已收到"
        if log.manifest is not None and not row["worker"]:
            row["worker"] = str(json.loads(log.manifest).get("producer", {}).get("person", ""))
    for key in session.scalars(select(TrustedKey).where(TrustedKey.revoked_at.is_(None))):
        unit = _unit_of(key.label)
        if key.fingerprint not in by_key and unit.startswith(township) and unit != township:
            by_key[key.fingerprint] = _blank(unit, grids, key.fingerprint, key.label)
    seen_grids = {r["grid_code"] for r in by_key.values()}
    rows = list(by_key.values())
    rows += [_blank(code, grids, "") for code in sorted(set(grids) - seen_grids)]
    return sorted(rows, key=lambda r: (r["grid_code"], r["worker"]))


def _unit_of(label: str) -> str:
    # Key comments read "gridledger:<unit code>:<name>"; labels of keys trusted from a bundle "<unit> <name>".
    if label.startswith("gridledger:"):
        return label.split(":")[1]
    return label.split(" ")[0]


def _blank(unit: str, grids: dict[str, str], fp: str, label: str = "") -> dict[str, Any]:
    worker = label.split(":")[-1] if label.startswith("gridledger:") else label.partition(" ")[2]
    return {
        "grid_code": unit,
        "grid_name": grids.get(unit, ""),
        "worker": worker,
        "fingerprint": fp,
        "bundles": 0,
        "records": 0,
        "last_received": "",
        "status": "未收到",
    }


def coverage_csv(sheet: dict[str, Any]) -> bytes:
    """The sheet as CSV with a BOM, so Excel on Chinese Windows opens it with the right encoding."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in sheet["rows"]:
        writer.writerow([row[c] for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
