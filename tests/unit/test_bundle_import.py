"""Import semantics (revisions, conflicts, chain, audit), sealing with the stock `age`, and the CLI."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import func, select

import main
from exports.bundle.build import build_bundle, office_files
from exports.bundle.format import DATA, MANIFEST, PAYLOAD, SIGNATURE, canonical_json, sha256_hex
from exports.bundle.importer import import_bundle
from models.audit import AuditEvent
from models.bundles import RecordConflict
from models.enums import AuditAction, Level
from models.records import ClueRecord
from storage.accounts import SignedIn
from storage.audit import verify_audit_chain
from storage.bundle_records import RefusedError
from storage.trust import (
    age_identity,
    age_recipient,
    export_key_file,
    pdf_credentials,
    read_key_file,
    signing_key,
    trust_keys,
)
from tests.e2e.bundles import PASSWORD, add_records, flip_byte, forge, install, read_zip


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[SignedIn, SignedIn]]:
    worker = install(tmp_path, "张伟", Level.GRID, "141123100001-01")
    township = install(tmp_path, "李联络", Level.TOWNSHIP, "141123100")
    export_key_file(worker, tmp_path / "worker.pub")
    trust_keys(township, read_key_file(tmp_path / "worker.pub"))
    yield worker, township
    worker.close()
    township.close()


def _next_forged(first: Path, worker: SignedIn, edit_data: Callable[[dict[str, Any]], None]) -> bytes:
    """A properly signed bundle #2 following `first`, with data.json edited by `edit_data`."""
    files = read_zip(first)
    manifest = json.loads(files[MANIFEST])
    data = json.loads(files[DATA])
    edit_data(data)
    payload = {k: v for k, v in files.items() if k not in (MANIFEST, SIGNATURE)} | {
        DATA: canonical_json(data)
    }

    def edit(m: dict[str, object]) -> None:
        m["seq"], m["previous_bundle_sha256"] = 2, sha256_hex(files[MANIFEST])

    return forge(payload, manifest, signing_key(worker), edit=edit)


def test_same_revision_other_content_is_a_conflict_never_resolved(
    pair: tuple[SignedIn, SignedIn], tmp_path: Path
) -> None:
    worker, township = pair
    add_records(worker, "141123100", 1)
    first = build_bundle(worker, tmp_path / "out")
    import_bundle(township, first.path)

    def tamper(data: dict[str, Any]) -> None:
        data["records"]["clue"][0]["facts"] = "另一个版本的事实"

    path = tmp_path / "GL-grid-141123100001-01-20250302-002.zip"
    path.write_bytes(_next_forged(first.path, worker, tamper))
    outcome = import_bundle(township, path)
    assert len(outcome.conflicts) == 1 and outcome.inserted == outcome.updated == 0
    with township.db.reader() as session:
        [conflict] = session.scalars(select(RecordConflict)).all()
        assert conflict.incoming["facts"] == "另一个版本的事实" and conflict.resolved_at is None
        clue = session.scalars(select(ClueRecord)).one()
        assert clue.facts != "另一个版本的事实"


def test_lower_revision_is_ignored_and_chain_is_checked(
    pair: tuple[SignedIn, SignedIn], tmp_path: Path
) -> None:
    worker, township = pair
    add_records(worker, "141123100", 1)
    first = build_bundle(worker, tmp_path / "out")
    second = build_bundle(worker, tmp_path / "out")  # a full bundle again: #2
    outcome = import_bundle(township, second.path)
    assert outcome.inserted == 4 and "尚未收到" in outcome.warnings[0]  # #1 is missing: visible
    later = import_bundle(township, first.path)  # #1 arrives late and fits the chain
    assert later.inserted == 0 and later.unchanged == 5

    def older(data: dict[str, Any]) -> None:
        data["records"]["clue"][0]["revision"] = 0

    path = tmp_path / "GL-grid-141123100001-01-20250302-003.zip"
    path.write_bytes(_next_forged(first.path, worker, older))
    with pytest.raises(RefusedError) as refused:  # #2 again with other content
        import_bundle(township, path)
    assert refused.value.code in ("broken_chain", "bad_record")


