"""Control characters made visible: text from a file, the catalog or a server, shown safely.

A terminal obeys escape sequences in what it prints: ``ESC[1A ESC[2K`` in a migration's comment
erases the ``DROP`` line above it from the plan a user is confirming, and a file name with a
newline prints as a fake line. Every such character (C0 except newline and tab, DEL, C1) is
shown as a visible escape instead: ``\\x1b``, ``\\x7f``, ``\\x9b``. In one-line text (names,
file names, error lines) newline and tab are escaped too (``\\n``, ``\\t``). A carriage return
right before a newline is a Windows line end and is kept: it moves nothing.
"""

from __future__ import annotations

import re

# C0 without \t and \n, DEL, C1; \r only where it does not end a line.
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab (and CRLF) escaped."""
    return _MULTI_LINE.sub(_escape, text)


def visible_line(text: str) -> str:
    """``text`` on one line: newlines and tabs escaped as well (names, file names)."""
    return _ONE_LINE.sub(_escape, text)


def has_line_controls(text: str) -> bool:
    """Whether ``visible_line`` would change ``text`` (one regex search: no copy made)."""
    return _ONE_LINE.search(text) is not None


def first_control(text: str) -> tuple[int, int, str] | None:
    """Line, column (1-based) and escaped form of the first control character that
    ``visible`` would escape, or None when there is none."""
    match = _MULTI_LINE.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return line, column, _escape(match)
