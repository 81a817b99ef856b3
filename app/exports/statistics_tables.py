"""The tables of the 年度工作统计 and the 季度汇总, as rows of text and numbers; the .xlsx and
.docx writers lay them out. A quarterly table has one column for the quarter and one for the
year to date; a yearly one a single column (and last year's months beside this year's)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.services.points.rooms import RoomScore
from app.services.statistics.counts import PeriodStats
from app.services.statistics.report import MemberCounts, QuarterReport, YearReport

Cell = str | int | float


@dataclass(frozen=True)
class StatTable:
    name: str  # the sheet's name and the document's heading
    headers: list[str]
    rows: list[list[Cell]]
    widths: list[float]  # Excel character units
    note: str = ""  # a line under the table
    chart: str = ""  # "month" marks the table a chart is drawn from
    total_row: bool = False  # the last row is a 合计
    text_columns: list[int] = field(default_factory=list)  # 0-based, long text (left aligned)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _by_label(
    name: str,
    label: str,
    periods: list[PeriodStats],
    heads: list[str],
    pick: Callable[[PeriodStats], list[tuple[str, int]]],
    total: bool = True,
) -> StatTable:
    columns = [dict(pick(p)) for p in periods]
    labels = list(dict.fromkeys(k for p in periods for k, _n in pick(p)))
    rows: list[list[Cell]] = [[k, *(c.get(k, 0) for c in columns)] for k in labels]
    if total:
        rows.append(["合计", *(sum(c.values()) for c in columns)])
    return StatTable(name, [label, *heads], rows, [22, *([14] * len(heads))], total_row=total)


def _heads(periods: list[PeriodStats]) -> list[str]:
    return ["次数"] if len(periods) == 1 else ["本季度", periods[1].period.label]


def activity_tables(
    periods: list[PeriodStats], last_year: list[tuple[int, int]]
) -> list[StatTable]:
    heads = _heads(periods)
    by_type = _by_label("活动按类型", "活动类型", periods, heads, lambda p: p.activities_by_type)
    widest = periods[-1]
    months = list(widest.period.month_numbers)
    columns = [dict(p.activities_by_month) for p in periods]
    rows: list[list[Cell]] = []
    for m in months:
        row: list[Cell] = [f"{m}月"]
        row += [c.get(m, "") for c in columns]
        if last_year:
            row.append(dict(last_year).get(m, 0))
        rows.append(row)
    total: list[Cell] = ["合计", *(sum(c.values()) for c in columns)]
    month_heads = list(heads)
    if last_year:
        month_heads = [f"{widest.period.year}年", f"{widest.period.year - 1}年"]
        total.append(sum(n for _m, n in last_year))
    rows.append(total)
    planned = widest.planned
    note = "只计已召开、已归档的活动" + (f"；另有筹备中 {planned} 次未计入。" if planned else "。")
    by_month = StatTable(
        "活动按月份",
        ["月份", *month_heads],
        rows,
        [12, *([14] * len(month_heads))],
        note=note,
        chart="month",
        total_row=True,
    )
    return [by_type, by_month]


ROOM_SCORE_NOTE = "综合得分 = 40×协商完成率 + 20×接待完成率 + 20×出席率 + 20×按时办结率（同“积分”页联络室年评比）。"
ROOM_YEAR_HEADS = [
    "排名",
    "联络室",
    "已召开协商",
    "全年目标",
    "完成情况",
    "履职活动",
    "接待天数",
    "接待目标",
    "委员出席率",
    "成果办理",
    "按时办结",
    "综合得分",
]


def _done(room: RoomScore) -> str:
    return "达标" if room.meets_target else f"差 {room.consultation_target - room.consultations} 次"


def room_table(periods: list[PeriodStats]) -> StatTable:
    if len(periods) == 1:
        rows: list[list[Cell]] = [
            [
                r.rank,
                r.name,
                r.consultations,
                r.consultation_target,
                _done(r),
                r.activities,
                r.reception_days,
                r.reception_target,
                percent(r.attendance_rate),
                r.follow_ups,
                r.closed_on_time,
                r.score,
            ]
            for r in periods[0].rooms
        ]
        return StatTable(
            "联络室",
            ROOM_YEAR_HEADS,
            rows,
            [6, 30, 9, 9, 9, 9, 9, 9, 10, 9, 9, 9],
            note=ROOM_SCORE_NOTE,
            text_columns=[1],
        )
    quarter, to_date = periods
    ytd = {r.room_id: r for r in to_date.rooms}
    rows = []
    for r in sorted(quarter.rooms, key=lambda r: r.name):
        y = ytd[r.room_id]
        rows.append(
            [
                r.name,
                r.consultations,
                y.consultations,
                y.consultation_target,
                r.reception_days,
                y.reception_days,
                y.reception_target,
                percent(y.attendance_rate),
            ]
        )
    heads = [
        "联络室",
        "本季度协商",
        "累计协商",
        "全年目标",
        "本季度接待天数",
        "累计接待天数",
        "累计接待目标",
        "累计出席率",
    ]
    return StatTable("联络室", heads, rows, [30, 10, 10, 10, 11, 11, 11, 10], text_columns=[0])


def follow_up_table(periods: list[PeriodStats], today_text: str) -> StatTable:
    def pairs(p: PeriodStats) -> list[tuple[str, int]]:
        f = p.follow_ups
        return [
            ("协商成果（建议）", f.total),
            ("已交办", f.assigned),
            ("已办结（含采纳、未采纳）", f.closed),
            ("其中已采纳", f.adopted),
            ("逾期未办结", f.overdue),
            *((f"群众评议：{e}", n) for e, n in f.evaluations),
        ]

    heads = ["项数"] if len(periods) == 1 else _heads(periods)
    t = _by_label("协商成果办理", "项目", periods, heads, pairs, total=False)
    return StatTable(
        t.name,
        t.headers,
        t.rows,
        [28, *([14] * len(heads))],
        note=(
            "按成果所属活动的日期归入年度，只计已召开、已归档活动的成果（筹备中的活动尚未形成成果，"
            f"其预拟事项仍在督办页）；逾期为截至 {today_text} 超过办理时限仍未办结。"
        ),
    )


def submission_table(periods: list[PeriodStats]) -> StatTable:
    if len(periods) == 1:
        levels = [
            lv for lv, _n in (periods[0].submissions[0].levels if periods[0].submissions else [])
        ]
        rows: list[list[Cell]] = [
            [s.kind, s.count, s.filed, *(n for _lv, n in s.levels), s.instructions]
            for s in periods[0].submissions
        ]
        heads = ["类别", "件数", "立案", *(f"{lv}级\n采用" for lv in levels), "领导\n批示"]
        return StatTable("履职成果", heads, rows, [14, *([10] * (len(heads) - 1))])
    quarter, to_date = periods
    ytd = {s.kind: s for s in to_date.submissions}
    rows = []
    for kind in ytd:
        q = next((s for s in quarter.submissions if s.kind == kind), None)
        y = ytd[kind]
        rows.append([kind, q.count if q else 0, y.count, q.adopted if q else 0, y.adopted])
    heads = ["类别", "本季度件数", "累计件数", "本季度采用", "累计采用"]
    return StatTable("履职成果", heads, rows, [14, 12, 12, 12, 12])


def member_table(m: MemberCounts, year: int) -> StatTable:
    if not m.has_rules:
        return StatTable(
            "委员履职", ["项目", "人数", "说明"], [["本年度尚无积分规则", "", ""]], [30, 10, 40]
        )
    rows: list[list[Cell]] = [["参加积分排名的委员", m.ranked, m.rule_set_name]]
    rows += [[f"等次：{g}", n, ""] for g, n in m.grades]
    rows += [[f"{r.requirement}·{r.item}", r.met, ""] for r in m.requirements]
    if m.requirements:
        rows.append([f"{m.requirements[0].requirement}全部完成", m.all_met, ""])
    line = "" if m.pass_line is None else f"合格线 {m.pass_line:g} 分"
    rows.append(
        [
            "连续两年未达合格线",
            len(m.below_pass_two_years),
            "、".join(m.below_pass_two_years) or line,
        ]
    )
    note = f"{year}年度积分排名（同“积分”页）。"
    if m.stale:
        note += "记录有改动，积分尚未重新计算。"
    return StatTable(
        "委员履职", ["项目", "人数", "说明"], rows, [30, 10, 40], note=note, text_columns=[0, 2]
    )


def member_period_table(report: QuarterReport) -> StatTable:
    """委员履职 of the quarter and the year to date, on the records of those dates."""
    heads = ["项目", *_heads([report.quarter, report.to_date])]
    q, ytd = report.members, report.members_to_date
    if not q.has_rules:
        rows: list[list[Cell]] = [["本年度尚无积分规则", "", ""]]
        return StatTable("委员履职", heads, rows, [30, 14, 14], text_columns=[0])
    rows = [
        ["参加积分排名的委员", q.ranked, ytd.ranked],
        ["其中有履职记录的委员", q.active, ytd.active],
        ["出席活动（人次）", q.attended, ytd.attended],
    ]
    for (requirement, item, met), (_r, _i, met_ytd) in zip(
        q.requirements, ytd.requirements, strict=True
    ):
        rows.append([f"{requirement}·{item}", met, met_ytd])
    if q.requirements:
        rows.append([f"{q.requirements[0][0]}全部完成", q.all_met, ytd.all_met])
    note = (
        f"按{report.quarter.period.label}和{report.to_date.period.label}的日期统计，只计已召开的活动；"
        "等次与连续两年未达合格线按全年积分，见年度工作统计。"
    )
    return StatTable("委员履职", heads, rows, [30, 14, 14], note=note, text_columns=[0])


def overview(periods: list[PeriodStats]) -> StatTable:
    def pairs(p: PeriodStats) -> list[tuple[str, int]]:
        consult = sum(n for t, n in p.activities_by_type if t in ("协商议事会", "微协商"))
        return [
            ("履职活动（次）", p.activities),
            ("其中协商议事会、微协商（次）", consult),
            ("接待来访（人次）", p.receptions),
            ("新增议题（个）", p.topics),
            ("协商成果（项）", p.follow_ups.total),
            ("已办结成果（项）", p.follow_ups.closed),
            ("逾期未办结（项）", p.follow_ups.overdue),
            ("履职成果（件）", sum(s.count for s in p.submissions)),
        ]

    heads = ["数量"] if len(periods) == 1 else _heads(periods)
    t = _by_label("总览", "项目", periods, heads, pairs, total=False)
    return StatTable(t.name, t.headers, t.rows, [32, *([14] * len(heads))])


def year_tables(report: YearReport) -> list[StatTable]:
    periods = [report.stats]
    today = f"{report.today:%Y年%m月%d日}"
    return [
        overview(periods),
        *activity_tables(periods, report.last_year_by_month),
        room_table(periods),
        _by_label("议题按来源", "来源", periods, ["个数"], lambda p: p.topics_by_source),
        _by_label("议题按状态", "状态", periods, ["个数"], lambda p: p.topics_by_status),
        follow_up_table(periods, today),
        member_table(report.members, report.year),
        submission_table(periods),
    ]


def quarter_tables(report: QuarterReport) -> list[StatTable]:
    periods = [report.quarter, report.to_date]
    heads = _heads(periods)
    today = f"{report.today:%Y年%m月%d日}"
    return [
        overview(periods),
        *activity_tables(periods, []),
        room_table(periods),
        _by_label("议题按来源", "来源", periods, heads, lambda p: p.topics_by_source),
        _by_label("议题按状态", "状态", periods, heads, lambda p: p.topics_by_status),
        follow_up_table(periods, today),
        member_period_table(report),
        submission_table(periods),
    ]
