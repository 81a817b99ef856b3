"""Pinyin readings through pypinyin, imported on first use: loading its dictionaries takes about
0.13 s, which a page that never sorts or searches by pinyin should not pay when it opens."""

from __future__ import annotations

from typing import Any


def lazy_pinyin(text: str, **options: Any) -> list[str]:
    from pypinyin import lazy_pinyin as readings

    return readings(text, **options)


def preload() -> None:
    """Load the dictionaries now (the window calls this in a worker thread once it is ready,
    so the 委员 page does not pay for them when it is first opened)."""
    lazy_pinyin("委员")
