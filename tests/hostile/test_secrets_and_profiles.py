"""Passwords never reach an output; one malformed profile spoils only itself."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.audit import MASK, AuditLog
from schemadesk.core.profiles import ProfileStore
from tests.hostile.helpers import assert_clean, run

SECRET = "S3cr3t-Hyp0"


@pytest.mark.parametrize(
    "dsn",
    [
        f"postgresql://u:{SECRET}%ZZ@host/db",
        f"postgresql://u:{SECRET}@[::1/db",
        f"host=h password={SECRET} junk",
        f"host=h password='{SECRET}",
    ],
)
def test_a_malformed_dsn_never_shows_its_password(dsn: str, tmp_path: Path) -> None:
    (tmp_path / "001_a.sql").write_text("SELECT 1;\n")  # a good folder: only the DSN is bad
    status = ["status", "--migrations", str(tmp_path)]
    for command in (["schemas"], status, ["provision", "x", "--yes"]):
        result = run([*command, "--dsn", dsn])
        assert_clean(result, SECRET)
        assert result.code == 2
        assert "--dsn is not a valid conninfo or URI" in result.err


def test_one_malformed_profile_spoils_only_itself(
    isolated_dirs: Path, db_dsn: str, tmp_path: Path
) -> None:
    path = isolated_dirs / "config" / "profiles.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        f'[profiles.bad]\nconninfo = "postgresql://u:{SECRET}%ZZ@h/db"\n'
        '[profiles.odd]\nhost = "h"\ncolour = "red"\n'
        f"[profiles.good]\nconninfo = {json.dumps(db_dsn)}\n"
    )
    good = run(["schemas", "--profile", "good", "--json"])
    assert_clean(good, SECRET)
    assert good.code == 0
    assert "public" in {s["name"] for s in json.loads(good.out)}
    bad = run(["schemas", "--profile", "bad"])
    assert_clean(bad, SECRET)
    assert bad.code == 2
    assert "profile 'bad': conninfo is not a valid conninfo or URI" in bad.err
    odd = run(["schemas", "--profile", "odd"])
    assert odd.code == 2
    assert "profile 'odd': unknown key(s) colour" in odd.err
    # Saving another profile keeps the malformed ones as written, to be fixed by hand.
    store = ProfileStore()
    store.save(store.get("good").__class__(name="other", host="elsewhere"))
    text = path.read_text()
    assert 'colour = "red"' in text
    assert "[profiles.bad]" in text
    assert set(ProfileStore().load()) == {"good", "other"}
    assert set(store.problems) == {"bad", "odd"}


@pytest.mark.db
def test_plan_and_apply_json_mask_role_passwords(db_dsn: str, tmp_path: Path) -> None:
    role = f"r_{uuid.uuid4().hex[:8]}"
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001_role.sql").write_text(f"CREATE ROLE {role} LOGIN PASSWORD '{SECRET}';\n")
    dsn = f"{db_dsn} password={SECRET}"  # trust auth: accepted, and never shown
    args = ["--dsn", dsn, "--migrations", str(folder), "--schema", "app"]
    try:
        for argv in (["plan", "--json"], ["plan"], ["apply", "--yes", "--json"]):
            result = run([*argv, *args])
            assert_clean(result, SECRET)
            assert result.code == 0, result.text
            assert f"PASSWORD '{MASK}'" in result.out
        records = AuditLog().read()
        assert [r.outcome for r in records] == ["succeeded"]
        assert f"PASSWORD '{MASK}'" in records[0].sql
        assert SECRET not in AuditLog().path.read_text()
    finally:
        with psycopg.connect(db_dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
