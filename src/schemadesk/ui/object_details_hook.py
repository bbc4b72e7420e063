"""Puts the object details into a connection's schema details, and loads them on demand.

A schema's objects are loaded when its Objects tab is looked at (selecting a schema with the
tab open, or opening the tab), once per schema until the next refresh: never for every click
on the schema list while another tab is open.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from schemadesk.core.logs import one_line
from schemadesk.core.objects.grants import Holder, object_holders
from schemadesk.core.objects.models import AnyObject
from schemadesk.db.objects import SchemaNotFound, load_schema_objects
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.core_texts.fill import translate
from schemadesk.ui.object_details import ObjectDetails

if TYPE_CHECKING:
    from schemadesk.core.models import SchemaInfo
    from schemadesk.ui.connection_session import ConnectionSession

log = logging.getLogger(__name__)
TASK = "object-details"


class ObjectDetailsLoader:
    """Loads the selected schema's objects into ``view`` when the view is on screen."""

    def __init__(self, session: ConnectionSession, view: ObjectDetails) -> None:
        self.session = session
        self.view = view
        self.wanted: str | None = None
        self.loaded: str | None = None

    def schema_selected(self, schema: SchemaInfo | None) -> None:
        if schema is None:  # the selected schema is gone (dropped, or filtered out)
            self.wanted = self.loaded = None
            self.session.tasks.cancel(TASK)
            self.view.show_nothing()
            return
        self.wanted = schema.name
        self._load_if_seen()

    def tab_changed(self, _index: int) -> None:
        self._load_if_seen()

    def refreshed(self) -> None:
        """The catalog was read again (F5): so are the objects, when they are on screen."""
        self.loaded = None
        self._load_if_seen()

    def _load_if_seen(self) -> None:
        details = self.session.schema_details
        if self.wanted is None or details.currentWidget() is not self.view:
            return
        if self.wanted != self.loaded:
            self.loaded = self.wanted
            self.session.tasks.start(TASK, self._load(self.wanted))

    async def _load(self, schema: str) -> None:
        database = self.session.database
        if database is None:
            return
        self.view.set_loading(schema)
        try:
            objects = await on_gateway(self.session.gateway, load_schema_objects(database, schema))
        except SchemaNotFound:
            self.loaded = None
            self.view.set_failed(
                schema, translate("ObjectDetails", "the schema no longer exists (refresh)")
            )
            return
        except Exception as exc:  # a server error: said in the view, its stack in the log
            log.warning("loading the objects of %r failed", schema, exc_info=exc)
            self.loaded = None
            self.view.set_failed(schema, one_line(exc))
            return
        if schema == self.wanted:
            self.view.set_objects(objects, self._holders)

    def _holders(self, obj: AnyObject) -> tuple[Holder, ...]:
        catalog, graph = self.session.catalog, self.session.graph
        if catalog is None:
            return ()
        return object_holders(catalog, obj, graph)


def attach_object_details(session: ConnectionSession) -> ObjectDetails:
    """Add the Objects tab to ``session``'s schema details, loading on demand."""
    view = ObjectDetails()
    # Appended: the schema details address their own tabs by index.
    session.schema_details.addTab(view, translate("ObjectDetails", "Object details"))
    loader = ObjectDetailsLoader(session, view)
    view.loader = loader  # type: ignore[attr-defined]  # lives as long as its view
    session.schemas_view.schema_selected.connect(loader.schema_selected)
    session.schema_details.currentChanged.connect(loader.tab_changed)
    session.views_loaded.connect(loader.refreshed)
    return view
