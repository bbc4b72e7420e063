"""Column privileges (``GRANT SELECT (email) ON t``) compared between paired schemas, and the
GRANT / REVOKE (column) statements that bring B's to A's.

Pure. A side holds the ACL of every column that has one; a column compared must exist on both
sides, so a column with privileges on one side only is looked up on the other (``unknown``) and
the loader says which exist (``present``). A column missing on one side is structure, not access.

Table-level REVOKE also takes the column privileges it names away from every column (PostgreSQL
does so), so the plan reads B's columns as they will be after the table's own changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from psycopg import sql

from schemadesk.core.access import changes as ch
from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.expectations import PRIVILEGE_ORDER
from schemadesk.core.access.models import Catalog, Relation
from schemadesk.core.diff.access import Renamer, Rights, rights, rights_text
from schemadesk.core.diff.models import Difference, SchemaPair
from schemadesk.core.messages import Message

Table = tuple[str, str]  # (schema, relation)
NOBODY = "\x00none"  # no owner: column ACLs never hold the owner's implicit rights
_EMPTY: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
# The privileges a column can hold: keywords reach a statement only from this fixed table.
_KEYWORD: dict[str, sql.SQL] = {p: sql.SQL(p) for p in ("SELECT", "INSERT", "UPDATE", "REFERENCES")}
_COLUMN = frozenset(_KEYWORD)


@dataclass(frozen=True)
class ColumnAccess:
    """One side's column privileges: (schema, table) -> column -> ACL; ``present``: columns
    without privileges known to exist (looked up because the other side has some)."""

    acls: Mapping[Table, Mapping[str, tuple[AclItem, ...]]] = field(default_factory=dict)
    present: frozenset[tuple[str, str, str]] = frozenset()

    def exists(self, schema: str, table: str, column: str) -> bool:
        return column in self.acls.get((schema, table), {}) or (schema, table, column) in (
            self.present
        )

    @cached_property
    def schemas(self) -> frozenset[str]:
        """Schemas with any column privilege (most pairs have none: nothing to look at)."""
        return frozenset(schema for schema, _ in self.acls)

    def acl(self, schema: str, table: str, column: str) -> tuple[AclItem, ...]:
        return tuple(self.acls.get((schema, table), {}).get(column, ()))


def _tables(
    a: Catalog, b: Catalog, ca: ColumnAccess, cb: ColumnAccess, pair: SchemaPair
) -> Iterator[tuple[Relation, Relation]]:
    """Relations of the pair on both sides, of the same kind, when a side has column privileges
    in the pair's schema."""
    if pair.source not in ca.schemas and pair.target not in cb.schemas:
        return
    in_b = {r.name: r for r in b.relations_in(pair.target) if r.kind != "sequence"}
    for ra in a.relations_in(pair.source):
        rb = in_b.get(ra.name)
        if rb is not None and rb.kind == ra.kind:
            yield ra, rb


