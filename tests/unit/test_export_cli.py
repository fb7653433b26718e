"""The `export` sub-command's half that lives in exports/: its arguments and its run for a signed-in user."""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from exports import cli
from storage.accounts import SignedIn
from storage.errors import PermissionDeniedError
from tests.unit.test_export_records import make_records


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="export", exit_on_error=False)
    cli.add_arguments(parser)
    return parser.parse_args(argv)


def test_run_writes_the_file_and_says_what_it_wrote(
    worker: SignedIn,
    subject_id: Any,
    clue_values: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_records(worker, subject_id, clue_values)
    out = tmp_path / "out" / "台账.xlsx"
    args = parse("--what", "all", "--format", "xlsx", "--out", str(out), "--township", "141123100")
    assert cli.run(worker, args, stream=io.StringIO()) == 0
    assert zipfile.is_zipfile(out)
    said = capsys.readouterr().out
    assert str(out) in said and "风险线索台账 1 条" in said and "走访记录 3 条" in said


def test_dates_are_checked_when_parsed() -> None:
    args = parse(
        "--what", "visits", "--format", "pdf", "--out", "x.pdf", "--from", "2025-03-01", "--to", "2025-03-31"
    )
    assert (args.date_from.isoformat(), args.date_to.isoformat()) == ("2025-03-01", "2025-03-31")
    with pytest.raises(argparse.ArgumentError, match="应为 YYYY-MM-DD"):
        parse("--what", "visits", "--format", "pdf", "--out", "x.pdf", "--from", "2025-13-01")


def test_unmasked_is_refused_for_a_worker(worker: SignedIn, tmp_path: Path) -> None:
    args = parse("--what", "surveys", "--format", "xlsx", "--out", str(tmp_path / "x.xlsx"), "--unmasked")
    with pytest.raises(PermissionDeniedError):  # main.py prints it as 错误：… and exits 2
        cli.run(worker, args, stream=io.StringIO())
    assert not (tmp_path / "x.xlsx").exists()


def test_light_argument_lists_match_the_export_code() -> None:
    from exports import api, cli_args, context

    assert cli_args.SECTIONS == context.SECTIONS
    assert cli_args.FORMATS == api.FORMATS
