"""Where comments, string literals, quoted identifiers and dollar bodies are in SQL text.

Used to tell the user that a placeholder sits inside a comment or a literal (pgdbm replaces it
there too). It follows PostgreSQL's lexer closely enough for warnings: nested block comments,
``''`` and ``E'\\''`` escapes, ``"..."`` identifiers, ``$tag$`` bodies.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$")


@dataclass(frozen=True, slots=True)
class Region:
    """A half-open span ``[start, end)`` of one kind: comment, string, identifier, dollar-body."""

    kind: str
    start: int
    end: int


def regions(text: str) -> tuple[Region, ...]:
    """The non-code regions of ``text`` in order."""
    found: list[Region] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and text.startswith("--", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            found.append(Region("comment", i, end))
            i = end
        elif ch == "/" and text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            found.append(Region("comment", i, j))
            i = j
        elif ch == "'":
            escapes = i > 0 and text[i - 1] in "eE" and not _ident_char(text, i - 2)
            j = i + 1
            while j < n:
                if escapes and text[j] == "\\":
                    j += 2
                    continue
                if text[j] == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        j += 2
                        continue
                    j += 1
                    break
                j += 1
            found.append(Region("string", i, min(j, n)))
            i = j
        elif ch == '"':
            j = i + 1
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    j += 1
                    break
                j += 1
            found.append(Region("identifier", i, min(j, n)))
            i = j
        elif ch == "$" and not _ident_char(text, i - 1):
            m = _DOLLAR_TAG.match(text, i)
            if m is None:
                i += 1
                continue
            close = text.find(m.group(0), m.end())
            end = n if close == -1 else close + len(m.group(0))
            found.append(Region("dollar-body", i, end))
            i = end
        else:
            i += 1
    return tuple(found)


def _ident_char(text: str, i: int) -> bool:
    return i >= 0 and (text[i].isalnum() or text[i] in "_$")


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
