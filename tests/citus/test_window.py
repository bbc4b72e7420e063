"""The window on a Citus coordinator: the cluster in the status bar, where each tenant lives in
the schemas view, the Citus kind of each table; Citus's own schemas marked as the extension's."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import QLocale

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.citus.rig import CitusRig
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = [pytest.mark.citus, pytest.mark.ui]
Conn = psycopg.Connection[tuple[object, ...]]


def test_window_names_the_cluster_and_shows_where_each_tenant_lives(
    main_window: MainWindow, ui_loop: UiLoop, citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    tenant = prefix + "win"
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(tenant)))
    coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(tenant, "t")))
    main_window.open_profile(ConnectionProfile(name="c", conninfo=citus.dsn(), read_only=True))
    ui_loop.run(main_window.wait_loaded())
    ui_loop.run(until(lambda: "Citus" in main_window.status.server_label.text()))
    label = main_window.status.server_label.text()
    assert label.startswith("PostgreSQL 15")
    assert "Citus 13.2" in label
    assert "2 worker" in label  # "2 workers" once the English catalogue is installed
    model, view = main_window.schemas_model, main_window.schemas_view
    names = view.visible_names()
    row = names.index(tenant)
    holder = coordinator.execute(
        "SELECT DISTINCT nodename || ':' || nodeport FROM citus_shards"
        " WHERE table_name = %s::regclass",
        [sql.Identifier(tenant, "t").as_string(coordinator)],
    ).fetchone()
    assert holder is not None

    def cell(key: str, at: int = row) -> object:
        return model.index(at, model.COLUMNS.index(key)).data()

    assert cell("distributed") == "distributed"
    assert cell("node") == holder[0]
    assert str(cell("colocation")).isdigit()
    assert not view.table.isColumnHidden(model.COLUMNS.index("node"))
    assert cell("kind", names.index("citus")) == "extension citus"
    session = main_window.current
    assert session is not None
    assert view.select_schema(tenant)
    assert session.schema_details.tables.item(0, 1).text() == "table, schema-sharded"


def test_plain_server_shows_no_cluster_columns(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="p", conninfo=primary_dsn, read_only=True))
    ui_loop.run(main_window.wait_loaded())
    model, view = main_window.schemas_model, main_window.schemas_view
    for key in model.CITUS_COLUMNS:
        assert view.table.isColumnHidden(model.COLUMNS.index(key))
    assert "Citus" not in main_window.status.server_label.text()


def test_the_nologin_owner_finding_is_shown_in_russian(
    citus: CitusRig, coordinator: Conn, prefix: str, qapp: object
) -> None:
    from schemadesk.core.access.conventions import Convention, check_conventions
    from schemadesk.db.access import load_catalog
    from schemadesk.db.gateway import Gateway
    from schemadesk.ui.core_texts import finding_texts
    from schemadesk.ui.i18n import install_translations, remove_translations

    tenant, owner = prefix + "ru", prefix + "ru_owner"
    coordinator.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(owner)))
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
            sql.Identifier(tenant), sql.Identifier(owner)
        )
    )
    coordinator.execute("RESET citus.enable_schema_based_sharding")
    with Gateway() as gateway:
        database = gateway.open(ConnectionProfile(name="c", conninfo=citus.dsn())).result()
        catalog = gateway.call(load_catalog(database))
    found = {f.code: f for f in check_conventions(catalog, Convention(), [tenant])}
    before = QLocale()
    install_translations(qapp, "ru")  # type: ignore[arg-type]
    try:
        for code in ("citus-owner-nologin", "citus-default-privileges"):
            title, explanation = finding_texts(found[code])
            assert "Citus" in explanation or "координатор" in title
            assert title != found[code].title
        assert owner in finding_texts(found["citus-owner-nologin"])[0]
    finally:
        remove_translations(qapp)  # type: ignore[arg-type]
        QLocale.setDefault(before)


def _confirm_shown(window: MainWindow, ui_loop: UiLoop) -> str:
    """Wait for the confirmation, confirm it; the statements it showed."""
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    shown = dialog.preview.current_text()
    dialog.confirm_button.click()
    return shown


def _distributed(coordinator: Conn, schema: str) -> bool:
    row = coordinator.execute(
        "SELECT count(*) FROM citus_schemas WHERE schema_name = %s::regnamespace",
        [sql.Identifier(schema).as_string(coordinator)],
    ).fetchone()
    return row == (1,)


def test_a_schema_row_offers_distribute_then_undistribute_through_the_confirmation(
    main_window: MainWindow, ui_loop: UiLoop, citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    local = prefix + "local"
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(local)))
    coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(local, "t")))
    coordinator.execute(
        sql.SQL("INSERT INTO {} VALUES (1), (2)").format(sql.Identifier(local, "t"))
    )
    main_window.open_profile(ConnectionProfile(name="c", conninfo=citus.dsn()))
    ui_loop.run(main_window.wait_loaded())
    view = main_window.schemas_view
    assert view.select_schema(local)
    assert view.distribute_action.isVisible()
    assert not view.undistribute_action.isVisible()
    view.distribute_action.trigger()
    assert "citus_schema_distribute" in _confirm_shown(main_window, ui_loop)
    ui_loop.run(until(lambda: _distributed(coordinator, local)))
    ui_loop.run(main_window.wait_loaded())
    ui_loop.run(until(lambda: view.select_schema(local) and view.undistribute_action.isVisible()))
    assert not view.distribute_action.isVisible()
    session = main_window.current
    assert session is not None

    def catalog_says_distributed() -> bool:
        catalog = session.catalog
        return (
            catalog is not None
            and catalog.citus is not None
            and (catalog.citus.schema(local).distributed)
        )

    ui_loop.run(until(catalog_says_distributed))
    view.undistribute_action.trigger()
    assert "citus_schema_undistribute" in _confirm_shown(main_window, ui_loop)
    ui_loop.run(until(lambda: not _distributed(coordinator, local)))
    rows = coordinator.execute(
        sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(local, "t"))
    )
    assert rows.fetchone() == (2,)
    # Citus's own schema offers neither.
    ui_loop.run(main_window.wait_loaded())
    assert view.select_schema("citus")
    assert not view.distribute_action.isVisible()
    assert not view.undistribute_action.isVisible()
