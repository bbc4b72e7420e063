"""Choosing what to connect to when no profile was given on the command line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.errors import ConfigError
from schemadesk.core.passwords import load_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore


class ConnectionPicker(QDialog):
    """Saved profiles, or a conninfo / URI typed in for this session only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect"))
        self.profiles: dict[str, ConnectionProfile] = {}
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.list = QListWidget()
        try:
            self.profiles = ProfileStore().load()
        except ConfigError as exc:
            self.problem.setText(str(exc))
        for name, profile in sorted(self.profiles.items()):
            item = QListWidgetItem(f"{name}  —  {profile.describe()}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.dsn = QLineEdit()
        self.dsn.setPlaceholderText("postgresql://user@host:5432/dbname  or  host=… dbname=…")
        self.dsn.textEdited.connect(lambda _t: self.list.clearSelection())
        form = QFormLayout()
        form.addRow(self.tr("Or connect to:"), self.dsn)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Saved connection profiles:")))
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> tuple[ConnectionProfile, str | None] | None:
        """The profile and known password, or None when nothing valid was chosen."""
        if self.dsn.text().strip():
            return ConnectionProfile.from_dsn(self.dsn.text().strip())
        item = self.list.currentItem()
        if item is None:
            return None
        name = str(item.data(Qt.ItemDataRole.UserRole))
        return self.profiles[name], load_password(name)


def pick_connection(parent: QWidget) -> tuple[ConnectionProfile, str | None] | None:
    """Ask which database to open; None when the person cancels."""
    dialog = ConnectionPicker(parent)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            chosen = dialog.chosen()
        except ConfigError as exc:
            dialog.problem.setText(str(exc))
            continue
        if chosen is not None:
            return chosen
    return None
