"""The access subcommands end to end: JSON listings of hostile names, effective rights with
reasons, check / provision / grant / revoke with confirmation, --sql-only, refusals (exit 5)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from tests.access.conftest import HOSTILE, Roles

Conn = psycopg.Connection[tuple[object, ...]]


class Terminal(io.StringIO):
    """A stdin that claims to be a terminal and answers the prompt."""

    def isatty(self) -> bool:
        return True


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _usage(admin: Conn, role: str, schema: str) -> bool:
    row = admin.execute("SELECT has_schema_privilege(%s, %s, 'USAGE')", [role, schema]).fetchone()
    assert row is not None
    return bool(row[0])


def test_roles_and_privileges_list_hostile_names_exactly(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [roles.create(h) for h in HOSTILE]
    group = roles.create("group")
    for n in names:
        admin.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(n)))
    admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(HOSTILE[5])))
    admin.execute(
        sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(
            sql.Identifier(HOSTILE[5]), sql.Identifier(group)
        )
    )
    listed = _json(capsys, ["roles", "--dsn", db_dsn, "--json"])
    by_name = {r["name"]: r for r in listed}
    for n in names:
        assert by_name[n]["member_of"] == [group]
    detail = _json(capsys, ["roles", names[1], "--dsn", db_dsn, "--json"])
    assert detail["role"]["name"] == names[1]
    assert [m["role"] for m in detail["member_of"]] == [group]

    rights = _json(
        capsys,
        ["privileges", "--dsn", db_dsn, "--role", names[5], "--schema", HOSTILE[5], "--json"],
    )
    (usage,) = [p for p in rights[0]["privileges"] if p["privilege"] == "USAGE"]
    assert usage["held"]
    assert usage["reasons"][0]["chain"] == [names[5], group]
    overview = _json(capsys, ["privileges", "--dsn", db_dsn, "--role", names[5], "--json"])
    assert {c["schema"] for c in overview} >= {HOSTILE[5], "public"}

    capsys.readouterr()
    assert main(["privileges", "--dsn", db_dsn, "--role", names[5]]) == 0
    assert "via membership" in capsys.readouterr().out


def test_provision_check_break_and_fix(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "schemadesk.toml"
    config.write_text(
        "[conventions]\n"
        f"owner_role = {json.dumps(roles.prefix + '{schema}_owner')}\n"
        f"rw_role = {json.dumps(roles.prefix + '{schema}_rw')}\n"
        f"migrator_role = {json.dumps(roles.prefix + 'migrator')}\n"
        'include = ["svc*"]\n',
        encoding="utf-8",
    )
    for suffix in ("svc 1_owner", "svc 1_rw", "migrator"):
        roles.track(roles.prefix + suffix)
    base = ["--dsn", db_dsn, "--config", str(config)]

    capsys.readouterr()
    assert main(["provision", "svc 1", *base, "--sql-only"]) == 0
    printed = capsys.readouterr().out
    assert 'CREATE SCHEMA "svc 1" AUTHORIZATION' in printed
    assert admin.execute("SELECT to_regnamespace('\"svc 1\"')").fetchone() == (None,)

    report = _json(capsys, ["provision", "svc 1", *base, "--yes", "--json"])
    assert report["applied"]
    assert report["verified"]
    assert _json(capsys, ["check", *base, "--json"]) == []

    rw = roles.prefix + "svc 1_rw"
    admin.execute(sql.SQL('REVOKE USAGE ON SCHEMA "svc 1" FROM {}').format(sql.Identifier(rw)))
    (finding,) = _json(capsys, ["check", *base, "--json"])
    assert finding["code"] == "rw-usage"
    ident = sql.Identifier(rw).as_string(None)
    assert finding["fix"] == f'GRANT USAGE ON SCHEMA "svc 1" TO {ident};\n'
    # A CI gate: --fail-on makes a finding at least that severe a failure (exit 6).
    assert finding["severity"] == "error"
    assert main(["check", *base, "--fail-on", "error"]) == 6
    assert main(["check", *base, "--fail-on", "warning", "--json"]) == 6
    report = _json(capsys, ["check", *base, "--fix", "--yes", "--json"])
    assert report["verified"]
    assert _json(capsys, ["check", *base, "--json"]) == []
    assert main(["check", *base, "--fail-on", "info"]) == 0
    again = _json(capsys, ["provision", "svc 1", *base, "--yes", "--json"])
    assert again["statements"] == []


def test_grant_and_revoke_ask_first(
    admin: Conn,
    roles: Roles,
    db_dsn: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = roles.create("app\n;--")
    admin.execute("CREATE SCHEMA s")
    argv = ["grant", "--dsn", db_dsn, "--role", app, "--schema", "s", "USAGE"]

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    assert main(argv) == 5
    assert "without a terminal" in capsys.readouterr().err
    assert not _usage(admin, app, "s")

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(argv) == 5
    assert not _usage(admin, app, "s")

    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(argv) == 0
    out = capsys.readouterr()
    assert "apply 1 statement(s)?" in out.err
    assert "verified" in out.out
    assert _usage(admin, app, "s")

    assert main(["revoke", "--dsn", db_dsn, "--role", app, "--schema", "s", "ALL", "--yes"]) == 0
    assert not _usage(admin, app, "s")

    owner = roles.create("owner")
    assert main(["grant", "--dsn", db_dsn, "--role", app, "--member-of", owner, "--yes"]) == 0
    row = admin.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [app, owner]).fetchone()
    assert row == (True,)
    assert main(["revoke", "--dsn", db_dsn, "--role", app, "--member-of", owner, "--yes"]) == 0
    row = admin.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", [app, owner]).fetchone()
    assert row == (False,)

    assert (
        main(["grant", "--dsn", db_dsn, "--role", app, "--on", "database", "CREATE", "--yes"]) == 0
    )
    row = admin.execute(
        "SELECT has_database_privilege(%s, current_database(), 'CREATE')", [app]
    ).fetchone()
    assert row == (True,)
    assert main(["revoke", "--dsn", db_dsn, "--role", app, "--on", "database", "ALL", "--yes"]) == 0
    row = admin.execute(
        "SELECT has_database_privilege(%s, current_database(), 'CREATE')", [app]
    ).fetchone()
    assert row == (False,)

    admin.execute("CREATE TABLE s.t (id int)")
    assert (
        main(
            [
                "grant",
                "--dsn",
                db_dsn,
                "--public",
                "--schema",
                "s",
                "--on",
                "tables",
                "--default",
                "SELECT",
                "--yes",
            ]
        )
        == 0
    )
    row = admin.execute("SELECT count(*) FROM pg_default_acl").fetchone()
    assert row == (1,)


def test_read_only_profiles_and_bad_input_are_refused(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    app = roles.create("app")
    admin.execute("CREATE SCHEMA s")
    argv = ["grant", "--dsn", db_dsn, "--read-only", "--role", app, "--schema", "s", "USAGE"]
    assert main([*argv, "--yes"]) == 5
    assert "read-only" in capsys.readouterr().err
    assert main([*argv, "--sql-only"]) == 0
    assert not _usage(admin, app, "s")
    assert main(["grant", "--dsn", db_dsn, "--role", app, "--schema", "s", "FLY", "--yes"]) == 2
    assert "not a privilege" in capsys.readouterr().err
    assert main(["roles", "nobody-at-all", "--dsn", db_dsn]) == 2
