"""This installation's keys and the producers it trusts (DESIGN §4).

Each installation holds an Ed25519 key pair that signs its bundles and an X25519 (age) identity that
receives sealed bundles. Both are made on first need — installations set up before bundles existed get them
the first time they sign or receive. The private halves are sealed with AES-GCM under a key derived from the
database key (itself wrapped under the users' passwords). Public keys travel as OpenSSH lines
(`ssh-ed25519 AAAA… comment`); a fingerprint is written `SHA256:<base64>` as OpenSSH shows it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from cryptography.x509.oid import NameOID
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utc_now
from models.bundles import InstallationKey, TrustedKey
from storage.accounts import SignedIn
from storage.bundle_age import check_recipient, generate_identity
from storage.errors import UserFacingError
from storage.files import write_atomically
from storage.keys import derive_subkey

ED25519 = "ssh-ed25519"
SIGNING_KIND = "ed25519"
SEALING_KIND = "x25519"
PADES_KIND = "pades"  # ECDSA P-256 key and self-signed certificate that sign the bundle's PDFs (PAdES)


# --- OpenSSH wire encoding -------------------------------------------------------------------------------


def ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def read_ssh_string(buf: bytes, pos: int) -> tuple[bytes, int]:
    """One length-prefixed string at `pos`; raises ValueError when the buffer is too short."""
    if pos + 4 > len(buf):
        raise ValueError("truncated")
    (length,) = struct.unpack(">I", buf[pos : pos + 4])
    end = pos + 4 + length
    if end > len(buf):
        raise ValueError("truncated")
    return buf[pos + 4 : end], end


def public_blob(raw: bytes) -> bytes:
    return ssh_string(ED25519.encode()) + ssh_string(raw)


def parse_public_blob(blob: bytes) -> bytes:
    kind, pos = read_ssh_string(blob, 0)
    raw, pos = read_ssh_string(blob, pos)
    if kind != ED25519.encode() or len(raw) != 32 or pos != len(blob):
        raise ValueError("not an ssh-ed25519 key")
    return raw


def fingerprint(raw: bytes) -> str:
    digest = hashlib.sha256(public_blob(raw)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def openssh_line(raw: bytes, comment: str = "") -> str:
    line = f"{ED25519} {base64.b64encode(public_blob(raw)).decode('ascii')}"
    return f"{line} {comment}" if comment else line


def parse_openssh_line(line: str) -> bytes:
    """The raw 32-byte key of an `ssh-ed25519 AAAA… [comment]` line."""
    parts = line.strip().split()
    if len(parts) < 2 or parts[0] != ED25519:
        raise UserFacingError("公钥格式不正确：应为 ssh-ed25519 开头的一行")
    try:
        return parse_public_blob(base64.b64decode(parts[1], validate=True))
    except ValueError:
        raise UserFacingError("公钥内容已损坏，无法解析") from None


# --- this installation's own keys ----------------------------------------------------------------------


def _aead(signed: SignedIn) -> AESGCM:
    return AESGCM(derive_subkey(signed._db_key, "signing key v1"))


def _own_key(signed: SignedIn, kind: str) -> tuple[str, bytes]:
    """(public, private) of `kind`, made and stored on first need."""
    with signed.db.reader() as session:
        existing = session.get(InstallationKey, kind)
        if existing is not None:
            return existing.public_key, _unseal(signed, kind, existing.private_sealed)
    with signed.db.writer() as session:
        row = session.get(InstallationKey, kind)
        if row is None:
            if kind == SIGNING_KIND:
                key = Ed25519PrivateKey.generate()
                private = key.private_bytes_raw()
                public = openssh_line(key.public_key().public_bytes_raw(), _comment(signed))
            elif kind == PADES_KIND:
                key_der, cert_der = _new_pdf_certificate(signed)
                private = ssh_string(key_der) + ssh_string(cert_der)
                public = "SHA256:" + hashlib.sha256(cert_der).hexdigest()
            else:
                secret, public = generate_identity()
                private = secret.encode("ascii")
            nonce = secrets.token_bytes(12)
            sealed = nonce + _aead(signed).encrypt(nonce, private, kind.encode())
            row = InstallationKey(kind=kind, public_key=public, private_sealed=sealed)
            session.add(row)
            return public, private
        return row.public_key, _unseal(signed, kind, row.private_sealed)


def _unseal(signed: SignedIn, kind: str, blob: bytes) -> bytes:
    try:
        return _aead(signed).decrypt(blob[:12], blob[12:], kind.encode())
    except InvalidTag:
        raise UserFacingError("本机私钥无法解开：密钥数据已损坏") from None


def _comment(signed: SignedIn) -> str:
    return f"gridledger:{signed.unit_code}:{signed.actor.display_name}"


def signing_key(signed: SignedIn) -> Ed25519PrivateKey:
    _, private = _own_key(signed, SIGNING_KIND)
    return Ed25519PrivateKey.from_private_bytes(private)


def own_public_line(signed: SignedIn) -> str:
    return _own_key(signed, SIGNING_KIND)[0]


def own_fingerprint(signed: SignedIn) -> str:
    raw = signing_key(signed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return fingerprint(raw)


def age_identity(signed: SignedIn) -> str:
    """The secret `AGE-SECRET-KEY-1…` that opens bundles sealed to this installation."""
    return _own_key(signed, SEALING_KIND)[1].decode("ascii")


def age_recipient(signed: SignedIn) -> str:
    return _own_key(signed, SEALING_KIND)[0]


def pdf_credentials(signed: SignedIn) -> tuple[bytes, bytes]:
    """(PKCS#8 private key, X.509 certificate), both DER, of this installation's PDF-signing identity."""
    blob = _own_key(signed, PADES_KIND)[1]
    key_der, pos = read_ssh_string(blob, 0)
    cert_der, _ = read_ssh_string(blob, pos)
    return key_der, cert_der


def _new_pdf_certificate(signed: SignedIn) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{signed.unit_name} {signed.actor.display_name}"[:64]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, signed.unit_code),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "网格防非台账"),
        ]
    )
    now = utc_now()
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    key_der = key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    return key_der, cert.public_bytes(Encoding.DER)


