"""What a schema holds, object by object: typed, frozen, comparable between two databases.

Names are exactly as the catalog holds them. Expressions, types and definitions are the server's
own text (``format_type``, ``pg_get_expr``, ``pg_get_*def``). No object ids are kept, so two
databases with the same structure give equal models (what ``core.diff`` compares). Objects that
belong to an extension are not listed (the extension's, not the schema's).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from schemadesk.core.access.acl import AclItem

TableKind = Literal["table", "partitioned table", "foreign table"]
FunctionKind = Literal["function", "procedure", "aggregate", "window"]
TypeKind = Literal["enum", "composite", "range"]
ConstraintKind = Literal["primary key", "unique", "foreign key", "check", "exclusion"]
PolicyCommand = Literal["ALL", "SELECT", "INSERT", "UPDATE", "DELETE"]
TriggerState = Literal["enabled", "disabled", "replica", "always"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """A column of a table, view, materialized view or composite type.

    ``default`` is the DEFAULT expression (None for a generated column: its expression is
    ``generated_expression``); ``collation`` only when it differs from the type's (schema-
    qualified as ``(schema, name)``); ``inherited`` for a column from a parent (not local).
    """

    name: str
    position: int
    type: str
    nullable: bool
    default: str | None = None
    identity: Literal["always", "by default"] | None = None
    generated: Literal["stored", "virtual"] | None = None
    generated_expression: str | None = None
    collation: tuple[str, str] | None = None
    comment: str | None = None
    inherited: bool = False
    acl: tuple[AclItem, ...] = ()  # column privileges (GRANT SELECT (col) ...); none: ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Index:
    """An index; ``constraint`` names the primary key / unique / exclusion constraint it backs."""

    name: str
    definition: str  # pg_get_indexdef: the whole CREATE INDEX statement
    primary: bool
    unique: bool
    valid: bool
    constraint: str | None
    size_bytes: int
    comment: str | None = None
    inherited: bool = False  # a partition's part of its partitioned table's index


@dataclass(frozen=True, slots=True, kw_only=True)
class Constraint:
    """A table's or a domain's constraint (NOT NULL is the column's ``nullable``)."""

    name: str
    kind: ConstraintKind
    definition: str  # pg_get_constraintdef: ``PRIMARY KEY (id)``, ``CHECK ((n > 0))``...
    local: bool = True  # False: inherited from a parent or partitioned table
    validated: bool = True
    comment: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """A user trigger (internal ones, of foreign keys, are not listed)."""

    name: str
    definition: str  # pg_get_triggerdef: the whole CREATE TRIGGER statement
    state: TriggerState
    inherited: bool = False  # cloned from the partitioned table's trigger
    comment: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    """A row-level security policy; ``roles`` holds ``""`` for PUBLIC."""

    name: str
    command: PolicyCommand
    permissive: bool
    roles: tuple[str, ...]
    using: str | None
    with_check: str | None
    comment: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SchemaObject:
    """What every object has: where it is, its owner, its ACL, its comment and its DDL.

    ``acl`` is expanded like the access catalog's (a NULL ACL is the server's default, with
    ``acl_is_default``). ``ddl`` is the statement(s) that create it as it is now; empty when
    the server cannot give one (an aggregate, an identity column's sequence).
    """

    schema: str
    name: str
    owner: str
    acl: tuple[AclItem, ...]
    acl_is_default: bool
    comment: str | None
    ddl: str

    @property
    def kind(self) -> str:
        raise NotImplementedError

    @property
    def signature(self) -> str:
        """The name that tells it apart in its schema (a function's includes its arguments)."""
        return self.name


@dataclass(frozen=True, slots=True, kw_only=True)
class Table(SchemaObject):
    """A table, a partitioned table (``partition_key``) or a foreign table (``server``).

    ``partition_of`` / ``inherits`` are ``(schema, name)`` of its parents; ``size_bytes`` is
    the total size with indexes and TOAST (of every partition, for a partitioned table).
    """

    table_kind: TableKind
    columns: tuple[Column, ...]
    indexes: tuple[Index, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    policies: tuple[Policy, ...] = ()
    rls_enabled: bool = False
    rls_forced: bool = False
    partition_key: str | None = None
    partition_of: tuple[str, str] | None = None
    partition_bound: str | None = None
    inherits: tuple[tuple[str, str], ...] = ()
    unlogged: bool = False
    options: tuple[str, ...] = ()  # storage parameters, ``fillfactor=70``
    server: str | None = None
    size_bytes: int | None = None
    rows_estimate: int | None = None  # None: never analyzed

    @property
    def kind(self) -> str:
        return self.table_kind


@dataclass(frozen=True, slots=True, kw_only=True)
class View(SchemaObject):
    """A view: its columns and the server's rendering of its query."""

    columns: tuple[Column, ...]
    definition: str
    triggers: tuple[Trigger, ...] = ()
    options: tuple[str, ...] = ()  # security_barrier, check_option=...

    @property
    def kind(self) -> str:
        return "view"


@dataclass(frozen=True, slots=True, kw_only=True)
class MaterializedView(SchemaObject):
    """A materialized view: query, indexes, whether it holds data, its size."""

    columns: tuple[Column, ...]
    definition: str
    indexes: tuple[Index, ...] = ()
    populated: bool = True
    size_bytes: int | None = None

    @property
    def kind(self) -> str:
        return "materialized view"


@dataclass(frozen=True, slots=True, kw_only=True)
class Sequence(SchemaObject):
    """A sequence; ``owned_by`` is ``(table, column)`` of a serial or identity column."""

    data_type: str
    start: int
    increment: int
    minimum: int
    maximum: int
    cache: int
    cycle: bool
    owned_by: tuple[str, str] | None = None
    identity: bool = False  # made by an identity column: it goes with the column

    @property
    def kind(self) -> str:
        return "sequence"


@dataclass(frozen=True, slots=True, kw_only=True)
class Function(SchemaObject):
    """A function, procedure, aggregate or window function; ``arguments`` is its identity
    signature (overloads share a name), ``result`` None for a procedure."""

    function_kind: FunctionKind
    arguments: str
    result: str | None
    language: str
    security_definer: bool
    volatility: Literal["immutable", "stable", "volatile"]
    definition: str  # pg_get_functiondef; empty for an aggregate (the server has none)
    # An aggregate's CREATE AGGREGATE options (``("SFUNC", "int4pl")``, ...) as the server
    # names them; INITCOND is the raw text value.
    aggregate: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> str:
        return self.function_kind

    @property
    def signature(self) -> str:
        return f"{self.name}({self.arguments})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Type(SchemaObject):
    """A user type: an enum (``labels``), a composite (``attributes``) or a range (``subtype``)."""

    type_kind: TypeKind
    labels: tuple[str, ...] = ()
    attributes: tuple[Column, ...] = ()
    subtype: str | None = None

    @property
    def kind(self) -> str:
        return "type"


@dataclass(frozen=True, slots=True, kw_only=True)
class Domain(SchemaObject):
    """A domain over ``base_type`` with its default, NOT NULL, collation and constraints."""

    base_type: str
    default: str | None
    nullable: bool
    collation: tuple[str, str] | None = None
    constraints: tuple[Constraint, ...] = ()

    @property
    def kind(self) -> str:
        return "domain"


AnyObject = Table | View | MaterializedView | Sequence | Function | Type | Domain

# The kinds in the order the window and ``schemadesk show`` list them.
KINDS: tuple[str, ...] = (
    "tables",
    "views",
    "materialized_views",
    "sequences",
    "functions",
    "types",
    "domains",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SchemaObjects:
    """Everything one schema holds, kind by kind, each sorted by name (bytewise, ``C``)."""

    schema: str
    owner: str
    tables: tuple[Table, ...] = ()
    views: tuple[View, ...] = ()
    materialized_views: tuple[MaterializedView, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    functions: tuple[Function, ...] = ()
    types: tuple[Type, ...] = ()
    domains: tuple[Domain, ...] = ()

    def by_kind(self) -> Iterator[tuple[str, tuple[AnyObject, ...]]]:
        """``(kind, objects)`` in ``KINDS`` order, empty kinds included."""
        for kind in KINDS:
            yield kind, getattr(self, kind)

    def objects(self) -> Iterator[AnyObject]:
        """Every object, kind after kind."""
        for _, found in self.by_kind():
            yield from found

    def named(self, name: str) -> tuple[AnyObject, ...]:
        """The objects called ``name`` (several: overloaded functions, or a type and a
        function of the same name); ``name(args)`` picks one function by its signature."""
        return tuple(o for o in self.objects() if name in (o.name, o.signature))

    def count(self) -> int:
        """How many objects the schema holds (of the kinds listed)."""
        return sum(len(found) for _, found in self.by_kind())
