"""What ``check`` prints (text, ``--json``, ``--fix --sql-only``) is byte for byte what the
fixes give when composed without the shortcuts that make them cheap: the shared ``CREATE ROLE``,
the per-value caches (rights, privilege lists, templates, literals, the database's reference,
membership options), psycopg's own rendering instead of ours, the unchecked
``sql.Identifier``, the run-length grouping by ACL and the direct-grant verdict. Checked on
hostile names in a throwaway database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.core.access import (
    change_defaults,
    change_sql,
    change_targets,
    changes,
    convention_scan,
)
from schemadesk.core.access.effective import relation_privileges
from tests.access.conftest import HOSTILE, Roles

Conn = psycopg.Connection[tuple[object, ...]]
# Names that attack the shortcuts: quotes, newline, backslash, bidi, 63 bytes, a schema named
# like a role and one whose table is named like it.
SCHEMAS = (*HOSTILE, "bidi\u202etxt", "back\\slash\nnew", "x" * 62 + '"')
RIGHTS = ("SELECT, INSERT, UPDATE, DELETE", "SELECT, TRUNCATE", "ALL", "")
CODES = (
    "migrator-missing",
    "owner-database-create",
    "rw-tables-missing",
    "rw-tables-extra",
    "rw-sequences-missing",
    "rw-default-privileges",
    "rw-settings",
    "rw-missing",
    "public-schema",
)
RUNS = {
    "text": ["--jobs", "1"],
    "json": ["--jobs", "1", "--json"],
    "sql": ["--jobs", "1", "--fix", "--sql-only"],
}


@pytest.fixture
def broken(admin: Conn, roles: Roles, tmp_path: Path) -> list[str]:
    """Schemas departing from the convention each its own way; ``check``'s arguments."""
    migrator = roles.name("migrator")
    for i, name in enumerate(SCHEMAS):
        ident = sql.Identifier(name)
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(ident))
        table = name if i % 4 == 0 else "t"  # a relation named like its schema
        tables = [table, "u", 'q"t', "n\nl"]
        for t in tables:
            admin.execute(
                sql.SQL("CREATE TABLE {} (id serial PRIMARY KEY, doc jsonb)").format(
                    sql.Identifier(name, t)
                )
            )
        short = len(roles.prefix + name + "_owner") == len(roles.name(name + "_owner"))
        if i % 2 and short:  # its roles exist; the rw role's rights differ per table
            owner, rw = roles.create(f"{name}_owner"), roles.create(f"{name}_rw")
            owner_id, rw_id = sql.Identifier(owner), sql.Identifier(rw)
            admin.execute(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(ident, owner_id))
            for t, rights in zip(tables, RIGHTS, strict=True):
                if rights:  # interleaved: full, partial and extra, full, none
                    what = sql.SQL(rights)  # type: ignore[arg-type]
                    target = sql.Identifier(name, t)
                    admin.execute(sql.SQL("GRANT {} ON {} TO {}").format(what, target, rw_id))
            timeout = sql.SQL("ALTER ROLE {} SET statement_timeout = '1h'")
            admin.execute(timeout.format(rw_id))
        if i % 3 == 0:
            admin.execute(sql.SQL("GRANT CREATE ON SCHEMA {} TO PUBLIC").format(ident))
        if i == 5:  # a schema named like a role: its rw role is the migrator's name
            admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(migrator)))
    config = tmp_path / "schemadesk.toml"
    config.write_text(
        "[conventions]\n"
        f"owner_role = {json.dumps(roles.prefix + '{schema}_owner')}\n"
        f"rw_role = {json.dumps(roles.prefix + '{schema}_rw')}\n"
        f"migrator_role = {json.dumps(migrator)}\n",
        encoding="utf-8",
    )
    return ["--config", str(config)]


def _uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shortcut replaced by the plain way it stands for."""
    for module, name in (
        (changes, "_create_role"),
        (change_sql, "_privilege_list"),
        (change_sql, "_template"),
        (change_sql, "_str_literal"),
        (change_targets, "_checked"),
        (change_targets, "_database_ref"),
        (change_defaults, "_membership_options"),
    ):
        cached: Any = getattr(module, name)
        monkeypatch.setattr(module, name, cached.__wrapped__)
    for module in (change_sql, changes, change_defaults, change_targets):
        if hasattr(module, "name_identifier"):
            monkeypatch.setattr(module, "name_identifier", sql.Identifier)
    monkeypatch.setattr(change_targets, "identifier", sql.Identifier)
    monkeypatch.setattr(change_sql, "_render", _plain_render)
    monkeypatch.setattr(convention_scan, "_verdict", _full_verdict)
    # Every target with an ACL tuple of its own: grouping by ACL identity finds no run.
    monkeypatch.setattr(change_targets, "_new_target", _target_with_own_acl)


def _plain_render(part: Any, out: list[str], context: Any, done: object) -> None:
    """psycopg's own rendering of every statement (its quoting, its literals)."""
    out.append(part.as_string(context))


