"""How a connection's window loads its catalog: the lists first, then counts, then the rest.

At 10,000 tenant schemas the server needs a second for the schemas' counts and several for the
relations; the schemas and roles views show as soon as the lists arrive, the counts fill in when
they come, and the whole catalog (and its convention check) follows, every step in slices on the
UI loop. A mix-in of ``ConnectionSession``: it holds the views and the state these fill.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Coroutine, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from schemadesk.core.access.conventions import Convention, Finding, check_nodes, iter_findings
from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.models import Catalog, Unavailable
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.long_lived import building_long_lived
from schemadesk.db.access.fingerprint import Fingerprint, catalog_changes, keepable
from schemadesk.db.access.loader import (
    ALL_PARTS,
    LATE_JOBS,
    CatalogBuilder,
    CatalogRows,
    Part,
    fetch_catalog_rows,
)
from schemadesk.db.access.readable import CONTEXT, refused_as
from schemadesk.db.access.row_models import counts_of
from schemadesk.db.access.sequence_links import chosen, linked, needing
from schemadesk.db.citus_nodes import load_node_catalogs
from schemadesk.db.database import Database
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.catalog_notice import LIST_PARTS, CatalogNotices, list_refused, missing

if TYPE_CHECKING:
    from schemadesk.db.gateway import Gateway
    from schemadesk.ui.loading_stack import LoadingStack
    from schemadesk.ui.roles_view import RolesView
    from schemadesk.ui.schema_details import SchemaDetails
    from schemadesk.ui.schemas_model import SchemasModel
    from schemadesk.ui.schemas_view import SchemasView
    from schemadesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
# What the schemas and roles views need: loaded first, the rest of the catalog after.
FIRST_PARTS: tuple[Part, ...] = ("schemas", "roles", "memberships")
PAINT_S = 0.005  # a pause long enough for Qt to run a paint between two large fills
# Work in one slice of the check (a schema and each of its relations one unit): at 10,000
# schemas of 40 relations, 30 schemas a slice, 3-4 ms (400 units: 1 ms, but 1,100 loop turns).
CHECK_UNITS = 1200
CLUSTER_NOTE = "citus-default-privileges"


class CatalogLoading:
    """The catalog half of a session's load (``ConnectionSession._load_views``); its texts are
    translated in the session's context (they were its own before this mix-in)."""

    gateway: Gateway
    tasks: TaskRunner
    database: Database | None
    pages: dict[str, LoadingStack]
    catalog: Catalog | None
    graph: RoleGraph | None
    findings: dict[str, list[Finding]]
    schemas_model: SchemasModel
    schemas_view: SchemasView
    schema_details: SchemaDetails
    roles_view: RolesView
    notices: CatalogNotices
    # What the last complete catalog load read, so that F5 re-reads only what changed.
    _read: tuple[Fingerprint | None, CatalogRows, Convention | None] | None
    _size_reads: int

    if TYPE_CHECKING:  # the session's own (declared here, they would hide them)

        def _failed(self, page: LoadingStack, title: str, exc: BaseException) -> str: ...
        def _convention(self) -> Convention | None: ...

    async def _load_catalog(self, database: Database) -> str | None:
        """Schemas, roles and memberships first: the schemas and roles views show at once. The
        rest (tables, functions, default privileges) is asked for as soon as those arrive and
        joined to them; F5 reads only what changed since (``catalog_changes``)."""
        schemas_page, roles_page = self.pages["schemas"], self.pages["roles"]
        first_read = counts = rest = None
        rest_parts = [p for p in ALL_PARTS if p not in FIRST_PARTS]
        try:
            convention = self._convention()
        except SchemadeskError as exc:  # a bad [conventions]: said on both pages, not a hang
            roles_title = QCoreApplication.translate("ConnectionSession", "Could not load roles")
            message = self._failed(roles_page, roles_title, exc)
            schemas_page.show_error(
                QCoreApplication.translate("ConnectionSession", "Could not load schemas"), message
            )
            return message
        read, self._read = self._read, None
        # A Citus cluster's workers change without the coordinator's snapshot moving: read all.
        if read is None or read[2] != convention or (self.catalog and self.catalog.citus):
            read = None
        mark: Fingerprint | None = None
        try:
            since, reuse = (read[0], read[1]) if read is not None else (None, None)
            mark, changed = await on_gateway(self.gateway, catalog_changes(database, since))
            if reuse is not None and changed == frozenset():
                self._read = (mark, reuse, convention)
                return None  # nothing was committed since: the views show the database as it is
            schemas_page.show_loading(
                QCoreApplication.translate("ConnectionSession", "Loading schemas…")
            )
            roles_page.show_loading(
                QCoreApplication.translate("ConnectionSession", "Loading roles and privileges…")
            )
            # The lists first, alone, and shown: the server's passes over pg_class for the
            # schemas' counts and the relations would take the CPU that needs (on two cores, the
            # window's too: building the lists took 4 times as long beside them). Then both at
            # once. Each is handed to the gateway at once, not in a task that may be cancelled
            # before it starts (its coroutine was never awaited when F5 came then); cancelling
            # one cancels its query.
            first_read = self._submit(
                fetch_catalog_rows(database, FIRST_PARTS, reuse, changed, skip=LATE_JOBS)
            )
            first = await first_read
            quick_builder = CatalogBuilder(first)
            quick = await self._built(quick_builder)
            self.notices.show(first.unavailable)
            refused = self._refused_list("schemas", first.unavailable)
            if refused is None:
                listed = await self.tasks.in_slices(
                    s.info() for s in quick.schemas if not s.is_system
                )
                self.schemas_model.set_sizes(None)  # exact sizes: asked for the rows shown
                self.schemas_view.set_schemas(listed, counted=quick_builder.counted)
                schemas_page.show_content()
            counts = self._submit(fetch_catalog_rows(database, (), reuse, changed, extra=LATE_JOBS))
            # The sequences' tables only where the check reads them (``sequence_links``).
            rest = self._submit(
                fetch_catalog_rows(database, rest_parts, reuse, changed, linked=False)
            )
            await asyncio.sleep(PAINT_S)  # let Qt paint the schema list before the roles view fills
            roles = await self.tasks.in_slices(r for r in quick.roles if not r.is_predefined)
            names = await self.tasks.in_slices(s.name for s in quick.schemas if not s.is_system)
            self.roles_view.set_catalog(quick, roles=roles, schemas=names, matrix=False)
            roles_refused = self._refused_list("roles", first.unavailable)
            if roles_refused is None:
                roles_page.show_content()
            await asyncio.sleep(PAINT_S)  # the roles painted, then the matrix's reset
            self.roles_view.set_matrix(names)
            counted = await counts
            # Counts the login may not read are no zeros: the list is refused, as by the CLI.
            refused = refused or self._refused_list("schemas", counted.unavailable, counts=True)
            if refused is None:
                self.schemas_model.set_counts(counts_of(counted.rows.get("schema_counts", ())))
            refused = refused or roles_refused
            both = first.joined(counted).joined(await rest)
            # The sequences' tables where the check reads them: none in a catalog in order.
            linking = chosen(await self.tasks.in_slices(needing(both, quick, convention)))
            if linking:
                both = await on_gateway(self.gateway, linked(database, both, linking))
            builder = CatalogBuilder(both, base=quick_builder)
            catalog = await self._built(builder)
        except Exception as exc:
            message = self._failed(
                roles_page,
                QCoreApplication.translate("ConnectionSession", "Could not load roles"),
                exc,
            )
            if mark is None or schemas_page.currentWidget() is not schemas_page.content:
                schemas_page.show_error(
                    QCoreApplication.translate("ConnectionSession", "Could not load schemas"),
                    message,
                )
            return message
        finally:
            for pending in (first_read, counts, rest):
                if pending is not None and not pending.done():
                    pending.cancel()  # this load was replaced or failed: not needed any more
        kept = keepable(both, builder.built)
        # The rows (at 10,000 schemas the names of 400,000 relations) and the first catalog go
        # now, before the check allocates: their memory serves it instead of growing the window.
        del first, counted, both, builder, quick_builder, quick
        first_read = counts = rest = None
        self.catalog = catalog
        names = await self.tasks.in_slices(s.name for s in catalog.schemas if not s.is_system)
        self.roles_view.set_catalog(catalog, roles=roles, schemas=names)
        await asyncio.sleep(0)  # the check's first slice starts on a loop turn of its own
        # Convention checks walk every schema and role: in slices on the UI loop, after the paint;
        # the findings are long-lived, like the catalog.
        with building_long_lived():
            graph = RoleGraph(catalog)
            await self.tasks.in_slices(graph.walking_wide())  # a migrator's reach, in slices
            # Without the roles every role the convention names would be "missing": no check.
            checked = check_slices(catalog, convention, graph)
            parts = (
                await self.tasks.in_slices(checked, None) if catalog.is_available("roles") else []
            )
            findings = [f for part in parts for f in part]
        # The check's memo (26 MiB at 10,000 schemas) served only the check: freed in slices.
        await self.tasks.in_slices(graph.forgetting())
        self.graph = graph
        if catalog.citus is not None:  # what the workers lack, as ``schemadesk check`` says
            findings = [*findings, *await self._node_findings(database, catalog)]
        grouped: dict[str, list[Finding]] = defaultdict(list)
        await self.tasks.in_slices(_grouping(findings, grouped))  # 50,000 at 10,000 schemas
        self.findings = dict(grouped)
        # A list refused is read whole by the next F5: it must not count as "nothing changed".
        self._read = (mark, kept, convention) if refused is None else None
        self.notices.show(catalog.unavailable)
        selected = self.schemas_view.selected  # its details from this catalog, not the last
        if selected is not None:
            self.schema_details.show_schema(
                selected, catalog, self.findings.get(selected, []), graph
            )
        return refused  # a view whose list could not be read: ``wait_loaded`` says so too

    async def _node_findings(self, database: Database, catalog: Catalog) -> list[Finding]:
        """On a Citus coordinator: how the nodes holding each tenant differ from it."""
        try:
            nodes = await on_gateway(self.gateway, load_node_catalogs(database))
        except Exception:  # the coordinator's own findings still show; the log says why
            log.warning("could not read the Citus nodes", exc_info=True)
            return []
        return list(check_nodes(catalog, nodes, self._convention()))

    def _submit(self, read: Coroutine[Any, Any, CatalogRows]) -> asyncio.Future[CatalogRows]:
        # Each read starts with the server's context: refused, it is named as the CLI names it.
        return asyncio.wrap_future(self.gateway.submit(refused_as(CONTEXT, read)))

    def _refused_list(
        self, view: str, unavailable: Sequence[Unavailable], *, counts: bool = False
    ) -> str | None:
        """The error page of ``view`` if the part it lists could not be read (its text)."""
        part = missing(unavailable, LIST_PARTS[view])
        if part is None:
            return None
        text = list_refused(view, part.reason, counts=counts)
        title = (
            QCoreApplication.translate("ConnectionSession", "Could not load schemas")
            if view == "schemas"
            else QCoreApplication.translate("ConnectionSession", "Could not load roles")
        )
        self.pages[view].show_error(title, text)
        return text

    def _sizes_wanted(self, names: list[str]) -> None:
        """Exact sizes of the schemas a view shows (each stats every file of its schema)."""
        if self.database is not None:
            self._size_reads += 1  # each batch a task of its own: a later one cancels none
            self.tasks.start(f"sizes {self._size_reads}", self._load_sizes(self.database, names))

    async def _load_sizes(self, database: Database, names: list[str]) -> None:
        sizes = await on_gateway(self.gateway, database.schema_sizes(names))
        self.schemas_model.add_sizes(sizes, asked=names)

    async def _built(self, builder: CatalogBuilder) -> Catalog:
        """The models built by ``builder`` here, in slices (see ``in_slices``)."""
        await self.tasks.in_slices(builder.steps())
        catalog = builder.build()
        await asyncio.sleep(0)  # a view's fill after it gets a loop turn of its own
        return catalog


