"""A Citus tenant move's checks and refusals, a distribution's refusals
(core/messages_citus.py), by code. A quoted ``'name'`` is core's repr(): a parameter; a
check's SQL fix is passed whole."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

CITUS_TEXTS: dict[str, Callable[[], str]] = {
    "citus-address": lambda: translate(
        "CoreText", "--to {text}: give the target node as HOST:PORT, e.g. 10.0.0.5:5432"
    ),
    "citus-nothing-to-move": lambda: translate(
        "CoreText", "this server is not a Citus coordinator: there is nothing to move"
    ),
    "citus-not-coordinator": lambda: translate(
        "CoreText", "this server is not a Citus coordinator"
    ),
    "citus-not-distributed": lambda: translate(
        "CoreText",
        "schema {schema} is not a distributed schema: only a distributed schema lives "
        "on one node and can be moved (distribute it first: citus_schema_distribute)",
    ),
    "citus-system-schema": lambda: translate(
        "CoreText", "schema {schema} is a system or extension schema: not distributed"
    ),
    "citus-check-node-known": lambda: translate(
        "CoreText", "target node {target} is in the cluster"
    ),
    "citus-no-node": lambda: translate(
        "CoreText", "no node {target} in pg_dist_node (workers: {known})"
    ),
    "citus-no-workers": lambda: translate("CoreText", "none", "no worker nodes"),
    "citus-fix-add-node": lambda: translate("CoreText", "add it first: {sql}"),
    "citus-check-node-active": lambda: translate("CoreText", "target node {target} is active"),
    "citus-node-inactive": lambda: translate(
        "CoreText", "the node is inactive (citus_disable_node)"
    ),
    "citus-check-owners-login": lambda: translate(
        "CoreText", "the tables' owners can log in to the nodes"
    ),
    "citus-owners-no-login": lambda: translate(
        "CoreText",
        "{roles} cannot log in, and Citus moves each table's shards connecting as its owner",
    ),
    "citus-check-space": lambda: translate("CoreText", "space on the target"),
    "citus-space-unchecked": lambda: translate(
        "CoreText",
        "not checked: a node's free disk space cannot be read through SQL; the copy needs {size}",
    ),
    "citus-size-about": lambda: translate("CoreText", "about {bytes} bytes"),
    "citus-size-tenant": lambda: translate("CoreText", "the tenant's size"),
    "citus-check-failed": lambda: translate("CoreText", "{what}: {detail}"),
    "citus-check-fix": lambda: translate("CoreText", "{what}: {detail} (fix: {fix})"),
    "citus-move-refused": lambda: translate(
        "CoreText", "not moving {schema}: {checks}; nothing was moved"
    ),
}
