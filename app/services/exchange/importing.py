"""package import: check the file, plan (the preview), then write it all in one transaction.

A backup is made before a package that changes rows (as for the roster import). The year lock
holds: the database triggers of migration 0003 refuse imported rows of a 定稿 year, and rule
tables of a locked year are refused here, so such a package is refused whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from app import paths
from app.db import Database
from app.errors import UserError
from app.models import MemberLink, PackageImport, PointEntry, PointRuleSet, PointSummary
from app.models.base import new_uuid
from app.services.exchange import identity
from app.services.exchange.kinds import DOWN, KINDS, UP, kinds_for
from app.services.exchange.package import Package
from app.services.exchange.plan import ImportPlan, Planner
from app.services.safety.backup import backup_before
from app.year_lock import YearLockedError, locked_years


def _receiver(db: Database, package: Package) -> identity.Identity:
    ident = identity.get_identity(db)
    if ident is None:
        raise UserError(
            "尚未设置本单位，不能导入数据包。请先在“设置 → 本单位”中设置，或运行："
            "identity set --name 单位名称 --level township（乡镇）或 county（县）。"
        )
    if package.sender_id == ident.sender_id:
        raise UserError("这是本单位自己导出的数据包，不能导入本单位。")
    expected = UP if ident.level == "county" else DOWN
    if package.direction != expected:
        if ident.level == "county":
            raise UserError(
                f"数据包来自县级单位“{package.sender_name}”，县级数据库只导入乡镇上报的数据包。"
            )
        raise UserError(
            f"数据包来自乡镇“{package.sender_name}”，乡镇数据库只导入县政协下发的数据包。"
        )
    return ident


def last_sequence(session: Session, sender_id: str) -> int | None:
    return session.scalar(
        select(PackageImport.sequence)
        .where(PackageImport.sender_id == sender_id)
        .order_by(PackageImport.sequence.desc())
        .limit(1)
    )


def _plan(session: Session, package: Package, own_id: str) -> ImportPlan:
    last = last_sequence(session, package.sender_id)
    if last is not None and package.sequence < last:
        raise UserError(
            f"数据包是“{package.sender_name}”的第 {package.sequence} 号，"
            f"比已导入的第 {last} 号旧，未导入任何数据。请使用该单位最新导出的数据包。"
        )
    return Planner(session, package, own_id).plan(last)


def preview_package(db: Database, package: Package) -> ImportPlan:
    """What importing would change; writes nothing (this is also ``--dry-run``).
    ``package`` comes from app.imports.package_file.read_package (every check made)."""
    ident = _receiver(db, package)
    with db.read() as session:
        return _plan(session, package, ident.sender_id)


def import_package(db: Database, package: Package, *, backup: bool = True) -> ImportPlan:
    """Import one package in one transaction. ``backup``: a checked copy first when the package
    changes anything (False when the caller made one for several packages at once)."""
    ident = _receiver(db, package)
    if backup:
        with db.read() as session:
            plan = _plan(session, package, ident.sender_id)
        if plan.is_reimport and not plan.has_changes:
            return plan  # the same package again: nothing to write
        if plan.has_changes:
            backup_before(db, "导入")  # a checked copy first; a failed copy stops the import
    with db.write() as session:
        plan = _plan(session, package, ident.sender_id)  # inside the transaction
        if plan.is_reimport and not plan.has_changes:
            return plan
        _apply(session, plan)
        plan.written = True
    return plan


def print_nothing(_plan: ImportPlan) -> None:
    """The default ``done`` of import_packages."""


def import_packages(
    db: Database, packages: list[Package], done: Callable[[ImportPlan], object] = print_nothing
) -> list[ImportPlan]:
    """Several packages (a USB stick from every township): one backup before them all, then
    each package in its own transaction, whole or not at all, in the order given; ``done`` hears
    of each as it is written (a later package refused leaves the earlier ones imported)."""
    for package in packages:
        _receiver(db, package)  # a wrong package stops the batch before anything is written
    if len(packages) > 1:
        backup_before(db, "导入")
    plans = []
    for package in packages:
        plans.append(import_package(db, package, backup=len(packages) == 1))
        done(plans[-1])
    return plans


def _check_rule_years(session: Session, plan: ImportPlan) -> None:
    locked = locked_years(session)
    if not locked:
        return
    set_ids = {
        *(i for i, _ in plan.updates.get("point_rule_set", [])),
        *plan.deletes.get("point_rule_set", []),
    }
    years = {r["year"] for r in plan.inserts.get("point_rule_set", [])}
    touched_rules = [
        *plan.deletes.get("point_rule", []),
        *(i for i, _ in plan.updates.get("point_rule", [])),
    ]
    rule_sets = {r["rule_set_id"] for r in plan.inserts.get("point_rule", [])}
    rule_sets |= _rule_sets_of(session, touched_rules)
    if set_ids or rule_sets:
        years |= set(
            session.scalars(
                select(PointRuleSet.year).where(PointRuleSet.id.in_(set_ids | rule_sets))
            )
        )
    hit = years & locked
    if hit:
        raise YearLockedError(min(hit))


def _rule_sets_of(session: Session, rule_ids: list[int]) -> set[int]:
    table = KINDS["point_rule"].table
    return set(session.scalars(select(table.c.rule_set_id).where(table.c.id.in_(rule_ids))))


def _apply(session: Session, plan: ImportPlan) -> None:
    _check_rule_years(session, plan)
    session.execute(text("PRAGMA defer_foreign_keys = ON"))  # self references, any order
    order = [k for k in kinds_for(plan.package.direction) if k in plan.package.parts]
    for kind in order:
        table = KINDS[kind].table
        if plan.inserts.get(kind):
            session.execute(insert(table), plan.inserts[kind])
        for row_id, values in plan.updates.get(kind, []):
            session.execute(update(table).where(table.c.id == row_id).values(**values))
    for kind in reversed(order):
        gone = plan.deletes.get(kind)
        if not gone:
            continue
        table = KINDS[kind].table
        if kind == "member":  # what 重新计算 derived from a member the sender no longer has
            session.execute(delete(PointEntry).where(PointEntry.member_id.in_(gone)))
            session.execute(delete(PointSummary).where(PointSummary.member_id.in_(gone)))
        session.execute(delete(table).where(table.c.id.in_(gone)))
    sender = plan.package.sender_id
    if plan.links_changed:
        session.execute(delete(MemberLink).where(MemberLink.origin_id == sender))
        session.execute(
            insert(MemberLink),
            [
                {"uuid": new_uuid(), "origin_id": sender, "remote_uuid": u, "member_id": i}
                for u, i in plan.links.items()
            ],
        )
    _store_attachments(plan)
    manifest = plan.package.manifest
    session.add(
        PackageImport(
            sender_id=sender,
            sender_name=plan.package.sender_name,
            sender_level=plan.package.sender_level,
            sequence=plan.package.sequence,
            package_created_at=datetime.fromisoformat(manifest["created_at"]),
            file_name=(plan.package.path.name if plan.package.path else "")[:260],
            changes=plan.changes_summary(),
        )
    )
    session.flush()


def _store_attachments(plan: ImportPlan) -> None:
    """Files of the attachments added; a file already there (same stored name) is kept."""
    folder = paths.attachments_dir()
    for row in plan.inserts.get("attachment", []):
        blob = plan.package.attachments.get(row["stored_name"])
        target = folder / row["stored_name"]
        if blob is None or target.exists():
            continue
        try:
            target.write_bytes(blob)
        except OSError as exc:
            raise UserError(f"无法保存附件“{row['original_name']}”：{exc.strerror or exc}") from exc
