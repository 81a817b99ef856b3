"""转为议题: the clerk names the new 议题 (prefilled from the 诉求's first sentence or phrases)
before the visit goes into the 议题库."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.services.changes import Changes
from app.services.receptions import log as receptions
from app.services.receptions.reception_list import ReceptionRow
from app.ui.common.actions import run_action
from app.ui.common.widgets import action_cancel_buttons
from app.ui.shell.context import UiContext


class ToTopicDialog(QDialog):
    """The 诉求 as the resident gave it, and the title the 议题 will carry (editable)."""

    def __init__(self, ctx: UiContext, row: ReceptionRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reception_id = row.id
        self.topic_id: int | None = None
        self.setObjectName("to_topic_dialog")
        self.setWindowTitle("转为议题")
        self.resize(600, 280)
        self.request_view = QPlainTextEdit(row.request, self)
        self.request_view.setObjectName("request_view")
        self.request_view.setReadOnly(True)
        self.request_view.setTabChangesFocus(True)
        self.request_view.setMinimumHeight(80)  # the rest of the height goes to the 诉求
        self.title_edit = QLineEdit(receptions.topic_title_from(row.request), self)
        self.title_edit.setObjectName("title_edit")
        self.title_edit.setMaxLength(200)
        self.title_edit.setPlaceholderText("议题标题：小切口，一句话说清要解决的事")
        self.hint_label = QLabel(
            "议题来源记为“群众出题”，状态“待筛选”；诉求全文存为议题说明。", self
        )
        self.hint_label.setObjectName("hint_label")
        self.hint_label.setWordWrap(True)
        self.buttons, self.ok_button, self.cancel_button = action_cancel_buttons(
            self, "转为议题", "ok_button", self.apply
        )
        self.title_edit.textChanged.connect(self._enable)
        form = QFormLayout(self)
        form.addRow("来访诉求：", self.request_view)
        form.addRow("议题标题：", self.title_edit)
        form.addRow(self.hint_label)
        form.addRow(self.buttons)
        self.title_edit.setFocus()
        self.title_edit.selectAll()
        self._enable()

    def _enable(self, *_args: object) -> None:
        self.ok_button.setEnabled(bool(self.title_edit.text().strip()))

    def apply(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            return

        def done(topic_id: int) -> None:
            self.topic_id = topic_id
            self.accept()

        run_action(
            self,
            self.ctx,
            lambda: receptions.make_topic(self.ctx.db, self.reception_id, title),
            changes=Changes(topics=True, receptions=True),  # the visit now links to the topic
            title="未能转为议题",
            success=done,
        )
