"""A load that fails outside the ``try`` that words its own errors (a bug in the convention
check, a keyring backend raising while connecting) used to leave the window "loading" for ever.
Now the failure shows where the view would have been, in the window's language when core said
it, its traceback goes to the log, the wait for the load ends, and Retry loads again for real."""

from __future__ import annotations

import logging
from typing import Any, NoReturn

import pytest
from PySide6.QtWidgets import QPushButton

from schemadesk.core.errors import ConfigError, SchemadeskError
from schemadesk.core.messages_tools import say
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop

NAME = "prod: a lacks b, 'x'"


def _broken(exc: Exception) -> Any:
    def raising(*_args: Any, **_kwargs: Any) -> NoReturn:
        raise exc

    return raising


def _open(main_window: MainWindow, dsn: str) -> ConnectionSession:
    main_window.open_profile(ConnectionProfile(name=NAME, conninfo=dsn, read_only=True))
    session = main_window.current
    assert session is not None
    return session


def _retry(session: ConnectionSession, view: str) -> None:
    """Click the Retry button of a page's error panel, as a person would."""
    buttons = session.pages[view].findChildren(QPushButton)
    next(b for b in buttons if b.text().replace("&", "") in ("Retry", "Повторить")).click()


def test_a_check_that_breaks_ends_the_load_with_its_error_logged_and_retry_loads(
    main_window: MainWindow,
    ui_loop: UiLoop,
    primary_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(
        "schemadesk.ui.catalog_loading.check_slices",
        _broken(RuntimeError("the check broke on 'x'\nsecond line")),
    )
    caplog.set_level(logging.ERROR, logger="schemadesk")
    session = _open(main_window, primary_dsn)
    with pytest.raises(SchemadeskError, match=r"RuntimeError: the check broke on 'x'$"):
        ui_loop.run(main_window.wait_loaded())
    for view, title in (("schemas", "Could not load schemas"), ("roles", "Could not load roles")):
        page = session.pages[view]
        assert page.is_error, view  # not its half-read content without findings
        assert page._error_title.text() == title
        assert page.error_message == "RuntimeError: the check broke on 'x'"
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[0] is RuntimeError]
    assert logged, caplog.text  # the traceback, for the bug report
    assert "test_load_failures.py" in caplog.text

    monkeypatch.undo()
    _retry(session, "roles")
    ui_loop.run(main_window.wait_loaded())
    for view in ("schemas", "roles"):
        assert session.pages[view].currentWidget() is session.pages[view].content, view
    assert session.catalog_read
    assert session.roles_view.roles_model.rowCount() > 0


def test_a_said_error_escaping_the_check_is_shown_in_russian(
    russian: None,
    main_window: MainWindow,
    ui_loop: UiLoop,
    primary_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    where = "x.toml: [lint] a lacks b"
    monkeypatch.setattr(
        "schemadesk.ui.catalog_loading.check_slices",
        _broken(ConfigError(say("lint-not-table", where=where))),
    )
    session = _open(main_window, primary_dsn)
    with pytest.raises(SchemadeskError):
        ui_loop.run(main_window.wait_loaded())
    page = session.pages["schemas"]
    assert page._error_title.text() == "Не удалось загрузить схемы"
    shown = page.error_message
    assert shown == f"{where} должен быть таблицей", shown


def test_a_connection_that_fails_unexpectedly_ends_connecting_and_retry_connects(
    main_window: MainWindow,
    ui_loop: UiLoop,
    primary_dsn: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A keyring backend (or any helper) raising something nobody expected while connecting:
    every page says so instead of "Connecting…"; Retry connects to the real server."""
    monkeypatch.setattr(
        "schemadesk.ui.connections.host_key.open_trusting",
        _broken(LookupError("the keyring backend broke")),
    )
    session = _open(main_window, primary_dsn)
    with pytest.raises(SchemadeskError, match="LookupError: the keyring backend broke"):
        ui_loop.run(main_window.wait_loaded())
    for view, page in session.pages.items():
        assert page.is_error, view
        assert page._error_title.text() == "Could not connect"
    assert session.database is None

    monkeypatch.undo()
    _retry(session, "migrations")
    ui_loop.run(main_window.wait_loaded())
    assert session.database is not None
    assert session.pages["schemas"].currentWidget() is session.pages["schemas"].content


def test_cancel_while_the_server_makes_the_load_wait_ends_it_and_retry_loads(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    """Another session holds a lock the catalog query needs: the load waits on the server
    (seen in pg_stat_activity, no timing). Cancel stops it: the pages say so with Retry instead
    of loading for ever, and Retry, once the lock is gone, loads for real."""
    import psycopg

    from tests.until import until

    with psycopg.connect(primary_dsn) as blocker:
        # pg_description: the catalog load reads it, opening a connection never does.
        blocker.execute("LOCK TABLE pg_catalog.pg_description IN ACCESS EXCLUSIVE MODE")
        session = _open(main_window, primary_dsn)

        def waiting() -> bool:
            # A fresh view each time: a transaction sees pg_stat_activity as it first read it.
            blocker.execute("SELECT pg_stat_clear_snapshot()")
            row = blocker.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND pid <> pg_backend_pid()"
            ).fetchone()
            return row is not None and row[0] > 0

        ui_loop.run(until(waiting))
        assert session.pages["schemas"].is_loading
        cancel = next(
            b
            for b in session.pages["schemas"].findChildren(QPushButton)
            if b.text().replace("&", "") == "Cancel"
        )
        cancel.click()
        with pytest.raises(SchemadeskError, match="Loading was cancelled"):
            ui_loop.run(main_window.wait_loaded())
        for view in ("schemas", "roles"):
            page = session.pages[view]
            assert page.is_error, view
            assert page._error_title.text() == "Not loaded"
        blocker.rollback()  # the lock is gone
    _retry(session, "schemas")
    ui_loop.run(main_window.wait_loaded())
    assert session.catalog_read
    assert session.pages["roles"].currentWidget() is session.pages["roles"].content
