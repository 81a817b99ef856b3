"""Every open, save and folder dialog starts in the folder the clerk used last.

The 统计表 and 档案 dialogs opened in the program's own folder, the rule sheet's in whatever the
working folder was; a clerk who saves everything to the same USB stick or 文档 folder had to walk
there each time. The folder is kept in the window settings (QSettings) under one key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "documents/last_folder"  # the key the 会议文件 dialogs used before


def last_folder(settings: QSettings | None) -> Path:
    stored = settings.value(LAST_FOLDER_KEY) if settings is not None else None
    folder = Path(str(stored)) if stored else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember(settings: QSettings | None, chosen: Path) -> None:
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(chosen if chosen.is_dir() else chosen.parent))


def ask_save_path(
    parent: QWidget | None, settings: QSettings | None, title: str, name: str, filter_text: str
) -> Path | None:
    """A save dialog in the last folder, proposing ``name``; None when the clerk cancels."""
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(last_folder(settings) / name), filter_text
    )
    if not path:
        return None
    remember(settings, Path(path))
    return Path(path)


def ask_open_path(
    parent: QWidget | None,
    settings: QSettings | None,
    title: str,
    filter_text: str,
    folder: Path | None = None,
) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, title, str(folder or last_folder(settings)), filter_text
    )
    if not path:
        return None
    remember(settings, Path(path))
    return Path(path)


def ask_open_paths(
    parent: QWidget | None, settings: QSettings | None, title: str, filter_text: str
) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(last_folder(settings)), filter_text)
    if paths:
        remember(settings, Path(paths[0]))
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget | None, settings: QSettings | None, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(last_folder(settings)))
    if not folder:
        return None
    remember(settings, Path(folder))
    return Path(folder)
