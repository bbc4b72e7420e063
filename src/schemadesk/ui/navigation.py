"""The navigation tree: connection → database → schemas, roles, migrations (with counts)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QTreeWidget, QTreeWidgetItem, QWidget

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.terminal_text import visible
from schemadesk.ui.plain_text import plain_tip

SESSION_ROLE = Qt.ItemDataRole.UserRole + 1
VIEW_ROLE = Qt.ItemDataRole.UserRole + 2
VIEWS = ("schemas", "roles", "migrations")


class NavTree(QTreeWidget):
    """One root per open profile; items carry the profile name and the view they select."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        # Narrow enough to leave a 1024-pixel window's views their room; a cut profile name
        # keeps its whole name (and where it points) in the tooltip.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 14))

    def view_title(self, view: str) -> str:
        """The translated name of a view."""
        return {
            "schemas": self.tr("Schemas"),
            "roles": self.tr("Roles"),
            "migrations": self.tr("Migrations"),
        }[view]

    def add_profile(self, profile: ConnectionProfile) -> None:
        """A root for ``profile``, its database and its views, expanded."""
        root = QTreeWidgetItem([profile.name])
        root.setToolTip(0, plain_tip(visible(profile.describe())))  # names, never markup
        root.setData(0, SESSION_ROLE, profile.name)
        database = QTreeWidgetItem([profile.describe().rsplit("/", 1)[-1]])
        database.setData(0, SESSION_ROLE, profile.name)
        root.addChild(database)
        for view in VIEWS:
            item = QTreeWidgetItem([self.view_title(view)])
            item.setData(0, SESSION_ROLE, profile.name)
            item.setData(0, VIEW_ROLE, view)
            database.addChild(item)
        self.addTopLevelItem(root)
        root.setExpanded(True)
        database.setExpanded(True)

    def root_of(self, name: str) -> QTreeWidgetItem | None:
        """The root item of the profile called ``name``."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and item.data(0, SESSION_ROLE) == name:
                return item
        return None

    def remove_profile(self, name: str) -> None:
        """Take the profile's root out of the tree."""
        root = self.root_of(name)
        if root is not None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(root))

    def view_item(self, name: str, view: str) -> QTreeWidgetItem | None:
        """The item that selects ``view`` of profile ``name``."""
        root = self.root_of(name)
        if root is None:
            return None
        database = root.child(0)
        children = [database.child(i) for i in range(database.childCount())] if database else []
        return next((c for c in children if c is not None and c.data(0, VIEW_ROLE) == view), None)

    def set_counts(
        self, name: str, counts: Mapping[str, int], without: Collection[str] = ()
    ) -> None:
        """``Schemas (5)``, ``Roles (10)``, ``Migrations (4)``; the views in ``without`` (their
        list could not be read) by their name alone."""
        for view, key in (("schemas", "schemas"), ("roles", "roles"), ("migrations", "modules")):
            item = self.view_item(name, view)
            if item is not None:
                title = self.view_title(view)
                item.setText(0, title if view in without else f"{title} ({counts[key]})")

    def select(self, name: str, view: str) -> None:
        """Select a view of a profile, as a click would."""
        item = self.view_item(name, view)
        if item is not None:
            self.setCurrentItem(item)


NAV_WIDEST = 220  # pixels: what the tree gets from 1440 pixels of window up


class NavFit(QObject):
    """Gives the navigation about a seventh of the main splitter, at most ``NAV_WIDEST``
    pixels (at 1024 pixels: 157, leaving the views the rest), until the person drags the
    splitter or a saved layout was restored (``placed``)."""

    def __init__(self, splitter: QSplitter, *, placed: bool) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.placed = placed
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)
        self.fit(splitter.width())

    def _moved(self, _pos: int, _index: int) -> None:
        self.placed = True

    def fit(self, total: int) -> None:
        """Share ``total`` pixels of width (the splitter's, about to be) anew."""
        if self.placed or total <= 0:
            return
        nav = self.splitter.widget(0)
        least = nav.minimumWidth() if nav is not None else 0
        width = max(least, min(NAV_WIDEST, total * 2 // 13))
        self.splitter.setSizes([width, max(total - width, 0)])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the splitter handles its resize: it then lays out the sizes set here.
        if watched is self.splitter and isinstance(event, QResizeEvent):
            self.fit(event.size().width())
        return False
