"""Composition root of the window: QApplication + qasync loop + gateway + main window."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, cast

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.long_lived import CollectorPolicy, use_collector_policy
from schemadesk.core.profiles import ConnectionProfile, default_config_dir

if TYPE_CHECKING:
    from schemadesk.core.migrations.project import Project

SMOKE_TIMEOUT_S = 60.0
# The window's collector policy (core/long_lived.py): a catalog is built with collection paused
# and then frozen out of later scans (a full scan of 40,000 relations froze the window for up to
# 250 ms). A load freezes three times (the first parts, the whole catalog, its findings), so about
# every tenth F5 starts with one full collection: garbage frozen by mistake is collected, never
# piled up over a long session.
log = logging.getLogger(__name__)


def release_memory() -> None:
    """After a build: drop the ACL parse caches (at 10,000 tenant schemas 90,000 entries, 13 MiB,
    whose keys, the rows' texts, also pinned the rows' memory) and hand glibc's free heap pages
    back (``malloc_trim``: the rows' C buffers leave 10-15 MiB free inside the heap). The window
    only: a later load parses its ACLs again; F5 keeps the models of what did not change.

    On the window's loop this runs in steps of its own, 1,000 entries a loop turn (freed at
    once, with the trim, it held the loop 15-20 ms after the build's last slice); a build's end
    on another thread leaves it to the next on the UI thread."""
    if threading.current_thread() is not threading.main_thread():
        return
    from schemadesk.core.access.acl import forgetting_parsed

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop: at once
        deque(forgetting_parsed(), maxlen=0)
        _trim()
        return
    _release.again = True
    running = _release.task
    if running is None or running.done() or running.get_loop() is not loop:  # a loop closed
        _release.task = loop.create_task(_release_in_steps())


class _Release:
    """The release running on the window's loop (held: a task nobody holds may be collected)."""

    task: asyncio.Task[None] | None = None
    again = False  # a build ended meanwhile: go over the caches once more


_release = _Release()


async def _release_in_steps() -> None:
    from schemadesk.core.access.acl import forgetting_parsed

    while _release.again:
        _release.again = False
        for _ in forgetting_parsed():
            await asyncio.sleep(0)
        await asyncio.sleep(0)
        _trim()


def _trim() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (None elsewhere: macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return cast(Callable[[int], int], ctypes.CDLL("libc.so.6").malloc_trim)
    except (OSError, AttributeError):
        return None


WINDOW_COLLECTOR = CollectorPolicy(
    pause=True, freeze=True, collect_every=32, release=release_memory
)


def open_window(
    profile: ConnectionProfile | None,
    password: str | None = None,
    *,
    project: Project | None = None,
    smoke_test: bool = False,
    on_shown: Callable[[], None] | None = None,
) -> int:
    """Run the window until it closes (or, for a smoke test, until every view has loaded)."""
    if smoke_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from schemadesk.ui.platform_check import EXIT_NO_PLATFORM, check_platform

    missing = check_platform()  # Qt would abort naming no package; say which ones first
    if missing is not None:
        print(missing, file=sys.stderr)
        return EXIT_NO_PLATFORM
    use_collector_policy(WINDOW_COLLECTOR)
    import qasync
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from schemadesk.db.gateway import Gateway
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.main_window import MainWindow
    from schemadesk.ui.qt_messages import install_message_filter
    from schemadesk.ui.settings_dialog import apply_saved_appearance
    from schemadesk.ui.tasks import finish_pending

    install_message_filter()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("schemadesk")
    app.setApplicationName("schemadesk")
    app.setApplicationDisplayName("schemadesk")
    app.setDesktopFileName("schemadesk")  # the .deb's menu entry: the shell finds its icon
    app.setWindowIcon(
        QIcon(str(resources.files("schemadesk.resources") / "icons" / "schemadesk.svg"))
    )
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(default_config_dir())
    )
    apply_saved_appearance()
    language = install_translations(app)  # before any window: every tr() reads it
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    _log_unexpected(loop)

    with Gateway() as gateway:
        window = MainWindow(gateway, project)
        window.interactive = not smoke_test
        window.show()
        if on_shown is not None:
            on_shown()
        if profile is None and not smoke_test:
            from schemadesk.ui.connections import choose_connection  # only when it is needed

            chosen = choose_connection(window, gateway)
            if chosen is None:
                return 0
            profile, password = chosen
        if profile is None:
            print("schemadesk: error: --smoke-test needs --dsn or --profile", file=sys.stderr)
            return 2
        window.open_profile(profile, password)
        if smoke_test:
            return int(loop.run_until_complete(_smoke_report(window, language)))
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        with loop:
            loop.run_until_complete(closed.wait())
            finish_pending(loop)  # before the gateway stops: what they await ends first
    return 0


def _log_unexpected(loop: asyncio.AbstractEventLoop) -> None:
    """Exceptions no handler caught (a Qt slot, a loop callback) go to the log with their
    stack; the window keeps running, as it would without this."""
    from schemadesk.core.logs import configure_logging

    configure_logging()  # idempotent: also when the window starts without the command line

    def on_loop_error(_loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
        exc = context.get("exception")
        log.error("%s", context.get("message", "event loop error"), exc_info=exc)  # type: ignore[arg-type]

    loop.set_exception_handler(on_loop_error)
    previous = sys.excepthook
    if getattr(previous, "logs_to_schemadesk", False):
        return  # a second window in this process: the hook is in place

    def on_uncaught(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        log.error("uncaught exception", exc_info=(kind, exc, exc.__traceback__))
        previous(kind, exc, exc.__traceback__)

    on_uncaught.logs_to_schemadesk = True  # type: ignore[attr-defined]
    sys.excepthook = on_uncaught


async def _smoke_report(window: object, language: str = "en") -> int:
    """Wait for every view, paint once, print one JSON line; non-zero with the error on failure."""
    from schemadesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    started = time.perf_counter()
    try:
        await asyncio.wait_for(window.wait_loaded(), SMOKE_TIMEOUT_S)
    except (SchemadeskError, TimeoutError) as exc:
        message = str(exc) or f"views did not load within {SMOKE_TIMEOUT_S:.0f} s"
        print(json.dumps({"ok": False, "error": message}), flush=True)
        return 1
    window.grab()  # paint the window once, as a screen would
    report = window.smoke_summary()
    report["load_ms"] = round((time.perf_counter() - started) * 1000, 1)
    report["language"] = language
    print(json.dumps(report, ensure_ascii=False), flush=True)
    window.close()
    return 0
