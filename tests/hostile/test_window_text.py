"""The window shows control characters from files and the catalog as escapes, like the
terminal: in the SQL preview, the migrations table and the schema list."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from schemadesk.core.migrations.models import MigrationState, MigrationStatus
from schemadesk.core.models import SchemaInfo
from schemadesk.ui.migrations_model import MigrationsModel
from schemadesk.ui.schemas_model import SchemasModel
from schemadesk.ui.sql_preview import SqlPreview

pytestmark = pytest.mark.ui

HIDING = "DROP TABLE IF EXISTS public.victim; -- \x1b[1A\x1b[2K\x1b[1A\nSELECT 1;\n"


def test_the_sql_preview_shows_escapes_and_copies_the_exact_text(qtbot: Any) -> None:
    preview = SqlPreview()
    qtbot.addWidget(preview)
    preview.show_migration("x.sql", HIDING, HIDING, [], [], schema="s")
    shown = preview.raw_editor.toPlainText()
    assert shown.splitlines()[0] == (
        "DROP TABLE IF EXISTS public.victim; -- \\x1b[1A\\x1b[2K\\x1b[1A"
    )
    assert "\x1b" not in shown
    preview.copy()
    assert QGuiApplication.clipboard().text() == HIDING  # what runs, byte for byte


def test_names_in_the_tables_stay_on_one_visible_line(qtbot: Any) -> None:
    migrations = MigrationsModel()
    migrations.set_rows(
        [MigrationStatus("002_x.sql\nDROP TABLE t;\x1b[2K", MigrationState.PENDING, "c", None)]
    )
    assert migrations.data(migrations.index(0, 0), Qt.ItemDataRole.DisplayRole) == (
        "002_x.sql\\nDROP TABLE t;\\x1b[2K"
    )
    schemas = SchemasModel()
    schemas.set_schemas([SchemaInfo("new\nline\x9b", "own\x07er", 0, 0, 0, 0, None, None, None)])
    shown = [schemas.data(schemas.index(0, c), Qt.ItemDataRole.DisplayRole) for c in (0, 1)]
    assert shown == ["new\\nline\\x9b", "own\\x07er"]
