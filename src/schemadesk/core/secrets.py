"""One secrets mask for every output: terminal, ``--json``, audit records, reports and logs.

Passwords reach text in three shapes: SQL literals (``PASSWORD '...'``), conninfo values
(``password=...``) and URIs (``scheme://user:secret@host``). libpq's parse errors add a fourth:
they quote back the token they could not read, which may be the password itself
(``invalid percent-encoded token: "SECRET%ZZ"``), so those quoted tokens are masked whole.
"""

from __future__ import annotations

import re

MASK = "********"

# ``PASSWORD 'x'`` (CREATE/ALTER ROLE, user mapping options), ``password=x`` (conninfo inside a
# string), ``scheme://user:x@`` (URIs). Only quoted literals after the PASSWORD keyword: a
# column named ``password`` stays as it is.
SQL_PASSWORD = re.compile(r"(?i)(\bpassword\s+E?)'(?:[^']|'')*'")
CONNINFO_PASSWORD = re.compile(r"(?i)(\bpassword\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|[^\s']+)")
URI_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/@\s'\"]*:)[^@\s'\"]+(@)")
# libpq's conninfo/URI parse errors that quote a token of the input back (fe-connect.c). The
# token can be (part of) a password: a percent-encoding mistake in it, or a word of an
# unquoted password with a space. Which token it was cannot be told from the message alone.
LIBPQ_QUOTED_TOKEN = re.compile(
    r"(?i)((?:invalid percent-encoded token|missing \"=\" after|"
    r"invalid (?:URI|connection option|integer value|value)[^\"\n]*?|"
    r"unexpected spaces found in|unterminated quoted string in)\s*:?\s*)\"[^\"\n]*\"?"
)

_LIBPQ_WORDS = ("percent-encoded", 'missing "="', "invalid ", "unexpected spaces", "unterminated")


def mask_secrets(text: str) -> str:
    """``text`` with every password masked: SQL ``PASSWORD`` literals, conninfo ``password=``
    values, URI ``user:password@`` parts and the tokens libpq's parse errors quote back."""
    if not text:
        return text
    # Plain substring tests first: a large migration printed through the command line's
    # output boundary would otherwise pay for four case-insensitive scans (7.5 MB: 0.7 s).
    lowered = text.lower()
    if "password" in lowered:
        text = SQL_PASSWORD.sub(lambda m: f"{m.group(1)}'{MASK}'", text)
        text = CONNINFO_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}", text)
    if "://" in text:
        text = URI_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}{m.group(2)}", text)
    if '"' in text and any(word in lowered for word in _LIBPQ_WORDS):
        text = LIBPQ_QUOTED_TOKEN.sub(lambda m: f'{m.group(1)}"{MASK}"', text)
    return text


def conninfo_error(what: str, exc: BaseException) -> str:
    """One line saying why ``what`` (``--dsn``, ``profile 'x'``) is not a valid conninfo,
    with libpq's reason masked: it may quote the password back."""
    reason = " ".join(str(exc).split())
    return mask_secrets(f"{what} is not a valid conninfo or URI: {reason}")
