"""What a command needs: the database (opened on first use, migrated) and the output stream."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app import paths
from app.instance_lock import InstanceLock

if TYPE_CHECKING:
    from app.db import Database
    from app.db_file import PreflightThread


class CliContext:
    def __init__(self, db_path: str | None, out: TextIO | None = None) -> None:
        from app.db_server import is_server_url

        # A postgresql:// URL stays a string: the server, shared by several clerks at once.
        self.on_server = is_server_url(db_path)
        self.db_path: Path | str = (
            str(db_path)
            if self.on_server
            else Path(db_path)
            if db_path
            else paths.default_db_path()
        )
        self.out = out or sys.stdout
        self._db: Database | None = None
        self._lock: InstanceLock | None = None
        self._checks: PreflightThread | None = None

    def start_checks(self) -> None:
        """Start the file's checks (SQLite's quick_check: ~0.5 s on a county database) in a
        worker thread, so that they run while the command loads SQLAlchemy and its services.
        Only for commands that read the database without replacing it."""
        from app.db_file import PreflightThread

        if self.on_server:  # the server checks its own pages
            return
        self._checks = PreflightThread(self.db_path)
        self._checks.start()

    def database(self, *, exclusive: bool = True) -> Database:
        """Open the database; ``exclusive`` commands (those that write) take the instance lock."""
        if self._db is None:
            from app.services.safety.startup import open_safely

            if exclusive:
                self.hold_lock()
            self._db = open_safely(self.db_path, warn=self.warn, checks=self._checks)
        return self._db

    def hold_lock(self) -> None:
        """Take the instance lock without opening the database (``restore`` needs this).
        A server database has none: several clerks work on it at once."""
        if self._lock is None and not self.on_server:
            self._lock = InstanceLock(self.db_path)
            self._lock.acquire()

    def warn(self, text: str) -> None:
        sys.stderr.write(f"注意：{text}\n")

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_rows(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """Tab-separated, header first; tabs and newlines inside cells become spaces."""
        for row in [header, *rows]:
            self.print("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None
