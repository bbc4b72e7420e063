"""Control characters made visible: text from a file, the catalog or a server, shown safely.

A terminal obeys escape sequences in what it prints: ``ESC[1A ESC[2K`` in a migration's comment
erases the ``DROP`` line above it from the plan a user is confirming, and a file name with a
newline prints as a fake line. Every such character (C0 except newline and tab, DEL, C1) is
shown as a visible escape instead: ``\\x1b``, ``\\x7f``, ``\\x9b``. In one-line text (names,
file names, error lines) newline and tab are escaped too (``\\n``, ``\\t``). A carriage return
right before a newline is a Windows line end and is kept: it moves nothing.

Unicode's bidirectional controls reorder what follows them on screen ("trojan source"): a
schema named ``a\\u202eb`` or a comment holding U+2066 shows its text in another order than it
holds. Embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069) and the marks (U+200E,
U+200F, U+061C) are escaped as ``\\u202e``; so are the line and paragraph separators (U+2028,
U+2029), which Qt breaks a line at and PostgreSQL does not (a comment would look ended).

Invisible characters make two names look the same: a role ``admin\u200b`` shows as ``admin``,
and a reviewed ``GRANT ... TO "admin"`` would not be what runs. The zero-width space, the word
joiner and invisible operators (U+2060-U+2064), the zero-width no-break space (U+FEFF), the soft
hyphen, the combining grapheme joiner and the Hangul and Khmer fillers are escaped as well. The
zero-width joiner and non-joiner (U+200C, U+200D) are not: Persian and Indic words and emoji
hold them, and they join letters visibly rather than hide.
"""

from __future__ import annotations

import re
from typing import Final

# The bidirectional controls and Unicode's line separators, and the invisible characters, as a
# character class's body: the output guard (cli/output.py) and JSON's escaping use the same set.
BIDI: Final = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
INVISIBLE: Final = "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u3164\ufeff\uffa0"
HIDDEN: Final = BIDI + INVISIBLE

# C0 without \t and \n, DEL, C1, bidi; \r only where it does not end a line.
_MULTI_LINE = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{HIDDEN}]|\\r(?!\\n)")
_ONE_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{HIDDEN}]")
# What ASCII text (``str.isascii`` is a flag of the string, no scan) may hold of them: a class
# of one byte range is searched in 80 ms over check's 24 MB, with the bidi ranges in 145 ms.
_ONE_LINE_ASCII = re.compile(r"[\x00-\x1f\x7f]")
# Every character ``visible`` may escape, and CR and newline's neighbours besides: a plain
# class is found three times faster than ``_MULTI_LINE`` with its CR lookahead.
_MAYBE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{HIDDEN}]")
_MAYBE_ASCII = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab (and CRLF) escaped."""
    return _MULTI_LINE.sub(_escape, text)


def visible_line(text: str) -> str:
    """``text`` on one line: newlines and tabs escaped as well (names, file names)."""
    return (_ONE_LINE_ASCII if text.isascii() else _ONE_LINE).sub(_escape, text)


def has_line_controls(text: str) -> bool:
    """Whether ``visible_line`` would change ``text`` (one regex search: no copy made)."""
    return (_ONE_LINE_ASCII if text.isascii() else _ONE_LINE).search(text) is not None


def may_escape(text: str) -> bool:
    """Whether ``visible`` may change ``text``; False means it would not (one plain character
    class searched: the output guard's look at each line it passes on)."""
    return (_MAYBE_ASCII if text.isascii() else _MAYBE).search(text) is not None


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
