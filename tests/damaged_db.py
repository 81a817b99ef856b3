"""A database with one member and a good daily backup, then damaged in place (pages 3–5)."""

from pathlib import Path

from app.models import Member
from app.services.safety import backup
from app.storage import open_database


def damaged_database_with_backup(path: Path, member_name: str) -> Path:
    db = open_database(path)
    with db.write() as session:
        session.add(Member(name=member_name))
    backup.daily_backup(db)
    db.dispose()
    with open(path, "r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xff" * 4096 * 3)
    return path
