"""What an open connection shows when one of its tasks fails outside the ``try`` that words its
own errors (a bug in the convention check, a keyring backend that raises while connecting): the
failure where the load would have been, never a page left "loading" for ever.

``TaskRunner`` has already logged an unexpected exception with its traceback; an error core or
db worded (a ``SchemadeskError``) is logged here in one line. The text shown is in the window's
language when core said it (``message_text``), else its one line.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from schemadesk.ui.core_texts import message_text
from schemadesk.ui.core_texts.fill import translate

if TYPE_CHECKING:
    from schemadesk.ui.connection_session import ConnectionSession
    from schemadesk.ui.loading_stack import LoadingStack

log = logging.getLogger(__name__)


def _titles() -> dict[str, str]:
    # The texts the session's own load gives these pages (its tr() context, one translation).
    return {
        "schemas": translate("ConnectionSession", "Could not load schemas"),
        "roles": translate("ConnectionSession", "Could not load roles"),
        "migrations": translate("ConnectionSession", "Could not load migrations"),
    }


def task_failed(session: ConnectionSession, name: str, message: str, details: str) -> None:
    """A task of ``session`` failed: a load ends on its pages (Retry or F5 loads again); any
    other says so in the status bar."""
    if not details:  # worded by core or db, so TaskRunner did not log it
        log.warning("task %r of %s failed: %s", name, session.profile.name, message)
    if name == "load":
        load_failed(session, message)
        return
    if name == "sizes" or name.startswith("sizes "):  # each batch is "sizes N"
        text = translate("ConnectionSession", "Could not read the schemas' sizes: %1")
    elif name.startswith("audit:"):
        text = translate(
            "ConnectionSession", "Could not write the audit record to the database: %1"
        )
    else:
        text = translate("ConnectionSession", "A background task failed: %1 (details in the log)")
    session.connection_note.emit(text.replace("%1", message_text(message)))


def load_failed(session: ConnectionSession, message: str) -> None:
    """Every page the failed load had not finished shows ``message`` with Retry; the wait for
    the load ends with the failure."""
    titles = _titles()
    unfinished = _unfinished(session)
    for view, page in unfinished:
        connecting = translate("ConnectionSession", "Could not connect")
        page.show_error(connecting if session.database is None else titles[view], message)
    if not unfinished and not any(page.is_error for page in session.pages.values()):
        # Everything was read; what failed is what joins the views (the schemas' columns).
        session.pages["schemas"].show_error(titles["schemas"], message)
    session.finish_loading([message])


def load_cancelled(session: ConnectionSession) -> None:
    """Cancel (on a page still loading): the load stops, and the pages it had not finished say
    so with Retry instead of loading for ever."""
    if not session.tasks.cancel("load"):
        return
    text = translate("ConnectionSession", "Loading was cancelled; Retry or F5 loads again.")
    for _view, page in _unfinished(session):
        page.show_error(translate("ConnectionSession", "Not loaded"), text)
    session.finish_loading([text])


def _unfinished(session: ConnectionSession) -> list[tuple[str, LoadingStack]]:
    """The pages a load had not finished: every one while connecting; the schemas and roles
    until the catalog was read and checked whole (their findings would be missing); the
    migrations while loading. A page already showing an error keeps it."""
    connecting = session.database is None
    return [
        (view, page)
        for view, page in session.pages.items()
        if not page.is_error
        and (connecting or (page.is_loading if view == "migrations" else not session.catalog_read))
    ]
