"""pgdbm 0.5.0's statement splitter for ``-- pgdbm:no-transaction`` files, with offsets.

The split must be pgdbm's own (``pgdbm.migrations._split_sql_statements``) so that a file runs
as the same statements under either tool: it knows ``--`` and ``/* */`` comments (not nested),
``'...'`` strings with ``''`` and ``$tag$`` bodies, and nothing else (a ``;`` inside a
``"quoted identifier"`` splits there, as in pgdbm).
"""

from __future__ import annotations

from schemadesk.core.migrations.models import Statement


def split_statements(sql: str) -> tuple[Statement, ...]:
    """Non-empty statements, stripped, each with its offset in ``sql``."""
    statements: list[Statement] = []
    seg = 0  # start of the current statement's text
    i = 0
    n = len(sql)

    def emit(end: int) -> None:
        piece = sql[seg:end]
        stripped = piece.strip()
        if stripped and stripped != ";":
            lead = len(piece) - len(piece.lstrip())
            statements.append(Statement(stripped, seg + lead))

    while i < n:
        ch = sql[i]
        if ch == "-" and i + 1 < n and sql[i + 1] == "-":
            while i < n and sql[i] != "\n":
                i += 1
            continue
        if ch == "/" and i + 1 < n and sql[i + 1] == "*":
            i += 2
            while i + 1 < n and not (sql[i] == "*" and sql[i + 1] == "/"):
                i += 1
            i += 2
            continue
        if ch == "'":
            i += 1
            while i < n:
                if sql[i] == "'":
                    if i + 1 < n and sql[i + 1] == "'":
                        i += 2
                    else:
                        i += 1
                        break
                else:
                    i += 1
            continue
        if ch == "$":
            tag_start = i
            i += 1
            while i < n and (sql[i].isalnum() or sql[i] == "_"):
                i += 1
            if i < n and sql[i] == "$":
                i += 1
                tag = sql[tag_start:i]
                end_pos = sql.find(tag, i)
                if end_pos != -1:
                    i = end_pos + len(tag)
                    continue
                i = n
                break
            i = tag_start + 1
            continue
        if ch == ";":
            emit(i + 1)
            i += 1
            seg = i
            continue
        i += 1
    emit(n)
    return tuple(statements)
