"""The county picture in the window: 议题库, 接待来访 and 督办 show a 乡镇 filter (全部乡镇 / 本单位 /
each township a package came from) and the township of each row, once packages came in; a
township's own database shows neither."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox
from sqlalchemy import func, select

from app.imports.package_file import read_package
from app.models import Activity, FollowUp, Member, Reception, Topic
from app.services.exchange import identity
from app.services.exchange.importing import import_package
from app.storage import open_database
from app.ui.shell.main_window import MainWindow
from tests.services.exchange.builders import export_package


def township_records(db, town: str) -> None:
    """One topic, one visit, one meeting with an open suggestion and one member, named after
    ``town``."""
    with db.write() as s:
        s.add(Member(name=f"{town}委员", gender="女", birth_month="1975-03"))
        s.add(Topic(title=f"{town}村道硬化", raised_on=date(2026, 3, 1)))
        s.add(Reception(visit_on=date(2026, 3, 2), request=f"{town}路灯坏了"))
        activity = Activity(
            activity_type="协商议事会",
            title=f"{town}协商会",
            start_at=datetime(2026, 4, 2, 9),
            status="已召开",
        )
        activity.follow_ups.append(FollowUp(content=f"{town}修路灯", status="办理中"))
        s.add(activity)


@pytest.fixture
def county_db(ui_ctx, tmp_path):
    """A county with records of its own and the packages of 桃园镇 and 李家镇 imported."""
    identity.set_identity(ui_ctx.db, "县政协", "county")
    township_records(ui_ctx.db, "县里")
    for town in ("桃园镇", "李家镇"):
        db = open_database(tmp_path / f"{town}.db")
        identity.set_identity(db, town, "township")
        township_records(db, town)
        export_package(db, tmp_path / f"{town}.ldpkg")
        db.dispose()
        import_package(ui_ctx.db, read_package(tmp_path / f"{town}.ldpkg"))
    return ui_ctx


@pytest.fixture
def window(qtbot, ui_ctx):
    def make() -> MainWindow:
        shown = MainWindow(ui_ctx)
        qtbot.addWidget(shown)
        shown.show()
        return shown

    return make


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Step to the choice with the arrow keys in the focused filter box, as a clerk picks by
    keyboard (the offscreen platform cannot show a combo's popup)."""
    target = combo.findText(text)
    assert target >= 0, text
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    combo.setFocus()
    for _ in range(abs(target - combo.currentIndex())):
        qtbot.keyClick(combo, key)
    assert combo.currentText() == text


