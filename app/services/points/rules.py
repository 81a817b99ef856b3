"""Rule sets per year: read, save (validated), copy from a previous year, load a shipped set.

A rule set travels as a plain dict (the JSON files in resources/point_rules use the same shape).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError, os_reason
from app.models import PointRule, PointRuleSet
from app.services.changes import Changes
from app.services.points import vocab
from app.year_lock import ensure_year_unlocked

DEFAULTS_DIR = Path(__file__).resolve().parents[3] / "resources" / "point_rules"


@dataclass
class RuleData:
    code: str
    name: str
    category: str
    points: float
    counting: str = "per_event"
    cap: float | None = None
    trigger: str = "manual"
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def condition(self) -> str:
        return vocab.describe_params(self.trigger, self.params)


@dataclass
class RuleSetData:
    year: int
    name: str
    base_score: float | None = None
    max_score: float | None = None
    # [{"name": "优秀", "min": 90, "passing": true}, …] highest first; the last has min None.
    grades: list[dict[str, Any]] = field(default_factory=list)
    category_caps: dict[str, float] = field(default_factory=dict)
    # [{"name": "五个一", "items": [{"name": "宣讲", "min": 1, "sources": ["宣讲", …]}]}]
    requirements: list[dict[str, Any]] = field(default_factory=list)
    rules: list[RuleData] = field(default_factory=list)
    note: str = ""
    locked: bool = False

    @property
    def categories(self) -> list[str]:
        seen: list[str] = []
        for rule in self.rules:
            if rule.category not in seen:
                seen.append(rule.category)
        return seen

    @property
    def pass_line(self) -> float | None:
        mins = [
            g["min"] for g in self.grades if g.get("passing", True) and g.get("min") is not None
        ]
        return min(mins) if mins else None

    def grade_for(self, total: float) -> str:
        for grade in self.grades:
            if grade.get("min") is None or total >= grade["min"] - 1e-9:
                return grade["name"]
        return ""

    def grade_passes(self, name: str) -> bool:
        return any(g["name"] == name and g.get("passing", True) for g in self.grades)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("locked")
        return data


def rule_set_from_dict(data: dict[str, Any], year: int | None = None) -> RuleSetData:
    rules = [RuleData(**rule) for rule in data.get("rules", [])]
    fields = {k: v for k, v in data.items() if k not in ("rules", "year", "locked")}
    return RuleSetData(year=year if year is not None else int(data["year"]), rules=rules, **fields)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def validate(data: RuleSetData) -> None:
    """Raise ValidationError naming the first problem, e.g. “第3条规则「分值」…”."""
    if not data.name.strip():
        raise ValidationError("请填写规则名称。", "name")
    if not 2000 <= data.year <= 2100:
        raise ValidationError(f"年度“{data.year}”不正确。", "year")
    codes: set[str] = set()
    for n, rule in enumerate(data.rules, start=1):
        where = f"第{n}条规则"
        if not rule.code.strip():
            raise ValidationError(f"{where}「代码」不能为空。", "code")
        if rule.code in codes:
            raise ValidationError(f"{where}「代码」“{rule.code}”与前面的规则重复。", "code")
        codes.add(rule.code)
        if not rule.name.strip() or not rule.category.strip():
            raise ValidationError(f"{where}「名称」和「类别」不能为空。", "name")
        if not _number(rule.points):
            raise ValidationError(f"{where}「分值」应为数字。", "points")
        if rule.counting not in vocab.COUNTINGS:
            raise ValidationError(f"{where}「计分方式」应为每次/每件/每年一次。", "counting")
        if rule.cap is not None and (not _number(rule.cap) or rule.cap < 0):
            raise ValidationError(f"{where}「年度上限」应为不小于 0 的数字，或留空。", "cap")
        problem = vocab.check_params(rule.trigger, rule.params)
        if problem:
            raise ValidationError(f"{where}「{problem[0]}」{problem[1]}。", "params")
    for name, cap in data.category_caps.items():
        if not _number(cap) or cap < 0:
            raise ValidationError(f"类别“{name}”的上限应为不小于 0 的数字。", "category_caps")
    if not data.grades:
        raise ValidationError("请至少设置一个等次。", "grades")
    previous = None
    for n, grade in enumerate(data.grades, start=1):
        if not str(grade.get("name", "")).strip():
            raise ValidationError(f"第{n}个等次没有名称。", "grades")
        low = grade.get("min")
        last = n == len(data.grades)
        if low is None and not last:
            raise ValidationError(f"等次“{grade['name']}”须填写最低分（只有最后一档可不填）。")
        if low is not None and not _number(low):
            raise ValidationError(f"等次“{grade['name']}”的最低分应为数字。", "grades")
        if low is not None and previous is not None and low >= previous:
            raise ValidationError("等次须从高到低排列，最低分逐档降低。", "grades")
        previous = low if low is not None else previous
    for req in data.requirements:
        for item in req.get("items", []):
            if not item.get("sources"):
                raise ValidationError(
                    f"最低要求“{req.get('name')}·{item.get('name')}”未指定计入记录。"
                )
            bad = [s for s in item["sources"] if not vocab.valid_source(s)]
            if bad:
                raise ValidationError(f"最低要求“{item.get('name')}”的计入记录“{bad[0]}”无法识别。")


def _to_data(rule_set: PointRuleSet) -> RuleSetData:
    return RuleSetData(
        year=rule_set.year,
        name=rule_set.name,
        base_score=rule_set.base_score,
        max_score=rule_set.max_score,
        grades=[dict(g) for g in rule_set.grades or []],
        category_caps=dict(rule_set.category_caps or {}),
        requirements=json.loads(json.dumps(rule_set.requirements or [])),
        rules=[
            RuleData(
                r.code,
                r.name,
                r.category,
                r.points,
                r.counting,
                r.cap,
                r.trigger,
                dict(r.params or {}),
            )
            for r in rule_set.rules
        ],
        note=rule_set.note or "",
        locked=rule_set.locked,
    )


def load_rule_set(session: Session, year: int) -> RuleSetData | None:
    row = session.scalar(select(PointRuleSet).where(PointRuleSet.year == year))
    return _to_data(row) if row is not None else None


def get_rule_set(db: Database, year: int) -> RuleSetData | None:
    with db.read() as session:
        return load_rule_set(session, year)


def rule_set_years(db: Database) -> list[int]:
    with db.read() as session:
        return list(session.scalars(select(PointRuleSet.year).order_by(PointRuleSet.year)))


def store_rule_set(session: Session, data: RuleSetData) -> None:
    """Replace the year's rule set inside the caller's transaction."""
    validate(data)
    ensure_year_unlocked(session, data.year)
    row = session.scalar(select(PointRuleSet).where(PointRuleSet.year == data.year))
    if row is None:
        row = PointRuleSet(year=data.year, name=data.name)
        session.add(row)
    row.name = data.name
    row.base_score = data.base_score
    row.max_score = data.max_score
    row.grades = [dict(g) for g in data.grades]
    row.category_caps = dict(data.category_caps)
    row.requirements = json.loads(json.dumps(data.requirements))
    row.note = data.note or None
    row.rules.clear()
    session.flush()
    for order, rule in enumerate(data.rules):
        row.rules.append(
            PointRule(
                code=rule.code.strip(),
                name=rule.name.strip(),
                category=rule.category.strip(),
                points=float(rule.points),
                counting=rule.counting,
                cap=None if rule.cap is None else float(rule.cap),
                trigger=rule.trigger,
                params=dict(rule.params),
                sort_order=order,
            )
        )


def save_rule_set(db: Database, data: RuleSetData) -> Changes:
    with db.write() as session:
        store_rule_set(session, data)
    return Changes(points=True)


def copy_rule_set(db: Database, from_year: int, to_year: int) -> RuleSetData:
    """Start ``to_year`` with a copy of ``from_year``'s table (replacing what it had)."""
    with db.write() as session:
        source = load_rule_set(session, from_year)
        if source is None:
            raise NotFoundError(f"{from_year}年度还没有积分规则，无法复制。")
        source.year = to_year
        source.locked = False
        source.name = source.name.replace(str(from_year), str(to_year))
        store_rule_set(session, source)
    return source


def default_rule_sets() -> list[tuple[str, str]]:
    """(file stem, display name) of the shipped tables."""
    found = []
    for path in sorted(DEFAULTS_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found.append((path.stem, data["name"]))
    return found


def read_rule_file(path: Path, year: int) -> RuleSetData:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return rule_set_from_dict(data, year)
    except OSError as exc:
        raise ValidationError(
            f"积分规则文件“{Path(path).name}”无法读取：{os_reason(exc)}。"
        ) from exc
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"积分规则文件“{Path(path).name}”格式有误（第 {exc.lineno} 行），无法读取。"
        ) from exc
    except (ValueError, TypeError, KeyError) as exc:
        raise ValidationError(
            f"积分规则文件“{Path(path).name}”的内容不是本程序的积分规则格式，无法读取。"
        ) from exc


def load_default(db: Database, stem: str, year: int) -> RuleSetData:
    path = DEFAULTS_DIR / f"{stem}.json"
    if not path.exists():
        names = "、".join(s for s, _ in default_rule_sets())
        raise NotFoundError(f"没有名为“{stem}”的内置积分规则。可选：{names}")
    data = read_rule_file(path, year)
    save_rule_set(db, data)
    return data
