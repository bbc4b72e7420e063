"""pgdbm's placeholder patterns, and the rendered text alone when no position is needed.

Most files, seed files above all, render without a single problem: their text is what pgdbm
sends, computed with pgdbm's own passes at C speed. Only when a name is invalid, a ``{{`` sits
in a comment, string, quoted name or dollar body, or an unknown ``{{...}}`` is left over does
the caller need positions, and then renders with its position map (template.py).
"""

from __future__ import annotations

import functools
import re

from schemadesk.core.migrations.lexer import placeholder_regions

NAME_PATTERN = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]{0,62}")
EXPLICIT = re.compile(r"{{tables\.([a-zA-Z0-9_]+)\.([a-zA-Z0-9_]+)}}")
IMPLICIT = re.compile(r"{{tables\.([a-zA-Z0-9_]+)}}")


@functools.lru_cache(maxsize=4096)
def valid_name(name: str) -> bool:
    """pgdbm's rule for schema and table names in placeholders."""
    return NAME_PATTERN.fullmatch(name) is not None


def leftovers(text: str) -> list[tuple[int, int]]:
    """The spans of what ``{{[^\\n]*?}}`` finds (a ``{{`` and the first ``}}`` after it on its
    line), in linear time: once a ``{{`` has no ``}}`` after it on its line, no later one on
    that line has either (the regex would retry at every brace: quadratic on ``{{{{...``)."""
    found: list[tuple[int, int]] = []
    n = len(text)
    pos = 0
    while (start := text.find("{{", pos)) != -1:
        line_end = text.find("\n", start)
        line_end = n if line_end == -1 else line_end
        close = text.find("}}", start + 2, line_end)
        if close == -1:
            pos = line_end + 1
            continue
        found.append((start, close + 2))
        pos = close + 2
    return found


class _Invalid(Exception):
    pass


def plain_render(source: str, schema: str | None) -> str | None:
    """pgdbm's rendering of ``source``, or None when it has something to report (an invalid
    name, a placeholder outside code, an unknown placeholder): then positions are needed."""
    if schema:
        text = source.replace("{{schema}}", f'"{schema}"')
    else:
        text = source.replace("{{schema}}.", "").replace("{{schema}}", "public")
    known: dict[str, str] = {}

    def explicit(m: re.Match[str]) -> str:
        if not (valid_name(m.group(1)) and valid_name(m.group(2))):
            raise _Invalid
        return f'"{m.group(1)}".{m.group(2)}'

    def implicit(m: re.Match[str]) -> str:
        name = m.group(1)
        done = known.get(name)
        if done is None:
            if not valid_name(name):
                raise _Invalid
            done = known[name] = f'"{schema}".{name}' if schema else name
        return done

    try:
        text = IMPLICIT.sub(implicit, EXPLICIT.sub(explicit, text))
    except _Invalid:
        return None
    if placeholder_regions(source) or leftovers(text):
        return None
    return text
