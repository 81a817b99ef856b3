"""One word for opening a record in its editor: every list page's button says 编辑 (履职活动 said
打开, the others 编辑); 打开 is left to files (附件, 备份文件夹)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.window_at_size import click_page, demo_window

LIST_PAGES = ("联络室", "委员", "议题库", "履职活动", "接待来访")


def test_every_list_page_opens_its_record_with_edit(qtbot, ui_ctx):
    window = demo_window(qtbot, ui_ctx, 1366)
    for label in (*LIST_PAGES, "督办"):
        page = click_page(qtbot, window, label)
        words = [b.text() for b in page.findChildren(QPushButton) if b.isVisible()]
        assert not [w for w in words if w.startswith("打开")], (label, words)
        if label in LIST_PAGES:
            assert "编辑" in words, (label, words)

    page = click_page(qtbot, window, "履职活动")
    page.activity_table.selectRow(0)
    title = page.model.row_at(0).title
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editors[-1]
    assert editor.isVisible() and title in editor.windowTitle()
    editor.reject()
