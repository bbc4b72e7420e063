"""Several connections at once, schema details with reasons and fixes, a lost connection."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.fix_db import TestServer
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


def test_two_profiles_open_side_by_side_each_with_its_own_views(
    main_window: MainWindow, ui_loop: UiLoop, primary_server: TestServer
) -> None:
    first, second = primary_server.create_database(), primary_server.create_database()
    try:
        with psycopg.connect(primary_server.conninfo(second), autocommit=True) as conn:
            conn.execute("CREATE SCHEMA only_in_second")
        main_window.open_profile(
            ConnectionProfile(name="one", conninfo=primary_server.conninfo(first))
        )
        ui_loop.run(main_window.wait_loaded())
        main_window.open_profile(
            ConnectionProfile(name="two", conninfo=primary_server.conninfo(second), read_only=True)
        )
        ui_loop.run(main_window.wait_loaded())
        assert main_window.nav.topLevelItemCount() == 2
        assert "only_in_second" in main_window.schemas_view.visible_names()
        assert main_window.status.mode_label.text() == "READ-ONLY"

        main_window._select(main_window.sessions["one"], "schemas")
        assert main_window.current is main_window.sessions["one"]
        assert "only_in_second" not in main_window.schemas_view.visible_names()
        assert main_window.status.mode_label.text() == "read-write"
        assert main_window.views.currentWidget() is main_window.schemas_page

        main_window.close_current()
        ui_loop.settle(0.2)
        assert list(main_window.sessions) == ["two"]
        assert main_window.nav.topLevelItemCount() == 1
    finally:
        main_window.close_current()
        ui_loop.settle(0.2)
        primary_server.drop_database(first)
        primary_server.drop_database(second)


def test_schema_details_show_tables_privileges_with_reasons_and_findings_with_fixes(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    statements = [
        "CREATE ROLE sd_owner NOLOGIN", "CREATE ROLE sd_rw LOGIN",
        "CREATE SCHEMA sd AUTHORIZATION sd_owner", "CREATE TABLE sd.things (id int)",
        "ALTER TABLE sd.things OWNER TO sd_owner", "GRANT USAGE ON SCHEMA sd TO sd_rw",
        "GRANT SELECT ON sd.things TO sd_rw",
    ]  # fmt: skip
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)
    try:
        main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
        ui_loop.run(main_window.wait_loaded())
        session = main_window.current
        assert session is not None
        assert main_window.schemas_view.select_schema("sd")
        details = session.schema_details
        assert details.tables.item(0, 0).text() == "things"
        ui_loop.run(until(lambda: details.privileges.rowCount() > 0))
        rows = {role: (rights, why) for role, rights, why in details.privilege_rows()}
        assert rows["sd_rw"][0] == "U– · S–––"
        assert "direct" in rows["sd_rw"][1].lower()
        assert rows["sd_owner"][0].startswith("UC")
        # The convention wants INSERT/UPDATE/DELETE for sd_rw too (and more): findings with fixes.
        assert details.findings.rowCount() >= 1
        column = main_window.schemas_model.COLUMNS.index("findings")
        row = main_window.schemas_view.visible_names().index("sd")
        shown = main_window.schemas_model.index(row, column).data()
        assert int(shown) == details.findings.rowCount()
        details.findings.selectRow(0)
        # The fix's SQL editor is built when the findings tab is first shown (building it with
        # the session froze the window), and shows the selected finding's fix then.
        assert not details.fix_preview_slot.is_built
        details.setCurrentIndex(2)
        ui_loop.settle(0.05)
        assert details.fix_preview_slot.is_built
        assert details.fix_preview.current_text().strip().endswith(";")
    finally:
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            conn.execute("DROP SCHEMA sd CASCADE")
            conn.execute("DROP OWNED BY sd_rw")
            conn.execute("DROP ROLE sd_rw")
            conn.execute("DROP ROLE sd_owner")


def test_killed_backends_are_replaced_and_the_refresh_just_works(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    dbname = psycopg.conninfo.conninfo_to_dict(primary_dsn)["dbname"]
    admin_dsn = psycopg.conninfo.make_conninfo(primary_dsn, dbname="postgres")
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND application_name = 'schemadesk'",
            [dbname],
        ).fetchone()
    assert killed is not None
    assert killed[0] >= 1
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA after_the_kill")
    main_window.refresh()
    ui_loop.run(until(lambda: "after_the_kill" in main_window.schemas_view.visible_names()))
    assert not main_window.banner.isVisible()


def test_a_server_that_goes_away_shows_the_banner_not_a_frozen_window(
    main_window: MainWindow, ui_loop: UiLoop, server_bindir: Path
) -> None:
    from schemadesk.db.local_cluster import start_cluster

    cluster = start_cluster(server_bindir)
    try:
        main_window.open_profile(ConnectionProfile(name="doomed", conninfo=cluster.conninfo()))
        ui_loop.run(main_window.wait_loaded())
    finally:
        cluster.stop()
    main_window.refresh()
    ui_loop.run(until(main_window.banner.isVisible), timeout=40)
    assert main_window.banner.label.text().startswith("Connection lost: ")
    assert main_window.schemas_page.is_error


def test_the_window_asks_for_a_password_and_remembers_it_once_it_works(
    main_window: MainWindow, ui_loop: UiLoop, primary_server: TestServer, memory_keyring: object
) -> None:
    from PySide6.QtWidgets import QApplication

    from schemadesk.ui.connections.password_prompt import PasswordPrompt

    with psycopg.connect(primary_server.admin_conninfo, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS win_carol")
        conn.execute("CREATE ROLE win_carol LOGIN PASSWORD 'open sesame'")
    assert primary_server.cluster is not None
    profile = ConnectionProfile(
        name="carol", conninfo=primary_server.cluster.tcp_conninfo(user="win_carol")
    )

    def prompt() -> PasswordPrompt | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, PasswordPrompt)]
        return next((w for w in found if w.isVisible()), None)

    main_window.open_profile(profile)
    ui_loop.run(until(lambda: prompt() is not None))
    first = prompt()
    assert first is not None
    first.password_edit.setText("wrong")
    first.accept()
    ui_loop.run(until(lambda: prompt() is not None and prompt() is not first))
    second = prompt()
    assert second is not None
    assert "password authentication failed" in second.reason_label.text()
    second.password_edit.setText("open sesame")
    second.remember_check.setChecked(True)
    second.accept()
    ui_loop.run(main_window.wait_loaded())
    assert main_window.status.identity_label.text().startswith("win_carol@")
    assert memory_keyring.store[("schemadesk", "carol")] == "open sesame"  # type: ignore[attr-defined]


def test_splitters_and_geometry_are_remembered(
    qtbot: object, ui_loop: UiLoop, gateway: object, primary_dsn: str
) -> None:
    from PySide6.QtWidgets import QSplitter

    def open_window() -> MainWindow:
        window = MainWindow(gateway)  # type: ignore[arg-type]
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
        ui_loop.run(window.wait_loaded())
        return window

    first = open_window()
    first.resize(760, 540)  # within the offscreen screen, which clamps restored geometry
    split = first.views.findChild(QSplitter, "schemasSplit")
    assert split is not None
    split.setSizes([100, 500])
    wanted = split.sizes()
    first.close()
    second = open_window()
    again = second.views.findChild(QSplitter, "schemasSplit")
    assert again is not None
    assert again.sizes() == wanted
    assert (second.width(), second.height()) == (760, 540)
    second.close()
