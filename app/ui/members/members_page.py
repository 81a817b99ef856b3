"""委员 page: the member table (姓氏笔画 order, pinyin search, filters), edit, delete/离任,
import from Excel, export the roster, and a detail pane of the selected member."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.models.vocab import MEMBER_LEVELS, MEMBER_STATUSES
from app.services.activities.activity_list import room_choices
from app.services.changes import Changes
from app.services.exchange import history
from app.services.members import registry as member_service
from app.services.members.sectors import sector_names
from app.ui.common.actions import run_action
from app.ui.common.column_fit import FITTING, ColumnFit
from app.ui.common.detail_splitter import DetailSplitter
from app.ui.members.member_dialog import MemberDialog
from app.ui.members.member_models import (
    ALL,
    NAME_COLUMN,
    ORIGIN_COLUMN,
    OWN_UNIT,
    MemberFilterProxy,
    MemberTableModel,
)
from app.ui.shell.context import UiContext

if TYPE_CHECKING:  # the roster import/export (openpyxl) loads when first used
    from app.ui.members.archive_dialog import MemberArchiveDialog
    from app.ui.members.roster_dialogs import RosterImportDialog

# 姓名 性别 出生年月 界别 层级 常委 工作单位及职务 联系电话 联络室 状态
# 866 px: 状态 in view beside the detail pane at 1366 px; wider screens give the spare width to
# 工作单位及职务 and 联络室 (ColumnFit)
COLUMN_WIDTHS = (72, 44, 70, 88, 64, 44, 180, 104, 150, 50)


def _filter_combo(parent: QWidget, name: str, items: list[str], current: str = ALL) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItems([ALL, *items])
    combo.setCurrentText(current)
    combo.setMinimumContentsLength(6)
    return combo


class MembersPage(QWidget):
    # the detail pane lists rooms, activities and this year's points
    shows = Changes(members=True, sectors=True, rooms=True, activities=True, points=True)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None  # the open dialog (tests drive it)
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setPlaceholderText("搜索姓名或拼音首字母（如 wlh）、单位、电话（Ctrl+F）")
        self.search_edit.setClearButtonEnabled(True)
        self.sector_filter = _filter_combo(self, "sector_filter", [])
        self.level_filter = _filter_combo(self, "level_filter", list(MEMBER_LEVELS))
        self.room_filter = _filter_combo(self, "room_filter", [])
        self.status_filter = _filter_combo(self, "status_filter", list(MEMBER_STATUSES), "在任")
        self.township_filter = _filter_combo(self, "township_filter", [])  # a county's 乡镇
        self.township_label = QLabel("来源", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")

        self.member_table = QTableView(self)
        self.member_table.setObjectName("member_table")
        self.member_table.setModel(self.proxy)
        self.member_table.setSortingEnabled(True)
        self.member_table.sortByColumn(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.member_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.member_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.member_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.member_table.setAlternatingRowColors(True)
        self.member_table.verticalHeader().setDefaultSectionSize(26)
        header_state = ctx.settings.value("tables/members_page/header")
        if header_state is not None:
            self.member_table.horizontalHeader().restoreState(header_state)
        # 工作单位及职务 and 联络室 take the width to spare
        restored = header_state is not None
        fit = ColumnFit(self.member_table, [None if restored else w for w in COLUMN_WIDTHS], (6, 8))
        self.member_table.horizontalHeader().sectionResized.connect(self._save_header)
        self.member_table.doubleClicked.connect(lambda _i: self.edit_member())

        self.detail_view = QTextBrowser(self)
        self.detail_view.setObjectName("detail_view")
        self.detail_view.setMinimumWidth(260)

        self.add_button = QPushButton("新增委员", self)
        self.add_button.setObjectName("add_button")
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.add_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton("编辑", self)
        self.edit_button.setObjectName("edit_button")
        self.delete_button = QPushButton("删除", self)
        self.delete_button.setObjectName("delete_button")
        self.leave_button = QPushButton("设为离任", self)
        self.leave_button.setObjectName("leave_button")
        self.import_button = QPushButton("从 Excel 导入…", self)
        self.import_button.setObjectName("import_button")
        self.export_button = QPushButton("导出名册…", self)
        self.export_button.setObjectName("export_button")
        self.archive_button = QPushButton("导出履职档案…", self)
        self.archive_button.setObjectName("archive_button")
        self.archive_button.setToolTip("所选委员某一年度的履职档案（Word 文档）")
        self.archive_button.clicked.connect(lambda: self.export_archive())
        self.add_button.clicked.connect(lambda: self.add_member())
        self.edit_button.clicked.connect(lambda: self.edit_member())
        self.delete_button.clicked.connect(self.delete_member)
        self.leave_button.clicked.connect(self.mark_left)
        self.import_button.clicked.connect(lambda: self.open_import())
        self.export_button.clicked.connect(self.export_roster)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        for label, combo in (
            ("界别", self.sector_filter),
            ("层级", self.level_filter),
            ("联络室", self.room_filter),
            ("状态", self.status_filter),
        ):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(combo)
        filters.addWidget(self.township_label)
        filters.addWidget(self.township_filter)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.leave_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.archive_button)
        # beside the list on a 1366 px screen, below it on a 1024 px one
        self.detail_splitter = DetailSplitter(self.member_table, fit, self.detail_view, self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>委员</h2>", self))
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.detail_splitter, 1)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search_edit.setFocus)
        self.search_edit.textChanged.connect(lambda t: self._set_filter(query=t))
        for key, combo in (
            ("sector", self.sector_filter),
            ("level", self.level_filter),
            ("room", self.room_filter),
            ("status", self.status_filter),
            ("origin", self.township_filter),
        ):
            combo.currentTextChanged.connect(lambda t, k=key: self._set_filter(**{k: t}))
        self.member_table.selectionModel().selectionChanged.connect(self._show_detail)
        self.proxy.set_filters(status="在任")
        self.refresh()

    # -- data -----------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_id()
        self._reset_combo(self.sector_filter, sector_names(self.ctx.db))
        self._reset_combo(self.room_filter, [r.name for r in room_choices(self.ctx.db)])
        units = [name for name, _id in history.units(self.ctx.db)]
        self._reset_combo(self.township_filter, [OWN_UNIT, *units] if units else [])
        for widget in (self.township_filter, self.township_label):
            widget.setVisible(bool(units))
        self.member_table.setColumnHidden(ORIGIN_COLUMN, not units)
        self.model.set_rows(member_service.list_members(self.ctx.db))
        self._update_count()
        if selected is not None:
            self.select_member(selected)
        self._show_detail()

    def _reset_combo(self, combo: QComboBox, items: list[str]) -> None:
        current = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([ALL, *items])
        combo.setCurrentText(current if current in items else ALL)
        combo.blockSignals(False)
        if combo.currentText() != current:
            combo.currentTextChanged.emit(combo.currentText())

    def _set_filter(self, **values: str) -> None:
        self.proxy.set_filters(**values)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"显示 {self.proxy.rowCount()} / 共 {self.model.rowCount()} 名")

    def _save_header(self, *_args: object) -> None:
        if self.member_table.horizontalHeader().property(FITTING):
            return  # widths for this window's width, not the clerk's
        state = self.member_table.horizontalHeader().saveState()
        self.ctx.settings.setValue("tables/members_page/header", state)

    def visible_names(self) -> list[str]:
        return [self.proxy.index(r, NAME_COLUMN).data() for r in range(self.proxy.rowCount())]

    def selected_id(self) -> int | None:
        rows = self.member_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.member(self.proxy.mapToSource(rows[0]).row()).id

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.member_table.selectRow(index.row())

    def _show_detail(self, *_args: object) -> None:
        member_id = self.selected_id()
        if member_id is None:
            self.detail_view.setHtml("<p style='color:#888'>选择一名委员查看详情。</p>")
            return
        try:
            detail = member_service.member_detail(self.ctx.db, member_id, date.today().year)
        except UserError as exc:
            self.detail_view.setPlainText(exc.message)
            return
        self.detail_view.setHtml(detail_html(detail))

    # -- actions --------------------------------------------------------------------------
    def add_member(self) -> MemberDialog:
        return self._open_dialog(MemberDialog(self.ctx, None, self))

    def edit_member(self) -> MemberDialog | None:
        member_id = self.selected_id()
        if member_id is None:
            QMessageBox.information(self, "编辑委员", "请先在表格中选择一名委员。")
            return None
        return self._open_dialog(MemberDialog(self.ctx, member_id, self))

    def _open_dialog(self, dialog: MemberDialog) -> MemberDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._after_save(dialog))
        dialog.open()
        return dialog

    def _after_save(self, dialog: MemberDialog) -> None:
        self.refresh()
        if dialog.saved_id is not None:
            self.select_member(dialog.saved_id)

    def delete_member(self) -> None:
        member_id = self.selected_id()
        if member_id is None:
            QMessageBox.information(self, "删除委员", "请先在表格中选择一名委员。")
            return
        name = self.model.member(self.model.row_of(member_id)).name
        answer = QMessageBox.question(self, "删除委员", f"确定删除委员“{name}”吗？删除后不能恢复。")
        if answer != QMessageBox.StandardButton.Yes:
            return

        def offer_leaving(exc: UserError) -> bool:
            if not isinstance(exc, member_service.MemberHasRecordsError):
                return False
            offer = QMessageBox.question(
                self, "不能删除", f"{exc.message}\n\n现在将“{name}”设为离任吗？"
            )
            if offer == QMessageBox.StandardButton.Yes:
                self._leave(member_id)
            return True

        run_action(
            self,
            self.ctx,
            lambda: member_service.delete_member(self.ctx.db, member_id),
            success=lambda _changes: self.refresh(),
            handle_user_error=offer_leaving,
        )

    def mark_left(self) -> None:
        member_id = self.selected_id()
        if member_id is None:
            QMessageBox.information(self, "设为离任", "请先在表格中选择一名委员。")
            return
        name = self.model.member(self.model.row_of(member_id)).name
        answer = QMessageBox.question(
            self, "设为离任", f"将“{name}”设为离任（离任日期为今天）吗？其履职记录会保留。"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._leave(member_id)

    def _leave(self, member_id: int) -> None:
        run_action(
            self,
            self.ctx,
            lambda: member_service.set_left(self.ctx.db, member_id),
            success=lambda _changes: self.refresh(),
        )

    def export_roster(self) -> None:
        from app.ui.members.roster_dialogs import export_roster_interactively

        export_roster_interactively(self.ctx, self)

    def export_archive(self) -> MemberArchiveDialog | None:
        """导出履职档案… for the selected member: a year, then where to save."""
        from app.ui.members.archive_dialog import MemberArchiveDialog

        member_id = self.selected_id()
        if member_id is None:
            QMessageBox.information(self, "导出履职档案", "请先在表格中选择一名委员。")
            return None
        member = self.model.member(self.model.row_of(member_id))
        dialog = MemberArchiveDialog(self.ctx, member, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_import(self) -> RosterImportDialog:
        from app.ui.members.roster_dialogs import RosterImportDialog

        dialog = RosterImportDialog(self.ctx, self)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog


def detail_html(detail: member_service.MemberDetail) -> str:
    m = detail.member
    e = html.escape
    parts = [
        f"<h3>{e(m.name)} <small>{e(m.sector or '')} · {e(m.level)}级委员"
        f"{' · 常委' if m.is_standing else ''} · {e(m.status)}</small></h3>",
        f"<p>{e(m.work_unit or '')}<br>联系电话：{e(m.phone or '—')}</p>",
        f"<p><b>{detail.year}年度积分：</b>{detail.points_this_year:g} 分"
        f"（{detail.point_lines} 条记录）</p>",
        f"<p><b>所在联络室：</b>{e('、'.join(detail.rooms)) or '无'}</p>",
    ]
    if detail.convenor_of:
        parts.append(f"<p><b>担任召集人：</b>{e('、'.join(detail.convenor_of))}</p>")
    parts.append(f"<p><b>参加活动（{len(detail.activities)}）</b></p><ul>")
    parts += [
        f"<li>{e(d)} {e(t)}《{e(title)}》{e(s)}</li>" for d, t, title, s in detail.activities[:30]
    ]
    parts.append(f"</ul><p><b>履职成果（{len(detail.submissions)}）</b></p><ul>")
    parts += [
        f"<li>{e(d)} {e(k)}《{e(title)}》{e(role)}</li>"
        for d, k, title, role in detail.submissions[:30]
    ]
    parts.append("</ul>")
    return "".join(parts)
