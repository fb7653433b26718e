"""Where the app keeps its files. Imports nothing heavy: the GUI asks this before its first window."""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    override = os.environ.get("GRIDLEDGER_HOME")
    return Path(override) if override else user_data_path("GridLedger", appauthor=False)


def default_db_path() -> Path:
    return default_data_dir() / "gridledger.db"
