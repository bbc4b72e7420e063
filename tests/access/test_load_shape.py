"""The shape of the work a tenant catalog costs, counted (lines run, queries), never timed.

A catalog of 200 tenant schemas and the same catalog grown to 400: loading must take the same
number of queries, the checks and the model build must grow linearly, and no single step the
window runs between two paints (a builder step, one schema's findings) may grow with the
catalog. A person would notice any of these on 10,000 schemas as a frozen or slow window.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access.conventions import Convention, iter_findings
from schemadesk.core.access.effective import RoleGraph
from schemadesk.db.access import CatalogBuilder, fetch_catalog_rows, loader
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles

SMALL, LARGE = 200, 400


class Calls:
    """Counts the Python lines run on this thread while active (a loop's every turn counts, so
    a comprehension over the whole catalog shows as what it is)."""

    def __init__(self) -> None:
        self.count = 0

    def _trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        self.count += 1
        return self._trace

    def __enter__(self) -> Calls:
        sys.settrace(self._trace)
        return self

    def __exit__(self, *exc: object) -> None:
        sys.settrace(None)


def per_step(steps: Iterable[object]) -> list[int]:
    """The lines each step of ``steps`` ran (what one slice of the window's loop would run)."""
    costs: list[int] = []
    it: Iterator[object] = iter(steps)
    with Calls() as calls:
        while True:
            before = calls.count
            try:
                next(it)
            except StopIteration:
                break
            costs.append(calls.count - before)
    return costs


def _grow(admin: psycopg.Connection[Any], roles: Roles, first: int, last: int) -> None:
    """Tenant schemas ``first``..``last - 1``: owner, rw role, two tables (one with an identity
    sequence and a jsonb index), grants and default privileges, as build_large_catalog makes."""
    statements: list[sql.Composable] = []
    for i in range(first, last):
        s = roles.name(f"t{i:04d}")
        owner, rw = roles.track(f"{s}_owner"), roles.track(f"{s}_rw")
        ids = {"s": sql.Identifier(s), "o": sql.Identifier(owner), "rw": sql.Identifier(rw)}
        for text in (
            "CREATE ROLE {o} NOLOGIN",
            "CREATE ROLE {rw} NOLOGIN",
            "ALTER ROLE {rw} SET statement_timeout = '5s'",
            "CREATE SCHEMA {s} AUTHORIZATION {o}",
            "GRANT USAGE ON SCHEMA {s} TO {rw}",
            "SET ROLE {o}",
            "CREATE TABLE {s}.a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc jsonb)",
            "CREATE INDEX ON {s}.a USING gin (doc)",
            "CREATE TABLE {s}.b (id int, note text)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {rw}",
            "RESET ROLE",
            "ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {rw}",
        ):
            statements.append(sql.SQL(text).format(**ids))
    with admin.transaction():
        admin.execute(sql.SQL(";\n").join(statements))


def _measure(gateway: Gateway, database: Database, conv: Convention) -> dict[str, Any]:
    queries = loader.queries_sent
    before = queries()
    rows = gateway.call(fetch_catalog_rows(database))
    sent = queries() - before
    build_steps = per_step(CatalogBuilder(rows).steps())
    catalog = CatalogBuilder(rows).build()
    graph = RoleGraph(catalog)
    # What the window runs in slices: one finding at a time, each schema checked when reached.
    finding_steps = per_step(iter_findings(catalog, conv, graph=graph))
    return {
        "queries": sent,
        "build_max": max(build_steps),
        "build_total": sum(build_steps),
        "build_steps": len(build_steps),
        "check_max": max(finding_steps),
        "check_total": sum(finding_steps),
        "findings": len(finding_steps),
        "relations": len(catalog.relations),
    }


@pytest.fixture
def shapes(
    admin: psycopg.Connection[Any], roles: Roles, gateway: Gateway, database: Database
) -> tuple[dict[str, Any], dict[str, Any]]:
    conv = Convention(include=(roles.name("t") + "*",), migrator_role=roles.create("migrator"))
    _grow(admin, roles, 0, SMALL)
    small = _measure(gateway, database, conv)
    _grow(admin, roles, SMALL, LARGE)
    large = _measure(gateway, database, conv)
    return small, large


def test_tenant_catalog_work_grows_linearly_in_small_steps(
    shapes: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    """Twice the schemas: the same queries, twice the work, and no step of the window larger.

    A builder step converts at most STEP_ROWS rows, and the work between two findings is one
    schema's: if either walked the whole catalog (an index built on first lookup), the window
    would freeze for that step, and it would show here as a step twice as costly.
    """
    small, large = shapes
    assert large["relations"] >= 2 * small["relations"] - 10  # the catalog did grow
    assert large["findings"] >= 2 * small["findings"] - 10
    # One query per kind of object, whatever the number of schemas (no query per schema).
    assert large["queries"] == small["queries"]
    # Linear: quadratic work would come out near 4x here.
    assert large["build_total"] <= 2.4 * small["build_total"]
    assert large["check_total"] <= 2.4 * small["check_total"]
    # No single step grows with the catalog, and each is far from the whole catalog's work.
    assert large["build_max"] <= 1.3 * small["build_max"]
    assert large["check_max"] <= 1.3 * small["check_max"]
    assert large["check_max"] * 20 < large["check_total"]
    assert large["build_steps"] >= 1.5 * small["build_steps"]  # more steps, not longer ones
