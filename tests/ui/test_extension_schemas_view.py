"""The window marks a schema that belongs to an extension and offers it no finding or fix."""

from __future__ import annotations

import psycopg
import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


def test_an_extension_schema_is_marked_and_its_details_say_why_no_findings(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA cron; ALTER EXTENSION plpgsql ADD SCHEMA cron")
        conn.execute("CREATE TABLE cron.job (id int); CREATE SCHEMA sales")
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    model = main_window.schemas_model
    names = main_window.schemas_view.visible_names()
    kind, findings = model.COLUMNS.index("kind"), model.COLUMNS.index("findings")
    cron, sales = names.index("cron"), names.index("sales")
    ui_loop.run(until(lambda: bool(model.index(sales, findings).data())))
    assert model.index(cron, kind).data() == "extension plpgsql"
    assert "extension plpgsql" in str(model.index(cron, kind).data(0x03))  # the tooltip
    assert model.index(cron, findings).data() == ""
    assert model.index(sales, kind).data() == ""
    session = main_window.current
    assert session is not None
    assert main_window.schemas_view.select_schema("cron")
    details = session.schema_details
    assert details.findings.rowCount() == 0
    assert not details.fix_all.isEnabled()
    assert "belongs to extension plpgsql" in details.finding_text.text()
