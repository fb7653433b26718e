"""Making a bundle: collect, write data.json and extras, sign the manifest, optionally seal, write atomically.

build_bundle(signed, Path("out"), since_last=True, recipients=["age1…"])
"""

from __future__ import annotations

import io
import logging
import uuid
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exports.bundle import sshsig
from exports.bundle.format import (
    ATTACHMENT_DIR,
    COVERAGE_CSV,
    DATA,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    PAYLOAD,
    PROVENANCE_DIR,
    SIGNATURE,
    bundle_name,
    canonical_json,
    pretty_json,
    sha256_hex,
)
from models.enums import Level
from models.version import APP_VERSION
from storage.accounts import SignedIn
from storage.bundle_age import encrypt
from storage.bundle_coverage import coverage, coverage_csv
from storage.bundle_export import Outgoing, collect, log_outgoing
from storage.files import atomic_output
from storage.trust import own_fingerprint, own_public_line, pdf_credentials, signing_key

log = logging.getLogger(__name__)

# An extra step adds files meant for people (workbook, PDFs); it gets the records the bundle carries.
ExtraStep = Callable[[SignedIn, Outgoing], dict[str, bytes]]


@dataclass(frozen=True)
class BuiltBundle:
    path: Path
    name: str
    manifest_sha256: str
    counts: dict[str, int]
    sealed: bool
    skipped_extras: tuple[str, ...] = ()


def office_files(signed: SignedIn, out: Outgoing) -> dict[str, bytes]:
    """`<unit>台账.xlsx`, `走访记录.pdf` and `台账.pdf` of the records in this bundle, from exports.api; the
    PDFs carry a PAdES signature with this installation's certificate."""
    from exports.api import export_bytes
    from exports.bundle.pades import sign_pdf
    from exports.context import ExportFilter

    ids = {uuid.UUID(r["id"]) for kind in ("survey", "clue", "visit") for r in out.records[kind]}
    flt = ExportFilter(record_ids=ids)
    db, actor = signed.db, signed.actor
    key_der, cert_der = pdf_credentials(signed)
    reason = f"{signed.unit_name} 报送（网格防非台账）"
    return {
        f"{signed.unit_name}台账.xlsx".replace(" ", ""): export_bytes(db, actor, "all", "xlsx", flt),
        "走访记录.pdf": sign_pdf(export_bytes(db, actor, "visits", "pdf", flt), key_der, cert_der, reason),
        "台账.pdf": sign_pdf(export_bytes(db, actor, "clues", "pdf", flt), key_der, cert_der, reason),
    }


def build_bundle(
    signed: SignedIn,
    out_dir: Path,
    *,
    since_last: bool = False,
    recipients: Sequence[str] = (),
    extras: Sequence[ExtraStep] = (),
    extra_data: Callable[[SignedIn], dict[str, Any]] | None = None,
) -> BuiltBundle:
    """Writes `GL-<level>-<unit>-<yyyymmdd>-<seq>.zip` into `out_dir` and logs it as sent.

    `recipients` are age recipients (`age1…`); with any, everything except the manifest and its signature
    travels in `payload.age`. `extra_data` adds sections to data.json (a township's coverage sheet)."""
    out = collect(signed, since_last=since_last)
    actor = signed.actor
    data: dict[str, Any] = {"format_version": FORMAT_VERSION, "records": out.records, "sources": out.sources}
    if extra_data is not None:
        data.update(extra_data(signed))
    files: dict[str, bytes] = {}
    if actor.level is Level.TOWNSHIP:
        # The roll-up's coverage sheet: grids and workers expected against bundles received.
        data["coverage"] = coverage(signed)
        files[COVERAGE_CSV] = coverage_csv(data["coverage"])
    files[DATA] = canonical_json(data)
    for sha, blob in out.blobs.items():
        files[ATTACHMENT_DIR + sha] = blob
    carries = []
    for sha, (manifest_bytes, signature_bytes) in out.carried.items():
        files[f"{PROVENANCE_DIR}{sha}/{MANIFEST}"] = manifest_bytes
        files[f"{PROVENANCE_DIR}{sha}/{SIGNATURE}"] = signature_bytes
        carries.append(sha)
    skipped: list[str] = []
    for step in extras:
        try:
            files.update(step(signed, out))
        except Exception as exc:  # a workbook problem must not stop the submission itself
            log.warning("bundle extra %s failed: %s", getattr(step, "__name__", step), exc)
            skipped.append(f"{getattr(step, '__name__', 'extra')}: {exc}")

    name = bundle_name(actor.level.value, signed.unit_code, out.period_to.date(), out.seq)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bundle_id": str(uuid.uuid4()),
        "name": name,
        "kind": "since_last" if out.period_from is not None else "full",
        "seq": out.seq,
        "previous_bundle_sha256": out.previous_sha256,
        "producer": {
            "installation_id": str(actor.origin),
            "person": actor.display_name,
            "login": actor.login,
            "unit_code": signed.unit_code,
            "unit_name": signed.unit_name,
            "level": actor.level.value,
            "app_version": APP_VERSION,
        },
        "public_key": own_public_line(signed),
        "fingerprint": own_fingerprint(signed),
        "period": {
            "from": out.period_from.isoformat() if out.period_from else None,
            "to": out.period_to.isoformat(),
        },
        "counts": out.counts(),
        "files": [{"path": p, "sha256": sha256_hex(b), "size": len(b)} for p, b in sorted(files.items())],
        "carries": carries,
        "sealed": None,
    }
    outer = files
    if recipients:
        payload = encrypt(zip_bytes(files, compress=True), list(recipients))
        manifest["sealed"] = {
            "path": PAYLOAD,
            "sha256": sha256_hex(payload),
            "size": len(payload),
            "recipients": sorted(recipients),
        }
        outer = {PAYLOAD: payload}
    manifest_bytes = pretty_json(manifest)
    signature = sshsig.sign(signing_key(signed), manifest_bytes)
    path = out_dir / name
    with atomic_output(path) as handle:
        write_zip(handle, {MANIFEST: manifest_bytes, SIGNATURE: signature, **outer})
    manifest_sha = sha256_hex(manifest_bytes)
    log_outgoing(
        signed,
        {
            "manifest_sha256": manifest_sha,
            "name": name,
            "producer_fingerprint": manifest["fingerprint"],
            "producer_installation": actor.origin,
            "producer_unit": signed.unit_code,
            "level": actor.level.value,
            "seq": out.seq,
            "previous_sha256": out.previous_sha256,
            "period_to": out.period_to,
            "counts": manifest["counts"],
            "manifest": manifest_bytes,
            "signature": signature,
        },
    )
    return BuiltBundle(path, name, manifest_sha, manifest["counts"], bool(recipients), tuple(skipped))


def write_zip(handle: Any, files: dict[str, bytes], *, compress: bool = False) -> None:
    """The one way bundles are zipped. Outer archives are stored uncompressed, so every byte is either a
    header that safezip.check_layout pins down or signed content (deflate streams have slack bits that can
    flip unnoticed); a sealed payload is compressed inside, where age's authentication covers every byte."""
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(handle, "w", compression=method, compresslevel=6) as zf:
        for path, data in files.items():
            info = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.create_system = 3  # the same bytes on Windows and Linux (safezip.check_layout)
            info.compress_type = method
            zf.writestr(info, data)


def zip_bytes(files: dict[str, bytes], *, compress: bool = False) -> bytes:
    buffer = io.BytesIO()
    write_zip(buffer, files, compress=compress)
    return buffer.getvalue()
