"""E-mail for bundles: compose (Chinese subject and names encoded for webmail and Outlook/Foxmail), save as
.eml for any mail client, and send the outbox over SMTP with TLS, with errors a person can act on."""

from __future__ import annotations

import datetime as dt
import json
import smtplib
import socket
import ssl
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from storage.database import Database
from storage.errors import UserFacingError
from storage.files import write_atomically
from storage.outbox import (
    SmtpAccount,
    claim,
    due_messages,
    mark_data_started,
    mark_failed,
    mark_sent,
    queue_message,
)

TIMEOUT_SECONDS = 30
MESSAGE_ID_DOMAIN = "gridledger.invalid"  # reserved TLD: ids are unique without naming a real host


@dataclass(frozen=True)
class BundleSummary:
    unit_name: str
    period_text: str
    counts: dict[str, int]
    fingerprint: str


def period_text(start: dt.date, end: dt.date) -> str:
    """'2025年上半年', '2025年下半年', or '2025-03-01至2025-05-31' for any other span."""
    if start.year == end.year and (start.month, start.day) == (1, 1):
        if (end.month, end.day) == (6, 30):
            return f"{start.year}年上半年"
        if (end.month, end.day) == (12, 31):
            return f"{start.year}年"
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
        return f"{start.year}年下半年"
    return f"{start.isoformat()}至{end.isoformat()}"


def read_bundle_summary(path: Path) -> BundleSummary:
    """The facts a covering e-mail needs, read from the bundle's (signed, always readable) manifest."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        producer = manifest["producer"]
        period = manifest["period"]
        end = dt.date.fromisoformat(period["to"])
        # A first bundle may have no start: it carries everything up to its end date.
        text = period_text(dt.date.fromisoformat(period["from"]), end) if period.get("from") else f"截至{end}"
        counts = {str(k): int(v) for k, v in manifest.get("counts", {}).items()}
        fingerprint = str(producer.get("fingerprint") or manifest.get("fingerprint") or "")
        return BundleSummary(str(producer["unit_name"]), text, counts, fingerprint)
    except FileNotFoundError:
        raise UserFacingError(f"找不到文件：{path}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise UserFacingError(f"{path.name} 不是有效的台账数据包：{exc}") from None


COUNT_LABELS = {"subjects": "涉及主体", "surveys": "排查登记", "clues": "风险线索", "visits": "走访记录"}


def compose_bundle_message(
    bundle: Path,
    *,
    sender: str,
    recipients: list[str],
    county_name: str = "兴县",
    max_bytes: int | None = None,
) -> EmailMessage:
    """A covering message with the bundle attached, e.g. 【兴县防非】蔚汾镇 2025年上半年 台账报送."""
    if not recipients:
        raise UserFacingError("请填写收件人")
    summary = read_bundle_summary(bundle)
    data = bundle.read_bytes()
    if max_bytes is not None and len(data) > max_bytes * 0.72:  # base64 grows the attachment by a third
        raise UserFacingError(
            f"数据包 {len(data) / 1e6:.1f} MB，超过邮箱附件限制（约 {max_bytes * 0.72 / 1e6:.0f} MB）。"
            "请按较短的期间分批导出，或用U盘报送"
        )
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = f"【{county_name}防非】{summary.unit_name} {summary.period_text} 台账报送"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
    counts = "；".join(f"{COUNT_LABELS.get(k, k)} {v} 条" for k, v in summary.counts.items())
    message.set_content(
        f"{summary.unit_name} {summary.period_text} 防范和处置非法集资台账报送，请查收附件。\n\n"
        f"记录数量：{counts or '见数据包'}\n"
        f"签名公钥指纹：{summary.fingerprint or '见数据包'}\n\n"
        "附件为网格防非台账签名数据包，请在网格防非台账中“导入数据包”，软件会校验签名和完整性。\n"
        "本邮件由网格防非台账生成。\n"
    )
    message.add_attachment(data, maintype="application", subtype="zip", filename=bundle.name)
    return message


def save_eml(message: EmailMessage, path: Path) -> None:
    """A .eml that Outlook, Foxmail or Thunderbird opens with its attachment, for sending by hand."""
    write_atomically(path, message.as_bytes(policy=policy.SMTP))


def queue_bundle_message(db: Database, message: EmailMessage) -> uuid.UUID:
    attachment = next(iter(message.iter_attachments()), None)
    return queue_message(
        db,
        raw=message.as_bytes(policy=policy.SMTP),
        message_id=str(message["Message-ID"]),
        sender=str(message["From"]),
        recipients=[a.strip() for a in str(message["To"]).split(",") if a.strip()],
        subject=str(message["Subject"]),
        attachment_name=attachment.get_filename() if attachment is not None else None,
    )


class SendError(Exception):
    """A send that failed; `retry` says whether trying again later can help."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.reason, self.retry = reason, retry


def _tls_context(account: SmtpAccount) -> ssl.SSLContext:
    context = (
        ssl.create_default_context(cafile=account.ca_file)
        if account.ca_file
        else ssl.create_default_context()
    )
    return context


