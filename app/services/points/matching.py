"""Which records a rule matches, and how many points each member gets from each record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.services.points import vocab
from app.services.points.facts import AttendanceFact, SubmissionFact, YearFacts
from app.services.points.rules import RuleData


@dataclass(frozen=True)
class Match:
    member_id: int
    day: date
    source_kind: str  # attendance / submission / reception
    source_id: int
    points: float
    description: str


def _attendance_matches(rule: RuleData, a: AttendanceFact) -> bool:
    p = rule.params
    if p.get("activity_types") and a.activity_type not in p["activity_types"]:
        return False
    if p.get("title_contains") and p["title_contains"] not in a.title:
        return False
    if a.status != p.get("status"):
        return False
    flag = p.get("flag")
    if flag == "迟到":
        return a.late
    if flag == "早退":
        return a.early
    if flag == "迟到或早退":
        return a.late or a.early
    return True


def _stage_matches(rule: RuleData, s: SubmissionFact) -> bool:
    stage: str = rule.params.get("stage") or ""
    levels = rule.params.get("levels") or []
    adopted = s.adopted_level is not None and (not levels or s.adopted_level in levels)
    return {
        "提交": True,
        "报送": True,
        "立案": s.is_filed,
        "重点": s.is_key,
        "优秀": s.is_excellent,
        "采用": adopted,
        "批示": s.has_instruction,
        "采用或批示": adopted or s.has_instruction,
    }.get(stage, False)


def _shares(rule: RuleData, s: SubmissionFact) -> list[tuple[int, float, str]]:
    """(member_id, points, note) per author, first proposer first."""
    if not s.authors:
        return []
    share = rule.params.get("share", vocab.SHARE_EACH)
    points = rule.points
    first, *others = s.authors
    if share == vocab.SHARE_EACH or not others and share != vocab.SHARE_BY_ROLE:
        return [(mid, points, "") for mid, _role in s.authors]
    if share == vocab.SHARE_FIRST_ONLY:
        return [(first[0], points, "主笔")]
    if share == vocab.SHARE_FIRST_HALF:
        each = points / 2 / len(others)
        return [(first[0], points / 2, "主笔，计一半")] + [
            (mid, each, f"联名，{len(others)}人均分另一半") for mid, _role in others
        ]
    co = float(rule.params.get("co_points") or 0)
    return [(first[0], points, "主笔")] + [(mid, co, "联名") for mid, _role in others if co]


def _stage_text(rule: RuleData, s: SubmissionFact) -> str:
    stage: str = rule.params.get("stage") or ""
    if stage in ("采用", "采用或批示") and s.adopted_level:
        return f"被{s.adopted_level}级采用" + ("、获批示" if s.has_instruction else "")
    if stage == "批示" or (stage == "采用或批示" and s.has_instruction):
        return "获领导批示"
    return {"立案": "立案", "重点": "列为重点提案", "优秀": "评为优秀提案"}.get(stage, "提交")


def matches_for(rule: RuleData, facts: YearFacts) -> list[Match]:
    found = _all_matches(rule, facts)
    applies_to = rule.params.get("applies_to")
    if applies_to == "常委":
        return [m for m in found if m.member_id in facts.standing]
    if applies_to == "非常委":
        return [m for m in found if m.member_id not in facts.standing]
    return found


def _all_matches(rule: RuleData, facts: YearFacts) -> list[Match]:
    found: list[Match] = []
    if rule.trigger == "attendance":
        for a in facts.attendances:
            if _attendance_matches(rule, a):
                flag = f"（{rule.params['flag']}）" if rule.params.get("flag") else ""
                text = f"{a.day:%Y-%m-%d} {a.activity_type}《{a.title}》{a.status}{flag}"
                found.append(Match(a.member_id, a.day, "attendance", a.id, rule.points, text))
    elif rule.trigger == "submission":
        for s in facts.submissions:
            if s.kind != rule.params.get("kind") or not _stage_matches(rule, s):
                continue
            converted = s.kind == "社情民意" and s.converted_from_kind == "提案"
            initial = rule.params.get("stage") in ("提交", "报送")
            for mid, points, note in _shares(rule, s):
                text = f"{s.day:%Y-%m-%d} {s.kind}《{s.title}》{_stage_text(rule, s)}"
                if note:
                    text += f"（{note}）"
                if converted and initial:
                    text += "（由提案转化，已按提案计分，不重复计分）"
                    points = 0.0
                found.append(Match(mid, s.day, "submission", s.id, points, text))
    elif rule.trigger == "reception":
        for r in facts.receptions:
            summary = r.request.replace("\n", " ")
            summary = summary[:24] + ("…" if len(summary) > 24 else "")
            for mid in r.member_ids:
                text = f"{r.day:%Y-%m-%d} 接待来访：{summary}"
                found.append(Match(mid, r.day, "reception", r.id, rule.points, text))
    return found
