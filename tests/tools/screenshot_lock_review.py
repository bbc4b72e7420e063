"""Screenshots of the confirmation's per-migration review after a rehearsal: the timeouts each
migration runs under, the locks and rewrites the rehearsal saw, the lint's findings.

    xvfb-run -a -s "-screen 0 1440x900x24" python tests/tools/screenshot_lock_review.py --lang ru

Starts a throwaway cluster, applies a first migration (a table of 20,000 rows), then in the
window rehearses three pending ones (a type change that rewrites the table, an index, a
no-transaction CREATE INDEX CONCURRENTLY) and opens the apply's confirmation; saves
docs/screenshots/lock-review[-ru].png (a grab of the screen, as a person would see it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BASE = (
    "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY, qty int NOT NULL, note text);\n"
    "INSERT INTO {{tables.orders}} SELECT g, g % 50, repeat('x', 40)"
    " FROM generate_series(1, 20000) g;\n"
    "ANALYZE {{tables.orders}};\n"
)
PENDING = {
    "002_qty_bigint.sql": (
        "SET lock_timeout = '2s';\nALTER TABLE {{tables.orders}} ALTER COLUMN qty TYPE bigint;\n"
    ),
    "003_note_index.sql": "CREATE INDEX orders_note ON {{tables.orders}} (note);\n",
    "004_qty_index.sql": (
        "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY orders_qty ON shop.orders (qty);\n"
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("run me under xvfb-run (see the docstring)", file=sys.stderr)
        return 2
    import qasync
    from PySide6.QtWidgets import QApplication
    from tests.until import until

    from schemadesk.cli import main as cli
    from schemadesk.core.migrations.project import single_module
    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.db.gateway import Gateway
    from schemadesk.db.local_cluster import start_cluster
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.main_window import MainWindow

    work = Path(tempfile.mkdtemp(prefix="sd-lock-review-"))
    os.environ["SCHEMADESK_CONFIG_DIR"] = str(work / "config")
    os.environ["SCHEMADESK_DATA_DIR"] = str(work / "data")
    folder = work / "migrations"
    folder.mkdir()
    (folder / "001_orders.sql").write_text(BASE)
    cluster = start_cluster(find_server_bindir())
    try:
        dsn = cluster.conninfo()
        base = ["--dsn", dsn, "--migrations", str(folder), "--schema", "shop"]
        assert cli(["apply", *base, "--yes", "--json"]) == 0
        for name, text in PENDING.items():
            (folder / name).write_text(text)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("schemadesk")
        install_translations(app, args.lang)
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with Gateway() as gateway:
            window = MainWindow(gateway, single_module(folder, "shop"))
            window.resize(1360, 820)
            window.move(0, 0)
            window.show()
            window.open_profile(ConnectionProfile(name="staging", conninfo=dsn))
            loop.run_until_complete(asyncio.wait_for(window.wait_loaded(), 60))
            window.show_view("migrations")

            async def dialog_after(button: object) -> object:
                button.click()  # type: ignore[attr-defined]
                await until(lambda: window.flow.dialog is not None
                            and window.flow.dialog.isVisible())  # fmt: skip
                return window.flow.dialog

            async def go() -> tuple[int, int, int, int]:
                view = window.migrations_view
                dialog = await dialog_after(view.rehearse_button)
                dialog.confirm_button.click()  # type: ignore[attr-defined]
                await until(lambda: not window.progress.cancel_button.isEnabled()
                            and window.progress.message.text() != "")  # fmt: skip
                dialog = await dialog_after(view.apply_button)
                dialog.resize(1180, 800)  # type: ignore[attr-defined]
                dialog.move(40, 30)  # type: ignore[attr-defined]
                review = dialog.review  # type: ignore[attr-defined]
                review.setColumnWidth(0, 250)
                review.expandAll()
                await asyncio.sleep(0.8)  # layout and paint settle
                g = dialog.frameGeometry()  # type: ignore[attr-defined]
                return g.x(), g.y(), g.width(), g.height()

            x, y, w, h = loop.run_until_complete(asyncio.wait_for(go(), 120))
            OUT.mkdir(parents=True, exist_ok=True)
            path = OUT / (
                "lock-review.png" if args.lang == "en" else f"lock-review-{args.lang}.png"
            )
            app.primaryScreen().grabWindow(0, x, y, w, h).save(str(path))
            print(path)
            if window.flow.dialog is not None:
                window.flow.dialog.reject()
                loop.run_until_complete(asyncio.sleep(0.2))
            window.close()
            loop.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
