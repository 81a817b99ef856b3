"""``demo``: fill a database with the seeded 示例数据."""

from __future__ import annotations

import argparse
import sys

from app.cli.context import CliContext
from app.errors import UserError

# The names of app.services.demo.generate.SCALES (a test keeps them equal).
SCALE_NAMES = ("county", "township")


def register(verbs: argparse._SubParsersAction, groups: dict) -> None:
    parser = verbs.add_parser("demo", help="载入示例数据（仅用于空数据库）")
    parser.add_argument(
        "--scale",
        choices=SCALE_NAMES,
        default="township",
        help="township：乡镇规模（约 40 名委员、6 个联络室、2 年）；"
        "county：县级规模（400 名委员、320 个联络室、10 年）",
    )
    parser.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同数据")
    parser.add_argument(
        "--force", action="store_true", help="数据库已有委员时仍然载入（会与现有记录混在一起）"
    )
    parser.add_argument(
        "--clear",
        action="store_true",
        help="清空先前载入的示例数据（先自动备份；保留界别、检查项和设置），以便开始正式使用",
    )
    parser.add_argument(
        "--yes", action="store_true", help="与 --clear 同用：不再询问，直接清空（用于脚本）"
    )
    parser.set_defaults(handler=run_demo)


def confirm_clear() -> bool:
    """Ask on the terminal; without one (a script, a pipe) there is nobody to answer."""
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(
            "清空示例数据需要确认：请在终端中运行，或加 --yes 表示确认。未清空任何数据。"
        )
    sys.stderr.write(
        "将删除示例数据载入的全部记录（之后录入或导入的正式数据和已定稿年度不受影响，"
        "清空前自动备份）。确定清空吗？请输入 y 确认：",
    )
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "是")


def run_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.demo import clear as demo_clear
    from app.services.demo import generate as demo

    if args.clear:
        db = ctx.database()
        if not demo_clear.has_demo_data(db):
            raise UserError("当前数据库不是示例数据，不能清空。")
        if not args.yes and not confirm_clear():
            raise UserError("已取消，未清空任何数据。")
        ctx.print(demo_clear.clear_demo(db).describe())
        return 0
    try:
        summary = demo.load_demo(ctx.database(), args.scale, seed=args.seed, force=args.force)
    except demo.DemoNameClash as exc:
        raise UserError(exc.message + "（命令行：加 --seed 换一个随机种子）") from exc
    except demo.RealDataPresent as exc:
        raise UserError(exc.message + "（命令行：用 --db 指定一个新的数据库文件）") from exc
    for line in summary.lines():
        ctx.print(line)
    return 0
