"""The resident: one thread, one select loop, one forked child per command.

``boot`` is what ``schemadesk resident start`` runs in a new session: it forks once more (so
the daemon is no session leader and can never acquire a terminal), preloads, binds the socket
and says "ready" on the pipe ``start`` reads. Then ``Server.serve``: a caller's request (argv,
environment, working folder, umask, its three standard descriptors) becomes a child
(``resident_child``); the server keeps the connection, passes on the caller's signals, reaps
the child (SIGCHLD through ``signal.set_wakeup_fd``) and sends its exit status. A caller that
goes away first (killed) has its child sent SIGTERM, then SIGKILL after ``GRACE`` seconds.

Before each fork the sources are compared with what was loaded: any change (an upgrade, an
edit) answers "stale", and the resident stops; the caller runs the command itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import logging
import os
import select
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from schemadesk import __version__
from schemadesk import resident_link as link
from schemadesk.cli.resident_preload import Sources, preload

LOGGER = "schemadesk.resident"
GRACE = 5.0  # seconds an abandoned child has to stop on SIGTERM before SIGKILL
# What a caller may have its child sent: what its terminal or shell sent it. Ctrl-Z (SIGTSTP)
# reaches the child as SIGSTOP: the child's process group is orphaned (its parent, this
# daemon, is in it and no member's parent is in the session), and the kernel drops SIGTSTP
# there; a plain run has no handler for it, so SIGSTOP stops it the same way.
ALLOWED_SIGNALS = {
    int(s): int(signal.SIGSTOP) if s == signal.SIGTSTP else int(s)
    for s in (
        *(signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGWINCH),
        *(signal.SIGTSTP, signal.SIGCONT),
    )
}
log = logging.getLogger(LOGGER)


@dataclass
class Caller:
    """One connection: a control question, or a command whose child runs."""

    sock: socket.socket
    lines: link.Lines
    pid: int = 0
    tell: int = -1  # the read end of the child's pipe
    argv: list[str] = field(default_factory=list)
    kill_at: float | None = None


class Server:
    """The select loop (see the module's docstring)."""

    def __init__(self, key: str, idle_seconds: float, listener: socket.socket, path: Path):
        self.key, self.idle, self.listener, self.path = key, idle_seconds, listener, path
        self.inode = os.stat(path).st_ino
        self.sources = Sources.now()
        self.state = link.interpreter_state()
        self.callers: dict[socket.socket, Caller] = {}
        self.children: dict[int, Caller] = {}
        self.served = 0
        self.started = time.time()
        self.last = time.monotonic()
        self.stopping: str | None = None
        self.wake_r, self.wake_w = os.pipe()
        for fd in (self.wake_r, self.wake_w):
            os.set_blocking(fd, False)

    def serve(self) -> str:
        """Serve until stopped, idle or stale, and every child has ended; says why it ended."""
        signal.set_wakeup_fd(self.wake_w, warn_on_full_buffer=False)
        for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(number, lambda n, f: None)  # a handler, so the wakeup fd is written
        while not (self.stopping and not self.children):
            watched: list[Any] = [self.wake_r, *self.callers]
            if self.stopping is None:
                watched.append(self.listener)
            ready, _, _ = select.select(watched, [], [], self._timeout())
            for item in ready:
                if item == self.wake_r:
                    self._woken()
                elif item is self.listener:
                    self._accept()
                elif item in self.callers:
                    self._heard(self.callers[item])
            self._kill_late()
            if not self.callers and time.monotonic() - self.last >= self.idle:
                self.stop(f"idle for {self.idle / 60:g} minutes")
        return self.stopping or ""

    def _timeout(self) -> float:
        deadlines = [c.kill_at for c in self.children.values() if c.kill_at is not None]
        if not self.callers:
            deadlines.append(self.last + self.idle)
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else 3600.0

    def stop(self, why: str) -> None:
        """Take no more callers: the socket goes now, the process once its children ended."""
        if self.stopping:
            return
        self.stopping = why
        log.info("stopping: %s", why)
        self.listener.close()
        with contextlib.suppress(OSError):
            if os.stat(self.path).st_ino == self.inode:  # never another resident's socket
                self.path.unlink()
        link.forget_socket(self.key, str(self.path))
        with contextlib.suppress(OSError):
            link.why_path(self.key).write_text(f"{why} ({_now()})\n", encoding="utf-8")

    def _woken(self) -> None:
        try:
            got = os.read(self.wake_r, 512)
        except BlockingIOError:
            return
        if any(n in got for n in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)):
            self.stop("stopped by a signal")
        self._reap()

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            caller = self.children.pop(pid, None)
            if caller is None:
                continue
            code = os.waitstatus_to_exitcode(status)
            told = b""
            with contextlib.suppress(OSError):
                told = os.read(caller.tell, 16)
            os.close(caller.tell)
            self.last = time.monotonic()
            from schemadesk.cli.resident_child import ELSEWHERE, NOT_PREPARED, RUN_IT_YOURSELF

            if told == RUN_IT_YOURSELF:
                answer: dict[str, Any] = {"fallback": "a terminal prompt is ahead"}
            elif told == ELSEWHERE:
                answer = {"fallback": "another runtime folder", "elsewhere": True}
            elif told == NOT_PREPARED:
                answer = {"fallback": "the caller's environment could not be taken on"}
            elif code < 0:  # killed by signal -code: the caller ends the same way
                answer = {"exit": 128 - code, "signal": -code}
            else:
                answer = {"exit": code}
            self._answer(caller, answer)

    def _answer(self, caller: Caller, answer: dict[str, Any]) -> None:
        if caller.sock in self.callers:
            with contextlib.suppress(OSError):
                link.send(caller.sock, answer)
            self._drop(caller)

    def _drop(self, caller: Caller) -> None:
        self.callers.pop(caller.sock, None)
        caller.sock.close()

    def _accept(self) -> None:
        try:
            sock, _ = self.listener.accept()
        except OSError:
            return
        self.last = time.monotonic()
        if link.peer_uid(sock) not in (None, os.getuid()):
            log.warning("refused a caller of another uid")
            sock.close()
            return
        caller = Caller(sock, link.Lines(sock))
        fds: list[int] = []
        try:
            sock.settimeout(5)
            data, fds, _, _ = socket.recv_fds(sock, 65536, 3)
            caller.lines.buffer = data
            message = caller.lines.next() if data else None
            sock.settimeout(None)
            if message is not None:
                self._request(caller, message, fds)
                return
        except (OSError, ValueError) as exc:
            log.warning("a request could not be read: %s", exc)
        for fd in fds:
            os.close(fd)
        sock.close()

    def _request(self, caller: Caller, message: dict[str, Any], fds: list[int]) -> None:
        self.callers[caller.sock] = caller
        if message.get("v") != link.PROTOCOL or message.get("key") != self.key:
            self._refuse(caller, fds, "another version or install")
        elif message.get("control") == "status":
            self._refuse(caller, fds, "")
            self._answer(caller, self.status(message.get("python")))
        elif message.get("control") == "stop":
            self._refuse(caller, fds, "")
            running = len(self.children)
            self.stop("stopped by schemadesk resident stop")
            self._answer(caller, {"stopping": True, "pid": os.getpid(), "running": running})
        elif "run" in message and len(fds) == 3:
            self._run(caller, message["run"], fds)
        else:
            self._refuse(caller, fds, "not a request")

    def _refuse(self, caller: Caller, fds: list[int], why: str) -> None:
        for fd in fds:
            os.close(fd)
        if why:
            self._answer(caller, {"fallback": why})

    def _run(self, caller: Caller, run: dict[str, Any], fds: list[int]) -> None:
        changed = self.sources.changed()
        if changed:
            self._refuse(caller, fds, "stale")
            self.stop(f"stale: {changed} changed since the resident started")
            return
        if run.get("python") != self.state:
            self._refuse(caller, fds, "another interpreter state (flags, -X, -W, path)")
            return
        if self.stopping:
            self._refuse(caller, fds, "stopping")
            return
        run["served_at"] = str(self.path)  # the child compares it with the caller's platformdirs
        tell_r, tell_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            from schemadesk.cli.resident_child import run_child

            os.close(tell_r)
            own = [self.wake_r, self.wake_w, self.listener.fileno()]
            own += [s.fileno() for s in self.callers]
            own += [c.tell for c in self.children.values()]
            run_child(run, fds, tell_w, own)
        os.close(tell_w)
        for fd in fds:
            os.close(fd)
        caller.pid, caller.tell, caller.argv = pid, tell_r, list(run.get("argv", []))
        self.children[pid] = caller
        self.served += 1
        try:
            link.send(caller.sock, {"pid": pid})
        except OSError:
            self._abandoned(caller)

    def _heard(self, caller: Caller) -> None:
        try:
            more = caller.lines.feed()
        except OSError:
            more = False
        if not more:
            self._abandoned(caller)
            return
        try:
            while (message := caller.lines.take()) is not None:
                said = message.get("signal")  # a list or a dict would not hash: ints only
                number = ALLOWED_SIGNALS.get(said) if type(said) is int else None
                if caller.pid in self.children and number is not None:
                    os.kill(caller.pid, number)
        except (ValueError, OSError):
            self._abandoned(caller)

    def _abandoned(self, caller: Caller) -> None:
        """The caller went away before its child ended (killed): the child goes too."""
        self._drop(caller)
        if caller.pid in self.children and caller.kill_at is None:
            log.info("caller of %s gone: SIGTERM to child %d", caller.argv[1:2], caller.pid)
            with contextlib.suppress(OSError):
                os.kill(caller.pid, signal.SIGTERM)
                os.kill(caller.pid, signal.SIGCONT)  # a child stopped by Ctrl-Z hears it too
            caller.kill_at = time.monotonic() + GRACE

    def _kill_late(self) -> None:
        now = time.monotonic()
        for pid, caller in self.children.items():
            if caller.kill_at is not None and now >= caller.kill_at:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                caller.kill_at = now + 3600  # once

    def status(self, python: object = None) -> dict[str, Any]:
        """What ``resident status`` shows of a running resident."""
        changed = self.sources.changed()
        answer = {
            "running": True,
            "pid": os.getpid(),
            "version": __version__,
            "key": self.key,
            "socket": str(self.path),
            "since": datetime.fromtimestamp(self.started).isoformat(timespec="seconds"),
            "idle_minutes": self.idle / 60,
            "served": self.served,
            "children": [{"pid": p, "argv": c.argv} for p, c in self.children.items()],
            "stale": changed,
            "same_interpreter": None if python is None else python == self.state,
        }
        if changed:
            self.stop(f"stale: {changed} changed since the resident started")
        return answer


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def prepare_folder(folder: Path) -> None:
    """Create the socket folder 0700 (its parent too, where missing); raise PermissionError if
    it is not private to this user."""
    if not folder.parent.exists():
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)
    reason = link.not_private(folder, folder=True)
    if reason:
        raise PermissionError(reason)


