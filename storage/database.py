"""Opening the encrypted database: engine, sessions, durability pragmas, version check and migrations."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from storage.errors import (
    DatabaseBusyError,
    DatabaseTooNewError,
    DatabaseUnreadableError,
    DiskError,
    UserFacingError,
)
from storage.keys import Sealer, derive_subkey

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


def _connect_raw(path: Path, db_key: bytes) -> Any:
    conn = sqlcipher.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    # Autocommit at the driver level: SQLAlchemy's "begin" hook below issues BEGIN itself, so a write
    # transaction can take the write lock up front (BEGIN IMMEDIATE) instead of failing half-way.
    conn.isolation_level = None
    # A raw 32-byte key: SQLCipher skips its own PBKDF2, the slow derivation already happened in keys.py.
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    # 64 MiB of page cache (SQLite's default is 2 MiB): list screens and counts on 200,000 records read
    # scattered pages, and SQLCipher decrypts each page it reads.
    conn.execute("PRAGMA cache_size = -65536")
    return conn


def translate_error(exc: BaseException) -> UserFacingError | None:
    """The user's situation (disk full, read-only, locked, not a database) in plain words; None for bugs."""
    message = str(getattr(exc, "orig", exc)).lower()
    if "file is not a database" in message or "malformed" in message or "not a database" in message:
        return DatabaseUnreadableError("数据库无法打开：密码不匹配、文件已损坏，或不是本软件的数据库")
    if "database is locked" in message or "database is busy" in message:
        return DatabaseBusyError("数据库正被另一个程序使用，请关闭其他窗口后重试")
    if "disk is full" in message or "database or disk is full" in message:
        return DiskError("磁盘空间已满，数据未能保存。请清理磁盘后重试")
    if "readonly" in message or "read-only" in message:
        return DiskError("数据库所在位置为只读，无法保存")
    if "unable to open" in message:
        return DiskError("无法打开数据库文件：目录不存在或没有权限")
    return None


@dataclass
class Database:
    """An open GridLedger database. Reads use `reader()`, each user action uses one `writer()`."""

    path: Path
    engine: Engine
    sealer: Sealer

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(gridledger_begin="IMMEDIATE"), expire_on_commit=False
        )

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """One transaction per user action: committed when the block ends, rolled back on any error."""
        try:
            with self._write() as session, session.begin():
                yield session
        except (OperationalError, DatabaseError) as exc:
            friendly = translate_error(exc)
            if friendly is None:
                raise
            raise friendly from exc

    def close(self) -> None:
        self.engine.dispose()

    def integrity_problems(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
            fk_rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        problems += [f"外键错误：表 {r[0]} 第 {r[1]} 行引用的 {r[2]} 不存在" for r in fk_rows]
        return problems


def make_engine(path: Path, db_key: bytes) -> Engine:
    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher,
        creator=lambda: _connect_raw(path, db_key),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("gridledger_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def open_database(path: Path, db_key: bytes, *, migrate: bool = True) -> Database:
    """Opens (and, unless told not to, migrates) the database; refuses a wrong key or a newer schema."""
    from storage import migrations  # Alembic loads only when a database is opened, not at start-up

    engine = make_engine(path, db_key)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        state = migrations.schema_state(engine)
        if state.too_new:
            raise DatabaseTooNewError(
                f"此数据库由更新版本的网格防非台账创建（结构版本 {state.current}），本版本无法打开。"
                "请安装最新版本后再打开，数据未被改动。"
            )
        if state.needs_upgrade:
            if not migrate:
                raise UserFacingError("数据库需要升级后才能使用")
            if state.current is not None:
                backup_before_migration(engine, path, state.current)
            migrations.upgrade_to_head(engine)
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        friendly = translate_error(exc)
        if friendly is None:
            raise
        raise friendly from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(path=path, engine=engine, sealer=Sealer(derive_subkey(db_key, "informant seal v1")))


def backup_before_migration(engine: Engine, path: Path, revision: str) -> Path:
    """Copies the database aside before its schema changes (vorta's store/connection.py does the same)."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    shutil.copy2(path, target)
    log.info("backed up %s to %s before migrating", path, target)
    return target
