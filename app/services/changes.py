"""What a user action changed, so that each page reloads only when something it shows changed.

Modelled on Anki's ``OpChanges``: a service that changes data returns a ``Changes`` (or, when it
returns a new id, its caller states one); the window's data-changed signal carries it; a page says
which areas it shows and is reloaded only when one of them changed. Plain data, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """One flag per area. The areas are what was written, not what a page derives from it: a
    page that shows counts of activities says it shows ``activities``."""

    rooms: bool = False  # rooms, 驻室委员, checklist ticks and the checklist items
    members: bool = False
    sectors: bool = False  # the 界别 list (a rename also changes what members show)
    topics: bool = False
    activities: bool = False  # activities with attendance, speeches, opinions, 履职成果, files
    follow_ups: bool = False
    receptions: bool = False
    points: bool = False  # rule sets, manual entries, calculated totals, 年度定稿
    settings: bool = False  # fonts and other preferences stored in the database
    security: bool = False  # the idle lock and its password
    backups: bool = False  # the backup folder
    audit: bool = False  # the 操作日志 alone: an export that carried full phone numbers

    @classmethod
    def all(cls) -> Changes:
        """Everything (a restore, demo data loaded or cleared)."""
        return cls(**{f.name: True for f in fields(cls)})

    @classmethod
    def of(cls, *areas: str) -> Changes:
        """``Changes.of("members", "rooms")``; an unknown name is a bug, not silently nothing."""
        known = cls.area_names()
        unknown = [a for a in areas if a not in known]
        if unknown:
            raise ValueError(f"unknown areas: {unknown}")
        return cls(**dict.fromkeys(areas, True))

    @classmethod
    def area_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def areas(self) -> tuple[str, ...]:
        """The names of the areas that changed, in declaration order."""
        return tuple(name for name in self.area_names() if getattr(self, name))

    def __or__(self, other: Changes) -> Changes:
        return Changes.of(*self.areas(), *other.areas())

    def __bool__(self) -> bool:
        return bool(self.areas())

    def touches(self, shown: Changes) -> bool:
        """True if any area changed here is one of ``shown``."""
        return any(getattr(shown, name) for name in self.areas())


NOTHING = Changes()
