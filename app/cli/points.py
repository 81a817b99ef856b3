"""履职积分 verbs: ``points recalc|rank|rooms|lock|rules …``, ``export points``, ``export archive``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.context import CliContext
from app.errors import NotFoundError, UserError

if TYPE_CHECKING:
    from app.services.points import ranking, rules


def _num(value: float) -> str:
    return f"{value:g}"


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    points = verbs.add_parser("points", help="履职积分：重新计算、排名、定稿、规则")
    sub = points.add_subparsers(dest="points_command", metavar="操作", required=True)

    recalc = sub.add_parser("recalc", help="按该年度规则重新计算积分")
    recalc.add_argument("--year", type=int, required=True)
    recalc.set_defaults(handler=run_recalc)

    rank = sub.add_parser("rank", help="列出该年度积分排名（制表符分隔）")
    rank.add_argument("--year", type=int, required=True)
    rank.set_defaults(handler=run_rank)

    room = sub.add_parser("rooms", help="列出该年度联络室年评比")
    room.add_argument("--year", type=int, required=True)
    room.set_defaults(handler=run_rooms)

    lock = sub.add_parser("lock", help="年度考核定稿（定稿后该年度积分不再变动）")
    lock.add_argument("--year", type=int, required=True)
    lock.add_argument("--yes", action="store_true", help="确认定稿")
    lock.set_defaults(handler=run_lock)

    rule = sub.add_parser("rules", help="积分规则：导入、导出、载入内置规则、复制上一年度")
    rsub = rule.add_subparsers(dest="rules_command", metavar="操作", required=True)
    r_list = rsub.add_parser("list", help="列出内置积分规则")
    r_list.set_defaults(handler=run_rules_list)
    r_export = rsub.add_parser("export", help="把该年度规则导出为 .xlsx")
    r_export.add_argument("--year", type=int, required=True)
    r_export.add_argument("--out", required=True)
    r_export.set_defaults(handler=run_rules_export)
    r_import = rsub.add_parser("import", help="从 .xlsx 导入该年度规则（替换原有规则）")
    r_import.add_argument("file")
    r_import.add_argument("--year", type=int, required=True)
    r_import.set_defaults(handler=run_rules_import)
    r_default = rsub.add_parser("load-default", help="载入内置规则作为该年度规则")
    r_default.add_argument("name", help="内置规则名，见 points rules list")
    r_default.add_argument("--year", type=int, required=True)
    r_default.set_defaults(handler=run_rules_default)
    r_copy = rsub.add_parser("copy", help="复制某年度规则到另一年度")
    r_copy.add_argument("--from", dest="from_year", type=int, required=True)
    r_copy.add_argument("--to", dest="to_year", type=int, required=True)
    r_copy.set_defaults(handler=run_rules_copy)

    export_points = groups["export"].add_parser("points", help="履职积分统计表 (.xlsx)")
    export_points.add_argument("--year", type=int, required=True)
    export_points.add_argument("--out", required=True)
    export_points.set_defaults(handler=run_export_points)

    archive = groups["export"].add_parser("archive", help="委员履职档案 (.docx)")
    archive.add_argument("member_id", type=int, metavar="MEMBER_ID")
    archive.add_argument("--year", type=int, required=True)
    archive.add_argument("--out", required=True)
    archive.set_defaults(handler=run_export_archive)


def run_recalc(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.points import engine

    result = engine.recalculate(ctx.database(), args.year)
    state = "积分有变化，已更新" if result.changed else "积分没有变化"
    ctx.print(f"{args.year}年度：{result.members} 名委员，{result.entries} 条积分记录；{state}。")
    return 0


def _ranking(ctx: CliContext, year: int) -> ranking.Ranking:
    from app.services.points import ranking
    from app.services.points.current import RECALCULATED_NOTE, ensure_current

    db = ctx.database(exclusive=False)
    if ensure_current(db, year):
        ctx.warn(RECALCULATED_NOTE)  # on stderr: the ranking's rows stay machine-readable
    r = ranking.get_ranking(db, year)
    if r is None:
        raise NotFoundError(f"{year}年度还没有积分规则。")
    return r


def run_rank(args: argparse.Namespace, ctx: CliContext) -> int:
    r = _ranking(ctx, args.year)
    header = (
        "排名",
        "姓名",
        "界别",
        "所属联络室",
        *r.categories,
        "总分",
        "等次",
        *(f"{name}·{item}" for name, item in r.requirement_columns),
    )
    rows = [
        (
            str(row.rank),
            row.name,
            row.sector,
            row.rooms,
            *(_num(row.subtotals.get(c, 0.0)) for c in r.categories),
            _num(row.total),
            row.grade,
            *("✓" if c.met else "✗" for c in row.checks),
        )
        for row in r.rows
    ]
    ctx.print_rows(header, rows)
    return 0


def run_rooms(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.points import rooms

    scores = rooms.room_ranking(ctx.database(exclusive=False), args.year)
    header = (
        "排名",
        "联络室",
        "活动次数",
        "协商次数/目标",
        "接待天数/目标",
        "出席率",
        "按时办结/成果数",
        "综合得分",
    )
    rows = [
        (
            str(s.rank),
            s.name,
            str(s.activities),
            f"{s.consultations}/{s.consultation_target}",
            f"{s.reception_days}/{s.reception_target}",
            "—" if s.attendance_rate is None else f"{s.attendance_rate:.0%}",
            f"{s.closed_on_time}/{s.follow_ups}",
            f"{s.score:g}",
        )
        for s in scores
    ]
    ctx.print_rows(header, rows)
    return 0


def run_lock(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.points import engine

    if not args.yes:
        raise UserError(f"定稿后{args.year}年度的积分和相关记录将不能再修改；确认请加 --yes。")
    result = engine.lock_year(ctx.database(), args.year)
    ctx.print(f"{args.year}年度履职考核已定稿（{result.members} 名委员）。")
    return 0


def run_rules_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.points import rules

    ctx.print_rows(("名称", "说明"), rules.default_rule_sets())
    return 0


def _rule_set(ctx: CliContext, year: int) -> rules.RuleSetData:
    from app.services.points import rules

    data = rules.get_rule_set(ctx.database(exclusive=False), year)
    if data is None:
        raise NotFoundError(f"{year}年度还没有积分规则。")
    return data


def run_rules_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.rules_sheet import write_rule_workbook

    path = write_rule_workbook(_rule_set(ctx, args.year), Path(args.out))
    ctx.print(f"已导出积分规则：{path}")
    return 0


def run_rules_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.imports.rules_sheet import read_rule_workbook
    from app.services.points import rules
    from app.services.safety.backup import backup_before

    data = read_rule_workbook(Path(args.file), args.year)
    backup_before(ctx.database(), "导入")  # the year's rules are replaced: a checked copy first
    rules.save_rule_set(ctx.database(), data)
    ctx.print(f"已导入{args.year}年度积分规则“{data.name}”，共 {len(data.rules)} 条。")
    return 0


def run_rules_default(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.points import rules

    data = rules.load_default(ctx.database(), args.name, args.year)
    ctx.print(f"已载入{args.year}年度积分规则“{data.name}”，共 {len(data.rules)} 条。")
    return 0


def run_rules_copy(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.points import rules

    data = rules.copy_rule_set(ctx.database(), args.from_year, args.to_year)
    ctx.print(f"已把{args.from_year}年度积分规则复制到{args.to_year}年度（{len(data.rules)} 条）。")
    return 0


def run_export_points(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.points_xlsx import export_points_xlsx
    from app.services.points.current import RECALCULATED_NOTE
    from app.services.points.statistics import load_points_table

    table = load_points_table(ctx.database(exclusive=False), args.year)
    if table.recalculated:
        ctx.print(RECALCULATED_NOTE)
    path = export_points_xlsx(table, Path(args.out))
    ctx.print(f"已导出履职积分统计表：{path}")
    return 0


def run_export_archive(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.exports.archive_docx import export_archive_docx
    from app.exports.official_docx import OfficialFonts
    from app.services.documents.meeting_papers import font_settings
    from app.services.points.archive import load_archive

    db = ctx.database(exclusive=False)
    archive = load_archive(db, args.member_id, args.year)
    fonts = OfficialFonts.from_settings(font_settings(db))
    path = export_archive_docx(archive, fonts, Path(args.out))
    ctx.print(f"已导出委员履职档案：{path}")
    return 0
