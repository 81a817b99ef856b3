"""The same person stays one member: a sender's member is ours when it has our UUID, when it was
linked before, or when exactly one of our members has the same 姓名, 出生年月 and 性别. Doubtful
cases (same name, other birth month or gender; two candidates) are listed for a person to
confirm, never guessed: the sender's member then comes in as its own row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Member

AUTO = "自动匹配"
DOUBT = "待确认"


@dataclass(frozen=True)
class MemberMatch:
    how: str  # 自动匹配 / 待确认
    name: str
    birth_month: str | None
    gender: str | None
    ours: str  # our candidate(s), as the clerk reads them
    remote_uuid: str = ""

    def describe(self) -> str:
        theirs = _person(self.name, self.birth_month, self.gender)
        if self.how == AUTO:
            return f"{AUTO}：{theirs} → 本库 {self.ours}"
        return f"{DOUBT}：{theirs}，本库有 {self.ours}，请人工核对（已作为新委员导入）"


def _person(name: str, birth_month: str | None, gender: str | None) -> str:
    facts = "，".join(x for x in (birth_month, gender) if x) or "出生年月、性别未填"
    return f"{name}（{facts}）"


class MemberMatcher:
    def __init__(
        self,
        session: Session,
        sender: str,
        links: dict[str, int],
        authority: bool,
        package_rows: list[dict[str, Any]],
    ) -> None:
        self.session = session
        self.sender = sender
        self.links = links
        self.authority = authority
        self.matches: list[MemberMatch] = []
        table = Member.__table__
        self.rows = {r["id"]: r for r in session.execute(select(table)).mappings()}
        by_uuid = {r["uuid"]: r["id"] for r in self.rows.values()}
        self.used = {by_uuid[u] for u in (r.get("uuid") for r in package_rows) if u in by_uuid}
        self.used |= {i for u, i in links.items() if u not in by_uuid}
        self.by_name: dict[str, list[int]] = {}
        for row in self.rows.values():
            if row["origin_id"] != sender:
                self.by_name.setdefault(row["name"], []).append(row["id"])

    def find(self, row: dict[str, Any], values: dict[str, Any]) -> tuple[Any, str | None]:
        """Our member row for a package member not found by UUID, and how: link / adopt."""
        linked = self.links.get(row["uuid"])
        if linked is not None and linked in self.rows:
            return self.rows[linked], "link"
        name, birth, gender = values["name"], values["birth_month"], values["gender"]
        same_name = [i for i in self.by_name.get(name, []) if i not in self.used]
        exact = [
            i
            for i in same_name
            if birth and self.rows[i]["birth_month"] == birth and self.rows[i]["gender"] == gender
        ]
        if len(exact) == 1:
            ours = self.rows[exact[0]]
            self.used.add(ours["id"])
            self.matches.append(
                MemberMatch(AUTO, name, birth, gender, self._describe([ours["id"]]), row["uuid"])
            )
            return ours, "adopt" if self.authority else "link"
        if same_name:
            self.matches.append(
                MemberMatch(DOUBT, name, birth, gender, self._describe(same_name), row["uuid"])
            )
        return None, None

    def _describe(self, ids: list[int]) -> str:
        return "、".join(
            _person(self.rows[i]["name"], self.rows[i]["birth_month"], self.rows[i]["gender"])
            for i in ids
        )
