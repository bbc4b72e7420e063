"""What a change set promises: conditions on the catalog that hold once it has run.

A change set carries one expectation per effect; after applying it, the catalog is read again
and every expectation must hold (``holds``), and ``text`` says in one line what each one means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from schemadesk.core.access.acl import PUBLIC, AclItem
from schemadesk.core.access.models import Catalog, DefaultObjectType

# Privilege keywords in the order statements and texts list them.
PRIVILEGE_ORDER = (
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
    "MAINTAIN",
    "USAGE",
    "CREATE",
    "EXECUTE",
    "CONNECT",
    "TEMPORARY",
)


def grantee_label(name: str) -> str:
    """``PUBLIC`` for the empty grantee, else the role's name."""
    return "PUBLIC" if name == PUBLIC else name


@dataclass(frozen=True, slots=True)
class ExpectRole:
    """Role ``name`` exists (or not)."""

    name: str
    present: bool = True

    def holds(self, catalog: Catalog) -> bool:
        return (catalog.role(self.name) is not None) == self.present

    @property
    def text(self) -> str:
        return f"role {self.name} {'exists' if self.present else 'does not exist'}"


@dataclass(frozen=True, slots=True)
class ExpectSchemaOwner:
    """Schema exists and is owned by ``owner``."""

    schema: str
    owner: str

    def holds(self, catalog: Catalog) -> bool:
        entry = catalog.schema(self.schema)
        return entry is not None and entry.owner == self.owner

    @property
    def text(self) -> str:
        return f"schema {self.schema} is owned by {self.owner}"


@dataclass(frozen=True, slots=True)
class ExpectObjectOwner:
    """Relation ``schema.name`` (or the routine with ``arguments``, or the type) is owned by
    ``owner``."""

    schema: str
    name: str
    owner: str
    kind: Literal["relation", "routine", "type"] = "relation"
    arguments: str = ""  # a routine's identity arguments

    def holds(self, catalog: Catalog) -> bool:
        if self.kind == "routine":
            return any(
                f.name == self.name and f.arguments == self.arguments and f.owner == self.owner
                for f in catalog.functions_in(self.schema)
            )
        if self.kind == "type":
            return any(
                t.name == self.name and t.owner == self.owner for t in catalog.types_in(self.schema)
            )
        rel = catalog.relation(self.schema, self.name)
        return rel is not None and rel.owner == self.owner

    @property
    def text(self) -> str:
        called = f"({self.arguments})" if self.kind == "routine" else ""
        return f"{self.schema}.{self.name}{called} is owned by {self.owner}"


class ExpectGrant(NamedTuple):
    """``grantee`` directly holds (``present``) or lacks every one of ``privileges`` on an object.

    ``name`` None with kind ``schema`` is the schema; with another kind it means every object of
    that kind in the schema. A tuple: a check's fixes expect 200,000 of them, and a frozen
    dataclass set each field through ``object.__setattr__`` (1.6 us each, 5 times a tuple's);
    equal only to another ``ExpectGrant``, never to a bare tuple.
    """

    kind: Literal["database", "schema", "table", "sequence", "function"]
    schema: str  # the database's name for kind "database"
    name: str | None
    grantee: str
    privileges: frozenset[str]
    present: bool = True
    grant_option: bool = False

    def holds(self, catalog: Catalog) -> bool:
        for acl in _acls(catalog, self.kind, self.schema, self.name):
            if acl is None:
                return not self.present
            held = direct_privileges(acl, self.grantee)
            options = direct_privileges(acl, self.grantee, grantable=True)
            if self.present and not self.privileges <= held:
                return False
            if self.present and self.grant_option and not self.privileges <= options:
                return False
            if not self.present and self.privileges & held:
                return False
        return True

    @property
    def text(self) -> str:
        what = ", ".join(sorted(self.privileges, key=PRIVILEGE_ORDER.index))
        target = _describe(self.kind, self.schema, self.name)
        verb = "holds" if self.present else "does not hold"
        return f"{grantee_label(self.grantee)} {verb} {what} on {target}"

    def __eq__(self, other: object) -> bool:
        return type(other) is ExpectGrant and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((ExpectGrant, tuple.__hash__(self)))


