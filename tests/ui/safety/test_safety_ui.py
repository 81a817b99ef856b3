import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError
from app.models import Member
from app.services.safety import app_lock, backup
from app.ui.safety import safety_actions
from app.ui.safety import startup as safety_startup
from app.ui.safety.lock_guard import IdleLockGuard
from app.ui.safety.lock_tab import LockTab
from app.ui.safety.safety_tabs import AuditLogTab, DataSafetyTab
from app.ui.shell.app import build_window
from app.ui.shell.main_window import MainWindow
from tests.damaged_db import damaged_database_with_backup


@pytest.fixture
def told(monkeypatch):
    """Every information/warning box is recorded instead of shown."""
    seen = []
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(
            QMessageBox, name, lambda parent, title, text, *a, _n=name: seen.append((_n, text))
        )
    return seen


def _add(db, name):
    with db.write() as session:
        session.add(Member(name=name))


def test_file_menu_has_backup_and_restore_before_quit(qtbot, ui_ctx):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator() and a.isVisible()]
    assert texts == [
        "备份到(&B)…",
        "从备份恢复(&R)…",
        "导出数据包(&E)…",
        "导入数据包(&I)…",
        "核对待确认的委员(&M)…",
        "退出(&X)",
    ]  # 清空示例数据 only for demo data


def test_backup_to_runs_off_the_ui_thread(qtbot, ui_ctx, tmp_path, told):
    _add(ui_ctx.db, "张三")
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    task = safety_actions.backup_to_file(window, ui_ctx, tmp_path / "usb.db")
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert told[-1][0] == "information" and "usb.db" in told[-1][1]
    names = [r[0] for r in sqlite3.connect(tmp_path / "usb.db").execute("SELECT name FROM member")]
    assert names == ["张三"]


def test_restore_reopens_database_in_place(qtbot, ui_ctx, tmp_path, told, monkeypatch):
    _add(ui_ctx.db, "张三")
    saved = backup.backup_to(ui_ctx.db, tmp_path / "b.db")
    _add(ui_ctx.db, "李四")
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    page = window.go_to("members_page")
    assert page.model.rowCount() == 2
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    assert safety_actions.restore_from_file(window, ui_ctx, saved)
    assert "委员 1 人" in asked[0] and "另存" in asked[0]
    assert page.model.rowCount() == 1  # the page refreshed from the restored database
    with ui_ctx.db.read() as session:
        assert [m.name for m in session.query(Member)] == ["张三"]
    assert told[-1][0] == "information" and "原数据库已另存为" in told[-1][1]


def test_restore_declined_or_bad_file_changes_nothing(qtbot, ui_ctx, tmp_path, told, monkeypatch):
    _add(ui_ctx.db, "张三")
    saved = backup.backup_to(ui_ctx.db, tmp_path / "b.db")
    _add(ui_ctx.db, "李四")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    assert not safety_actions.restore_from_file(None, ui_ctx, saved)
    bad = tmp_path / "bad.db"
    bad.write_text("not a database", encoding="utf-8")
    assert not safety_actions.restore_from_file(None, ui_ctx, bad)
    assert told[-1][0] == "warning" and "不是工作台的备份文件" in told[-1][1]
    with ui_ctx.db.read() as session:
        assert session.query(Member).count() == 2


def test_data_safety_tab_checks_and_backs_up(qtbot, ui_ctx, app_home):
    tab = DataSafetyTab(ui_ctx)
    qtbot.addWidget(tab)
    qtbot.mouseClick(tab.run_check_button, Qt.MouseButton.LeftButton)
    assert "未发现问题" in tab.result_label.text()
    qtbot.mouseClick(tab.backup_now_button, Qt.MouseButton.LeftButton)
    assert "已通过完整性检查" in tab.result_label.text()
    assert tab.backup_model.rowCount() == 1
    assert tab.backup_model.row_values(0)[1] == "手动备份"
    assert len(list((app_home / "backups").rglob("*.db"))) == 1


def test_data_safety_tab_shows_problems(qtbot, ui_ctx):
    from datetime import date

    from app.models import Submission

    with ui_ctx.db.write() as session:
        session.add(Submission(kind="提案", title="孤儿提案", submitted_on=date(2025, 1, 1)))
    tab = DataSafetyTab(ui_ctx)
    qtbot.addWidget(tab)
    qtbot.mouseClick(tab.run_check_button, Qt.MouseButton.LeftButton)
    assert "1 个问题" in tab.result_label.text() and "孤儿提案" in tab.result_label.text()


