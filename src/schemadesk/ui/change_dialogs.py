"""The window's dialogs that state a change (grant or revoke, provision a schema): each builds
its change set with the command line's core builder and hands it to the confirmation flow."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.access.conventions import Convention, provision_schema
from schemadesk.core.errors import SchemadeskError
from schemadesk.ui.action_flow import ActionFlow
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.grant_dialog import GrantDialog
from schemadesk.ui.grant_request import build_change_set
from schemadesk.ui.provision_dialog import ProvisionDialog

Start = Callable[[Coroutine[Any, Any, Any]], None]
Fail = Callable[[str, str], None]


class ChangeDialogs:
    """Opens a dialog, builds the change set, starts the flow; refusals go to ``fail``."""

    def __init__(self, parent: QWidget, flow: ActionFlow, start: Start, fail: Fail) -> None:
        self.parent = parent
        self.flow = flow
        self.start = start
        self.fail = fail
        self.grant_dialog: GrantDialog | None = None  # the last dialog, for tests
        self.provision_dialog: ProvisionDialog | None = None

    def _apply(self, session: ConnectionSession, build: Callable[[], ChangeSet], name: str,
               schema: str) -> None:  # fmt: skip
        try:
            change_set = build()
        except SchemadeskError as exc:
            self.fail(name, str(exc))
            return
        self.start(self.flow.apply_change_set(session, change_set, schema))

    def grant(self, session: ConnectionSession, schema: str | None = None,
              role: str | None = None) -> None:  # fmt: skip
        """The grant dialog on a schema (and the role selected in Roles, unless one is given)."""
        catalog = session.catalog
        if catalog is None:
            return
        roles = [r.name for r in catalog.roles if not r.is_predefined]
        schemas = [s.name for s in catalog.schemas if not s.is_system]
        dialog = GrantDialog(
            schemas, roles, self.parent, schema=schema,
            role=role or session.roles_view.current_role(),
            server_version_num=catalog.server_version_num,
        )  # fmt: skip
        self.grant_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        request = dialog.request()
        self._apply(session, lambda: build_change_set(catalog, request), "grant", request.schema)

    def provision(self, session: ConnectionSession | None) -> None:
        """``schemadesk provision``'s change set for a schema typed in, confirmed as usual."""
        if session is None or session.catalog is None:
            refusal = QCoreApplication.translate("MainWindow", "Open a connection first.")
            self.fail("provision", refusal)
            return
        catalog = session.catalog
        source = session.project.source if session.project is not None else None
        try:
            convention = Convention.from_toml(source) if source is not None else None
        except SchemadeskError as exc:
            self.fail("provision", str(exc))
            return
        dialog = ProvisionDialog(convention, {s.name for s in catalog.schemas}, self.parent)
        self.provision_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name = dialog.name()
        self._apply(session, lambda: provision_schema(catalog, name, convention), "provision", name)
