"""Writing a .ldpkg: one JSON part per kind, the attachment files, and manifest.json naming
each part's SHA-256 and size."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from app.exports.files import write_file
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
