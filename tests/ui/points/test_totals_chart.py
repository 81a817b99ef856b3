"""积分 page chart: on a 1024 px window it shows as many members as it can name upright (every
name was ⋮ and the totals on 30 bars ran into each other); widened, it shows the first 30."""

from PySide6.QtCharts import QBarCategoryAxis

from app.ui.points.totals_chart import BAR_PX
from tests.ui.window_at_size import click_page, demo_window


def shown_names(view) -> list[str]:
    (axis,) = [a for a in view.chart().axes() if isinstance(a, QBarCategoryAxis)]
    return axis.categories()


def test_chart_names_fit_a_1024_window_and_grow_with_it(qtbot, ui_ctx):
    window = demo_window(qtbot, ui_ctx, 1024)
    page = click_page(qtbot, window, "积分")
    page.select_year(2026)
    view = page.chart_view
    qtbot.waitUntil(lambda: view.chart().plotArea().width() > 0)

    names = shown_names(view)
    ranked = [page.ranking_model.row_at(r).name for r in range(page.ranking_model.rowCount())]
    assert 10 < len(names) < 30 and names == ranked[: len(names)]
    assert view.chart().plotArea().width() / len(names) >= BAR_PX - 6
    assert f"（前 {len(names)} 名）" in view.chart().title()

    window.resize(1366, 768)
    qtbot.waitUntil(lambda: len(shown_names(view)) == 30)
    assert view.chart().plotArea().width() / 30 >= BAR_PX - 6
    assert "（前 30 名）" in view.chart().title()
