"""Former connection picker; now the connections dialog (``schemadesk.ui.connections``).

Kept so app.py keeps working until it calls ``choose_connection`` itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections import ProfilesDialog, choose_connection
from schemadesk.ui.connections.modal import run_modal


def pick_connection(
    parent: QWidget, gateway: Gateway | None = None
) -> tuple[ConnectionProfile, str | None] | None:
    """Alias of ``choose_connection``; the gateway defaults to the parent window's."""
    if gateway is None:
        found = getattr(parent, "gateway", None)
        gateway = found if isinstance(found, Gateway) else None
    if gateway is not None:
        return choose_connection(parent, gateway)
    dialog = ProfilesDialog(None, parent)  # no gateway: everything but Test connection
    try:
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen
    finally:
        dialog.deleteLater()
