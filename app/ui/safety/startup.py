"""Opening the database for the window: a damaged file is reported and the latest good backup
offered (从最近的备份恢复); nothing is ever created over it. The day's first start backs up (in the background)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QWidget

from app import APP_NAME
from app.bug_log import log_bug
from app.db import Database
from app.db_file import DatabaseDamagedError, PreflightThread
from app.db_server import is_server_url
from app.errors import UserError
from app.services.safety import backup, restore
from app.storage import open_database, read_only_notice


def damaged_database_box(
    parent: QWidget | None, message: str, latest: Path
) -> tuple[QMessageBox, QPushButton]:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message, parent=parent)
    box.setObjectName("damaged_database_box")
    box.setInformativeText(
        f"最近的完好备份：{latest.name}{backup.describe_choice(latest)}\n恢复前，损坏的文件会另存到备份文件夹，不会删除。"
    )
    restore_button = box.addButton("从最近的备份恢复", QMessageBox.ButtonRole.AcceptRole)
    restore_button.setObjectName("restore_latest_button")
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button)
    return box, restore_button


def ask_restore_latest(parent: QWidget | None, message: str, latest: Path) -> bool:
    """The damaged-database dialog; True when the user chose 从最近的备份恢复."""
    box, restore_button = damaged_database_box(parent, message, latest)
    box.exec()
    return box.clickedButton() is restore_button


def open_for_window(
    db_path: Path, parent: QWidget | None = None, checks: PreflightThread | None = None
) -> Database:
    """Called with the instance lock held. Raises UserError when the window cannot start.
    ``checks`` is the file's preflight, already running in a worker thread."""
    if is_server_url(db_path):  # backed up on the server by its keeper (pg_dump)
        return open_database(db_path)
    try:
        checked = checks.result() if checks is not None else None
        db = open_database(
            db_path,
            before_upgrade=backup.upgrade_backup(backup.folder_for(db_path)),
            checked=checked,
        )
    except DatabaseDamagedError as exc:
        latest = backup.latest_good_backup(backup.folder_for(db_path))
        if latest is None:
            raise UserError(f"{exc.message}\n没有找到可用的备份。") from exc
        if not ask_restore_latest(parent, exc.message, latest):
            raise UserError(
                f'{exc.message}\n可以稍后在命令行运行 python main.py restore "{latest}" 恢复。'
            ) from exc
        restore.restore_file(db_path, latest)
        db = open_database(
            db_path, before_upgrade=backup.upgrade_backup(backup.folder_for(db_path))
        )
    if db.read_only:
        QMessageBox.information(parent, APP_NAME, read_only_notice(db_path))
    return db


class DailyBackup(QObject):
    """The day's first start backs up in a worker thread after the window is shown, so a large
    database does not hold up start-up; the result shows in the status bar (a failure warns)."""

    finished = Signal(str)  # message for the status bar
    failed = Signal(str)

    def __init__(self, window: QMainWindow, db: Database) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._thread: threading.Thread | None = None
        self.finished.connect(lambda text: window.statusBar().showMessage(text, 10000))
        self.failed.connect(
            lambda text: QMessageBox.warning(window, APP_NAME, f"今天的自动备份未完成：{text}")
        )

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="daily-backup", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            made = backup.daily_backup(self._db)
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # logged; the user keeps working
            self.failed.emit(f"程序错误，详情已记入日志：{log_bug(exc)}")
        else:
            if made is not None:
                self.finished.emit(f"今日自动备份已完成：{made.name}")
