"""What the screenshot scripts share: a throwaway cluster, the window on a qasync loop, and a
grab of the screen's corner the window was placed in. Run under Xvfb (see each script)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import qasync
    from PySide6.QtWidgets import QApplication

    from schemadesk.core.migrations.project import Project
    from schemadesk.db.local_cluster import LocalCluster
    from schemadesk.ui.main_window import MainWindow

T = TypeVar("T")


def under_xvfb(usage: str) -> bool:
    """True with a display; else says how to run the script (``usage``) and returns False."""
    if os.environ.get("DISPLAY"):
        return True
    print(usage, file=sys.stderr)
    return False


def language(argv: list[str] | None, doc: str | None) -> str | None:
    """The ``--lang`` asked for (en or ru); None, after saying how to run it, without a display."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    lang = str(parser.parse_args(argv).lang)
    return lang if under_xvfb("run me under xvfb-run (see the docstring)") else None


def prefix(lang: str) -> str:
    """What a screenshot's file name starts with in ``lang`` (``ru-``; English: nothing)."""
    return "" if lang == "en" else f"{lang}-"


@contextmanager
def demo_cluster(config_dir: Path) -> Iterator[LocalCluster]:
    """A throwaway cluster holding the demo database; the window's settings in ``config_dir``
    (no geometry saved by a person shapes the screenshot)."""
    from schemadesk.db.demo_database import prepare_demo_database

    os.environ["SCHEMADESK_CONFIG_DIR"] = str(config_dir)
    with throwaway_cluster() as cluster:
        prepare_demo_database(cluster.conninfo())
        yield cluster


@contextmanager
def throwaway_cluster() -> Iterator[LocalCluster]:
    """A PostgreSQL cluster of its own, stopped afterwards."""
    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.db.local_cluster import start_cluster

    cluster = start_cluster(find_server_bindir())
    try:
        yield cluster
    finally:
        cluster.stop()


@dataclass
class Shot:
    """The window of a screenshot, its loop, and the size grabbed."""

    app: QApplication
    loop: qasync.QEventLoop
    window: MainWindow
    size: tuple[int, int]

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))

    def open(self, name: str, conninfo: str) -> None:
        """Open a profile and wait until every view has loaded."""
        from schemadesk.core.profiles import ConnectionProfile

        self.window.open_profile(ConnectionProfile(name=name, conninfo=conninfo))
        self.run(self.window.wait_loaded())

    def save(self, path: Path, settle: float = 0.6) -> None:
        """Let the screen repaint, grab the window's corner, save it as ``path``, say where."""
        self.run(asyncio.sleep(settle))
        path.parent.mkdir(parents=True, exist_ok=True)
        self.app.primaryScreen().grabWindow(0, 0, 0, *self.size).save(str(path))
        print(path)


@contextmanager
def shot_window(
    size: tuple[int, int], *, lang: str = "en", project: Project | None = None
) -> Iterator[Shot]:
    """The main window at the screen's top left, in ``lang``, on a gateway of its own."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from schemadesk.db.gateway import Gateway
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setApplicationName("schemadesk")
    install_translations(app, lang)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with Gateway() as gateway:
        window = MainWindow(gateway, project)
        window.resize(*size)
        window.move(0, 0)
        window.show()
        try:
            yield Shot(app, loop, window, size)
        finally:
            window.close()
            loop.close()
