"""Pieces of the connection forms: how a profile names its server (the form's modes), form
layouts that grow, and the quieter note and error styles."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from schemadesk.core.profiles import ConnectionProfile

# libpq's sslmode values; "" leaves the choice to libpq (PGSSLMODE, the service file or "prefer").
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: palette(placeholder-text);"


class Mode(Enum):
    """How the profile names its server."""

    FIELDS = "fields"
    CONNINFO = "conninfo"
    SERVICE = "service"


def mode_of(profile: ConnectionProfile) -> Mode:
    """The form page that shows a profile without losing anything it says."""
    separate = any((profile.host, profile.port, profile.dbname, profile.user, profile.sslmode))
    if profile.conninfo or (profile.service and separate):
        return Mode.CONNINFO
    if profile.service:
        return Mode.SERVICE
    return Mode.FIELDS


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """Fields grow with the dialog; a label too long for its row goes above its field."""
    layout = QFormLayout(parent) if parent is not None else QFormLayout()
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return layout


def note_label(text: str = "") -> QLabel:
    """A wrapped, quieter line of explanation under a control."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label
