"""The tables and columns each schema revision has, so that a file can be checked for being a
whole 工作台 database without SQLAlchemy or Alembic (``app.db_file.schema_problems``). A test
keeps the head entry equal to the models and every entry equal to its fixture database; whoever
adds a revision adds its entry here.

Each value lists a table's own columns; every table also has id, uuid, created_at, updated_at
unless its list ends with "!" (then the list is complete).
"""

from __future__ import annotations

COMMON_COLUMNS = ("id", "uuid", "created_at", "updated_at")

_INITIAL = {
    "activity": "activity_type title room_id topic_id start_at end_at place form venue_kind host recorder status plan research summary results_reported_on",
    "alembic_version": "version_num!",
    "attachment": "activity_id original_name stored_name kind caption size_bytes",
    "attendance": "activity_id member_id status leave_reason arrived_late left_early",
    "audit_log": "action table_name record_id record_uuid summary",
    "checklist_item": "code name computed sort_order is_active",
    "follow_up": "activity_id opinion_id content handling_unit assigned_on due_on status result feedback_on evaluation",
    "guest_attendee": "activity_id seq name unit",
    "member": "name gender ethnicity birth_month political_status sector_id level is_standing term work_unit phone expertise status left_on note",
    "opinion": "activity_id seq content",
    "point_entry": "year member_id rule_id rule_code category points source_kind source_id description is_manual evidence entered_by",
    "point_rule": "rule_set_id code name category points counting cap trigger params sort_order",
    "point_rule_set": "year name base_score max_score grades category_caps requirements locked locked_at note",
    "reception": "visit_on room_id resident_name resident_contact request category handling result",
    "reception_member": "reception_id member_id",
    "room": "name room_type address host_unit first_convenor_name first_convenor_title first_convenor_member_id second_convenor_member_id established_on door_plate wall_rules target_consultations_per_year target_receptions_per_month is_active sort_order note",
    "room_checklist_tick": "room_id item_id checked note",
    "room_member": "room_id member_id joined_on",
    "sector": "name sort_order",
    "setting": "key value",
    "speech": "activity_id seq speaker member_id summary",
    "submission": "kind title submitted_on content is_filed is_key is_excellent adopted_level has_instruction instruction_note beneficiary activity_id converted_from_id",
    "submission_author": "submission_id member_id role seq",
    "topic": "title description source raised_by raised_by_member_id raised_on status rejection_reason taken_by_member_id room_id reception_id",
    "topic_status_change": "topic_id from_status to_status changed_on note",
}
_POINTS_SUMMARY = {
    **_INITIAL,
    "point_summary": "year member_id total subtotals source_counts has_records",
    "point_summary_year": "year inputs_changed",
}
_OWNED = (
    "activity attachment attendance checklist_item follow_up guest_attendee member opinion "
    "point_rule point_rule_set reception reception_member room room_checklist_tick room_member "
    "sector speech submission submission_author topic topic_status_change"
).split()
_EXCHANGE = {
    **{t: f"{spec} origin_id" if t in _OWNED else spec for t, spec in _POINTS_SUMMARY.items()},
    "package_import": "sender_id sender_name sender_level sequence package_created_at file_name changes",
    "member_link": "origin_id remote_uuid member_id",
}
_VERSIONED = ("activity", "member", "room", "topic", "reception", "follow_up")
_ROW_VERSIONS = {t: f"{spec} version" if t in _VERSIONED else spec for t, spec in _EXCHANGE.items()}
_AUDIT_ACTOR = {
    **_ROW_VERSIONS,
    "audit_log": f"{_ROW_VERSIONS['audit_log']} actor",
}
_LISTS = {
    "0001_initial": _INITIAL,
    "0002_points_summary": _POINTS_SUMMARY,
    "0003_year_lock_triggers": _POINTS_SUMMARY,  # triggers only
    "0004_exchange": _EXCHANGE,
    "0005_row_versions": _ROW_VERSIONS,
    "0006_audit_actor": _AUDIT_ACTOR,
}


def _columns(spec: str) -> frozenset[str]:
    if spec.endswith("!"):
        return frozenset(spec[:-1].split())
    return frozenset((*spec.split(), *COMMON_COLUMNS))


SCHEMAS: dict[str, dict[str, frozenset[str]]] = {
    revision: {table: _columns(spec) for table, spec in tables.items()}
    for revision, tables in _LISTS.items()
}
