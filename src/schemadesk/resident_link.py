"""What the thin entry and the resident share: where the socket is, whose it is, how they talk.

Kept free of ``schemadesk.cli`` and psycopg: the thin entry (``schemadesk.launch``) imports it
on every command, and its whole point is to import almost nothing.

The socket lives in ``platformdirs.user_runtime_dir("schemadesk")``, a folder of mode 0700;
its name carries this install's key (version, interpreter, package folder), so two virtual
environments or two versions never reach each other's resident. Messages are JSON lines.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
import warnings
from pathlib import Path
from typing import Any

from schemadesk import __version__

RESIDENT_ENV = "SCHEMADESK_RESIDENT"  # "0": never use a resident
PROTOCOL = 1
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def install() -> list[str]:
    """What makes this install: version, interpreter (``python`` and ``python3`` of one venv
    are one: links resolved), environment (``sys.prefix``: a venv) and package folder."""
    return [str(PROTOCOL), __version__, os.path.realpath(sys.executable), sys.prefix, PACKAGE_DIR]


def install_key() -> str:
    """A short key of ``install()`` for the socket's name (two CRC-32s: cheaper to import than
    hashlib; a collision is harmless, as the resident compares the whole ``install()``)."""
    import binascii

    seen = "\0".join(install()).encode("utf-8", "surrogateescape")
    return f"{binascii.crc32(seen):08x}{binascii.crc32(seen[::-1]):08x}"


def runtime_dir() -> Path:
    """The user's runtime folder for schemadesk (platformdirs; never a path of our own)."""
    import platformdirs

    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR platformdirs falls back to /tmp/runtime-UID and warns about
        # it on stderr; the folder's ownership and mode are checked below all the same.
        warnings.simplefilter("ignore")
        return Path(platformdirs.user_runtime_dir("schemadesk"))


def socket_path(key: str | None = None) -> Path:
    """The socket of this install's resident."""
    return runtime_dir() / f"cli-{key or install_key()}.sock"


def why_path(key: str | None = None) -> Path:
    """A one-line note the resident leaves when it exits: why it is not running."""
    return runtime_dir() / f"cli-{key or install_key()}.why"


def not_private(path: Path, *, folder: bool) -> str | None:
    """Why ``path`` (the socket folder, or the socket) must not be used, or None.

    It must be ours and closed to group and others; a folder must be a real folder (not a
    symlink), a socket a socket. Its parent, when someone else's, must be root's."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return f"{path} does not exist"
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}"
    kind_ok = stat.S_ISDIR(st.st_mode) if folder else stat.S_ISSOCK(st.st_mode)
    if not kind_ok:
        return f"{path} is not a {'folder' if folder else 'socket'}"
    if st.st_uid != os.getuid():
        return f"{path} belongs to uid {st.st_uid}, not to uid {os.getuid()}"
    if st.st_mode & 0o077:
        return f"{path} is open to group or others (mode {stat.S_IMODE(st.st_mode):04o})"
    if folder:
        parent = os.stat(path.parent)
        if parent.st_uid not in (0, os.getuid()):
            return f"{path.parent} belongs to uid {parent.st_uid}"
    return None


def peer_uid(sock: socket.socket) -> int | None:
    """The uid of the process at the other end (Linux's SO_PEERCRED); None where the platform
    has no such option (macOS), which then relies on the 0700 folder alone."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    import struct

    _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, option, 12))
    return int(uid)


def interpreter_state() -> dict[str, Any]:
    """What a fresh interpreter fixed at start and a forked one cannot change: its flags,
    warning and -X options, file system encoding and module path (less the script's folder).
    The resident serves only callers whose state equals its own."""
    return {
        "install": install(),
        "flags": list(sys.flags),
        "warnoptions": list(sys.warnoptions),
        "xoptions": {str(k): str(v) for k, v in sys._xoptions.items()},
        "fs": [sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()],
        "path": list(sys.path[1:]),
    }


def stdio_state() -> list[dict[str, Any]]:
    """How this interpreter set up stdin, stdout and stderr for its environment (encoding from
    the locale or PYTHONIOENCODING, line buffering on a terminal): the child rebuilds its own
    streams the same way."""
    streams = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is None:
            raise OSError("a standard stream is closed")
        streams.append(
            {
                "encoding": stream.encoding,
                "errors": stream.errors,
                "line_buffering": stream.line_buffering,
                "write_through": getattr(stream, "write_through", False),
                # python -u: stdout and stderr write straight to their FileIO
                "unbuffered": type(getattr(stream, "buffer", None)).__name__ == "FileIO",
            }
        )
    return streams


def send(sock: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    """One JSON line; ``fds`` ride along with its first bytes."""
    data = json.dumps(message, separators=(",", ":")).encode("utf-8", "surrogateescape") + b"\n"
    if fds:
        sent = socket.send_fds(sock, [data], fds)
        data = data[sent:]
    if data:
        sock.sendall(data)


class Lines:
    """The JSON lines coming in on a socket, one at a time."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def take(self) -> dict[str, Any] | None:
        """The next complete message already received, or None."""
        cut = self.buffer.find(b"\n")
        if cut < 0:
            return None
        line, self.buffer = self.buffer[:cut], self.buffer[cut + 1 :]
        message = json.loads(line.decode("utf-8", "surrogateescape"))
        if not isinstance(message, dict):
            raise ValueError("not a message")
        return message

    def feed(self) -> bool:
        """Receive what is there (blocking if nothing is); False at the end of the stream."""
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def next(self) -> dict[str, Any] | None:
        """The next message, waiting for it; None when the other end closed first."""
        while (message := self.take()) is None:
            if not self.feed():
                return None
        return message


def ask(message: dict[str, Any], key: str | None = None, timeout: float = 10) -> dict[str, Any]:
    """A control question to this install's resident and its answer; OSError when none
    answers, or the socket is not safe to use."""
    path = socket_path(key)
    reason = not_private(path.parent, folder=True) or not_private(path, folder=False)
    if reason:
        raise FileNotFoundError(reason)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(str(path))
        if peer_uid(sock) not in (None, os.getuid()):
            raise PermissionError("the resident runs as another user")
        send(sock, {"v": PROTOCOL, "key": key or install_key(), **message})
        answer = Lines(sock).next()
    if answer is None:
        raise ConnectionResetError("the resident closed the connection")
    return answer
