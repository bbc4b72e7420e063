"""The convention on a Citus cluster: what only a cluster can get wrong.

- An owner that cannot log in: Citus opens its connections to the nodes as the *current* role,
  so a migration run as the owner (``SET ROLE``) fails on its first DDL in a distributed schema,
  and ``citus_schema_move`` fails for its tables.
- A node that differs from the coordinator: a role, grant or setting the coordinator has and the
  node holding the tenant lacks (changed there by hand with DDL propagation off). The check runs
  on the node's own catalog; the fix, run on the coordinator, is propagated to every node.
- Default privileges live on the coordinator only (Citus does not propagate them): said once
  for the cluster, not as a finding per schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from psycopg import sql

from schemadesk.core.access.changes import ChangeSet, Statement
from schemadesk.core.access.convention_model import Convention, Finding
from schemadesk.core.access.models import Catalog, Schema

CLUSTER = ""  # the ``schema`` of a finding about the whole cluster
# Checks whose result on a node says nothing new: default privileges are never on the nodes.
_COORDINATOR_ONLY = frozenset({"rw-default-privileges"})
# A role missing on a node: CREATE ROLE run on the coordinator fails (the role exists there).
_ROLE_MISSING = frozenset({"owner-missing", "migrator-missing", "rw-missing"})

SchemaCheck = Callable[[Catalog, Convention, Schema], Iterable[Finding]]


def on_cluster(catalog: Catalog, schema: Schema) -> bool:
    """The schema is distributed or holds tables on the workers (its DDL reaches them)."""
    where = schema.citus
    return (
        catalog.citus is not None and where is not None and (where.distributed or bool(where.nodes))
    )


def owner_login_finding(catalog: Catalog, conv: Convention, schema: Schema) -> Iterator[Finding]:
    """The owner (the role migrations run as) cannot log in to the nodes."""
    owner = catalog.role(conv.owner_for(schema.name))
    if owner is None or owner.login or not on_cluster(catalog, schema):
        return
    s, name = schema.name, owner.name
    yield Finding.said(
        s,
        "citus-owner-nologin",
        "error",
        ChangeSet(
            f"let {name} log in to the nodes",
            (
                Statement(
                    sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(name)),
                    f"let {name} log in (Citus connects to the nodes as it)",
                ),
            ),
        ),
        owner=name,
    )


def default_privileges_note(catalog: Catalog, schemas: Sequence[Schema]) -> Iterator[Finding]:
    """Once for the cluster: default privileges are not on the nodes (by Citus's design)."""
    if catalog.citus is None or not any(on_cluster(catalog, s) for s in schemas):
        return
    yield Finding.said(CLUSTER, "citus-default-privileges", "info", ChangeSet("nothing to change"))


def node_findings(
    coordinator: Catalog,
    nodes: Mapping[str, Catalog | str],
    conv: Convention,
    chosen: Sequence[Schema],
    check: SchemaCheck,
) -> Iterator[Finding]:
    """What each node holding a checked schema gets wrong that the coordinator gets right.

    ``nodes`` maps ``host:port`` to the node's catalog, or to why it could not be read;
    ``check`` is the per-schema convention check.
    """
    for address, found in nodes.items():
        if isinstance(found, str):
            yield Finding(
                CLUSTER,
                "citus-node-unreadable",
                "warning",
                f"node {address} could not be checked",
                f"Reading the catalog of node {address} through the coordinator failed: {found}",
                ChangeSet("nothing to change"),
                (address,),
            )
    for schema in chosen:
        where = schema.citus
        if where is None or not on_cluster(coordinator, schema):
            continue
        here = {f.code for f in check(coordinator, conv, schema)}
        for address in where.nodes:
            node = nodes.get(address)
            entry = node.schema(schema.name) if isinstance(node, Catalog) else None
            if not isinstance(node, Catalog) or entry is None:
                continue
            for finding in check(node, conv, entry):
                if finding.code in here or finding.code in _COORDINATOR_ONLY:
                    continue
                yield _on_node(finding, address)


def _on_node(finding: Finding, address: str) -> Finding:
    where = f"on node {address}"
    if finding.code in _ROLE_MISSING:
        # The role exists on the coordinator, so CREATE ROLE there fails: only the node can.
        per_node = finding.fix.render()
        return Finding(
            finding.schema,
            "node-" + finding.code,
            finding.severity,
            f"{where}: {finding.title}",
            f"{finding.explanation} The coordinator has the role; node {address} "
            "does not, and only a command on that node can create it: connect to it and run "
            f"SET citus.enable_ddl_propagation TO off; then:\n{per_node}",
            ChangeSet(f"create the missing role on {address} (on that node only)"),
            (*finding.objects, address),
            finding.params,
        )
    return Finding(
        finding.schema,
        "node-" + finding.code,
        finding.severity,
        f"{where}: {finding.title}",
        f"{finding.explanation} The coordinator is right; node {address}, which "
        "holds the schema, differs. Run on the coordinator, the fix reaches every node.",
        finding.fix_of,
        (*finding.objects, address),
        finding.params,
    )
