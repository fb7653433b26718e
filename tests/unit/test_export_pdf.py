"""The PDFs as poppler sees them: embedded subset font, the records' Chinese text, one form per visit,
footers with page numbers and record hashes; and written whole or not at all."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from exports.api import export, export_bytes
from exports.context import ExportCancelled, ExportFilter
from storage.accounts import SignedIn
from storage.services import update_record
from tests.unit.test_export_records import INFORMANT, RESIDENT_ID, VISIT_PHONE, Records, make_records, rows


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    path = tmp_path / "exports"
    path.mkdir()
    return path


@pytest.fixture
def records(worker: SignedIn, subject_id: Any, clue_values: dict[str, Any]) -> Records:
    return make_records(worker, subject_id, clue_values)


def tool(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def page_text(pdf: Path, page: int | None = None) -> str:
    """The text of a page (or all) in drawing order with all white space removed: a table cell's lines and
    the spaces in 第 1 页 共 3 页 come out differently from one poppler version to the next."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return "".join(tool("pdftotext", "-raw", *pages, pdf, "-").split())


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = tool("pdfinfo", "-f", "1", "-l", "999", pdf)
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def assert_font_embedded_as_subset(pdf: Path) -> None:
    lines = tool("pdffonts", pdf).splitlines()[2:]
    assert lines, "no fonts"
    for line in lines:
        assert "WenQuanYiMicroHei" in line, line  # nothing else, in particular no unembedded Helvetica
        assert re.search(r"\byes\s+yes\s+yes\b", line), line  # emb sub uni


PORTRAIT, LANDSCAPE = (595.28, 841.89), (841.89, 595.28)


def same_size(size: tuple[float, float], expected: tuple[float, float]) -> bool:
    return abs(size[0] - expected[0]) < 1 and abs(size[1] - expected[1]) < 1


