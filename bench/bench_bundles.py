"""Benchmark: a county imports 50 worker bundles of about 2,000 records each, then imports them again.

    .venv/bin/python bench/bench_bundles.py [--bundles 50] [--clues 1144]

Preparation (not timed): 50 grid-worker installations, each filled with demo data (storage.demo: `clues`
clues plus a quarter as many subjects, surveys and visits, i.e. ~2,000 records, and the clues' workflow
events) and bundled (signed, unsealed, without Excel/PDF). Timed: verifying and importing every bundle into
one county database (each bundle one transaction, one audit event per record), then importing all of them
again, which must change nothing. Target (DESIGN §7): first import < 20 s. Results go to
bench/RESULTS-bundles.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRIDLEDGER_INSECURE_FAST_KDF", "1")  # set-up speed only; not what is measured

from exports.bundle.build import build_bundle  # noqa: E402
from exports.bundle.importer import import_bundles  # noqa: E402
from models.enums import Level  # noqa: E402
from storage.accounts import init_installation, sign_in  # noqa: E402
from storage.bundle_import import ImportOutcome  # noqa: E402
from storage.demo import fill_demo  # noqa: E402
from tests.e2e.bundles import table_counts  # noqa: E402

PASSWORD = "bench-password-1"  # noqa: S105 - a throw-away benchmark database
TOWNSHIPS = ["141123100", "141123101", "141123102", "141123103"]


def _repair_demo_visits(engine: Any) -> None:
    # storage.demo can draw the same name twice as the two visitors; validation (rightly) wants two people.
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE visit SET visitors = json_insert(visitors, '$[#]', '同事甲') "
                "WHERE json_array_length(visitors) < 2"
                " OR json_extract(visitors, '$[0]') = json_extract(visitors, '$[1]')"
            )
        )


def prepare(tmp: Path, bundles: int, clues: int) -> list[Path]:
    paths = []
    for i in range(bundles):
        db = tmp / f"worker{i}.db"
        unit = f"{TOWNSHIPS[i % len(TOWNSHIPS)]}{i:03d}-01"
        init_installation(
            db, level=Level.GRID, unit_code=unit, name=f"网格员{i}", phone="13800138000", password=PASSWORD
        )
        signed = sign_in(db, PASSWORD)
        try:
            fill_demo(signed.db, signed.actor, clues, seed=i)
            _repair_demo_visits(signed.db.engine)
            paths.append(build_bundle(signed, tmp / "bundles").path)
        finally:
            signed.close()
        print(f"\rprepared {i + 1}/{bundles}", end="", flush=True)
    print()
    return paths


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundles", type=int, default=50)
    parser.add_argument("--clues", type=int, default=1144)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        started = time.perf_counter()
        paths = prepare(tmp, args.bundles, args.clues)
        prep = time.perf_counter() - started
        county_db = tmp / "county.db"
        init_installation(
            county_db,
            level=Level.COUNTY,
            unit_code="141123",
            name="县管理员",
            phone="13800138000",
            password=PASSWORD,
        )
        county = sign_in(county_db, PASSWORD)
        try:
            load_before = os.getloadavg()[0]
            t0, cpu0 = time.perf_counter(), time.process_time()
            outcomes, each = [], []
            t = time.perf_counter()
            for _path, result in import_bundles(county, paths, trust_new=True):
                assert isinstance(result, ImportOutcome), result
                outcomes.append(result)
                each.append(time.perf_counter() - t)
                t = time.perf_counter()
            first, first_cpu = time.perf_counter() - t0, time.process_time() - cpu0
            counts = table_counts(county)
            t1 = time.perf_counter()
            again = [r for _, r in import_bundles(county, paths) if isinstance(r, ImportOutcome)]
            second = time.perf_counter() - t1
            unchanged = table_counts(county) == counts
        finally:
            county.close()
        records = sum(o.inserted for o in outcomes)
        events = counts["clue_event"]
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1e6
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "# Bundle import benchmark",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()},"
        f" Python {platform.python_version()}, {os.cpu_count()} CPUs;"
        f" `.venv/bin/python bench/bench_bundles.py --bundles {args.bundles} --clues {args.clues}`.",
        "",
        f"- Prepared {len(paths)} worker bundles (not timed, {prep:.0f} s):"
        f" {records / len(paths):,.0f} records each (subjects, surveys, clues, visits)"
        f" plus {events / len(paths):,.0f} clue events; {size:.2f} MB per bundle.",
        "",
        "| step | time | result |",
        "|---|---|---|",
        f"| first import of {len(paths)} bundles (`import_bundles`: verify + import, one transaction each)"
        f" | {first:.1f} s |"
        f" {records:,} records inserted, {records:,} IMPORT audit events |",
        f"| importing the same {len(paths)} bundles again | {second:.1f} s |"
        f" {sum(1 for o in again if o.already)} of {len(again)} recognised as already imported;"
        f" table counts unchanged: {'yes' if unchanged else 'NO'} |",
        "",
        f"CPU time of this process during the first import: {first_cpu:.1f} s (wall {first:.1f} s)."
        f" Load average when it started: {load_before:.2f} on {os.cpu_count()} CPUs; other work on the"
        " machine counts against the wall time, so compare runs on a quiet machine.",
        "",
        f"Per bundle, first import: first five {sum(each[:5]) / 5:.2f} s each,"
        f" last five {sum(each[-5:]) / 5:.2f} s each"
        " (the county database grows to 100,000 records and their full-text index).",
        "",
        f"Target (DESIGN §7): first import < 20 s → {'met' if first < 20 else 'NOT met'};"
        f" second import: no change → {'met' if unchanged and all(o.already for o in again) else 'NOT met'}."
        f" Peak RSS {rss:.0f} MB.",
        "",
        "Where a bundle's ~0.45 s of CPU went (process_time per phase, 6 bundles, 2026-11-27): SQLite inserts"
        " ~0.17 s (the clue table alone ~0.08 s: its full-text triggers), bind conversion of ~11,000 rows"
        " ~0.07 s, parsing and validating the records (models.checks.clean_record) ~0.08 s, the audit hash"
        " chain ~0.03 s, archive and signature verification ~0.03 s, commit (synchronous=FULL) and lookups"
        " the rest. Re-import: verification only, then the manifest hash is found in bundle_log.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "RESULTS-bundles.md").write_text(text, encoding="utf-8")
    return 0 if unchanged else 1


if __name__ == "__main__":
    sys.exit(main())
