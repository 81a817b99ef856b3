from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.models import Member
from app.ui.demo import demo_offer
from app.ui.shell.main_window import MainWindow


def members(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Member))


def test_offer_only_for_default_empty_database_once(ui_ctx):
    assert demo_offer.should_offer_demo(None, ui_ctx.db, ui_ctx.settings)
    assert not demo_offer.should_offer_demo("/tmp/other.db", ui_ctx.db, ui_ctx.settings)
    ui_ctx.settings.setValue(demo_offer.OFFERED_KEY, True)
    assert not demo_offer.should_offer_demo(None, ui_ctx.db, ui_ctx.settings)


def test_no_offer_when_database_has_members(ui_ctx):
    from app.services.demo.generate import load_demo

    load_demo(ui_ctx.db, "township")
    assert not demo_offer.should_offer_demo(None, ui_ctx.db, ui_ctx.settings)


def test_yes_loads_township_demo_and_refreshes_pages(qtbot, ui_ctx, monkeypatch):
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.go_to("members_page")
    assert page.model.rowCount() == 0
    assert demo_offer.offer_demo(window) is True
    assert "示例数据" in asked[0]
    assert members(ui_ctx.db) == 40
    assert page.model.rowCount() == 40
    assert "示例数据" in window.statusBar().currentMessage()
    assert not demo_offer.should_offer_demo(None, ui_ctx.db, ui_ctx.settings)


def test_no_leaves_database_empty_and_does_not_ask_again(qtbot, ui_ctx, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    assert demo_offer.offer_demo(window) is False
    assert members(ui_ctx.db) == 0
    assert not demo_offer.should_offer_demo(None, ui_ctx.db, ui_ctx.settings)
