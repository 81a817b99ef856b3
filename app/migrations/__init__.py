"""Alembic migrations. HEAD_REVISION names the newest revision in versions/: the app opens a
database already at this revision without loading Alembic at all (a test keeps the two equal).
Whoever adds a revision sets HEAD_REVISION to it."""

HEAD_REVISION = "0006_audit_actor"
