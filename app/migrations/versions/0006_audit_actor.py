"""audit actor: each 操作日志 row names who saved (the clerk and the computer)

Revision ID: 0006_audit_actor
Revises: 0005_row_versions
Create Date: 2026-12-07 11:40:00

Several clerks share the county's database. When a save is refused as stale the message names
who saved the record since, and when; the log already said when and which fields, this column
says who. ADD COLUMN without a default: SQLite adds it in place (no table copy).

On PostgreSQL it also rewrites the points-summary trigger functions of 0002: those made before
JSON columns were compared as text failed every 积分规则 edit ("operator does not exist:
json = json"). CREATE OR REPLACE, so a server made with the fixed functions is unchanged.
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0006_audit_actor"
down_revision: str | None = "0005_row_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _recreate_points_summary_triggers() -> None:
    path = Path(__file__).with_name("0002_points_summary.py")
    spec = importlib.util.spec_from_file_location("liaison_migration_0002", path)
    assert spec is not None and spec.loader is not None
    points_summary = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(points_summary)
    points_summary.create_triggers()


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("actor", sa.String(length=120), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        _recreate_points_summary_triggers()


def downgrade() -> None:
    op.execute("ALTER TABLE audit_log DROP COLUMN actor")
