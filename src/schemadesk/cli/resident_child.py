"""The resident's child: made to look like a fresh ``schemadesk`` process, then run as one.

Right after the fork it takes the caller's stdin, stdout and stderr, environment, working
folder, umask and argv; sets the locale and time zone from that environment; rebuilds
``sys.stdin``/``stdout``/``stderr`` as the caller's interpreter built them at its start; puts
signal handlers back to an interpreter's defaults; and calls the command line's ``main``. It
ends as an interpreter does (threads joined, atexit run, streams flushed) and never returns
into the server's loop.

It has no controlling terminal, so it must never prompt for a password (getpass would fall back
to echoing it): a command that would is stopped before anything was sent to a database, and
the caller runs it itself, where the prompt works.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import getpass
import io
import locale
import os
import random
import signal
import sys
import tempfile
import threading
import time
import traceback
from typing import Any, NoReturn

# What a child tells the server on its own pipe, besides its exit status.
RUN_IT_YOURSELF = b"T"  # a terminal prompt was ahead: nothing ran, the caller runs it itself
NOT_PREPARED = b"F"  # the caller's environment could not be taken on: the caller runs it
# The caller came by the remembered socket path, but platformdirs, in the caller's environment
# (XDG_RUNTIME_DIR), finds its resident in another folder: nothing ran, the caller tries there.
ELSEWHERE = b"E"


class _RunItYourself(BaseException):
    """Raised where the child would prompt on a terminal; a BaseException so that no
    ``except Exception`` of a command turns it into an error message."""


def _refuse_prompt(prompt: str = "", stream: Any = None) -> str:
    raise _RunItYourself


def run_child(request: dict[str, Any], fds: list[int], tell: int, close: list[int]) -> NoReturn:
    """Become the caller's process and run its command; exits with its status, never returns.

    ``fds`` are the caller's stdin, stdout and stderr, ``tell`` the pipe to the server,
    ``close`` the server's own descriptors (listening socket, connections, wakeup pipe)."""
    try:
        try:
            _prepare(request, fds, close)
            elsewhere = request.get("remembered") and _resolved() != request.get("served_at")
        except Exception:
            os.write(tell, NOT_PREPARED)
            os._exit(0)
        if elsewhere:
            os.write(tell, ELSEWHERE)
            os._exit(0)
        code, interrupted = _run()
    except _RunItYourself:
        os.write(tell, RUN_IT_YOURSELF)
        os._exit(0)
    except BaseException:
        os._exit(1)
    if interrupted:
        # As CPython ends on an uncaught KeyboardInterrupt: killed by SIGINT (the shell's 130).
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    os._exit(code)


def _prepare(request: dict[str, Any], fds: list[int], close: list[int]) -> None:
    signal.set_wakeup_fd(-1)
    _default_signals()
    for fd in close:
        with contextlib.suppress(OSError):
            os.close(fd)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    os.umask(int(request["umask"]))
    locale.setlocale(locale.LC_CTYPE, "")  # what CPython does at start, from this environment
    time.tzset()
    sys.argv = list(request["argv"])
    sys.path[:] = list(request["sys_path"])
    # Preloading made tempfile settle on the resident's temporary folder: a fresh process
    # finds its own from TMPDIR, TEMP or TMP on first use.
    tempfile.tempdir = None
    _stdio(request["stdio"])
    random.seed()
    getpass.getpass = _refuse_prompt
    _forget_server_logging()


def _resolved() -> str:
    """The socket path platformdirs gives in this (the caller's) environment."""
    from schemadesk import resident_link

    return str(resident_link.socket_path())


def _default_signals() -> None:
    """The handlers a fresh CPython starts with: Ctrl-C raises KeyboardInterrupt, SIGPIPE and
    SIGXFSZ ignored, the rest the system's defaults; nothing blocked."""
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    for number in signal.valid_signals():
        if number in (signal.SIGKILL, signal.SIGSTOP):
            continue
        try:
            if signal.getsignal(number) not in (signal.SIG_DFL, None):
                signal.signal(number, signal.SIG_DFL)
        except (OSError, ValueError):
            continue
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ("SIGPIPE", "SIGXFSZ"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def _stdio(states: list[dict[str, Any]]) -> None:
    """sys.stdin/stdout/stderr as CPython's ``create_stdio`` makes them for the caller's
    environment: its encodings and errors, line buffering where it had it."""
    streams = []
    for fd, (name, state) in enumerate(zip(("stdin", "stdout", "stderr"), states, strict=True)):
        mode = "rb" if fd == 0 else "wb"
        buffered = not state.get("unbuffered")
        raw: Any = open(fd, mode, buffering=-1 if buffered else 0, closefd=False)  # noqa: SIM115
        (raw.raw if buffered else raw).name = f"<{name}>"
        streams.append(
            io.TextIOWrapper(
                raw,
                encoding=state["encoding"],
                errors=state["errors"],
                newline="\n",
                line_buffering=bool(state["line_buffering"]),
                write_through=bool(state["write_through"]),
            )
        )
    sys.stdin, sys.stdout, sys.stderr = streams
    for name, stream in zip(("__stdin__", "__stdout__", "__stderr__"), streams, strict=True):
        setattr(sys, name, stream)


def _forget_server_logging() -> None:
    """The server's log file stays the server's: a fresh process has no handler until its
    ``main`` configures one."""
    import logging

    logger = logging.getLogger("schemadesk")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        with contextlib.suppress(Exception):
            handler.close()
    logger.setLevel(logging.NOTSET)


_WINDOW_OPTIONS: list[argparse.ArgumentParser] = []


def window_options() -> argparse.ArgumentParser:
    """The window's options alone, built once in the resident (the server calls this before
    it serves) rather than in each child: only which words are left over matters here, and
    that depends on no environment (the help text's log path, which does, is never shown)."""
    if not _WINDOW_OPTIONS:
        from schemadesk.cli import build_parser

        _WINDOW_OPTIONS.append(build_parser(with_commands=False))
    return _WINDOW_OPTIONS[0]


def _wants_qt(argv: list[str]) -> bool:
    """Whether the command is the window or ``demo`` (a cluster, then the window): those run
    in the caller. Qt is never loaded in a child of the resident, and a long-lived window
    gains nothing from a preload. Parsed with the window's options alone, quietly: a mistake
    is left for ``main`` to say."""
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        try:
            _args, extras = window_options().parse_known_args(argv)
        except SystemExit:
            return False
    return not extras or extras[0] == "demo"


def _run() -> tuple[int, bool]:
    """``sys.exit(main())`` and the interpreter's end: (exit status, ended by Ctrl-C)."""
    from schemadesk.cli import main

    if _wants_qt(sys.argv[1:]):
        raise _RunItYourself
    interrupted = False
    try:
        code = _status(main())
    except SystemExit as exc:
        code = _status(exc.code)
    except KeyboardInterrupt:
        traceback.print_exc()
        code, interrupted = 1, True
    except _RunItYourself:
        raise
    except BaseException as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
        code = 1
    threading._shutdown()  # type: ignore[attr-defined]  # joins non-daemon threads, as at exit
    atexit._run_exitfuncs()
    return _flushed(code), interrupted


def _status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _flushed(code: int) -> int:
    """Flush stdout and stderr as the interpreter does at exit: a failure there is 120."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception as exc:
            try:
                print(f"Exception ignored in: {stream!r}", file=sys.stderr)
                traceback.print_exception(exc, file=sys.stderr)
            except Exception:
                pass
            code = 120
    return code