def column(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def header(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_topics_page_filters_by_township(qtbot, county_db, window):
    page = window().go_to("topics_page")
    combo = page.township_filter_combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部乡镇",
        "本单位",
        "李家镇",
        "桃园镇",
    ]
    town = header(page.model).index("乡镇")
    assert not page.topic_table.isColumnHidden(town)
    assert sorted(column(page.model, town)) == ["", "李家镇", "桃园镇"]
    choose(qtbot, combo, "桃园镇")
    assert column(page.model, 1) == ["桃园镇村道硬化"] and column(page.model, town) == ["桃园镇"]
    assert page.count_label.text() == "共 1 项"
    choose(qtbot, combo, "本单位")
    assert column(page.model, 1) == ["县里村道硬化"] and column(page.model, town) == [""]
    choose(qtbot, combo, "全部乡镇")
    assert page.model.rowCount() == 3


def test_receptions_page_filters_by_township(qtbot, county_db, window):
    page = window().go_to("receptions_page")
    combo = page.township_filter_combo
    assert combo.isVisible()
    origin = header(page.model).index("来源")
    assert not page.reception_table.isColumnHidden(origin)
    choose(qtbot, combo, "李家镇")
    assert column(page.model, 4) == ["李家镇路灯坏了"] and column(page.model, origin) == ["李家镇"]
    choose(qtbot, combo, "本单位")
    assert column(page.model, 4) == ["县里路灯坏了"]
    choose(qtbot, combo, "全部乡镇")
    assert sorted(column(page.model, origin)) == ["", "李家镇", "桃园镇"]


def test_follow_up_board_filters_by_the_meetings_township(qtbot, county_db, window):
    page = window().go_to("follow_ups_page")
    combo = page.township_filter_combo
    assert combo.isVisible()
    origin = header(page.proxy).index("来源")
    assert not page.board_table.isColumnHidden(origin)
    assert sorted(column(page.proxy, origin)) == ["", "李家镇", "桃园镇"]
    choose(qtbot, combo, "桃园镇")
    assert column(page.proxy, 2) == ["桃园镇修路灯"] and column(page.proxy, origin) == ["桃园镇"]
    assert page.summary_label.text() == "未办结 1 项"
    assert [r.content for r in page.shown_register().rows] == ["桃园镇修路灯"]  # 督办台账 too
    choose(qtbot, combo, "本单位")
    assert column(page.proxy, 2) == ["县里修路灯"]
    with county_db.db.read() as s:  # nothing was written by filtering
        assert s.scalar(select(func.count()).select_from(FollowUp)) == 3


@pytest.mark.parametrize(
    ("page_name", "table", "origin_header"),
    [
        ("topics_page", "topic_table", "乡镇"),
        ("receptions_page", "reception_table", "来源"),
        ("follow_ups_page", "board_table", "来源"),
    ],
)
def test_a_township_database_shows_no_township_filter(
    qtbot, ui_ctx, window, page_name, table, origin_header
):
    identity.set_identity(ui_ctx.db, "桃园镇", "township")
    township_records(ui_ctx.db, "桃园镇")
    page = window().go_to(page_name)
    assert not page.township_filter_combo.isVisible()
    view = getattr(page, table)
    assert view.isColumnHidden(header(view.model()).index(origin_header))
    assert view.model().rowCount() == 1


def test_points_ranking_filters_by_township_keeping_county_ranks(qtbot, ui_ctx, window, tmp_path):
    """周秀英 met in 桃园镇, 王丽 in 李家镇; 刘强 is on 桃园镇's roster with no record this year."""
    from app.models import Attendance, Member
    from app.services.points import engine
    from app.services.points.rules import load_default

    people = {
        "周秀英": ("女", "1975-03"),
        "王丽": ("女", "1980-01"),
        "刘强": ("男", "1970-05"),
        "张敏": ("女", "1968-07"),
    }

    def roster(db, names):
        with db.write() as s:
            for name in names:
                gender, born = people[name]
                s.add(Member(name=name, gender=gender, birth_month=born))

    identity.set_identity(ui_ctx.db, "县政协", "county")
    roster(ui_ctx.db, people)
    for town, names in (("桃园镇", ["周秀英", "刘强"]), ("李家镇", ["王丽"])):
        db = open_database(tmp_path / f"{town}.db")
        identity.set_identity(db, town, "township")
        roster(db, names)
        with db.write() as s:
            meeting = Activity(
                activity_type="协商议事会",
                title=f"{town}协商会",
                start_at=datetime(2026, 4, 2, 9),
                status="已召开",
            )
            member = s.scalar(select(Member.id).where(Member.name == names[0]))
            meeting.attendances.append(Attendance(member_id=member, status="出席"))
            s.add(meeting)
        export_package(db, tmp_path / f"{town}.ldpkg")
        db.dispose()
        import_package(ui_ctx.db, read_package(tmp_path / f"{town}.ldpkg"))
    load_default(ui_ctx.db, "tongcheng_2019", 2026)
    engine.recalculate(ui_ctx.db, 2026)

    page = window().go_to("points_page")
    page.select_year(2026)
    model = page.ranking_table.proxy

    def shown() -> dict[str, str]:
        return {model.index(r, 1).data(): model.index(r, 0).data() for r in range(model.rowCount())}

    everyone = shown()
    assert set(everyone) == set(people)
    combo = page.township_filter_combo
    assert combo.isVisible()
    choose(qtbot, combo, "桃园镇")
    assert shown() == {"周秀英": everyone["周秀英"], "刘强": everyone["刘强"]}  # county ranks
    assert "只列出桃园镇的委员，排名为全县排名" in page.status_label.text()
    choose(qtbot, combo, "李家镇")
    assert shown() == {"王丽": everyone["王丽"]}
    choose(qtbot, combo, "全部乡镇")
    assert shown() == everyone


def test_a_township_points_page_shows_no_township_filter(qtbot, ui_ctx, window):
    identity.set_identity(ui_ctx.db, "桃园镇", "township")
    page = window().go_to("points_page")
    assert not page.township_filter_combo.isVisible()
    assert "只列出" not in page.status_label.text()


def test_the_origin_column_pushes_no_column_out_at_1366(qtbot, county_db):
    """At 1366 px (the page gets about 1180) the text columns give width back, so 状态, 群众评议
    and 来源 stay whole in view beside the new column."""
    from app.ui.follow_ups.follow_up_page import FollowUpPage
    from app.ui.receptions.receptions_page import ReceptionsPage

    for page_class, table in ((FollowUpPage, "board_table"), (ReceptionsPage, "reception_table")):
        page = page_class(county_db)
        qtbot.addWidget(page)
        with qtbot.waitExposed(page):
            page.show()
        page.resize(1180, 700)
        qtbot.waitUntil(lambda p=page: p.width() == 1180)
        view = getattr(page, table)
        header = view.horizontalHeader()
        for c in range(view.model().columnCount()):
            left = header.sectionViewportPosition(c)
            assert left + header.sectionSize(c) <= view.viewport().width(), (table, c)


@pytest.mark.parametrize(
    ("page_name", "table", "origin_header"),
    [
        ("activities_page", "activity_table", "来源"),
        ("members_page", "member_table", "来源"),
        ("topics_page", "topic_table", "乡镇"),
        ("receptions_page", "reception_table", "来源"),
        ("follow_ups_page", "board_table", "来源"),
    ],
)
def test_a_click_on_the_origin_header_sorts_by_township(
    qtbot, county_db, window, page_name, table, origin_header
):
    """The county's 来源 (乡镇) column sorts like the others: own rows, 李家镇, 桃园镇, and back."""
    page = window().go_to(page_name)
    view = getattr(page, table)
    model = view.model()
    origin = header(model).index(origin_header)
    assert sorted(column(model, origin)) == ["", "李家镇", "桃园镇"]
    view.scrollTo(model.index(0, origin))
    bar = view.horizontalHeader()
    middle = bar.sectionViewportPosition(origin) + bar.sectionSize(origin) // 2
    for expected in (["", "李家镇", "桃园镇"], ["桃园镇", "李家镇", ""]):
        qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
        assert bar.sortIndicatorSection() == origin
        assert column(model, origin) == expected
