"""The "Render for schema…" box: a name, checked with pgdbm's rule, then a request to render."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from schemadesk.ui.sql_preview.colours import scheme_for
from schemadesk.ui.sql_preview.types import is_valid_schema_name


class SchemaBox(QWidget):
    """Emits ``render_requested(name)`` for a valid name; shows why a name is refused."""

    render_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Render for schema:"))
        self.edit = QLineEdit()
        self.edit.setObjectName("renderSchema")
        self.edit.setPlaceholderText(self.tr("schema name"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(128)
        self.edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 12))
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 40))
        self.label.setBuddy(self.edit)
        self.button = QPushButton(self.tr("Render"))
        self.button.setToolTip(self.tr("Render this file for another schema"))
        self.error = QLabel()
        self.error.setObjectName("renderSchemaError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.edit.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.edit.textEdited.connect(self._edited)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        row.addStretch(0)
        layout = QVBoxLayout(self)  # the reason under the box: it may be long, the box is not
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def set_schema(self, name: str | None) -> None:
        """Show the schema currently rendered for (no signal)."""
        self.edit.setText(name or "")
        self._show_error("")

    def submit(self) -> None:
        name = self.edit.text().strip()
        if not is_valid_schema_name(name):
            self._show_error(self.explain(name))
            return
        self._show_error("")
        self.render_requested.emit(name)

    def explain(self, name: str) -> str:
        if not name:
            return self.tr("Type a schema name first.")
        if len(name) > 63:
            return self.tr("“%1…” is too long: a schema name has at most 63 characters.").replace(
                "%1", name[:20]
            )
        return self.tr(
            "“%1” is not a name pgdbm accepts: start with a letter or _, then letters, "
            "digits or _ only."
        ).replace("%1", name)

    @property
    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    def _edited(self, text: str) -> None:
        # Clear a shown error as soon as the name becomes valid; never nag while typing.
        if not self.error.isHidden() and is_valid_schema_name(text.strip()):
            self._show_error("")

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setStyleSheet(f"color: {scheme_for(self.palette()).error};")
        self.error.setVisible(bool(message))
