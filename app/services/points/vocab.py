"""The words of a point table: what triggers a rule, how it is counted, how joint work is shared.

Rules are data. ``trigger`` says which record produces points; ``params`` narrow it down:

- ``attendance`` (活动出席): ``activity_types`` (list, empty = every type), ``status`` (出席 / 请假 /
  缺席), ``flag`` (迟到 / 早退 / 迟到或早退, optional), ``title_contains`` (e.g. 全会, optional).
- ``submission`` (履职成果): ``kind`` (提案 / 社情民意 / 调研报告 / 宣讲 / 办实事), ``stage``
  (提案: 提交 / 立案 / 重点 / 优秀; 社情民意: 报送 / 采用 / 批示 / 采用或批示; others: 提交),
  ``levels`` (采用层级, empty = any), ``share`` (how joint authors share), ``co_points``.
- ``reception`` (接待来访): every visit a member received.
- ``manual`` (手工录入): never derived; names an item clerks enter by hand (获奖, 常委履职…).

Any derived rule may carry ``applies_to`` (常委 / 非常委) for role-specific items.
"""

from __future__ import annotations

from typing import Any

from app.models.vocab import ACTIVITY_TYPES, ADOPTION_LEVELS, ATTENDANCE_STATUSES, SUBMISSION_KINDS

TRIGGERS = {
    "attendance": "活动出席",
    "submission": "履职成果",
    "reception": "接待来访",
    "manual": "手工录入",
}
COUNTINGS = {"per_event": "每次", "per_item": "每件", "once_a_year": "每年一次"}
FLAGS = ("迟到", "早退", "迟到或早退")
STAGES = {
    "提案": ("提交", "立案", "重点", "优秀"),
    "社情民意": ("报送", "采用", "批示", "采用或批示"),
    "调研报告": ("提交",),
    "宣讲": ("提交",),
    "办实事": ("提交",),
}
SHARE_EACH = "每人全额"
SHARE_FIRST_ONLY = "仅主笔"
SHARE_FIRST_HALF = "主笔减半联名均分"
SHARE_BY_ROLE = "主笔联名分别计分"
SHARES = (SHARE_EACH, SHARE_FIRST_ONLY, SHARE_FIRST_HALF, SHARE_BY_ROLE)

# Category names the engine itself writes (not rule categories).
BASE_CATEGORY = "基础分"
MAX_CATEGORY = "总分封顶"


def label(mapping: dict[str, str], code: str) -> str:
    return mapping.get(code, code)


def code_for(mapping: dict[str, str], text: str) -> str | None:
    """The code behind a Chinese label (or the code itself)."""
    text = text.strip()
    if text in mapping:
        return text
    for code, name in mapping.items():
        if name == text:
            return code
    return None


APPLIES_TO = ("常委", "非常委")


def check_params(trigger: str, params: dict[str, Any]) -> tuple[str, str] | None:
    """The first problem with a rule's params as (column label, message), or None."""
    if params.get("applies_to") and params["applies_to"] not in APPLIES_TO:
        return "适用委员", "应为常委/非常委，或留空（全体委员）"
    if trigger == "attendance":
        bad = [t for t in params.get("activity_types") or [] if t not in ACTIVITY_TYPES]
        if bad:
            return "活动类型", f"没有这种活动类型：{'、'.join(bad)}"
        if params.get("status") not in ATTENDANCE_STATUSES:
            return "出席情况", f"应为{'/'.join(ATTENDANCE_STATUSES)}之一"
        if params.get("flag") and params["flag"] not in FLAGS:
            return "迟到早退", f"应为{'/'.join(FLAGS)}之一，或留空"
    elif trigger == "submission":
        kind = params.get("kind")
        if kind not in SUBMISSION_KINDS:
            return "成果类型", f"应为{'/'.join(SUBMISSION_KINDS)}之一"
        if params.get("stage") not in STAGES[kind]:
            return "成果环节", f"{kind}的环节应为{'/'.join(STAGES[kind])}之一"
        bad = [lv for lv in params.get("levels") or [] if lv not in ADOPTION_LEVELS]
        if bad:
            return "采用层级", f"应为{'/'.join(ADOPTION_LEVELS)}，多个用顿号分隔"
        if params.get("share", SHARE_EACH) not in SHARES:
            return "合著计分", f"应为{'/'.join(SHARES)}之一"
        co = params.get("co_points")
        if co is not None and not isinstance(co, int | float):
            return "联名人分值", "应为数字"
    elif trigger not in TRIGGERS:
        return "触发记录", f"应为{'/'.join(TRIGGERS.values())}之一"
    return None


def _for_whom(params: dict[str, Any], parts: list[str]) -> str:
    if params.get("applies_to"):
        parts.append(f"仅{params['applies_to']}")
    return " · ".join(p for p in parts if p)


def describe_params(trigger: str, params: dict[str, Any]) -> str:
    """One line a clerk can read, e.g. “协商议事会、微协商 · 出席”."""
    if trigger == "attendance":
        types = "、".join(params.get("activity_types") or []) or "各类活动"
        parts = [types]
        if params.get("title_contains"):
            parts.append(f"名称含“{params['title_contains']}”")
        parts.append(params.get("status", ""))
        if params.get("flag"):
            parts.append(params["flag"])
        return _for_whom(params, parts)
    if trigger == "submission":
        parts = [params.get("kind", ""), params.get("stage", "")]
        if params.get("levels"):
            parts.append("、".join(params["levels"]) + "级")
        share = params.get("share", SHARE_EACH)
        if params.get("kind") in ("提案", "社情民意") and share != SHARE_EACH:
            parts.append(share)
            if share == SHARE_BY_ROLE:
                parts.append(f"联名 {params.get('co_points', 0):g} 分")
        return _for_whom(params, parts)
    return label(TRIGGERS, trigger)


# Sources a minimum requirement counts: a submission kind (the member is an author), “活动”
# (any activity attended), “活动:协商议事会” (attended activities of one type), “接待来访”.
ACTIVITY_SOURCE = "活动"
RECEPTION_SOURCE = "接待来访"


def valid_source(token: str) -> bool:
    if token in SUBMISSION_KINDS or token in (ACTIVITY_SOURCE, RECEPTION_SOURCE):
        return True
    head, _, tail = token.partition(":")
    return head == ACTIVITY_SOURCE and tail in ACTIVITY_TYPES
