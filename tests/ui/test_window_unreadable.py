"""The window on a database whose login may not read a catalog its views list from.

A list the login may not read is never shown as an empty list (the schemas page said "0
schemas" where pg_namespace was refused): its page shows the error with the server's reason. A
part the views can do without (the memberships) is said above the roles view and the schema
details, since the privileges and findings shown miss what it would have added. Each test
revokes in its own database (``_limited``), as ``tests/access/test_unreadable_lists`` does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from schemadesk.core.access.changes import grant_privileges
from schemadesk.core.access.models import Unavailable
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.catalog_notice import CatalogNotices, list_refused
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.main_window import MainWindow
from tests.access.conftest import Roles, admin, roles  # noqa: F401 - their fixtures
from tests.access.test_unreadable_lists import _limited
from tests.fix_ui import UiLoop

pytestmark = pytest.mark.ui
Conn = psycopg.Connection[tuple[object, ...]]


@dataclass
class Limited:
    """The test's database, where a plain login may be refused catalogs (``dsn``)."""

    admin: Conn
    roles: Roles
    db_dsn: str

    def dsn(self, *revoked: str) -> str:
        """The plain login's DSN, PUBLIC's SELECT on ``revoked`` taken away."""
        return _limited(self.admin, self.roles, self.db_dsn, *revoked)

    @property
    def login(self) -> str:
        return self.roles.name("limited")


@pytest.fixture
def limited(admin: Conn, roles: Roles, db_dsn: str) -> Limited:  # noqa: F811 - their fixtures
    return Limited(admin, roles, db_dsn)


def _open(window: MainWindow, ui_loop: UiLoop, dsn: str) -> tuple[ConnectionSession, str | None]:
    """The session opened on ``dsn`` once loaded, and the load's failure if it said one."""
    window.open_profile(ConnectionProfile(name="limited", conninfo=dsn))
    try:
        ui_loop.run(window.wait_loaded())
    except SchemadeskError as exc:
        return _session(window), str(exc)
    return _session(window), None


def _session(window: MainWindow) -> ConnectionSession:
    session = window.current
    assert session is not None
    return session


def _error(session: ConnectionSession, view: str) -> tuple[str, str]:
    page = session.pages[view]
    assert page.is_error, f"the {view} page shows {page.currentWidget()}"
    return page._error_title.text(), page.error_message


