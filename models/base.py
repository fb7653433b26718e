"""The declarative base every record shares: column types, naming convention, and the record mixin."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Annotated, Any

import uuid6
from sqlalchemy import JSON, DateTime, Enum, MetaData, String, TypeDecorator, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints make SQLite batch migrations (which recreate tables) reproducible.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> uuid.UUID:
    """A UUIDv7: unique without a server, and time-ordered so new rows append to the primary-key index."""
    value: uuid.UUID = uuid6.uuid7()
    return uuid.UUID(bytes=value.bytes)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as UTC and gives them back aware; naive input is a bug and is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def enum_column(enum_cls: type[enum.Enum]) -> Enum:
    """Enums are stored by value (readable in raw SQL, stable when members are renamed)."""
    return Enum(
        enum_cls,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        validate_strings=True,
        length=24,
    )


uuid_pk = Annotated[uuid.UUID, mapped_column(Uuid(), primary_key=True, default=new_id)]
str16 = Annotated[str, mapped_column(String(16))]
str32 = Annotated[str, mapped_column(String(32))]
str64 = Annotated[str, mapped_column(String(64))]
str200 = Annotated[str, mapped_column(String(200))]
utc_datetime = Annotated[dt.datetime, mapped_column(UtcDateTime())]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute, never mutated
        dt.datetime: UtcDateTime(),
        uuid.UUID: Uuid(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class RecordMixin:
    """What every user record carries (DESIGN §3): offline-unique id, UTC times, author, origin, revision,
    status and soft deletion. `origin` is the installation that created it and therefore owns its content."""

    id: Mapped[uuid_pk]
    created_at: Mapped[utc_datetime] = mapped_column(default=utc_now)
    # Indexed: "changed since the last bundle" and "not deleted" are asked of every list and count.
    updated_at: Mapped[utc_datetime] = mapped_column(default=utc_now, onupdate=utc_now, index=True)
    created_by: Mapped[str64]
    origin: Mapped[uuid.UUID] = mapped_column(index=True)
    revision: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None, index=True)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
