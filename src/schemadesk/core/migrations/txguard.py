"""The rehearsal's own refusal of transaction control, independent of the file checks.

A rehearsal runs the whole plan in one transaction and rolls it back; a ``COMMIT`` in a file
would commit what ran before it, and after a ``ROLLBACK`` the rest of the file's query string
runs in an implicit transaction the server commits. So a rehearsal never sends a file with a
statement that starts with a transaction-control keyword. Statement starts are found the way
PostgreSQL's lexer sees them: never inside comments (nested ``/* */``), ``'...'``/``E'...'``
strings, ``"..."`` identifiers or ``$tag$`` bodies; ``BEGIN ATOMIC ... END`` bodies (only
CREATE statements hold them) are stepped over. Locating a failure without a server position
uses the same statements (checked there against the server's command tags).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_CONTROL = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"}
# Where a ``;`` or what can hide one may start; the regex engine finds these (a 50 MB file of
# INSERTs takes about 3 s, not 26 s character by character in Python). Only CREATE
# statements can hold a BEGIN ATOMIC body, so only they look for one.
_HOT = re.compile(r"""[;'"$/-]""")
_HOT_ATOMIC = re.compile(r"""[;'"$/-]|(?<![A-Za-z0-9_$])BEGIN\s+ATOMIC(?![A-Za-z0-9_$])""", re.I)
_STRING = re.compile(r"'[^']*(?:''[^']*)*(?:'|$)")
_ESTRING = re.compile(r"'[^'\\]*(?:(?:\\.|'')[^'\\]*)*(?:'|$)", re.S)
_IDENT = re.compile(r'"[^"]*(?:""[^"]*)*(?:"|$)')
_DOLLAR = re.compile(r"\$(?:[A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)?\$")
_SPACE = re.compile(r"\s*")


def _ident_char(text: str, i: int) -> bool:
    return i >= 0 and (text[i].isalnum() or text[i] in "_$")


def _past(text: str, i: int) -> int | None:
    """Past the string, identifier, comment or dollar body starting at ``i``; None when the
    character there starts none (or is a ``;``)."""
    ch = text[i]
    if ch == "'":
        escapes = i > 0 and text[i - 1] in "eE" and not _ident_char(text, i - 2)
        return (_ESTRING if escapes else _STRING).match(text, i).end()  # type: ignore[union-attr]
    if ch == '"':
        return _IDENT.match(text, i).end()  # type: ignore[union-attr]
    if ch == "-" and text.startswith("--", i):
        nl = text.find("\n", i)
        return len(text) if nl == -1 else nl + 1
    if ch == "/" and text.startswith("/*", i):
        return _skip_block(text, i)
    if ch == "$" and not _ident_char(text, i - 1):
        m = _DOLLAR.match(text, i)
        if m is not None:
            close = text.find(m.group(0), m.end())
            return len(text) if close == -1 else close + len(m.group(0))
    return None


def _skip_block(text: str, i: int) -> int:
    """The offset after the (nested) block comment that starts at ``i``."""
    depth, j = 1, i + 2
    opener = re.compile(r"/\*|\*/")
    while depth:
        m = opener.search(text, j)
        if m is None:
            return len(text)
        depth += 1 if m.group(0) == "/*" else -1
        j = m.end()
    return j


def _lead(text: str, i: int) -> int:
    """Past whitespace and comments from ``i``: where a statement's first token is."""
    while True:
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        if text.startswith("--", i):
            nl = text.find("\n", i)
            i = len(text) if nl == -1 else nl + 1
        elif text.startswith("/*", i):
            i = _skip_block(text, i)
        else:
            return i


def statements(text: str) -> list[tuple[int, str]]:
    """Each top-level statement's first token: its offset and, if a word, the word in upper
    case. ``BEGIN ATOMIC ... END`` bodies belong to the statement around them."""
    found: list[tuple[int, str]] = []
    n = len(text)
    i = 0
    atomic = 0  # depth of BEGIN ATOMIC bodies
    while True:
        i = _lead(text, i)
        if i >= n:
            return found
        m = _WORD.match(text, i)
        word = m.group(0).upper() if m else ""
        if atomic and word == "END":
            atomic -= 1
        elif not atomic and text[i] != ";":
            found.append((i, word))
        # to the end of this statement: the next top-level ``;``
        hot = _HOT_ATOMIC if word == "CREATE" or atomic else _HOT
        while True:
            t = hot.search(text, i)
            if t is None:
                return found
            at = t.start()
            if text[at] == ";":
                i = at + 1
                break
            if len(t.group(0)) > 1:  # BEGIN ATOMIC
                atomic += 1
                i = t.end()
                continue
            past = _past(text, at)
            i = at + 1 if past is None else past


def transaction_control(text: str) -> tuple[int, str] | None:
    """The offset and keyword of the first statement that controls the transaction, if any."""
    for offset, word in statements(text):
        if word in _CONTROL:
            return offset, word
        if word == "PREPARE":
            after = _WORD.match(text, _lead(text, offset + len(word)))
            if after is not None and after.group(0).upper() == "TRANSACTION":
                return offset, "PREPARE TRANSACTION"
    return None
