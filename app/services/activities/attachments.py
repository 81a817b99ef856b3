"""Attachment files: photos and scans are copied into the app data folder under a safe, unique
name, so the record keeps working after the user moves or deletes the original."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from app import paths
from app.errors import UserError, os_reason
from app.paths import clean_file_name

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff"}
SCAN_SUFFIXES = {".pdf"}


def guess_kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return "照片"
    if suffix in SCAN_SUFFIXES:
        return "扫描件"
    return "其他"


def is_image(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_SUFFIXES


def stored_path(stored_name: str) -> Path:
    """Where an attachment lives; ``stored_name`` is relative to the attachments folder."""
    return paths.attachments_dir() / stored_name


def safe_stored_name(original_name: str) -> str:
    """A unique ASCII-prefixed name that keeps the readable stem and the suffix."""
    original = Path(original_name)
    suffix = clean_file_name(original.suffix.lower(), fallback="")[:10]
    stem = clean_file_name(original.stem, fallback="附件")[:60].replace(" ", "_")
    return f"{uuid.uuid4().hex[:12]}_{stem}{suffix}"


def copy_in(source: Path) -> tuple[str, int]:
    """Copy ``source`` into the attachments folder; returns (stored_name, size in bytes)."""
    source = Path(source)
    if not source.is_file():
        raise UserError(f"找不到附件文件“{source}”，请重新选择。")
    name = safe_stored_name(source.name)
    target = stored_path(name)
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise UserError(f"无法复制附件“{source.name}”：{os_reason(exc)}") from exc
    return name, target.stat().st_size


def remove_stored(stored_name: str) -> None:
    """Delete a stored copy; a file already gone is fine."""
    if stored_name:
        stored_path(stored_name).unlink(missing_ok=True)
