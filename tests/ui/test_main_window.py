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


def test_main_window_on_demo_data_visits_every_page(qtbot, ui_ctx):
    from datetime import date

    from app.services.demo import load_demo

    load_demo(ui_ctx.db, "township", seed=1, today=date(2026, 6, 30))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    for row, (_label, name, _factory) in enumerate(PAGES):
        window.nav_list.setCurrentRow(row)
        page = window.page_stack.currentWidget()
        assert page.objectName() == name
        assert page.isVisible()
    home = window.go_to("home_page")
    assert "委员 40 名" in home.summary_label.text()
    assert "联络室 6 个" in home.summary_label.text()
    members = window.go_to("members_page")
    assert members.model.rowCount() == 40
    activities = window.go_to("activities_page")
    assert activities.model.rowCount() > 100
    types = {activities.model.row_values(r)[1] for r in range(activities.model.rowCount())}
    assert {"协商议事会", "调研视察", "政策宣讲"} <= types
    rooms = window.go_to("rooms_page")
    names = [rooms.model.row_values(r)[0] for r in range(rooms.model.rowCount())]
    assert any(n.endswith("镇政协委员联络室") for n in names)
    receptions = window.go_to("receptions_page")
    shown = [receptions.model.row_values(r)[1] for r in range(receptions.model.rowCount())]
    assert "（匿名）" in shown
