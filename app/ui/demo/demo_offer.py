"""On the first start with an empty default database, offer to load the township 示例数据."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.db import Database
from app.services.changes import Changes
from app.services.demo import clear as demo_clear
from app.services.demo import generate as demo
from app.ui.common.actions import FAILED, run_action, with_wait_cursor

OFFERED_KEY = "demo/offered"


def should_offer_demo(chosen_path: str | None, db: Database, settings: QSettings) -> bool:
    """Only the default database (never a --db path), only when it has no members, only once."""
    if chosen_path is not None:
        return False
    if settings.value(OFFERED_KEY, False, type=bool):
        return False
    return not demo.has_members(db)


def offer_demo(window) -> bool:  # MainWindow (import cycle otherwise)
    """Ask once; on yes load the township demo and refresh every page. Returns whether loaded."""
    ctx = window.ctx
    ctx.settings.setValue(OFFERED_KEY, True)
    answer = QMessageBox.question(
        window,
        "载入示例数据",
        "数据库中还没有任何记录。\n\n是否载入一个乡镇的示例数据（约 40 名委员、6 个联络室、"
        "两年的履职活动），先熟悉工作台的用法？\n\n示例数据中的人名、单位均为虚构，"
        "仅供熟悉操作；熟悉之后，用“文件 → 清空示例数据，开始正式使用”一步清空。",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    summary = run_action(
        window,
        ctx,
        with_wait_cursor(lambda: demo.load_demo(ctx.db, "township")),
        changes=Changes.all(),
        title="示例数据未载入",
    )
    if summary is FAILED:
        return False
    window.statusBar().showMessage(summary.lines()[0], 10_000)
    return True


def ask_clear_demo(window, ctx) -> bool:  # MainWindow, UiContext
    """Confirm, then empty the demo database (a backup is made first)."""
    answer = QMessageBox.question(
        window,
        "清空示例数据",
        "将删除示例数据载入的委员、联络室、议题、履职活动、履职成果、接待来访和积分记录，"
        "之后导入或录入的正式数据和已定稿年度不受影响，界别、检查项和设置保留。\n\n清空前会自动备份，需要时可从备份恢复。"
        "确定清空吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    result = run_action(
        window,
        ctx,
        lambda: demo_clear.clear_demo(ctx.db),
        changes=Changes.all(),
        title="示例数据未清空",
    )
    if result is FAILED:
        return False
    window.statusBar().showMessage(result.describe() + "可以开始正式使用。", 10_000)
    return True
