"""Moving a tenant (a distributed schema) to another Citus node: the checks before, and the one
statement that moves it (``citus_schema_move``), composed, never formatted.

``plan_move`` looks only at the catalog: what it refuses on, it says with the reason and the
fix, and the statement is then not to be run at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, LiteralString

from psycopg import sql

from schemadesk.core.access.models import Catalog
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages import Param, templates
from schemadesk.core.messages_citus import Message, say
from schemadesk.core.sql_names import quoted_identifier

templates(
    {
        "citus-move": "move schema {schema} to {target}",  # the action's title
        "citus-move-step": "move {schema} to {target}",  # its one step
    }
)

TransferMode = Literal["block_writes", "force_logical", "auto"]


@dataclass(frozen=True, slots=True)
class MoveCheck:
    """A precondition: what was checked, whether it holds, why not and what fixes it."""

    what: str
    ok: bool
    detail: str = ""
    fix: str = ""
    checked: bool = True  # False: could not be checked from here (said, not assumed)


@dataclass(frozen=True)
class MovePlan:
    """A checked move: ``statement`` runs only when every check holds (``blocked`` is empty)."""

    schema: str
    source: tuple[str, ...]
    target: str
    checks: tuple[MoveCheck, ...]
    statement: sql.Composed
    size_bytes: int | None
    tables: int

    @property
    def blocked(self) -> tuple[MoveCheck, ...]:
        return tuple(c for c in self.checks if not c.ok)

    @property
    def needed(self) -> bool:
        """False when the schema already lives on the target."""
        return self.source != (self.target,)


@dataclass(frozen=True, slots=True)
class MoveProgress:
    """How far a running move is (``get_rebalance_progress``): bytes copied of the total."""

    copied: int
    total: int
    status: str  # Citus's own words: "Setting Up", "Copying Data", "Creating Constraints", ...

    @property
    def percent(self) -> int:
        return 100 if self.total <= 0 else min(100, self.copied * 100 // self.total)


def _sql_text(template: LiteralString, host: str, port: int) -> str:
    """A suggested fix on a node, composed like the statements that run (a host holding a
    quote stays one literal), rendered without a connection as a Finding's fix is."""
    return sql.SQL(template).format(sql.Literal(host), sql.Literal(port)).as_string(None)


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (the last colon splits, so IPv6 hosts work) or a ConfigError."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(say("citus-address", text=repr(text)))
    return host, int(port)


def plan_move(
    catalog: Catalog, schema: str, target: str, mode: TransferMode = "block_writes"
) -> MovePlan:
    """The checks and the statement for moving ``schema`` to node ``target`` (``host:port``)."""
    host, port = parse_address(target)
    cluster = catalog.citus
    if cluster is None:
        raise ConfigError(say("citus-nothing-to-move"))
    entry = catalog.schema(schema)
    if entry is None:
        raise ConfigError(say("change-no-schema", schema=repr(schema)))
    where = cluster.schema(schema)
    if not where.distributed:
        raise ConfigError(say("citus-not-distributed", schema=repr(schema)))
    checks: list[MoveCheck] = []
    node = next((n for n in cluster.nodes if n.host == host and n.port == port), None)
    if node is None:
        workers = ", ".join(n.address for n in cluster.workers)
        known: Param = workers or Message("citus-no-workers")
        checks.append(
            MoveCheck(
                say("citus-check-node-known", target=target),
                False,
                say("citus-no-node", target=target, known=known),
                say(
                    "citus-fix-add-node", sql=_sql_text("SELECT citus_add_node({}, {})", host, port)
                ),
            )
        )
    else:
        checks.append(MoveCheck(say("citus-check-node-known", target=target), True))
        checks.append(
            MoveCheck(
                say("citus-check-node-active", target=target),
                node.active,
                "" if node.active else say("citus-node-inactive"),
                "" if node.active else _sql_text("SELECT citus_activate_node({}, {})", host, port),
            )
        )
    tables = [r for r in catalog.relations_in(schema) if r.kind == "table"]
    owners = sorted({r.owner for r in tables})
    cannot = [o for o in owners if (role := catalog.role(o)) is not None and not role.login]
    checks.append(
        MoveCheck(
            say("citus-check-owners-login"),
            not cannot,
            say("citus-owners-no-login", roles=", ".join(cannot)) if cannot else "",
            "; ".join(
                sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(o)).as_string(None)
                for o in cannot
            ),
        )
    )
    size = where.size_bytes
    checks.append(
        MoveCheck(
            say("citus-check-space"),
            True,
            say(
                "citus-space-unchecked",
                size=Message("citus-size-about", {"bytes": f"{size:,}"})
                if size is not None
                else Message("citus-size-tenant"),
            ),
            checked=False,
        )
    )
    # regnamespace input is a (quoted) name: the schema is sent as a literal of its quoted form.
    quoted = quoted_identifier(schema)
    statement = sql.SQL(
        "SELECT citus_schema_move({}::regnamespace, {}, {}, shard_transfer_mode => {})"
    ).format(sql.Literal(quoted), sql.Literal(host), sql.Literal(port), sql.Literal(mode))
    return MovePlan(
        schema, where.nodes, f"{host}:{port}", tuple(checks), statement, size, len(tables)
    )
