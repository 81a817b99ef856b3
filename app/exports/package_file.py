"""Writing a .ldpkg: one JSON part per kind, the attachment files, and manifest.json naming
each part's SHA-256 and size."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.db import Database
from app.exports.files import write_file
from app.services.exchange import export
from app.services.exchange.package import MANIFEST


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_package(
    path: Path, manifest: dict[str, Any], parts: dict[str, list], files: dict[str, Path]
) -> Path:
    """Write parts and attachment files, then the manifest naming each part's SHA-256."""
    blobs = {f"data/{kind}.json": _dump(rows) for kind, rows in parts.items()}

    def writer(temp: Path) -> None:
        hashes: dict[str, dict[str, Any]] = {}
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in blobs.items():
                zf.writestr(name, blob)
                hashes[name] = {"sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob)}
            for stored_name, source in files.items():
                blob = source.read_bytes()
                name = f"attachments/{stored_name}"
                zf.writestr(name, blob)
                hashes[name] = {"sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob)}
            zf.writestr(MANIFEST, _dump({**manifest, "parts": hashes}))

    return write_file(path, writer)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sender_name: str
    direction: str
    sequence: int
    counts: dict[str, int]  # kind label → rows
    attachments: int


def export_package(db: Database, out: Path, *, with_attachments: bool = False) -> ExportResult:
    """package export: the snapshot written to ``out``; the sequence number is used up once the
    file is there."""
    snap = export.snapshot(db, with_attachments=with_attachments)
    write_package(Path(out), snap.manifest, snap.parts, snap.files)
    export.record_export(db, snap.manifest["sequence"])
    return ExportResult(
        Path(out),
        snap.sender.name,
        snap.manifest["direction"],
        snap.manifest["sequence"],
        snap.result_counts,
        len(snap.files),
    )
