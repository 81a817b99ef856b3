"""exchange: who owns each row, packages received, and how senders' members map onto ours

Revision ID: 0004_exchange
Revises: 0003_year_lock_triggers
Create Date: 2026-12-07 05:30:00

Township → county data packages (issue 15). Every row that can travel gets ``origin_id``: the
stable id of the unit that owns it, NULL for this database's own rows. ``package_import`` records
each package imported; ``member_link`` maps a sender's member UUIDs onto our members.

The columns are added with plain ALTER TABLE ADD COLUMN (no batch copy), so the triggers of
0002 and 0003 stay in place.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_exchange"
down_revision: str | None = "0003_year_lock_triggers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNED_TABLES = (
    "activity",
    "attachment",
    "attendance",
    "checklist_item",
    "follow_up",
    "guest_attendee",
    "member",
    "opinion",
    "point_rule",
    "point_rule_set",
    "reception",
    "reception_member",
    "room",
    "room_checklist_tick",
    "room_member",
    "sector",
    "speech",
    "submission",
    "submission_author",
    "topic",
    "topic_status_change",
)


def _common() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    for table in OWNED_TABLES:
        op.add_column(table, sa.Column("origin_id", sa.String(length=36), nullable=True))
        op.create_index(f"ix_{table}_origin_id", table, ["origin_id"], unique=False)
    op.create_table(
        "package_import",
        sa.Column("sender_id", sa.String(length=36), nullable=False),
        sa.Column("sender_name", sa.String(length=80), nullable=False),
        sa.Column("sender_level", sa.String(length=10), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("package_created_at", sa.DateTime(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        *_common(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_import")),
        sa.UniqueConstraint("uuid", name=op.f("uq_package_import_uuid")),
    )
    op.create_index("ix_package_import_sender_id", "package_import", ["sender_id"], unique=False)
    op.create_table(
        "member_link",
        sa.Column("origin_id", sa.String(length=36), nullable=False),
        sa.Column("remote_uuid", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        *_common(),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_member_link_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_link")),
        sa.UniqueConstraint("origin_id", "remote_uuid", name="uq_member_link_origin_remote"),
        sa.UniqueConstraint("uuid", name=op.f("uq_member_link_uuid")),
    )
    op.create_index("ix_member_link_member_id", "member_link", ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_table("member_link")
    op.drop_table("package_import")
    for table in OWNED_TABLES:
        op.drop_index(f"ix_{table}_origin_id", table_name=table)
        # SQLite's own DROP COLUMN (3.35+): a batch copy would trip over 0002's triggers.
        op.execute(f"ALTER TABLE {table} DROP COLUMN origin_id")
