"""OpenSSH signatures (PROTOCOL.sshsig) made and checked with Ed25519 from `cryptography`.

This is only the wire format: `ssh-keygen -Y verify -n gridledger-bundle` checks what `sign` writes.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from storage.trust import ED25519, parse_public_blob, public_blob, read_ssh_string, ssh_string

MAGIC = b"SSHSIG"
SIG_VERSION = 1
HASH_ALG = b"sha512"
BEGIN = "-----BEGIN SSH SIGNATURE-----"
END = "-----END SSH SIGNATURE-----"
NAMESPACE = "gridledger-bundle"


class SignatureError(ValueError):
    """The signature is malformed, for another namespace or key, or does not match the message."""


def _signed_data(namespace: str, message: bytes) -> bytes:
    digest = hashlib.sha512(message).digest()
    return (
        MAGIC + ssh_string(namespace.encode()) + ssh_string(b"") + ssh_string(HASH_ALG) + ssh_string(digest)
    )


def sign(key: Ed25519PrivateKey, message: bytes, namespace: str = NAMESPACE) -> bytes:
    """The armored SSHSIG text (as `ssh-keygen -Y sign` writes it), as bytes."""
    raw_public = key.public_key().public_bytes_raw()
    signature = key.sign(_signed_data(namespace, message))
    blob = (
        MAGIC
        + SIG_VERSION.to_bytes(4, "big")
        + ssh_string(public_blob(raw_public))
        + ssh_string(namespace.encode())
        + ssh_string(b"")
        + ssh_string(HASH_ALG)
        + ssh_string(ssh_string(ED25519.encode()) + ssh_string(signature))
    )
    text = base64.b64encode(blob).decode("ascii")
    lines = [BEGIN, *(text[i : i + 70] for i in range(0, len(text), 70)), END]
    return ("\n".join(lines) + "\n").encode("ascii")


def verify(armored: bytes, message: bytes, namespace: str = NAMESPACE) -> bytes:
    """Checks the signature; returns the signer's raw 32-byte public key. Raises SignatureError."""
    try:
        text = armored.decode("ascii").strip()
    except UnicodeDecodeError:
        raise SignatureError("签名文件不是 SSH 签名格式") from None
    if not (text.startswith(BEGIN) and text.endswith(END)):
        raise SignatureError("签名文件不是 SSH 签名格式")
    body = "".join(text[len(BEGIN) : -len(END)].split())
    try:
        blob = base64.b64decode(body, validate=True)
        if blob[:6] != MAGIC or int.from_bytes(blob[6:10], "big") != SIG_VERSION:
            raise SignatureError("签名版本不受支持")
        key_blob, pos = read_ssh_string(blob, 10)
        sig_namespace, pos = read_ssh_string(blob, pos)
        _reserved, pos = read_ssh_string(blob, pos)
        hash_alg, pos = read_ssh_string(blob, pos)
        sig_blob, pos = read_ssh_string(blob, pos)
        if pos != len(blob):
            raise SignatureError("签名数据后有多余内容")
        raw_public = parse_public_blob(key_blob)
        sig_kind, spos = read_ssh_string(sig_blob, 0)
        signature, spos = read_ssh_string(sig_blob, spos)
    except (ValueError, IndexError) as exc:
        if isinstance(exc, SignatureError):
            raise
        raise SignatureError("签名数据已损坏，无法解析") from None
    if sig_kind != ED25519.encode() or spos != len(sig_blob) or len(signature) != 64:
        raise SignatureError("签名算法不受支持（应为 Ed25519）")
    if sig_namespace != namespace.encode():
        raise SignatureError(f"签名用途不符（应为 {namespace}）")
    if hash_alg != HASH_ALG:
        raise SignatureError("签名哈希算法不受支持")
    try:
        Ed25519PublicKey.from_public_bytes(raw_public).verify(signature, _signed_data(namespace, message))
    except InvalidSignature:
        raise SignatureError("签名无效：清单内容与签名不符，数据包被改动或伪造") from None
    return raw_public
