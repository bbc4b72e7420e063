"""Every problem code core writes (pgdbm files, Alembic modules), db's connection failures and
lock waits reach the window translated."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.core_texts import (
    translated_action,
)

ROOT = Path(__file__).resolve().parents[2]


# -- every problem code core writes, and db's connection failures, reach the window translated ----

CORE = ROOT / "src" / "schemadesk" / "core"


def _codes_in_core() -> set[str]:
    """Every ``FileProblem`` code core can write: the literal first argument of each
    ``FileProblem(...)`` call, and the codes of tables of ``(code, severity, ...)`` tuples."""
    import ast

    codes: set[str] = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "FileProblem":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.add(first.value)
            elif (
                isinstance(node, ast.Tuple)
                and len(node.elts) >= 2
                and isinstance(node.elts[0], ast.Constant)
                and isinstance(node.elts[0].value, str)
                and getattr(node.elts[1], "attr", "") in ("ERROR", "WARNING", "INFO")
            ):
                codes.add(node.elts[0].value)
    return codes


def _pgdbm_problems(tmp_path: Path) -> list[Any]:
    from schemadesk.core.migrations.files import discover, load_file
    from schemadesk.core.migrations.project import single_module
    from schemadesk.core.migrations.status import file_problems, module_problems
    from schemadesk.core.migrations.template import render

    found = list(render("SELECT 1 FROM {{tables.bad-name}};\n", "app").problems)
    found += render("SELECT * FROM {{tables.1st.users}};\n", "app").problems
    found += render("SELECT 1;\n", "bad schema").problems
    found += render(
        "-- {{tables.a}}\nSELECT '{{tables.b}}', \"{{tables.c}}\";\n"
        "DO $$ BEGIN PERFORM 1 FROM {{tables.d}}; END $$;\nSELECT {{ schema }};\n",
        "app",
    ).problems
    folder = tmp_path / "m"
    folder.mkdir()
    module = single_module(folder, "App").modules[0]
    found += module_problems(module)
    found += module_problems(single_module(tmp_path / "none", "app").modules[0])
    for name, raw in {
        "1.sql": b"SELECT 1;\nCOMMIT;\nSET ROLE app_owner;\n",
        "2.sql": b"\xef\xbb\xbfSELECT 1;\n",
        "3.sql": b"SELECT '\xff';\n",
        "4.sql": b"",
        "5.sql": b"-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n",
        "6.sql": b"SELECT 1; -- \x1b[2K\n",
        "7\n.sql": b"SELECT 1;\n",
    }.items():
        (folder / name).write_bytes(raw)
        found += file_problems(module, load_file(folder / name), pooler=True)
    links = tmp_path / "links"  # out of the folder, in a loop, to nothing
    links.mkdir()
    (links / "1.sql").symlink_to(tmp_path / "m" / "1.sql")
    (links / "2.sql").symlink_to(links / "3.sql")
    (links / "3.sql").symlink_to(links / "2.sql")
    (links / "4.sql").symlink_to(tmp_path / "nowhere.sql")
    found += [p for f in discover(links) for p in f.problems]
    return found


def _alembic_problems(tmp_path: Path) -> tuple[list[Any], list[str]]:
    """Problems of Alembic modules' status, and the preview's warnings and refusals."""
    import dataclasses
    import shutil

    pytest.importorskip("alembic")
    from schemadesk.core.alembic.errors import AlembicUnavailable, ChangedMeanwhile
    from schemadesk.core.alembic.models import VersionTable
    from schemadesk.core.alembic.preview import build_preview
    from schemadesk.core.alembic.status import build_snapshot, with_cross_schema_problems
    from schemadesk.core.errors import SchemadeskError
    from schemadesk.core.migrations.models import FileProblem, Severity
    from schemadesk.core.migrations.project import load_project
    from tests.alembic_engine.conftest import DATA, module_of

    def table(schema: str, *heads: str, **kw: Any) -> VersionTable:
        return VersionTable(schema, f"alembic_version_{schema}", heads, **kw)

    copy = tmp_path / "alembic"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__"))
    project = load_project(copy)
    accounts, orders = module_of(project, "accounts"), module_of(project, "orders")
    catalog = module_of(project, "catalog")
    snaps = [
        build_snapshot(accounts, table("accounts", "0123456789ab")),  # unknown-revision
        build_snapshot(accounts, table("accounts", "c20000000001")),  # foreign-head
        build_snapshot(accounts, table("accounts", exists=True, readable=False)),
        build_snapshot(dataclasses.replace(accounts, config=None), table("accounts", "x")),
        build_snapshot(dataclasses.replace(accounts, branch="catalog"), table("accounts")),
        build_snapshot(dataclasses.replace(accounts, branch="a10000000002"), table("accounts")),
        build_snapshot(dataclasses.replace(accounts, config=copy / "gone.ini"), table("a")),
        *with_cross_schema_problems(
            (
                build_snapshot(orders, table("orders")),
                build_snapshot(catalog, table("catalog", "c20000000001")),
            )
        ),
    ]
    others = list(  # the offline preview's warnings: several heads, no schema yet, foreign
        build_preview(
            build_snapshot(
                orders,
                table(
                    "orders", "d30000000002", "d30000000003", "a10000000001", schema_exists=False
                ),
            )
        ).warnings
    )
    env = copy / "repo" / "env.py"
    env.write_text(
        env.read_text(encoding="utf-8").replace('config.attributes.get("connection")', "None"),
        encoding="utf-8",
    )
    others += build_preview(build_snapshot(accounts, table("accounts"))).warnings  # connects alone
    others += [  # another applier moved the version table between the plan and the lock
        str(ChangedMeanwhile("accounts", "accounts.alembic_version_accounts", was, now))
        for was, now in (((), ("a10000000001",)), (("a10000000001",), ("a10000000002",)))
    ]
    for snap in (snaps[0], snaps[3]):  # refused: an unknown revision; no scripts
        with pytest.raises(SchemadeskError) as refused:
            build_preview(snap)
        others.append(str(refused.value))
    first = copy / "repo" / "versions" / "a10000000001_init_accounts_schema.py"
    first.write_text(
        first.read_text(encoding="utf-8").replace(
            'op.execute("CREATE SCHEMA IF NOT EXISTS accounts")', "pass"
        ),
        encoding="utf-8",
    )
    unpaired = dataclasses.replace(accounts, schema="elsewhere", paired=False)
    snaps.append(build_snapshot(unpaired, table("elsewhere")))
    (copy / "repo" / "versions" / "d30000000003_create_notes.py").write_text("import nowhere\n")
    snaps.append(build_snapshot(orders, table("orders")))  # a revision that does not import
    problems = [p for s in snaps for p in s.status.problems]
    problems += [
        FileProblem("alembic-not-installed", Severity.WARNING, str(AlembicUnavailable(d)))
        for d in (("alembic", "sqlalchemy"), ())
    ]
    return problems, others


def _translated(message: str) -> bool:
    """Said in Russian: Cyrillic in it, and no English phrase left (three English words in a
    row, outside quoted names, paths, placeholders and a Python exception's own text)."""
    words = re.sub(r"'[^']*'|\S*[./_=]\S*|\{\{.*?\}\}|\w+Error: .*", "", message)
    return bool(re.search("[а-яё]", message)) and not re.search(r"[a-z]+ [a-z]+ [a-z]+", words)


def test_every_problem_core_writes_is_shown_in_russian(russian: None, tmp_path: Path) -> None:
    from schemadesk.ui.core_texts import message_text

    alembic, others = _alembic_problems(tmp_path)
    problems = _pgdbm_problems(tmp_path) + alembic
    produced = {p.code for p in problems}
    # A new problem code in core fails here until it has a sample above and a translation.
    assert produced == _codes_in_core()
    untranslated = [
        (p.code, message_text(p.message))
        for p in problems
        if not _translated(message_text(p.message))
    ]
    untranslated += [
        ("preview", message_text(m)) for m in others if not _translated(message_text(m))
    ]
    assert untranslated == []
    assert len(others) == 9


def test_connection_failures_are_framed_in_russian(russian: None) -> None:
    from schemadesk.core.errors import ConnectionFailed
    from schemadesk.db.connect_errors import (
        CANNOT_OPEN_POOL,
        REASONS,
        describe_connection_error,
        describe_pool_failure,
    )
    from schemadesk.ui.core_texts import connection_error_text, message_text

    target = "app@db.example:5432/shop"
    libpq = {  # what libpq says, for each reason of ours
        "no-password": (
            'connection to server at "h", port 5432 failed: fe_sendauth: no password supplied'
        ),
        "refused": 'connection to server at "127.0.0.1", port 1 failed: Connection refused',
        "unknown-host": (
            'could not translate host name "nowhere" to address: Name or service not known'
        ),
        "timeout": 'connection to server at "10.9.9.9", port 5432 failed: timeout expired',
        "no-socket": (
            'connection to server on socket "/nowhere/.s.PGSQL.5432" failed: '
            "No such file or directory"
        ),
        "unknown": "",
    }
    assert set(libpq) == set(REASONS)  # a new reason in db fails here until it is translated
    for key, text in libpq.items():
        english = describe_connection_error(psycopg.OperationalError(text), target)
        assert english.endswith(REASONS[key]), key
        shown = connection_error_text(english)
        assert shown.startswith("не удалось подключиться к app@db.example:5432/shop: "), shown
        assert _translated(shown), shown
    server = describe_connection_error(
        psycopg.OperationalError('FATAL:  database "x" does not exist'), target
    )
    shown = connection_error_text(server)
    assert (
        shown == 'не удалось подключиться к app@db.example:5432/shop: database "x" does not exist'
    )
    pool = describe_pool_failure(Exception("PoolTimeout: pool initialization incomplete"), target)
    assert pool == CANNOT_OPEN_POOL.format(
        target=target, error="PoolTimeout: pool initialization incomplete"
    )
    assert message_text(pool).startswith("не удалось открыть пул подключений к app@db.example")
    assert message_text("what a server says") == "what a server says"

    # A real refused connection, as the window shows it on the connection's pages.
    profile = ConnectionProfile(name="gone", conninfo="host=127.0.0.1 port=1 dbname=x")
    with Gateway() as gateway, pytest.raises(ConnectionFailed) as failed:
        gateway.open(profile).result()
    assert "в подключении отказано" in message_text(str(failed.value))


def test_lock_waits_and_alembic_locks_are_shown_in_russian(russian: None, tmp_path: Path) -> None:
    from schemadesk.core.actions import ActionTarget
    from schemadesk.db.migrations.runner import describe_holders
    from schemadesk.ui.core_texts import message_text

    alone = message_text(describe_holders("shop", []))
    assert alone == "ожидание блокировки миграций модуля shop"
    holder = (4242, "alice", "pgdbm", "10.0.0.7", "2026-03-01 09:30:00+00", "SELECT pg_sleep(60)")
    shown = message_text(describe_holders("shop", [holder]))
    assert shown == (
        "ожидание блокировки миграций модуля shop: её держит pid 4242 "
        "(alice, pgdbm, с адреса 10.0.0.7) с 2026-03-01 09:30:00+00: SELECT pg_sleep(60)"
    )

    pytest.importorskip("alembic")
    from schemadesk.core.alembic.models import VersionTable
    from schemadesk.core.alembic.preview import alembic_action, build_preview
    from schemadesk.core.alembic.status import build_snapshot
    from schemadesk.core.migrations.project import load_project
    from tests.alembic_engine.conftest import DATA, module_of

    accounts = module_of(load_project(DATA), "accounts")
    table = VersionTable("accounts", "alembic_version_accounts", ())
    action = alembic_action(
        build_preview(build_snapshot(accounts, table)),
        ActionTarget("p", "h", 5432, "db", "me", "accounts"),
    )
    locks = {lock for step in translated_action(action).steps for lock in step.locks}
    assert locks
    assert all(_translated(lock) for lock in locks), locks