def test_audit_log_tab_lists_changes(qtbot, ui_ctx):
    _add(ui_ctx.db, "张三")
    tab = AuditLogTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.table_combo.setCurrentIndex(tab.table_combo.findData("member"))
    assert tab.audit_model.rowCount() == 1
    ui_ctx.db.actor = "王芳（县政协-01）"
    _add(ui_ctx.db, "李四")
    tab.refresh()
    assert tab.audit_model.row_values(0)[1:4] == ["王芳（县政协-01）", "新增", "委员"]
    assert tab.audit_model.row_values(1)[2:4] == ["新增", "委员"]
    view = tab.audit_table.view
    headers = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["时间", "操作人", "操作", "记录类别", "说明"]  # no internal 记录编号
    assert view.model().columnCount() == 5


def test_lock_tab_sets_password_and_idle_lock_works(qtbot, ui_ctx, monkeypatch, told):
    monkeypatch.setattr(app_lock, "SCRYPT_N", 2**10)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    guard = IdleLockGuard(window, ui_ctx)
    assert not guard.timer.isActive()
    tab = LockTab(ui_ctx)
    qtbot.addWidget(tab)
    assert "不会加密数据库文件" in tab.note_label.text()
    qtbot.keyClicks(tab.password_edit, "mima1234")
    qtbot.keyClicks(tab.confirm_edit, "mima9999")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "不一致" in told[-1][1]
    assert tab.password_edit.text() == "mima1234"  # the typed input stays
    tab.confirm_edit.clear()
    qtbot.keyClicks(tab.confirm_edit, "mima1234")
    tab.idle_spin.setValue(3)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "已启用：3 分钟" in tab.status_label.text()
    assert guard.timer.isActive() and guard.timer.interval() == 3 * 60_000

    window.show()
    guard.timer.timeout.emit()  # the idle time has passed
    assert guard.locked and not window.centralWidget().isVisible()
    dialog = guard.dialog
    qtbot.keyClicks(dialog.password_edit, "wrong")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert "密码不正确" in dialog.message_label.text() and guard.locked
    qtbot.keyClicks(dialog.password_edit, "mima1234")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert not guard.locked and window.centralWidget().isVisible()
    assert guard.timer.isActive()
    guard.detach()


def test_damaged_database_offers_latest_backup(
    qtbot, tmp_path, qsettings, monkeypatch, app_home, qapp
):
    path = damaged_database_with_backup(tmp_path / "x.db", "张三")
    offered = []
    monkeypatch.setattr(
        safety_startup, "ask_restore_latest", lambda parent, msg, latest: offered.append(msg)
    )
    with pytest.raises(UserError, match="restore"):
        build_window(path, qsettings)  # declined: the window does not open, nothing replaced
    assert "已损坏" in offered[0]
    monkeypatch.setattr(safety_startup, "ask_restore_latest", lambda *a: True)
    window, lock = build_window(path, qsettings)
    qtbot.addWidget(window)
    with window.ctx.db.read() as session:
        assert [m.name for m in session.query(Member)] == ["张三"]
    assert list((app_home / "backups").rglob("恢复前备份-*-已损坏.db"))
    window.lock_guard.detach()
    window.ctx.db.dispose()
    lock.release()


def test_user_input_postpones_the_idle_lock(qtbot, ui_ctx, monkeypatch):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    monkeypatch.setattr(app_lock, "SCRYPT_N", 2**10)
    app_lock.set_password(ui_ctx.db, "abcdef", "abcdef", 1)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    guard = IdleLockGuard(window, ui_ctx)
    guard.timer.start(1000)  # nearly idle long enough (1 minute is set)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    guard.eventFilter(window, event)
    assert guard.timer.remainingTime() > 50_000 and not guard.locked
    guard.detach()


def test_damaged_database_box_offers_restore(qtbot, tmp_path):
    box, restore_button = safety_startup.damaged_database_box(
        None, "数据库已损坏。", tmp_path / "b.db"
    )
    qtbot.addWidget(box)
    assert restore_button.text() == "从最近的备份恢复"
    assert [b.text() for b in box.buttons()] == ["从最近的备份恢复", "退出"]
    assert "不会删除" in box.informativeText()


