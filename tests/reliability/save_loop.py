"""Child process for the kill -9 test: saves records in a loop and reports each one after its commit."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from storage.accounts import sign_in
from storage.services import create_record, update_record


def main(db_path: str, password: str, start: int) -> None:
    signed = sign_in(Path(db_path), password)
    n = start
    while True:
        record_id = create_record(
            signed.db,
            signed.actor,
            "clue",
            {
                "source": "排查发现",
                "received_date": dt.date(2025, 1, 1),
                "subject_name": f"测试主体{n}",
                "facts": f"第{n}条：以高息为诱饵吸收资金" * 20,
                "township_code": "141123100",
            },
        )
        update_record(signed.db, signed.actor, "clue", record_id, {"participants": n})
        print(f"{record_id} {n}", flush=True)  # printed only after both transactions committed
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
