"""Backups of a database on a PostgreSQL server: ``pg_dump`` in its custom format.

The password goes to pg_dump through its environment (PGPASSWORD), never on its command line
(where other users of the PC could read it) and never into a file. Restore with
``pg_restore --clean --if-exists -d postgresql://…  FILE.dump`` (README: 县政协使用数据库服务器).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from app import paths
from app.db import Database
from app.errors import UserError


def pg_dump_program() -> str | None:
    return shutil.which("pg_dump")


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
    return dump(db, target / f"{kind}-{db.url.database}-{stamp}.dump")
