"""Backups of a database on a PostgreSQL server: ``pg_dump`` in its custom format, or, when this
PC has no pg_dump or one older than the server, the 整库数据包 (app.services.safety.full_backup).

The password goes to pg_dump through its environment (PGPASSWORD), never on its command line
(where other users of the PC could read it) and never into a file. Restore a .dump with
``pg_restore --clean --if-exists -d postgresql://…  FILE.dump``, a .ldpkg with ``restore FILE``
into a new, empty database (README: 县政协使用数据库服务器).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from app import paths
from app.db import Database
from app.errors import UserError
from app.services.exchange.package import SUFFIX
from app.services.safety import full_backup

DUMP_SUFFIX = ".dump"


def pg_dump_program() -> str | None:
    return shutil.which("pg_dump")


def _major(version: str) -> int | None:
    """15 from "pg_dump (PostgreSQL) 15.10 (Debian 15.10-0+deb12u1)"."""
    match = re.search(r"\)\s*(\d+)", version) or re.search(r"(\d+)", version)
    return int(match.group(1)) if match else None


def pg_dump_problem(db: Database) -> str | None:
    """Why pg_dump cannot back up ``db`` from this PC (Chinese), or None when it can."""
    program = pg_dump_program()
    if program is None:
        return "本机没有找到 pg_dump"
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
        client = _major(done.stdout)
    except (OSError, subprocess.SubprocessError):
        return "本机的 pg_dump 无法运行"
    with db.engine.connect() as conn:
        server = int((conn.dialect.server_version_info or (0,))[0])
    if client is None or client < server:
        return (
            f"本机的 pg_dump（{client or '未知'} 版）比服务器的 PostgreSQL {server} 旧，不能备份它"
        )
    return None


def back_up(db: Database, dest: Path) -> Path:
    """pg_dump into ``dest`` (.dump) when it can, else the 整库数据包 beside it (.ldpkg)."""
    if pg_dump_problem(db) is None:
        return dump(db, dest)
    if dest.suffix in (DUMP_SUFFIX, ".db"):  # the name the folder or the save dialog proposed
        dest = dest.with_suffix(SUFFIX)
    return full_backup.write_full_backup(db, dest)


def fallback_note(db: Database, made: Path) -> str | None:
    """The sentence telling a clerk that ``made`` is a 整库数据包, not a pg_dump file."""
    if made.suffix != SUFFIX:
        return None
    why = pg_dump_problem(db) or "未使用 pg_dump"
    return (
        f"{why}，已改为导出整库数据包（{SUFFIX}，含全部数据表）。"
        "恢复：请管理员新建一个空数据库，连接它运行 restore 该文件。"
    )


def dump(db: Database, dest: Path) -> Path:
    """Write the whole database into ``dest`` (a .dump file) or raise UserError."""
    program = pg_dump_program()
    if program is None:
        raise UserError(
            "本机没有找到 pg_dump，无法备份服务器上的数据库。"
            "请安装 PostgreSQL 客户端（Debian/统信/麒麟：postgresql-client），或请管理员在服务器上备份。"
        )
    url = db.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = [program, "--format=custom", "--no-owner", f"--file={dest}"]
    args += [f"--host={url.host}", f"--username={url.username or ''}", f"--dbname={url.database}"]
    if url.port:
        args.append(f"--port={url.port}")
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        value = url.query.get(key)
        if value:
            env["PG" + key.upper()] = str(value)
    dest.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        dest.unlink(missing_ok=True)
        reason = (done.stderr.strip().splitlines() or ["未知原因"])[-1]
        raise UserError(f"pg_dump 备份未完成：{reason}")
    return dest


def dump_into_folder(db: Database, kind: str, folder: Path | None = None) -> Path:
    """A ``kind`` backup (导入前备份, 手动备份…) of the server database into the backup folder."""
    target = Path(folder) if folder is not None else paths.backup_dir() / "server"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return back_up(db, target / f"{kind}-{db.url.database}-{stamp}{DUMP_SUFFIX}")
