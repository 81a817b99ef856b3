"""Opening the database for the window: a damaged file is reported and the latest good backup
offered (从最近的备份恢复); nothing is ever created over it. The day's first start backs up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app import APP_NAME
from app.db import Database
from app.errors import UserError
from app.services import backup, restore
from app.storage import DatabaseDamagedError, open_database


def damaged_database_box(
    parent: QWidget | None, message: str, latest: Path
) -> tuple[QMessageBox, QPushButton]:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message, parent=parent)
    box.setObjectName("damaged_database_box")
    box.setInformativeText(
        f"最近的完好备份：{latest.name}\n恢复前，损坏的文件会另存到备份文件夹，不会删除。"
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


def open_for_window(db_path: Path, parent: QWidget | None = None) -> Database:
    """Called with the instance lock held. Raises UserError when the window cannot start."""
    try:
        db = open_database(db_path, backup_dir=backup.folder_for(db_path))
    except DatabaseDamagedError as exc:
        latest = backup.latest_good_backup(backup.folder_for(db_path))
        if latest is None:
            raise UserError(f"{exc.message}\n没有找到可用的备份。") from exc
        if not ask_restore_latest(parent, exc.message, latest):
            raise UserError(
                f'{exc.message}\n可以稍后在命令行运行 python main.py restore "{latest}" 恢复。'
            ) from exc
        restore.restore_file(db_path, latest)
        db = open_database(db_path, backup_dir=backup.folder_for(db_path))
    try:
        backup.daily_backup(db)
    except UserError as exc:
        QMessageBox.warning(parent, APP_NAME, f"今天的自动备份未完成：{exc.message}")
    return db
