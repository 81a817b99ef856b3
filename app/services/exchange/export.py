"""package export: a full snapshot of what this database owns, for the other level.

A township (乡镇) sends up (上报) its rooms, checklists, topics, activities with their parts,
receptions, submissions and its roster; a county (县) sends down (下发) its roster, the 界别 list
and its point rule tables. Every export takes the next sequence number of this sender.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import app
from app import paths
from app.db import Database
from app.errors import UserError
from app.services import settings
from app.services.exchange import identity
from app.services.exchange.codec import encode
from app.services.exchange.kinds import DOWN, KINDS, UP, kinds_for, sent_whole
from app.services.exchange.package import FORMAT, FORMAT_VERSION
from app.storage import head_revision

SEQUENCE_KEY = "exchange.sequence"


def need_identity(db: Database) -> identity.Identity:
    ident = identity.get_identity(db)
    if ident is None:
        raise UserError(
            "尚未设置本单位，不能导出数据包。请先在“设置 → 本单位”中设置，或运行："
            "identity set --name 单位名称 --level township（乡镇）或 county（县）。"
        )
    return ident


def ref_keys(session: Session, kind: str) -> dict[int, Any]:
    """id → what a package writes for a reference to a row of ``kind``."""
    spec = KINDS[kind]
    key = spec.table.c[spec.natural_key or "uuid"]
    return dict(session.execute(select(spec.table.c.id, key)).all())


def encode_rows(session: Session, kind: str, own_id: str, whole: bool) -> list[dict[str, Any]]:
    spec = KINDS[kind]
    table = spec.table
    query = select(table).order_by(table.c.id)
    if not whole:
        query = query.where(table.c.origin_id.is_(None))
    refs = {column: ref_keys(session, target) for column, target in spec.refs.items()}
    rows = []
    for row in session.execute(query).mappings():
        out = {"uuid": row["uuid"], "origin": row["origin_id"] or own_id}
        for column in spec.columns:
            value = row[column.name]
            if column.name in refs and value is not None:
                value = refs[column.name].get(value)
            out[column.name] = encode(value)
        rows.append(out)
    return rows


@dataclass(frozen=True)
class Snapshot:
    """What a package holds, ready to be written (app.exports.package_file)."""

    sender: identity.Identity
    manifest: dict[str, Any]
    parts: dict[str, list[dict[str, Any]]]
    files: dict[str, Path]  # attachment stored_name → the file here

    @property
    def result_counts(self) -> dict[str, int]:
        return {KINDS[kind].label: len(rows) for kind, rows in self.parts.items()}


def snapshot(db: Database, *, with_attachments: bool = False) -> Snapshot:
    """Everything this database owns for the other level, with the next sequence number."""
    ident = need_identity(db)
    direction = UP if ident.level == "township" else DOWN
    with db.read() as session:
        sequence = int(settings.get_value(session, SEQUENCE_KEY) or 0) + 1
        parts = {}
        for kind in kinds_for(direction):
            if kind == "attachment" and not with_attachments:
                continue
            parts[kind] = encode_rows(session, kind, ident.sender_id, sent_whole(kind, direction))
    files: dict[str, Path] = {}
    for row in parts.get("attachment", []):
        source = paths.attachments_dir() / row["stored_name"]
        if source.is_file():
            files[row["stored_name"]] = source
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "program_version": app.__version__,
        "sender": {"name": ident.name, "level": ident.level, "id": ident.sender_id},
        "direction": direction,
        "sequence": sequence,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "with_attachments": with_attachments,
        "counts": {kind: len(rows) for kind, rows in parts.items()},
    }
    return Snapshot(ident, manifest, parts, files)


def attachment_count(db: Database) -> int:
    """Attachments of this database's own records: whether to offer to send them."""
    table = KINDS["attachment"].table
    with db.read() as session:
        return (
            session.scalar(
                select(func.count()).select_from(table).where(table.c.origin_id.is_(None))
            )
            or 0
        )


def record_export(db: Database, sequence: int) -> None:
    """Called once the file is written: the next package gets the next number."""
    with db.write() as session:
        settings.set_value(session, SEQUENCE_KEY, sequence)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sender_name: str
    direction: str
    sequence: int
    counts: dict[str, int]  # kind label → rows
    attachments: int


# app.exports.package_file.write_package: (path, manifest, parts, files) → path written
PackageWriter = Callable[[Path, dict[str, Any], dict[str, list], dict[str, Path]], Path]


def export_package(
    db: Database, out: Path, write: PackageWriter, *, with_attachments: bool = False
) -> ExportResult:
    """package export: the snapshot written to ``out`` by ``write``; the sequence number is used
    up once the file is there."""
    snap = snapshot(db, with_attachments=with_attachments)
    write(Path(out), snap.manifest, snap.parts, snap.files)
    record_export(db, snap.manifest["sequence"])
    return ExportResult(
        Path(out),
        snap.sender.name,
        snap.manifest["direction"],
        snap.manifest["sequence"],
        snap.result_counts,
        len(snap.files),
    )
