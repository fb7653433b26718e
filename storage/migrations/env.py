"""Alembic environment: runs on the engine the app opened (encrypted), one transaction per migration."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Engine

import models.accounts
import models.audit
import models.bundles
import models.outbox
import models.records
import models.reference
from models.base import Base

# Imported so every table is registered on the metadata that autogenerate and `alembic check` compare.
_ = (models.accounts, models.audit, models.bundles, models.outbox, models.records, models.reference)

# Tables the models do not describe on purpose (full-text indexes built by migrations).
UNMODELLED_PREFIXES = ("fts_",)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(UNMODELLED_PREFIXES))


def run_migrations() -> None:
    engine: Engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,  # SQLite alters tables by copying them
            transaction_per_migration=True,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
