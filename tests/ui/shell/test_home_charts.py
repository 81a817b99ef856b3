"""首页's charts show the numbers of the 年度工作统计, and a click on a bar opens the list it
counts: the 履职活动 page filtered to that month (held only), the 督办 board filtered to that
status, the room's consultations."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.statistics.report import year_report
from app.ui.shell.main_window import MainWindow
from tests.services.activity_fixtures import make_room

TODAY = date.today()
YEAR = TODAY.year


def meeting(db, room_id, month, kind="协商议事会", status="已召开", follow_ups=(), year=YEAR):
    activities.save_activity(
        db,
        ActivityDraft(
            title=f"{month}月{kind}",
            activity_type=kind,
            room_id=room_id,
            start_at=datetime(year, month, 1, 9),
            status=status,
            follow_ups=list(follow_ups),
        ),
    )


@pytest.fixture
def year_data(ui_ctx):
    db = ui_ctx.db
    green, _ = make_room(db, "青石村委员联络室", [], target=2)
    town, _ = make_room(db, "镇委员联络室", [], target=4)
    meeting(db, green, 1, follow_ups=[FollowUpLine("修路", status="办理中")])
    meeting(db, green, 1, kind="微协商", follow_ups=[FollowUpLine("路灯", status="已采纳")])
    meeting(db, town, 1, kind="调研视察")
    # planned: counted nowhere, not even the suggestion a clerk drafted ahead of it
    meeting(
        db, town, TODAY.month, status="筹备中", follow_ups=[FollowUpLine("预拟", status="办理中")]
    )
    meeting(db, town, 1, year=YEAR - 1)
    meeting(db, town, 1, year=YEAR - 1, kind="政策宣讲")
    return {"green": green, "town": town}


def home_window(qtbot, ui_ctx):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window, window.go_to("home_page")


def click_bar(qtbot, view, series, category, set_index=0):
    value = series.barSets()[set_index].at(category)
    point = view.point_of(series, category, value, set_index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def values(series, set_index=0):
    bars = series.barSets()[set_index]
    return [int(bars.at(i)) for i in range(bars.count())]


def test_home_charts_show_the_yearly_report(qtbot, ui_ctx, year_data):
    _window, home = home_window(qtbot, ui_ctx)
    charts = home.year_charts
    report = year_report(ui_ctx.db, YEAR).stats
    assert values(charts.months_series) == [n for _m, n in report.activities_by_month]
    assert values(charts.months_series, 1) == [
        n for _m, n in year_report(ui_ctx.db, YEAR - 1).stats.activities_by_month
    ]
    assert values(charts.months_series)[0] == 3 and values(charts.months_series, 1)[0] == 2
    shown_status = dict(zip(charts.statuses, values(charts.status_series), strict=True))
    assert shown_status == dict(report.follow_ups.by_status)
    assert shown_status["已采纳"] == 1 and shown_status["办理中"] == 1
    rooms = {r.room_id: (r.consultations, r.consultation_target) for r in report.rooms}
    assert {
        r.room_id: (held, target)
        for r, held, target in zip(
            charts.rooms,
            values(charts.rooms_series),
            values(charts.rooms_series, 1),
            strict=True,
        )
    } == rooms
    assert rooms[year_data["green"]] == (2, 2) and rooms[year_data["town"]] == (0, 4)
    assert charts.rooms[-1].room_id == year_data["town"]  # furthest behind: the top bar


def test_clicking_a_month_opens_that_months_held_activities(qtbot, ui_ctx, year_data):
    window, home = home_window(qtbot, ui_ctx)
    charts = home.year_charts
    click_bar(qtbot, charts.months_view, charts.months_series, 0)
    page = window.page_stack.currentWidget()
    assert page.objectName() == "activities_page"
    flt = page.current_filter()
    assert (flt.year, flt.month, flt.status) == (YEAR, 1, "已召开或已归档")
    assert page.count_label.text() == "共 3 项"
    window.go_to("home_page")
    click_bar(qtbot, charts.months_view, charts.months_series, 0, set_index=1)  # last year
    assert page.current_filter().year == YEAR - 1
    assert page.count_label.text() == "共 2 项"


def test_clicking_a_status_opens_the_board_of_that_status(qtbot, ui_ctx, year_data):
    window, home = home_window(qtbot, ui_ctx)
    charts = home.year_charts
    click_bar(qtbot, charts.status_view, charts.status_series, charts.statuses.index("已采纳"))
    board = window.page_stack.currentWidget()
    assert board.objectName() == "follow_ups_page"
    assert board.status_filter_combo.currentData() == "已采纳"
    assert board.year_filter_combo.currentData() == YEAR
    assert [board.proxy.index(r, 2).data() for r in range(board.proxy.rowCount())] == ["路灯"]


def test_clicking_a_room_opens_its_consultations(qtbot, ui_ctx, year_data):
    window, home = home_window(qtbot, ui_ctx)
    charts = home.year_charts
    row = next(i for i, r in enumerate(charts.rooms) if r.room_id == year_data["green"])
    click_bar(qtbot, charts.rooms_view, charts.rooms_series, row)
    page = window.page_stack.currentWidget()
    assert page.objectName() == "activities_page"
    flt = page.current_filter()
    assert (flt.room_id, flt.activity_type, flt.year) == (
        year_data["green"],
        "协商议事会或微协商",
        YEAR,
    )
    assert page.count_label.text() == "共 2 项"


def test_a_county_shows_the_rooms_furthest_behind(qtbot, ui_ctx):
    from app.ui.statistics.year_charts import ROOMS_SHOWN

    ids = [make_room(ui_ctx.db, f"第{n + 1}村委员联络室", [], target=3)[0] for n in range(12)]
    for room_id in ids[:10]:  # two rooms hold nothing: they are the ones shown first
        meeting(ui_ctx.db, room_id, 1)
    _window, home = home_window(qtbot, ui_ctx)
    charts = home.year_charts
    assert len(charts.rooms) == ROOMS_SHOWN
    assert {r.room_id for r in charts.rooms[-2:]} == set(ids[10:])
    assert "差距最大的" in charts.rooms_view.chart().title()


def test_an_empty_year_counts_in_whole_steps(qtbot, ui_ctx):
    """A new database: every chart's count axis reads 0 1, never "0 0 0 0 0 1" (steps of 0.2
    printed as whole numbers)."""
    from PySide6.QtCharts import QValueAxis

    _, home = home_window(qtbot, ui_ctx)
    charts = home.year_charts
    for view in (charts.months_view, charts.status_view, charts.rooms_view):
        axes = [a for a in view.chart().axes() if isinstance(a, QValueAxis)]
        assert axes, view.objectName()
        for axis in axes:
            steps = axis.tickCount() - 1
            step = (axis.max() - axis.min()) / steps
            assert step == int(step) and step >= 1, (
                view.objectName(),
                axis.tickCount(),
                axis.max(),
            )
