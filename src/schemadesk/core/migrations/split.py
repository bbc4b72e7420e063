"""pgdbm 0.5.0's statement splitter for ``-- pgdbm:no-transaction`` files, with offsets.

The split must be pgdbm's own (``pgdbm.migrations._split_sql_statements``) so that a file runs
as the same statements under either tool: it knows ``--`` and ``/* */`` comments (not nested),
``'...'`` strings with ``''`` and ``$tag$`` bodies, and nothing else (a ``;`` inside a
``"quoted identifier"`` splits there, as in pgdbm). One regular expression swallows everything
up to the next ``;`` that ends a statement, so a 50 MB file splits in linear time.
"""

from __future__ import annotations

import re

from schemadesk.core.migrations.models import Statement

# pgdbm's tag characters are str.isalnum() or "_", which is what \w means for str patterns.
_RUN = re.compile(
    r"""(?:[^-/'$;]++
    |-(?!-)|/(?!\*)
    |--[^\n]*+
    |/\*(?s:.*?)\*/
    |'[^']*+(?:''[^']*+)*+'
    |(?P<tag>\$\w*+\$)(?s:.*?)(?P=tag)
    |\$(?!\w*+\$)
    )*""",  # not *+: CPython 3.11 mis-tracks a capture group inside a possessive repeat
    re.VERBOSE,
)
_NON_SPACE = re.compile(r"\S")


def split_statements(sql: str) -> tuple[Statement, ...]:
    """Non-empty statements, stripped, each with its offset in ``sql``."""
    statements: list[Statement] = []
    n = len(sql)
    seg = i = 0
    while True:
        m = _RUN.match(sql, i)
        i = i if m is None else m.end()
        if i < n and sql[i] != ";":
            # What the run could not take never ends: an unterminated comment, string or
            # $tag$ body runs to the end of the text, as in pgdbm. (A "$tag$" with no closing
            # tag ends it too; a lone "$" the run always takes.)
            i = n
        piece = sql[seg : i + 1]  # with its ";", as pgdbm keeps it
        stripped = piece.strip()
        if stripped and stripped != ";":
            statements.append(Statement(stripped, seg + len(piece) - len(piece.lstrip())))
        if i >= n:
            return tuple(statements)
        i += 1
        seg = i


def count_statements(sql: str) -> int:
    """``len(split_statements(sql))`` without building the statements (a 50 MB file)."""
    count = 0
    n = len(sql)
    seg = i = 0
    while True:
        m = _RUN.match(sql, i)
        i = i if m is None else m.end()
        if i < n and sql[i] != ";":
            i = n
        # str.strip() and \S agree on what is white space.
        if _NON_SPACE.search(sql, seg, i) is not None:
            count += 1
        if i >= n:
            return count
        i += 1
        seg = i
