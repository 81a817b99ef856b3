"""核对待确认的委员: members another unit sent whose name matches one of ours with another
birth month or gender. A person decides, pair by pair: 是同一人 (merged) or 不是同一人."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.exchange import same_person
from app.ui.common.actions import run_action
from app.ui.common.table_model import RowsTableModel
from app.ui.common.widgets import enable_with_selection
from app.ui.shell.context import UiContext


class PendingMembersDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pending_members_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("核对待确认的委员")
        self.resize(760, 420)
        self.pairs: list[same_person.PendingPair] = []
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hint_label")
        self.hint_label.setWordWrap(True)
        self.pair_model = RowsTableModel(("姓名", "发来的委员", "本单位的委员"), [], self)
        self.pair_table = QTableView(self)
        self.pair_table.setObjectName("pair_table")
        self.pair_table.setModel(self.pair_model)
        self.pair_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pair_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pair_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pair_table.horizontalHeader().setStretchLastSection(True)
        self.same_button = QPushButton("是同一人（合并）", self)
        self.same_button.setObjectName("same_button")
        self.different_button = QPushButton("不是同一人", self)
        self.different_button.setObjectName("different_button")
        self.close_button = QPushButton("关闭", self)
        self.close_button.setObjectName("close_button")
        enable_with_selection(self.pair_table, self.same_button, self.different_button)
        self.same_button.clicked.connect(lambda: self._decide(same_person.same_person))
        self.different_button.clicked.connect(lambda: self._decide(same_person.not_same_person))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.different_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.pair_table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.pairs = same_person.pending_pairs(self.ctx.db)
        self.pair_model.set_rows([(p.name, p.theirs, p.ours) for p in self.pairs])
        self.hint_label.setText(
            f"共 {len(self.pairs)} 对同名委员待确认：姓名相同，但出生年月或性别不同。"
            "请核对后选择；合并后请重新计算积分。"
            if self.pairs
            else "没有待确认的委员。"
        )

    def _decide(self, decision) -> None:
        rows = self.pair_table.selectionModel().selectedRows()
        if not rows:
            return
        pair = self.pairs[rows[0].row()]
        run_action(
            self,
            self.ctx,
            lambda: decision(self.ctx.db, pair.theirs_id, pair.ours_id),
            title="未完成",
            success=lambda _changes: self.refresh(),
        )
