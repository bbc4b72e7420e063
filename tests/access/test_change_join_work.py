"""Joining change sets is linear: ``check --fix`` joins 50,000 findings' fixes, and a schema
whose owner role is missing joins one change per object. The work is counted (statements
copied into new change sets, expectations compared), never timed, on synthetic catalogs of
growing size; the joined sets equal what the old ``a + b + ...`` fold gave, on hostile names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from schemadesk.core.access import change_model
from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.change_model import ChangeSet, Statement
from schemadesk.core.access.changes import create_role, set_object_owner, set_schema_owner
from schemadesk.core.access.conventions import Convention, check_conventions, fix_findings
from schemadesk.core.access.expectations import ExpectGrant, ExpectObjectOwner, ExpectRole
from schemadesk.core.access.models import Catalog, CatalogContext, Relation, Schema

HOSTILE = ['q"uote', "new\nline", "{}%s", "x" * 63, "é" * 31 + "x", "back\\slash'", ""]


def _old_add(a: ChangeSet, b: ChangeSet) -> ChangeSet:
    """``ChangeSet.__add__`` as it was before the one-pass join (the reference)."""
    title = a._title if a.statements or not b._title else b._title
    first, then = a.expectations, b.expectations
    return ChangeSet(
        title, a.statements + b.statements, first + tuple(e for e in then if e not in first)
    )


def _old_fold(parts: list[ChangeSet]) -> ChangeSet:
    out = parts[0]
    for part in parts[1:]:
        out = _old_add(out, part)
    return out


def _same(a: ChangeSet, b: ChangeSet) -> None:
    assert a.title == b.title
    assert a.render() == b.render()
    assert a.statements == b.statements
    assert a.expectations == b.expectations


class Work:
    """Statements copied into change sets made, and expectations compared, while counting."""

    def __init__(self) -> None:
        self.copied = 0
        self.compared = 0


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Work:
    counted = Work()
    made = ChangeSet.__init__

    def init(self: ChangeSet, title: Any, statements: Any = (), expectations: Any = ()) -> None:
        counted.copied += len(statements)
        made(self, title, statements, expectations)

    monkeypatch.setattr(ChangeSet, "__init__", init)
    for kind in (ExpectObjectOwner, ExpectRole, ExpectGrant):
        compare = kind.__eq__

        def eq(self: Any, other: object, compare: Callable[..., Any] = compare) -> Any:
            counted.compared += 1
            return compare(self, other)

        monkeypatch.setattr(kind, "__eq__", eq)
    return counted


def _context() -> CatalogContext:
    return CatalogContext(150000, "db", "postgres", "postgres", True, False)


def _one_schema(name: str, tables: int) -> Catalog:
    """Schema ``name`` of ``tables`` tables, owned by a role that is not the convention's
    owner, which does not exist: the owner-missing finding's fix re-owns every table."""
    acl = (AclItem("someone", "someone", frozenset({"USAGE", "CREATE"})),)
    return Catalog(
        _context(),
        schemas=(Schema(name, "someone", tables, 0, 0, 0, 0, None, acl, True, True),),
        relations=tuple(
            Relation(name, f"t{n}_{name}", "table", "someone", (), True) for n in range(tables)
        ),
    )


def _owner_missing_work(work: Work, tables: int) -> tuple[int, int]:
    before = (work.copied, work.compared)
    catalog = _one_schema("s", tables)
    (fix,) = [f.fix for f in check_conventions(catalog, Convention()) if f.code == "owner-missing"]
    assert len(fix.statements) == tables + 2  # the role, the schema, each table
    assert len(fix.expectations) == tables + 2
    return work.copied - before[0], work.compared - before[1]


def test_a_missing_owners_fix_is_joined_in_linear_work(work: Work) -> None:
    """Re-owning 400 tables copies and compares 4 times what 100 take (not 16 times)."""
    small = _owner_missing_work(work, 100)
    large = _owner_missing_work(work, 400)
    assert large[0] <= 4 * small[0] + 16
    assert large[1] <= 4 * small[1] + 16


