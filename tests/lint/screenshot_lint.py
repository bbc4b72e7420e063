"""Screenshots of lint in the window's SQL preview and in the review report.

Run by hand: ``xvfb-run -a -s "-screen 0 1440x900x24" python -m tests.lint.screenshot_lint``.
Writes resources/screenshots/lint-preview.png (the preview of a corpus file with squawk's and
schemadesk's findings marked; a real window on the virtual screen, grabbed) and
lint-report.png (the lint section of a review report of the corpus, written by
``schemadesk report --lint`` against a throwaway cluster and rendered with headless Chromium).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "resources" / "screenshots"
CORPUS = Path(__file__).parent / "data" / "corpus"
SHOWN = "006_foreign_key.sql"
APPLIED = ("001_create.sql",)
PENDING = ("002_add_column_default.sql", "003_alter_type.sql", "006_foreign_key.sql")


def preview_png(out: Path) -> None:
    """The preview of one corpus file once its lint findings arrived."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from schemadesk.core.lint import LintInput
    from schemadesk.core.migrations.files import load_file
    from schemadesk.core.migrations.template import render
    from schemadesk.ui.migration_preview import placeholder_spans, rendered_problems
    from schemadesk.ui.sql_preview import SqlPreview
    from schemadesk.ui.sql_preview.lint_markers import LintMarkers

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    preview = SqlPreview()
    preview.resize(1100, 520)
    preview.show()
    file = load_file(CORPUS / SHOWN)
    rendered = render(file.content or "", "shop")
    preview.show_migration(
        f"{SHOWN} — pending",
        file.content or "",
        rendered.text,
        placeholder_spans(rendered.placeholders),
        rendered_problems(rendered, file.problems),
        schema="shop",
    )
    markers = LintMarkers(preview)

    async def go() -> None:
        linted = asyncio.Event()
        markers.linted.connect(lambda _name: linted.set())
        markers.request(LintInput("shop", "shop", file))
        await linted.wait()
        await asyncio.sleep(0.5)  # highlighting and layout settle

    loop.run_until_complete(asyncio.wait_for(go(), 60))
    preview.grab().save(str(out))


def report_png(out: Path) -> None:
    """The lint section of ``schemadesk report --lint`` on a throwaway cluster."""
    from PySide6.QtGui import QImage

    from schemadesk.core.pg_binaries import find_server_bindir
    from schemadesk.db.local_cluster import start_cluster

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("needs chromium (apt-get install -y chromium)")
    work = Path(tempfile.mkdtemp(prefix="sd-lint-"))
    env = {**os.environ, "SCHEMADESK_DATA_DIR": str(work / "data")}
    folder = work / "shop"
    folder.mkdir()
    with start_cluster(find_server_bindir()) as cluster:
        dsn = cluster.conninfo()
        args = ["--dsn", dsn, "--migrations", str(folder), "--schema", "shop"]

        def cli(*extra: str) -> None:
            subprocess.run([sys.executable, "-m", "schemadesk", *extra], check=True, env=env)

        for name in APPLIED:
            shutil.copy(CORPUS / name, folder / name)
        cli("apply", *args, "--yes")
        for name in PENDING:
            shutil.copy(CORPUS / name, folder / name)
        html = work / "report.html"
        full = work / "full.png"
        cli("report", *args, "--lint", "--output", str(html))
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1180,3000",
            f"--screenshot={full}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    # The lint section ends the report's white card: crop the card's last 800 pixels (headless
    # Chromium ignores a #lint anchor when it takes the screenshot).
    image = QImage(str(full))
    middle = image.width() // 2
    bottom = next(
        y
        for y in range(image.height() - 1, 0, -1)
        if image.pixelColor(middle, y).name() == "#ffffff"
    )
    top = max(0, bottom - 800)
    image.copy(0, top, image.width(), bottom + 30 - top).save(str(out))
    print(f"{out} (report: {html})")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    preview_png(OUT / "lint-preview.png")
    report_png(OUT / "lint-report.png")
