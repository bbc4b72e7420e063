"""The English of a Citus tenant move's and a distribution's refusals and checks, by code.

core/citus_move.py says each check (what was checked, why it fails) and each refusal with
``say(code, ...)``; the command line prints the English below, the window recalls the message
and translates it by code (ui/core_texts/problems_citus.py). A check's SQL fix is SQL: it is
never translated. A quoted ``'name'`` is core's repr() of a name, passed whole.
"""

from __future__ import annotations

import schemadesk.core.messages_config  # noqa: F401 ("change-no-schema", "refusals")
from schemadesk.core.messages import Message, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "say"]

templates(
    {
        "citus-address": "--to {text}: give the target node as HOST:PORT, e.g. 10.0.0.5:5432",
        "citus-nothing-to-move": (
            "this server is not a Citus coordinator: there is nothing to move"
        ),
        "citus-not-coordinator": "this server is not a Citus coordinator",
        "citus-not-distributed": (
            "schema {schema} is not a distributed schema: only a distributed schema lives "
            "on one node and can be moved (distribute it first: citus_schema_distribute)"
        ),
        "citus-system-schema": "schema {schema} is a system or extension schema: not distributed",
        # the checks before a move: what is checked, why it fails, the fix
        "citus-check-node-known": "target node {target} is in the cluster",
        "citus-no-node": "no node {target} in pg_dist_node (workers: {known})",
        "citus-no-workers": "none",
        "citus-fix-add-node": "add it first: {sql}",
        "citus-check-node-active": "target node {target} is active",
        "citus-node-inactive": "the node is inactive (citus_disable_node)",
        "citus-check-owners-login": "the tables' owners can log in to the nodes",
        "citus-owners-no-login": (
            "{roles} cannot log in, and Citus moves each table's shards connecting as its owner"
        ),
        "citus-check-space": "space on the target",
        "citus-space-unchecked": (
            "not checked: a node's free disk space cannot be read through SQL; the copy needs "
            "{size}"
        ),
        "citus-size-about": "about {bytes} bytes",
        "citus-size-tenant": "the tenant's size",
        # a move refused: each failed check (its what and why, each a said text), with its fix
        "citus-check-failed": "{what}: {detail}",
        "citus-check-fix": "{what}: {detail} (fix: {fix})",
        "citus-move-refused": "not moving {schema}: {checks}; nothing was moved",
    }
)


def said_part(text: str) -> tuple[str, ...]:
    """A check's said text as a parameter of another message: the window translates it on its
    own (an empty detail or a fix in SQL stays as it is)."""
    return (text,)
