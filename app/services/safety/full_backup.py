"""整库数据包: every row of every table in the data package container, for a server without pg_dump.

pg_dump is the server's own backup and is used when this PC has it. When it is missing, or older
than the server (pg_dump refuses to dump a newer server), ``backup --out`` and the 导入前备份
write this instead: a zip (.ldpkg, the container of the township → county data packages) with
``manifest.json`` — format ``liaison-desk-full-backup``, the schema revision, each table's
columns and row count, each part's SHA-256 — and ``data/<table>.json`` per table (rows as lists).
On the server the tables are read in one REPEATABLE READ transaction: they agree with each other
although clerks keep saving meanwhile.

``restore_into_empty`` loads such a file into a database the program has just created (nothing in
it but the default 界别 and checklist), on either engine, ids and versions included.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select, update

import app
from app.db import Database
from app.db_server import sync_id_sequences
from app.errors import UserError, os_reason
from app.models import Base
from app.services.exchange.codec import BadValue, decode, encode
from app.services.exchange.package import MANIFEST, SUFFIX
from app.storage import head_revision

FORMAT = "liaison-desk-full-backup"
FORMAT_VERSION = 1
# Filled when the program creates a database (app.defaults): replaced by the backup's rows.
SEEDED = ("sector", "checklist_item", "setting", "audit_log")
# Written last, so that no trigger (0002 summary, 0003 year lock) fires on what they restore.
SUMMARY = ("point_summary_year", "point_summary")
LOCKS = "point_rule_set"  # its ``locked`` column: the 定稿 flag of each year
BATCH = 2000


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def is_full_backup(path: Path) -> bool:
    """Whether ``path`` is a 整库数据包 (not a data package to import, not a SQLite file)."""
    try:
        with zipfile.ZipFile(path) as zf:
            with zf.open(MANIFEST) as stream:
                manifest = json.loads(stream.read(1024 * 1024))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, zlib.error):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT


def write_full_backup(db: Database, dest: Path) -> Path:
    """Write every table of ``db`` into ``dest`` (a .ldpkg); the file appears whole or not at all."""
    dest = Path(dest)
    if dest.suffix != SUFFIX:
        dest = dest.with_name(dest.name + SUFFIX)
    blobs: dict[str, bytes] = {}
    tables: dict[str, Any] = {}
    with db.read() as session:
        options = {"isolation_level": "REPEATABLE READ"} if db.is_server else {}
        conn = session.connection(execution_options=options)
        for table in _tables():
            columns = [c.name for c in table.columns]
            rows = [
                [encode(value) for value in row]
                for row in conn.execute(select(table).order_by(table.c.id))
            ]
            blobs[f"data/{table.name}.json"] = json.dumps(
                rows, ensure_ascii=False, separators=(",", ":")
            ).encode("utf-8")
            tables[table.name] = {"columns": columns, "rows": len(rows)}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "program_version": app.__version__,
        "source": db.label,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "tables": tables,
        "parts": {
            name: {"sha256": hashlib.sha256(blob).hexdigest(), "size": len(blob)}
            for name, blob in blobs.items()
        },
    }
    _write_zip(dest, blobs, manifest)
    return dest


def _write_zip(dest: Path, blobs: dict[str, bytes], manifest: dict[str, Any]) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".~", suffix=SUFFIX, dir=dest.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in blobs.items():
                zf.writestr(name, blob)
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(temp, dest)
    except OSError as exc:
        raise UserError(f"整库数据包“{dest.name}”未能保存：{os_reason(exc)}。") from exc
    finally:
        temp.unlink(missing_ok=True)


def _refuse(path: Path, why: str) -> UserError:
    return UserError(f"“{path.name}”{why}，不能用于恢复。数据库未改动。")


def read_full_backup(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(manifest, table → its part's JSON) of a checked 整库数据包 (every part's SHA-256 as the
    manifest says); every problem is one UserError."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            try:
                manifest = json.loads(zf.read(MANIFEST))
            except KeyError:
                raise _refuse(path, "不是整库数据包（缺少清单）") from None
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise _refuse(path, "不是整库数据包")
            if manifest.get("format_version") != FORMAT_VERSION:
                raise _refuse(path, "由其他版本的工作台制作（格式版本不同）")
            revision = manifest.get("schema_revision")
            if revision != head_revision():
                raise _refuse(
                    path,
                    f"的数据结构版本（{revision}）与本程序（{head_revision()}）不同，"
                    "请用制作它的同一版本工作台恢复",
                )
            listed, tables = manifest.get("parts"), manifest.get("tables")
            if not isinstance(listed, dict) or not isinstance(tables, dict):
                raise _refuse(path, "的清单不完整，文件已损坏")
            parts = {}
            for table in _tables():
                name = f"data/{table.name}.json"
                facts, entry = listed.get(name), tables.get(table.name)
                if not (
                    isinstance(facts, dict)
                    and isinstance(entry, dict)
                    and isinstance(entry.get("columns"), list)
                    and isinstance(entry.get("rows"), int)
                    and name in zf.namelist()
                ):
                    raise _refuse(path, f"缺少数据表“{table.name}”，文件不完整")
                blob = zf.read(name)
                if hashlib.sha256(blob).hexdigest() != facts.get("sha256"):
                    raise _refuse(path, f"中的“{name}”校验值不符，文件已被修改或损坏")
                parts[table.name] = blob
    except FileNotFoundError:
        raise UserError(f"找不到备份文件“{path}”。") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError) as exc:
        if isinstance(exc, UserError):
            raise
        raise _refuse(path, "无法完整读取（文件被截断或损坏）") from None
    return manifest, parts


def _decoded(table: Table, columns: list[str], rows: list[list[Any]]) -> list[dict[str, Any]]:
    wanted = [c.name for c in table.columns]
    if sorted(columns) != sorted(wanted):
        raise BadValue(f"数据表“{table.name}”的字段与本程序不一致")
    out = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise BadValue(f"数据表“{table.name}”第 {n} 行格式不对")
        where = f"数据表“{table.name}”第 {n} 行"
        out.append(
            {
                name: decode(table.c[name], value, where)
                for name, value in zip(columns, row, strict=True)
            }
        )
    return out


def restore_into_empty(db: Database, path: Path) -> dict[str, int]:
    """Load the 整库数据包 ``path`` into ``db``, which must hold no records yet; table → rows.

    One transaction: all or nothing. Triggers stay on (the program never needs the rights to turn
    them off): the years' 定稿 flags are set after their records are in, the points summary comes
    last, and a 提案 converted into 社情民意 gets its link once both rows exist."""
    manifest, parts = read_full_backup(path)
    tables = {t.name: t for t in _tables()}
    counts = {name: int(manifest["tables"][name]["rows"]) for name in tables}
    with db.write() as session:
        conn = session.connection()
        held = [
            name
            for name, table in tables.items()
            if name not in SEEDED and conn.execute(select(func.count()).select_from(table)).scalar()
        ]
        if held:
            raise UserError(
                f"数据库“{db.label}”中已有数据（{held[0]} 等），整库数据包只能恢复到新建的空数据库。"
                "请管理员新建一个数据库，连接它后再恢复。数据库未改动。"
            )
        for name in reversed(list(tables)):
            if name in SEEDED:
                conn.execute(tables[name].delete())

        def rows_of(name: str) -> list[dict[str, Any]]:
            # decoded one table at a time, its JSON dropped: a county's file holds ~850,000 rows
            rows = json.loads(parts.pop(name))
            if not isinstance(rows, list) or len(rows) != counts[name]:
                raise _refuse(path, f"中的数据表“{name}”行数与清单不符")
            return _decoded(tables[name], manifest["tables"][name]["columns"], rows)

        later: list[tuple[Table, list[str], list[dict[str, Any]]]] = []
        for name, table in tables.items():
            if name in SUMMARY:
                continue
            rows = rows_of(name)
            held_back = _self_references(table) + (["locked"] if name == LOCKS else [])
            # what is held back goes in empty: a link as NULL, a year as not locked (False)
            blank = {c: False if c == "locked" else None for c in held_back}
            _insert(conn, table, [{**row, **blank} for row in rows] if blank else rows)
            if held_back:
                keep = [*held_back, "id", "updated_at"]
                later.append((table, held_back, [{c: row[c] for c in keep} for row in rows]))
        # links first, 定稿 flags last: a locked year refuses every later write into it
        later.sort(key=lambda item: item[0].name == LOCKS)
        for table, held_back, kept in later:
            for row in kept:
                values = {c: row[c] for c in held_back if row[c]}
                if values:  # the stored updated_at, not the time of the restore
                    values["updated_at"] = row["updated_at"]
                    conn.execute(update(table).where(table.c.id == row["id"]).values(**values))
        for name in SUMMARY:
            _insert(conn, tables[name], rows_of(name))
        sync_id_sequences(conn, list(tables))
    return counts


def _insert(conn: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        conn.execute(insert(table), rows[start : start + BATCH])
