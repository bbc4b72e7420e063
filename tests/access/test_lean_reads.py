"""``roles``, ``schemas`` and ``privileges --role R`` read lean, on connections of their own
(``db.one_shot``): what they print is what the catalog loader's models say, on hostile names
(an escape sequence, a newline, wide CJK characters, quotes), and the work they send the
server is counted on the client, from libpq's own trace of the connections they open."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.cli.output import dumps
from schemadesk.cli.roles_cmd import attributes
from schemadesk.cli.table import table_text
from schemadesk.core.access.models import Catalog, Role
from schemadesk.core.secrets import mask_secrets
from schemadesk.core.terminal_text import visible
from schemadesk.db import one_shot
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles

Conn = psycopg.Connection[tuple[object, ...]]
ident = sql.Identifier


@dataclasses.dataclass
class Traced:
    """Connections a run opened, and the statements each sent (libpq's trace, client side)."""

    folder: Path
    files: list[Path] = dataclasses.field(default_factory=list)

    def statements(self) -> list[int]:
        # A statement is a Parse (extended protocol, what psycopg sends) or a Query message.
        sent = re.compile(r"^\S*\s*F\s+\d+\s+(Parse|Query)\b", re.MULTILINE)
        return [len(sent.findall(f.read_text(errors="replace"))) for f in self.files]


@pytest.fixture
def traced(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Traced]:
    """Every connection a ``OneShot`` opens writes libpq's protocol trace to a file of its own."""
    found = Traced(tmp_path)
    dial = one_shot.OneShot._dial
    opened: list[Any] = []

    async def tracing(self: one_shot.OneShot) -> Any:
        conn = await dial(self)
        path = tmp_path / f"conn{len(found.files)}.trace"
        handle = path.open("w")
        opened.append(handle)
        found.files.append(path)
        conn.pgconn.trace(handle.fileno())
        conn.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)
        return conn

    monkeypatch.setattr(one_shot.OneShot, "_dial", tracing)
    yield found
    for handle in opened:
        handle.close()


def _hostile_roles(admin: Conn, roles: Roles) -> list[str]:
    names = [roles.create(h) for h in HOSTILE[:12]]
    flags = ["SUPERUSER", "LOGIN CREATEDB", "NOINHERIT CREATEROLE", "REPLICATION BYPASSRLS"]
    for name, options in zip(names, flags, strict=False):
        admin.execute(sql.SQL("ALTER ROLE {} " + options).format(ident(name)))  # type: ignore[arg-type]
    admin.execute(sql.SQL("GRANT {} TO {}").format(ident(names[0]), ident(names[5])))
    admin.execute(sql.SQL("GRANT {} TO {}").format(ident(names[9]), ident(names[5])))
    comment = "first \x1b[2K line 日本\nsecond line"
    admin.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(ident(names[5]), comment))
    admin.execute(sql.SQL("ALTER ROLE {} SET search_path = 'a\nb', public").format(ident(names[1])))
    admin.execute(
        sql.SQL("ALTER ROLE {} IN DATABASE {} SET work_mem = '8MB'").format(
            ident(names[1]), ident(admin.info.dbname)
        )
    )
    return names


def _catalog(db_dsn: str) -> Catalog:
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.db.access import load_catalog

    with Gateway() as gateway:
        database = gateway.open(ConnectionProfile(name="oracle", conninfo=db_dsn)).result()
        return gateway.call(load_catalog(database, ("roles", "memberships")))


def _printed(text: str) -> str:
    """What the command line's output guard makes of ``text`` (as ``SafeStream``)."""
    return visible(mask_secrets(text))


def _member_of(catalog: Catalog, role: Role) -> list[str]:
    return sorted(m.role for m in catalog.memberships if m.member == role.name)


def _flags(role: Role) -> tuple[bool, ...]:
    return (
        role.superuser,
        role.login,
        role.createrole,
        role.createdb,
        role.replication,
        role.bypassrls,
        role.inherit,
    )


