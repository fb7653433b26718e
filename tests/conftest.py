"""Shared fixtures: a real encrypted database in a temporary folder, set up through the real services."""

from __future__ import annotations

import os

# Qt must know before any QApplication exists that there is no display (STACK-NOTES).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Many installations are created per run; cheap Argon2 parameters keep that fast. Tests only.
os.environ["GRIDLEDGER_INSECURE_FAST_KDF"] = "1"

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.enums import Level
from storage.accounts import SignedIn, init_installation, sign_in
from storage.services import create_record

PASSWORD = "correct-horse-9"
WORKER_GRID = "141123100001-01"  # a grid in 蔚汾镇


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "gridledger.db"


@pytest.fixture
def worker(db_path: Path) -> Iterator[SignedIn]:
    """A grid worker's installation (张伟, 蔚汾镇), signed in."""
    init_installation(
        db_path, level=Level.GRID, unit_code=WORKER_GRID, name="张伟", phone="13800138000", password=PASSWORD
    )
    signed = sign_in(db_path, PASSWORD)
    yield signed
    signed.close()


@pytest.fixture
def subject_id(worker: SignedIn) -> object:
    return create_record(
        worker.db,
        worker.actor,
        "subject",
        {
            "kind": "enterprise",
            "name": "兴县鑫源财富管理咨询有限公司",
            "credit_code": "91350100M000100Y43",
            "township_code": "141123100",
            "phone": "13912345678",
            "address": "蔚汾镇东关街18号",
            "business_scope": "企业管理咨询；理财产品推介",
        },
    )


@pytest.fixture
def clue_values(subject_id: object) -> dict[str, object]:
    return {
        "source": "群众举报",
        "received_date": dt.date(2025, 3, 1),
        "subject_id": subject_id,
        "facts": "该公司以年化18%高息为诱饵，在蔚汾镇向老年群众推销理财产品。",
        "participants": 37,
        "amount_fen": 215_000_00,
        "key_domains": ["理财", "养老"],
        "township_code": "141123100",
        "deadline": dt.date(2025, 4, 30),
    }