def test_window_with_password_starts_locked(qtbot, tmp_path, qsettings, monkeypatch, qapp):
    from app.storage import open_database

    monkeypatch.setattr(app_lock, "SCRYPT_N", 2**10)
    path = tmp_path / "x.db"
    db = open_database(path)
    app_lock.set_password(db, "abcdef", "abcdef", 10)
    db.dispose()
    window, lock = build_window(path, qsettings)
    qtbot.addWidget(window)
    window.show()
    window.lock_guard.lock_if_enabled()  # what run_gui does after show()
    assert window.lock_guard.locked and not window.centralWidget().isVisible()
    window.lock_guard.dialog.password_edit.setText("abcdef")
    window.lock_guard.dialog.try_unlock()
    assert not window.lock_guard.locked and window.centralWidget().isVisible()
    window.lock_guard.detach()
    window.ctx.db.dispose()
    lock.release()


def test_restore_the_backup_selected_in_the_list(qtbot, ui_ctx, monkeypatch, told):
    _add(ui_ctx.db, "张三")
    tab = DataSafetyTab(ui_ctx)
    qtbot.addWidget(tab)
    qtbot.mouseClick(tab.backup_now_button, Qt.MouseButton.LeftButton)
    _add(ui_ctx.db, "李四")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.backup_table.view.selectRow(0)
    qtbot.mouseClick(tab.restore_selected_button, Qt.MouseButton.LeftButton)
    with ui_ctx.db.read() as session:
        assert [m.name for m in session.query(Member)] == ["张三"]
    kinds = [tab.backup_model.row_values(r)[1] for r in range(tab.backup_model.rowCount())]
    assert sorted(kinds) == ["恢复前备份", "手动备份"]


def test_lock_covers_an_open_editor_without_losing_its_input(qtbot, ui_ctx, monkeypatch):
    from PySide6.QtWidgets import QDialog, QLineEdit

    monkeypatch.setattr(app_lock, "SCRYPT_N", 2**10)
    app_lock.set_password(ui_ctx.db, "abcdef", "abcdef", 5)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    editor = QDialog(window)
    qtbot.addWidget(editor)
    edit = QLineEdit("王丽华 13800001001", editor)
    editor.show()
    guard = IdleLockGuard(window, ui_ctx)
    guard.lock_now()
    cover = editor.findChild(QWidget, "lock_cover")
    assert cover is not None and cover.isVisible() and cover.geometry() == editor.rect()
    guard.dialog.password_edit.setText("abcdef")
    guard.dialog.try_unlock()
    qtbot.waitUntil(lambda: editor.findChild(QWidget, "lock_cover") is None)
    assert edit.text() == "王丽华 13800001001" and editor.isVisible()
    guard.detach()


def test_reminder_to_back_up_to_usb(qtbot, ui_ctx, tmp_path, told):
    from datetime import datetime, timedelta

    tab = DataSafetyTab(ui_ctx)
    qtbot.addWidget(tab)
    assert "还没有把数据备份到其他位置" in tab.reminder_label.text()
    task = safety_actions.backup_to_file(tab, ui_ctx, tmp_path / "usb.db")
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    tab.refresh()
    assert "（0 天前）" in tab.reminder_label.text()
    text, warn = backup.external_backup_reminder(ui_ctx.db, datetime.now() + timedelta(days=45))
    assert warn and "已超过 30 天" in text


def test_daily_backup_runs_after_the_window_is_shown(qtbot, ui_ctx, app_home):
    from app.services.safety import backup
    from app.ui.safety.startup import DailyBackup
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    daily = DailyBackup(window, ui_ctx.db)
    with qtbot.waitSignal(daily.finished, timeout=20000):
        daily.start()
    daily.wait()
    assert "今日自动备份已完成" in window.statusBar().currentMessage()
    made = backup.list_backups(backup.folder_for(ui_ctx.db.path))
    assert [b.kind for b in made] == ["每日备份"]
    again = DailyBackup(window, ui_ctx.db)  # a second start the same day: nothing more
    again.start()
    again.wait()
    assert len(backup.list_backups(backup.folder_for(ui_ctx.db.path))) == 1
