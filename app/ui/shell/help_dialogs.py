"""帮助 menu: 关于 (version, where the database, data and logs are) and 使用说明 (the short
user's guide shipped in resources/guide/user-guide.md, shown as formatted text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__, paths

GUIDE = "guide/user-guide.md"


def _close_buttons(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setObjectName("close_button")
    close.setText("关闭")
    buttons.rejected.connect(dialog.reject)
    return buttons, close


def _selectable(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """Where the clerk's things are: what a helper on the telephone asks first."""

    def __init__(self, parent: QWidget, db_path: str) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle("关于")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        title = QLabel(f"<h3>{APP_NAME}</h3>乡镇（街道）政协工作联络组的联络室、委员、"
                       "协商活动与履职积分管理。", self)  # fmt: skip
        title.setWordWrap(True)
        self.version_label = _selectable(__version__, "version_label", self)
        self.db_path_label = _selectable(db_path, "db_path_label", self)
        self.data_folder_label = _selectable(str(paths.data_dir()), "data_folder_label", self)
        self.log_folder_label = _selectable(str(paths.log_dir()), "log_folder_label", self)
        form = QFormLayout()
        form.addRow("版本：", self.version_label)
        form.addRow("数据库：", self.db_path_label)
        form.addRow("数据文件夹：", self.data_folder_label)
        form.addRow("日志文件夹：", self.log_folder_label)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        buttons, self.close_button = _close_buttons(self)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())


class GuideDialog(QDialog):
    """使用说明: how to start, the day's work, printing, backups, moving to a new laptop."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("guide_dialog")
        self.setWindowTitle(f"{APP_NAME} 使用说明")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide_browser = QTextBrowser(self)
        self.guide_browser.setObjectName("guide_browser")
        self.guide_browser.setOpenExternalLinks(True)
        text = (paths.resources_dir() / GUIDE).read_text(encoding="utf-8")
        self.guide_browser.setMarkdown(text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.guide_browser)
        buttons, self.close_button = _close_buttons(self)
        layout.addWidget(buttons)
        self.resize(760, 640)
