from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mail.smtp_server import LocalSmtpServer


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[LocalSmtpServer]:
    server = LocalSmtpServer(tmp_path)
    server.start()
    yield server
    server.stop()
