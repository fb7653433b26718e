"""Desk benchmark (not a test): start-up, sign-in, list first screens, filters and saves on a big database.

    GRIDLEDGER_PASSWORD=demo-pass-123 .venv/bin/python bench/bench_desk.py --db /tmp/bench-desk/g.db

The database is made with `main.py demo --db /tmp/bench-desk/g.db --records 200000` (about 80 s, ~800 MB)
and reused. Start-up is compared with a bare PySide6 window in the same run (this machine is noisy:
compare ratios, not absolute times). Targets: DESIGN §7.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv)\n"
    "w = QMainWindow()\n"
    "w.show()\n"
    "import time\n"
    "def shown():\n"
    "    print(f'shown {time.time():.6f}', flush=True)\n"
    "    app.quit()\n"
    "QTimer.singleShot(0, shown)\n"
    "app.exec()\n"
)


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def time_to_window(args: list[str]) -> float:
    """Milliseconds from starting the process to its first event-loop turn with a window shown."""
    env = {**os.environ, "GRIDLEDGER_EXIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    done = subprocess.run(args, check=True, env=env, cwd=ROOT, capture_output=True, text=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("shown "))
    return (float(line.split()[1]) - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="/tmp/bench-desk/g.db")  # noqa: S108 - a benchmark scratch file
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--saves", type=int, default=50)
    args = parser.parse_args()
    db_path = Path(args.db)
    password = os.environ.get("GRIDLEDGER_PASSWORD", "demo-pass-123")
    results: list[tuple[str, float, str]] = []

    def report(name: str, value: float, target: str = "") -> None:
        results.append((name, value, target))
        print(f"{name:<48} {value:9.1f} ms  {target}", flush=True)

    # 1. Process start to the first window, against a bare PySide6 window, interleaved.
    direct = (
        f"import sys; from pathlib import Path; from ui.app import run; sys.exit(run(Path({str(db_path)!r})))"
    )
    bare_runs, app_runs, ui_runs = [], [], []
    for _ in range(args.runs):
        bare_runs.append(time_to_window([sys.executable, "-c", BARE]))
        app_runs.append(time_to_window([sys.executable, "main.py", "--db", str(db_path)]))
        ui_runs.append(time_to_window([sys.executable, "-c", direct]))
    bare, ours, ui_only = (statistics.median(x) for x in (bare_runs, app_runs, ui_runs))
    report("start: bare PySide6 window (process)", bare)
    report("start: `main.py --db` to sign-in window", ours, f"ratio {ours / bare:.2f} (target ≤ 1.5)")
    report("start: ui.app.run() to sign-in window", ui_only, f"ratio {ui_only / bare:.2f} (target ≤ 1.5)")

    from PySide6.QtWidgets import QApplication

    from models.enums import ClueEventKind  # noqa: F401 - warm imports before timing
    from storage.accounts import sign_in
    from storage.queries import ListFilter
    from storage.services import create_record, update_record
    from ui.app import application, load_cjk_font, load_translations
    from ui.background import wait_for_background
    from ui.data import DbPageSource
    from ui.list_page import ListPage
    from ui.main_window import MainWindow
    from ui.table_models import MODELS

    app = application()
    load_cjk_font(app)
    load_translations(app)

    # 2. Sign-in (key derivation included) to a usable main window.
    windows: list[MainWindow] = []

    def sign_in_to_main() -> None:
        window = MainWindow(sign_in(db_path, password))
        window.show()
        QApplication.processEvents()
        windows.append(window)

    timings = []
    for _ in range(args.runs):
        timings.append(median_ms(sign_in_to_main, 1)[0])
        window = windows.pop()
        window.close()  # waits for the background dashboard figures: not part of the timing
        window.deleteLater()
        QApplication.processEvents()
    value = statistics.median(timings)
    report("sign-in to usable main window (KDF included)", value, "target < 1000")

    signed = sign_in(db_path, password)
    from ui.reference import load_reference

    townships = load_reference(signed.db).townships
    # 3. First screen of each list: the first page (model), then the page with its filters and count.
    for key, cls in MODELS.items():
        source = DbPageSource(signed.db, key)
        value, _ = median_ms(lambda cls=cls, source=source: cls(source, townships), args.runs)
        report(f"first screen: {key} list (first page)", value, "target < 150")

        pages: list[ListPage] = []

        def whole_page(cls: type = cls, source: DbPageSource = source, pages: list[ListPage] = pages) -> None:
            page = ListPage(cls(source, townships), townships=townships, key_domains=[])
            page.show()
            QApplication.processEvents()
            pages.append(page)

        timings = []
        for _ in range(args.runs):
            timings.append(median_ms(whole_page, 1)[0])
            page = pages.pop()
            page.close()
            wait_for_background()  # its count runs on after the first screen: not timed, not overlapping
            page.deleteLater()  # Qt objects are deleted on the GUI thread, never by a collector elsewhere
            QApplication.processEvents()
        value = statistics.median(timings)
        report(f"first screen: {key} page with filter bar, painted", value, "target < 150")

    # 4. Chinese substring filters on the clue ledger.
    model = MODELS["clue"](DbPageSource(signed.db, "clue"), townships)
    for needle in ("高息为诱饵", "高额回报为诱饵", "吸收资金", "张伟"):
        value, _ = median_ms(lambda n=needle: model.set_filter(ListFilter(search=n)), args.runs)
        rows = model.rowCount()
        report(f"filter clues by '{needle}' (first page, {rows} rows)", value, "target < 100")
        value, _ = median_ms(lambda n=needle: model.source.count(ListFilter(search=n)), args.runs)
        report(f"count clues matching '{needle}'", value)
    value, _ = median_ms(lambda: model.set_filter(ListFilter(overdue=True)), args.runs)
    report("filter clues: overdue (first page)", value)

    for key in ("subject", "visit", "survey"):
        other = MODELS[key](DbPageSource(signed.db, key), townships)
        for needle in ("张伟", "兴县"):
            value, _ = median_ms(lambda n=needle, m=other: m.set_filter(ListFilter(search=n)), args.runs)
            report(f"filter {key} by '{needle}' (first page, {other.rowCount()} rows)", value)

    # 5. One save with its audit event (update of a draft visit; and a new subject).
    counter = iter(range(10**6))
    subject = create_record(
        signed.db,
        signed.actor,
        "subject",
        {"kind": "enterprise", "name": "基准测试商贸", "township_code": "141123100"},
    )
    revision = [1]

    def update_once() -> None:
        revision[0] = update_record(
            signed.db,
            signed.actor,
            "subject",
            subject,
            {"address": f"蔚汾镇{next(counter)}号"},
            expected_revision=revision[0],
        )

    value, _ = median_ms(update_once, args.saves)
    report("save: update a subject + audit event (median of 50)", value, "target < 30")

    def create_once() -> None:
        create_record(
            signed.db,
            signed.actor,
            "subject",
            {"kind": "enterprise", "name": f"基准测试商贸{next(counter)}", "township_code": "141123100"},
        )

    value, _ = median_ms(create_once, args.saves)
    report("save: new subject + audit event (median of 50)", value, "target < 30")
    signed.close()
    print(f"\nrun at {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {db_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