def unknown(
    a: Catalog, b: Catalog, ca: ColumnAccess, cb: ColumnAccess, pairs: tuple[SchemaPair, ...]
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Columns with privileges on one side whose existence on the other is not known yet:
    (to look up in A, to look up in B)."""
    in_a: list[tuple[str, str, str]] = []
    in_b: list[tuple[str, str, str]] = []
    for pair in pairs:
        for ra, rb in _tables(a, b, ca, cb, pair):
            cols_a = ca.acls.get((pair.source, ra.name), {})
            cols_b = cb.acls.get((pair.target, rb.name), {})
            in_b.extend((pair.target, rb.name, c) for c in cols_a if c not in cols_b)
            in_a.extend((pair.source, ra.name, c) for c in cols_b if c not in cols_a)
    return in_a, in_b


def _column_rights(
    a: Catalog, b: Catalog, ca: ColumnAccess, cb: ColumnAccess, pair: SchemaPair
) -> Iterator[tuple[Relation, Relation, str, Rights, Rights]]:
    """(A's table, B's table, column, A's rights as B's names, B's rights) of every column
    with privileges on either side that exists on both."""
    rename = Renamer(pair)
    for ra, rb in _tables(a, b, ca, cb, pair):
        cols_a = ca.acls.get((pair.source, ra.name), {})
        cols_b = cb.acls.get((pair.target, rb.name), {})
        if not cols_a and not cols_b:
            continue
        for column in sorted(cols_a.keys() | cols_b.keys()):
            if not (
                ca.exists(pair.source, ra.name, column) and cb.exists(pair.target, rb.name, column)
            ):
                continue
            acl_a = ca.acl(pair.source, ra.name, column)
            want = rights(acl_a, NOBODY, rename.mapping(acl_a))
            have = rights(cb.acl(pair.target, rb.name, column), NOBODY)
            yield ra, rb, column, want, have


def compare_columns(
    a: Catalog, b: Catalog, ca: ColumnAccess, cb: ColumnAccess, pair: SchemaPair
) -> Iterator[Difference]:
    """A grant difference per column and grantee whose column privileges differ."""
    for _ra, rb, column, want, have in _column_rights(a, b, ca, cb, pair):
        if want == have:
            continue
        name = f"{pair.target}.{rb.name}.{column}"
        for grantee in sorted(want.keys() | have.keys()):
            if want.get(grantee) == have.get(grantee):
                continue
            av, bv = rights_text(want.get(grantee)), rights_text(have.get(grantee))
            who = "PUBLIC" if grantee == "" else grantee
            params = {"subject": f"column {name}", "kind": "column", "name": name}
            message = Message(
                "diff-grant", {**params, "grantee": who, "a": av, "b": bv, "owner": 0}
            )
            yield Difference("grant", pair, f"column {name}", message, av, bv)


def column_changes(
    a: Catalog,
    b: Catalog,
    ca: ColumnAccess,
    cb: ColumnAccess,
    pair: SchemaPair,
    *,
    role_ok: Callable[[str, str], bool],
) -> Iterator[ch.ChangeSet]:
    """GRANT / REVOKE (columns) ON TABLE for one pair, columns needing the same change of a
    table and grantee in one statement; run after the table-level changes. ``role_ok(role,
    schema)`` says whether B has the role (else a note, and nothing planned)."""
    rename = Renamer(pair)
    ops: dict[tuple[str, str, str, frozenset[str]], list[str]] = {}
    for ra, rb, column, want, have in _column_rights(a, b, ca, cb, pair):
        table_want = rights(ra.acl, ra.owner, rename.mapping(ra.acl))
        table_have = rights(rb.acl, rb.owner)
        for grantee in sorted(want.keys() | have.keys()):
            if not role_ok(grantee, pair.target):
                continue
            # What B's column keeps once the table-level REVOKEs planned for B have run.
            tw, th = table_want.get(grantee, _EMPTY), table_have.get(grantee, _EMPTY)
            gone, gone_option = th[0] - tw[0], th[1] - tw[1]
            (wp, wg), (hp, hg) = want.get(grantee, _EMPTY), have.get(grantee, _EMPTY)
            hp, hg = hp - gone, hg - gone - gone_option
            for op, privs in (
                ("grant", wp - wg - hp),
                ("grant-option", wg - hg),
                ("revoke", hp - wp),
                ("revoke-option", (hg - wg) & wp),
            ):
                if privs & _COLUMN:
                    key = (rb.name, grantee, op, privs & _COLUMN)
                    ops.setdefault(key, []).append(column)
    for (table, grantee, op, privs), columns in ops.items():
        yield _statement((pair.target, table), grantee, op, privs, columns)


def _statement(
    on: Table, grantee: str, op: str, privs: frozenset[str], columns: list[str]
) -> ch.ChangeSet:
    schema, table = on
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    ordered = sorted(privs, key=PRIVILEGE_ORDER.index)
    listed = sql.SQL(", ").join(sql.SQL("{} ({})").format(_KEYWORD[p], cols) for p in ordered)
    target = sql.Identifier(schema, table)
    who = ch.grantee_sql(grantee)
    if op == "grant":
        stmt = sql.SQL("GRANT {} ON TABLE {} TO {}").format(listed, target, who)
    elif op == "grant-option":
        stmt = sql.SQL("GRANT {} ON TABLE {} TO {} WITH GRANT OPTION").format(listed, target, who)
    elif op == "revoke":
        stmt = sql.SQL("REVOKE {} ON TABLE {} FROM {}").format(listed, target, who)
    else:
        stmt = sql.SQL("REVOKE GRANT OPTION FOR {} ON TABLE {} FROM {}").format(listed, target, who)
    verb = {"grant": "give", "grant-option": "give with grant option", "revoke": "take"}.get(
        op, "take the grant option of"
    )
    what = ", ".join(ordered)
    title = (
        f"{verb} {what} on column(s) {', '.join(columns)} of {schema}.{table} "
        f"{'to' if op.startswith('grant') else 'from'} {ch.grantee_label(grantee)}"
    )
    return ch.ChangeSet(title, (ch.Statement(stmt, title),))
