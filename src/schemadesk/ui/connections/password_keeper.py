"""Where each profile's password lives while the connections dialog is open.

Remembered passwords go to the OS keyring; the others (not remembered, or no keyring) stay in
this object's memory for the session and are never written anywhere. No Qt here.
"""

from __future__ import annotations

from schemadesk.core.errors import KeyringUnavailable
from schemadesk.core.passwords import (
    forget_password,
    load_password,
    move_password,
    store_password,
)


class PasswordKeeper:
    """Keyring entries and session-only passwords, by profile name."""

    def __init__(self) -> None:
        self._session: dict[str, str] = {}

    def session_password(self, name: str) -> str | None:
        """A password typed but not remembered for this profile, this session."""
        return self._session.get(name)

    def is_stored(self, name: str) -> bool:
        return load_password(name) is not None

    def known(self, name: str) -> str | None:
        """This session's password, else the stored one, else None (libpq: ~/.pgpass)."""
        return self._session.get(name) or load_password(name)

    def keep(
        self, name: str, typed: str, *, remember: bool, renamed_from: str | None = None
    ) -> str | None:
        """Store, move or forget as the form says; the keyring's problem when it failed.

        ``typed`` empty with ``remember`` keeps what is stored. Unticking ``remember`` removes
        the stored password and keeps a typed one for this session only.
        """
        problem: str | None = None
        if renamed_from is not None and renamed_from != name:
            try:
                move_password(renamed_from, name)
            except KeyringUnavailable as exc:
                problem = str(exc)
            if renamed_from in self._session:
                self._session[name] = self._session.pop(renamed_from)
        if remember:
            if typed:
                try:
                    store_password(name, typed)
                    self._session.pop(name, None)
                except KeyringUnavailable as exc:
                    self._session[name] = typed
                    problem = str(exc)
        else:
            forget_password(name)
            if typed:
                self._session[name] = typed
            else:
                self._session.pop(name, None)
        return problem

    def forget(self, name: str) -> None:
        """The profile is gone: so are its stored and its session password."""
        forget_password(name)
        self._session.pop(name, None)
