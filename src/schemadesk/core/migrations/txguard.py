"""The rehearsal's own refusal of transaction control, independent of the file checks.

A rehearsal runs the whole plan in one transaction and rolls it back; a ``COMMIT`` in a file
would commit what ran before it, and after a ``ROLLBACK`` the rest of the file's query string
runs in an implicit transaction the server commits. So a rehearsal never sends a file with a
statement that starts with a transaction-control keyword. Statement starts are found the way
PostgreSQL's lexer sees them: never inside comments (nested ``/* */``), ``'...'``/``E'...'``
strings, ``"..."`` identifiers or ``$tag$`` bodies, and ``BEGIN ATOMIC ... END`` bodies are
stepped over. It splits at every top-level ``;``, a superset of the server's statement
boundaries, so no transaction-control statement goes unseen.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_DOLLAR = re.compile(r"\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$")
_CONTROL = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"}


def _skip_comment(text: str, i: int) -> int:
    """The offset after a comment starting at ``i`` (or ``i`` when none starts there)."""
    if text.startswith("--", i):
        end = text.find("\n", i)
        return len(text) if end == -1 else end + 1
    if text.startswith("/*", i):
        depth, j = 1, i + 2
        while j < len(text) and depth:
            if text.startswith("/*", j):
                depth, j = depth + 1, j + 2
            elif text.startswith("*/", j):
                depth, j = depth - 1, j + 2
            else:
                j += 1
        return j
    return i


def _skip_quoted(text: str, i: int) -> int:
    """The offset after a string, quoted identifier or dollar body at ``i`` (else ``i``)."""
    ch = text[i]
    if ch in "'\"":
        escapes = ch == "'" and i > 0 and text[i - 1] in "eE" and not _word_char(text, i - 2)
        j = i + 1
        while j < len(text):
            if escapes and text[j] == "\\":
                j += 2
                continue
            if text[j] == ch:
                if text.startswith(ch * 2, j):
                    j += 2
                    continue
                return j + 1
            j += 1
        return len(text)
    if ch == "$" and not _word_char(text, i - 1):
        m = _DOLLAR.match(text, i)
        if m is not None:
            close = text.find(m.group(0), m.end())
            return len(text) if close == -1 else close + len(m.group(0))
    return i


def _word_char(text: str, i: int) -> bool:
    return i >= 0 and (text[i].isalnum() or text[i] in "_$")


def statements(text: str) -> list[tuple[int, str]]:
    """Each top-level statement's first token: its offset and, if a word, the word in upper
    case. ``BEGIN ATOMIC ... END`` bodies belong to the statement around them."""
    found: list[tuple[int, str]] = []
    i, n = 0, len(text)
    at_start = True
    atomic = 0  # depth of BEGIN ATOMIC bodies
    previous = ""
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        j = _skip_comment(text, i)
        if j != i:  # a comment changes nothing
            i = j
            continue
        if ch == ";":
            i, at_start, previous = i + 1, True, ""
            continue
        m = _WORD.match(text, i)
        word = m.group(0).upper() if m else ""
        if at_start and atomic and word == "END":
            atomic -= 1
        elif at_start and not atomic:
            found.append((i, word))
        if previous == "BEGIN" and word == "ATOMIC":
            atomic += 1
        at_start, previous = False, word
        j = _skip_quoted(text, i)
        i = m.end() if m else (j if j != i else i + 1)
    return found


def transaction_control(text: str) -> tuple[int, str] | None:
    """The offset and keyword of the first statement that controls the transaction, if any."""
    for offset, word in statements(text):
        if word in _CONTROL:
            return offset, word
        if word == "PREPARE" and _next_word(text, offset + len(word)) == "TRANSACTION":
            return offset, "PREPARE TRANSACTION"
    return None


def _next_word(text: str, i: int) -> str:
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        j = _skip_comment(text, i)
        if j == i:
            break
        i = j
    m = _WORD.match(text, i)
    return m.group(0).upper() if m else ""