def _connect(account: SmtpAccount, password: str | None) -> smtplib.SMTP:
    """Connects, secures and logs in, naming the step that failed (DNS, connect, TLS, login)."""
    client: smtplib.SMTP | None = None
    step = "解析服务器地址"
    try:
        socket.getaddrinfo(account.host, account.port)
        step = "连接服务器"
        if account.security == "ssl":
            client = smtplib.SMTP_SSL(
                account.host, account.port, timeout=TIMEOUT_SECONDS, context=_tls_context(account)
            )
        else:
            client = smtplib.SMTP(account.host, account.port, timeout=TIMEOUT_SECONDS)
        client.ehlo()
        if account.security == "starttls":
            step = "建立加密连接（STARTTLS）"
            client.starttls(context=_tls_context(account))
            client.ehlo()
        if account.user:
            step = "登录"
            client.login(account.user, password or "")
        return client
    except BaseException as exc:
        if client is not None:
            client.close()
        raise _explain(exc, step, account) from None


def _explain(exc: BaseException, step: str, account: SmtpAccount) -> BaseException:
    if isinstance(exc, socket.gaierror):
        return SendError(f"无法解析邮件服务器地址 {account.host}：请检查服务器名称和网络", retry=True)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SendError("登录邮件服务器失败：用户名或密码（授权码）不正确", retry=False)
    if isinstance(exc, ssl.SSLError):
        return SendError(
            f"{step}失败：加密连接出错（{exc.reason or exc}），请检查端口和加密方式", retry=False
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(f"{step}失败：服务器不支持该加密方式或登录方式", retry=False)
    if isinstance(exc, OSError | smtplib.SMTPException):
        return SendError(f"{step}失败：{exc.__class__.__name__} {exc}", retry=True)
    return exc


def _deliver(
    client: smtplib.SMTP, sender: str, recipients: list[str], raw: bytes, before_data: Callable[[], None]
) -> None:
    limit = client.esmtp_features.get("size")
    if limit and limit.isdigit() and int(limit) and len(raw) > int(limit):
        raise SendError(
            f"邮件大小 {len(raw) / 1e6:.1f} MB 超过服务器限制 {int(limit) / 1e6:.1f} MB", retry=False
        )
    code, answer = client.mail(sender, [f"SIZE={len(raw)}"] if limit else [])
    if code != 250:
        raise SendError(
            f"服务器拒绝发件人 {sender}：{code} {answer.decode(errors='replace')}", retry=code < 500
        )
    refused = []
    for rcpt in recipients:
        code, answer = client.rcpt(rcpt)
        if code not in (250, 251):
            refused.append(f"{rcpt}（{code} {answer.decode(errors='replace')}）")
    if refused:
        client.rset()
        raise SendError("服务器拒绝收件人：" + "，".join(refused), retry=False)
    before_data()  # from here on the server may deliver even if we never hear its answer
    code, answer = client.data(raw)
    if code != 250:
        too_big = code == 552
        text = (
            "邮件过大，服务器拒收" if too_big else f"服务器拒收邮件：{code} {answer.decode(errors='replace')}"
        )
        raise SendError(text, retry=code < 500)


def _hang_up(client: smtplib.SMTP) -> None:
    """QUIT politely; a server that has gone away gets the socket closed instead."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def send_due(
    db: Database, account: SmtpAccount, password: str | None, *, now: dt.datetime | None = None
) -> list[tuple[uuid.UUID, str | None]]:
    """Sends every message that is due; returns (message, failure reason or None) for each tried."""
    results: list[tuple[uuid.UUID, str | None]] = []
    pending = due_messages(db, now)
    if not pending:
        return results
    try:
        client = _connect(account, password)
    except SendError as exc:
        for message_id in pending:
            if claim(db, message_id) is not None:
                mark_failed(db, message_id, exc.reason, retry=exc.retry)
                results.append((message_id, exc.reason))
        return results
    try:
        for message_id in pending:
            message = claim(db, message_id)
            if message is None:
                continue
            try:
                _deliver(
                    client,
                    message.sender,
                    message.recipients,
                    message.raw,
                    lambda mid=message_id: mark_data_started(db, mid),  # type: ignore[misc]
                )
            except SendError as exc:
                mark_failed(db, message_id, exc.reason, retry=exc.retry)
                results.append((message_id, exc.reason))
            except (smtplib.SMTPException, OSError) as exc:
                reason = f"发送中断：{exc.__class__.__name__} {exc}"
                mark_failed(db, message_id, reason, retry=True)
                results.append((message_id, reason))
                break
            else:
                mark_sent(db, message_id)
                results.append((message_id, None))
    finally:
        _hang_up(client)
    return results


def test_account(account: SmtpAccount, password: str | None, *, send_to: str | None = None) -> None:
    """The settings screen's 发送测试邮件: raises SendError naming exactly what failed."""
    client = _connect(account, password)
    try:
        if send_to:
            message = EmailMessage(policy=policy.SMTP)
            message["Subject"] = "网格防非台账 测试邮件"
            message["From"], message["To"] = account.sender, send_to
            message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
            message.set_content("这是一封测试邮件：邮件设置正确。")
            _deliver(client, account.sender, [send_to], message.as_bytes(policy=policy.SMTP), lambda: None)
    finally:
        _hang_up(client)
