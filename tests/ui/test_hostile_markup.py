"""Names that look like HTML, from a real catalog: the window shows their exact text, never
bold, a link or an image fetch (Qt renders a label or a tooltip as rich text when it guesses
so). Labels are plain, or escape every name where they must be rich; tooltips that would be
taken for markup are escaped."""

from __future__ import annotations

import ast
import html
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.banner import ConnectionBanner
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.plain_text import plain_box, plain_tip
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

BOLD = "<b>bold</b>"
LINK = '<a href="https://example.invalid">x</a>'
IMAGE = '<img src="file:///etc/passwd">'
TIP = Qt.ItemDataRole.ToolTipRole
PLAIN = Qt.TextFormat.PlainText


def _escaped(text: str) -> str:
    return html.escape(text)


def _hostile_catalog(dsn: str) -> None:
    """A schema and a table named like markup, owned by a role named like a link, comments
    holding an image and a bold tag; a role named like the schema may use it (granted by the
    owner: a reason naming it)."""
    schema, table, role = sql.Identifier(BOLD), sql.Identifier(BOLD, IMAGE), sql.Identifier(LINK)
    statements = [
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(schema, role),
        sql.SQL("COMMENT ON SCHEMA {} IS {}").format(schema, sql.Literal(IMAGE)),
        sql.SQL("CREATE TABLE {} (id int)").format(table),
        sql.SQL("COMMENT ON ROLE {} IS {}").format(role, sql.Literal(BOLD)),
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, sql.Identifier(BOLD)),
    ]
    with psycopg.connect(dsn, autocommit=True) as conn:
        # Roles belong to the cluster: an earlier test's database may have made it already.
        for name in (LINK, BOLD):
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone():
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        for statement in statements:
            conn.execute(statement)


def _server_error(dsn: str, statement: sql.Composable) -> str:
    """What the server says when ``statement`` fails (it quotes the names)."""
    with psycopg.connect(dsn, autocommit=True) as conn, pytest.raises(psycopg.Error) as failed:
        conn.execute(statement)
    return str(failed.value)


@pytest.fixture
def hostile(main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str) -> MainWindow:
    _hostile_catalog(primary_dsn)
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    return main_window


def test_the_schema_list_tooltips_show_the_name_and_comment_escaped(hostile: MainWindow) -> None:
    model = hostile.schemas_model
    row = hostile.schemas_view.visible_names().index(BOLD)
    assert model.index(row, 0).data() == BOLD  # the cell: plain text, exact
    tips = [str(model.index(row, c).data(TIP) or "") for c in range(model.columnCount())]
    assert _escaped(BOLD) in tips[0]
    assert BOLD not in tips[0]  # the tag would be obeyed: bold, not the name
    assert any(_escaped(IMAGE) in t for t in tips)  # the comment, whole
    assert not any(IMAGE in t for t in tips)  # no image fetched from the file system


def test_the_schema_details_show_names_reasons_and_findings_as_written(
    hostile: MainWindow, ui_loop: UiLoop
) -> None:
    session = hostile.current
    assert session is not None
    assert hostile.schemas_view.select_schema(BOLD)
    details = session.schema_details
    objects = [details.tables.item(r, 0).text() for r in range(details.tables.rowCount())]
    assert objects == [IMAGE]
    ui_loop.run(until(lambda: details.privileges.rowCount() > 0))
    rows = {r[0]: r for r in details.privilege_rows()}
    assert rows[BOLD][0] == BOLD  # the role, as named
    assert LINK in rows[BOLD][2]  # the reason: granted by the owner
    tip = details.privileges.item(list(rows).index(BOLD), 2).toolTip()
    assert _escaped(LINK) in tip  # the reasons tooltip: the link shown, not made
    assert LINK not in tip
    assert details.findings.rowCount() > 0  # a schema outside the convention
    details.findings.selectRow(0)
    shown = details.finding_text.text()
    assert details.finding_text.textFormat() == Qt.TextFormat.RichText  # its title bold
    assert _escaped(BOLD) in shown
    assert BOLD not in shown
    for r in range(details.findings.rowCount()):
        title = details.findings.item(r, 1)
        assert title.toolTip() == plain_tip(title.text())
        assert BOLD not in title.toolTip()


