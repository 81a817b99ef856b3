"""Counts of a period straight from the stored rows with plain SQL on the file (sqlite3), written
apart from the services so that a report can be checked against them."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

HELD = "('已召开', '已归档')"
OPEN = ("待交办", "办理中")


def _bounds(year: int, first: int, last: int) -> tuple[str, str]:
    end = f"{year + 1}-01-01" if last == 12 else f"{year}-{last + 1:02d}-01"
    return f"{year}-{first:02d}-01", end


class Oracle:
    def __init__(self, path: Path, year: int, first: int = 1, last: int = 12) -> None:
        self.conn = sqlite3.connect(path)
        self.year = year
        self.start, self.end = _bounds(year, first, last)

    def rows(self, sql: str, *args: object) -> list[tuple]:
        return self.conn.execute(sql, args).fetchall()

    def activities_by_type(self) -> dict[str, int]:
        return dict(
            self.rows(
                f"SELECT activity_type, count(*) FROM activity WHERE status IN {HELD} "
                "AND start_at >= ? AND start_at < ? GROUP BY 1",
                self.start,
                self.end,
            )
        )

    def activities_by_month(self) -> dict[int, int]:
        return {
            int(m): n
            for m, n in self.rows(
                f"SELECT substr(start_at, 6, 2), count(*) FROM activity WHERE status IN {HELD} "
                "AND start_at >= ? AND start_at < ? GROUP BY 1",
                self.start,
                self.end,
            )
        }

    def planned(self) -> int:
        return self.rows(
            "SELECT count(*) FROM activity WHERE status = '筹备中' "
            "AND start_at >= ? AND start_at < ?",
            self.start,
            self.end,
        )[0][0]

    def rooms(self) -> dict[str, tuple[int, int, float | None]]:
        """Active room name → (consultations held, reception days, attendance rate)."""
        out = {}
        for room_id, name in self.rows("SELECT id, name FROM room WHERE is_active"):
            consultations = self.rows(
                f"SELECT count(*) FROM activity WHERE room_id = ? AND status IN {HELD} "
                "AND activity_type IN ('协商议事会', '微协商') AND start_at >= ? AND start_at < ?",
                room_id,
                self.start,
                self.end,
            )[0][0]
            days = self.rows(
                "SELECT count(DISTINCT visit_on) FROM reception WHERE room_id = ? "
                "AND visit_on >= ? AND visit_on < ?",
                room_id,
                self.start,
                self.end,
            )[0][0]
            present, total = self.rows(
                "SELECT sum(t.status = '出席'), count(*) FROM attendance t "
                f"JOIN activity a ON a.id = t.activity_id WHERE a.room_id = ? AND a.status IN {HELD} "
                "AND a.start_at >= ? AND a.start_at < ?",
                room_id,
                self.start,
                self.end,
            )[0]
            out[name] = (consultations, days, present / total if total else None)
        return out

    def receptions(self) -> int:
        return self.rows(
            "SELECT count(*) FROM reception WHERE visit_on >= ? AND visit_on < ?",
            self.start,
            self.end,
        )[0][0]

    def topics(self, column: str) -> dict[str, int]:
        return dict(
            self.rows(
                f"SELECT {column}, count(*) FROM topic WHERE raised_on >= ? AND raised_on < ? "
                "GROUP BY 1",
                self.start,
                self.end,
            )
        )

    def follow_ups(self) -> list[tuple[str, str | None, str | None]]:
        """(status, due_on, evaluation) of the suggestions of the period's held meetings."""
        return self.rows(
            "SELECT f.status, f.due_on, f.evaluation FROM follow_up f "
            f"JOIN activity a ON a.id = f.activity_id WHERE a.status IN {HELD} "
            "AND a.start_at >= ? AND a.start_at < ?",
            self.start,
            self.end,
        )

    def follow_up_counts(self, today: date) -> dict[str, object]:
        rows = self.follow_ups()
        return {
            "total": len(rows),
            "status": Counter(s for s, _d, _e in rows),
            "assigned": sum(s != "待交办" for s, _d, _e in rows),
            "closed": sum(s not in OPEN for s, _d, _e in rows),
            "adopted": sum(s == "已采纳" for s, _d, _e in rows),
            "overdue": sum(
                s in OPEN and d is not None and d < today.isoformat() for s, d, _e in rows
            ),
            "evaluation": Counter(e or "未评议" for _s, _d, e in rows),
        }

    def submissions(self) -> dict[str, tuple[int, int, dict[str, int], int]]:
        """kind → (count, 立案, adopted per level, 批示)."""
        out: dict[str, list] = {}
        for kind, filed, level, instruction in self.rows(
            "SELECT kind, is_filed, adopted_level, has_instruction FROM submission "
            "WHERE submitted_on >= ? AND submitted_on < ?",
            self.start,
            self.end,
        ):
            line = out.setdefault(kind, [0, 0, Counter(), 0])
            line[0] += 1
            line[1] += bool(filed)
            if level:
                line[2][level] += 1
            line[3] += bool(instruction)
        return {k: (a, b, dict(c), d) for k, (a, b, c, d) in out.items()}

    # -- members (whole years) ----------------------------------------------------------
    def totals(self, year: int) -> dict[int, float]:
        return {
            mid: round(total, 2)
            for mid, total in self.rows(
                "SELECT member_id, sum(points) FROM point_entry WHERE year = ? GROUP BY 1", year
            )
        }

    def grades(self, year: int) -> list[dict]:
        found = self.rows("SELECT grades FROM point_rule_set WHERE year = ?", year)
        return json.loads(found[0][0]) if found else []

    def grade_counts(self) -> Counter:
        grades = self.grades(self.year)
        out: Counter = Counter()
        for total in self.totals(self.year).values():
            for g in grades:
                if g.get("min") is None or total >= g["min"] - 1e-9:
                    out[g["name"]] += 1
                    break
        return out

    def pass_line(self, year: int) -> float | None:
        mins = [
            g["min"]
            for g in self.grades(year)
            if g.get("passing", True) and g.get("min") is not None
        ]
        return min(mins) if mins else None

    def below_two_years(self) -> set[int]:
        now, before = self.pass_line(self.year), self.pass_line(self.year - 1)
        if now is None or before is None:
            return set()
        last = self.totals(self.year - 1)
        return {
            mid
            for mid, total in self.totals(self.year).items()
            if total < now and mid in last and last[mid] < before
        }

    def source_counts(self) -> dict[int, Counter]:
        """Per member: 出席 at held activities (活动, 活动:类型), submissions per kind (a 社情民意
        converted from a 提案 not again), visits received (接待来访)."""
        counts: dict[int, Counter] = defaultdict(Counter)
        for mid, kind in self.rows(
            "SELECT t.member_id, a.activity_type FROM attendance t JOIN activity a "
            f"ON a.id = t.activity_id WHERE t.status = '出席' AND a.status IN {HELD} "
            "AND a.start_at >= ? AND a.start_at < ?",
            self.start,
            self.end,
        ):
            counts[mid]["活动"] += 1
            counts[mid][f"活动:{kind}"] += 1
        for mid, kind in self.rows(
            "SELECT au.member_id, s.kind FROM submission_author au "
            "JOIN submission s ON s.id = au.submission_id "
            "LEFT JOIN submission o ON o.id = s.converted_from_id "
            "WHERE s.submitted_on >= ? AND s.submitted_on < ? "
            "AND NOT (s.kind = '社情民意' AND coalesce(o.kind, '') = '提案')",
            self.start,
            self.end,
        ):
            counts[mid][kind] += 1
        for (mid,) in self.rows(
            "SELECT rm.member_id FROM reception_member rm JOIN reception r "
            "ON r.id = rm.reception_id WHERE r.visit_on >= ? AND r.visit_on < ?",
            self.start,
            self.end,
        ):
            counts[mid]["接待来访"] += 1
        return counts

    def requirement_counts(self) -> tuple[dict[str, int], int]:
        """Ranked members meeting each requirement item, and meeting all of them."""
        found = self.rows("SELECT requirements FROM point_rule_set WHERE year = ?", self.year)
        items = [i for req in json.loads(found[0][0]) for i in req["items"]]
        counts = self.source_counts()
        per_item: Counter = Counter()
        all_met = 0
        for mid in self.totals(self.year):
            met = [
                sum(counts[mid].get(s, 0) for s in item["sources"]) >= item.get("min", 1)
                for item in items
            ]
            for item, ok in zip(items, met, strict=True):
                per_item[item["name"]] += ok
            all_met += all(met)
        return dict(per_item), all_met
