"""The database key and how it is kept.

The database is encrypted by SQLCipher with a random 32-byte key used raw (no per-open PBKDF2). That key is
stored only wrapped, in a small JSON file beside the database: once under each user's password (Argon2id,
memory-hard) and once under a recovery key shown a single time at set-up. Changing a password rewraps the
key; the database itself is never re-encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.errors import NotSetUpError, UserFacingError, WrongPasswordError
from storage.files import write_atomically

KEYFILE_VERSION = 1
DB_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits: 32 base32 characters, printable in 8 groups of 4


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default takes about 0.15 s and 64 MiB here: slow for guessing, quick to sign in."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4

    @classmethod
    def default(cls) -> KdfParams:
        # Test suites start many installations; this switch exists for them only and is never set in a
        # release build. It weakens only keyfiles created while it is set.
        if os.environ.get("GRIDLEDGER_INSECURE_FAST_KDF") == "1":
            return cls(time_cost=1, memory_kib=1024, parallelism=1)
        return cls()


def keyfile_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys.json")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _password_key(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _recovery_wrapping_key(recovery_key: bytes, salt: bytes) -> bytes:
    # The recovery key is full-entropy random, so a plain HKDF is enough (no slow derivation needed).
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"gridledger recovery wrap v1").derive(
        recovery_key
    )


def _aad(kind: str, login: str | None) -> bytes:
    return f"gridledger-db-key|{kind}|{login or ''}".encode()


def _wrap(kind: str, login: str | None, wrapping_key: bytes, salt: bytes, db_key: bytes) -> dict[str, Any]:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(wrapping_key).encrypt(nonce, db_key, _aad(kind, login))
    return {"kind": kind, "login": login, "salt": _b64(salt), "nonce": _b64(nonce), "sealed": _b64(sealed)}


def _unwrap(wrap: dict[str, Any], wrapping_key: bytes) -> bytes:
    return AESGCM(wrapping_key).decrypt(
        _unb64(wrap["nonce"]), _unb64(wrap["sealed"]), _aad(wrap["kind"], wrap.get("login"))
    )


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise UserFacingError("恢复密钥格式不正确") from None
    if len(raw) != RECOVERY_KEY_BYTES:
        raise UserFacingError("恢复密钥长度不正确")
    return raw


class KeyFile:
    """The wraps of one database's key, read from and written to `<db>.keys.json`."""

    def __init__(self, path: Path, kdf: KdfParams, wraps: list[dict[str, Any]]) -> None:
        self.path = path
        self.kdf = kdf
        self.wraps = wraps

    @classmethod
    def create(
        cls, db_path: Path, login: str, password: str, kdf: KdfParams | None = None
    ) -> tuple[bytes, str]:
        """Makes a new random database key; returns it with the recovery key to show once."""
        kdf = kdf or KdfParams.default()
        db_key = secrets.token_bytes(DB_KEY_BYTES)
        recovery = secrets.token_bytes(RECOVERY_KEY_BYTES)
        keyfile = cls(keyfile_path(db_path), kdf, [])
        keyfile.set_password(db_key, login, password)
        salt = secrets.token_bytes(16)
        keyfile.wraps.append(_wrap("recovery", None, _recovery_wrapping_key(recovery, salt), salt, db_key))
        keyfile.save()
        return db_key, format_recovery_key(recovery)

    @classmethod
    def load(cls, db_path: Path) -> KeyFile:
        path = keyfile_path(db_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotSetUpError(f"未找到数据库密钥文件 {path.name}，请先完成初始设置") from None
        except (OSError, ValueError) as exc:
            raise UserFacingError(f"数据库密钥文件 {path.name} 无法读取：{exc}") from None
        if data.get("version") != KEYFILE_VERSION:
            raise UserFacingError(f"数据库密钥文件版本 {data.get('version')} 不受支持，请升级本软件")
        return cls(path, KdfParams(**data["kdf"]), list(data["wraps"]))

    def save(self) -> None:
        payload = {"version": KEYFILE_VERSION, "kdf": asdict(self.kdf), "wraps": self.wraps}
        write_atomically(self.path, json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))

    @property
    def logins(self) -> list[str]:
        return [w["login"] for w in self.wraps if w["kind"] == "password"]

    def set_password(self, db_key: bytes, login: str, password: str) -> None:
        """Adds a user's wrap, or replaces it when the password changes."""
        salt = secrets.token_bytes(16)
        wrap = _wrap("password", login, _password_key(password, salt, self.kdf), salt, db_key)
        self.wraps = [w for w in self.wraps if not (w["kind"] == "password" and w["login"] == login)]
        self.wraps.insert(0, wrap)

    def unlock(self, login: str, password: str) -> bytes:
        for wrap in self.wraps:
            if wrap["kind"] == "password" and wrap["login"] == login:
                try:
                    return _unwrap(wrap, _password_key(password, _unb64(wrap["salt"]), self.kdf))
                except InvalidTag:
                    raise WrongPasswordError() from None
        raise WrongPasswordError()

    def unlock_with_recovery_key(self, recovery_text: str) -> bytes:
        recovery = parse_recovery_key(recovery_text)
        for wrap in self.wraps:
            if wrap["kind"] == "recovery":
                try:
                    return _unwrap(wrap, _recovery_wrapping_key(recovery, _unb64(wrap["salt"])))
                except InvalidTag:
                    raise UserFacingError("恢复密钥不正确") from None
        raise UserFacingError("此数据库没有恢复密钥")


def derive_subkey(db_key: bytes, purpose: str) -> bytes:
    """Independent keys for other uses (sealing informants' identities) from the one database key."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"gridledger {purpose}".encode()
    ).derive(db_key)


class Sealer:
    """Seals small personal data (an informant's identity) inside records: AES-GCM, bound to the record id."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, value: dict[str, Any], context: str) -> bytes:
        nonce = secrets.token_bytes(12)
        plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return nonce + self._aead.encrypt(nonce, plain, context.encode())

    def unseal(self, sealed: bytes, context: str) -> dict[str, Any]:
        try:
            plain = self._aead.decrypt(sealed[:12], sealed[12:], context.encode())
        except InvalidTag:
            raise UserFacingError("加密字段无法解开：数据已损坏或不属于本数据库") from None
        value: dict[str, Any] = json.loads(plain)
        return value
