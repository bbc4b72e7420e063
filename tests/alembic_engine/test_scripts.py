"""The script side without a database: graph, status from given heads, pairing, offline SQL."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from schemadesk.core.actions import ActionTarget
from schemadesk.core.alembic import scripts as scripts_module
from schemadesk.core.alembic.errors import PairingRefused
from schemadesk.core.alembic.models import VersionTable
from schemadesk.core.alembic.preview import alembic_action, build_preview, split_by_revision
from schemadesk.core.alembic.scripts import created_schemas, read_scripts
from schemadesk.core.alembic.status import build_snapshot
from schemadesk.core.migrations.models import MigrationState, Severity
from schemadesk.core.migrations.project import Project
from tests.alembic_engine.conftest import module_of

pytest.importorskip("alembic")

TARGET = ActionTarget("test", "localhost", 5432, "db", "me")


def _table(schema: str, *heads: str, schema_exists: bool = True) -> VersionTable:
    return VersionTable(
        schema, f"alembic_version_{schema}", heads, exists=bool(heads), schema_exists=schema_exists
    )


def test_graph_has_the_merge_and_the_dependency(project: Project) -> None:
    state = read_scripts(module_of(project, "orders"), ())
    merge = state.revision("d30000000004")
    assert merge is not None
    assert merge.is_merge
    assert merge.down_revisions == ("d30000000002", "d30000000003")
    lines = state.revision("d30000000005")
    assert lines is not None
    assert lines.depends_on == ("c20000000001",)
    assert lines.message.startswith("order lines (depends_on")
    base = state.revision("d30000000001")
    assert base is not None
    assert base.branch_labels == ("orders",)
    assert sorted(state.script_heads) == ["a10000000002", "c20000000003", "d30000000005"]
    # from base, orders' line also runs catalog's first revision (depends_on)
    assert set(state.pending) == {f"d3000000000{i}" for i in range(1, 6)} | {"c20000000001"}
    assert "c20000000001" not in state.own
    assert state.own == frozenset(f"d3000000000{i}" for i in range(1, 6))


def test_upgrade_steps_one_per_own_revision_dependencies_where_needed(project: Project) -> None:
    state = read_scripts(module_of(project, "orders"), ("d30000000002",))
    assert [(s.revision, s.target, s.runs) for s in state.steps] == [
        ("d30000000003", "d30000000003", ("d30000000003",)),
        ("d30000000004", "d30000000004", ("d30000000004",)),
        ("d30000000005", "orders@head", ("c20000000001", "d30000000005")),
    ]
    assert state.applied == ("d30000000001", "d30000000002")


def test_status_rows_are_unverifiable_pending_and_missing(project: Project) -> None:
    accounts = module_of(project, "accounts")
    snap = build_snapshot(accounts, _table("accounts", "a10000000001"))
    states = [(r.filename, r.state) for r in snap.status.rows]
    assert states == [
        ("a10000000001_init_accounts_schema.py", MigrationState.UNVERIFIABLE),
        ("a10000000002_create_users.py", MigrationState.PENDING),
    ]
    assert all(r.recorded_checksum is None for r in snap.status.rows)
    assert snap.can_apply
    gone = build_snapshot(accounts, _table("accounts", "0123456789ab"))
    assert [(r.filename, r.state) for r in gone.status.rows][-1] == (
        "0123456789ab",
        MigrationState.MISSING,
    )
    assert {r.state for r in gone.status.rows[:-1]} == {MigrationState.BLOCKED}
    assert not gone.can_apply
    assert any(p.code == "unknown-revision" for p in gone.status.problems)


def test_a_wrong_schema_in_the_version_table_is_flagged(project: Project) -> None:
    snap = build_snapshot(module_of(project, "accounts"), _table("accounts", "c20000000001"))
    (problem,) = [p for p in snap.status.problems if p.code == "foreign-head"]
    assert "c20000000001_init_catalog_schema.py" in problem.message


def test_created_schemas_reads_the_revision_file(tmp_path: Path) -> None:
    path = tmp_path / "r.py"
    path.write_text(
        'op.execute("CREATE SCHEMA IF NOT EXISTS a")\nop.execute(\'create schema "B"\')\n'
        'op.execute(CreateSchema("c", if_not_exists=True))\n',
        encoding="utf-8",
    )
    assert created_schemas(path) == ("a", "B", "c")


@pytest.mark.parametrize("paired", [True, False])
def test_a_label_and_schema_that_do_not_belong_together_are_refused(
    project: Project, paired: bool
) -> None:
    wrong = dataclasses.replace(module_of(project, "accounts"), branch="catalog", paired=paired)
    snap = build_snapshot(wrong, _table("accounts"))
    assert snap.pairing is not None
    assert "creates schema catalog" in snap.pairing
    assert not snap.can_apply
    assert any(
        p.code == "branch-schema-mismatch" and p.severity is Severity.ERROR
        for p in snap.status.problems
    )
    assert {r.state for r in snap.status.rows} == {MigrationState.BLOCKED}
    with pytest.raises(PairingRefused, match="does not belong to schema 'accounts'"):
        build_preview(snap)


def test_a_label_whose_first_revision_creates_no_schema_needs_the_project_file(
    repo_copy: Path,
) -> None:
    from schemadesk.core.migrations.project import load_project

    first = repo_copy / "repo" / "versions" / "a10000000001_init_accounts_schema.py"
    first.write_text(
        first.read_text(encoding="utf-8").replace(
            'op.execute("CREATE SCHEMA IF NOT EXISTS accounts")', "pass"
        ),
        encoding="utf-8",
    )
    accounts = module_of(load_project(repo_copy), "accounts")
    assert build_snapshot(accounts, _table("accounts")).pairing is None  # the file pairs them
    ad_hoc = dataclasses.replace(accounts, schema="elsewhere", paired=False)
    refused = build_snapshot(ad_hoc, _table("elsewhere")).pairing
    assert refused is not None
    assert "creates no schema" in refused


def test_offline_preview_from_base_says_the_schema_does_not_exist(project: Project) -> None:
    snap = build_snapshot(module_of(project, "orders"), _table("orders", schema_exists=False))
    preview = build_preview(snap)
    assert any("schema orders does not exist yet" in w for w in preview.warnings)
    assert any("c20000000001_init_catalog_schema.py" in w for w in preview.warnings)
    first = preview.steps[0].sql
    # offline mode: the version table first, then the revision that creates the schema
    assert first.index("CREATE TABLE orders.alembic_version_orders") < first.index(
        "CREATE SCHEMA IF NOT EXISTS orders"
    )
    assert [s.revisions for s in preview.steps][-1] == ("c20000000001", "d30000000005")
    action = alembic_action(preview, TARGET)
    assert [s.label for s in action.steps] == [
        "orders/d30000000001_init_orders_schema.py",
        "orders/d30000000003_create_notes.py",
        "orders/d30000000002_create_orders.py",
        "orders/d30000000004_merge_orders_and_notes.py",
        "orders/d30000000005_create_order_lines.py",
    ]
    assert "base -> d30000000005 (orders@head)" in action.title
    assert "CREATE TABLE orders.order_lines" in action.sql
    assert action.warnings == preview.warnings


def test_offline_preview_from_a_head_starts_there(project: Project) -> None:
    snap = build_snapshot(module_of(project, "catalog"), _table("catalog", "c20000000002"))
    preview = build_preview(snap)
    assert not any("does not exist" in w for w in preview.warnings)
    (step,) = preview.steps
    assert step.start == "c20000000002"
    assert "CREATE TABLE catalog.alembic_version_catalog" not in step.sql
    assert "ALTER TABLE catalog.items ADD COLUMN price" in step.sql
    assert "SET version_num='c20000000003'" in step.sql
    parts = split_by_revision(step.sql)
    assert [r for r, _ in parts] == [None, "c20000000003"]


def test_without_alembic_the_heads_still_show(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = scripts_module.importlib.util.find_spec
    monkeypatch.setattr(
        scripts_module.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "alembic" else real(name, *a),
    )
    snap = build_snapshot(module_of(project, "accounts"), _table("accounts", "a10000000002"))
    assert snap.scripts is None
    assert [(r.filename, r.state) for r in snap.status.rows] == [
        ("a10000000002", MigrationState.UNVERIFIABLE)
    ]
    (problem,) = snap.status.problems
    assert "pip install 'schemadesk[alembic]'" in problem.message


def test_reading_the_scripts_again_does_not_grow_sys_path(
    repo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from schemadesk.core.migrations.project import load_project

    ini = repo_copy / "repo" / "alembic.ini"
    ini.write_text(
        ini.read_text(encoding="utf-8").replace(
            "[alembic]\n", "[alembic]\nprepend_sys_path = /nowhere/schemadesk-test\n"
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "path", list(sys.path))
    accounts = module_of(load_project(repo_copy), "accounts")
    for _ in range(3):
        read_scripts(accounts, ())
    build_preview(build_snapshot(accounts, _table("accounts")))
    assert sys.path.count("/nowhere/schemadesk-test") == 1
