"""The fast region scan against a plain character-by-character reference lexer.

``placeholder_contexts`` (which says whether a placeholder sits in a comment, a string...)
skips text with bounded regular expressions; the reference below walks every character, as
the first version of the lexer did. Both must agree on every placeholder of any text.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from schemadesk.core.migrations.lexer import placeholder_contexts, regions

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$")


def reference(text: str) -> list[tuple[str, int, int]]:
    """Non-code regions (kind, start, end), one character at a time."""
    found: list[tuple[str, int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and text.startswith("--", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            found.append(("comment", i, end))
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
            found.append(("comment", i, j))
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
            found.append(("string", i, min(j, n)))
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
            found.append(("identifier", i, min(j, n)))
            i = j
        elif ch == "$" and not _ident_char(text, i - 1):
            m = _DOLLAR_TAG.match(text, i)
            if m is None:
                i += 1
                continue
            close = text.find(m.group(0), m.end())
            end = n if close == -1 else close + len(m.group(0))
            found.append(("dollar-body", i, end))
            i = end
        else:
            i += 1
    return found


def _ident_char(text: str, i: int) -> bool:
    return i >= 0 and (text[i].isalnum() or text[i] in "_$")


def reference_kind(text: str, offset: int) -> str:
    for kind, start, end in reference(text):
        if start <= offset < end:
            return kind
    return "code"


_PIECES = st.sampled_from(
    [
        "'",
        "''",
        "E'",
        "e'\\'",
        "ae'",
        '"',
        '""',
        "$$",
        "$a$",
        "a$b$",
        "$1",
        "--",
        "\n",
        "/*",
        "*/",
        "x",
        " ",
        ";",
        "é",
        "\\",
        "-",
        "/",
        "{{tables.t}}",
        "{{schema}}",
    ]
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join))
@example("e'\\'{{tables.t}}")
@example("SELECT 'a''{{tables.t}}'")
@example("/* /* {{schema}} */ */ {{schema}}")
def test_contexts_and_regions_agree_with_the_reference(text: str) -> None:
    offsets = [m.start() for m in re.finditer(r"\{\{", text)]
    assert placeholder_contexts(text, offsets) == [reference_kind(text, o) for o in offsets]
    assert [(r.kind, r.start, r.end) for r in regions(text)] == reference(text)