def test_the_role_details_and_role_list_show_the_role_as_written(
    hostile: MainWindow, ui_loop: UiLoop
) -> None:
    view = hostile.roles_view
    hostile.show_view("roles")
    assert view.select_role(LINK)
    assert view.role_title.text() == LINK
    assert view.role_title.textFormat() == PLAIN
    model = view.roles_model
    row = view.visible_roles().index(LINK)
    comment = model.columns().index(next(c for c in model.columns() if c.key == "comment"))
    assert model.index(row, comment).data() == BOLD
    tip = str(model.index(row, comment).data(TIP))
    assert _escaped(BOLD) in tip
    assert BOLD not in tip
    matrix = view.matrix_model
    roles = [matrix.headerData(r, Qt.Orientation.Vertical) for r in range(matrix.rowCount())]
    schemas = [matrix.headerData(c, Qt.Orientation.Horizontal) for c in range(matrix.columnCount())]
    cell = matrix.index(roles.index(LINK), schemas.index(BOLD))
    cell.data()
    ui_loop.run(until(lambda: cell.data() != "…"))
    reasons = str(cell.data(TIP))  # the privilege reasons, naming both
    assert _escaped(LINK) in reasons
    assert _escaped(BOLD) in reasons
    assert LINK not in reasons
    assert BOLD not in reasons


def test_a_failing_statement_naming_a_hostile_table_shows_in_a_plain_box(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    _hostile_catalog(primary_dsn)
    table = sql.Identifier(BOLD, IMAGE)

    async def create_again() -> None:
        async with await psycopg.AsyncConnection.connect(primary_dsn, autocommit=True) as conn:
            await conn.execute(sql.SQL("CREATE TABLE {} (id int)").format(table))

    main_window.tasks.start("apply", create_again())
    ui_loop.run(until(lambda: main_window.error_box is not None))
    box = main_window.error_box
    assert box is not None
    assert IMAGE in box.text()  # the server quotes the name: shown, not fetched
    assert box.textFormat() == PLAIN
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    assert label.textFormat() == PLAIN
    assert label.text() == box.text()


def test_a_message_box_with_informative_text_keeps_both_plain(qtbot: Any) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "t", f"written to {IMAGE}")
    box.setInformativeText(f"{LINK}")
    plain_box(box)
    qtbot.addWidget(box)
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert informative is not None
    assert informative.textFormat() == PLAIN
    assert informative.text() == LINK
    assert box.textFormat() == PLAIN


def test_the_failure_page_and_the_banner_show_a_server_message_as_written(
    qtbot: Any, db_dsn: str
) -> None:
    """On every major: each words its errors, quoting the name."""
    _hostile_catalog(db_dsn)
    missing = sql.Identifier(BOLD, LINK)
    message = _server_error(db_dsn, sql.SQL("SELECT * FROM {}").format(missing))
    assert LINK in message
    pages = LoadingStack(QWidget())
    qtbot.addWidget(pages)
    pages.show_error(f"Could not read {BOLD}", message)
    assert pages.error_message == message
    shown = [label for label in pages.findChildren(QLabel) if label.text()]
    assert {label.text() for label in shown} >= {f"Could not read {BOLD}", message}
    assert all(label.textFormat() == PLAIN for label in shown)
    banner = ConnectionBanner()
    qtbot.addWidget(banner)
    banner.show_lost(message)
    assert banner.label.text().endswith(message)
    assert banner.label.textFormat() == PLAIN


def test_no_label_in_the_window_obeys_a_name_s_markup(hostile: MainWindow, ui_loop: UiLoop) -> None:
    """Every label the views fill from the hostile catalog: plain, or rich with names escaped."""
    session = hostile.current
    assert session is not None
    assert hostile.schemas_view.select_schema(BOLD)
    ui_loop.run(until(lambda: session.schema_details.findings.rowCount() > 0))
    session.schema_details.findings.selectRow(0)
    hostile.show_view("roles")
    assert hostile.roles_view.select_role(LINK)
    seen = 0
    for label in hostile.findChildren(QLabel):
        text = label.text()
        if not any(name in text or html.escape(name) in text for name in (BOLD, LINK, IMAGE)):
            continue
        seen += 1
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        )
        assert not rich or not any(n in text for n in (BOLD, LINK, IMAGE)), (label, text)
    assert seen >= 2  # the role's title and the finding's text at least


UI = Path(__file__).resolve().parents[2] / "src" / "schemadesk" / "ui"
# Labels that only ever show the app's own words (a number, a translated caption).
OWN_WORDS = {
    ("sql_preview/find_bar.py", "self.count_label"),  # "3 of 12"
    ("connections/form_parts.py", "label"),  # a form's caption, given by its caller
    ("roles_view.py", ""),  # "Member of", "Members"
}