def test_the_role_list_is_the_catalogs_on_hostile_names_in_one_connection(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str], traced: Traced
) -> None:
    names = _hostile_roles(admin, roles)
    catalog = _catalog(db_dsn)
    capsys.readouterr()
    assert main(["roles", "--dsn", db_dsn]) == 0
    out = capsys.readouterr().out
    rows = [
        (
            r.name,
            attributes(_flags(r)),
            ", ".join(_member_of(catalog, r)),
            (r.comment or "").split("\n")[0],
        )
        for r in catalog.roles
        if not r.is_predefined
    ]
    assert out == _printed(table_text(("role", "attributes", "member of", "comment"), rows))
    # What a user sees: the escape and the newline shown, not obeyed; names whole.
    line = next(line for line in out.splitlines() if line.startswith(names[5].split("\n")[0]))
    assert "\\x1b[2K" in line
    assert "new\\nline" in line
    assert "日本" in line
    assert "\x1b" not in out
    superuser = next(line for line in out.splitlines() if line.startswith(names[0]))
    assert "superuser" in superuser
    # One connection: the session's settings, the roles and the memberships.
    assert traced.statements() == [3]


def test_the_role_list_as_json_is_every_roles_record(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str], traced: Traced
) -> None:
    names = _hostile_roles(admin, roles)
    catalog = _catalog(db_dsn)
    capsys.readouterr()
    assert main(["roles", "--all", "--json", "--dsn", db_dsn]) == 0
    listed = json.loads(capsys.readouterr().out)
    expected = [
        {**dataclasses.asdict(r), "member_of": _member_of(catalog, r)} for r in catalog.roles
    ]
    assert listed == json.loads(dumps(expected))
    (settings,) = [r["settings"] for r in listed if r["name"] == names[1]]
    assert [s["name"] for s in settings] == ["search_path", "work_mem"]  # global first
    assert traced.statements() == [4]  # settings, roles, their settings, memberships


def test_the_schema_list_is_the_loaders_on_hostile_names_on_two_connections(
    admin: Conn, db_dsn: str, capsys: pytest.CaptureFixture[str], traced: Traced
) -> None:
    for i, name in enumerate(("日本語スキーマ", "new\nline", "esc\x1b[31m")):
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(ident(name)))
        admin.execute(sql.SQL("CREATE TABLE {} (id int)").format(ident(name, f"t{i}")))
    admin.execute(sql.SQL("COMMENT ON SCHEMA {} IS {}").format(ident("new\nline"), "a\x1b[2Kb\nc"))
    from schemadesk.cli.output import guarded_output
    from schemadesk.cli.reading import read_once
    from schemadesk.cli.schemas_cmd import _print_infos
    from schemadesk.db.access.schema_list import _loader_list

    for flags in ([], ["--system"], ["--json"], ["--json", "--exact-sizes"]):
        argv = ["schemas", *flags, "--dsn", db_dsn]
        capsys.readouterr()
        assert main(argv) == 0
        lean = capsys.readouterr().out
        args = type("Args", (), {"dsn": db_dsn, "json": "--json" in flags,
                                 "exact_sizes": "--exact-sizes" in flags})()  # fmt: skip
        system, exact = "--system" in flags, "--exact-sizes" in flags
        infos = read_once(args, lambda pool: _loader_list(pool, system=system, exact_sizes=exact))  # noqa: B023
        with guarded_output():
            _print_infos(args, infos)  # type: ignore[arg-type]
        assert lean == capsys.readouterr().out, argv
    assert "\x1b" not in lean
    # Two connections side by side: the counts on one, the context and the list on the other.
    assert sorted(traced.statements()[:2]) == [2, 3]


def test_privileges_sends_as_many_statements_for_more_schemas(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str], traced: Traced
) -> None:
    rw = roles.create("r;w")

    def run() -> tuple[int, int]:
        before = len(traced.files)
        capsys.readouterr()
        assert main(["privileges", "--role", rw, "--dsn", db_dsn]) == 0
        out = capsys.readouterr().out
        assert out.count("\n") > 2
        counts = traced.statements()[before:]
        # Each connection's first statement is the session's settings; how many connections
        # the reads side by side open depends on which finishes first, the reads do not.
        return len(counts), sum(counts) - len(counts)

    for i in range(3):
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(ident(f"few {i}")))
    few = run()
    for i in range(40):
        schema = ident(f"more\n{i}")
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
        admin.execute(sql.SQL("CREATE TABLE {} (id int)").format(ident(f"more\n{i}", "t")))
        admin.execute(
            sql.SQL("GRANT SELECT ON {} TO {}").format(ident(f"more\n{i}", "t"), ident(rw))
        )
    many = run()
    assert many[1] == few[1]  # statements: none per schema
    assert max(few[0], many[0]) <= one_shot.MOST
