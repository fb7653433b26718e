"""PAdES signatures on the bundle's PDFs (pyHanko), with this installation's self-signed certificate.

Ordinary PDF readers show the signature (issuer unknown, as for any self-signed certificate); the bundle's
SSHSIG manifest signature remains what import relies on.
"""

from __future__ import annotations

import io

from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

FIELD = "GridLedger"


def sign_pdf(pdf: bytes, key_der: bytes, cert_der: bytes, reason: str) -> bytes:
    cert = asn1_x509.Certificate.load(cert_der)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert]),  # type: ignore[no-untyped-call]
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, subfilter=fields.SigSeedSubFilter.PADES, reason=reason
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    return bytes(out.getvalue())
