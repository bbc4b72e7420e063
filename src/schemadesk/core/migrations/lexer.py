"""PostgreSQL's lexical structure of SQL text: non-code regions and top-level statements.

It follows PostgreSQL's lexer (``scan.l``): nested block comments, ``''`` doubling, ``E'\\''``
escapes (an ``E`` that is a token of its own), ``"..."`` identifiers, ``$tag$`` bodies, and,
for statements, psql's rule that a ``;`` inside parentheses or inside the ``BEGIN ... END`` of a
``CREATE FUNCTION``/``PROCEDURE`` (``BEGIN ATOMIC``) does not end a statement. It is checked
against PostgreSQL's own parser in the tests (pglast). Everything is done with compiled regular
expressions that swallow long runs of ordinary text at once, so a 50 MB file lexes in linear
time without a Python step per character.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple


def _ascii_class(chars: str, *, negate: bool) -> str:
    """A character class of the ASCII characters not in ``chars`` (``negate``: all others).

    Name characters are ASCII letters, digits, ``_``, ``$`` and every non-ASCII character;
    spelling them as "not these ASCII characters" compiles in microseconds, where a range up
    to U+10FFFF takes milliseconds per class (and the lexer has dozens).
    """
    codes = "".join(f"\\x{c:02x}" for c in range(128) if chr(c) not in chars)
    return f"[{'^' if negate else ''}{codes}]"


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
_DIGITS = "0123456789"
_ID_START = _ascii_class(_LETTERS, negate=True)  # a letter, "_" or any non-ASCII character
_ID_CONT = _ascii_class(_LETTERS + _DIGITS + "$", negate=True)
_NOT_ID_CONT = _ascii_class(_LETTERS + _DIGITS + "$", negate=False)
_TAG_CONT = _ascii_class(_LETTERS + _DIGITS, negate=True)
# Not a name character nor one that starts anything: what psql's rule can skip in bulk.
_SLOW_PLAIN = _ascii_class(_LETTERS + "'\"$;/-()", negate=False)
_DOLLAR_TAG = re.compile(rf"\$(?:{_ID_START}{_TAG_CONT}*+)?\$")
_STRING = r"'[^']*+(?:''[^']*+)*+'"
_E_STRING = r"[eE]'[^'\\]*+(?:(?:\\[\s\S]|'')[^'\\]*+)*+'"
_QUOTED = r'"[^"]*+(?:""[^"]*+)*+"'
_WORD = rf"{_ID_START}{_ID_CONT}*+"
# Code up to a ";": everything but dollar bodies (strings, quoted identifiers, comments, words) is
# swallowed by the regex engine, not by Python. The "e" of E'...' is taken with the text
# before it, so strings look behind for it: an E string when the "e" is a token of its own, a
# plain string otherwise (``ee'x'`` is a word, then a string). A "$" right after a word
# character continues the word (``a$b$`` is one name). Dollar bodies are left to Python
# (_special): a back-reference to the tag would need a capture group, which CPython 3.11
# mis-tracks inside a possessive repeat, and *+ is what makes these runs fast.
_CODE_ALL = rf"""[^'"$/\-;]++
    |(?<![eE]){_STRING}
    |(?:(?<={_NOT_ID_CONT}[eE])|(?<=^[eE]))'[^'\\]*+(?:(?:\\[\s\S]|'')[^'\\]*+)*+'
    |(?<={_ID_CONT}[eE]){_STRING}
    |{_QUOTED}
    |--[^\n]*+\n
    |/\*(?:[^*/]++|\*(?!/)|/(?!\*))*+\*/
    |(?<={_ID_CONT})\$
    |\$(?!{_ID_START}|\$)
    |-(?!-)|/(?!\*)"""
_RUN = re.compile(rf"(?:{_CODE_ALL})*+", re.VERBOSE)
# Without parentheses and words, for statements whose words and depth matter (psql's rule).
_RUN_SLOW = re.compile(
    rf"""(?:{_SLOW_PLAIN}++|{_STRING}|{_QUOTED}|-(?!-)|/(?!\*)
    |\$(?!{_ID_START}|\$))*+""",
    re.VERBOSE,
)
_E_STRING_AT = re.compile(_E_STRING)
_WORD_AT = re.compile(_WORD)
_GAP = re.compile(r"[ \t\n\r\f\v]*+")
_COMMENT_MARK = re.compile(r"/\*|\*/")
_HEAD_WORDS = 4


@dataclass(frozen=True, slots=True)
class Region:
    """A half-open span ``[start, end)`` of one kind: comment, string, identifier, dollar-body."""

    kind: str
    start: int
    end: int


class TopStatement(NamedTuple):
    """A top-level statement: ``start`` is its first token, ``end`` its ``;`` (or the end).

    ``head`` holds its first word in upper case and, when that word can start a statement
    that controls transactions, sets something or creates a routine or rule, the next few
    (up to the first token that is not a plain word): enough to tell ``SET LOCAL`` from
    ``SET`` or ``START TRANSACTION`` from ``START``. (A tuple: there are many of them.)
    """

    start: int
    end: int
    head: tuple[str, ...]


def _after(pattern: re.Pattern[str], text: str, pos: int) -> int:
    # The run patterns match the empty string too, so there is always a match.
    m = pattern.match(text, pos)
    return pos if m is None else m.end()


def block_comment_end(text: str, start: int) -> int:
    """The offset after the nested ``/* ... */`` comment at ``start`` (or the text's end)."""
    depth = 0
    for m in _COMMENT_MARK.finditer(text, start):
        depth += 1 if m.group() == "/*" else -1
        if depth == 0:
            return m.end()
    return len(text)


def skip_gap(text: str, pos: int) -> int:
    """The offset of the next token at or after ``pos``: whitespace and comments skipped."""
    n = len(text)
    while True:
        pos = _after(_GAP, text, pos)
        if text.startswith("--", pos):
            nl = text.find("\n", pos)
            pos = n if nl == -1 else nl
        elif text.startswith("/*", pos):
            pos = block_comment_end(text, pos)
        else:
            return pos


def _special(text: str, pos: int) -> tuple[str, int]:
    """At a stop of a run: what is at ``pos`` and where it ends (``;`` is left to the caller)."""
    n = len(text)
    ch = text[pos]
    if ch == "-":
        nl = text.find("\n", pos)
        return "comment", n if nl == -1 else nl
    if ch == "/":
        return "comment", block_comment_end(text, pos)
    if ch == "$":
        m = _DOLLAR_TAG.match(text, pos)
        if m is None:  # a lone "$" the run did not take: keep going
            return "code", pos + 1
        close = text.find(m.group(), m.end())
        return "dollar-body", n if close == -1 else close + len(m.group())
    if ch == "'":
        return "string", n  # unterminated: the run takes every closed literal
    if ch == '"':
        return "identifier", n
    return "code", pos + 1


def _head(text: str, pos: int) -> tuple[str, ...]:
    words: list[str] = []
    while len(words) < _HEAD_WORDS:
        m = _WORD_AT.match(text, pos)
        if m is None or (text.startswith("'", m.end()) and m.end() - m.start() == 1):
            break
        words.append(m.group().upper())
        pos = skip_gap(text, m.end())
    return tuple(words)


def _is_routine(head: tuple[str, ...]) -> bool:
    # psql's test for CREATE [OR REPLACE] {FUNCTION|PROCEDURE}, whose BEGIN ... END it tracks.
    rest = head[3:] if head[1:3] == ("OR", "REPLACE") else head[1:]
    return head[:1] == ("CREATE",) and rest[:1] in (("FUNCTION",), ("PROCEDURE",))


def _end_simple(text: str, pos: int) -> int:
    n = len(text)
    while True:
        pos = _after(_RUN, text, pos)
        if pos >= n or text[pos] == ";":
            return pos
        _, pos = _special(text, pos)


def _end_tracked(text: str, pos: int, routine: bool) -> int:
    """psql's rule: ``;`` ends a statement only outside parentheses and BEGIN ... END."""
    n = len(text)
    parens = begins = 0
    while True:
        pos = _after(_RUN_SLOW, text, pos)
        if pos >= n:
            return n
        ch = text[pos]
        if ch == ";":
            if parens == 0 and begins == 0:
                return pos
            pos += 1
        elif ch == "(":
            parens, pos = parens + 1, pos + 1
        elif ch == ")":
            parens, pos = max(parens - 1, 0), pos + 1
        elif ch in "eE" and text.startswith("'", pos + 1):
            m = _E_STRING_AT.match(text, pos)
            pos = n if m is None else m.end()
        elif (m := _WORD_AT.match(text, pos)) is not None:
            pos = m.end()
            if routine and parens == 0:
                word = m.group().upper()
                if word == "BEGIN" or (word == "CASE" and begins > 0):
                    begins += 1
                elif word == "END" and begins > 0:
                    begins -= 1
        else:
            _, pos = _special(text, pos)


# First words of the statements whose kind this module tells apart; for any other statement
# only its first word is read.
_INTERESTING = frozenset(
    {"BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "START", "PREPARE"}
    | {"SET", "RESET", "CREATE"}
)


_GAP_ALL = r"(?:[ \t\n\r\f\v]++|--[^\n]*+\n|/\*(?:[^*/]++|\*(?!/)|/(?!\*))*+\*/|;)*+"
# One match per statement: the gap before it (whitespace, comments, empty ";"), its first
# word, and the run up to its ";". Python only looks at what that cannot take.
_STATEMENT = re.compile(rf"{_GAP_ALL}(?P<start>)(?P<word>{_WORD})?(?:{_CODE_ALL})*+", re.VERBOSE)
# Any number of whole statements whose first word is not one of _INTERESTING, in one match.
_BORING = re.compile(
    rf"""(?:{_GAP_ALL}(?!(?i:{"|".join(sorted(_INTERESTING))})(?!{_ID_CONT}))
    (?:{_WORD})?(?:{_CODE_ALL})*+;)*+""",
    re.VERBOSE,
)


def _scan(text: str, *, notable: bool) -> Iterator[TopStatement]:
    n = len(text)
    pos = 0
    while True:
        if notable:
            pos = _after(_BORING, text, pos)
        m = _STATEMENT.match(text, pos)
        if m is None:  # cannot happen: everything in the pattern is optional
            return
        start, end = m.start("start"), m.end()
        if start >= n:
            return
        if end == start and text[start] in "-/":  # a nested comment, or one on the last line
            pos = skip_gap(text, start)
            continue
        word = m.group("word")
        first = "" if word is None else word.upper()
        head = _head(text, start) if first in _INTERESTING else (first,) if first else ()
        if head[:1] == ("CREATE",) and (_is_routine(head) or "RULE" in head[1:4]):
            end = _end_tracked(text, start, _is_routine(head))
        elif end < n and text[end] != ";":
            end = _end_simple(text, end)
        if not notable or first in _INTERESTING:
            yield TopStatement(start, end, head)
        pos = end + 1


def statements(text: str) -> tuple[TopStatement, ...]:
    """The top-level statements of ``text`` as PostgreSQL's parser splits them."""
    return tuple(_scan(text, notable=False))


def notable_statements(text: str) -> tuple[TopStatement, ...]:
    """The statements of ``text`` that may control transactions, set something or create a
    routine or rule (by their first word); the others are skipped many at a time."""
    return tuple(_scan(text, notable=True))


_E_BODY_AT = re.compile(r"'[^'\\]*+(?:(?:\\[\s\S]|'')[^'\\]*+)*+'")


def _region_at(text: str, pos: int) -> tuple[str, int]:
    """The kind and end of the region that starts at ``pos`` (``code`` for a lone character)."""
    ch = text[pos]
    if ch == "'":
        e = pos > 0 and text[pos - 1] in "eE" and (pos < 2 or not _is_name_char(text[pos - 2]))
        m = (_E_BODY_AT if e else _STRING_AT).match(text, pos)
        return "string", len(text) if m is None else m.end()
    if ch == '"':
        m = _QUOTED_AT.match(text, pos)
        return "identifier", len(text) if m is None else m.end()
    return _special(text, pos)


def _is_name_char(ch: str) -> bool:
    return not ch.isascii() or ch.isalnum() or ch in "_$"


# Code and whole regions without "{{" in them: it stops only where a string, identifier or
# comment holding a placeholder (or any dollar body, an unclosed region) begins.
_NB = r"(?:\{(?!\{))"  # a "{" that does not begin "{{"
_PLAIN_RUN = re.compile(
    rf"""(?:[^'"$/\-]++
    |(?<![eE])'[^'{{]*+(?:(?:''|{_NB})[^'{{]*+)*+'
    |(?:(?<={_NOT_ID_CONT}[eE])|(?<=^[eE]))'[^'\\{{]*+(?:(?:\\(?:[^{{]|{_NB})|''|{_NB})[^'\\{{]*+)*+'
    |(?<={_ID_CONT}[eE])'[^'{{]*+(?:(?:''|{_NB})[^'{{]*+)*+'
    |"[^"{{]*+(?:(?:""|{_NB})[^"{{]*+)*+"
    |--[^\n{{]*+(?:{_NB}[^\n{{]*+)*+\n
    |/\*(?:[^*/{{]++|\*(?!/)|/(?!\*)|{_NB})*+\*/
    |(?<={_ID_CONT})\$
    |\$(?!{_ID_START}|\$)
    |-(?!-)|/(?!\*))*+""",
    re.VERBOSE,
)


def placeholder_regions(text: str) -> tuple[Region, ...]:
    """The comments, strings, quoted identifiers and dollar bodies that hold a ``{{``."""
    found: list[Region] = []
    n = len(text)
    pos = 0
    while True:
        pos = _after(_PLAIN_RUN, text, pos)
        if pos >= n:
            return tuple(found)
        kind, end = _region_at(text, pos)
        if kind != "code" and text.find("{{", pos, end) != -1:
            found.append(Region(kind, pos, end))
        pos = end


def placeholder_contexts(text: str, offsets: Sequence[int]) -> list[str]:
    """The region kind at each offset: ``code``, ``comment``, ``string``, ``identifier`` or
    ``dollar-body``.

    Each offset must be the start of a ``{{``. Only the regions that hold one are looked at
    one by one; the rest of the text is skipped by the regex engine, so a file with many
    placeholders in code costs one pass.
    """
    held = placeholder_regions(text)
    if not held:
        return ["code"] * len(offsets)
    starts = [r.start for r in held]
    kinds = []
    for at in offsets:
        k = bisect.bisect_right(starts, at) - 1
        kinds.append(held[k].kind if k >= 0 and at < held[k].end else "code")
    return kinds


_REGION = re.compile(
    rf"""(?:[^'"$/\-]++|-(?!-)|/(?!\*)|(?<={_ID_CONT})\$|\$(?!{_ID_START}|\$))*+"""
)
_STRING_AT = re.compile(_STRING)
_QUOTED_AT = re.compile(_QUOTED)


def regions(text: str) -> tuple[Region, ...]:
    """The non-code regions of ``text`` in order (a string starts at its quote)."""
    found: list[Region] = []
    n = len(text)
    pos = 0
    while True:
        pos = _after(_REGION, text, pos)
        if pos >= n:
            return tuple(found)
        kind, end = _region_at(text, pos)
        if kind != "code":
            found.append(Region(kind, pos, end))
        pos = end
