"""A roster row with no 联系电话 is the member already stored with the same 姓名 + 出生年月 + 性别
(it was added a second time beside the first), and the preview says so; a namesake born another
month is still a new member, with a note."""

from openpyxl import Workbook
from PySide6.QtCore import Qt

from app.imports.roster import ERROR, NEW, SAME, preview_roster
from app.services.members.registry import MemberInput, create_member, list_members
from app.ui.members.members_page import MembersPage
from app.ui.members.roster_preview import REMARKS_COLUMN


def roster(path, *rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生年月", "界别", "工作单位及职务", "联系电话"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def test_a_row_without_phone_updates_the_member_of_that_birth_month(qtbot, ui_ctx, tmp_path):
    create_member(
        ui_ctx.db,
        MemberInput(
            name="王丽华",
            gender="女",
            birth_month="1975-03",
            sector="民盟",
            work_unit="青石村党支部书记",
            phone="13800001001",
        ),
    )
    path = roster(
        tmp_path / "no-phone.xlsx",
        ("王丽华", "女", "1975.03", "民盟", "青石村党委书记", None),
        ("王丽华", "女", "1982.06", "民盟", "镇文化站站长", None),
    )
    page = MembersPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.file_edit.setText(str(path))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.preview_button.isEnabled)
    model = dialog.outcome_model
    assert [model.index(r, 1).data() for r in range(2)] == ["更新", "新增"]
    assert (
        "按姓名、出生年月、性别认作库中的王丽华（联系电话 13800001001）"
        in model.index(0, REMARKS_COLUMN).data()
    )
    assert (
        "工作单位及职务：青石村党支部书记 → 青石村党委书记" in model.index(0, REMARKS_COLUMN).data()
    )
    assert "库中已有同名委员，本行没有联系电话" in model.index(1, REMARKS_COLUMN).data()
    assert "有 1 行没有联系电话，按姓名、出生年月、性别认作库中已有的委员" in (
        dialog.summary_label.text()
    )
    with qtbot.waitSignal(ui_ctx.bus.data_changed):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(dialog.preview_button.isEnabled)

    ui_ctx.db.dispose()
    stored = sorted((m.birth_month, m.phone, m.work_unit) for m in list_members(ui_ctx.db))
    assert stored == [
        ("1975-03", "13800001001", "青石村党委书记"),  # one 王丽华 of 1975, her phone kept
        ("1982-06", None, "镇文化站站长"),
    ]
    again = preview_roster(ui_ctx.db, path)  # the same file again: nothing new
    assert [o.kind for o in again.outcomes] == [SAME, SAME]


def test_two_stored_members_alike_ask_for_the_phone(db, tmp_path):
    for phone in ("13800001001", "13800001002"):
        create_member(
            db,
            MemberInput(
                name="张伟", gender="男", birth_month="1980-05", sector="经济界", phone=phone
            ),
        )
    plan = preview_roster(
        db, roster(tmp_path / "twins.xlsx", ("张伟", "男", "1980.05", "经济界", "县农商行", None))
    )
    (outcome,) = plan.outcomes
    assert outcome.kind == ERROR and "请填写联系电话" in outcome.message
    assert "未导入任何数据" in plan.summary()
    plan = preview_roster(
        db, roster(tmp_path / "other.xlsx", ("张伟", "男", "", "经济界", "县农商行", "13900000000"))
    )
    assert plan.outcomes[0].kind == NEW  # a phone given: matched by 姓名 + 联系电话 as before
