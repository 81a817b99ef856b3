"""积分 page: columns sized to their texts without a full view pass, and the 有变动 notice
following edits made elsewhere (read from the stored summary's flags)."""

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Attendance, Room, RoomMember
from app.services.points import engine
from app.ui.points.points_models import ROOMS_MAX_WIDTH
from app.ui.points.points_page import PointsPage
from tests.services.points_builders import activity, att_rule, members, rule_set

Y = 2024


def make_page(qtbot, ui_ctx) -> PointsPage:
    page = PointsPage(ui_ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.select_year(Y)
    return page


def test_columns_fit_their_widest_text_and_long_room_lists_are_capped(qtbot, ui_ctx):
    db = ui_ctx.db
    a, b = members(db, "欧阳明华", "李四", room="桃源镇政协委员联络室")
    with db.write() as s:
        for name in ("桃源镇教育医卫界别委员工作室", "桃源镇青石村“有事好商量”协商议事室"):
            room = Room(name=name)
            s.add(room)
            s.flush()
            s.add(RoomMember(room_id=room.id, member_id=a))
    rule_set(db, Y, [att_rule("A", 12.5)])
    activity(db, date(Y, 3, 1), {a: "出席", b: "缺席"})
    engine.recalculate(db, Y)
    page = make_page(qtbot, ui_ctx)
    view, proxy = page.ranking_table.view, page.ranking_table.proxy
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    rooms = headers.index("所属联络室")
    assert view.columnWidth(rooms) == ROOMS_MAX_WIDTH
    assert "、" in proxy.index(0, rooms).data()
    metrics = view.fontMetrics()
    for column, header in enumerate(headers):
        if column == rooms:
            continue
        widest = max(
            metrics.horizontalAdvance(proxy.index(r, column).data())
            for r in range(proxy.rowCount())
        )
        assert view.columnWidth(column) >= widest, header
    assert proxy.index(0, headers.index("总分")).data() == "12.5"


def test_stale_notice_follows_edits_and_recalculation(qtbot, ui_ctx):
    db = ui_ctx.db
    a, b = members(db, "王丽华", "李建国")
    rule_set(db, Y, [att_rule("A", 5)])
    meeting = activity(db, date(Y, 3, 1), {a: "出席", b: "缺席"})
    engine.recalculate(db, Y)
    page = make_page(qtbot, ui_ctx)
    assert not page.stale_banner.isVisible()
    with db.write() as s:
        s.scalar(
            select(Attendance).where(Attendance.activity_id == meeting, Attendance.member_id == b)
        ).status = "出席"
    page.refresh()
    assert page.stale_banner.isVisible()
    assert page.stale_banner.text_label.text().startswith("排名已过期，请重新计算")
    qtbot.mouseClick(page.recalc_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "重新计算完成" in page.status_label.text(), timeout=5000)
    assert not page.stale_banner.isVisible()
    assert page.ranking_model.rowCount() == 2 and page.ranking.rows[1].total == 5
