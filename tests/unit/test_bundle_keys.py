"""Installation keys, key files, the trust list, and SSHSIG checked by the stock ssh-keygen."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from exports.bundle import sshsig
from exports.bundle.build import build_bundle
from exports.bundle.format import MANIFEST, SIGNATURE
from models.bundles import InstallationKey
from models.enums import Level
from storage.accounts import SignedIn, sign_in
from storage.bundle_age import recipient_of
from storage.errors import UserFacingError
from storage.trust import (
    age_identity,
    age_recipient,
    export_key_file,
    list_trusted,
    own_fingerprint,
    own_public_line,
    parse_key_text,
    read_key_file,
    revoke_keys,
    signing_key,
    trust_keys,
)
from tests.e2e.bundles import PASSWORD, add_records, install, read_zip


@pytest.fixture
def grid(tmp_path: Path) -> Iterator[SignedIn]:
    signed = install(tmp_path, "张伟", Level.GRID, "141123100001-01")
    yield signed
    signed.close()


def test_keys_are_made_once_sealed_and_survive_sign_in(grid: SignedIn) -> None:
    fp = own_fingerprint(grid)
    assert fp.startswith("SHA256:") and len(fp) == 7 + 43
    private = signing_key(grid).private_bytes_raw()
    with grid.db.reader() as session:
        row = session.get(InstallationKey, "ed25519")
        assert row is not None and private not in row.private_sealed
    again = sign_in(grid.db.path, PASSWORD)
    try:
        assert own_fingerprint(again) == fp
        assert age_recipient(again) == recipient_of(age_identity(again)) == age_recipient(grid)
    finally:
        again.close()


def test_fingerprint_matches_ssh_keygen(grid: SignedIn, tmp_path: Path) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen not installed")
    pub = tmp_path / "k.pub"
    pub.write_text(own_public_line(grid) + "\n", encoding="utf-8")
    out = subprocess.run(["ssh-keygen", "-lf", str(pub)], capture_output=True, text=True, check=True).stdout
    assert own_fingerprint(grid) in out


def test_key_file_round_trip_trust_and_revoke(grid: SignedIn, tmp_path: Path) -> None:
    township = install(tmp_path, "李联络", Level.TOWNSHIP, "141123100")
    try:
        key_file = tmp_path / "grid.pub"
        export_key_file(grid, key_file)
        [entry] = read_key_file(key_file)
        assert entry.fingerprint == own_fingerprint(grid)
        assert entry.age_recipient == age_recipient(grid)
        trust_keys(township, [entry])
        [row] = list_trusted(township)
        assert row.fingerprint == entry.fingerprint and row.revoked_at is None
        revoke_keys(township, [entry])
        assert list_trusted(township)[0].revoked_at is not None
        trust_keys(township, [entry])  # trusting again is an explicit decision
        assert list_trusted(township)[0].revoked_at is None
    finally:
        township.close()


@pytest.mark.parametrize(
    "text",
    ["", "# only a comment\n", "ssh-rsa AAAAB3NzaC1yc2E= x\n", "ssh-ed25519 !!!notbase64\n", "age1xyz\n"],
)
def test_bad_key_files_are_refused(text: str) -> None:
    with pytest.raises(UserFacingError):
        parse_key_text(text)


def test_signature_tampering_is_detected(grid: SignedIn) -> None:
    key = signing_key(grid)
    sig = sshsig.sign(key, b"abc")
    assert sshsig.verify(sig, b"abc") == key.public_key().public_bytes_raw()
    for message, signature, namespace in (
        (b"abd", sig, sshsig.NAMESPACE),
        (b"abc", sig, "file"),
        (b"abc", sig.replace(b"A", b"B", 1), sshsig.NAMESPACE),
        (b"abc", b"garbage", sshsig.NAMESPACE),
    ):
        with pytest.raises(sshsig.SignatureError):
            sshsig.verify(signature, message, namespace)


def test_stock_ssh_keygen_verifies_a_bundle_manifest(grid: SignedIn, tmp_path: Path) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen not installed")
    add_records(grid, "141123100", 1)
    built = build_bundle(grid, tmp_path / "out")
    files = read_zip(built.path)
    (tmp_path / "manifest.json").write_bytes(files[MANIFEST])
    (tmp_path / "manifest.sig").write_bytes(files[SIGNATURE])
    (tmp_path / "allowed_signers").write_text(f"grid {own_public_line(grid)}\n", encoding="utf-8")
    cmd = ["ssh-keygen", "-Y", "verify", "-f", "allowed_signers", "-I", "grid", "-n", "gridledger-bundle"]
    ok = subprocess.run(
        [*cmd, "-s", "manifest.sig"], input=files[MANIFEST], cwd=tmp_path, capture_output=True
    )
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "manifest.json").write_bytes(files[MANIFEST].replace(b'"seq": 1', b'"seq": 2'))
    bad = subprocess.run(
        [*cmd, "-s", "manifest.sig"],
        input=(tmp_path / "manifest.json").read_bytes(),
        cwd=tmp_path,
        capture_output=True,
    )
    assert bad.returncode != 0