def bind(key: str) -> tuple[socket.socket, Path]:
    """The listening socket, 0600 in the private folder; FileExistsError if a resident of this
    install already answers there."""
    path = link.socket_path(key)
    prepare_folder(path.parent)
    lock = os.open(path.with_suffix(".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.lexists(path):
            with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
                probe.connect(str(path))
                raise FileExistsError(f"a resident already answers at {path}")
            path.unlink()  # stale: nothing answers
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mask = os.umask(0o177)
        try:
            listener.bind(str(path))
        finally:
            os.umask(mask)
        os.chmod(path, 0o600)
        listener.listen(64)
        return listener, path
    finally:
        os.close(lock)


def boot() -> None:
    """The daemon's start (``python -c`` from ``resident start``, in a new session): fork
    again, preload, bind, say ``ready PID`` (or ``error ...``) on stdout, then serve."""
    idle_seconds = float(sys.argv[1])
    if os.fork():
        os._exit(0)
    os.chdir("/")
    key = link.install_key()
    try:
        from schemadesk.core.logs import configure_logging, log_path

        configure_logging(log_path().with_name("resident.log"))
        preload()
        from schemadesk.cli.resident_child import window_options

        window_options()  # built once here, not in every child
        # The preloaded objects into the permanent generation: a child's collections never
        # walk them (a fresh process has none of them), and do not dirty their pages either.
        gc.freeze()
        listener, path = bind(key)
        with contextlib.suppress(FileNotFoundError):
            link.why_path(key).unlink()
        link.remember_socket(key, str(path))
    except Exception as exc:
        print(f"error {exc}", flush=True)
        os._exit(1)
    print(f"ready {os.getpid()}", flush=True)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    log.info("serving %s at %s (idle exit after %g s)", __version__, path, idle_seconds)
    server = Server(key, idle_seconds, listener, path)
    try:
        why = server.serve()
    except BaseException:
        log.exception("the resident failed")
        server.stop("failed (see resident.log)")
        os._exit(1)
    log.info("ended: %s", why)
    os._exit(0)