# --- key files -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicKeyEntry:
    """One producer's keys as read from a key file."""

    public_line: str
    fingerprint: str
    age_recipient: str | None
    label: str
    revoked: bool = False


def key_file_text(signed: SignedIn) -> str:
    """`key --export`: the OpenSSH public key line, then the age recipient for sealing to this unit."""
    line = own_public_line(signed)
    return (
        f"# 网格防非台账公钥：{signed.unit_name}（{signed.unit_code}）{signed.actor.display_name}\n"
        f"# 指纹 {own_fingerprint(signed)}\n{line}\n{age_recipient(signed)}\n"
    )


def export_key_file(signed: SignedIn, path: Path) -> None:
    write_atomically(path, key_file_text(signed).encode("utf-8"))


def parse_key_text(text: str) -> list[PublicKeyEntry]:
    """Key lines in a file: `ssh-ed25519 …` (optionally `@revoked ssh-ed25519 …`), each optionally followed
    by its `age1…` recipient line; `#` starts a comment."""
    entries: list[PublicKeyEntry] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("age1"):
            if not entries or entries[-1].age_recipient is not None:
                raise UserFacingError("密钥文件格式不正确：age 收件人公钥前缺少对应的签名公钥")
            last = entries.pop()
            entries.append(
                PublicKeyEntry(
                    last.public_line, last.fingerprint, check_recipient(line), last.label, last.revoked
                )
            )
            continue
        revoked = line.startswith("@revoked")
        if revoked:
            line = line.removeprefix("@revoked").strip()
        raw = parse_openssh_line(line)
        parts = line.split(maxsplit=2)
        label = parts[2] if len(parts) > 2 else ""
        entries.append(PublicKeyEntry(openssh_line(raw, label), fingerprint(raw), None, label, revoked))
    if not entries:
        raise UserFacingError("文件中没有找到公钥")
    return entries


def read_key_file(path: Path) -> list[PublicKeyEntry]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserFacingError(f"无法读取密钥文件 {path.name}：{exc}") from None
    return parse_key_text(text)


# --- trusted producers ---------------------------------------------------------------------------------


def add_trusted(session: Session, entry: PublicKeyEntry) -> TrustedKey:
    """Trusts a key (again, if it was revoked: adding a key is an explicit decision)."""
    row = session.get(TrustedKey, entry.fingerprint)
    if row is None:
        row = TrustedKey(
            fingerprint=entry.fingerprint,
            public_key=entry.public_line,
            age_recipient=entry.age_recipient,
            label=entry.label[:200],
        )
        session.add(row)
    else:
        row.revoked_at = None
        if entry.age_recipient:
            row.age_recipient = entry.age_recipient
    return row


def trust_keys(signed: SignedIn, entries: list[PublicKeyEntry]) -> None:
    with signed.db.writer() as session:
        for entry in entries:
            add_trusted(session, entry)


def revoke_keys(signed: SignedIn, entries: list[PublicKeyEntry]) -> None:
    """Marks keys revoked; a key never seen is added as revoked, so its bundles are refused from now on."""
    with signed.db.writer() as session:
        for entry in entries:
            row = session.get(TrustedKey, entry.fingerprint) or add_trusted(session, entry)
            row.revoked_at = row.revoked_at or utc_now()


def trust_status(session: Session, fp: str) -> str:
    """`trusted`, `revoked` or `unknown`."""
    row = session.get(TrustedKey, fp)
    if row is None:
        return "unknown"
    return "revoked" if row.revoked_at is not None else "trusted"


def trusted_rows(session: Session) -> list[TrustedKey]:
    return list(session.scalars(select(TrustedKey).order_by(TrustedKey.added_at)))


def list_trusted(signed: SignedIn) -> list[TrustedKey]:
    with signed.db.reader() as session:
        return list(session.scalars(select(TrustedKey).order_by(TrustedKey.added_at)))


def trusted_recipients(session: Session) -> list[str]:
    rows = session.scalars(
        select(TrustedKey.age_recipient).where(
            TrustedKey.revoked_at.is_(None), TrustedKey.age_recipient.is_not(None)
        )
    )
    return [r for r in rows if r]
