"""Worker -> township -> county with real files: three grid workers in two townships.

Workers bundle (sealed to their township and the county), liaisons import and send receipts, one record
is returned with a comment and fixed, liaisons compile township bundles carrying the workers' manifests,
the county imports both: every record once, with provenance. Re-importing changes nothing; flipping any
byte of any bundle makes verify and import refuse it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from exports.bundle.build import BuiltBundle, build_bundle
from exports.bundle.format import DATA, MANIFEST, PAYLOAD, PROVENANCE_DIR
from exports.bundle.importer import import_bundle, verify_for
from exports.bundle.review import apply_message, write_receipt, write_review
from exports.bundle.verify import verify_bundle
from models.bundles import RecordProvenance
from models.enums import Level, ReviewStatus
from models.records import ClueRecord, SubjectRecord, SurveyRecord, VisitRecord
from storage.accounts import SignedIn
from storage.bundle_age import decrypt
from storage.bundle_export import STATUS_CONFIRMED, outgoing_log
from storage.bundle_records import RefusedError
from storage.bundle_review import Decision, pending_reviews, review_notes
from storage.services import update_record
from storage.trust import age_identity, age_recipient, export_key_file, read_key_file, trust_keys
from tests.e2e.bundles import add_records, flip_byte, read_zip, table_counts
from tests.e2e.bundles import install as make

RECORD_MODELS = (SubjectRecord, SurveyRecord, ClueRecord, VisitRecord)


def _trust(receiver: SignedIn, producer: SignedIn, tmp: Path) -> None:
    key = tmp / f"{producer.actor.origin}.pub"
    export_key_file(producer, key)
    trust_keys(receiver, read_key_file(key))


@pytest.fixture
def people(tmp_path: Path) -> Iterator[dict[str, SignedIn]]:
    who = {
        "w1": make(tmp_path, "张伟", Level.GRID, "141123100001-01"),
        "w2": make(tmp_path, "王芳", Level.GRID, "141123100002-01"),
        "w3": make(tmp_path, "刘洋", Level.GRID, "141123101001-01"),
        "t1": make(tmp_path, "李联络", Level.TOWNSHIP, "141123100"),
        "t2": make(tmp_path, "赵联络", Level.TOWNSHIP, "141123101"),
        "county": make(tmp_path, "县管理员", Level.COUNTY, "141123"),
    }
    yield who
    for signed in who.values():
        signed.close()


def test_worker_to_township_to_county(people: dict[str, SignedIn], tmp_path: Path) -> None:
    w1, w2, w3, t1, t2, county = (people[k] for k in ("w1", "w2", "w3", "t1", "t2", "county"))
    township_of = {"w1": t1, "w2": t1, "w3": t2}
    for name, township in township_of.items():
        _trust(township, people[name], tmp_path)  # liaisons trust their workers' keys
        _trust(people[name], township, tmp_path)  # workers trust their liaison (reviews, receipts)
    _trust(county, t1, tmp_path)
    _trust(county, t2, tmp_path)
    for name, code in (("w1", "141123100"), ("w2", "141123100"), ("w3", "141123101")):
        add_records(people[name], code, 2, tag=name)

    # 1. Workers bundle, sealed to their township and the county.
    out = tmp_path / "outbox"
    first: dict[str, BuiltBundle] = {}
    for name, township in township_of.items():
        recipients = [age_recipient(township), age_recipient(county)]
        first[name] = build_bundle(people[name], out / name, recipients=recipients)
        assert first[name].sealed
    # The county (a recipient) can open a worker bundle too; a third party cannot.
    assert verify_for(county, first["w1"].path).files is not None
    with pytest.raises(RefusedError):
        decrypt(read_zip(first["w1"].path)[PAYLOAD], age_identity(w3))

    # 2. Liaisons import, with receipts that the workers import.
    receipts = tmp_path / "receipts"
    for name, township in township_of.items():
        outcome = import_bundle(township, first[name].path)
        assert outcome.inserted == 8 and not outcome.conflicts
        print(apply_message(people[name], write_receipt(township, receipts, outcome)))
        assert outgoing_log(people[name])[0].status == STATUS_CONFIRMED

    # 3. The liaison returns one of 张伟's clues with a comment; the worker fixes it.
    with w1.db.reader() as session:
        clue_id = session.scalars(select(ClueRecord.id).order_by(ClueRecord.id)).first()
    assert clue_id is not None
    review = write_review(
        t1, tmp_path / "reviews", [Decision(clue_id, ReviewStatus.RETURNED, {"facts": "请补充涉及金额"})]
    )
    apply_message(w1, review)
    assert apply_message(w1, review).endswith("此前已导入")  # idempotent
    [note] = review_notes(w1, clue_id)
    assert note.verdict == "returned" and note.comments == {"facts": "请补充涉及金额"}
    update_record(
        w1.db,
        w1.actor,
        "clue",
        clue_id,
        {"facts": "以高息为诱饵吸收资金，涉及金额约30万元", "amount_fen": 30_000_000},
    )
    second = build_bundle(
        w1, out / "w1", since_last=True, recipients=[age_recipient(t1), age_recipient(county)]
    )
    assert second.counts["clue"] == 1 and second.counts["subject"] == 1  # the clue, and its subject
    outcome = import_bundle(t1, second.path)
    assert outcome.updated == 1 and outcome.unchanged == 2  # its subject and its first event
    with t1.db.reader() as session:
        fixed = session.get(ClueRecord, clue_id)
        assert fixed is not None and fixed.revision == 2 and fixed.review_status is ReviewStatus.PENDING

    # 4. Liaisons accept what is pending and compile their township bundles for the county.
    township_bundles = []
    for township in (t1, t2):
        write_review(
            township,
            tmp_path / "reviews",
            [Decision(i, ReviewStatus.ACCEPTED, {}) for i in pending_reviews(township)],
        )
        built = build_bundle(township, out / township.unit_code, recipients=[age_recipient(county)])
        township_bundles.append(built)

    # 5. The county verifies every signature inside and imports both township bundles.
    for built in township_bundles:
        verified = verify_for(county, built.path)
        assert verified.trust == "trusted" and verified.files is not None
        assert len(verified.carried) == (3 if built is township_bundles[0] else 1)  # w1 twice, w2; w3
        coverage = json.loads(verified.files[DATA])["coverage"]
        assert coverage["received"] >= 1 and any(r["status"] == "已收到" for r in coverage["rows"])
        assert any(p.startswith(PROVENANCE_DIR) and p.endswith(MANIFEST) for p in verified.files)
        outcome = import_bundle(county, built.path)
        assert not outcome.conflicts and outcome.inserted > 0
    with county.db.reader() as session:
        for model in RECORD_MODELS:
            assert session.scalar(select(func.count()).select_from(model)) == 3 * 2  # every record, once
        county_clue = session.get(ClueRecord, clue_id)
        assert county_clue is not None and county_clue.revision == 2 and county_clue.informant_sealed is None
        provenance = session.scalars(
            select(RecordProvenance).where(RecordProvenance.record_id == clue_id)
        ).all()
        assert [p.source_bundle_sha256 for p in provenance] == [second.manifest_sha256]
        origins = set(session.scalars(select(SubjectRecord.origin)))
        assert origins == {w1.actor.origin, w2.actor.origin, w3.actor.origin}
        unattributed = session.scalar(
            select(func.count())
            .select_from(SurveyRecord)
            .where(SurveyRecord.id.not_in(select(RecordProvenance.record_id)))
        )
        assert unattributed == 0

    # 6. Re-importing anything changes nothing.
    everything = [(county, b.path) for b in township_bundles]
    everything += [(township_of[n], first[n].path) for n in first] + [(t1, second.path)]
    for receiver, path in everything:
        before = table_counts(receiver)
        assert import_bundle(receiver, path).already
        assert table_counts(receiver) == before

    # 7. Flipping any byte of any bundle makes verify and import refuse it.
    for receiver, path in everything:
        data = path.read_bytes()
        fresh_positions = {0, 10, 40, len(data) // 3, len(data) // 2, len(data) - 30, len(data) - 1}
        fresh_positions |= {data.find(b"manifest.json") + 20, data.find(b"payload.age") - 5}
        for index in sorted(p for p in fresh_positions if 0 <= p < len(data)):
            damaged = tmp_path / f"flipped-{uuid.uuid4().hex[:6]}.zip"
            damaged.write_bytes(flip_byte(data, index))
            with pytest.raises(RefusedError):
                verify_bundle(damaged, identity=age_identity(receiver))
            before = table_counts(receiver)
            with pytest.raises(RefusedError):
                import_bundle(receiver, damaged)
            assert table_counts(receiver) == before
