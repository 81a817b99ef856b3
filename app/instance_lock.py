"""One running instance per database file: an OS file lock beside the database.

The lock dies with the process (a crash or a kill frees it), so no stale lock blocks the user.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import IO

from app.errors import UserError, os_reason
from app.paths import real_path


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        # Keyed on the real file: a symlink and its target (or two spellings of one path) are
        # one database and get one lock.
        real = real_path(db_path)
        self.path = Path(str(real) + ".lock")
        self._handle: IO[bytes] | None = None
        self.held = False  # False after acquire() only in a read-only folder (no lock needed)

    def acquire(self) -> None:
        """Take the lock or raise UserError saying another instance has the file open.

        In a folder that cannot be written there is no lock file to make, and no instance can
        write the database either: carry on without one. The PID written into the lock file is
        only a hint for people; a full disk that refuses it does not stop the program.
        """
        name = self.path.with_suffix("").name
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "a+b", buffering=0)  # held while running
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and not os.access(
                self.path.parent, os.W_OK
            ):
                return
            raise UserError(
                f"无法在数据库“{name}”旁建立锁文件（{os_reason(exc)}）。"
                "请检查磁盘空间和文件夹权限。本次未改动该文件。"
            ) from exc
        try:
            _lock(handle)
        except OSError as exc:
            handle.close()
            raise UserError(
                f"数据库“{name}”已在另一个工作台窗口或命令中打开，请先关闭它。本次未改动该文件。"
            ) from exc
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()).encode())
            handle.flush()
        except OSError:
            pass  # disk full: the lock itself is held, the PID is only a hint
        self._handle = handle
        self.held = True

    def release(self) -> None:
        if self._handle is not None:
            try:
                _unlock(self._handle)
            finally:
                self._handle.close()
                self._handle = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
