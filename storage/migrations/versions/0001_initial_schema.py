"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-27 15:36:39.591974
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "attachment_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_blob")),
    )
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "create",
                "update",
                "delete",
                "restore",
                "transition",
                "import",
                name="auditaction",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("record_type", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_record_id"), ["record_id"], unique=False)

    op.create_table(
        "code_item",
        sa.Column("list_name", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("group", sa.String(length=64), nullable=True),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("list_name", "label", name=op.f("pk_code_item")),
    )
    op.create_table(
        "installation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "level",
            sa.Enum("grid", "township", "county", name="level", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("unit_code", sa.String(length=24), nullable=False),
        sa.Column("unit_name", sa.String(length=200), nullable=False),
        sa.Column("township_code", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("app_version", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
    )
    op.create_table(
        "phase",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_phase")),
    )
    op.create_table(
        "reporting_deadline",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("recurrence", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_deadline")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "subject",
        sa.Column(
            "kind",
            sa.Enum(
                "enterprise",
                "social_org",
                "individual_business",
                "natural_person",
                name="subjectkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("legal_representative", sa.String(length=64), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("business_scope", sa.Text(), nullable=True),
        sa.Column("restricted_words", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "final", name="draftstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("township_code", sa.String(length=16), nullable=False),
        sa.Column("village_code", sa.String(length=16), nullable=True),
        sa.Column("grid_code", sa.String(length=24), nullable=True),
        sa.Column(
            "review_status",
            sa.Enum("pending", "accepted", "returned", name="reviewstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("review_comments", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject")),
    )
    with op.batch_alter_table("subject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subject_credit_code"), ["credit_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_subject_id_number"), ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_subject_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_subject_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_subject_township_code"), ["township_code"], unique=False)

    op.create_table(
        "township",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_township")),
    )
    op.create_table(
        "unit",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_unit")),
    )
    op.create_table(
        "attachment",
        sa.Column("owner_type", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("mime_type", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum("draft", "final", name="draftstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sha256"], ["attachment_blob.sha256"], name=op.f("fk_attachment_sha256_attachment_blob")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "clue",
        sa.Column("ledger_no", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("received_date", sa.Date(), nullable=False),
        sa.Column("informant_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column("subject_name", sa.String(length=200), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("amount_fen", sa.Integer(), nullable=True),
        sa.Column("key_domains", sa.JSON(), nullable=False),
        sa.Column("key_case_flags", sa.JSON(), nullable=False),
        sa.Column("area_type", sa.String(length=32), nullable=True),
        sa.Column("lead_unit", sa.String(length=64), nullable=True),
        sa.Column("responsible_units", sa.JSON(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "registered",
                "verifying",
                "judged",
                "disposing",
                "closed",
                "transferred",
                "reported",
                "excluded",
                name="cluestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("status_date", sa.Date(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=True),
        sa.Column("disposal_idea", sa.Text(), nullable=True),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("township_code", sa.String(length=16), nullable=False),
        sa.Column("village_code", sa.String(length=16), nullable=True),
        sa.Column("grid_code", sa.String(length=24), nullable=True),
        sa.Column(
            "review_status",
            sa.Enum("pending", "accepted", "returned", name="reviewstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("review_comments", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["subject_id"], ["subject.id"], name=op.f("fk_clue_subject_id_subject")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clue")),
    )
    with op.batch_alter_table("clue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clue_ledger_no"), ["ledger_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_clue_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_clue_received_date"), ["received_date"], unique=False)
        batch_op.create_index("ix_clue_status_deadline", ["status", "deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_clue_subject_id"), ["subject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clue_township_code"), ["township_code"], unique=False)

    op.create_table(
        "survey",
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("survey_date", sa.Date(), nullable=False),
        sa.Column("screeners", sa.JSON(), nullable=False),
        sa.Column("methods", sa.JSON(), nullable=False),
        sa.Column("key_domains", sa.JSON(), nullable=False),
        sa.Column("four_features", sa.JSON(), nullable=False),
        sa.Column("promotion_channel", sa.String(length=200), nullable=True),
        sa.Column("promised_return", sa.String(length=200), nullable=True),
        sa.Column("estimated_participants", sa.Integer(), nullable=True),
        sa.Column("estimated_amount_fen", sa.Integer(), nullable=True),
        sa.Column(
            "risk_level",
            sa.Enum("none", "low", "medium", "high", name="risklevel", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("draft", "final", name="draftstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("township_code", sa.String(length=16), nullable=False),
        sa.Column("village_code", sa.String(length=16), nullable=True),
        sa.Column("grid_code", sa.String(length=24), nullable=True),
        sa.Column(
            "review_status",
            sa.Enum("pending", "accepted", "returned", name="reviewstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("review_comments", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["subject_id"], ["subject.id"], name=op.f("fk_survey_subject_id_subject")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
    )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_subject_id"), ["subject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_survey_date"), ["survey_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_township_code"), ["township_code"], unique=False)

    op.create_table(
        "user_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("installation_id", sa.Uuid(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column(
            "role",
            sa.Enum("worker", "liaison", "county_admin", name="role", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_sign_in_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["installation_id"],
            ["installation.id"],
            name=op.f("fk_user_account_installation_id_installation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("login", name=op.f("uq_user_account_login")),
    )
    op.create_table(
        "village",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("township_code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["township_code"], ["township.code"], name=op.f("fk_village_township_code_township")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_village")),
    )
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_village_township_code"), ["township_code"], unique=False)

    op.create_table(
        "clue_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("clue_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "register",
                "start_verify",
                "judge",
                "exclude",
                "dispose",
                "close",
                "transfer",
                "report",
                "follow_up",
                name="clueeventkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "from_status",
            sa.Enum(
                "registered",
                "verifying",
                "judged",
                "disposing",
                "closed",
                "transferred",
                "reported",
                "excluded",
                name="cluestatus",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "registered",
                "verifying",
                "judged",
                "disposing",
                "closed",
                "transferred",
                "reported",
                "excluded",
                name="cluestatus",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["clue_id"], ["clue.id"], name=op.f("fk_clue_event_clue_id_clue")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clue_event")),
    )
    with op.batch_alter_table("clue_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clue_event_clue_id"), ["clue_id"], unique=False)

    op.create_table(
        "grid",
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("village_code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_code"], ["village.code"], name=op.f("fk_grid_village_code_village")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_grid")),
    )
    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_village_code"), ["village_code"], unique=False)

    op.create_table(
        "visit",
        sa.Column("visited_at", sa.DateTime(), nullable=False),
        sa.Column(
            "visit_type",
            sa.Enum(
                "interview",
                "home_survey",
                "follow_up",
                "publicity",
                name="visittype",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("visitors", sa.JSON(), nullable=False),
        sa.Column("visited_party", sa.String(length=200), nullable=False),
        sa.Column("visited_phone", sa.String(length=20), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("public_requests", sa.Text(), nullable=True),
        sa.Column("follow_up", sa.Text(), nullable=True),
        sa.Column("materials_handed_out", sa.Integer(), nullable=False),
        sa.Column("people_reached", sa.Integer(), nullable=False),
        sa.Column("clue_id", sa.Uuid(), nullable=True),
        sa.Column("subject_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("draft", "final", name="draftstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("township_code", sa.String(length=16), nullable=False),
        sa.Column("village_code", sa.String(length=16), nullable=True),
        sa.Column("grid_code", sa.String(length=24), nullable=True),
        sa.Column(
            "review_status",
            sa.Enum("pending", "accepted", "returned", name="reviewstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("review_comments", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["clue_id"], ["clue.id"], name=op.f("fk_visit_clue_id_clue")),
        sa.ForeignKeyConstraint(["subject_id"], ["subject.id"], name=op.f("fk_visit_subject_id_subject")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_clue_id"), ["clue_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_origin"), ["origin"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_subject_id"), ["subject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_township_code"), ["township_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_visited_at"), ["visited_at"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_visited_at"))
        batch_op.drop_index(batch_op.f("ix_visit_township_code"))
        batch_op.drop_index(batch_op.f("ix_visit_subject_id"))
        batch_op.drop_index(batch_op.f("ix_visit_origin"))
        batch_op.drop_index(batch_op.f("ix_visit_clue_id"))

    op.drop_table("visit")
    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_village_code"))

    op.drop_table("grid")
    with op.batch_alter_table("clue_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clue_event_clue_id"))

    op.drop_table("clue_event")
    with op.batch_alter_table("village", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_village_township_code"))

    op.drop_table("village")
    op.drop_table("user_account")
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_township_code"))
        batch_op.drop_index(batch_op.f("ix_survey_survey_date"))
        batch_op.drop_index(batch_op.f("ix_survey_subject_id"))
        batch_op.drop_index(batch_op.f("ix_survey_origin"))

    op.drop_table("survey")
    with op.batch_alter_table("clue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clue_township_code"))
        batch_op.drop_index(batch_op.f("ix_clue_subject_id"))
        batch_op.drop_index("ix_clue_status_deadline")
        batch_op.drop_index(batch_op.f("ix_clue_received_date"))
        batch_op.drop_index(batch_op.f("ix_clue_origin"))
        batch_op.drop_index(batch_op.f("ix_clue_ledger_no"))

    op.drop_table("clue")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_owner_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_origin"))

    op.drop_table("attachment")
    op.drop_table("unit")
    op.drop_table("township")
    with op.batch_alter_table("subject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subject_township_code"))
        batch_op.drop_index(batch_op.f("ix_subject_origin"))
        batch_op.drop_index(batch_op.f("ix_subject_name"))
        batch_op.drop_index(batch_op.f("ix_subject_id_number"))
        batch_op.drop_index(batch_op.f("ix_subject_credit_code"))

    op.drop_table("subject")
    op.drop_table("setting")
    op.drop_table("reporting_deadline")
    op.drop_table("phase")
    op.drop_table("installation")
    op.drop_table("code_item")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_record_id"))

    op.drop_table("audit_event")
    op.drop_table("attachment_blob")
