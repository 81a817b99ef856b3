"""A save refused because another clerk saved the record first (StaleRecordError): one dialog
for every editor. It names who changed what (the service's message) and offers 重新载入 — the
record as stored now replaces the clerk's input, after a second question, since their edits go —
or 取消: the editor stays as it was, so the clerk can copy what they typed before reloading. A
table cell's editor is already closed when the refusal shows: there the button is 关闭, and what
was typed is in the message to copy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import NOT_SAVED, RELOAD_HINT, StaleRecordError
from app.ui.common.errors import show_error

DIALOG_TITLE = "记录已被其他同事修改"
CHOICES = "点“重新载入”查看对方保存后的内容；点“取消”继续编辑（可先复制您输入的内容）。"
CELL_CHOICES = (
    "点“重新载入”查看对方保存后的内容；点“关闭”保留表格现状（您输入的内容未保存，可先复制）。"
)


class ReloadQuestion(QMessageBox):
    """A warning with a 重新载入-like button and a 取消-like one (the default, also Escape)."""

    def __init__(self, parent: QWidget | None, name: str, text: str, yes: str, no: str) -> None:
        super().__init__(QMessageBox.Icon.Warning, DIALOG_TITLE, text, parent=parent)
        self.setObjectName(name)
        self.reload_button = self.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        self.reload_button.setObjectName("reload_button")
        self.cancel_button = self.addButton(no, QMessageBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancel_button")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)

    def chose_reload(self) -> bool:
        self.exec()
        return self.clickedButton() is self.reload_button


def offer_reload(
    parent: QWidget | None,
    error: StaleRecordError,
    reload: Callable[[], object],
    typed: str | None = None,
) -> bool:
    """Show the refusal with 重新载入 / 取消; True when the record was reloaded. ``typed``: what
    the clerk typed in a table cell whose editor is closed by now (nothing keeps it), shown so
    that it can be copied; the buttons then say 关闭 and 返回, there being no editing to go on."""
    in_cell = typed is not None
    choices = CELL_CHOICES if in_cell else CHOICES
    text = f"{error.message.replace(RELOAD_HINT, NOT_SAVED)}\n\n{choices}"  # the buttons say how
    if in_cell:
        text += f"\n\n您输入的是：{typed}"
    keep = "关闭" if in_cell else "取消"
    if not ReloadQuestion(parent, "stale_record_dialog", text, "重新载入", keep).chose_reload():
        return False
    confirm = ReloadQuestion(
        parent,
        "confirm_reload_dialog",
        "重新载入将放弃您在这里所做的、尚未保存的修改。确定重新载入吗？",
        "放弃我的修改，重新载入",
        "返回" if in_cell else "返回继续编辑",
    )
    if not confirm.chose_reload():
        return False
    reload()
    return True


def report_cell_refusal(
    parent: QWidget,
    error: BaseException,
    title: str,
    reload: Callable[[], object],
    typed: str,
) -> None:
    """A table cell's save refused (the 督办 board): a stale row offers 重新载入 once the cell's
    edit is over (reloading resets the table) and shows what was typed, anything else is the
    usual message."""
    if isinstance(error, StaleRecordError):
        QTimer.singleShot(0, parent, lambda: offer_reload(parent, error, reload, typed))
    else:
        show_error(parent, error, title)
