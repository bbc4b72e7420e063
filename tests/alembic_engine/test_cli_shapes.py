"""The ad hoc form ``--alembic INI --schema S [--version-table T] [--version-table-schema S2]
[-x key=value]`` on every shape, rehearsal, and honest errors (exit 2, never "up to date")."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from tests.alembic_engine import repos
from tests.alembic_engine.conftest import DATA, INI, sqlalchemy_url
from tests.alembic_engine.test_shapes import _seed_repo, _tenant_repo

pytestmark = pytest.mark.db


def _tables(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables"
            " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        ).fetchall()
    return [str(r) for (r,) in rows]


def test_a_tenant_chain_by_the_ad_hoc_form_status_plan_apply(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "saas"
    _tenant_repo(root)
    ini = str(root / "alembic.ini")
    adhoc = ["--dsn", db_dsn, "--alembic", ini]
    for tenant in ("tenant_a", "tenant_b"):
        assert main(["status", *adhoc, "--schema", tenant, "--json"]) == 0
        (data,) = json.loads(capsys.readouterr().out)
        assert data["branch"] is None
        assert data["version_table"] == f"{tenant}.alembic_version"
        assert data["pending"] == ["t1", "t2"]
        assert main(["plan", *adhoc, "--schema", tenant]) == 0
        out = capsys.readouterr().out
        assert f"{tenant}.alembic_version" in out
        assert "CREATE TABLE items" in out
        assert main(["apply", *adhoc, "--schema", tenant, "--yes"]) == 0
        assert "not pgdbm modules" not in capsys.readouterr().err
        assert repos.alembic_current(root, sqlalchemy_url(db_dsn), tenant) == {"t2"}
    # the tenants by a pattern: both at head, nothing pending
    assert main(["status", *adhoc, "--schema", "tenant_*", "--json"]) == 0
    found = {m["module"]: m for m in json.loads(capsys.readouterr().out)}
    assert sorted(found) == ["tenant_a", "tenant_b"]
    assert all(m["heads"] == ["t2"] and m["pending"] == [] for m in found.values())


def test_the_seed_shape_with_a_named_version_table_in_public(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "game"
    _seed_repo(root)
    args = [
        "--dsn", db_dsn, "--alembic", str(root / "alembic.ini"), "--schema", "inventory",
        "--version-table", "alembic_version_inventory", "--version-table-schema", "public",
    ]  # fmt: skip
    assert main(["apply", *args, "--yes"]) == 0
    assert "-x schema=inventory" in capsys.readouterr().out
    assert "public.alembic_version_inventory" in _tables(db_dsn)
    assert main(["status", *args, "--json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["branch"] == "inventory"
    assert data["heads"] == ["b2"]
    url = sqlalchemy_url(db_dsn)
    assert repos.alembic_current(root, url, "inventory") == {"b2"}


def test_rehearsal_runs_every_upgrade_and_leaves_nothing(
    db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _tables(db_dsn)
    code = main(
        ["apply", "--dsn", db_dsn, "--project", str(DATA), "--only", "catalog", "--rehearse"]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "3 Alembic upgrade(s)" in err or "rolled back" in err
    assert "rolled back (rehearsal)" in err
    assert _tables(db_dsn) == before


def test_x_arguments_reach_env_py_and_schema_is_schemadesks(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "saas"
    _tenant_repo(root)
    repos.edit(
        repos.env_py(root),
        (
            'tenant = context.get_x_argument(as_dictionary=True)["schema"]\n',
            'tenant = context.get_x_argument(as_dictionary=True)["schema"]\n'
            'tenant = tenant + context.get_x_argument(as_dictionary=True)["suffix"]\n',
        ),
    )
    ini = str(root / "alembic.ini")
    base = ["--dsn", db_dsn, "--alembic", ini, "--version-table-schema", "t_x"]
    assert main(["apply", *base, "--schema", "t", "-x", "suffix=_x", "--yes"]) == 0
    assert "t_x.alembic_version" in _tables(db_dsn)
    assert main(["status", *base, "--schema", "t", "-x", "schema=other"]) == 2
    assert "must not set schema=" in capsys.readouterr().err


def test_unreadable_scripts_are_an_error_with_the_reason_never_up_to_date(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "broken"
    _tenant_repo(root)
    (root / "migrations" / "versions" / "t3_step.py").write_text(
        'revision = "t3"\ndown_revision = "t2"\ndef upgrade(:\n', encoding="utf-8"
    )
    adhoc = ["--dsn", db_dsn, "--alembic", str(root / "alembic.ini"), "--schema", "tenant_a"]
    for verb in ("status", "plan", "apply"):
        assert main([verb, *adhoc, *(["--yes"] if verb == "apply" else [])]) == 2, verb
        captured = capsys.readouterr()
        assert "SyntaxError" in captured.err, verb
        assert "up to date" not in captured.out + captured.err
    # env.py that fails to import in offline mode: the reason, exit 2
    (root / "migrations" / "versions" / "t3_step.py").unlink()
    repos.edit(repos.env_py(root), ("from alembic import context\n", "import no_such_module\n"))
    assert main(["plan", *adhoc]) == 2
    assert "ModuleNotFoundError" in capsys.readouterr().err
    assert _tables(db_dsn) == []


def test_the_project_file_names_no_left_to_their_own_engine_line(
    db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--dsn", db_dsn, "--project", str(DATA)]) == 0
    assert "own engine" not in capsys.readouterr().err
    assert INI.is_file()


def test_an_env_py_taking_the_tenant_from_an_environment_variable(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TENANT_SCHEMA=<s> alembic upgrade head, as some schema-per-tenant projects run it."""
    root = tmp_path / "envtenant"
    _tenant_repo(root)
    repos.edit(
        repos.env_py(root),
        (
            'tenant = context.get_x_argument(as_dictionary=True)["schema"]\n',
            'tenant = __import__("os").environ.get("TENANT_SCHEMA", "public")\n',
        ),
    )
    adhoc = ["--dsn", db_dsn, "--alembic", str(root / "alembic.ini"), "--schema-env"]
    assert main(["apply", *adhoc, "TENANT_SCHEMA", "--schema", "acme", "--yes"]) == 0
    assert "acme.alembic_version" in _tables(db_dsn)
    assert "public.alembic_version" not in _tables(db_dsn)
    url = sqlalchemy_url(db_dsn)
    current = repos.alembic_current(root, url, "acme", environment={"TENANT_SCHEMA": "acme"})
    assert current == {"t2"}
    assert main(["status", *adhoc, "TENANT SCHEMA", "--schema", "acme"]) == 2
    assert "must name an environment variable" in capsys.readouterr().err
