"""Screenshot of the Rollout view after a rollout: a canary and four more databases, one of
them with a tenant that fails on its first migration (its file and line in the grid).

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python -m tests.tools.screenshot_rollout \
        [--lang ru]

Writes ``docs/screenshots/rollout-<lang>.png`` (a grab of the screen, as a person sees it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
NAMES = ("eu-canary", "eu-west-1", "eu-west-2", "us-east-1", "ap-south-1")


def _prepare(admin: str, root: Path) -> Path:
    folder = root / "tenant"
    folder.mkdir()
    (folder / "001_orders.sql").write_text("CREATE TABLE {{tables.orders}} (id int);\n")
    (folder / "002_total.sql").write_text("ALTER TABLE {{tables.orders}}\n  ADD total numeric;\n")
    (folder / "003_index.sql").write_text("CREATE INDEX ON {{tables.orders}} (total);\n")
    lines = [
        "[rollout]\nper_server = 2\n",
        '[[rollout.stages]]\nname = "canary"\nparallel = 1\n',
        '[[rollout.stages]]\nname = "rest"\n',
        f'[[rollout.tenants]]\nname = "tenant"\npath = "{folder}"\nschemas = "shop_*"\n',
    ]
    for i, name in enumerate(NAMES):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        dsn = psycopg.conninfo.make_conninfo(admin, dbname=name)
        with psycopg.connect(dsn, autocommit=True) as conn:
            for s in range(1, 9 + i):
                conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(f"shop_{s:02}")))
            if name == "us-east-1":  # a tenant with a table of that name already
                conn.execute("CREATE TABLE shop_04.orders (id int)")
        stage = "canary" if i == 0 else "rest"
        lines.append(f'[[targets]]\nname = "{name}"\ndsn = {json.dumps(dsn)}\nstage = "{stage}"\n')
    path = root / "fleet.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot of the Rollout view")
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        print("run me under xvfb-run (see the docstring)", file=sys.stderr)
        return 2
    import qasync
    from PySide6.QtWidgets import QApplication
    from tests.until import until

    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.db.gateway import Gateway
    from schemadesk.db.local_cluster import start_cluster
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.rollout_view import RolloutDialog

    os.environ["SCHEMADESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="schemadesk-shot-")
    os.environ["SCHEMADESK_DATA_DIR"] = os.environ["SCHEMADESK_CONFIG_DIR"]
    cluster = start_cluster(find_server_bindir())
    try:
        with tempfile.TemporaryDirectory() as tmp:
            targets = _prepare(cluster.conninfo(), Path(tmp))
            app = QApplication(sys.argv[:1])
            install_translations(app, args.lang)
            loop = qasync.QEventLoop(app)
            asyncio.set_event_loop(loop)
            with Gateway() as gateway:
                dialog = RolloutDialog(gateway)
                dialog.resize(1180, 420)
                dialog.move(0, 0)
                dialog.show()
                dialog.path.setText(str(targets))
                dialog.continue_on_error.setChecked(True)
                dialog.plan_button.click()
                loop.run_until_complete(asyncio.wait_for(until(dialog.run_button.isEnabled), 60))
                dialog.run_button.click()
                loop.run_until_complete(asyncio.wait_for(until(dialog.retry_button.isEnabled), 60))
                dialog.grid.resizeColumnsToContents()
                loop.run_until_complete(asyncio.sleep(0.5))
                geometry = dialog.frameGeometry()
                image = app.primaryScreen().grabWindow(
                    0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
                )
                OUT.mkdir(parents=True, exist_ok=True)
                path = OUT / f"rollout-{args.lang}.png"
                image.save(str(path))
                print(path)
                dialog.close()
            loop.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
