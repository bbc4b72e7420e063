"""Status bar: server version, who and where, session mode, pool health."""

from __future__ import annotations

from PySide6.QtWidgets import QStatusBar, QWidget

from schemadesk.core.citus import CitusCluster
from schemadesk.core.models import ServerInfo
from schemadesk.core.terminal_text import visible, visible_line
from schemadesk.ui.plain_text import plain_label, plain_tip


class ConnectionStatusBar(QStatusBar):
    """Permanent fields on the right; transient messages on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server_label = plain_label()
        self.identity_label = plain_label()
        self.mode_label = plain_label()
        self.pool_label = plain_label()
        for label in (self.server_label, self.identity_label, self.mode_label, self.pool_label):
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
        self.show_disconnected()

    def show_disconnected(self) -> None:
        self.server_label.setText(self.tr("Not connected"))
        for label in (self.identity_label, self.mode_label, self.pool_label):
            label.clear()

    def show_server(self, server: ServerInfo, *, read_only: bool, protected: bool) -> None:
        version = server.server_version.split(" ")[0]
        self.server_label.setText(self.tr("PostgreSQL %1").replace("%1", version))
        self.server_label.setToolTip("")
        self.identity_label.setText(visible_line(f"{server.user}@{server.database}"))
        self.identity_label.setToolTip(plain_tip(visible_line(f"{server.host}:{server.port}")))
        if read_only:
            text, tip, color = self.tr("READ-ONLY"), self.tr("Changes are refused"), "#1565c0"
        elif protected:
            text, tip, color = (
                self.tr("PROTECTED"),
                self.tr("Every change needs the database name typed to confirm"),
                "#c62828",
            )
        else:
            text, tip, color = self.tr("read-write"), "", ""
        self.mode_label.setText(text)
        self.mode_label.setToolTip(tip)
        self.mode_label.setStyleSheet(f"color: {color}; font-weight: 600;" if color else "")

    def show_cluster(self, cluster: CitusCluster, note: str = "") -> None:
        """On a Citus coordinator: the Citus version and its workers beside the server; ``note``
        (what holds for the whole cluster) in the tooltip."""
        workers = cluster.workers
        inactive = sum(not w.active for w in workers)
        text = self.tr("Citus %1, %n worker(s)", "", len(workers)).replace("%1", cluster.version)
        version = self.server_label.text().split(" · ")[0]
        self.server_label.setText(f"{version} · {text}")
        tip = "\n".join(w.address + ("" if w.active else " (inactive)") for w in workers)
        if inactive:
            tip += "\n" + self.tr("%n worker(s) inactive", "", inactive)
        if note:
            tip += "\n\n" + note
        self.server_label.setToolTip(plain_tip(visible(tip)))  # addresses, a note: never markup

    def show_pool(self, size: int, available: int, waiting: int) -> None:
        busy = size - available
        self.pool_label.setText(
            self.tr("pool %1/%2").replace("%1", str(busy)).replace("%2", str(size))
        )
        self.pool_label.setToolTip(
            self.tr("%1 connections open, %2 idle, %3 requests waiting")
            .replace("%1", str(size))
            .replace("%2", str(available))
            .replace("%3", str(waiting))
        )
