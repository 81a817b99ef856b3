"""积分: the year's ranking, each member's ledger, a bar chart, room 年评比, and the year's actions
(重新计算, 手工加减分, 规则, 年度定稿, 导出统计表, 批量导出履职档案)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from app.services.points import engine, ranking, rooms, rules
from app.services.points.township import township_members
from app.ui.common.actions import FAILED, run_action
from app.ui.common.column_fit import ColumnFit
from app.ui.common.data_table import DataTable
from app.ui.common.errors import show_error
from app.ui.common.table_model import RowsTableModel
from app.ui.common.tasks import BackgroundTask
from app.ui.common.township_filter import chosen_origin, refill_townships, township_combo
from app.ui.points.ledger_pane import LedgerPane
from app.ui.points.manual_dialog import ManualEntryDialog
from app.ui.points.points_models import RankingTableModel, fit_columns
from app.ui.points.rules_dialog import PointRulesDialog
from app.ui.points.stale_banner import StaleBanner
from app.ui.points.totals_chart import TotalsChartView
from app.ui.shell.context import UiContext

ROOM_HEADER = (
    "排名",
    "联络室",
    "类型",
    "活动次数",
    "协商次数/目标",
    "接待天数/目标",
    "出席率",
    "按时办结/成果数",
    "综合得分",
)


def _button(parent: QWidget, name: str, text: str, slot) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


class PointsPage(QWidget):
    # points come from activities and visits; rows show 界别 and rooms
    shows = Changes(
        points=True, members=True, sectors=True, rooms=True, activities=True, receptions=True
    )

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ranking: ranking.Ranking | None = None
        self.task: BackgroundTask | None = None
        self.title_label = QLabel("<h2>履职积分</h2>", self)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("year_combo")
        self.township_filter_combo = township_combo(self)  # the ranking's rows, not its ranks
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.stale_banner = StaleBanner(self)
        self.stale_banner.recalc_button.clicked.connect(self.recalculate)
        self.recalc_button = _button(self, "recalc_button", "重新计算", self.recalculate)
        self.manual_button = _button(self, "manual_button", "手工加减分…", self.open_manual_dialog)
        self.rules_button = _button(self, "rules_button", "规则…", self.open_rules_dialog)
        self.lock_button = _button(self, "lock_button", "年度定稿…", self.lock_year)
        self.export_button = _button(self, "export_button", "导出统计表…", self.export_table)
        self.archives_button = _button(
            self, "archives_button", "批量导出履职档案…", self.export_archives
        )

        self.ranking_model = RankingTableModel(self)
        self.ranking_table = DataTable(self.ranking_model, ctx.settings, "points_ranking", self)
        self.ranking_table.setObjectName("ranking_table")
        self.ranking_table.view.selectionModel().selectionChanged.connect(self._member_selected)
        self._ranking_fit = ColumnFit(self.ranking_table.view, [], [], give_back=False)
        self.ledger_pane = LedgerPane(ctx, self.refresh, self)
        self.ledger_label = self.ledger_pane.ledger_label
        self.ledger_model = self.ledger_pane.ledger_model
        self.ledger_table = self.ledger_pane.ledger_table
        self.delete_manual_button = self.ledger_pane.delete_manual_button
        self.chart_view = TotalsChartView(self)

        top_split = QSplitter(Qt.Orientation.Horizontal, self)
        top_split.addWidget(self.ranking_table)
        top_split.addWidget(self.ledger_pane)
        top_split.setStretchFactor(0, 2)  # the ranking's 提示 column in view at 1366 px
        top_split.setStretchFactor(1, 1)
        members_tab = QSplitter(Qt.Orientation.Vertical, self)
        members_tab.addWidget(top_split)
        members_tab.addWidget(self.chart_view)
        members_tab.setStretchFactor(0, 3)
        members_tab.setStretchFactor(1, 1)
        self.room_model = RowsTableModel(ROOM_HEADER, [], self)
        self.room_table = DataTable(self.room_model, ctx.settings, "points_rooms", self)
        self.room_table.setObjectName("room_table")
        self._rooms_fit = ColumnFit(self.room_table.view, [], [])
        for table, key in (
            (self.ranking_table, "points_ranking"),
            (self.room_table, "points_rooms"),
        ):
            if ctx.settings.value(f"tables/{key}/header") is None:
                table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
            table.view.verticalHeader().hide()  # the 排名 column numbers the rows
        rooms_box = QWidget(self)
        rooms_layout = QVBoxLayout(rooms_box)
        rooms_layout.addWidget(self.room_table)
        formula = QLabel(
            "综合得分 = 40×协商完成率 + 20×接待完成率 + 20×出席率 + 20×按时办结率"
            "（完成率按年度目标计算，最高为 1；接待目标 = 每月接待天数目标 × 12）。",
            rooms_box,
        )
        formula.setWordWrap(True)  # one long line made the window wider than a 1024 screen
        rooms_layout.addWidget(formula)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("points_tabs")
        self.tabs.addTab(members_tab, "委员排名")
        self.tabs.addTab(rooms_box, "联络室年评比")
        self.tabs.currentChanged.connect(lambda _i: self._show_rooms())

        bar = QHBoxLayout()
        bar.addWidget(QLabel("年度", self))
        bar.addWidget(self.year_combo)
        bar.addWidget(self.township_filter_combo)
        for button in (
            self.recalc_button,
            self.manual_button,
            self.rules_button,
            self.lock_button,
            self.export_button,
            self.archives_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.stale_banner)
        layout.addWidget(self.tabs, 1)
        self._fill_years()
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.township_filter_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    # --- data -------------------------------------------------------------------------
    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def _fill_years(self) -> None:
        this_year = date.today().year
        years = sorted(
            set(rules.rule_set_years(self.ctx.db)) | {this_year, this_year - 1}, reverse=True
        )
        remembered = int(self.ctx.settings.value("points/year", 0) or 0)
        chosen = remembered if remembered in years else this_year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(f"{y}年度", y)
        self.year_combo.setCurrentIndex(years.index(chosen))
        self.year_combo.blockSignals(False)

    def select_year(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index < 0:
            self.year_combo.addItem(f"{year}年度", year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(index)

    def _year_changed(self) -> None:
        self.ctx.settings.setValue("points/year", self.year)
        self.refresh()

    def refresh(self) -> None:
        year = self.year
        loaded = run_action(self, self.ctx, lambda: ranking.get_ranking(self.ctx.db, year))
        self.ranking = None if loaded is FAILED else loaded
        refill_townships(self.township_filter_combo, self.ctx.db)
        origin = chosen_origin(self.township_filter_combo)
        if self.ranking is not None and origin is not None:  # see app/services/points/township
            ids = township_members(self.ctx.db, year, origin)
            self.ranking = replace(
                self.ranking, rows=[r for r in self.ranking.rows if r.member_id in ids]
            )
        self.ranking_model.set_ranking(self.ranking)
        hint = [4 + len(self.ranking.categories) + 2] if self.ranking is not None else []
        # 提示 (未达合格线, 缺：…) takes the width to spare
        self._ranking_fit.set_widths(fit_columns(self.ranking_table.view, self.ranking_model), hint)
        self.chart_view.show_ranking(self.ranking)
        self._show_ledger(None)
        r = self.ranking
        has_rules, locked = r is not None, bool(r and r.locked)
        for button in (self.recalc_button, self.manual_button, self.lock_button):
            button.setEnabled(has_rules and not locked)
        self.export_button.setEnabled(has_rules)
        self.archives_button.setEnabled(bool(r and r.rows))
        self.status_label.setText(self._status_text())
        self.stale_banner.show_for(r)
        self._show_rooms()

    def _status_text(self) -> str:
        r = self.ranking
        if r is None:
            return f"{self.year}年度还没有积分规则：请点击“规则…”载入内置规则、复制上一年度或从 Excel 导入。"
        parts = [f"规则：{r.rule_set_name}"]
        if r.pass_line is not None:
            parts.append(f"合格线 {r.pass_line:g} 分")
        below = sum(not row.passed for row in r.rows)
        missing = sum(not row.requirements_met for row in r.rows)
        twice = sum(row.below_pass_two_years for row in r.rows)
        parts.append(
            f"{len(r.rows)} 名委员，未达合格线 {below} 人（连续两年 {twice} 人），"
            f"未达最低要求 {missing} 人"
        )
        if self.township_filter_combo.currentData() is not None:
            parts.append(f"只列出{self.township_filter_combo.currentText()}的委员，排名为全县排名")
        if r.locked:
            parts.append("本年度考核已定稿，积分不再变动")
        # not calculated yet, or out of date: the banner below says so, with its button
        return "；".join(parts) + "。"

    def _show_rooms(self) -> None:
        if self.tabs.currentIndex() != 1:
            return
        rows = [
            (
                s.rank,
                s.name,
                s.room_type,
                s.activities,
                f"{s.consultations}/{s.consultation_target}",
                f"{s.reception_days}/{s.reception_target}",
                "—" if s.attendance_rate is None else f"{s.attendance_rate:.0%}",
                f"{s.closed_on_time}/{s.follow_ups}",
                s.score,
            )
            for s in rooms.room_ranking(self.ctx.db, self.year)
        ]
        self.room_model.set_rows(rows)
        view = self.room_table.view
        view.resizeColumnsToContents()
        # 联络室 gives up width first: 综合得分 was cut off at the right on a 1024 px screen
        self._rooms_fit.set_widths([view.columnWidth(c) for c in range(len(ROOM_HEADER))], [1])

    def selected_member(self) -> int | None:
        rows = self.ranking_table.selected_source_rows()
        return self.ranking_model.row_at(rows[0]).member_id if rows else None

    def _member_selected(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        self._show_ledger(self.selected_member())

    def _show_ledger(self, member_id: int | None) -> None:
        r = self.ranking
        row = next((x for x in r.rows if x.member_id == member_id), None) if r else None
        self.ledger_pane.show_member(self.year, row, bool(r and r.locked))

    # --- actions ----------------------------------------------------------------------
    def recalculate(self) -> None:
        self.task = BackgroundTask(
            self, "正在重新计算履职积分…", engine.recalculate, self.ctx.db, self.year
        )
        self.task.finished.connect(self._recalculated)
        self.task.failed.connect(lambda exc: show_error(self, exc, "计算未完成"))
        self.task.start()

    def _recalculated(self, result: engine.RecalcResult) -> None:
        self.ctx.changed(Changes(points=True))
        self.refresh()
        state = "积分已更新" if result.changed else "积分没有变化"
        self.status_label.setText(
            f"重新计算完成：{result.members} 名委员，{state}。" + self._status_text()
        )

    def manual_dialog(self) -> ManualEntryDialog | None:
        rule_set = rules.get_rule_set(self.ctx.db, self.year)
        if rule_set is None:
            return None
        members = ranking.member_choices(self.ctx.db, self.year)
        return ManualEntryDialog(
            self.ctx, self.year, members, rule_set, self, member_id=self.selected_member()
        )

    def open_manual_dialog(self) -> None:
        dialog = self.manual_dialog()
        if dialog is not None and dialog.exec():
            self.refresh()

    def open_rules_dialog(self) -> None:
        dialog = PointRulesDialog(self.ctx, self.year, self)
        dialog.exec()
        self.refresh()

    def lock_year(self) -> None:
        answer = QMessageBox.question(
            self,
            "年度定稿",
            f"定稿后{self.year}年度的积分、规则以及该年度的活动、出席、履职成果和接待记录都不能"
            "再修改。\n定稿前会按当前规则最后计算一次。确定定稿吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_action(
            self,
            self.ctx,
            lambda: engine.lock_year(self.ctx.db, self.year),
            changes=Changes(points=True),
            title="未能定稿",
            success=lambda _result: self.refresh(),
        )

    # The export modules load python-docx and openpyxl: imported on first use, not with the page.
    def export_table(self) -> None:
        from app.ui.points.points_exports import start_table_export

        self.task = start_table_export(
            self, self.ctx, self.year, self.status_label.setText, self.refresh
        )

    def export_archives(self) -> None:
        from app.ui.points.points_exports import start_archives_export

        self.task = start_archives_export(
            self, self.ctx, self.year, self.status_label.setText, self.refresh
        )
