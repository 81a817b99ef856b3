"""Another clerk's save reaches this window's pages: the poller reads the audit log and emits
the data-changed signal with the areas written (the window polls on a server database)."""

from __future__ import annotations

from datetime import datetime

from app.services.activities.editing import save_activity
from app.services.activities.records import ActivityDraft
from app.services.changes import Changes
from app.storage import open_database
from app.ui.shell.remote_changes import RemoteChangesPoller


def test_another_clerks_save_reloads_the_activity_pages(qtbot, ui_ctx, db_path):
    poller = RemoteChangesPoller(ui_ctx, interval_ms=60_000)
    seen: list[Changes] = []
    ui_ctx.bus.data_changed.connect(lambda changes, _source: seen.append(changes))
    poller.check_now()
    assert seen == []  # nothing happened yet

    other_clerk = open_database(db_path)
    try:
        save_activity(
            other_clerk, ActivityDraft(title="走访群众", start_at=datetime(2025, 6, 3, 9))
        )
    finally:
        other_clerk.dispose()
    with qtbot.waitSignal(ui_ctx.bus.data_changed, timeout=1000):
        poller.check_now()
    assert seen[0].activities and not seen[0].members
    poller.check_now()
    assert len(seen) == 1  # told once
