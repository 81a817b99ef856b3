"""附件 tab: photos and scans shown as thumbnails. New files are copied into the app data folder
when the activity is saved (see services.activities)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.services.activities import attachments as files
from app.services.activities.records import ActivityDraft, AttachmentLine
from app.ui.common.file_dialogs import ask_open_paths
from app.ui.common.widgets import enable_with_selection

THUMB = QSize(160, 120)
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_FILTER = "照片和扫描件 (*.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.pdf);;所有文件 (*)"


def thumbnail(path: Path) -> QPixmap | None:
    """A scaled copy for the list; None when the file is missing or not a readable image."""
    if not files.is_image(path.name) or not path.is_file():
        return None
    pixmap = QPixmap(str(path))
    if pixmap.isNull():
        return None
    return pixmap.scaled(
        THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class AttachmentsTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.attachment_list = QListWidget(self)
        self.attachment_list.setObjectName("attachment_list")
        self.attachment_list.setViewMode(QListView.ViewMode.IconMode)
        self.attachment_list.setIconSize(THUMB)
        self.attachment_list.setGridSize(QSize(THUMB.width() + 30, THUMB.height() + 50))
        self.attachment_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.attachment_list.setMovement(QListView.Movement.Static)
        self.attachment_list.setWordWrap(True)
        self.attachment_list.itemDoubleClicked.connect(self._open_item)
        self.add_attachment_button = QPushButton("添加照片/扫描件…", self)
        self.add_attachment_button.setObjectName("add_attachment_button")
        self.add_attachment_button.clicked.connect(self.choose_files)
        self.remove_attachment_button = QPushButton("移除", self)
        self.remove_attachment_button.setObjectName("remove_attachment_button")
        self.remove_attachment_button.clicked.connect(self.remove_selected)
        self.open_attachment_button = QPushButton("打开", self)
        self.open_attachment_button.setObjectName("open_attachment_button")
        self.open_attachment_button.clicked.connect(
            lambda: self._open_item(self.attachment_list.currentItem())
        )
        enable_with_selection(
            self.attachment_list, self.remove_attachment_button, self.open_attachment_button
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_attachment_button)
        buttons.addWidget(self.remove_attachment_button)
        buttons.addWidget(self.open_attachment_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(
            QLabel("保存活动时，文件会复制到本机应用数据文件夹，原文件移动或删除不受影响。", self)
        )
        layout.addWidget(self.attachment_list)

    def load(self, draft: ActivityDraft) -> None:
        self.attachment_list.clear()
        for line in draft.attachments:
            self._append(line)

    def _path(self, line: AttachmentLine) -> Path:
        if line.source_path and line.id is None:
            return Path(line.source_path)
        return files.stored_path(line.stored_name)

    def _append(self, line: AttachmentLine) -> None:
        item = QListWidgetItem(line.original_name)
        item.setData(LINE_ROLE, line)
        item.setToolTip(f"{line.kind}：{line.original_name}")
        pixmap = thumbnail(self._path(line))
        if pixmap is not None:
            item.setIcon(pixmap)
        else:
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.attachment_list.addItem(item)

    def add_files(self, paths: list[str]) -> None:
        for name in paths:
            path = Path(name)
            self._append(
                AttachmentLine(path.name, kind=files.guess_kind(path.name), source_path=str(path))
            )
        if paths:
            self.changed.emit()

    def choose_files(self) -> None:
        names = ask_open_paths(self, self.settings, "选择照片或扫描件", FILE_FILTER)
        self.add_files([str(name) for name in names])

    def remove_selected(self) -> None:
        row = self.attachment_list.currentRow()
        if row >= 0:
            self.attachment_list.takeItem(row)
            self.changed.emit()

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path(item.data(LINE_ROLE)))))

    def collect(self, draft: ActivityDraft) -> None:
        draft.attachments = [
            self.attachment_list.item(i).data(LINE_ROLE)
            for i in range(self.attachment_list.count())
        ]