def _label_problems(path: Path) -> list[str]:
    """Every ``QLabel(...)`` in ``path`` that might show a name Qt would render as markup."""
    source = path.read_text(encoding="utf-8")
    where = str(path.relative_to(UI))
    problems = []
    seen: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign | ast.Expr | ast.Call):
            continue
        call = node.value if isinstance(node, ast.Assign | ast.Expr) else node
        if not (isinstance(call, ast.Call) and ast.unparse(call.func) == "QLabel"):
            continue
        if id(call) in seen:  # met already as the value of its assignment
            continue
        seen.add(id(call))
        target = ast.unparse(node.targets[0]) if isinstance(node, ast.Assign) else ""
        if (target and f"{target}.setTextFormat(" in source) or (where, target) in OWN_WORDS:
            continue
        caption = call.args and all(_own_words(a) for a in call.args)
        if caption and not (target and f"{target}.setText(" in source):
            continue  # a caption of the app's own words, never set again
        problems.append(f"{where}:{call.lineno}: {ast.unparse(call)}")
    return problems


def _own_words(arg: ast.expr) -> bool:
    """``self.tr("...")`` with no name put into it, or a plain string."""
    if isinstance(arg, ast.Constant):
        return True
    return (
        isinstance(arg, ast.Call)
        and ast.unparse(arg.func) == "self.tr"
        and all(isinstance(a, ast.Constant) for a in arg.args)
    )


def test_every_label_in_the_window_is_plain_or_shows_only_its_own_words() -> None:
    """A new label filled with a name must say how it renders (plain_label, or a text format
    with the names escaped): Qt's default guesses, and a name can make it guess markup."""
    problems = [p for path in sorted(UI.rglob("*.py")) for p in _label_problems(path)]
    problems = [p for p in problems if not p.startswith("plain_text.py")]
    assert problems == []


# Tooltips of the app's own words: a translated text, numbers or setting names put into it.
OWN_TIPS = {
    ("migrations_view.py", "tip or button.toolTip()"),  # "The profile is read-only"
    ("status_bar.py", "tip"),  # the mode's translated explanation
    ("status_bar.py", "self.tr('%1 connections open, %2 idle, %3 requests waiting')"),
    ("connections/profile_form.py", "self.tr('%1 — a PostgreSQL duration such as 30s"),
    ("sql_preview/preview.py", "tip"),  # the mode buttons' translated tips
    ("object_details.py", "rows.kind_text(obj.kind)"),  # "table", "view"
}


def test_every_tooltip_set_in_the_window_is_escaped_or_the_app_s_own_words() -> None:
    """A tooltip is rich text when Qt guesses so: one holding a name goes through plain_tip
    (or the SQL preview's escaping rich_tooltip)."""
    problems = []
    for path in sorted(UI.rglob("*.py")):
        where = str(path.relative_to(UI))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func).endswith(".setToolTip")):
                continue
            tip = node.args[-1]
            text = ast.unparse(tip)
            if _own_words(tip) or text.startswith(("plain_tip(", "rich_tooltip(")):
                continue
            if any(where == w and text.startswith(t) for w, t in OWN_TIPS):
                continue
            problems.append(f"{where}:{node.lineno}: {text}")
    assert problems == []


def test_an_ampersand_in_a_name_shows_in_menus_not_as_a_shortcut_mark(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, tmp_path: Path
) -> None:
    """Qt reads ``&`` in a menu item's text as the mark of a shortcut and hides it: the matrix's
    "Privileges of R&D on a&b…" showed as "Privileges of RD on ab…". The text shown is what Qt
    shows after its marks (``iconText``); the copied name stays exact."""
    role, schema = "R&D team", "a&b"
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    main_window.show_view("roles")
    view = main_window.roles_view
    model = view.matrix_model
    schemas = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    cell = model.index(view.visible_roles().index(role), schemas.index(schema))
    menu = view.menus.menu_for(view.matrix_table, cell)
    assert menu is not None
    shown = [a.iconText() for a in menu.actions()]  # Qt drops the marks and a trailing "…"
    assert "Privileges of R&D team on a&b" in shown, shown

    folder = tmp_path / "R&D migrations"
    folder.mkdir()
    main_window.projects.add_recent(folder)
    assert main_window.projects.recent_menu.actions()[0].iconText() == str(folder)
