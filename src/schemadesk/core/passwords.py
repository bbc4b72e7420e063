"""Passwords live only in the OS keyring; this is the one place that touches it."""

from __future__ import annotations

import contextlib
from types import ModuleType

from schemadesk.core.errors import KeyringUnavailable
from schemadesk.core.messages_tools import say

SERVICE = "schemadesk"


def _keyring() -> ModuleType:
    # Imported on first use: keyring (and what it pulls in) costs a noticeable part of the
    # window's start-up, and a --dsn session never needs it.
    import keyring
    import keyring.errors  # the submodule, for the error classes

    return keyring


def keyring_problem() -> str | None:
    """Why passwords cannot be stored here, or ``None`` when a real keyring backend is active."""
    from keyring.backends import fail

    backend = _keyring().get_keyring()
    if isinstance(backend, fail.Keyring):
        return say("keyring-none")
    return None


def load_password(profile_name: str) -> str | None:
    """The stored password for a profile, or ``None`` (no keyring, or nothing stored)."""
    if keyring_problem():
        return None
    try:
        password: str | None = _keyring().get_password(SERVICE, profile_name)
        return password
    except _keyring().errors.KeyringError:
        return None


def store_password(profile_name: str, password: str) -> None:
    """Store a profile's password in the keyring; raise KeyringUnavailable when there is none."""
    problem = keyring_problem()
    if problem:
        raise KeyringUnavailable(problem)
    try:
        _keyring().set_password(SERVICE, profile_name, password)
    except _keyring().errors.KeyringError as exc:
        # The backend's message never contains the secret, but say only its class to be sure.
        raise KeyringUnavailable(say("keyring-refused", kind=type(exc).__name__)) from None


def forget_password(profile_name: str) -> None:
    """Delete a stored password; nothing stored is fine."""
    if keyring_problem():
        return
    with contextlib.suppress(_keyring().errors.PasswordDeleteError):
        _keyring().delete_password(SERVICE, profile_name)


def move_password(old_name: str, new_name: str) -> bool:
    """Move a stored password to a renamed profile; False when nothing was stored to move.

    The new entry is written before the old one is deleted, so a failing keyring never loses it.
    """
    if old_name == new_name:
        return False
    password = load_password(old_name)
    if password is None:
        return False
    store_password(new_name, password)
    forget_password(old_name)
    return True
