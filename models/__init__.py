"""GridLedger's records: typed SQLAlchemy models, enums, validators and domain rules. No Qt, no I/O."""
