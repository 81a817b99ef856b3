from app.ui.shell.main_window import PAGES, MainWindow


def test_every_page_opens_and_last_page_is_remembered(qtbot, ui_ctx):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    for row, (label, name, _factory) in enumerate(PAGES):
        window.nav_list.setCurrentRow(row)
        assert window.page_stack.currentWidget().objectName() == name
        assert window.nav_list.item(row).text() == label
    window.go_to("members_page")
    window.close()

    again = MainWindow(ui_ctx)
    qtbot.addWidget(again)
    assert again.page_stack.currentWidget().objectName() == "members_page"
    assert str(ui_ctx.db.path) in again.db_label.text()


def _shown_table(page):
    """The page's main table as the user sees it: (row count, every cell's text)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    views = [v for v in page.findChildren(QTableView) if v.isVisible() and v.model()]
    view = max(views, key=lambda v: v.model().rowCount())
    model = view.model()
    texts = {
        str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole))
        for r in range(min(model.rowCount(), 500))
        for c in range(model.columnCount())
    }
    return model.rowCount(), texts


def test_main_window_on_demo_data_visits_every_page(qtbot, ui_ctx):
    from datetime import date

    from app.services.demo.generate import load_demo

    load_demo(ui_ctx.db, "township", seed=1, today=date(2026, 6, 30))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    for row, (_label, name, _factory) in enumerate(PAGES):
        window.nav_list.setCurrentRow(row)
        page = window.page_stack.currentWidget()
        assert page.objectName() == name
        assert page.isVisible()
    count, _ = _shown_table(window.go_to("members_page"))
    assert count == 39  # the page shows 在任 members; one demo member left (离任)
    count, texts = _shown_table(window.go_to("activities_page"))
    assert count > 100
    assert {"协商议事会", "调研视察", "政策宣讲"} <= texts
    _, texts = _shown_table(window.go_to("rooms_page"))
    assert any(t.endswith("镇政协委员联络室") for t in texts)
    _, texts = _shown_table(window.go_to("receptions_page"))
    assert any("匿名" in t for t in texts)


def test_pages_are_built_when_first_shown(qtbot, ui_ctx):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    assert set(window.pages) == {"home_page"}
    page = window.go_to("points_page")
    assert page.objectName() == "points_page" and window.page_stack.currentWidget() is page
    assert set(window.pages) == {"home_page", "points_page"}
    assert window.page_stack.count() == len(PAGES)
    assert window.go_to("points_page") is page  # built once


def test_file_menu_clears_demo_data_after_confirmation(qtbot, ui_ctx, monkeypatch):
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from app.services.changes import Changes
    from app.services.demo import generate as demo
    from app.services.listing import list_members

    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    assert not window.clear_demo_action.isVisible()  # nothing to clear in real data
    demo.load_demo(ui_ctx.db, "township", today=date(2026, 6, 30))
    ui_ctx.changed(Changes.all())  # as loading the demo from the menu does
    assert window.clear_demo_action.isVisible()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.clear_demo_action.trigger()
    assert len(list_members(ui_ctx.db).rows) == 40  # 否 keeps everything

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.clear_demo_action.trigger()
    assert list_members(ui_ctx.db).rows == []
    assert not window.clear_demo_action.isVisible()
    assert "已清空示例数据" in window.statusBar().currentMessage()
