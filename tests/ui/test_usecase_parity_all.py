"""One use case, two front ends, for every changing action: apply, rehearse, revoke, provision,
fix and an Alembic upgrade run once through ``schemadesk`` and once through the window leave
equal audit records (kind, title, SQL, target, steps, outcome, error, warnings; not the time or
the id). Grant and accept-checksum: test_usecase_parity.py; a tenant move: the Citus tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.access.changes import revoke_privileges
from schemadesk.core.access.conventions import (
    Convention,
    check_conventions,
    fix_findings,
    provision_schema,
)
from schemadesk.core.audit import AuditLog, AuditRecord, Outcome
from schemadesk.core.migrations.project import Project, load_project, single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.main_window import MainWindow
from tests.alembic_engine.test_shapes import _tenant_repo
from tests.audit.parity import same_parts
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


def _sql(dsn: str, *statements: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


# What provisioning ``stall`` made, undone (the owner also got CREATE on the database). One
# role per DROP OWNED: both at once trip over their shared default ACL.
_UNPROVISION = """DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'stall_owner') THEN
    DROP OWNED BY stall_owner; DROP OWNED BY stall_rw; DROP ROLE stall_rw; DROP ROLE stall_owner;
  END IF;
END $$"""


class Windows:
    """Opens a fresh window on the database (a fresh catalog after each CLI run)."""

    def __init__(self, gateway: Gateway, qtbot: object, ui_loop: UiLoop, dsn: str) -> None:
        self.gateway, self.qtbot, self.ui_loop, self.dsn = gateway, qtbot, ui_loop, dsn

    def open(self, project: Project | None = None) -> tuple[MainWindow, ConnectionSession]:
        window = MainWindow(self.gateway, project)
        self.qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.show()
        window.open_profile(ConnectionProfile.from_dsn(self.dsn)[0])
        self.ui_loop.run(window.wait_loaded())
        assert window.current is not None
        return window, window.current

    def confirm(self, window: MainWindow, done: Callable[[], bool]) -> None:
        """Confirm the dialog the action opened, wait until ``done``, close the window."""
        self.ui_loop.run(
            until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible())
        )
        dialog = window.flow.dialog
        assert dialog is not None
        dialog.confirm_button.click()
        self.ui_loop.run(until(done))
        window.close()


@pytest.fixture
def windows(
    gateway: Gateway, qtbot: object, ui_loop: UiLoop, primary_dsn: str
) -> Iterator[Windows]:
    yield Windows(gateway, qtbot, ui_loop, primary_dsn)
    _sql(primary_dsn, "DROP SCHEMA IF EXISTS shop, stall, tenant_b CASCADE", _UNPROVISION)
    _sql(
        primary_dsn,
        "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'par_reader') THEN"
        " DROP OWNED BY par_reader; DROP ROLE par_reader; END IF; END $$",
    )


def _pairs() -> list[tuple[AuditRecord, AuditRecord]]:
    records = list(AuditLog())
    return list(zip(records[0::2], records[1::2], strict=True))


def test_pgdbm_rehearse_and_apply_are_audited_alike(
    windows: Windows, primary_dsn: str, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    args = ["--dsn", primary_dsn, "--migrations", str(folder), "--schema", "shop"]
    project = single_module(folder, "shop")

    assert main(["apply", *args, "--rehearse"]) == 0
    window, _ = windows.open(project)
    window.migrations_view.rehearse_button.click()
    windows.confirm(window, lambda: "rolled back" in window.progress.message.text())

    assert main(["apply", *args, "--yes"]) == 0
    _sql(primary_dsn, "DROP SCHEMA shop CASCADE")
    window, _ = windows.open(project)
    window.migrations_view.apply_button.click()
    windows.confirm(window, lambda: "1 applied" in window.progress.message.text())

    (rehearsed, rehearsed_too), (applied, applied_too) = _pairs()
    assert (rehearsed.kind, applied.kind) == ("rehearse", "apply-migrations")
    assert applied.outcome is Outcome.SUCCEEDED
    assert same_parts(rehearsed) == same_parts(rehearsed_too)
    assert same_parts(applied) == same_parts(applied_too)


def test_revoke_provision_and_fix_are_audited_alike(
    windows: Windows, primary_dsn: str, tmp_path: Path
) -> None:
    dsn = ["--dsn", primary_dsn, "--yes"]
    _sql(primary_dsn, "CREATE ROLE par_reader", "CREATE SCHEMA shop")
    grant = "GRANT USAGE ON SCHEMA shop TO par_reader"

    _sql(primary_dsn, grant)
    assert main(["revoke", "--role", "par_reader", "--schema", "shop", "USAGE", *dsn]) == 0
    _sql(primary_dsn, grant)
    window, session = windows.open()
    assert session.catalog is not None
    change = revoke_privileges(session.catalog, "par_reader", "shop", ["USAGE"])
    window._start_action(window.flow.apply_change_set(session, change, "shop"))
    windows.confirm(window, lambda: "desired state" in window.progress.message.text())

    convention = Convention(migrator_role="par_reader")  # a role that exists
    config = tmp_path / "schemadesk.toml"
    config.write_text('[conventions]\nmigrator_role = "par_reader"\n', encoding="utf-8")
    toml = ["--config", str(config)]
    assert main(["provision", "stall", *toml, *dsn]) == 0
    _sql(primary_dsn, _UNPROVISION)
    window, session = windows.open()
    assert session.catalog is not None
    change = provision_schema(session.catalog, "stall", convention)
    window._start_action(window.flow.apply_change_set(session, change, "stall"))
    windows.confirm(window, lambda: "desired state" in window.progress.message.text())

    lapse = "REVOKE USAGE ON SCHEMA stall FROM stall_rw"
    _sql(primary_dsn, lapse)
    assert main(["check", "--schema", "stall", "--fix", *toml, *dsn]) == 0
    _sql(primary_dsn, lapse)
    window, session = windows.open()
    assert session.catalog is not None
    change = fix_findings(check_conventions(session.catalog, convention, ["stall"]))
    assert not change.empty
    window._start_action(window.flow.apply_change_set(session, change, "stall"))
    windows.confirm(window, lambda: "desired state" in window.progress.message.text())

    kinds = []
    for by_cli, by_window in _pairs():
        assert by_cli.outcome is Outcome.SUCCEEDED
        assert same_parts(by_cli) == same_parts(by_window)
        kinds.append(by_cli.title)
    assert len(kinds) == 3


def test_an_alembic_upgrade_is_audited_alike(
    windows: Windows, primary_dsn: str, tmp_path: Path
) -> None:
    root = tmp_path / "saas"
    _tenant_repo(root)
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = ["tenant_b"]\n', encoding="utf-8"
    )
    _sql(primary_dsn, "CREATE SCHEMA tenant_b")
    args = ["--dsn", primary_dsn, "--project", str(root), "--only", "tenant_b", "--yes"]
    assert main(["apply", *args]) == 0
    _sql(primary_dsn, "DROP SCHEMA tenant_b CASCADE", "CREATE SCHEMA tenant_b")

    window, _ = windows.open(load_project(root))
    window.show_view("migrations")
    assert window.migrations_view.select_module("tenant_b")
    window.migrations_view.apply_button.click()
    windows.confirm(window, lambda: window.progress.message.text().startswith("2 "))

    ((by_cli, by_window),) = _pairs()
    assert by_cli.outcome is Outcome.SUCCEEDED
    assert len(by_cli.steps) == 2  # one per revision
    assert same_parts(by_cli) == same_parts(by_window)
