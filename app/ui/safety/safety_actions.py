"""文件 → 备份到… / 从备份恢复…, shared by the menu and the 数据安全 settings tab.

Restoring reopens the database in place: the window keeps running, ``ctx.db`` is replaced by the
restored (and, if older, upgraded) database and every page refreshes. The instance lock taken at
start stays held the whole time, so no other window or command can touch the file meanwhile.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.changes import Changes
from app.services.safety import attachment_backup, backup, restore, server_backup
from app.storage import open_database
from app.ui.common.actions import FAILED, run_action, with_wait_cursor
from app.ui.common.errors import show_error
from app.ui.common.file_dialogs import ask_open_path, ask_save_path
from app.ui.common.tasks import BackgroundTask
from app.ui.shell.context import UiContext

DB_FILTER = "工作台备份 (*.db);;所有文件 (*)"


def _backup_work(db, out: Path, progress) -> Path:  # runs in the worker thread
    progress.step(0, 0, "正在备份并检查备份文件……")
    return backup.backup_to(db, out)


def backup_to_file(parent: QWidget, ctx: UiContext, out: Path) -> BackgroundTask:
    """Copy the database to ``out`` off the UI thread; reports success or the reason it failed."""
    task = BackgroundTask(parent, "备份数据库", _backup_work, ctx.db, Path(out))
    task.finished.connect(lambda path: _tell_backup_done(parent, path, ctx.db))
    task.finished.connect(lambda _path: ctx.changed(Changes(backups=True)))
    task.failed.connect(lambda exc: show_error(parent, exc, "备份未完成"))
    task.start()
    return task


def _tell_backup_done(parent: QWidget, path: Path, db) -> None:
    if db.is_server:  # pg_dump's file, or without a usable pg_dump the 整库数据包
        note = server_backup.fallback_note(db, path)
        text = f"已备份到：\n{path}" + (f"\n\n{note}" if note else "")
        QMessageBox.information(parent, "备份完成", text)
        return
    beside = attachment_backup.folder_beside(path)
    extra = f"\n附件文件在：\n{beside}" if beside.is_dir() else ""
    QMessageBox.information(
        parent, "备份完成", f"已备份到：\n{path}\n\n备份文件已通过完整性检查。{extra}"
    )


def ask_backup_to(parent: QWidget, ctx: UiContext) -> BackgroundTask | None:
    name = f"委员联络室工作台备份-{datetime.now().strftime('%Y%m%d-%H%M')}.db"
    chosen = ask_save_path(parent, ctx.settings, "备份到", name, DB_FILTER)
    if chosen is None:
        return None
    target = str(chosen)
    return backup_to_file(parent, ctx, Path(target))


def restore_from_file(parent: QWidget, ctx: UiContext, source: Path) -> bool:
    """Check ``source``, ask, keep the current database, replace it and reopen. True if done."""
    check = run_action(parent, ctx, lambda: restore.inspect_backup(source), title="不能恢复")
    if check is FAILED:
        return False
    answer = QMessageBox.question(
        parent,
        "从备份恢复",
        f"{check.describe()}\n\n恢复后，当前数据库中的内容将被这份备份替换"
        "（当前数据库会先另存到备份文件夹，可以再恢复回来）。确定要恢复吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    db_path = ctx.db.path

    def replace_and_reopen() -> Path | None:
        ctx.db.dispose()
        kept = restore.restore_file(db_path, source)
        ctx.db = open_database(
            db_path, before_upgrade=backup.upgrade_backup(backup.folder_for(db_path))
        )
        return kept

    kept = run_action(
        parent, ctx, with_wait_cursor(replace_and_reopen), changes=Changes.all(), title="恢复未完成"
    )
    if kept is FAILED:
        return False
    kept_text = f"\n原数据库已另存为：\n{kept}" if kept else ""
    QMessageBox.information(parent, "恢复完成", f"已从“{Path(source).name}”恢复。{kept_text}")
    return True


def ask_restore(parent: QWidget, ctx: UiContext) -> bool:
    chosen = ask_open_path(
        parent, ctx.settings, "从备份恢复", DB_FILTER, folder=backup.folder_for(ctx.db.path)
    )
    if chosen is None:
        return False
    source = str(chosen)
    return restore_from_file(parent, ctx, Path(source))
