"""Verbs of data safety: ``backup --out FILE``, ``restore FILE`` and ``backups``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.context import CliContext
from app.errors import UserError


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    saver = verbs.add_parser("backup", help="备份数据库到指定文件（如 U 盘）")
    saver.add_argument("--out", required=True, metavar="FILE", help="备份文件或文件夹")
    saver.set_defaults(handler=run_backup)

    restorer = verbs.add_parser("restore", help="从备份文件恢复数据库（当前数据库先另存备份）")
    restorer.add_argument("file", metavar="FILE", help="备份文件")
    restorer.set_defaults(handler=run_restore)

    lister = verbs.add_parser("backups", help="列出应用数据文件夹中的自动备份")
    lister.set_defaults(handler=run_list_backups)


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.safety import attachment_backup, backup

    db = ctx.database(exclusive=False)
    out = backup.backup_to(db, Path(args.out))
    if db.is_server:
        from app.services.safety import server_backup

        ctx.print(f"已备份到：{out}")
        note = server_backup.fallback_note(db, out)
        if note:
            ctx.print(note)
        return 0
    ctx.print(f"已备份到：{out}（已通过完整性检查）")
    if attachment_backup.folder_beside(out).is_dir():
        ctx.print(f"附件文件已复制到：{attachment_backup.folder_beside(out)}")
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.safety import backup, full_backup, restore
    from app.storage import open_database

    if full_backup.is_full_backup(Path(args.file)):  # 整库数据包: into a new, empty database
        counts = full_backup.restore_into_empty(ctx.database(), Path(args.file))
        ctx.print(
            f"已从整库数据包“{Path(args.file).name}”恢复：委员 {counts['member']} 人，"
            f"履职活动 {counts['activity']} 次，共 {sum(counts.values())} 行。"
        )
        return 0
    if ctx.on_server:
        raise UserError(
            "服务器上的数据库不能用本命令从 pg_dump 备份恢复：请管理员用 pg_restore 恢复"
            "（见使用说明“县政协使用数据库服务器”）；整库数据包（.ldpkg）可以恢复到新建的空数据库。"
        )
    ctx.hold_lock()  # no window or other command may have the database open meanwhile
    check = restore.inspect_backup(Path(args.file))
    ctx.print(check.describe())
    kept = restore.restore_file(ctx.db_path, Path(args.file))
    if kept is not None:
        ctx.print(f"原数据库已另存为：{kept}")
    # An older backup is upgraded now (after its own 升级前备份), not at the next start.
    open_database(
        ctx.db_path, before_upgrade=backup.upgrade_backup(backup.folder_for(ctx.db_path))
    ).dispose()
    ctx.print(f"已从“{Path(args.file).name}”恢复数据库：{ctx.db_path}")
    return 0


def run_list_backups(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.safety import backup

    if ctx.on_server:
        raise UserError(
            "服务器上的数据库没有本机自动备份：由管理员在服务器上用 pg_dump 备份；"
            "也可运行 backup --out 文件夹 备份到本机（有 pg_dump 时为 .dump，否则为整库数据包）。"
        )
    rows = [
        (
            b.made_at.strftime("%Y-%m-%d %H:%M:%S"),
            b.kind,
            f"{b.size_bytes / 1024:.0f} KB",
            str(b.path),
        )
        for b in backup.list_backups(backup.folder_for(ctx.db_path))
    ]
    ctx.print_rows(("时间", "类型", "大小", "文件"), rows)
    return 0