def test_one_visit_form_per_page(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "走访记录.pdf"
    export(worker.db, worker.actor, "visits", "pdf", out)
    assert_font_embedded_as_subset(out)
    sizes = page_sizes(out)
    assert len(sizes) == 3 and all(same_size(s, PORTRAIT) for s in sizes)
    digests = [r["digest"] for r in rows(worker, "visits")]
    for number in (1, 2, 3):
        text = page_text(out, number)
        assert "兴县打击非法集资专项行动走访记录表" in text
        assert f"第{number}次走访：宣讲《防范和处置非法集资条例》" in text
        for field in (
            "走访时间",
            "走访类型",
            "走访地点",
            "被走访对象",
            "发放宣传资料",
            "覆盖群众",
            "后续跟进",
        ):
            assert field in text
        assert (
            text.count("走访人（签字）") == 3 and text.count("被走访人（签字）") == 1
        )  # 走访人 ×2, 被走访人
        assert text.count("日期：") == 3
        assert "139****5678" in text and VISIT_PHONE not in text
        assert f"第{number}页共3页" in text
        assert f"记录校验码：{digests[number - 1]}" in text
        assert "填报单位：" in text and "生成时间：" in text
    assert "这条走访记录已删除" not in page_text(out)


def test_clue_ledger_is_a_landscape_table(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "台账.pdf"
    export(worker.db, worker.actor, "clues", "pdf", out)
    assert_font_embedded_as_subset(out)
    assert [same_size(s, LANDSCAPE) for s in page_sizes(out)] == [True]
    text = page_text(out)
    (clue,) = rows(worker, "clues")
    for expected in (
        "兴县打击非法集资专项行动风险线索台账",
        "线索编号",
        "当前状态",
        "处置措施",
        "涉及金额（元）",
    ):
        assert expected in text
    for expected in (clue["ledger_no"], "处置中", "警示约谈", "215,000.00", "蔚汾镇", clue["digest"]):
        assert expected in text, expected
    assert "填报人：张伟" in text and "第1页共1页" in text
    assert INFORMANT["name"] not in text and INFORMANT["phone"] not in text


def test_long_ledger_repeats_its_header_on_every_page(
    worker: SignedIn, subject_id: Any, clue_values: dict[str, Any], out_dir: Path
) -> None:
    for n in range(30):
        values = {**clue_values, "facts": f"第{n}条线索。" + "以高息为诱饵向老年群众推销理财产品，" * 6}
        from storage.services import create_record

        create_record(worker.db, worker.actor, "clue", values)
    out = out_dir / "台账.pdf"
    export(worker.db, worker.actor, "clues", "pdf", out)
    pages = len(page_sizes(out))
    assert pages > 1
    for number in range(1, pages + 1):
        text = page_text(out, number)
        assert text.count("线索编号") == 1 and "主要事实" in text
        assert f"第{number}页共{pages}页" in text
        assert re.search(r"本页\d+条记录|记录校验码：", text)  # one row: its own hash
    assert "兴县打击非法集资专项行动风险线索台账" not in page_text(out, 2)  # the title only opens the table


def test_survey_ledger_masks_ids(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "排查.pdf"
    export(worker.db, worker.actor, "surveys", "pdf", out)
    text = page_text(out)
    assert "兴县打击非法集资专项行动风险排查登记表" in text
    assert RESIDENT_ID[:4] + "**********" + RESIDENT_ID[-4:] in text and RESIDENT_ID not in text
    assert "高风险" in text and "存在以高息诱导老年人购买理财产品的风险" in text


def test_all_sections_in_one_pdf(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "全部.pdf"
    export(worker.db, worker.actor, "all", "pdf", out)
    sizes = page_sizes(out)
    assert [same_size(s, LANDSCAPE) for s in sizes] == [True, True, False, False, False]
    assert "风险排查登记表" in page_text(out, 1)
    assert "风险线索台账" in page_text(out, 2)
    assert "走访记录表" in page_text(out, 3) and "第5页共5页" in page_text(out, 5)
    assert_font_embedded_as_subset(out)


def test_a_long_visit_runs_on_with_its_hash(worker: SignedIn, records: Records, out_dir: Path) -> None:
    long_text = "宣讲防范非法集资知识，逐户发放宣传资料并解答群众疑问。" * 120
    update_record(worker.db, worker.actor, "visit", records.visits[0], {"content": long_text})
    flt = ExportFilter(record_ids=[records.visits[0]])
    out = out_dir / "long.pdf"
    out.write_bytes(export_bytes(worker.db, worker.actor, "visits", "pdf", flt))
    pages = len(page_sizes(out))
    assert pages >= 2
    digest = rows(worker, "visits")[0]["digest"]
    for number in range(1, pages + 1):
        assert f"记录校验码：{digest}" in page_text(out, number)
    first = page_text(out, 1)
    assert "（全文见附页）" in first and "被走访人（签字）" in first  # the form stays whole on its page
    annex = "".join(page_text(out, n) for n in range(2, pages + 1))
    assert "附页：走访内容（全文）" in annex and annex.count("逐户发放宣传资料") == 120


def test_no_visits_is_one_page_saying_so(worker: SignedIn, out_dir: Path) -> None:
    out = out_dir / "empty.pdf"
    export(worker.db, worker.actor, "visits", "pdf", out)
    assert len(page_sizes(out)) == 1 and "没有符合条件的走访记录" in page_text(out)


def test_cancel_leaves_no_file(worker: SignedIn, records: Records, out_dir: Path) -> None:
    with pytest.raises(ExportCancelled):
        export(worker.db, worker.actor, "all", "pdf", out_dir / "x.pdf", cancel=lambda: True)
    assert list(out_dir.iterdir()) == []


def test_bytes_for_a_print_preview(worker: SignedIn, records: Records, out_dir: Path) -> None:
    data = export_bytes(worker.db, worker.actor, "visits", "pdf", ExportFilter(record_ids=records.visits[:2]))
    assert data.startswith(b"%PDF-")
    (out_dir / "preview.pdf").write_bytes(data)
    assert len(page_sizes(out_dir / "preview.pdf")) == 2


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) is not installed")
def test_qr_code_scans_to_the_record_hash(worker: SignedIn, records: Records, out_dir: Path) -> None:
    out = out_dir / "v.pdf"
    export(worker.db, worker.actor, "visits", "pdf", out, record_ids=records.visits[:1])
    tool("pdftoppm", "-png", "-r", "200", out, out_dir / "page")
    (png,) = out_dir.glob("page*.png")
    scanned = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True
    ).stdout.strip()
    assert scanned == f"GL1:V:{rows(worker, 'visits')[0]['digest'].upper()}"
