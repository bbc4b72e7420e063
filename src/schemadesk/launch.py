"""The ``schemadesk`` command's entry: through the resident when one runs, else in-process.

A resident (``schemadesk resident start``) has imported everything once; here the command
hands it argv, environment, working folder, umask and its own stdin, stdout and stderr, waits,
and exits with the status the resident's child ended with (a child killed by signal S ends
this process by S too). Ctrl-C, Ctrl-\\, SIGTERM, SIGHUP and SIGWINCH are passed on to the
child; Ctrl-Z stops the child and then this process, and ``fg``/``bg`` continue both. When
there is no resident, or it cannot serve this call (stale, another interpreter state, a
password prompt ahead), the ordinary ``schemadesk.cli.main`` runs here, as if the resident did
not exist.

Imports nothing of ``schemadesk.cli`` and no psycopg before that fallback: that is its point.
Nor ``socket`` or ``typing`` (``_socket`` and a constant do); everything it imports is paid on
every command, before the resident has done anything.
"""

from __future__ import annotations

import _socket
import os
import signal
import sys

from schemadesk import resident_link as link

TYPE_CHECKING = False  # typing's own constant costs importing typing on every command
if TYPE_CHECKING:
    from types import FrameType
    from typing import Any

# Passed on as they are; SIGTSTP (Ctrl-Z) and SIGCONT are handled apart (see suspend below).
FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGWINCH")


def main() -> int:
    """Entry point of the ``schemadesk`` command."""
    code = through_resident()
    if code is not None:
        # Nothing of this process is left to finalise (the child wrote the output, and this
        # interpreter imported a handful of modules): skip the interpreter's teardown.
        for stream in (sys.stdout, sys.stderr):
            try:  # noqa: SIM105  (contextlib is one import more on every command)
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(code & 0xFF)
    from schemadesk.cli import main as in_process

    return in_process()


def through_resident() -> int | None:
    """Run this command in the resident's child: its exit status, or None to run it here.

    The socket the resident left its path for is tried first (no platformdirs import); if
    none answers there, or the child finds that platformdirs puts this caller's resident
    elsewhere, the path platformdirs gives is tried."""
    if os.environ.get(link.RESIDENT_ENV, "") == "0" or os.name != "posix":
        return None
    if not hasattr(_socket, "SCM_RIGHTS"):
        return None
    try:
        key = link.install_key()
        remembered = link.remembered_socket(key)
        if remembered is not None:
            code = _attempt(remembered, key, remembered=True)
            if code != ELSEWHERE:
                return code
        path = str(link.socket_path(key))
        if path == remembered:
            return None
        code = _attempt(path, key, remembered=False)
        return None if code == ELSEWHERE else code
    except (OSError, ValueError):
        return None


ELSEWHERE = -1  # no resident at that path, or not the one platformdirs finds for this caller


def _attempt(path: str, key: str, *, remembered: bool) -> int | None:
    sock = _connect(path, key, remembered=remembered)
    if sock is None:
        return ELSEWHERE
    try:
        return _served(sock)
    finally:
        sock.close()


def _connect(path: str, key: str, *, remembered: bool) -> _socket.socket | None:
    if link.not_private(os.path.dirname(path), folder=True) or link.not_private(path, folder=False):
        return None
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        try:
            sock.connect(path)
        except OSError:
            sock.close()  # a socket left by a resident that was killed: nothing answers
            return None
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
                "remembered": remembered,
            },
        }
        link.send(sock, request, fds=[0, 1, 2])
    except BaseException:
        sock.close()
        raise
    return sock


def _served(sock: _socket.socket) -> int | None:
    lines = link.Lines(sock)
    first = lines.next()
    if first is None or "pid" not in first:
        return None  # refused (stale, another state) or gone: run here
    previous = _forward_signals(sock)
    try:
        while True:
            try:
                message = lines.next()
            except (OSError, ValueError):
                # The child has run: never fall back to a second, in-process run from here.
                message = None
            if message is None:
                print("schemadesk: the resident stopped before the command ended", file=sys.stderr)
                return 1
            if "exit" in message:
                if "signal" in message:
                    _die_by(int(message["signal"]), previous)
                return int(message["exit"])
            if "fallback" in message:
                # Nothing ran: the child needs a terminal prompt (run here), or platformdirs
                # puts this caller's resident in another folder (try that one).
                return ELSEWHERE if message.get("elsewhere") else None
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _die_by(number: int, previous: dict[int, Any]) -> None:
    """The child was killed by signal ``number`` (Ctrl-\\, a kill from elsewhere): end this
    process by it too, as a plain run would have ended (a shell says "Quit", a parent sees
    -S); where that signal does not end a process, the 128+S status follows."""
    if number in (signal.SIGSTOP, signal.SIGTSTP, signal.SIGCONT) or number not in range(1, 65):
        return
    previous.pop(number, None)  # nothing to put back: it is the default from here on
    try:  # never an exception from here: it would run the command a second time, in-process
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        if number != signal.SIGKILL:  # SIGKILL has no handler to set, and needs none
            signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
    except (OSError, ValueError, AttributeError):
        return


def _forward_signals(sock: _socket.socket) -> dict[int, Any]:
    """Signals this process gets from its terminal or its shell, told to the resident, which
    signals the child (only while it is its unreaped child: never a process that reused the
    pid). The old handlers, to put back."""

    def forward(number: int, frame: FrameType | None) -> None:
        try:  # noqa: SIM105  (no contextlib here: see the module's docstring)
            link.send(sock, {"signal": number})
        except OSError:
            pass

    def suspend(number: int, frame: FrameType | None) -> None:
        """Ctrl-Z: the child is stopped first (so it prints nothing once the shell has the
        terminal back), then this process, as the terminal would stop a plain run; on
        ``fg``/``bg`` SIGCONT continues this process, whose handler continues the child."""
        forward(number, frame)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here until SIGCONT
        signal.signal(signal.SIGTSTP, suspend)
        # Here once continued, or at once where the kernel dropped the stop (an orphaned
        # group: no shell to continue it, and a plain run would not have stopped either).
        forward(signal.SIGCONT, frame)

    previous: dict[int, Any] = {}
    for name in FORWARDED:
        number = getattr(signal, name, None)
        # One this process was started with ignored (``nohup``, a background job's SIGINT)
        # stays ignored, as a plain run keeps it: the child is never told of it.
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, forward)
    if hasattr(signal, "SIGTSTP") and signal.getsignal(signal.SIGTSTP) == signal.SIG_DFL:
        # Only where job control is on: a shell that ignores SIGTSTP for its background jobs
        # (or nohup) has it ignored here, and the child must not be stopped either.
        previous[signal.SIGCONT] = signal.signal(signal.SIGCONT, forward)
        previous[signal.SIGTSTP] = signal.signal(signal.SIGTSTP, suspend)
    return previous


if __name__ == "__main__":
    sys.exit(main())