@dataclass(frozen=True, slots=True)
class ExpectDefault:
    """Default privileges of ``for_role`` (in ``schema``, or global) give or not ``privileges``."""

    for_role: str
    schema: str | None
    object_type: DefaultObjectType
    grantee: str
    privileges: frozenset[str]
    present: bool = True

    def holds(self, catalog: Catalog) -> bool:
        held: set[str] = set()
        for d in catalog.defaults_for(self.for_role, self.schema, self.object_type):
            held |= direct_privileges(d.acl, self.grantee)
        return self.privileges <= held if self.present else not (self.privileges & held)

    @property
    def text(self) -> str:
        where = f" in schema {self.schema}" if self.schema is not None else ""
        verb = "gives" if self.present else "does not give"
        what = ", ".join(sorted(self.privileges, key=PRIVILEGE_ORDER.index))
        return (
            f"default privileges of {self.for_role}{where} {verb} {what} on new "
            f"{self.object_type} to {grantee_label(self.grantee)}"
        )


@dataclass(frozen=True, slots=True)
class ExpectMembership:
    """``member`` is (or is not) a member of ``role``; options checked when given."""

    role: str
    member: str
    present: bool = True
    admin: bool | None = None
    inherit: bool | None = None
    set_option: bool | None = None

    def holds(self, catalog: Catalog) -> bool:
        rows = catalog.membership_grants(self.role, self.member)
        if not self.present:
            return not rows
        if not rows:
            return False
        if self.admin is not None and any(m.admin_option for m in rows) != self.admin:
            return False
        if not catalog.context.membership_options:
            return True
        if self.inherit is not None and any(m.inherit_option for m in rows) != self.inherit:
            return False
        return self.set_option is None or any(m.set_option for m in rows) == self.set_option

    @property
    def text(self) -> str:
        return f"{self.member} is {'' if self.present else 'not '}a member of {self.role}"


@dataclass(frozen=True, slots=True)
class ExpectSetting:
    """Role ``role`` has ``name = value`` (``value`` None: not set) globally or in ``database``."""

    role: str
    database: str | None
    name: str
    value: str | None

    def holds(self, catalog: Catalog) -> bool:
        role = catalog.role(self.role)
        if role is None:
            return False
        found = [
            s.value for s in role.settings if (s.database, s.name) == (self.database, self.name)
        ]
        return found == ([] if self.value is None else [self.value])

    @property
    def text(self) -> str:
        where = f" in database {self.database}" if self.database else ""
        if self.value is None:
            return f"{self.role} has no {self.name} setting{where}"
        return f"{self.role} has {self.name} = {self.value}{where}"


Expectation = (
    ExpectRole
    | ExpectSchemaOwner
    | ExpectObjectOwner
    | ExpectGrant
    | ExpectDefault
    | ExpectMembership
    | ExpectSetting
)


def direct_privileges(acl: Iterable[AclItem], grantee: str, *, grantable: bool = False) -> set[str]:
    out: set[str] = set()
    for item in acl:
        if item.grantee == grantee:
            out |= item.grantable if grantable else item.privileges
    return out


def _acls(
    catalog: Catalog, kind: str, schema: str, name: str | None
) -> list[tuple[AclItem, ...] | None]:
    if kind == "database":
        return [catalog.context.database_acl if catalog.context.database == schema else None]
    if kind == "schema":
        entry = catalog.schema(schema)
        return [entry.acl if entry is not None else None]
    if kind == "function":
        fns = [f for f in catalog.functions_in(schema) if name is None or f.name == name]
        return [f.acl for f in fns] if fns or name is None else [None]
    rels = [r for r in catalog.relations_in(schema) if r.privilege_kind == kind]
    if name is None:
        return [r.acl for r in rels]
    return [next((r.acl for r in rels if r.name == name), None)]


def _describe(kind: str, schema: str, name: str | None) -> str:
    if kind == "database":
        return f"database {schema}"
    if kind == "schema":
        return f"schema {schema}"
    if name is None:
        return f"every {kind} in schema {schema}"
    return f"{kind} {schema}.{name}"
