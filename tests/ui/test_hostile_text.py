"""The window with hostile text: control characters from files and the catalog shown as
escapes (SQL preview, migrations table, schema list), and the confirmation of a change to
schema public saying what it does to every role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.changes import revoke_privileges
from schemadesk.core.actions import ActionKind, ActionStep, ActionTarget, PlannedAction
from schemadesk.core.migrations.models import MigrationState, MigrationStatus
from schemadesk.core.migrations.project import single_module
from schemadesk.core.models import SchemaInfo
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.confirm_dialog import ConfirmDialog
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.migrations_model import MigrationsModel
from schemadesk.ui.schemas_model import SchemasModel
from schemadesk.ui.sql_preview import SqlPreview
from tests.fix_ui import UiLoop
from tests.until import until

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


TROJAN = "SELECT 1; -- \u202e{ ;1 TCELES\nDROP TABLE t; -- \u2066x\u2069\n"


def test_bidi_controls_are_shown_as_codes_in_cells_tooltips_and_the_preview(qtbot: Any) -> None:
    schemas = SchemasModel()
    schemas.set_schemas(
        [SchemaInfo("svc\u202egpj.exe", "own\u200fer", 0, 0, 0, 0, 0, "a\nb\u2066c", None)]
    )
    shown = [schemas.data(schemas.index(0, c), Qt.ItemDataRole.DisplayRole) for c in (0, 1)]
    assert shown == ["svc\\u202egpj.exe", "own\\u200fer"]
    name_tip = schemas.data(schemas.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert name_tip == "svc\\u202egpj.exe"
    comments = [
        schemas.data(schemas.index(0, c), Qt.ItemDataRole.ToolTipRole)
        for c in range(schemas.columnCount())
    ]
    assert "a\nb\\u2066c" in comments  # the whole comment: its lines kept, the isolate shown
    preview = SqlPreview()
    qtbot.addWidget(preview)
    preview.show_migration("x.sql", TROJAN, TROJAN, [], [], schema="s")
    text = preview.raw_editor.toPlainText()
    assert text.splitlines()[0] == "SELECT 1; -- \\u202e{ ;1 TCELES"
    assert "\u202e" not in text
    assert "\u2066" not in text
    preview.copy()
    assert QGuiApplication.clipboard().text() == TROJAN  # what runs, byte for byte


def test_the_confirmation_shows_names_as_codes_and_its_preview_the_exact_sql(qtbot: Any) -> None:
    schema = "svc\u202egpj.exe"
    grant = f'GRANT USAGE ON SCHEMA "{schema}" TO "<b>app</b>";'
    action = PlannedAction(
        ActionKind.CHANGE_SET,
        f"Grant USAGE on schema {schema} to <b>app</b>",
        ActionTarget("p", "h\u2066ost", 5432, "d\u200fb", "lo\ngin", schema),
        (ActionStep(f"grant on {schema}", grant),),
        warnings=(f"schema {schema}: first line\nsecond line",),
    )
    dialog = ConfirmDialog(action)
    qtbot.addWidget(dialog)
    shown = [dialog.heading.text(), dialog.target_label.text(), dialog.warnings_label.text()]
    assert shown[0] == "Grant USAGE on schema svc\\u202egpj.exe to <b>app</b>"
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText  # the tags shown, not obeyed
    assert "<b>svc\\u202egpj.exe</b>" in shown[1]
    assert "h\\u2066ost:5432" in shown[1]
    assert "lo\\ngin" in shown[1]
    assert shown[2] == "⚠ schema svc\\u202egpj.exe: first line\nsecond line"
    for text in shown:
        assert not {"\u202e", "\u2066", "\u200f"} & set(text)
    dialog.preview.copy()
    assert QGuiApplication.clipboard().text().rstrip("\n").endswith(grant)  # what runs


def test_the_confirmation_says_what_revoking_public_access_to_public_does(
    qtbot: Any, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    window = MainWindow(gateway, single_module(tmp_path / "none", "shop"))
    qtbot.addWidget(window)
    window.show()
    window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    session = window.current
    assert session is not None
    assert session.catalog is not None
    change = revoke_privileges(session.catalog, PUBLIC, "public", ["USAGE"])
    window._start_action(window.flow.apply_change_set(session, change, "public"))
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    assert "takes it from every other role at once" in dialog.warnings_label.text()
    assert dialog.warnings_label.isVisible()
    dialog.reject()
    window.close()
    with psycopg.connect(primary_dsn) as conn:
        row = conn.execute("SELECT has_schema_privilege('public', 'public', 'USAGE')").fetchone()
    assert row == (True,)  # declined: nothing changed
