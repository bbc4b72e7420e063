"""File ▸ Open project… and Recent projects; the project last opened with a profile comes back
when that profile opens again.

A project is a folder with a ``schemadesk.toml``, that file itself, or a folder whose layout is
recognised (``services/<name>/migrations``, ``migrations/<name>/``, ``migrations/``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from schemadesk.core.migrations.project import Project, find_project, load_project
from schemadesk.ui.plain_text import menu_text

RECENT = "projects/recent"
MAX_RECENT = 8


def read_project(path: Path) -> Project:
    """The project at ``path`` (a ``schemadesk.toml``, or a folder with one or a known layout)."""
    return load_project(path) if path.is_file() else find_project(path)


def _profile_key(profile: str) -> str:
    # QSettings keys treat "/" and "\\" as groups: a profile name is stored hex-encoded.
    return "projects/by_profile/" + profile.encode().hex()


class ProjectsMenu(QObject):
    """The menu entries, the recent list and the project remembered per profile."""

    open_requested = Signal(str)  # a path the person chose

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.open_action = QAction(self.tr("Open &project…"), parent)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.setStatusTip(
            self.tr("A folder with schemadesk.toml, or with services/*/migrations or migrations/")
        )
        self.open_action.triggered.connect(self.choose)
        self.recent_menu = QMenu(self.tr("Recent pro&jects"), parent)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()

    def choose(self) -> None:
        """The folder dialog (Qt's own: the same in every desktop, and translated)."""
        start = self.recent()[0] if self.recent() else str(Path.home())
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Open project"), start,
            QFileDialog.Option.ShowDirsOnly | QFileDialog.Option.DontUseNativeDialog,
        )  # fmt: skip
        if folder:
            self.open_requested.emit(folder)

    @staticmethod
    def recent() -> list[str]:
        """Recently opened projects, newest first."""
        value = QSettings().value(RECENT, [])
        if isinstance(value, str):  # an INI file gives a one-item list back as a string
            return [value] if value else []
        return [str(v) for v in value or [] if v] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent list."""
        text = str(path)
        items = [text, *(p for p in self.recent() if p != text)][:MAX_RECENT]
        QSettings().setValue(RECENT, items)
        self._fill_recent()

    @staticmethod
    def remembered(profile: str) -> Path | None:
        """The project last opened with ``profile``."""
        value = QSettings().value(_profile_key(profile))
        return Path(str(value)) if value else None

    @staticmethod
    def remember(profile: str, path: Path) -> None:
        """Open ``path`` again the next time ``profile`` opens."""
        QSettings().setValue(_profile_key(profile), str(path))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        for path in items:
            action = self.recent_menu.addAction(menu_text(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_requested.emit(p))
        if not items:
            empty = self.recent_menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)
        self.recent_menu.setEnabled(True)
