"""What the thin entry and the resident share: where the socket is, whose it is, how they talk.

Kept free of ``schemadesk.cli`` and psycopg: the thin entry (``schemadesk.launch``) imports it
on every command, and its whole point is to import almost nothing: ``_socket`` rather than
``socket`` (which loads selectors, enum classes and array), pathlib and warnings only where a
path is found.

The socket lives in ``platformdirs.user_runtime_dir("schemadesk")``, a folder of mode 0700;
its name carries this install's key (version, interpreter, package folder), so two virtual
environments or two versions never reach each other's resident. Messages are JSON lines.
"""

from __future__ import annotations

import _socket
import json
import os
import stat
import sys

from schemadesk import __version__

TYPE_CHECKING = False  # typing's own constant costs importing typing (~2 ms) on every command
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

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
    import warnings
    from pathlib import Path

    import platformdirs

    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR platformdirs falls back to /tmp/runtime-UID and warns about
        # it on stderr; the folder's ownership and mode are checked below all the same.
        warnings.simplefilter("ignore")
        return Path(platformdirs.user_runtime_dir("schemadesk"))


def socket_path(key: str | None = None) -> Path:
    """The socket of this install's resident."""
    return runtime_dir() / f"cli-{key or install_key()}.sock"


def remembered_file(key: str) -> str:
    """Where a resident leaves its socket's path for this user: beside the package's
    bytecode, a cache of this install (never a user's config path)."""
    return os.path.join(PACKAGE_DIR, "__pycache__", f"resident-{os.getuid()}-{key}.path")


def remembered_socket(key: str) -> str | None:
    """The socket path a running resident of this install left for this user, or None.

    Only a hint that spares the thin entry importing platformdirs (~7 ms): a file that is
    not this user's, or is writable by others, is ignored; the socket it names passes the
    same checks (``not_private``, SO_PEERCRED); and the child compares it with what
    platformdirs finds in the caller's environment before it runs anything."""
    try:
        fd = os.open(remembered_file(key), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None
        path = os.read(fd, 4096).decode("utf-8", "surrogateescape")
    finally:
        os.close(fd)
    return path if os.path.isabs(path) and "\0" not in path else None


def remember_socket(key: str, path: str) -> None:
    """Leave ``path`` for ``remembered_socket`` (0600, replaced whole); nothing where the
    install is not writable (then each command asks platformdirs)."""
    final = remembered_file(key)
    partial = f"{final}.{os.getpid()}"
    try:
        # An install without bytecode (PYTHONDONTWRITEBYTECODE) has no __pycache__ yet. Made
        # before the resident stamps its sources, so the package folder's new mtime is seen.
        os.makedirs(os.path.dirname(final), exist_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError:
        return
    try:
        try:
            os.write(fd, path.encode("utf-8", "surrogateescape"))
        finally:
            os.close(fd)
        os.replace(partial, final)
    except OSError:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(partial)


def forget_socket(key: str, path: str) -> None:
    """Remove what ``remember_socket`` left, if it still names ``path`` (another resident of
    this install, in another runtime folder, may have replaced it since)."""
    if remembered_socket(key) == path:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(remembered_file(key))


def why_path(key: str | None = None) -> Path:
    """A one-line note the resident leaves when it exits: why it is not running."""
    return runtime_dir() / f"cli-{key or install_key()}.why"


def not_private(path: str | Path, *, folder: bool) -> str | None:
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
        above = os.path.dirname(os.fspath(path))
        parent = os.stat(above)
        if parent.st_uid not in (0, os.getuid()):
            return f"{above} belongs to uid {parent.st_uid}"
    return None


def peer_uid(sock: _socket.socket) -> int | None:
    """The uid of the process at the other end (Linux's SO_PEERCRED); None where the platform
    has no such option (macOS), which then relies on the 0700 folder alone."""
    option = getattr(_socket, "SO_PEERCRED", None)
    if option is None:
        return None
    # struct ucred: three C ints (pid, uid, gid) in the machine's order; no struct import
    raw = sock.getsockopt(_socket.SOL_SOCKET, option, 12)
    return int.from_bytes(raw[4:8], sys.byteorder, signed=True)


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


def send(sock: _socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    """One JSON line; ``fds`` ride along with its first bytes (SCM_RIGHTS, as
    ``socket.send_fds`` sends them: an array of C ints)."""
    data = json.dumps(message, separators=(",", ":")).encode("utf-8", "surrogateescape") + b"\n"
    if fds:
        rights = b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in fds)
        sent = sock.sendmsg([data], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, rights)])
        data = data[sent:]
    if data:
        sock.sendall(data)


class Lines:
    """The JSON lines coming in on a socket, one at a time."""

    def __init__(self, sock: _socket.socket) -> None:
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
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(str(path))
        if peer_uid(sock) not in (None, os.getuid()):
            raise PermissionError("the resident runs as another user")
        send(sock, {"v": PROTOCOL, "key": key or install_key(), **message})
        answer = Lines(sock).next()
    finally:
        sock.close()
    if answer is None:
        raise ConnectionResetError("the resident closed the connection")
    return answer
