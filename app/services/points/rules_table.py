"""Rule-set tables as rows of Chinese-headed cells, shared by the .xlsx sheet and the rule editor:
turning rows into rule data with 第N行「列」 messages, and rules back into rows."""

from __future__ import annotations

import math
from typing import Any, Literal, overload

from app.errors import ValidationError
from app.services.points import vocab
from app.services.points.rules import RuleData

RULES_SHEET = "积分规则"
GENERAL_SHEET = "总则"
CAPS_SHEET = "类别上限"
GRADES_SHEET = "等次"
REQ_SHEET = "最低要求"
RULE_HEADERS = (
    "序号",
    "代码",
    "名称",
    "类别",
    "分值",
    "计分方式",
    "年度上限",
    "触发记录",
    "活动类型",
    "出席情况",
    "迟到早退",
    "活动名称含",
    "成果类型",
    "成果环节",
    "采用层级",
    "合著计分",
    "联名人分值",
    "适用委员",
)
CAPS_HEADERS = ("类别", "年度上限")
GRADE_HEADERS = ("等次", "最低分", "是否合格")
REQ_HEADERS = ("要求", "项目", "最少次数", "计入记录", "说明")
SEP = "、"

Row = tuple[int, dict[str, Any]]


def num(value: float | None) -> Any:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def rule_row(n: int, rule: RuleData) -> list[Any]:
    p = rule.params
    submission = rule.trigger == "submission"
    attendance = rule.trigger == "attendance"
    return [
        n,
        rule.code,
        rule.name,
        rule.category,
        num(rule.points),
        vocab.COUNTINGS.get(rule.counting, rule.counting),
        num(rule.cap),
        vocab.TRIGGERS.get(rule.trigger, rule.trigger),
        SEP.join(p.get("activity_types") or []) if attendance else None,
        p.get("status") if attendance else None,
        p.get("flag") if attendance else None,
        p.get("title_contains") if attendance else None,
        p.get("kind") if submission else None,
        p.get("stage") if submission else None,
        SEP.join(p.get("levels") or []) if submission else None,
        p.get("share", vocab.SHARE_EACH) if submission else None,
        num(p.get("co_points")) if submission else None,
        p.get("applies_to") or None,
    ]


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u3000", " ").strip()


def split(value: Any) -> list[str]:
    joined = text(value)
    for sep in (",", "，", ";", "；", "/", " "):
        joined = joined.replace(sep, SEP)
    return [t for t in (p.strip() for p in joined.split(SEP)) if t]


MAX_SHEET_NUMBER = 100_000  # far above any score, cap or grade line a rule sets


class SheetRows:
    """The filled rows of one table (row number, {header: value}), with 第N行「列」 messages."""

    def __init__(self, name: str, rows: list[Row]) -> None:
        self.name = name
        self.rows = rows

    def fail(self, number: int, column: str, message: str) -> ValidationError:
        return ValidationError(f"“{self.name}”表第{number}行「{column}」{message}")

    @overload
    def number(
        self, number: int, values: dict, column: str, *, blank_ok: Literal[False]
    ) -> float: ...
    @overload
    def number(self, number: int, values: dict, column: str, *, blank_ok: bool) -> float | None: ...
    def number(self, number: int, values: dict, column: str, *, blank_ok: bool) -> float | None:
        raw = text(values[column]).removesuffix("分")
        if not raw:
            if blank_ok:
                return None
            raise self.fail(number, column, "不能为空。")
        try:
            value = float(raw)
        except ValueError:
            shown = text(values[column])
            raise self.fail(number, column, f"应为数字，现在是“{shown}”。") from None
        # NaN, infinity and 1e300 parse as floats: they would rank everyone first or no one 优秀.
        if not math.isfinite(value) or abs(value) > MAX_SHEET_NUMBER:
            shown = text(values[column])
            raise self.fail(
                number,
                column,
                f"应为 -{MAX_SHEET_NUMBER:,} 到 {MAX_SHEET_NUMBER:,} 之间的数字，现在是“{shown}”。",
            )
        return value


