"""委员联络室工作台: no command opens the window; a command runs on the command line."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    args = [a for a in argv if a]
    # Only --db (and its value) means: open the window on that database.
    rest = args[2:] if args[:1] == ["--db"] else [a for a in args if not a.startswith("--db=")]
    if not rest:
        from app.ui.app import run_gui

        db = args[1] if args[:1] == ["--db"] and len(args) > 1 else None
        for a in args:
            if a.startswith("--db="):
                db = a.split("=", 1)[1]
        return run_gui(db)
    from app.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
