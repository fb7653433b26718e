"""Whether an installation exists, checked without importing storage (kept light for a quick start)."""

from __future__ import annotations

from pathlib import Path


def keyfile_path(db_path: Path) -> Path:
    # Must match storage.keys.keyfile_path; tests/ui/test_signin.py checks that they agree.
    return db_path.with_name(db_path.name + ".keys.json")


def is_set_up(db_path: Path) -> bool:
    return db_path.exists() and keyfile_path(db_path).exists()
