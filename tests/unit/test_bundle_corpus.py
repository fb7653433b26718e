"""A corpus of damaged and hostile bundles: each is refused with its reason and changes nothing."""

from __future__ import annotations

import json
import os
import struct
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exports.bundle import sshsig
from exports.bundle.build import build_bundle, zip_bytes
from exports.bundle.format import DATA, MANIFEST, SIGNATURE, canonical_json, pretty_json, sha256_hex
from exports.bundle.importer import import_bundle
from models.enums import Level
from storage.accounts import SignedIn
from storage.bundle_age import generate_identity
from storage.bundle_records import RefusedError
from storage.trust import export_key_file as export_key
from storage.trust import fingerprint, openssh_line, read_key_file, revoke_keys, signing_key, trust_keys
from tests.e2e.bundles import add_records, forge, install, raw_zip, read_zip, table_counts


@dataclass
class Ctx:
    files: dict[str, bytes]  # the base bundle's entries
    manifest: dict[str, Any]
    key: Ed25519PrivateKey
    other: Ed25519PrivateKey
    revoked_key: Ed25519PrivateKey
    worker: SignedIn

    @property
    def payload(self) -> dict[str, bytes]:
        return {k: v for k, v in self.files.items() if k not in (MANIFEST, SIGNATURE)}

    def data(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.files[DATA])
        return value

    def with_data(self, edit: Callable[[dict[str, Any]], None], fix_counts: bool = True) -> bytes:
        data = self.data()
        edit(data)
        files = {**self.payload, DATA: canonical_json(data)}

        def counts(m: dict[str, Any]) -> None:
            if fix_counts:
                m["counts"] = {k: len(v) for k, v in data["records"].items()}

        return forge(files, self.manifest, self.key, edit=counts)

    def resigned(self, edit: Callable[[dict[str, Any]], None]) -> bytes:
        return forge(self.payload, self.manifest, self.key, edit=edit)

    def signed_raw(self, manifest_bytes: bytes) -> bytes:
        return zip_bytes(
            {MANIFEST: manifest_bytes, SIGNATURE: sshsig.sign(self.key, manifest_bytes), **self.payload}
        )

    def as_key(self, key: Ed25519PrivateKey) -> bytes:
        raw = key.public_key().public_bytes_raw()

        def edit(m: dict[str, Any]) -> None:
            m["public_key"], m["fingerprint"] = openssh_line(raw), fingerprint(raw)

        return forge(self.payload, self.manifest, key, edit=edit)

    def base_with(self, *entries: tuple[zipfile.ZipInfo | str, bytes]) -> bytes:
        return raw_zip([*self.files.items(), *entries])


def _patch_flags(data: bytes, set_bits: int = 0, clear_bits: int = 0) -> bytes:
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = out.find(signature)
        while pos != -1:
            (flags,) = struct.unpack_from("<H", out, pos + offset)
            struct.pack_into("<H", out, pos + offset, (flags | set_bits) & ~clear_bits)
            pos = out.find(signature, pos + 4)
    return bytes(out)


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("attachments/link")
    info.external_attr = 0o120777 << 16
    return info


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return edit


def _drop_subjects(data: dict[str, Any]) -> None:
    data["records"]["subject"] = []


def _foreign(data: dict[str, Any]) -> None:
    data["records"]["visit"][0]["origin"] = str(uuid.uuid4())


def _orphan_event(data: dict[str, Any]) -> None:
    data["records"]["clue_event"][0]["clue_id"] = str(uuid.uuid4())


def _bad_attachment(ctx: Ctx) -> bytes:
    files = {**ctx.payload, "attachments/" + sha256_hex(b"photo"): b"not the photo"}
    return forge(files, ctx.manifest, ctx.key)


def _sealed_elsewhere(ctx: Ctx) -> bytes:
    _, recipient = generate_identity()
    built = build_bundle(ctx.worker, ctx.worker.db.path.parent / "sealed", recipients=[recipient])
    return built.path.read_bytes()


