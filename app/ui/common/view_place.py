"""Where the clerk is in a page's lists — the rows selected, the current row, how far scrolled —
kept across a reload the clerk did not ask for (another clerk's save, app.ui.shell.remote_changes).

A row is known by the text of its first cells, looked for near where it stood (rows another
clerk added or removed move it by a few), so a list of 40,000 activities reads a page or two,
not all of them."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QWidget

NEAR = 100  # rows either side where a row is looked for
KEY_COLUMNS = 3


def _key(model: QAbstractItemModel, row: int) -> tuple[object, ...]:
    columns = min(KEY_COLUMNS, model.columnCount())
    return tuple(model.index(row, column).data() for column in range(columns))


def _find(model: QAbstractItemModel, row: int, key: tuple[object, ...]) -> int | None:
    count = model.rowCount()
    if 0 <= row < count and _key(model, row) == key:
        return row
    for distance in range(1, NEAR + 1):
        for candidate in (row - distance, row + distance):
            if 0 <= candidate < count and _key(model, candidate) == key:
                return candidate
    return None


@dataclass
class _Place:
    view: QAbstractItemView
    scroll: tuple[int, int]
    selected: list[tuple[int, tuple[object, ...]]] = field(default_factory=list)
    current: tuple[int, tuple[object, ...]] | None = None


def _remember(view: QAbstractItemView) -> _Place:
    model = view.model()
    place = _Place(view, (view.verticalScrollBar().value(), view.horizontalScrollBar().value()))
    selection = view.selectionModel()
    if model is None or selection is None:
        return place
    rows = sorted({index.row() for index in selection.selectedIndexes()})
    place.selected = [(row, _key(model, row)) for row in rows]
    current = view.currentIndex()
    if current.isValid():
        place.current = (current.row(), _key(model, current.row()))
    return place


def _restore(place: _Place) -> None:
    view, model, selection = place.view, place.view.model(), place.view.selectionModel()
    if model is None or selection is None:
        return
    flags = QItemSelectionModel.SelectionFlag
    if place.current is not None:
        row = _find(model, *place.current)
        if row is not None:
            selection.setCurrentIndex(model.index(row, 0), flags.NoUpdate)
    for old_row, key in place.selected:
        row = _find(model, old_row, key)
        if row is not None:
            selection.select(model.index(row, 0), flags.Select | flags.Rows)
    view.verticalScrollBar().setValue(place.scroll[0])
    view.horizontalScrollBar().setValue(place.scroll[1])


class KeptPlace:
    """``with KeptPlace(page): page.refresh()`` — the visible lists of ``page`` show the same
    rows selected and the same part of the list afterwards."""

    def __init__(self, root: QWidget) -> None:
        self._places = [
            _remember(view) for view in root.findChildren(QAbstractItemView) if view.isVisible()
        ]

    def __enter__(self) -> KeptPlace:
        return self

    def __exit__(self, *_exc: object) -> None:
        for place in self._places:
            _restore(place)


def is_editing(root: QWidget) -> bool:
    """True while a cell of one of ``root``'s lists is being edited (the 督办 board): a reload
    now would throw the typed text away."""
    return any(
        view.state() == QAbstractItemView.State.EditingState
        for view in root.findChildren(QAbstractItemView)
    )
