"""Reference data from the county profile: townships, villages, grids, units, code lists, phases, deadlines.

Code lists (key domains, methods, measures, sources, …) are keyed by their label: a county profile names
them in words, and a record that stores the words stays readable after the profile changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, str16, str64, str200


class Township(Base):
    __tablename__ = "township"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str64]
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Village(Base):
    __tablename__ = "village"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    township_code: Mapped[str16] = mapped_column(ForeignKey("township.code"), index=True)
    name: Mapped[str64]
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Grid(Base):
    __tablename__ = "grid"

    code: Mapped[str] = mapped_column(String(24), primary_key=True)
    village_code: Mapped[str16] = mapped_column(ForeignKey("village.code"), index=True)
    name: Mapped[str64]
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Unit(Base):
    """A member unit of the campaign (县公安局, 县市场监管局, …): lead and responsible units of clues."""

    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class CodeItem(Base):
    """One entry of a code list; `group` holds the parent heading (e.g. 投融资领域 for 理财)."""

    __tablename__ = "code_item"

    list_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str] = mapped_column(String(64), primary_key=True)
    group: Mapped[str | None] = mapped_column(String(64), default=None)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Phase(Base):
    __tablename__ = "phase"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class ReportingDeadline(Base):
    __tablename__ = "reporting_deadline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    what: Mapped[str200]
    due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # Recurring deadlines ("every half year") have no single date.
    recurrence: Mapped[str | None] = mapped_column(String(32), default=None)


class Setting(Base):
    """Small key/value facts of this installation and its profile (county name, submission mailbox, …)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


# The code lists a profile carries, by the JSON key that holds them.
CODE_LISTS: dict[str, str] = {
    "key_domains": "重点领域",
    "key_case_flags": "重点案件",
    "key_area_types": "重点地区",
    "screening_methods": "排查方式",
    "clue_sources": "线索来源",
    "four_features_checklist": "四性特征",
    "disposal_measures": "处置措施",
    "restricted_name_words": "名称限制用语",
}
