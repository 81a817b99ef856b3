from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.ui.shell.main_window import MainWindow
from tests.services.activity_fixtures import make_room


def test_home_shows_counts_and_links(qtbot, ui_ctx):
    today = date.today()
    room_id, _ = make_room(ui_ctx.db, "青石村委员联络室", [], target=12)
    activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="本月协商",
            room_id=room_id,
            start_at=datetime(today.year, today.month, 1, 9),
            follow_ups=[
                FollowUpLine("逾期事项", due_on=today - timedelta(days=2), status="办理中"),
                FollowUpLine("按期事项", due_on=today + timedelta(days=2), status="办理中"),
            ],
        ),
    )
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    home = window.go_to("home_page")
    assert ">1</span>" in home.overdue_card.number_label.text()
    assert home.overdue_card.property("alert") is True
    assert ">2</span>" in home.open_card.number_label.text()
    assert ">1</span>" in home.month_card.number_label.text()
    assert "本月协商" in home.month_label.text()
    behind_expected = today.month > 1  # target 12: one a month; a meeting 筹备中 does not count
    assert ("青石村委员联络室" in home.behind_label.text()) == behind_expected
    qtbot.mouseClick(home.follow_ups_link, Qt.MouseButton.LeftButton)
    assert window.page_stack.currentWidget().objectName() == "follow_ups_page"


def test_cards_and_room_names_open_what_they_show(qtbot, ui_ctx):
    today = date.today()
    room_id, _ = make_room(ui_ctx.db, "青石村委员联络室", [], target=12)
    other_id, _ = make_room(ui_ctx.db, "新华社区委员工作室", [], target=0)
    for room, day in ((room_id, 1), (other_id, 2)):
        activities.save_activity(
            ui_ctx.db,
            ActivityDraft(
                title=f"活动{day}", room_id=room, start_at=datetime(today.year, today.month, day, 9)
            ),
        )
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    home = window.go_to("home_page")
    assert home.month_card.cursor().shape() == Qt.CursorShape.PointingHandCursor
    qtbot.mouseClick(home.month_card, Qt.MouseButton.LeftButton)
    page = window.page_stack.currentWidget()
    assert page.objectName() == "activities_page"
    assert page.year_filter_combo.currentData() == today.year
    assert page.month_filter_combo.currentData() == today.month
    assert page.count_label.text() == "共 2 项"

    home = window.go_to("home_page")
    qtbot.mouseClick(home.overdue_card, Qt.MouseButton.LeftButton)
    assert window.page_stack.currentWidget().objectName() == "follow_ups_page"
    home = window.go_to("home_page")
    home.behind_card.setFocus()
    qtbot.keyClick(home.behind_card, Qt.Key.Key_Return)
    assert window.page_stack.currentWidget().objectName() == "rooms_page"
    if today.month == 1:
        return  # in January no room is behind yet
    home = window.go_to("home_page")
    assert f"<a href='{room_id}'" in home.behind_label.text()
    home.behind_label.setFocus()
    qtbot.keyClick(home.behind_label, Qt.Key.Key_Tab)  # to the first room's name
    qtbot.keyClick(home.behind_label, Qt.Key.Key_Return)
    page = window.page_stack.currentWidget()
    assert page.objectName() == "activities_page"
    assert page.room_filter_combo.currentData() == room_id
    assert page.month_filter_combo.currentData() is None
    assert page.count_label.text() == "共 1 项"


def test_home_lists_stay_short_at_county_scale(qtbot, ui_ctx):
    from app.ui.shell.home_page import HOME_LIST_LINES

    for n in range(HOME_LIST_LINES + 3):
        make_room(ui_ctx.db, f"第{n + 1}村委员联络室", [], target=12)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    home = window.go_to("home_page")
    text = home.behind_label.text()
    if date.today().month > 1:  # by February every room with no meeting is behind
        assert text.count("委员联络室</a>") == HOME_LIST_LINES
        assert f"……共 {HOME_LIST_LINES + 3} 个，见“联络室”" in text
        assert window.height() < 1000  # the list does not stretch the window off the screen


def test_this_months_list_shows_what_comes_next_first():
    from types import SimpleNamespace

    from app.ui.shell.home_page import around_today

    rows = [SimpleNamespace(start_at=datetime(2026, 11, d, 9)) for d in range(1, 31)]
    shown = around_today(rows, date(2026, 11, 22), most=5)
    assert [r.start_at.day for r in shown] == [22, 23, 24, 25, 26]
    shown = around_today(rows, date(2026, 11, 28), most=5)
    assert [r.start_at.day for r in shown] == [26, 27, 28, 29, 30]  # room left: latest past ones
    assert [r.start_at.day for r in around_today(rows[:3], date(2026, 11, 22))] == [1, 2, 3]


def test_a_busy_month_says_how_many_more(qtbot, ui_ctx):
    from app.ui.shell.home_page import HOME_LIST_LINES

    today = date.today()
    room_id, _ = make_room(ui_ctx.db, "青石村委员联络室", [], target=12)
    for n in range(HOME_LIST_LINES + 2):
        activities.save_activity(
            ui_ctx.db,
            ActivityDraft(
                title=f"第{n + 1}次走访",
                room_id=room_id,
                start_at=datetime(today.year, today.month, 1, 9),
            ),
        )
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    text = window.go_to("home_page").month_label.text()
    assert text.count("走访") == HOME_LIST_LINES
    assert f"……共 {HOME_LIST_LINES + 2} 项，见“履职活动”" in text
