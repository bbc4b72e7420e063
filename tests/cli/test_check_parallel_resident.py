"""``check --jobs`` through the resident: the resident's child forks the workers, and the output
and exit code are those of one process run in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.cli.conftest import Resident

pytestmark = pytest.mark.db

SCHEMAS = ("a", 'q"uote', "new\nline", "b", "c", "d")


@pytest.fixture
def several(primary_dsn: str) -> Iterator[str]:
    """Schemas whose owner roles exist but whose rw roles do not (findings in each)."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        prefix = f"{conn.info.dbname}_"
        owners = [f"{prefix}{i}_owner" for i in range(len(SCHEMAS))]
        for name, owner in zip(SCHEMAS, owners, strict=True):
            conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(owner)))
            conn.execute(
                sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
                    sql.Identifier(name), sql.Identifier(owner)
                )
            )
            conn.execute(sql.SQL("CREATE TABLE {}.t (id serial)").format(sql.Identifier(name)))
    try:
        yield primary_dsn
    finally:
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            for name, owner in zip(SCHEMAS, owners, strict=True):
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(owner)))


def test_check_spread_through_the_resident_prints_what_one_process_prints(
    resident: Resident, several: str, tmp_path: Path
) -> None:
    env = resident.env(SCHEMADESK_DATA_DIR=str(tmp_path))
    for extra in ((), ("--json",), ("--fail-on", "error")):
        before = resident.served()
        through = resident.run("check", "--dsn", several, "--jobs", "3", *extra, env=env)
        assert resident.served() == before + 1, through.stderr
        alone = resident.run(
            "check", "--dsn", several, "--jobs", "1", *extra, env=env, resident=False
        )
        assert through.stdout == alone.stdout
        assert through.stderr == alone.stderr
        assert through.returncode == alone.returncode == (6 if "--fail-on" in extra else 0)
        assert through.stdout.count(b"_rw") >= len(SCHEMAS)  # every schema's findings
    # No worker failed and had its part redone (the log would say so).
    logged = tmp_path / "logs" / "schemadesk.log"
    assert not logged.exists() or "worker" not in logged.read_text(encoding="utf-8")
