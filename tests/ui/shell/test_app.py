from PySide6.QtWidgets import QDialogButtonBox

from app.ui.shell.app import build_window


def test_standard_buttons_read_chinese(ui_ctx):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert any("确定" in t for t in texts) and any("取消" in t for t in texts)


def test_window_refuses_a_database_open_elsewhere(qtbot, ui_ctx, tmp_path, qsettings):
    path = tmp_path / "shared.db"
    window, lock = build_window(path, qsettings)
    qtbot.addWidget(window)
    try:
        import pytest

        from app.errors import UserError

        with pytest.raises(UserError, match="已在另一个"):
            build_window(path, qsettings)
    finally:
        window.ctx.db.dispose()
        lock.release()


def test_qt_calls_do_not_drain_none_refcount(qapp):
    """PySide6 6.12.0 drops a reference to None on every void call and Python 3.11 then aborts
    the whole program after enough calls; pyproject pins a release without that bug."""
    import sys

    from PySide6.QtGui import QFont

    font = QFont("宋体")
    before = sys.getrefcount(None)
    for _ in range(2000):
        font.setPointSizeF(16)
    assert sys.getrefcount(None) > before - 100


def test_windows_carry_the_programs_icon(qtbot, ui_ctx):
    """The 联 icon of the menu entry and the installer is also the window's (task bar)."""
    window, lock = build_window(ui_ctx.db.path, ui_ctx.settings)
    qtbot.addWidget(window)
    try:
        icon = window.windowIcon()
        assert not icon.isNull()
        assert icon.availableSizes()[0].width() == 256
    finally:
        lock.release()
        window.ctx.db.dispose()
