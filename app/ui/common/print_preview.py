"""A print preview that owns its printer.

``QPrintPreviewDialog(printer)`` does not take ownership of the QPrinter: when the printer is a
local variable of the slot that opened the preview, Python frees it as soon as the slot returns
and the dialog paints on freed memory (the program died with a segmentation fault when a clerk
clicked 打印预览 on the 会议纪要). This dialog keeps its printer as long as it lives.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget


class OwnPrinterPreviewDialog(QPrintPreviewDialog):
    """QPrintPreviewDialog with a high-resolution printer that lives as long as the dialog."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(printer, parent)
        self.printer = printer
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
