"""The ``schemadesk`` command's entry: through the resident when one runs, else in-process.

A resident (``schemadesk resident start``) has imported everything once; here the command
hands it argv, environment, working folder, umask and its own stdin, stdout and stderr, waits,
and exits with the status the resident's child ended with (128+S for a child killed by signal
S, as a shell says it). Ctrl-C, SIGTERM and SIGHUP are passed on to the child. When there is no
resident, or it cannot serve this call (stale, another interpreter state, a password prompt
ahead), the ordinary ``schemadesk.cli.main`` runs here, as if the resident did not exist.

Imports nothing of ``schemadesk.cli`` and no psycopg before that fallback: that is its point.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from types import FrameType
from typing import Any

from schemadesk import resident_link as link

FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP")


def main() -> int:
    """Entry point of the ``schemadesk`` command."""
    code = through_resident()
    if code is not None:
        return code
    from schemadesk.cli import main as in_process

    return in_process()


def through_resident() -> int | None:
    """Run this command in the resident's child: its exit status, or None to run it here."""
    if os.environ.get(link.RESIDENT_ENV, "") == "0" or os.name != "posix":
        return None
    if not hasattr(socket, "send_fds"):
        return None
    try:
        sock = _connect()
        if sock is None:
            return None
        with sock:
            return _served(sock)
    except (OSError, ValueError):
        return None


def _connect() -> socket.socket | None:
    key = link.install_key()
    path = link.socket_path(key)
    if link.not_private(path.parent, folder=True) or link.not_private(path, folder=False):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
        if link.peer_uid(sock) not in (None, os.getuid()):
            sock.close()
            return None
        mask = os.umask(0o22)
        os.umask(mask)
        request = {
            "v": link.PROTOCOL,
            "key": key,
            "run": {
                "argv": sys.argv,
                "env": dict(os.environ),
                "cwd": os.getcwd(),
                "umask": mask,
                "stdio": link.stdio_state(),
                "sys_path": sys.path,
                "python": link.interpreter_state(),
            },
        }
        link.send(sock, request, fds=[0, 1, 2])
    except BaseException:
        sock.close()
        raise
    return sock


def _served(sock: socket.socket) -> int | None:
    lines = link.Lines(sock)
    first = lines.next()
    if first is None or "pid" not in first:
        return None  # refused (stale, another state) or gone: run here
    previous = _forward_signals(sock)
    try:
        while True:
            try:
                message = lines.next()
            except ConnectionResetError:
                message = None
            if message is None:
                print("schemadesk: the resident stopped before the command ended", file=sys.stderr)
                return 1
            if "exit" in message:
                return int(message["exit"])
            if "fallback" in message:
                return None  # the child needs a terminal prompt: nothing ran, ask here
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _forward_signals(sock: socket.socket) -> dict[int, Any]:
    """Ctrl-C, SIGTERM, SIGHUP: told to the resident, which signals the child (only while it
    is its unreaped child: never a process that reused the pid)."""

    def forward(number: int, frame: FrameType | None) -> None:
        with contextlib.suppress(OSError):
            link.send(sock, {"signal": number})

    previous: dict[int, Any] = {}
    for name in FORWARDED:
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, forward)
    return previous


if __name__ == "__main__":
    sys.exit(main())
