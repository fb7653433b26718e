"""`import`: verify a bundle against this installation's trust list, open it if sealed, apply it."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from exports.bundle.format import ATTACHMENT_DIR, BundleError, sha256_hex
from exports.bundle.verify import Verified, verify_bundle
from storage.accounts import SignedIn
from storage.bundle_import import (
    ImportOutcome,
    IncomingBundle,
    Typed,
    already_imported,
    apply_bundle,
    validate_bundle,
)
from storage.errors import UserFacingError
from storage.trust import PublicKeyEntry, age_identity, parse_key_text, trust_status, trusted_rows


def db_trust(signed: SignedIn) -> dict[str, str]:
    """Every key in the trust list with its status (looked up once, outside the import transaction)."""
    with signed.db.reader() as session:
        return {row.fingerprint: trust_status(session, row.fingerprint) for row in trusted_rows(session)}


def verify_for(signed: SignedIn, path: Path) -> Verified:
    """Verifies against this installation's trust list, opening a bundle sealed to it."""
    known = db_trust(signed)
    return verify_bundle(path, trust=lambda fp: known.get(fp, "unknown"), identity=age_identity(signed))


def incoming_of(verified: Verified, trust_new: bool) -> IncomingBundle:
    if verified.files is None or verified.data is None:
        raise BundleError("not_recipient", "数据包已加密，但本机不是收件人，无法导入")
    m, producer = verified.manifest, verified.producer
    blobs = {
        path.removeprefix(ATTACHMENT_DIR): data
        for path, data in verified.files.items()
        if path.startswith(ATTACHMENT_DIR)
    }
    for sha, data in blobs.items():
        # The name is the content's hash; the manifest already vouched for the bytes.
        if sha256_hex(data) != sha:
            raise BundleError("hash_mismatch", f"附件 {sha[:12]} 的内容与文件名不符")
    trust = None
    if trust_new:
        entry = parse_key_text(m["public_key"])[0]
        trust = PublicKeyEntry(
            entry.public_line, entry.fingerprint, None, f"{producer['unit_code']} {producer['person']}"
        )
    return IncomingBundle(
        manifest_sha256=verified.manifest_sha256,
        name=str(m["name"]),
        fingerprint=verified.fingerprint,
        installation_id=uuid.UUID(producer["installation_id"]),
        unit_code=str(producer["unit_code"]),
        level=str(producer["level"]),
        seq=int(m["seq"]),
        previous_sha256=m.get("previous_bundle_sha256"),
        period_to=_when(m["period"]["to"]),
        counts=dict(m["counts"]),
        records=verified.data["records"],
        sources={str(k): str(v) for k, v in verified.data.get("sources", {}).items()},
        carried_origins={
            sha: uuid.UUID(worker["producer"]["installation_id"]) for sha, worker in verified.carried.items()
        },
        blobs=blobs,
        manifest=verified.manifest_bytes,
        signature=verified.signature,
        trust=trust,
    )


def _when(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BundleError("bad_manifest", "清单中的期间时间格式不正确") from None
    if value.tzinfo is None:
        raise BundleError("bad_manifest", "清单中的期间时间缺少时区")
    return value


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """An import allocates a few hundred thousand small objects that all live until it ends; collecting
    them mid-way only costs time (about 15 %)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _prepare(signed: SignedIn, path: Path, trust_new: bool) -> tuple[IncomingBundle, Typed] | ImportOutcome:
    """Everything before the write transaction: verify, trust, parse and validate (no lock held)."""
    verified = verify_for(signed, path)
    if already_imported(signed.db, verified.manifest_sha256):
        return ImportOutcome(str(verified.manifest["name"]), verified.manifest_sha256, already=True)
    if verified.trust != "trusted" and not trust_new:
        raise BundleError(
            "untrusted_key",
            f"制作方公钥未受信任（指纹 {verified.fingerprint}，{verified.producer['unit_code']} "
            f"{verified.producer['person']}）：核对指纹无误后可加 --trust-new 导入",
        )
    incoming = incoming_of(verified, trust_new and verified.trust != "trusted")
    return incoming, validate_bundle(incoming)


def import_bundle(signed: SignedIn, path: Path, *, trust_new: bool = False) -> ImportOutcome:
    """Verifies and imports one bundle. An unknown key is refused unless `trust_new` (the user compared
    the printed fingerprint); a revoked key, a bad signature or any damage is always refused."""
    with gc_paused():
        prepared = _prepare(signed, path, trust_new)
        if isinstance(prepared, ImportOutcome):
            return prepared
        return apply_bundle(signed.db, signed.actor, *prepared)


def import_bundles(
    signed: SignedIn, paths: Sequence[Path], *, trust_new: bool = False
) -> Iterator[tuple[Path, ImportOutcome | UserFacingError]]:
    """Imports bundles in order, each on its own (a refused one does not stop the others). The next bundle
    is verified and validated in a helper thread while the current one is written: SQLite releases the
    interpreter lock while it works, so on two cores the two overlap."""
    if not paths:
        return
    with gc_paused(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-verify") as pool:
        pending = pool.submit(_prepare, signed, paths[0], trust_new)
        for index, path in enumerate(paths):
            current = pending
            if index + 1 < len(paths):
                pending = pool.submit(_prepare, signed, paths[index + 1], trust_new)
            try:
                prepared = current.result()
                if isinstance(prepared, ImportOutcome):
                    yield path, prepared
                else:
                    yield path, apply_bundle(signed.db, signed.actor, *prepared)
            except UserFacingError as exc:
                yield path, exc
