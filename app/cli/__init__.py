"""The command-line companion (like calibre's calibredb): parsing and printing only.

Every verb calls the same services the window uses. Exit codes: 0 ok, 2 user error (one Chinese
line on stderr), 1 a bug (traceback logged to the app data folder).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from app import APP_NAME, __version__
from app.bug_log import log_bug
from app.cli import argparse_zh
from app.errors import UserError

# Modules that add verbs; each has ``register(subparsers, groups)``. They import the services
# inside their handlers, so that ``--help`` and a command's parsing load no SQLAlchemy, openpyxl
# or python-docx (tests/cli/test_startup_imports.py).
# A verb that reads the database without replacing it sets ``reads_database=True``: the file's
# checks then start in a worker thread while its handler loads the services.
COMMAND_MODULES = (
    "app.cli.core",
    "app.cli.members",
    "app.cli.documents",
    "app.cli.points",
    "app.cli.safety",
    "app.cli.demo",
    "app.cli.exchange",
    "app.cli.statistics",
)
GROUPS = {"import": "导入数据", "export": "导出文件"}


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as we want
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = ChineseArgumentParser(
        # The installed program is called by its own name (liaison-desk, liaison-desk-cli.exe).
        prog=Path(sys.argv[0]).stem if getattr(sys, "frozen", False) else "python main.py",
        description="委员联络室工作台。不带命令时打开窗口；带命令时在命令行中完成同样的工作。",
    )
    parser.add_argument("--db", metavar="PATH", help="数据库文件（默认：本机应用数据文件夹）")
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出"
    )
    verbs = parser.add_subparsers(
        dest="command", metavar="命令", parser_class=ChineseArgumentParser
    )
    groups = {}
    for name, help_text in GROUPS.items():
        group = verbs.add_parser(name, help=help_text)
        groups[name] = group.add_subparsers(
            dest="what", metavar="对象", required=True, parser_class=ChineseArgumentParser
        )
    for module_name in COMMAND_MODULES:
        import_module(module_name).register(verbs, groups)
    verbs.add_parser(
        "self-test",
        help="自检：在临时文件夹中新建数据库、载入示例数据、导出各类文件、打开主窗口（不动本机数据）",
    )  # run by main.py, which may open the window; the command line itself never does
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from app.cli.context import CliContext  # SQLAlchemy: only once a command runs

    ctx = CliContext(db_path=args.db)
    try:
        if getattr(args, "reads_database", False):
            ctx.start_checks()
        return int(args.handler(args, ctx) or 0)
    except UserError as exc:
        sys.stderr.write(f"错误：{exc.message}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (e.g. `list members | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("已取消。\n")
        return 2
    except Exception as exc:  # the bug boundary
        path = log_bug(exc)
        sys.stderr.write(f"程序出现意外错误，已记录到日志：{path}\n")
        return 1
    finally:
        ctx.close()
