"""Runs every DESIGN §7 benchmark in one command and writes bench/RESULTS.md (not a test).

    GRIDLEDGER_PASSWORD=demo-pass-123 .venv/bin/python bench/run.py [--quick] [--skip-frozen]

Each part runs the bare library (or a bare PySide6 window) in the same run as our code and reports ratios,
because this machine is noisy. Parts: the desk (start-up, sign-in, lists, filter, save on 200,000 clues),
the exports (100,000-row workbook, 1,000-page PDF), the bundles (50 × 2,000 records imported twice), and
the frozen application's start-up (after `bash packaging/build.sh`). Each part also writes its own
RESULTS-<part>.md; this script gathers them under a description of the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PARTS = {
    "desk": ["bench/bench_desk.py"],
    "exports": ["bench/bench_exports.py"],
    "bundles": ["bench/bench_bundles.py"],
}
QUICK_ARGS = {"exports": ["--clues", "20000", "--visits", "200"], "bundles": ["--bundles", "10"]}


def machine() -> str:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), cpu)  # fmt: skip
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    import PySide6

    return (
        f"- {platform.platform()}, {os.cpu_count()} cores ({cpu}), {memory} memory\n"
        f"- Python {platform.python_version()}, PySide6 {PySide6.__version__}\n"
        f"- measured {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )


def startup(runs: int = 7) -> str:
    """Start to the sign-in window for `python main.py` and the frozen app, against a bare PySide6 window
    started the same way, interleaved so that load on the machine affects all alike."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_desk import BARE, time_to_window  # the same measurement as the desk's start-up figure

    home = ROOT / "bench" / "out" / "startup-home"
    db = home / "g.db"
    if not db.exists():  # an installation, so the first window is the sign-in (DESIGN §7), not the wizard
        env = {**os.environ, "GRIDLEDGER_PASSWORD": "bench-pass-1"}
        subprocess.run(
            [PYTHON, str(ROOT / "main.py"), "init", "--db", str(db), "--level", "grid", "--unit",
             "141123100001-01", "--name", "测速", "--phone", "13800138000"],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
    app = ROOT / "dist" / "gridledger" / "gridledger"
    commands = {"bare PySide6 window": [PYTHON, "-c", BARE],
                "python main.py": [PYTHON, str(ROOT / "main.py"), "--db", str(db)]}  # fmt: skip
    if app.exists():
        commands["frozen gridledger"] = [str(app), "--db", str(db)]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(time_to_window(command))
    bare = statistics.median(times["bare PySide6 window"])
    rows = [f"| program | median of {runs} | ratio to bare | target |", "|---|---|---|---|"]
    for name, values in times.items():
        median = statistics.median(values)
        verdict = (
            ""
            if name.startswith("bare")
            else ("≤ 1.5× " + ("(met)" if median / bare <= 1.5 else "(not met)"))
        )
        rows.append(f"| {name} | {median:.0f} ms | {median / bare:.2f}× | {verdict} |")
    if not app.exists():
        rows.append("\nThe frozen application was not built (`bash packaging/build.sh`).")
    return "\n".join(rows) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data for a fast look")
    parser.add_argument("--skip-frozen", action="store_true")
    parser.add_argument("--only", choices=sorted(PARTS), action="append")
    parser.add_argument(
        "--gather", action="store_true", help="do not run the parts again: gather their last RESULTS-*.md"
    )
    args = parser.parse_args()
    sections = ["# Benchmark results\n", "Written by `bench/run.py`. Ratios compare our code with the bare "
                "library measured in the same run.\n", "## Machine\n", machine() + "\n"]  # fmt: skip
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        sections.append(notes.read_text(encoding="utf-8"))
    for name, script in PARTS.items():
        if args.only and name not in args.only:
            continue
        extra = QUICK_ARGS.get(name, []) if args.quick else []
        result = ROOT / "bench" / f"RESULTS-{name}.md"
        heading = f"## {name.capitalize()}"
        if not args.gather:
            print(f"== {name}", flush=True)
            started = time.perf_counter()
            done = subprocess.run([PYTHON, *script, *extra], cwd=ROOT, check=False)
            status = "" if done.returncode == 0 else f" — the script exited with {done.returncode}"
            heading += f" ({time.perf_counter() - started:.0f} s{status})"
        body = result.read_text(encoding="utf-8") if result.exists() else "(no results written)\n"
        body = "\n".join(line for line in body.splitlines() if not line.startswith("# "))
        sections.append(f"{heading}\n{body}\n")
    if not args.skip_frozen and not args.only:
        print("== start-up to the first window", flush=True)
        sections.append("## Start-up to the first window (source and frozen)\n\n" + startup())
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(sections), encoding="utf-8")
    print("wrote bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
