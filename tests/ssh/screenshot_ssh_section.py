"""Screenshot of the connections dialog's SSH section: resources/screenshots/ssh-section.png.

Run under a virtual screen so that the real xcb platform draws the dialog:

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python tests/ssh/screenshot_ssh_section.py

No server is needed: the dialog shows a saved profile that reaches its database through a
bastion (the profiles file lives in a temporary folder).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "resources" / "screenshots" / "ssh-section.png"


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("run me under xvfb-run (see the docstring)", file=sys.stderr)
        return 2
    os.environ["SCHEMADESK_CONFIG_DIR"] = tempfile.mkdtemp(prefix="schemadesk-shot-")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from schemadesk.core.profiles import ConnectionProfile, ProfileStore
    from schemadesk.core.ssh import SshSettings
    from schemadesk.ui.connections import ProfilesDialog

    app = QApplication(sys.argv[:1])
    app.setApplicationName("schemadesk")
    ProfileStore().save(
        ConnectionProfile(
            name="production",
            host="db-primary.internal",
            port=5432,
            dbname="game",
            user="deploy",
            read_only=True,
            ssh=SshSettings(
                host="db-bastion",
                user="deploy",
                identity_file="~/.ssh/id_ed25519",
                proxy_jump="ops@jump.example.com",
            ),
        )
    )
    dialog = ProfilesDialog(None)
    dialog.resize(1100, 820)
    dialog.move(40, 30)
    dialog.show()
    wait = QEventLoop()
    QTimer.singleShot(600, wait.quit)
    wait.exec()
    # The form from its top to the end of the SSH section: nothing in it scrolled or cut.
    section = dialog.form.ssh_section
    viewport = dialog.form_scroll.viewport()
    top_left = viewport.mapToGlobal(viewport.rect().topLeft())
    bottom = section.mapToGlobal(section.rect().bottomLeft()).y()
    image = app.primaryScreen().grabWindow(
        0, top_left.x(), top_left.y(), viewport.width(), bottom - top_left.y() + 4
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(OUT))
    print(OUT)
    dialog.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
