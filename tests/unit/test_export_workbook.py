"""The Excel export as a person opens it: sheets, title, header lines, labels, formats, masking, print set-up;
and as the file system sees it: written whole or not at all."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from exports import sheet, workbook
from exports.api import export, export_bytes
from exports.columns import CLUE_COLUMNS, COLUMNS, SHEET_NAMES
from exports.context import ExportCancelled, ExportFilter, Section
from models.audit import AuditEvent
from models.enums import AuditAction, Level
from storage.accounts import SignedIn, init_installation, sign_in
from storage.errors import PermissionDeniedError, UserFacingError
from tests.conftest import PASSWORD
from tests.unit.test_export_records import FORMULA, INFORMANT, RESIDENT_ID, VISIT_PHONE, Records, make_records


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """Where exports go: apart from the database, so that "no file left" can be checked."""
    path = tmp_path / "exports"
    path.mkdir()
    return path


@pytest.fixture
def records(worker: SignedIn, subject_id: Any, clue_values: dict[str, Any]) -> Records:
    return make_records(worker, subject_id, clue_values)


def open_book(path: Path) -> Any:
    return openpyxl.load_workbook(path)


def values(ws: Worksheet) -> list[Any]:
    return [cell.value for row in ws.iter_rows() for cell in row if cell.value is not None]


def data_row(ws: Worksheet, index: int = 0) -> dict[str, Any]:
    """The cells of a data row keyed by header text."""
    headers = [str(c.value) for c in ws[3]]
    return dict(zip(headers, ws[4 + index], strict=True))


def test_all_sections_give_the_four_sheets(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "台账.xlsx"
    result = export(worker.db, worker.actor, "all", "xlsx", out)
    assert result.counts == {"surveys": 2, "clues": 1, "visits": 3}
    assert open_book(out).sheetnames == ["排查登记表", "风险线索台账", "走访记录", "说明"]
    only = open_book(Path(export(worker.db, worker.actor, "clues", "xlsx", out_dir / "c.xlsx").path or ""))
    assert only.sheetnames == ["风险线索台账", "说明"]


def test_clue_sheet_reads_like_the_county_form(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "线索.xlsx"
    export(worker.db, worker.actor, "clues", "xlsx", out)
    ws = open_book(out)["风险线索台账"]
    last = openpyxl.utils.get_column_letter(len(CLUE_COLUMNS))

    assert ws["A1"].value == "兴县打击非法集资专项行动风险线索台账"
    assert f"A1:{last}1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].font.b and ws["A1"].alignment.horizontal == "center"
    info = [c.value for c in ws[2] if c.value]
    assert info[0] == f"填报单位：{worker.unit_name}"
    assert info[1:3] == ["填报人：张伟", "联系电话：13800138000"]
    assert info[3].startswith("填报日期：") and info[3].endswith("日")

    assert [c.value for c in ws[3]] == [c.header for c in CLUE_COLUMNS]
    assert "涉及金额（元）" in [c.value for c in ws[3]]
    row = data_row(ws)
    assert row["所属乡镇"].value == "蔚汾镇"
    assert row["当前状态"].value == "处置中"
    assert row["处置措施"].value == "警示约谈"
    assert row["研判意见"].value == "涉嫌非法吸收公众存款"
    assert row["涉及金额（元）"].value == 215_000 and row["涉及金额（元）"].number_format == "#,##0.00"
    received = row["接收日期"]
    assert (
        received.is_date
        and received.value == dt.datetime(2025, 3, 1)
        and received.number_format == "yyyy-mm-dd"
    )
    assert row["主要事实"].alignment.wrap_text
    assert ws.row_dimensions[4].height is not None  # the long facts need more than one line


def test_print_setup_freeze_and_filter(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "all.xlsx"
    export(worker.db, worker.actor, "all", "xlsx", out)
    book = open_book(out)
    expected: tuple[tuple[Section, int], ...] = (("surveys", 2), ("clues", 1), ("visits", 3))
    for section, n_rows in expected:
        ws = book[SHEET_NAMES[section]]
        last = openpyxl.utils.get_column_letter(len(COLUMNS[section]))
        assert ws.freeze_panes == "A4"
        assert ws.auto_filter.ref == f"A3:{last}{3 + n_rows}"
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$3:$3"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.oddHeader.center.text == ws["A1"].value  # pages after the first carry the title
        assert ws.column_dimensions["A"].width == COLUMNS[section][0].width


def test_dates_times_and_masks_on_visits_and_surveys(
    worker: SignedIn, records: Records, out_dir: Path
) -> None:
    out = out_dir / "all.xlsx"
    export(worker.db, worker.actor, "all", "xlsx", out)
    book = open_book(out)
    visit = data_row(book["走访记录"])
    assert visit["走访时间"].value == dt.datetime(2025, 3, 3, 9, 30)
    assert visit["走访时间"].number_format == "yyyy-mm-dd hh:mm"
    assert visit["走访类型"].value == "走访约谈"
    assert visit["联系电话"].value == "139****5678"
    person = data_row(book["排查登记表"], 1)
    assert person["统一社会信用代码（身份证号）"].value == RESIDENT_ID[:4] + "**********" + RESIDENT_ID[-4:]
    assert person["联系电话"].value == "136****5432"
    assert person["风险等级"].value == "低风险"
    # Text that looks like a formula stays text: Excel must not run it.
    assert person["排查结论"].value == FORMULA and person["排查结论"].data_type == "s"
    everything = [str(v) for ws in book for v in values(ws)]
    for secret in (RESIDENT_ID, VISIT_PHONE, "13698765432", INFORMANT["name"], INFORMANT["phone"]):
        assert not any(secret in v for v in everything)
    with zipfile.ZipFile(out) as archive:
        raw = b"".join(archive.read(name) for name in archive.namelist())
    assert INFORMANT["name"].encode() not in raw and RESIDENT_ID.encode() not in raw
    assert "这条走访记录已删除" not in everything


def test_explanation_sheet_covers_every_column_and_code_list(
    worker: SignedIn, records: Records, out_dir: Path
) -> None:
    out = out_dir / "all.xlsx"
    export(worker.db, worker.actor, "all", "xlsx", out)
    explained = [str(v) for v in values(open_book(out)["说明"])]
    for columns in COLUMNS.values():
        for column in columns:
            assert column.header in explained
            assert column.note in explained
    for code_list in ("风险等级", "线索状态", "走访类型", "重点领域", "处置措施", "线索来源", "乡镇代码"):
        assert code_list in explained
    assert any("已脱敏" in v for v in explained)


def test_unmasked_needs_a_role_that_may_see_it(worker: SignedIn, out_dir: Path) -> None:
    out = out_dir / "full.xlsx"
    with pytest.raises(PermissionDeniedError):
        export(worker.db, worker.actor, "surveys", "xlsx", out, unmasked=True)
    assert list(out_dir.iterdir()) == []


def test_a_liaison_may_export_full_identifiers(out_dir: Path, clue_values: dict[str, Any]) -> None:
    path = out_dir / "township.db"
    init_installation(
        path,
        level=Level.TOWNSHIP,
        unit_code="141123100",
        name="李联络",
        phone="13800138001",
        password=PASSWORD,
    )
    liaison = sign_in(path, PASSWORD)
    try:
        from storage.services import create_record

        subject = create_record(
            liaison.db,
            liaison.actor,
            "subject",
            {
                "kind": "enterprise",
                "name": "兴县某公司",
                "credit_code": "91350100M000100Y43",
                "township_code": "141123100",
            },
        )
        make_records(liaison, subject, {**clue_values, "subject_id": subject})
        out = out_dir / "full.xlsx"
        export(liaison.db, liaison.actor, "all", "xlsx", out, unmasked=True)
        book = open_book(out)
        assert data_row(book["排查登记表"], 1)["统一社会信用代码（身份证号）"].value == RESIDENT_ID
        assert data_row(book["走访记录"])["联系电话"].value == VISIT_PHONE
        assert any("未脱敏" in str(v) for v in values(book["说明"]))
        assert not any(INFORMANT["name"] in str(v) for ws in book for v in values(ws))
        with liaison.db.reader() as session:  # the disclosure of full identifiers is audited
            event = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
        assert event is not None and event.action is AuditAction.DISCLOSE
        assert event.changes["what"] == "all" and event.changes["format"] == "xlsx"
    finally:
        liaison.close()


def test_cancel_leaves_no_file(worker: SignedIn, records: Records, out_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = out_dir / "cancelled.xlsx"
    with pytest.raises(ExportCancelled):
        export(
            worker.db,
            worker.actor,
            "all",
            "xlsx",
            out,
            progress=lambda d, t: seen.append((d, t)),
            cancel=lambda: bool(seen),
        )
    assert seen == [(0, 6)]
    assert list(out_dir.iterdir()) == []


def test_a_failure_half_way_leaves_no_file_and_no_temporary(
    worker: SignedIn, records: Records, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(workbook, "write_explanation", broken)
    monkeypatch.setattr("exports.api.write_explanation", broken)
    with pytest.raises(OSError, match="disk full"):
        export(worker.db, worker.actor, "all", "xlsx", out_dir / "broken.xlsx")
    assert list(out_dir.iterdir()) == []


def test_progress_reaches_the_total(worker: SignedIn, records: Records, out_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    export(
        worker.db,
        worker.actor,
        "visits",
        "xlsx",
        out_dir / "v.xlsx",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_bad_filters_are_refused_in_plain_words(worker: SignedIn, out_dir: Path) -> None:
    with pytest.raises(UserFacingError, match="开始日期不能晚于结束日期"):
        export(
            worker.db,
            worker.actor,
            "clues",
            "xlsx",
            out_dir / "x.xlsx",
            date_from=dt.date(2025, 2, 1),
            date_to=dt.date(2025, 1, 1),
        )
    with pytest.raises(UserFacingError, match="乡镇代码"):
        export(worker.db, worker.actor, "clues", "xlsx", out_dir / "x.xlsx", township="999999999")
    assert list(out_dir.iterdir()) == []


def test_an_empty_export_is_still_a_form(worker: SignedIn, out_dir: Path) -> None:
    out = out_dir / "empty.xlsx"
    assert export(worker.db, worker.actor, "clues", "xlsx", out).total == 0
    ws = open_book(out)["风险线索台账"]
    assert (
        ws.max_row == 3 and ws.auto_filter.ref == f"A3:{openpyxl.utils.get_column_letter(len(CLUE_COLUMNS))}3"
    )


def test_portable_path_writes_the_same_cells(
    worker: SignedIn, records: Records, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With another openpyxl series the sheet falls back to public API only; a person sees the same."""
    fast = open_book_bytes(
        export_bytes(worker.db, worker.actor, "all", "xlsx", ExportFilter()), out_dir / "a.xlsx"
    )
    monkeypatch.setattr(openpyxl, "__version__", "9.0.0")
    slow = open_book_bytes(
        export_bytes(worker.db, worker.actor, "all", "xlsx", ExportFilter()), out_dir / "b.xlsx"
    )
    for name in fast.sheetnames:
        for a, b in zip(fast[name].iter_rows(), slow[name].iter_rows(), strict=True):
            for x, y in zip(a, b, strict=True):
                assert (x.value, x.number_format, x.alignment.wrap_text, x.data_type) == (
                    y.value,
                    y.number_format,
                    y.alignment.wrap_text,
                    y.data_type,
                )


def open_book_bytes(data: bytes, path: Path) -> Any:
    path.write_bytes(data)
    return open_book(path)


def test_text_lines_estimates_wrapped_rows() -> None:
    assert sheet.text_lines("短", 10) == 1
    assert sheet.text_lines("字" * 20, 10.5) == 4  # 20 × 1.8 units over 10 units a line
    assert sheet.text_lines("一行\n两行", 10) == 2
