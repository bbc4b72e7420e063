"""The window's convention check in slices counted by work, and its memo freed in steps.

At 10,000 tenant schemas a slice of the check that ran until the clock said stop could check
any number of schemas in order (they yield no finding to pause on), and the check's memo freed
at once held the window 40-60 ms. Counted here (schemas and relations per slice, entries per
step, lines run), never timed.
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from schemadesk.core.access.conventions import Convention, iter_findings
from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.models import Catalog
from schemadesk.db.access import CatalogBuilder, fetch_catalog_rows
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.ui.catalog_loading import check_slices
from tests.access.conftest import Roles
from tests.access.test_load_shape import _grow, per_step

TENANTS = 120
UNITS = 24  # a tenant of _grow is worth 1 + its relations: a few tenants per slice


def _catalog(gateway: Gateway, database: Database) -> Catalog:
    return CatalogBuilder(gateway.call(fetch_catalog_rows(database))).build()


@pytest.fixture
def tenants(
    admin: psycopg.Connection[Any], roles: Roles, gateway: Gateway, database: Database
) -> tuple[Catalog, Convention]:
    _grow(admin, roles, 0, TENANTS)
    conv = Convention(include=(roles.name("t") + "*",), migrator_role=roles.create("migrator"))
    return _catalog(gateway, database), conv


def _said(findings: list[Any]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(f.schema, f.code, f.title, f.objects) for f in findings]


def _weights(catalog: Catalog, conv: Convention) -> dict[str, int]:
    return {
        s.name: 1 + (len(catalog.user_relations_in(s.name)) if conv.applies_to(s) else 0)
        for s in catalog.schemas
    }


def test_the_slices_find_what_the_whole_check_finds(tenants: tuple[Catalog, Convention]) -> None:
    """Every finding of every tenant, in the check's order, none twice: the details pane and
    the schemas view's counts show the same as ``schemadesk check``."""
    catalog, conv = tenants
    whole = list(iter_findings(catalog, conv, graph=RoleGraph(catalog)))
    sliced = [f for part in check_slices(catalog, conv, RoleGraph(catalog), UNITS) for f in part]
    assert len({f.schema for f in whole}) >= TENANTS  # every tenant found something
    assert _said(sliced) == _said(whole)


def test_no_slice_checks_more_than_its_units(tenants: tuple[Catalog, Convention]) -> None:
    """Each slice covers schemas worth at most UNITS (a schema heavier alone is one slice):
    counted from the schemas the slices' findings name, in catalog order."""
    catalog, conv = tenants
    weights = _weights(catalog, conv)
    assert max(weights.values()) < UNITS  # so that every slice must hold several tenants
    slices = list(check_slices(catalog, conv, RoleGraph(catalog), UNITS))
    assert len(slices) >= sum(weights.values()) // UNITS
    for part in slices:
        named = {f.schema for f in part}
        assert sum(weights[s] for s in named) <= UNITS


def test_a_catalog_in_order_still_pauses(tenants: tuple[Catalog, Convention]) -> None:
    """With nothing to find the check still hands the loop back every UNITS of work: a check
    that paused only at findings ran a whole catalog in order in one step. Counted in lines
    run per step: the largest slice is a small part of the whole check."""
    catalog, _ = tenants
    quiet = Convention(include=("no_such_schema_*",))  # no schema applies: nothing found
    costs = per_step(check_slices(catalog, quiet, RoleGraph(catalog), UNITS))
    assert len(costs) >= len(catalog.schemas) // UNITS
    conv = tenants[1]
    busy = per_step(check_slices(catalog, conv, RoleGraph(catalog), UNITS))
    assert max(busy) * 10 < sum(busy)


def test_the_memo_is_freed_in_steps_and_answers_the_same(
    tenants: tuple[Catalog, Convention],
) -> None:
    """``forgetting`` lets go of at most ``per_step`` entries a step; what the graph answers
    after (a tenant's rights, asked again) is what it answered with the memo."""
    catalog, conv = tenants
    graph = RoleGraph(catalog)
    before = _said([f for part in check_slices(catalog, conv, graph, UNITS) for f in part])
    held = len(graph._cache) + len(graph.evaluated)
    assert held > 100
    steps = list(graph.forgetting(per_step=50))
    assert len(steps) >= held // 50
    assert len(graph._cache) == len(graph.evaluated) == 0
    after = _said([f for part in check_slices(catalog, conv, graph, UNITS) for f in part])
    assert after == before


def test_a_schema_heavier_than_a_slice_is_a_slice_of_its_own(
    tenants: tuple[Catalog, Convention],
) -> None:
    """Units smaller than any tenant (a schema with thousands of tables): one tenant a slice,
    never none (an endless loop) and never two, and still every finding once."""
    catalog, conv = tenants
    slices = list(check_slices(catalog, conv, RoleGraph(catalog), 1))
    tenant_slices = [part for part in slices if part]
    assert all(len({f.schema for f in part}) == 1 for part in tenant_slices)
    assert len(tenant_slices) >= TENANTS
    whole = list(iter_findings(catalog, conv, graph=RoleGraph(catalog)))
    assert _said([f for part in slices for f in part]) == _said(whole)