def _full_verdict(catalog: Any, graph: Any, conv: Any, rel: Any, rw: str | None) -> Any:
    """``_verdict`` evaluating every relation's rights with all their reasons."""
    kind = rel.privilege_kind
    ok, extra = True, frozenset[str]()
    if rw is not None:
        wanted = conv.rw_table_privileges if kind == "table" else conv.rw_sequence_privileges
        ep = relation_privileges(catalog, rw, rel, wanted, graph)
        ok = all(ep.has(p) for p in wanted)
        extra = frozenset(convention_scan.held_directly(rel.acl, rw) - set(wanted))
    public = frozenset(convention_scan.held_directly(rel.acl, ""))
    return None if ok and not extra and not public else (kind, ok, extra, public)


def _target_with_own_acl(cls: type[Any], fields: tuple[Any, ...]) -> Any:
    *head, acl = fields
    return tuple.__new__(cls, (*head, (*acl,)))


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    assert code in {0, 6}, captured.err
    return code, captured.out


@pytest.mark.parametrize("kind", sorted(RUNS))
def test_check_prints_what_the_plain_composition_gives(  # noqa: PLR0917 (fixtures)
    broken: list[str],
    roles: Roles,
    db_dsn: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    monkeypatch.setenv("SCHEMADESK_RESIDENT", "0")
    argv = ["check", "--dsn", db_dsn, *broken, *RUNS[kind]]
    if kind == "sql":  # --fix refuses role names past 63 bytes: the schemas whose fit
        fit = [s for s in SCHEMAS if len(f"{roles.prefix}{s}_owner".encode()) <= 63]
        argv += [arg for s in fit for arg in ("--schema", s)]
    fast = _run(capsys, argv)
    with monkeypatch.context() as plain:
        _uncached(plain)
        slow = _run(capsys, argv)
    again = _run(capsys, argv)  # the caches warm from the first run: still the same
    assert fast[0] == 0
    assert fast == slow == again
    out = fast[1]
    if kind == "json":  # the codes and fixes a script reads
        records = json.loads(out)
        out = "".join(f"[{r['code']}]\n{r['fix']}" for r in records)
    # A user sees each kind of fix, the hostile names quoted as PostgreSQL reads them.
    if kind != "sql":
        for code in CODES:
            assert f"[{code}]" in out
    assert f"CREATE ROLE {sql.Identifier(roles.name('migrator')).as_string(None)} NOLOGIN;" in out
    assert '."q""t"' in out
    assert '."n\nl"' in out


def test_objects_needing_different_rights_get_a_grant_each(
    broken: list[str], roles: Roles, admin: Conn, db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Grouped by what each object lacks, in the catalog's order (the grouping follows runs of
    one ACL): the statements psycopg makes itself, one per set of missing rights."""
    schema = SCHEMAS[1]  # its roles exist: tables full, partial, ALL, none
    rw = roles.name(f"{schema}_rw")
    argv = ["check", "--dsn", db_dsn, *broken, "--json", "--jobs", "1", "--schema", schema]
    records = {r["code"]: r["fix"] for r in json.loads(_run(capsys, argv)[1])}

    def grant(rights: str, *names: str) -> str:
        objects = sql.SQL(", ").join(sql.Identifier(schema, n) for n in names)
        what = sql.SQL(rights)  # type: ignore[arg-type]
        kind = sql.SQL("SEQUENCE" if names[0].endswith("_seq") else "TABLE")
        made = sql.SQL("GRANT {} ON {} {} TO {}").format(what, kind, objects, sql.Identifier(rw))
        return made.as_string(admin) + ";\n"

    tables = grant("INSERT, UPDATE, DELETE", "u") + grant("SELECT, INSERT, UPDATE, DELETE", "n\nl")
    assert records["rw-tables-missing"] == tables
    sequences = ("n\nl_id_seq", 'q"t_id_seq', "t_id_seq", "u_id_seq")  # the catalog's order
    assert records["rw-sequences-missing"] == grant("SELECT, USAGE", *sequences)
