"""Write a realistic review report and take its screenshot (resources/screenshots/report.png).

Run by hand: ``python -m tests.audit.screenshot_report [OUT.png] [--lang ru]``. Starts a
throwaway cluster, applies one migration of a small module, then writes the report of the two
pending ones with a rehearsal and the convention findings, and renders it with headless Chromium
(then pngquant, when installed, keeps the PNG small: the wheel carries the screenshots).

``--lang ru`` writes the report as the window's File ▸ Export review report… does in that
language (no rehearsal: the window exports the plan and the findings), into ``ru-report.png``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

FIRST = {
    "001_orders.sql": (
        "-- Orders placed in the shop.\n"
        "CREATE TABLE {{tables.orders}} (\n"
        "    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
        "    customer_id bigint NOT NULL,\n"
        "    placed_at   timestamptz NOT NULL DEFAULT now()\n"
        ");\n"
    ),
}
PENDING = {
    "002_order_status.sql": (
        "ALTER TABLE {{tables.orders}}\n"
        "    ADD COLUMN status text NOT NULL DEFAULT 'new'\n"
        "        CHECK (status IN ('new', 'paid', 'shipped', 'cancelled'));\n"
        "CREATE INDEX orders_status_idx ON {{tables.orders}} (status) WHERE status <> 'shipped';\n"
    ),
    "003_order_total.sql": (
        "CREATE FUNCTION {{tables.order_total}}(order_id bigint) RETURNS numeric\n"
        "LANGUAGE sql STABLE AS $$\n"
        "    SELECT 0::numeric  -- lines arrive in 004\n"
        "$$;\n"
        "COMMENT ON FUNCTION {{tables.order_total}}(bigint) IS 'Sum of an order''s lines';\n"
    ),
}


def window_report(dsn: str, folder: Path, html: Path, lang: str) -> None:
    """The report the window exports in ``lang`` (headings, titles and findings translated)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from schemadesk.core.migrations.project import single_module
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.core.report import write_report
    from schemadesk.db.gateway import Gateway
    from schemadesk.db.review import pending_review
    from schemadesk.ui.i18n import install_translations
    from schemadesk.ui.report_export import window_review

    app = QApplication.instance() or QApplication([])
    install_translations(app, lang)
    with Gateway() as gateway:
        profile, _ = ConnectionProfile.from_dsn(dsn)
        database = gateway.open(profile).result()
        project = single_module(folder, "sales")
        pending = gateway.call(pending_review(database, project, findings=True))
    write_report(window_review(pending), html)


def main(out: Path, lang: str = "en") -> int:
    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.db.local_cluster import start_cluster

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("needs chromium (apt-get install -y chromium)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="sd-report-"))
    env = {**os.environ, "SCHEMADESK_DATA_DIR": str(work / "data")}
    with start_cluster(find_server_bindir()) as cluster:
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import psycopg,sys; c=psycopg.connect(sys.argv[1], "
                "autocommit=True); c.execute('CREATE DATABASE shop')",
                cluster.conninfo(),
            ],
            check=True,
        )
        dsn = cluster.conninfo("shop")
        folder = work / "sales"
        folder.mkdir()
        args = ["--dsn", dsn, "--migrations", str(folder), "--schema", "sales"]

        def cli(*extra: str) -> None:
            subprocess.run(
                [sys.executable, "-m", "schemadesk", *extra], check=True, env=env, cwd=work
            )

        for name, text in FIRST.items():
            (folder / name).write_text(text, encoding="utf-8")
        cli("apply", *args, "--yes")
        for name, text in PENDING.items():
            (folder / name).write_text(text, encoding="utf-8")
        html = work / "report.html"
        if lang == "en":
            cli("report", *args, "--rehearse", "--findings", "--output", str(html))
            cli("report", *args, "--output", str(work / "report.md"))
        else:
            window_report(dsn, folder, html, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1180,1900",
            f"--screenshot={out}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    pngquant = shutil.which("pngquant")  # about a third of the size, no visible change
    if pngquant is not None:
        subprocess.run(
            [pngquant, "--quality=80-95", "--speed=1", "--force", "--output", str(out), str(out)],
            check=True,
        )
    print(f"{out} (report: {html})")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="The review report's screenshot")
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    options = parser.parse_args()
    name = "report.png" if options.lang == "en" else f"{options.lang}-report.png"
    raise SystemExit(main(options.out or REPO / "resources/screenshots" / name, options.lang))
