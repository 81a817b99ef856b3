from app.ui.main_window import PAGES, MainWindow


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


def test_pages_are_built_when_first_shown(qtbot, ui_ctx):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    assert set(window.pages) == {"home_page"}
    page = window.go_to("points_page")
    assert page.objectName() == "points_page" and window.page_stack.currentWidget() is page
    assert set(window.pages) == {"home_page", "points_page"}
    assert window.page_stack.count() == len(PAGES)
    assert window.go_to("points_page") is page  # built once
