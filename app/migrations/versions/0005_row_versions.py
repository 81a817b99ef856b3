"""row versions: the records clerks edit carry a version, so a stale save is refused

Revision ID: 0005_row_versions
Revises: 0004_exchange
Create Date: 2026-12-07 06:30:00

Several clerks at the county edit one database on a server. Each save of an activity, member,
room, topic, reception or 督办 item raises its ``version`` (SQLAlchemy's version_id_col); a save
made from a record read before someone else's save is refused instead of overwriting it.
ADD COLUMN with a constant default: SQLite adds it in place (no table copy, triggers kept).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_row_versions"
down_revision: str | None = "0004_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = ("activity", "member", "room", "topic", "reception", "follow_up")


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(
            table, sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )


def downgrade() -> None:
    for table in VERSIONED:
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