def _truncated(ctx: Ctx) -> bytes:
    whole = zip_bytes(ctx.files)
    return whole[: len(whole) // 2]


def _flip_in_data(ctx: Ctx) -> bytes:
    whole = zip_bytes(ctx.files)
    start = whole.find(b"PK\x03\x04", whole.find(DATA.encode()) - 40) + 30 + len(DATA) + 10
    return whole[:start] + bytes([whole[start] ^ 0xFF]) + whole[start + 1 :]


def _utf8_invalid(ctx: Ctx) -> bytes:
    return ctx.base_with(("é.txt", b"x")).replace("é.txt".encode(), b"\xff\xfe.txt")


def _cp437_name(ctx: Ctx) -> bytes:
    data = ctx.base_with(("é.txt", b"x")).replace("é.txt".encode(), b"\x82\x82.txt")
    return _patch_flags(data, clear_bits=0x800)


CASES: list[tuple[str, str | tuple[str, ...], Callable[[Ctx], bytes]]] = [
    ("random bytes", "not_zip", lambda c: os.urandom(2000)),
    ("truncated archive", "not_zip", _truncated),
    ("no manifest", "missing_file", lambda c: zip_bytes({k: v for k, v in c.files.items() if k != MANIFEST})),
    (
        "no signature",
        "missing_file",
        lambda c: zip_bytes({k: v for k, v in c.files.items() if k != SIGNATURE}),
    ),
    (
        "manifest edited after signing",
        "bad_signature",
        lambda c: zip_bytes({**c.files, MANIFEST: c.files[MANIFEST].replace(b'"full"', b'"FULL"')}),
    ),
    ("signed by another key", "bad_signature", lambda c: forge(c.payload, c.manifest, c.other)),
    ("garbage signature", "bad_signature", lambda c: zip_bytes({**c.files, SIGNATURE: b"not a signature"})),
    ("other namespace", "bad_signature", lambda c: forge(c.payload, c.manifest, c.key, namespace="file")),
    (
        "stale fingerprint",
        "bad_manifest",
        lambda c: forge(
            c.payload,
            c.manifest,
            c.other,
            edit=_set(["public_key"], openssh_line(c.other.public_key().public_bytes_raw())),
        ),
    ),
    ("format version 2", "unsupported_version", lambda c: c.resigned(_set(["format_version"], 2))),
    ("manifest not JSON", "bad_json", lambda c: c.signed_raw(b"{not json")),
    ("manifest bad UTF-8", "bad_utf8", lambda c: c.signed_raw(b'{"format": "\xff"}')),
    ("manifest duplicate key", "bad_json", lambda c: c.signed_raw(b'{"seq": 1, "seq": 2}')),
    (
        "data.json changed",
        "hash_mismatch",
        lambda c: zip_bytes({**c.files, DATA: c.files[DATA].replace(b"1", b"2", 1)}),
    ),
    (
        "data.json missing",
        "missing_file",
        lambda c: zip_bytes({k: v for k, v in c.files.items() if k != DATA}),
    ),
    ("undeclared file", "extra_file", lambda c: zip_bytes({**c.files, "notes.txt": b"hello"})),
    (
        "declared size wrong",
        "size_mismatch",
        lambda c: c.resigned(lambda m: m["files"][0].update(size=m["files"][0]["size"] + 1)),
    ),
    ("dot-dot path", "unsafe_path", lambda c: c.base_with(("../evil.txt", b"x"))),
    ("absolute path", "unsafe_path", lambda c: c.base_with(("/etc/evil", b"x"))),
    ("backslash path", "unsafe_path", lambda c: c.base_with(("..\\evil.txt", b"x"))),
    ("symlink entry", "not_regular_file", lambda c: c.base_with((_symlink(), b"/etc/passwd"))),
    ("duplicate name", "duplicate_name", lambda c: c.base_with((DATA, b"{}"))),
    ("case-folded duplicate", "duplicate_name", lambda c: c.base_with(("DATA.json", b"{}"))),
    ("invalid UTF-8 name", "bad_name_encoding", _utf8_invalid),
    ("undeclared name encoding", "bad_name_encoding", _cp437_name),
    ("zip bomb ratio", "bomb_ratio", lambda c: c.base_with(("attachments/zeros", bytes(8 * 1024 * 1024)))),
    ("too many entries", "too_many_entries", lambda c: raw_zip([(f"a/{i}", b"") for i in range(20_001)])),
    ("zip-encrypted entry", "encrypted_entry", lambda c: _patch_flags(zip_bytes(c.files), set_bits=0x1)),
    ("corrupt compressed data", ("corrupt_entry", "hash_mismatch", "not_zip"), _flip_in_data),
    ("data.json not JSON", "bad_json", lambda c: forge({**c.payload, DATA: b"[1,"}, c.manifest, c.key)),
    ("data.json version 2", "bad_data", lambda c: c.with_data(_set(["format_version"], 2))),
    (
        "unknown record group",
        "bad_data",
        lambda c: c.with_data(_set(["records", "weird"], []), fix_counts=False),
    ),
    (
        "invalid credit code",
        "invalid_record",
        lambda c: c.with_data(
            lambda d: d["records"]["subject"][0].update(kind="enterprise", credit_code="91350100M000100Y44")
        ),
    ),
    (
        "unknown field",
        "bad_record",
        lambda c: c.with_data(lambda d: d["records"]["clue"][0].update(informant="张三")),
    ),
    (
        "wrong date type",
        "bad_record",
        lambda c: c.with_data(lambda d: d["records"]["survey"][0].update(survey_date=20250301)),
    ),
    ("counts disagree", "count_mismatch", lambda c: c.resigned(_set(["counts", "subject"], 99))),
    ("chain: seq 2 without previous", "broken_chain", lambda c: c.resigned(_set(["seq"], 2))),
    ("record from another installation", "foreign_origin", lambda c: c.with_data(_foreign)),
    ("reference to unknown subject", "missing_reference", lambda c: c.with_data(_drop_subjects)),
    ("event of unknown clue", "missing_reference", lambda c: c.with_data(_orphan_event)),
    (
        "unknown township",
        "invalid_record",
        lambda c: c.with_data(lambda d: d["records"]["visit"][0].update(township_code="999999999")),
    ),
    ("attachment not its hash", "hash_mismatch", _bad_attachment),
    ("unknown signer", "untrusted_key", lambda c: c.as_key(c.other)),
    ("revoked signer", "revoked_key", lambda c: c.as_key(c.revoked_key)),
    ("sealed to someone else", "not_recipient", _sealed_elsewhere),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ctx, SignedIn, Path]]:
    tmp = tmp_path_factory.mktemp("corpus")
    worker = install(tmp, "张伟", Level.GRID, "141123100001-01")
    township = install(tmp, "李联络", Level.TOWNSHIP, "141123100")
    add_records(worker, "141123100", 2)
    built = build_bundle(worker, tmp / "out")
    export_key(worker, tmp / "worker.pub")
    trust_keys(township, read_key_file(tmp / "worker.pub"))
    revoked = Ed25519PrivateKey.generate()
    raw = revoked.public_key().public_bytes_raw()
    revoke_keys(township, [entry for entry in _entries(raw)])
    files = read_zip(built.path)
    ctx = Ctx(
        files, json.loads(files[MANIFEST]), signing_key(worker), Ed25519PrivateKey.generate(), revoked, worker
    )
    yield ctx, township, tmp
    worker.close()
    township.close()


