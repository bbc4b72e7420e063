"""What stops a rollout before anything runs anywhere: an unreachable target (exit 3), a
read-only one (exit 2), a protected one without the typed count (exit 5)."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.profiles import ConnectionProfile, ProfileStore


def _targets(tmp_path: Path, second: str) -> Path:
    folder = tmp_path / "tenant"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    path = tmp_path / "targets.toml"
    path.write_text(
        # A list of schemas: they need not exist (pgdbm's own pool creates them).
        f'[[rollout.tenants]]\nname = "t"\npath = "{folder}"\nschemas = ["acme", "globex"]\n\n'
        '[[targets]]\nprofile = "first"\n\n'
        f"{second}\n",
        encoding="utf-8",
    )
    return path


def _untouched(dsn: str) -> bool:
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname IN ('acme', 'globex')")
        return row.fetchone() == (0,)


def test_an_unreachable_target_stops_the_rollout_before_anything_runs(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ProfileStore().save(ConnectionProfile(name="first", conninfo=db_dsn))
    unreachable = "host=127.0.0.1 port=1 dbname=x user=nobody connect_timeout=2"
    path = _targets(tmp_path, f'[[targets]]\nname = "gone"\ndsn = {json.dumps(unreachable)}')
    assert main(["rollout", "--targets", str(path), "--yes"]) == 3
    err = capsys.readouterr().err
    assert "gone: " in err
    assert "nothing was run" in err
    assert _untouched(db_dsn)


def test_a_read_only_target_is_refused_before_anything_runs(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ProfileStore().save(ConnectionProfile(name="first", conninfo=db_dsn))
    ProfileStore().save(ConnectionProfile(name="standby", conninfo=db_dsn, read_only=True))
    path = _targets(tmp_path, '[[targets]]\nprofile = "standby"')
    assert main(["rollout", "--targets", str(path), "--yes"]) == 2
    assert "standby: read-only" in capsys.readouterr().err
    assert _untouched(db_dsn)


def test_a_protected_target_needs_the_number_of_targets_typed(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ProfileStore().save(ConnectionProfile(name="first", conninfo=db_dsn, protected=True))
    path = _targets(tmp_path, "")
    assert main(["rollout", "--targets", str(path), "--yes"]) == 5
    assert "--confirm-protected 1" in capsys.readouterr().err
    assert _untouched(db_dsn)
    assert main(["rollout", "--targets", str(path), "--yes", "--confirm-protected", "2"]) == 5
    assert main(["rollout", "--targets", str(path), "--yes", "--confirm-protected", "1"]) == 0
    out = capsys.readouterr().out
    assert "acme" in out
    assert "globex" in out
    with psycopg.connect(db_dsn) as conn:
        for schema in ("acme", "globex"):
            rows = conn.execute(f"SELECT filename FROM {schema}.schema_migrations").fetchall()  # type: ignore[arg-type]
            assert rows == [("001_items.sql",)]
