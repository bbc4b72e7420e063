"""Connection profiles in the window: the connections dialog and the password prompt."""

from __future__ import annotations

from schemadesk.ui.connections.choose import choose_connection, choose_connection_async
from schemadesk.ui.connections.password_prompt import (
    PasswordPrompt,
    ask_password,
    ask_password_async,
)
from schemadesk.ui.connections.probe import ProbeResult, probe
from schemadesk.ui.connections.profile_form import ProfileForm
from schemadesk.ui.connections.profiles_dialog import ProfilesDialog

__all__ = [
    "PasswordPrompt",
    "ProbeResult",
    "ProfileForm",
    "ProfilesDialog",
    "ask_password",
    "ask_password_async",
    "choose_connection",
    "choose_connection_async",
    "probe",
]