def _entries(raw: bytes) -> list[Any]:
    from storage.trust import parse_key_text

    return parse_key_text(openssh_line(raw, "revoked"))


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(("title", "code", "make"), CASES, ids=[c[0] for c in CASES])
def test_hostile_bundle_is_refused_and_changes_nothing(
    corpus: tuple[Ctx, SignedIn, Path], title: str, code: str | tuple[str, ...], make: Callable[[Ctx], bytes]
) -> None:
    ctx, township, tmp = corpus
    path = tmp / f"GL-grid-141123100001-01-20250301-{abs(hash(title)) % 1000:03d}.zip"
    path.write_bytes(make(ctx))
    before = table_counts(township)
    with pytest.raises(RefusedError) as refused:
        import_bundle(township, path)
    codes = code if isinstance(code, tuple) else (code,)
    assert refused.value.code in codes, str(refused.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(refused.value))  # a Chinese reason
    assert table_counts(township) == before


def test_the_untouched_base_bundle_imports(corpus: tuple[Ctx, SignedIn, Path]) -> None:
    ctx, township, tmp = corpus
    path = tmp / "base.zip"
    path.write_bytes(zip_bytes(ctx.files))
    outcome = import_bundle(township, path)
    assert outcome.inserted == 2 * 4 and not outcome.conflicts
    assert pretty_json(ctx.manifest) == ctx.files[MANIFEST]