def test_one_import_event_per_record_and_audit_chain_intact(
    pair: tuple[SignedIn, SignedIn], tmp_path: Path
) -> None:
    worker, township = pair
    add_records(worker, "141123100", 2)
    outcome = import_bundle(township, build_bundle(worker, tmp_path / "out").path)
    with township.db.reader() as session:
        imports = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == AuditAction.IMPORT)
        )
        assert imports == outcome.inserted == 8
        assert verify_audit_chain(session) is None


def test_since_last_carries_only_changes(pair: tuple[SignedIn, SignedIn], tmp_path: Path) -> None:
    worker, _ = pair
    add_records(worker, "141123100", 1)
    assert build_bundle(worker, tmp_path / "out").counts["subject"] == 1
    assert sum(build_bundle(worker, tmp_path / "out", since_last=True).counts.values()) == 0
    add_records(worker, "141123100", 1, tag="new")
    assert build_bundle(worker, tmp_path / "out", since_last=True).counts["visit"] == 1


def test_office_files_travel_in_the_bundle(pair: tuple[SignedIn, SignedIn], tmp_path: Path) -> None:
    worker, township = pair
    add_records(worker, "141123100", 1)
    built = build_bundle(worker, tmp_path / "out", extras=[office_files])
    names = set(read_zip(built.path))
    if built.skipped_extras:
        pytest.skip(f"exports.api not usable here: {built.skipped_extras}")
    assert {"走访记录.pdf", "台账.pdf"} <= names and any(n.endswith("台账.xlsx") for n in names)
    _, cert_der = pdf_credentials(worker)
    cert = asn1_x509.Certificate.load(cert_der)
    for name in ("走访记录.pdf", "台账.pdf"):
        [signature] = PdfFileReader(io.BytesIO(read_zip(built.path)[name])).embedded_signatures
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[cert]))
        assert status.intact and status.valid and status.trusted, status.summary()
    assert import_bundle(township, built.path).inserted == 4


def test_stock_age_decrypts_a_sealed_payload(pair: tuple[SignedIn, SignedIn], tmp_path: Path) -> None:
    if shutil.which("age") is None:
        pytest.skip("age not installed")
    worker, township = pair
    add_records(worker, "141123100", 1)
    built = build_bundle(
        worker, tmp_path / "out", recipients=[age_recipient(township), age_recipient(worker)]
    )
    files = read_zip(built.path)
    assert set(files) == {MANIFEST, SIGNATURE, PAYLOAD} and b"age-encryption.org/v1" in files[PAYLOAD][:40]
    (tmp_path / "payload.age").write_bytes(files[PAYLOAD])
    for who in (township, worker):  # either recipient's identity opens it
        (tmp_path / "id.txt").write_text(age_identity(who) + "\n", encoding="ascii")
        plain = subprocess.run(
            ["age", "-d", "-i", "id.txt", "payload.age"], cwd=tmp_path, capture_output=True, check=True
        ).stdout
        assert DATA in read_zip(plain)
    assert "张伟" not in files[MANIFEST].decode() or b"facts" not in files[PAYLOAD]