def parse_rule(sheet: SheetRows, number: int, v: dict) -> RuleData:
    code, name, category = text(v["代码"]), text(v["名称"]), text(v["类别"])
    for column, value in (("代码", code), ("名称", name), ("类别", category)):
        if not value:
            raise sheet.fail(number, column, "不能为空。")
    counting = vocab.code_for(vocab.COUNTINGS, text(v["计分方式"]) or "每次")
    if counting is None:
        raise sheet.fail(number, "计分方式", "应为每次/每件/每年一次。")
    trigger = vocab.code_for(vocab.TRIGGERS, text(v["触发记录"]))
    if trigger is None:
        raise sheet.fail(number, "触发记录", f"应为{'/'.join(vocab.TRIGGERS.values())}之一。")
    params: dict[str, Any] = {}
    if trigger == "attendance":
        params = {"activity_types": split(v["活动类型"]), "status": text(v["出席情况"]) or "出席"}
        if text(v["迟到早退"]):
            params["flag"] = text(v["迟到早退"])
        if text(v["活动名称含"]):
            params["title_contains"] = text(v["活动名称含"])
    elif trigger == "submission":
        kind = text(v["成果类型"])
        stage = text(v["成果环节"]) or vocab.STAGES.get(kind, ("提交",))[0]
        params = {"kind": kind, "stage": stage, "share": text(v["合著计分"]) or vocab.SHARE_EACH}
        if split(v["采用层级"]):
            params["levels"] = split(v["采用层级"])
        co = sheet.number(number, v, "联名人分值", blank_ok=True)
        if co is not None:
            params["co_points"] = co
    if trigger != "manual" and text(v.get("适用委员")) not in ("", "全体"):
        params["applies_to"] = text(v.get("适用委员"))
    problem = vocab.check_params(trigger, params)
    if problem:
        raise sheet.fail(number, problem[0], problem[1] + "。")
    return RuleData(
        code,
        name,
        category,
        sheet.number(number, v, "分值", blank_ok=False),
        counting,
        sheet.number(number, v, "年度上限", blank_ok=True),
        trigger,
        params,
    )


def parse_rules(table: SheetRows) -> list[RuleData]:
    rules = [parse_rule(table, n, v) for n, v in table.rows]
    seen: dict[str, int] = {}
    for (n, _v), rule in zip(table.rows, rules, strict=True):
        if rule.code in seen:
            raise table.fail(n, "代码", f"“{rule.code}”与第{seen[rule.code]}行重复。")
        seen[rule.code] = n
    return rules


def parse_caps(table: SheetRows) -> dict[str, float]:
    return {text(v["类别"]): table.number(n, v, "年度上限", blank_ok=False) for n, v in table.rows}


def parse_grades(table: SheetRows) -> list[dict[str, Any]]:
    return [
        {
            "name": text(v["等次"]),
            "min": table.number(n, v, "最低分", blank_ok=True),
            "passing": text(v["是否合格"]) not in ("否", "不合格"),
        }
        for n, v in table.rows
    ]


def parse_requirements(table: SheetRows) -> list[dict[str, Any]]:
    requirements: list[dict[str, Any]] = []
    for n, v in table.rows:
        sources = [s.replace("：", ":") for s in split(v["计入记录"])]
        bad = [s for s in sources if not vocab.valid_source(s)]
        if not sources or bad:
            raise table.fail(n, "计入记录", f"无法识别“{'、'.join(bad) or '（空）'}”。")
        low = table.number(n, v, "最少次数", blank_ok=True)
        item: dict[str, Any] = {"name": text(v["项目"]), "min": int(low or 1), "sources": sources}
        if text(v.get("说明")):
            item["label"] = text(v["说明"])
        name = text(v["要求"])
        if not requirements or requirements[-1]["name"] != name:
            requirements.append({"name": name, "items": []})
        requirements[-1]["items"].append(item)
    return requirements


def grade_rows(grades: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [g["name"], num(g.get("min")), "是" if g.get("passing", True) else "否"] for g in grades
    ]


def requirement_rows(requirements: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            req["name"],
            item["name"],
            item.get("min", 1),
            SEP.join(item["sources"]),
            item.get("label"),
        ]
        for req in requirements
        for item in req.get("items", [])
    ]
