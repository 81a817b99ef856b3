"""The roster import's preview, driven like a clerk: every field as it will be stored, the
cells that cannot be taken as written called out, and the new rooms' 类型 chosen in the table."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog
from sqlalchemy import select

from app.models import Room
from app.services.members.registry import list_members
from app.ui.members.members_page import MembersPage
from app.ui.members.roster_preview import (
    DISPLAY_HEADER,
    REMARKS_COLUMN,
    WARNED_COLOR,
    WARNING_COLOR,
)
from tests.imports.roster_books import bad_roster, category_roster


@pytest.fixture
def chosen_file(monkeypatch):
    """The file the clerk picks in the open dialog."""
    chosen = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen[0]), ""))
    return chosen


def _open_dialog(qtbot, ui_ctx, chosen_file, path):
    page = MembersPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    chosen_file.append(path)
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)  # choosing previews
    qtbot.waitUntil(dialog.preview_button.isEnabled)
    return page, dialog


def _row(dialog, name):
    model = dialog.outcome_model
    for r in range(model.rowCount()):
        if model.index(r, DISPLAY_HEADER.index("姓名")).data() == name:
            return {h: model.index(r, c).data() for c, h in enumerate(DISPLAY_HEADER)}, r
    raise AssertionError(name)


def test_preview_shows_every_field_and_the_warnings(qtbot, ui_ctx, tmp_path, chosen_file):
    _page, dialog = _open_dialog(
        qtbot, ui_ctx, chosen_file, category_roster(tmp_path / "名册.xlsx")
    )
    wang, _ = _row(dialog, "王丽华")
    assert (wang["层级"], wang["常委"], wang["政治面貌"]) == ("县", "是", "中共党员")
    assert (wang["出生年月"], wang["民族"], wang["届次"]) == ("1975.03", "汉族", "十五届")
    assert wang["单位及职务"] == "青石村党支部书记" and wang["专长"] == "农业"
    li, _ = _row(dialog, "李建国")
    assert (li["层级"], li["常委"]) == ("市", "是")
    zhang, r = _row(dialog, "张伟")
    # the row is in view: the 说明 names the column, the tooltip the sheet and row as well
    assert zhang["说明"].startswith("「性别」列：“未知”不是有效的性别")
    assert "「出生年月」列：无法识别“不详”" in zhang["说明"]
    remarks = dialog.outcome_model.index(r, REMARKS_COLUMN)
    assert remarks.data(Qt.ItemDataRole.ForegroundRole).color().name() == WARNING_COLOR
    # the warned row stands out from the plain 新增 rows, and explains itself on every cell
    name_cell = dialog.outcome_model.index(r, DISPLAY_HEADER.index("姓名"))
    assert name_cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == WARNED_COLOR
    assert "无法识别“不详”" in name_cell.data(Qt.ItemDataRole.ToolTipRole)
    table = dialog.outcome_table
    shown = [h for c, h in enumerate(DISPLAY_HEADER) if not table.isColumnHidden(c)]
    assert shown[:4] == ["行号", "结果", "姓名", "说明"]  # why, beside the name
    assert {"性别", "民族", "出生年月", "政治面貌", "界别", "层级", "常委", "届次"} <= set(shown)
    assert "离任日期" not in shown and "工作表" not in shown  # empty, or one sheet only
    assert "有 1 行的部分内容未按原文导入" in dialog.summary_label.text()


def test_new_room_type_is_shown_and_changed_in_the_preview(
    qtbot, ui_ctx, db, tmp_path, chosen_file
):
    page, dialog = _open_dialog(qtbot, ui_ctx, chosen_file, category_roster(tmp_path / "名册.xlsx"))
    rooms = dialog.new_rooms_table
    assert rooms.isVisible() and rooms.rowCount() == 4
    types = {rooms.item(r, 0).text(): rooms.cellWidget(r, 1) for r in range(4)}
    assert {n: c.currentText() for n, c in types.items()} == {
        "青石村委员联络室": "村(社区)级",
        "镇政协委员联络室": "镇(街道)级",
        "镇中心学校委员工作室": "企事业单位",
        "教育界委员工作室": "界别",
    }
    assert rooms.item(3, 2).text() == "2 名"
    combo = types["青石村委员联络室"]
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 村(社区)级 → 企事业单位
    assert combo.currentText() == "企事业单位"
    assert "青石村委员联络室（企事业单位）" in dialog.summary_label.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导入 4 名委员" in dialog.summary_label.text())
    assert not rooms.isVisible()
    with db.read() as s:
        stored = dict(s.execute(select(Room.name, Room.room_type)).all())
    assert stored["青石村委员联络室"] == "企事业单位"
    assert stored["镇政协委员联络室"] == "镇(街道)级"
    members = {m.name: m for m in list_members(db)}
    assert members["王丽华"].is_standing and members["李建国"].level == "市"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert "王丽华" in page.visible_names()


def test_unknown_sector_message_names_the_checkbox_not_a_flag(qtbot, ui_ctx, tmp_path, chosen_file):
    _page, dialog = _open_dialog(qtbot, ui_ctx, chosen_file, bad_roster(tmp_path / "bad.xlsx"))
    text = dialog.summary_label.text()
    assert "请勾选“同时新增界别”后重新预览" in text
    assert dialog.add_sectors_check.text().startswith("同时新增界别")
    remarks = [
        dialog.outcome_model.index(r, REMARKS_COLUMN).data()
        for r in range(dialog.outcome_model.rowCount())
    ]
    assert any("未知界别“火星界”" in t for t in remarks)
    assert not any("--" in t for t in [text, *remarks])
