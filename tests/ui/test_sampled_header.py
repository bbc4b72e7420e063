"""The privilege matrix's headers (issue 25): their size hint is Qt's own, asked of far fewer
header texts. Qt asks the model for every role of the first and last hundred sections (about
1,600 calls for both headers at the matrix's first show); counted here, never timed."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from schemadesk.ui.sampled_header import SampledHeader

pytestmark = pytest.mark.ui

ROLES = 5_000


class Names(QAbstractTableModel):
    """``ROLES`` role names down the side, 3,000 schemas across; counts its header calls."""

    def __init__(self, longest_at: int) -> None:
        super().__init__()
        self.rows = [f"role_{i:05d}" for i in range(ROLES)]
        self.rows[longest_at] = "a_role_with_a_much_longer_name_than_the_others"
        self.asked: Counter[int] = Counter()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3_000

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        return None

    across: list[str] | None = None  # the schemas' names, when a test names them

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Vertical:  # the roles' header, the one under test
            self.asked[role] += 1
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.rows[section]
        return self.across[section % len(self.across)] if self.across else f"s{section}"

    def rename(self, row: int, name: str) -> None:
        self.beginResetModel()
        self.rows[row] = name
        self.endResetModel()


_VIEWS: list[QTableView] = []  # alive while their headers are asked


def _header(model: Names, sampled: bool, qtbot: Any) -> QHeaderView:
    view = QTableView()
    qtbot.addWidget(view)
    _VIEWS.append(view)
    model.setParent(view)
    if sampled:
        view.setVerticalHeader(SampledHeader(Qt.Orientation.Vertical, view))
    view.setModel(model)
    return view.verticalHeader()


@pytest.mark.parametrize("longest_at", [3, ROLES - 2])  # among the first or the last hundred
def test_the_hint_is_qts_own_from_fewer_calls(qtbot: Any, longest_at: int) -> None:
    qt_model, ours_model = Names(longest_at), Names(longest_at)
    qt_hint = _header(qt_model, False, qtbot).sizeHint()
    ours = _header(ours_model, True, qtbot)
    assert ours.sizeHint() == qt_hint  # the longest name fits, as with Qt's own header
    assert ours.sizeHint().width() > _header(Names(ROLES // 2), True, qtbot).sizeHint().width()
    assert sum(qt_model.asked.values()) >= 800  # four roles of 200 sections
    # The two hundred sections' texts once each, then one section sized by Qt.
    assert sum(ours_model.asked.values()) <= 200 + 20
    assert isinstance(ours, SampledHeader)
    assert ours.hints_measured == 1


def test_a_reset_measures_again(qtbot: Any) -> None:
    model = Names(ROLES // 2)
    header = _header(model, True, qtbot)
    narrow = header.sizeHint().width()
    assert header.sizeHint().width() == narrow
    assert isinstance(header, SampledHeader)
    assert header.hints_measured == 1
    model.rename(0, "the_first_role_now_has_a_name_longer_than_any_before")
    assert header.sizeHint().width() > narrow
    assert header.hints_measured == 2


def test_a_click_on_a_role_still_selects_its_row(qtbot: Any) -> None:
    model = Names(3)
    view = QTableView()
    qtbot.addWidget(view)
    view.setVerticalHeader(SampledHeader(Qt.Orientation.Vertical, view))
    view.setModel(model)
    view.show()
    header = view.verticalHeader()
    assert header.sectionsClickable()
    assert header.highlightSections()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().topLeft() + _below(header)
    )
    assert view.selectionModel().isRowSelected(0, QModelIndex())


def _below(header: QHeaderView) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(header.width() // 2, header.sectionSize(0) // 2)


def test_hostile_names_get_qts_own_width_and_height(qtbot: Any) -> None:
    """Names of any shape: the roles' header as wide, the schemas' as tall as Qt's own."""
    hostile = ["Ж" * 60, "a\nb\nc", "名前" * 20, 'q"u,o{t}e', "", "x" * 300, "\t\x1b[31m"]
    ours_model, qt_model = Names(3), Names(3)
    for model in (ours_model, qt_model):
        model.rows[: len(hostile)] = hostile
        model.rows[-len(hostile) :] = hostile[::-1]
        model.across = hostile
    qt_view, ours_view = QTableView(), QTableView()
    for view in (qt_view, ours_view):
        qtbot.addWidget(view)
        _VIEWS.append(view)
    ours_view.setHorizontalHeader(SampledHeader(Qt.Orientation.Horizontal, ours_view))
    ours_view.setVerticalHeader(SampledHeader(Qt.Orientation.Vertical, ours_view))
    qt_view.setModel(qt_model)
    ours_view.setModel(ours_model)
    assert ours_view.verticalHeader().sizeHint().width() == (
        qt_view.verticalHeader().sizeHint().width()
    )
    assert ours_view.horizontalHeader().sizeHint().height() == (
        qt_view.horizontalHeader().sizeHint().height()
    )