def test_cli_key_trust_verify_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GRIDLEDGER_PASSWORD", PASSWORD)
    worker = install(tmp_path, "张伟", Level.GRID, "141123100001-01")
    township = install(tmp_path, "李联络", Level.TOWNSHIP, "141123100")
    add_records(worker, "141123100", 1)
    wdb, tdb = str(worker.db.path), str(township.db.path)
    worker.close()
    township.close()
    assert main.main(["key", "--db", wdb, "--export", str(tmp_path / "w.pub")]) == 0
    assert main.main(["key", "--db", tdb, "--export", str(tmp_path / "t.pub")]) == 0
    assert (
        main.main(
            [
                "bundle",
                "--db",
                wdb,
                "--out",
                str(tmp_path / "out"),
                "--to",
                str(tmp_path / "t.pub"),
                "--no-office",
            ]
        )
        == 0
    )
    [bundle] = (tmp_path / "out").glob("GL-*.zip")
    capsys.readouterr()
    assert main.main(["verify", str(bundle)]) == 0
    assert "未核对信任列表" in capsys.readouterr().out
    assert main.main(["verify", str(bundle), "--trust", str(tmp_path / "t.pub")]) == 1
    assert "不在信任列表" in capsys.readouterr().err
    assert main.main(["verify", str(bundle), "--trust", str(tmp_path / "w.pub")]) == 0
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(flip_byte(bundle.read_bytes(), 200))
    assert main.main(["verify", str(damaged)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("验证未通过：")
    assert main.main(["import", "--db", tdb, str(bundle)]) == 1  # unknown key: refused
    assert "--trust-new" in capsys.readouterr().err
    assert (
        main.main(["import", "--db", tdb, str(bundle), "--trust-new", "--receipts", str(tmp_path / "r")]) == 0
    )
    assert "新增 4 条" in capsys.readouterr().out
    assert main.main(["import", "--db", tdb, str(bundle)]) == 0
    assert "此前已导入" in capsys.readouterr().out
    [receipt] = (tmp_path / "r").glob("GL-receipt-*.zip")
    assert main.main(["import", "--db", wdb, str(receipt), "--trust-new"]) == 0
    assert "已确认" in capsys.readouterr().out
    assert main.main(["trust", "--db", tdb, str(tmp_path / "w.pub"), "--revoke"]) == 0
    assert main.main(["verify", "--db", tdb, str(bundle)]) == 1
    assert "吊销" in capsys.readouterr().err


def test_cli_review_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GRIDLEDGER_PASSWORD", PASSWORD)
    worker = install(tmp_path, "张伟", Level.GRID, "141123100001-01")
    township = install(tmp_path, "李联络", Level.TOWNSHIP, "141123100")
    ids = add_records(worker, "141123100", 1)
    import_bundle(township, build_bundle(worker, tmp_path / "out").path, trust_new=True)
    wdb, tdb = str(worker.db.path), str(township.db.path)
    worker.close()
    township.close()
    clue = str(ids["clue"][0])
    args = ["review", "--db", tdb, "--out", str(tmp_path / "r"), "--return", clue]
    assert main.main([*args, "--comment", f"{clue}:facts=请补充涉及金额", "--accept-pending"]) == 0
    assert "已接收 3 条，退回 1 条" in capsys.readouterr().out
    assert (
        main.main(["review", "--db", tdb, "--out", str(tmp_path / "r"), "--return", clue]) == 2
    )  # no comment
    [review] = (tmp_path / "r").glob("GL-review-*.zip")
    assert main.main(["import", "--db", wdb, str(review)]) == 1  # the liaison's key is not trusted yet
    assert main.main(["import", "--db", wdb, str(review), "--trust-new"]) == 0
    assert "审核结果 4 条，其中退回修改 1 条" in capsys.readouterr().out
    from storage.accounts import sign_in
    from storage.bundle_review import review_notes

    again = sign_in(Path(wdb), PASSWORD)
    try:
        [note] = review_notes(again, ids["clue"][0])
        assert note.comments == {"facts": "请补充涉及金额"}
    finally:
        again.close()


def test_attachments_travel_by_hash(pair: tuple[SignedIn, SignedIn], tmp_path: Path) -> None:
    from storage.attachments import add_attachment, read_attachment

    worker, township = pair
    ids = add_records(worker, "141123100", 1)
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10
    attachment_id = add_attachment(worker.db, worker.actor, "visit", ids["visit"][0], "现场照片.png", photo)
    built = build_bundle(worker, tmp_path / "out")
    assert f"attachments/{sha256_hex(photo)}" in read_zip(built.path)
    assert import_bundle(township, built.path).inserted == 5
    assert read_attachment(township.db, attachment_id) == ("现场照片.png", photo)


def test_every_single_byte_flip_is_refused(pair: tuple[SignedIn, SignedIn], tmp_path: Path) -> None:
    from exports.bundle.verify import verify_bundle

    worker, _ = pair
    add_records(worker, "141123100", 1)
    data = build_bundle(worker, tmp_path / "out").path.read_bytes()
    damaged = tmp_path / "damaged.zip"
    undetected = []
    for index in range(len(data)):
        damaged.write_bytes(flip_byte(data, index))
        try:
            verify_bundle(damaged)
        except RefusedError:
            continue
        undetected.append(index)
    assert undetected == []