def check_slices(
    catalog: Catalog, convention: Convention | None, graph: RoleGraph, units: int = CHECK_UNITS
) -> Iterator[list[Finding]]:
    """The convention check of the whole catalog, one slice of work at a time: the findings of
    schemas worth at most ``units`` (a schema one, each of its relations one more; a schema
    heavier than that alone is a slice of its own). Counted, not timed: a catalog whose schemas
    are all in order yields as often as one full of findings, and a loaded machine does not
    make the slices longer in work. The same findings as ``iter_findings`` in the same order."""
    conv = convention or Convention()
    chunk: list[str] = []
    weight = 0
    noted = False  # the Citus note is said once for the cluster, not once per slice

    def checked() -> list[Finding]:
        nonlocal noted
        found = list(iter_findings(catalog, conv, chunk, graph)) if chunk else []
        if any(f.code == CLUSTER_NOTE for f in found):
            found = [f for f in found if f.code != CLUSTER_NOTE or not noted]
            noted = True
        return found

    for schema in catalog.schemas:
        applies = conv.applies_to(schema)
        here = 1 + (len(catalog.user_relations_in(schema.name)) if applies else 0)
        if weight and weight + here > units:
            yield checked()
            chunk, weight = [], 0
        weight += here
        if applies:
            chunk.append(schema.name)
    yield checked()


def _grouping(findings: list[Finding], grouped: dict[str, list[Finding]]) -> Iterator[None]:
    for finding in findings:
        grouped[finding.schema].append(finding)
        yield