def test_memberships_not_read_are_said_above_the_roles_and_the_findings(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    dsn = limited.dsn("pg_auth_members")
    session, failed = _open(main_window, ui_loop, dsn)
    assert failed is None  # the lists were read: the views show them
    main_window.show_view("roles")
    assert session.pages["roles"].currentWidget() is session.roles_view
    assert limited.login in session.roles_view.visible_roles()
    notice = session.notices.roles
    assert notice.isVisible()
    text = notice.label.text()
    assert text.startswith("Not shown — the login may not read them:\n• role memberships (")
    assert "permission denied for table pg_auth_members" in text  # the server's reason
    assert text.endswith("): effective privileges may miss inherited ones")
    # The schema details (privileges and findings) say the catalog was read incompletely.
    main_window.show_view("schemas")
    assert session.pages["schemas"].currentWidget() is session.pages["schemas"].content
    details = session.notices.details
    assert details.isVisible()
    assert details.label.text().startswith("The catalog was read incompletely: these privileges")
    assert "permission denied for table pg_auth_members" in details.label.text()


def test_schemas_not_read_are_an_error_page_not_an_empty_list(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    dsn = limited.dsn("pg_namespace")
    session, failed = _open(main_window, ui_loop, dsn)
    title, message = _error(session, "schemas")
    assert title == "Could not load schemas"
    assert (
        message
        == "The schemas cannot be listed: no access: permission denied for table pg_namespace"
    )
    assert failed == message  # ``wait_loaded`` fails as the page does
    assert session.schemas_model.rowCount() == 0
    # No count beside it, and no "0 schemas loaded": there may be many.
    item = main_window.nav.view_item("limited", "schemas")
    assert item is not None
    assert item.text(0) == "Schemas"
    assert "loaded" not in main_window.status.currentMessage()
    # The roles can be listed: they are, with the matrix's missing columns said.
    main_window.show_view("roles")
    assert session.pages["roles"].currentWidget() is session.roles_view
    assert limited.login in session.roles_view.visible_roles()
    text = session.notices.roles.label.text()
    assert session.notices.roles.isVisible()
    assert "• schemas (no access: permission denied for table pg_namespace): the privilege" in text


def test_roles_not_read_are_an_error_on_both_pages(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    # pg_roles is read with the server's context, before any list: neither can be shown.
    dsn = limited.dsn("pg_roles")
    session, failed = _open(main_window, ui_loop, dsn)
    said = (
        "cannot read the server's context (pg_database, pg_roles): "
        "permission denied for view pg_roles"
    )
    assert failed == said
    assert _error(session, "schemas") == ("Could not load schemas", said)
    assert _error(session, "roles") == ("Could not load roles", said)


def test_role_comments_not_read_are_an_error_on_the_roles_page(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    # The roles' list reads pg_shdescription too: refused, the roles are not listed at all.
    limited.admin.execute("CREATE SCHEMA billing")  # no billing_owner: it would be a finding
    dsn = limited.dsn("pg_shdescription")
    session, failed = _open(main_window, ui_loop, dsn)
    title, message = _error(session, "roles")
    assert title == "Could not load roles"
    assert message.startswith("The roles cannot be listed: no access: permission denied for ")
    assert message.endswith(" pg_shdescription")
    assert failed == message
    assert session.pages["schemas"].currentWidget() is session.pages["schemas"].content
    # Without the roles, each role the convention names would be reported missing: no check,
    # and the schema details say why there are no findings.
    assert "billing" in session.schemas_view.visible_names()
    assert session.findings == {}
    assert session.notices.details.isVisibleTo(session.pages["schemas"])
    line = session.notices.details.label.text().splitlines()[1]
    assert line.startswith("• roles (no access: permission denied for ")
    assert line.endswith(" pg_shdescription): the convention check was not run")


def test_schemas_without_their_functions_catalog_are_no_list_of_zeros(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    # The schemas' list reads pg_proc (what an extension's schema holds) as their counts do:
    # refused, no schema is listed with 0 functions, nor is the list shown empty.
    limited.admin.execute("CREATE SCHEMA billing; CREATE TABLE billing.t (id int)")
    dsn = limited.dsn("pg_proc")
    session, failed = _open(main_window, ui_loop, dsn)
    title, message = _error(session, "schemas")
    assert title == "Could not load schemas"
    assert message == "The schemas cannot be listed: no access: permission denied for table pg_proc"
    assert failed == message
    assert session.schemas_model.rowCount() == 0


def test_read_again_once_granted_the_views_show_and_the_notices_go(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    dsn = limited.dsn("pg_namespace", "pg_auth_members")
    session, failed = _open(main_window, ui_loop, dsn)
    assert failed is not None
    assert session.pages["schemas"].is_error
    for catalog in ("pg_namespace", "pg_auth_members"):
        limited.admin.execute(
            sql.SQL("GRANT SELECT ON {} TO PUBLIC").format(sql.Identifier("pg_catalog", catalog))
        )
    main_window.refresh()  # F5
    ui_loop.run(main_window.wait_loaded())
    assert session.pages["schemas"].currentWidget() is session.pages["schemas"].content
    assert "public" in session.schemas_view.visible_names()
    assert session.notices.roles.isHidden()
    assert session.notices.details.isHidden()
    session.roles_view.show_role(limited.login)
    member_of = session.roles_view.member_of_model
    assert member_of.rowCount() == 1  # its group, inherited privileges counted again


def test_nothing_refused_shows_no_notice(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    session, failed = _open(main_window, ui_loop, limited.dsn())
    assert failed is None
    assert session.notices.roles.isHidden()
    assert session.notices.details.isHidden()


def test_a_reason_with_markup_and_control_characters_shows_as_its_characters(qtbot: Any) -> None:
    # The reason is the server's text (a catalog's or a role's name inside it): never markup,
    # never a second line.
    notices = CatalogNotices(QWidget())
    qtbot.addWidget(notices.details_pane)
    reason = "no access: permission denied for table \"<b>x</b>\n<a href='y'>z</a>\""
    notices.show([Unavailable("memberships", reason)])
    text = notices.details.label.text()
    assert notices.details.label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>x</b>" in text  # as typed, not bold
    line = text.splitlines()[1]
    assert line.startswith('• role memberships (no access: permission denied for table "<b>x</b>')
    assert len(text.splitlines()) == 2  # the newline in the reason is shown escaped


def test_the_notice_and_the_refusal_are_said_in_russian(russian: None, qtbot: Any) -> None:
    # Chosen by the part, translated by Qt; the server's reason is kept as its words.
    notices = CatalogNotices(QWidget())
    qtbot.addWidget(notices.details_pane)
    reason = "no access: permission denied for table pg_auth_members"
    notices.show([Unavailable("memberships", reason)])
    heading, line = notices.details.label.text().splitlines()
    assert heading.startswith("Каталог прочитан не полностью")
    assert line == (
        f"• членство в ролях ({reason}): в действующих привилегиях могут отсутствовать "
        "унаследованные"
    )
    refused = list_refused("schemas", "no access: permission denied for table pg_namespace")
    assert (
        refused
        == "Не удаётся получить список схем: no access: permission denied for table pg_namespace"
    )


def test_no_change_is_worked_out_from_memberships_not_read(
    limited: Limited, main_window: MainWindow, ui_loop: UiLoop
) -> None:
    """A fix, grant or provision of a catalog read in part: refused before any dialog (the
    window's error box says why), as ``schemadesk grant`` refuses it."""
    dsn = limited.dsn("pg_auth_members")
    session, _failed = _open(main_window, ui_loop, dsn)
    assert session.catalog is not None
    change = grant_privileges(session.catalog, limited.login, "public", ["CREATE"])
    with pytest.raises(SchemadeskError) as refused:
        ui_loop.run(main_window.flow.apply_change_set(session, change, "public"))
    assert str(refused.value).startswith("cannot read the catalog's memberships: no access: ")
    assert str(refused.value).endswith("permission denied for table pg_auth_members")
    assert main_window.flow.dialog is None  # nothing was offered for confirmation