def test_joining_n_fixes_copies_each_statement_a_bounded_number_of_times(work: Work) -> None:
    """``check --fix``'s join over N schemas' fixes: statements copied and expectations
    compared grow as N does (each ``+`` of the old fold copied everything joined so far)."""
    counts = []
    for schemas in (20, 80):
        catalog = Catalog(
            _context(),
            schemas=tuple(
                Schema(f"s{n}", "someone", 2, 0, 0, 0, 0, None, (), True, True)
                for n in range(schemas)
            ),
            relations=tuple(
                Relation(f"s{n}", f"t{k}", "table", "someone", (), True)
                for n in range(schemas)
                for k in range(2)
            ),
        )
        findings = check_conventions(catalog, Convention())
        before = (work.copied, work.compared)
        change = fix_findings(findings)
        assert len(change.expectations) > schemas * 4
        counts.append((work.copied - before[0], work.compared - before[1]))
    (copied_small, compared_small), (copied_large, compared_large) = counts
    assert copied_large <= 4 * copied_small + 16
    assert compared_large <= 4 * compared_small + 16


def test_many_parts_joined_need_no_deep_recursion() -> None:
    """Parts whose expectations are made when read: 5,000 of them joined are read in one
    pass (a chain of 5,000 deferred ``+`` would recurse past Python's limit)."""
    statement = Statement(change_model.sql.Composed([]), "s")
    parts = [ChangeSet("p", (statement,), lambda n=n: (ExpectRole(f"r{n}"),)) for n in range(5000)]
    joined = ChangeSet.combine("all", parts)
    assert len(joined.statements) == 5000
    assert joined.expectations[-1] == ExpectRole("r4999")


def _hostile_parts(name: str) -> list[ChangeSet]:
    rel = Relation(name, name + "t", "table", "x", (), True)
    grant = ExpectGrant("table", name, name, name, frozenset({"SELECT"}))
    lazy = ChangeSet(name, (), lambda: (grant, grant, ExpectRole(name)))
    return [
        ChangeSet(""),  # no statement and no title: the next part's title wins
        create_role(name),
        set_schema_owner(name, name),
        set_object_owner(rel, name),
        lazy,  # repeats within one part stay, as ``+`` kept them
        create_role(name),  # everything again: nothing expected twice across parts
        set_object_owner(rel, name),
        ChangeSet("", (), (grant,)),
    ]


@pytest.mark.parametrize("name", HOSTILE)
def test_joined_equals_the_old_fold_on_hostile_names(name: str) -> None:
    parts = _hostile_parts(name)
    for start in range(len(parts)):
        _same(ChangeSet.joined(*parts[start:]), _old_fold(parts[start:]))
        old = _old_fold([ChangeSet(name), *parts[start:]])  # as combine was: titled after
        _same(
            ChangeSet.combine(name, parts[start:]),
            ChangeSet(name, old.statements, old.expectations),
        )
    _same(parts[1] + parts[4], _old_add(parts[1], parts[4]))
    _same(parts[0] + parts[0], _old_add(parts[0], parts[0]))


@pytest.mark.parametrize("name", HOSTILE)
def test_a_missing_owners_fix_equals_the_old_fold(name: str) -> None:
    """The owner-missing fix, joined in one pass, is the one the old loop of ``+`` made."""
    catalog = _one_schema(name, 3)
    (fix,) = [f.fix for f in check_conventions(catalog, Convention()) if f.code == "owner-missing"]
    owner = Convention().owner_for(name)
    parts = [create_role(owner), set_schema_owner(name, owner)]
    parts += [set_object_owner(r, owner) for r in catalog.user_relations_in(name)]
    _same(fix, _old_fold(parts))
    assert fix.render().count("ALTER TABLE") == 3
