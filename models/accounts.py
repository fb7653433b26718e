"""Installations and local user accounts."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UtcDateTime, enum_column, new_id, str16, str64, str200, utc_now
from models.enums import Level, Role


class Installation(Base):
    """This copy of GridLedger: its id is the `origin` of every record it creates."""

    __tablename__ = "installation"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    level: Mapped[Level] = mapped_column(enum_column(Level))
    unit_code: Mapped[str] = mapped_column(String(24))  # township code, grid code, or the county code
    unit_name: Mapped[str200]
    township_code: Mapped[str | None] = mapped_column(String(16), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    app_version: Mapped[str16]


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    installation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("installation.id"))
    login: Mapped[str64] = mapped_column(unique=True)
    display_name: Mapped[str64]
    phone: Mapped[str | None] = mapped_column(String(20), default=None)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    password_hash: Mapped[str] = mapped_column(String(200))  # Argon2id PHC string
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    last_sign_in_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
