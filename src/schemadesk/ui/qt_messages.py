"""Qt's own warnings, minus the one that says nothing to a person.

The offscreen platform (``--smoke-test``, installers' checks) answers every window's size hints
with "This plugin does not support propagateSizeHints()": four lines of noise per run that
looked like a failure. Every other message goes where it went before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

IGNORED = ("This plugin does not support propagateSizeHints()",)

Handler = Callable[[QtMsgType, QMessageLogContext, str], Any]


def install_message_filter() -> None:
    """Drop the messages in ``IGNORED``; pass the rest to the handler that was in place."""
    previous: Handler | None = None

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message in IGNORED:
            return
        if previous is not None:
            previous(kind, context, message)
        else:  # Qt's default handler: the message on stderr
            print(message, file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handle)
