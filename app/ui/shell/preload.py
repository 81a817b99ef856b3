"""What the pages need that the window does not: loaded in a worker thread once the window is
ready, while the user reads the first page, so that the first click on 委员 (pinyin sorting) or
导出 / 活动编辑 (openpyxl, python-docx) does not wait ~0.2 s for it."""

from __future__ import annotations

import threading


def preload_page_libraries() -> None:
    from app.services.members.pinyin import preload

    preload()
    import docx  # noqa: F401
    import openpyxl  # noqa: F401


def start_preloading() -> threading.Thread:
    thread = threading.Thread(target=preload_page_libraries, name="preload", daemon=True)
    thread.start()
    return thread
