"""A rule set as an .xlsx workbook a county can fill in by hand (Chinese headers, one table per
sheet, a title row above each header), and reading one back with 第N行「列」 messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from app.errors import ValidationError
from app.exports.files import write_file
from app.exports.xlsx_common import set_widths, setup_print, write_header, write_row, write_title
from app.services.points import vocab
from app.services.points.rules import RuleData, RuleSetData, validate

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
)
SEP = "、"


def _num(value: float | None) -> Any:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _rule_row(n: int, rule: RuleData) -> list[Any]:
    p = rule.params
    submission = rule.trigger == "submission"
    attendance = rule.trigger == "attendance"
    return [
        n,
        rule.code,
        rule.name,
        rule.category,
        _num(rule.points),
        vocab.COUNTINGS.get(rule.counting, rule.counting),
        _num(rule.cap),
        vocab.TRIGGERS.get(rule.trigger, rule.trigger),
        SEP.join(p.get("activity_types") or []) if attendance else None,
        p.get("status") if attendance else None,
        p.get("flag") if attendance else None,
        p.get("title_contains") if attendance else None,
        p.get("kind") if submission else None,
        p.get("stage") if submission else None,
        SEP.join(p.get("levels") or []) if submission else None,
        p.get("share", vocab.SHARE_EACH) if submission else None,
        _num(p.get("co_points")) if submission else None,
    ]


def _sheet(
    wb: Workbook,
    title: str,
    heading: str,
    headers: tuple[str, ...],
    rows: list[list[Any]],
    widths: list[float],
) -> Worksheet:
    ws = wb.create_sheet(title)
    write_title(ws, heading, len(headers))
    write_header(ws, 2, headers)
    for i, row in enumerate(rows, start=3):
        write_row(ws, i, row)
    set_widths(ws, widths)
    setup_print(ws, header_rows=(1, 2), landscape=len(headers) > 6, freeze_below=2)
    return ws


def write_rule_workbook(data: RuleSetData, path: Path) -> Path:
    def writer(temp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        _sheet(
            wb,
            RULES_SHEET,
            f"{data.year}年度委员履职积分规则",
            RULE_HEADERS,
            [_rule_row(n, r) for n, r in enumerate(data.rules, start=1)],
            [6, 8, 26, 10, 8, 10, 10, 10, 22, 10, 10, 12, 10, 10, 12, 18, 10],
        )
        general = [
            ["规则名称", data.name],
            ["基础分", _num(data.base_score)],
            ["总分上限", _num(data.max_score)],
            ["说明", data.note or None],
        ]
        _sheet(
            wb,
            GENERAL_SHEET,
            "总则（基础分留空表示从零分起算）",
            ("项目", "内容"),
            general,
            [14, 80],
        )
        _sheet(
            wb,
            CAPS_SHEET,
            "类别年度上限",
            ("类别", "年度上限"),
            [[c, _num(v)] for c, v in data.category_caps.items()],
            [16, 12],
        )
        _sheet(
            wb,
            GRADES_SHEET,
            "等次（从高到低；最低一档不填最低分）",
            ("等次", "最低分", "是否合格"),
            [
                [g["name"], _num(g.get("min")), "是" if g.get("passing", True) else "否"]
                for g in data.grades
            ],
            [12, 10, 10],
        )
        reqs = [
            [
                req["name"],
                item["name"],
                item.get("min", 1),
                SEP.join(item["sources"]),
                item.get("label"),
            ]
            for req in data.requirements
            for item in req.get("items", [])
        ]
        _sheet(
            wb,
            REQ_SHEET,
            "最低要求（计入记录：提案、社情民意、宣讲、办实事、调研报告、活动、"
            "活动:活动类型、接待来访）",
            ("要求", "项目", "最少次数", "计入记录", "说明"),
            reqs,
            [12, 14, 10, 40, 24],
        )
        wb.save(temp)

    return write_file(path, writer)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u3000", " ").strip()


def _split(value: Any) -> list[str]:
    text = _text(value)
    for sep in (",", "，", ";", "；", "/", " "):
        text = text.replace(sep, SEP)
    return [t for t in (p.strip() for p in text.split(SEP)) if t]


class _Rows:
    """The data rows of one sheet below its header, with 第N行「列」 error messages."""

    def __init__(
        self,
        wb: Any,
        name: str,
        headers: tuple[str, ...],
        required: bool = True,
        optional: tuple[str, ...] = (),
    ):
        self.name = name
        self.rows: list[tuple[int, dict[str, Any]]] = []
        if name not in wb.sheetnames:
            if required:
                raise ValidationError(f"文件中没有名为“{name}”的工作表。")
            return
        ws = wb[name]
        header_row, columns = None, {}
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10)):
            texts = [_text(c.value) for c in row]
            if headers[0] in texts and headers[1] in texts:
                header_row = row[0].row
                columns = {t: i for i, t in enumerate(texts) if t}
                break
        if header_row is None:
            raise ValidationError(
                f"“{name}”表中找不到表头（应含「{headers[0]}」「{headers[1]}」）。"
            )
        missing = [h for h in headers if h not in columns]
        if missing:
            raise ValidationError(
                f"“{name}”表缺少列：{'、'.join('「' + h + '」' for h in missing)}。"
            )
        for number, row in enumerate(
            ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
        ):
            values = {
                h: row[columns[h]] if h in columns and columns[h] < len(row) else None
                for h in (*headers, *optional)
            }
            if any(_text(v) for v in values.values()):
                self.rows.append((number, values))

    def fail(self, number: int, column: str, message: str) -> ValidationError:
        return ValidationError(f"“{self.name}”表第{number}行「{column}」{message}")

    def number(self, number: int, values: dict, column: str, *, blank_ok: bool) -> float | None:
        text = _text(values[column]).removesuffix("分")
        if not text:
            if blank_ok:
                return None
            raise self.fail(number, column, "不能为空。")
        try:
            return float(text)
        except ValueError:
            raise self.fail(number, column, f"应为数字，现在是“{text}”。") from None


def _parse_rule(sheet: _Rows, number: int, v: dict) -> RuleData:
    code, name, category = _text(v["代码"]), _text(v["名称"]), _text(v["类别"])
    for column, text in (("代码", code), ("名称", name), ("类别", category)):
        if not text:
            raise sheet.fail(number, column, "不能为空。")
    counting = vocab.code_for(vocab.COUNTINGS, _text(v["计分方式"]) or "每次")
    if counting is None:
        raise sheet.fail(number, "计分方式", "应为每次/每件/每年一次。")
    trigger = vocab.code_for(vocab.TRIGGERS, _text(v["触发记录"]))
    if trigger is None:
        raise sheet.fail(number, "触发记录", f"应为{'/'.join(vocab.TRIGGERS.values())}之一。")
    params: dict[str, Any] = {}
    if trigger == "attendance":
        params = {"activity_types": _split(v["活动类型"]), "status": _text(v["出席情况"]) or "出席"}
        if _text(v["迟到早退"]):
            params["flag"] = _text(v["迟到早退"])
        if _text(v["活动名称含"]):
            params["title_contains"] = _text(v["活动名称含"])
    elif trigger == "submission":
        kind = _text(v["成果类型"])
        stage = _text(v["成果环节"]) or vocab.STAGES.get(kind, ("提交",))[0]
        params = {"kind": kind, "stage": stage, "share": _text(v["合著计分"]) or vocab.SHARE_EACH}
        if _split(v["采用层级"]):
            params["levels"] = _split(v["采用层级"])
        co = sheet.number(number, v, "联名人分值", blank_ok=True)
        if co is not None:
            params["co_points"] = co
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


def read_rule_workbook(path: Path, year: int) -> RuleSetData:
    """Read and validate; raises ValidationError naming the sheet, row and column."""
    try:
        wb = load_workbook(path, data_only=True, read_only=False)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ValidationError(f"无法读取“{Path(path).name}”：不是有效的 .xlsx 文件。") from exc
    rules_rows = _Rows(wb, RULES_SHEET, RULE_HEADERS)
    rules = [_parse_rule(rules_rows, n, v) for n, v in rules_rows.rows]
    seen: dict[str, int] = {}
    for (n, _v), rule in zip(rules_rows.rows, rules, strict=True):
        if rule.code in seen:
            raise rules_rows.fail(n, "代码", f"“{rule.code}”与第{seen[rule.code]}行重复。")
        seen[rule.code] = n
    general = _Rows(wb, GENERAL_SHEET, ("项目", "内容"))
    items = {_text(v["项目"]): (n, v) for n, v in general.rows}
    name = _text(items.get("规则名称", (0, {"内容": None}))[1]["内容"]) or f"{year}年度积分规则"
    base = max_score = None
    if "基础分" in items:
        base = general.number(items["基础分"][0], items["基础分"][1], "内容", blank_ok=True)
    if "总分上限" in items:
        max_score = general.number(
            items["总分上限"][0], items["总分上限"][1], "内容", blank_ok=True
        )
    note = _text(items["说明"][1]["内容"]) if "说明" in items else ""
    caps_rows = _Rows(wb, CAPS_SHEET, ("类别", "年度上限"), required=False)
    caps = {
        _text(v["类别"]): caps_rows.number(n, v, "年度上限", blank_ok=False)
        for n, v in caps_rows.rows
    }
    grade_rows = _Rows(wb, GRADES_SHEET, ("等次", "最低分", "是否合格"))
    grades = [
        {
            "name": _text(v["等次"]),
            "min": grade_rows.number(n, v, "最低分", blank_ok=True),
            "passing": _text(v["是否合格"]) not in ("否", "不合格"),
        }
        for n, v in grade_rows.rows
    ]
    req_rows = _Rows(
        wb, REQ_SHEET, ("要求", "项目", "最少次数", "计入记录"), required=False, optional=("说明",)
    )
    requirements: list[dict[str, Any]] = []
    for n, v in req_rows.rows:
        sources = _split(v["计入记录"])
        bad = [s for s in sources if not vocab.valid_source(s.replace("：", ":"))]
        if not sources or bad:
            raise req_rows.fail(n, "计入记录", f"无法识别“{'、'.join(bad) or '（空）'}”。")
        low = req_rows.number(n, v, "最少次数", blank_ok=True)
        item = {
            "name": _text(v["项目"]),
            "min": int(low or 1),
            "sources": [s.replace("：", ":") for s in sources],
        }
        if _text(v["说明"]):
            item["label"] = _text(v["说明"])
        req_name = _text(v["要求"])
        if not requirements or requirements[-1]["name"] != req_name:
            requirements.append({"name": req_name, "items": []})
        requirements[-1]["items"].append(item)
    data = RuleSetData(
        year=year,
        name=name,
        base_score=base,
        max_score=max_score,
        grades=grades,
        category_caps=caps,
        requirements=requirements,
        rules=rules,
        note=note,
    )
    validate(data)
    return data
