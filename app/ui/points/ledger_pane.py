"""The 积分 page's ledger of one member's year, line by line, sortable on any column (来源 groups
the lines from 出席记录, 履职成果, 接待来访 and manual entries); manual lines can be deleted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget

from app.services.changes import Changes
from app.services.points import engine, ranking
from app.ui.common.actions import run_action
from app.ui.common.table_model import NumberedProxy, RowsTableModel
from app.ui.shell.context import UiContext

LEDGER_HEADER = ("类别", "分值", "来源", "计分说明", "证明材料")
HINT = "点击左侧委员，查看逐条积分明细。"


class LedgerPane(QWidget):
    def __init__(self, ctx: UiContext, deleted: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._deleted = deleted
        self.lines: list[ranking.LedgerLine] = []
        self.ledger_label = QLabel(HINT, self)
        self.ledger_label.setObjectName("ledger_label")
        self.ledger_label.setWordWrap(True)
        self.ledger_model = RowsTableModel(LEDGER_HEADER, [], self)
        self.proxy = NumberedProxy(self)
        self.proxy.setSourceModel(self.ledger_model)
        self.ledger_table = QTableView(self)
        self.ledger_table.setObjectName("ledger_table")
        self.ledger_table.setModel(self.proxy)
        self.ledger_table.setWordWrap(True)
        self.ledger_table.horizontalHeader().setStretchLastSection(True)
        self.ledger_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # in the ledger's own order until the clerk clicks a header
        self.ledger_table.horizontalHeader().setSortIndicator(-1, self.proxy.sortOrder())
        self.ledger_table.setSortingEnabled(True)
        self.delete_manual_button = QPushButton("删除所选手工积分", self)
        self.delete_manual_button.setObjectName("delete_manual_button")
        self.delete_manual_button.clicked.connect(self.delete_manual_entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ledger_label)
        layout.addWidget(self.ledger_table)
        layout.addWidget(self.delete_manual_button)

    def show_member(self, year: int, row: ranking.RankingRow | None, locked: bool) -> None:
        self.lines = [] if row is None else ranking.get_ledger(self.ctx.db, year, row.member_id)
        self.ledger_model.set_rows(
            [
                (ln.category, f"{ln.points:g}", ln.source_label, ln.description, ln.evidence)
                for ln in self.lines
            ]
        )
        self.delete_manual_button.setEnabled(row is not None and not locked)
        if row is None:
            self.ledger_label.setText(HINT)
            return
        self.ledger_table.resizeColumnsToContents()
        self.ledger_label.setText(
            f"<b>{row.name}</b>　{year}年度 总分 {row.total:g} 分，排名第 {row.rank}，"
            f"等次：{row.grade}（共 {len(self.lines)} 条，逐条相加即总分）"
        )

    def selected_lines(self) -> list[ranking.LedgerLine]:
        chosen = self.ledger_table.selectionModel().selectedRows()
        rows = sorted({self.proxy.mapToSource(index).row() for index in chosen})
        return [self.lines[r] for r in rows]

    def delete_manual_entry(self) -> None:
        lines = [line for line in self.selected_lines() if line.is_manual]
        if not lines:
            QMessageBox.information(self, "删除手工积分", "请先选中一条手工录入的积分。")
            return
        answer = QMessageBox.question(self, "删除手工积分", f"确定删除“{lines[0].description}”吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete_lines() -> Changes:
            for line in lines:
                engine.delete_manual_entry(self.ctx.db, line.id)
            return Changes(points=True)

        run_action(self, self.ctx, delete_lines)
        self._deleted()
