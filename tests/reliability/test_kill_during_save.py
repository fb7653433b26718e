"""kill -9 at random moments while records are being saved: nothing committed is lost, nothing is torn."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from models.records import ClueRecord
from storage.accounts import SignedIn, sign_in
from storage.audit import verify_audit_chain
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


@pytest.mark.slow
def test_sigkill_during_saves_loses_nothing_committed(worker: SignedIn, db_path: Path) -> None:
    worker.close()
    rng = random.Random(11)
    reported: dict[str, int] = {}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_no in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.save_loop", str(db_path), PASSWORD, str(len(reported))],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        # Wait for the first save so every kill lands among saves, then a random moment after it.
        first = child.stdout.readline()
        assert first, child.stderr.read() if child.stderr else "child printed nothing"
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        for line in (first + rest).splitlines():
            if line.strip():
                record_id, n = line.split()
                reported[record_id] = int(n)

        signed = sign_in(db_path, PASSWORD)
        try:
            assert signed.db.integrity_problems() == [], f"round {round_no}"
            with signed.db.reader() as session:
                assert verify_audit_chain(session) is None, f"round {round_no}"
                stored = {str(r.id): r.participants for r in session.scalars(select(ClueRecord))}
        finally:
            signed.close()
        missing = set(reported) - set(stored)
        assert not missing, f"round {round_no}: {len(missing)} committed saves lost"
        assert all(stored[k] == v for k, v in reported.items()), (
            f"round {round_no}: a committed update was lost"
        )
    assert len(reported) > KILLS
