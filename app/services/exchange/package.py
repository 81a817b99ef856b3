"""A data package (数据包) as read: its manifest, its rows per kind, its attachment files.
Files are written by app.exports.package_file and read (with every check) by
app.imports.package_file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = "liaison-desk-package"
FORMAT_VERSION = 1
SUFFIX = ".ldpkg"
MANIFEST = "manifest.json"
MAX_FILE_BYTES = 4 * 1024**3  # the .ldpkg itself
MAX_PART_BYTES = 256 * 1024**2  # one JSON part, uncompressed
MAX_ATTACHMENT_BYTES = 200 * 1024**2
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_ENTRIES = 100_000
MAX_RATIO = 200  # uncompressed / compressed: more is a zip bomb, not records


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass
class Package:
    manifest: dict[str, Any]
    parts: dict[str, list[dict[str, Any]]]  # kind → rows
    attachments: dict[str, bytes] = field(default_factory=dict)  # stored_name → content
    path: Path | None = None

    @property
    def sender_id(self) -> str:
        return self.manifest["sender"]["id"]

    @property
    def sender_name(self) -> str:
        return self.manifest["sender"]["name"]

    @property
    def sender_level(self) -> str:
        return self.manifest["sender"]["level"]

    @property
    def sequence(self) -> int:
        return self.manifest["sequence"]

    @property
    def direction(self) -> str:
        return self.manifest["direction"]


def is_uuid(value: Any) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))
