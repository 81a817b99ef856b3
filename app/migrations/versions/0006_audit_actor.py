"""audit actor: each 操作日志 row names who saved (the clerk and the computer)

Revision ID: 0006_audit_actor
Revises: 0005_row_versions
Create Date: 2026-12-07 11:40:00

Several clerks share the county's database. When a save is refused as stale the message names
who saved the record since, and when; the log already said when and which fields, this column
says who. ADD COLUMN without a default: SQLite adds it in place (no table copy).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_audit_actor"
down_revision: str | None = "0005_row_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("actor", sa.String(length=120), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE audit_log DROP COLUMN actor")
