"""Draw the program's icon (resources/icons/liaison-desk.png, 256 px, and .ico for Windows).

A red rounded square with 联 in white, as on the door plates of the liaison rooms; drawn with
Qt so that no image editor is needed: ``QT_QPA_PLATFORM=offscreen python tools/make_icon.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(box, size * 0.18, size * 0.18)
    painter.fillPath(path, QColor("#c8161d"))
    font = QFont(["Noto Sans CJK SC", "Microsoft YaHei", "SimHei"])
    font.setPixelSize(int(size * 0.62))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "联")
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 (fonts need the application)
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "liaison-desk.png"))
    # Qt's ico writer stores one size per file; 256 px is what Windows 10/11 scale from.
    if not draw(256).save(str(OUT / "liaison-desk.ico"), "ICO"):
        raise SystemExit("Qt 未能写出 .ico（缺少 imageformats/qico 插件）")
    print(f"已生成 {OUT / 'liaison-desk.png'} 和 .ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
