"""The command line's output boundary: what reaches the terminal, and how a run is stopped.

``guarded_output`` wraps stdout and stderr for the whole run of a subcommand, so every
``print`` of every command passes through one place: control characters from files, the
catalog or a server are shown visibly (``core.terminal_text``), and passwords are masked
(``core.secrets``). Text is handled a line at a time (a secret or an escape sequence split
over two ``write`` calls is still seen whole); a prompt without a newline goes out on flush.

``stop_signals`` makes SIGTERM and SIGHUP stop a run the way Ctrl-C does: between steps, with
the audit record written (a SIGHUP ignored from the start, as under ``nohup``, stays ignored).
A closed stdout (``schemadesk status | head``) ends the run quietly.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any, TextIO

from schemadesk.core.secrets import mask_secrets
from schemadesk.core.terminal_text import HIDDEN, may_escape, visible

# DEL, C1, the bidi controls and the invisible characters: valid in a JSON string, but a
# terminal acts on them (DEL, C1), shows what follows in another order (bidi) or shows nothing
# (a zero-width space); json.dumps leaves them raw. As ``\u`` escapes they are the same data to
# a JSON reader.
_JSON_RAW = re.compile(f"[\\x7f-\\x9f{HIDDEN}]")


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: stop between steps, as for Ctrl-C (``signum`` says which)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def masked(data: Any) -> Any:
    """``data`` (JSON-shaped) with passwords masked in every string, keys included."""
    if isinstance(data, str):
        return mask_secrets(data)
    if isinstance(data, dict):
        return {masked(k): masked(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [masked(v) for v in data]
    return data


def json_safe(text: str) -> str:
    """JSON text whose DEL, C1 and bidi characters are ``\\u`` escapes (same data, nothing
    raw)."""
    if text.isascii():  # a flag of the string: only DEL to look for (a copy-free search)
        return text.replace("\x7f", "\\u007f")
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that shows control characters visibly and masks passwords."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner
        self._pending = ""

    def write(self, s: str) -> int:
        self._pending += s
        cut = self._pending.rfind("\n") + 1
        if cut:
            done, self._pending = self._pending[:cut], self._pending[cut:]
            self.inner.write(_shown(done))
        return len(s)

    def shown_ahead(self, text: str) -> str | None:
        """What ``write(text)`` would hand the inner stream, made now (perhaps in a forked
        worker, for ``write_shown`` later), when ``text`` is whole lines and nothing waits for
        its line's end; else None (write it then)."""
        if self._pending or (text and not text.endswith("\n")):
            return None
        return _shown(text)

    def write_shown(self, shown: str) -> None:
        """Write what ``shown_ahead`` made, as ``write`` would have written its text; never
        after an unfinished line (its end would have been shown with the text's first)."""
        if self._pending:
            raise ValueError("write_shown after an unfinished line")
        self.inner.write(shown)

    def flush(self) -> None:
        if self._pending:
            done, self._pending = self._pending, ""
            self.inner.write(_shown(done))
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8") or "utf-8"


def _shown(text: str) -> str:
    """``text`` as the terminal gets it: passwords masked, control characters visible."""
    text = mask_secrets(text)
    # Text without a character ``visible`` may escape is shown as it is (``check``'s 24 MB at
    # 10,000 schemas: 0.2 s for nothing to escape, with ``visible``'s CR lookahead).
    return visible(text) if may_escape(text) else text


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """stdout and stderr through ``SafeStream`` for the block; restored after it."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        for wrapped in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                wrapped.flush()
        sys.stdout, sys.stderr = out, err


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Stopped`` (a KeyboardInterrupt) in the main thread for the
    block, so the run stops between steps and audits the stop exactly as on Ctrl-C. A SIGHUP
    ignored from the start stays ignored: ``nohup schemadesk rollout ... &`` outlives its
    terminal (as Python keeps an ignored SIGINT ignored)."""
    wanted = _signals("SIGTERM", "SIGHUP")
    wanted = [s for s in wanted if s == signal.SIGTERM or signal.getsignal(s) != signal.SIG_IGN]
    with _handled(wanted, _raise_stopped):
        yield


@contextlib.contextmanager
def stop_requests(note: Callable[[int], None]) -> Iterator[None]:
    """For the block, Ctrl-C, SIGTERM and SIGHUP call ``note(signal)`` instead of raising: a
    wait whose every bytecode may take a raised ``Stopped`` cannot promise to finish the step in
    progress. ``note`` must take no lock (it runs between any two bytecodes of this thread,
    perhaps inside ``Event.set``: only record). A signal ignored now (``nohup``'s SIGHUP) stays
    ignored."""
    wanted = _signals("SIGINT", "SIGTERM", "SIGHUP")
    wanted = [s for s in wanted if signal.getsignal(s) != signal.SIG_IGN]
    with _handled(wanted, lambda number, frame: note(number)):
        yield


def _signals(*names: str) -> list[int]:
    return [getattr(signal, n) for n in names if hasattr(signal, n)]  # SIGHUP: not on Windows


@contextlib.contextmanager
def _handled(wanted: list[int], handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    """``handler`` for the ``wanted`` signals during the block, the previous ones put back.
    Outside the main thread (an embedding test) signals are left alone."""
    previous: dict[int, Any] = {}
    try:
        for number in wanted:
            previous[number] = signal.signal(number, handler)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def quiet_closed_stdout() -> None:
    """After a reader closed our stdout: point it at /dev/null so the interpreter's final
    flush does not print a BrokenPipeError of its own."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def dumps(data: Any) -> str:
    """``data`` as the JSON ``print_json`` writes (masked, nothing raw)."""
    return json_safe(json.dumps(masked(data), ensure_ascii=False, indent=2, default=str))
