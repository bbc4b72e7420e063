"""Choosing a connection: the connections dialog shown modally, from a slot or a coroutine."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections.modal import run_modal, run_modal_async
from schemadesk.ui.connections.profiles_dialog import Choice, ProfilesDialog


def choose_connection(parent: QWidget | None, gateway: Gateway | None) -> Choice | None:
    """Show the connections dialog; the chosen (profile, password or None), None when closed.
    Without a gateway, everything works but Test connection.

    Blocks (modal); call it from a slot or before the loop runs. From a coroutine,
    ``await choose_connection_async(...)``.
    """
    dialog = ProfilesDialog(gateway, parent)
    try:
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen
    finally:
        dialog.deleteLater()


async def choose_connection_async(parent: QWidget | None, gateway: Gateway) -> Choice | None:
    """``choose_connection`` for coroutines: other tasks keep running while it is open."""
    dialog = ProfilesDialog(gateway, parent)
    try:
        if await run_modal_async(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen
    finally:
        dialog.deleteLater()
