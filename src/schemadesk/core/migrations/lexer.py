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
from dataclasses import dataclass

_ID_START = r"A-Za-z_\x80-\U0010ffff"
_ID_CONT = r"A-Za-z0-9_$\x80-\U0010ffff"
_DOLLAR_TAG = re.compile(rf"\$(?:[{_ID_START}][A-Za-z0-9_\x80-\U0010ffff]*+)?\$")
_STRING = r"'[^']*+(?:''[^']*+)*+'"
_E_STRING = r"[eE]'[^'\\]*+(?:(?:\\.|'')[^'\\]*+)*+'"
_QUOTED = r'"[^"]*+(?:""[^"]*+)*+"'
_WORD = rf"[{_ID_START}][{_ID_CONT}]*+"
# A run of text holding no comment start, ``;``, dollar quote, or unterminated quote. An E
# string comes before words: ``e'`` is one token, ``ee'`` a word and then a plain string.
_CODE = rf"""(?:[^'"$;/\-{_ID_START}]++|{_E_STRING}|{_WORD}|{_STRING}|{_QUOTED}|-(?!-)|/(?!\*)
    |\$(?![{_ID_START}$]))"""
_RUN = re.compile(rf"(?:{_CODE})*+", re.VERBOSE)
# The same without words and parentheses, for statements whose words and depth matter.
_RUN_SLOW = re.compile(
    rf"""(?:[^'"$;/\-(){_ID_START}]++|{_STRING}|{_QUOTED}|-(?!-)|/(?!\*)
    |\$(?![{_ID_START}$]))*+""",
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


@dataclass(frozen=True, slots=True)
class TopStatement:
    """A top-level statement: ``start`` is its first token, ``end`` its ``;`` (or the end).

    ``head`` holds its first few words in upper case, up to the first token that is not a
    plain word (enough to tell ``SET LOCAL`` from ``SET`` or ``START TRANSACTION``).
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


def statements(text: str) -> tuple[TopStatement, ...]:
    """The top-level statements of ``text`` as PostgreSQL's parser splits them."""
    found: list[TopStatement] = []
    n = len(text)
    pos = skip_gap(text, 0)
    while pos < n:
        if text[pos] == ";":  # an empty statement
            pos = skip_gap(text, pos + 1)
            continue
        head = _head(text, pos)
        if head[:1] == ("CREATE",) and (_is_routine(head) or "RULE" in head[1:4]):
            end = _end_tracked(text, pos, _is_routine(head))
        else:
            end = _end_simple(text, pos)
        found.append(TopStatement(pos, end, head))
        pos = skip_gap(text, end + 1)
    return tuple(found)


_REGION = re.compile(
    rf"""(?:[^'"$/\-{_ID_START}]++|(?![eE]'){_WORD}|-(?!-)|/(?!\*)|\$(?![{_ID_START}$]))*+""",
    re.VERBOSE,
)
_STRING_AT = re.compile(_STRING)
_QUOTED_AT = re.compile(_QUOTED)


def regions(text: str) -> tuple[Region, ...]:
    """The non-code regions of ``text`` in order."""
    found: list[Region] = []
    n = len(text)
    pos = 0
    while True:
        pos = _after(_REGION, text, pos)
        if pos >= n:
            return tuple(found)
        ch = text[pos]
        if ch in "eE'\"":
            m = _QUOTED_AT.match(text, pos) if ch == '"' else None
            m = m or (_STRING_AT if ch == "'" else _E_STRING_AT).match(text, pos)
            end = n if m is None else m.end()
            found.append(Region("identifier" if ch == '"' else "string", pos, end))
        else:
            kind, end = _special(text, pos)
            if kind != "code":
                found.append(Region(kind, pos, end))
        pos = end


class RegionIndex:
    """Looks up the region kind of an offset in O(log n)."""

    def __init__(self, text: str) -> None:
        self._regions = regions(text)
        self._starts = [r.start for r in self._regions]

    def kind_at(self, offset: int) -> str:
        """``code`` or the kind of the region that holds ``offset``."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and offset < self._regions[k].end:
            return self._regions[k].kind
        return "code"
