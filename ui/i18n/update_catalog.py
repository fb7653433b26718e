"""Refresh the zh_CN catalog from the source strings and compile it.

    .venv/bin/python -m ui.i18n.update_catalog

Runs pyside6-lupdate over the UI sources (new strings arrive as unfinished; obsolete ones are dropped),
then pyside6-lrelease. Translate new strings in the .ts with Qt Linguist (`pyside6-linguist`) or by hand
and run this again; tests/ui/test_translations.py fails while any string is untranslated or stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent
UI_DIR = I18N_DIR.parent
CATALOG_TS = I18N_DIR / "gridledger_zh_CN.ts"
CATALOG_QM = I18N_DIR / "gridledger_zh_CN.qm"
NOT_SCANNED = {"screenshots.py"}


def tool(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def sources() -> list[Path]:
    """Every UI module with user-visible strings (the i18n tools themselves excluded)."""
    return sorted(p for p in UI_DIR.rglob("*.py") if I18N_DIR not in p.parents and p.name not in NOT_SCANNED)


def lupdate(target: Path) -> None:
    files = [str(p) for p in sources()]
    subprocess.run(
        [tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none", "-ts", str(target)],
        check=True,
        capture_output=True,
    )


def lrelease() -> None:
    subprocess.run([tool("pyside6-lrelease"), str(CATALOG_TS), "-qm", str(CATALOG_QM)], check=True)


def main() -> int:
    lupdate(CATALOG_TS)
    lrelease()
    return 0


if __name__ == "__main__":
    sys.exit(main())
