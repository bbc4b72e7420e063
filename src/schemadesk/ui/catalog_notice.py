"""What the window says when the login could not read part of the catalog.

The loader keeps going without a part the server refused (``Catalog.unavailable``): the roles
without their memberships, the schemas without their tables. A view whose very list is such a
part shows its error page instead of an empty list (``LIST_PARTS``); a view that can show
something without a part says, above it, what is not shown and what that makes uncertain. The
texts are chosen by the part (never by reading the reason), the reason is the server's words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from schemadesk.core.access.models import Unavailable
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.plain_text import plain_label

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

# The part each view lists from: unreadable, the view shows its error page, not an empty list.
LIST_PARTS = {"schemas": "schemas", "roles": "roles"}
# Parts the roles view (its memberships, its matrix) and the schema details (privileges, the
# convention check's findings) are made from; missing, each says so.
ROLES_PARTS = ("schemas", "memberships", "relations", "functions", "default_privileges")
DETAILS_PARTS = ("roles", "memberships", "relations", "functions", "default_privileges")


def _part_lines() -> dict[str, Callable[[], str]]:
    # Each line says what is missing and what that leaves uncertain; %1: the server's reason.
    return {
        "schemas": lambda: translate(
            "CatalogNotice", "schemas (%1): the privilege matrix has no columns"
        ),
        "roles": lambda: translate("CatalogNotice", "roles (%1): the convention check was not run"),
        "memberships": lambda: translate(
            "CatalogNotice", "role memberships (%1): effective privileges may miss inherited ones"
        ),
        "relations": lambda: translate(
            "CatalogNotice", "tables, views and sequences (%1): privileges on them are not counted"
        ),
        "functions": lambda: translate(
            "CatalogNotice", "functions (%1): privileges on them are not counted"
        ),
        "default_privileges": lambda: translate(
            "CatalogNotice", "default privileges (%1): what new objects will grant is not known"
        ),
    }


def missing(unavailable: Iterable[Unavailable], part: str) -> Unavailable | None:
    """The record of ``part`` if the login could not read it."""
    return next((u for u in unavailable if u.part == part), None)


def list_refused(view: str, reason: str, *, counts: bool = False) -> str:
    """The error page's text of a view whose list (or the schemas' counts: without them each
    schema would show 0 tables) could not be read (``LIST_PARTS``)."""
    if counts:
        text = translate(
            "CatalogNotice", "The schemas' counts of tables, views and functions cannot be read: %1"
        )
    elif view == "schemas":
        text = translate("CatalogNotice", "The schemas cannot be listed: %1")
    else:
        text = translate("CatalogNotice", "The roles cannot be listed: %1")
    return text.replace("%1", visible_line(reason))


def notice_lines(unavailable: Iterable[Unavailable], parts: Sequence[str]) -> list[str]:
    """One line per part of ``parts`` the login could not read, in ``parts``' order."""
    lines = _part_lines()
    found = {u.part: u.reason for u in unavailable}
    return [
        "• " + lines[part]().replace("%1", visible_line(found[part]))
        for part in parts
        if part in found
    ]


class NoticeStrip(QFrame):
    """A plain-text warning strip, hidden while there is nothing to say."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(
            f"#{name} {{ background: rgba(255, 193, 7, 45);"
            " border: 1px solid rgba(255, 160, 0, 140); border-radius: 4px; }"
        )
        self.label = plain_label()  # server reasons: never markup
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        self.hide()

    def say(self, heading: str, lines: Sequence[str]) -> None:
        """Show ``heading`` and ``lines``; nothing to say hides the strip."""
        self.label.setText("\n".join([heading, *lines]) if lines else "")
        self.setVisible(bool(lines))


class CatalogNotices:
    """The notices of one session: above the roles view and above the schema details."""

    def __init__(self, details: QWidget) -> None:
        self.roles = NoticeStrip("rolesNotice")
        self.details = NoticeStrip("detailsNotice")
        self.details_pane = QWidget()  # the schema details with their notice above
        layout = QVBoxLayout(self.details_pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.details)
        layout.addWidget(details, 1)

    def attach(self, roles_page: LoadingStack) -> None:
        """Put the roles notice above the roles view, once that is built."""
        roles_page.when_built(self._above_roles)

    def _above_roles(self, view: QWidget) -> None:
        cast(QVBoxLayout, view.layout()).insertWidget(0, self.roles)

    def show(self, unavailable: Sequence[Unavailable]) -> None:
        """Say what of the catalog could not be read (nothing: the notices hide)."""
        self.roles.say(
            translate("CatalogNotice", "Not shown — the login may not read them:"),
            notice_lines(unavailable, ROLES_PARTS),
        )
        self.details.say(
            translate(
                "CatalogNotice",
                "The catalog was read incompletely: these privileges and findings may be "
                "missing or wrong. Not read:",
            ),
            notice_lines(unavailable, DETAILS_PARTS),
        )
