"""The 联络室 type a room's name suggests, for rooms that come in by name only (a roster's
所属联络室 column): the clerk sees the guess in the preview and may change it there."""

from __future__ import annotations

from app.models.vocab import DEFAULT_SECTORS

TOWN, VILLAGE, UNIT, SECTOR = "镇(街道)级", "村(社区)级", "企事业单位", "界别"
# Checked in this order: “镇中心学校委员工作室” is a unit's room, “青石镇青石村…” a village's.
_UNIT_WORDS = (
    "卫生院",
    "卫生服务中心",
    "医院",
    "学校",
    "中学",
    "小学",
    "幼儿园",
    "公司",
    "企业",
    "集团",
    "工厂",
    "厂",
    "银行",
    "农商行",
    "信用社",
    "合作社",
    "园区",
)
# 界别 names that say a sector's room (中共 and 特邀 name no sector's own room).
_SECTOR_WORDS = tuple(s for s in DEFAULT_SECTORS if s not in ("中共", "特邀"))
_VILLAGE_WORDS = ("村", "社区", "居委会", "小区")
_TOWN_WORDS = ("镇", "街道", "乡")


def infer_room_type(name: str) -> str:
    """镇/街道/乡 → 镇(街道)级; 卫生院/学校/公司/医院/企业/厂 → 企事业单位; a 界别's name or
    …界… → 界别; 村/社区 → 村(社区)级; anything else → 村(社区)级, the commonest."""
    plain = "".join(name.split())
    if "界别" in plain or any(word in plain for word in _SECTOR_WORDS):
        return SECTOR
    if any(word in plain for word in _UNIT_WORDS):
        return UNIT
    if any(word in plain for word in _VILLAGE_WORDS):
        return VILLAGE
    if "界" in plain:
        return SECTOR
    if any(word in plain for word in _TOWN_WORDS):
        return TOWN
    return VILLAGE
