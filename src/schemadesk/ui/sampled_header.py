"""A table header whose size hint is measured in Python on the texts Qt would look at.

Qt's ``QHeaderView.sizeHint`` asks the model for every data role of the first and last hundred
sections (about 1,600 calls from C++ into Python per header): the privilege matrix's first show,
with 20,000 roles down the side and 10,000 schemas across, spent about a fifth of its stall
there. Here the same sections' texts are read straight from the model, the longest few are
measured, and Qt sizes only the widest of them: the same hint, a few dozen calls.
"""

from __future__ import annotations

import heapq
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QWidget

SAMPLED = 100  # sections at each end, as Qt's own sizeHint looks at
MEASURED = 8  # the longest texts measured: width follows length closely enough


class SampledHeader(QHeaderView):
    """A ``QHeaderView`` as ``QTableView`` makes its own (clickable, highlighting) whose size
    hint is its widest sampled section's, cached until the model resets or renames sections."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setSectionsClickable(True)  # a click on a role selects its row, as before
        self.setHighlightSections(True)
        self._hint: QSize | None = None
        self.hints_measured = 0  # sections Qt sized for the hint (tests count the work)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        previous = self.model()
        if previous is not None:
            previous.headerDataChanged.disconnect(self._forget)
        super().setModel(model)
        if model is not None:
            model.headerDataChanged.connect(self._forget)
        self._forget()

    def reset(self) -> None:
        self._forget()
        super().reset()

    def _forget(self, *_: Any) -> None:
        self._hint = None

    def sizeHint(self) -> QSize:
        if self._hint is None:
            self._hint = self._measure()
        return self._hint

    def _measure(self) -> QSize:
        model = self.model()
        count = self.count()
        if model is None or count == 0:
            return super().sizeHint()
        sections = [*range(min(SAMPLED, count)), *range(max(SAMPLED, count - SAMPLED), count)]
        texts = {
            section: str(model.headerData(section, self.orientation()) or "")
            for section in sections
            if not self.isSectionHidden(section)
        }
        if not texts:
            return super().sizeHint()
        self.hints_measured += 1
        if self.orientation() == Qt.Orientation.Horizontal:
            # Across the top only the height counts: the text of the most lines sets it.
            tallest = max(texts, key=lambda s: (texts[s].count("\n"), len(texts[s])))
            return self.sectionSizeFromContents(tallest)
        metrics = self.fontMetrics()  # down the side only the width counts: the widest text
        longest = heapq.nlargest(MEASURED, texts, key=lambda s: len(texts[s]))
        widest = max(longest, key=lambda s: metrics.horizontalAdvance(texts[s]))
        return self.sectionSizeFromContents(widest)
