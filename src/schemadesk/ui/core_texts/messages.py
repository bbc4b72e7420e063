"""One-line messages from db/: connection failures (our framing and reasons; the server's
own FATAL text stays as the server wrote it) and who holds a migration lock; ``message_text``
tries every kind."""

from __future__ import annotations

import re
from collections.abc import Callable

from schemadesk.db.connect_errors import CANNOT_CONNECT, CANNOT_OPEN_POOL, REASONS
from schemadesk.ui.core_texts.fill import fill, translate
from schemadesk.ui.core_texts.problems import problem_text
from schemadesk.ui.lazy_pattern import LazyPattern

# -- connection failures (db/connect_errors.py): our framing and reasons; the server's own
# message (FATAL: ...) stays as the server wrote it --------------------------------------------


def _shape(template: str, last: str) -> LazyPattern:
    """A pattern from one of connect_errors' templates: ``{target}`` and ``{last}`` captured."""
    text = re.escape(template)
    text = text.replace(r"\{target\}", r"(?P<target>.+?)", 1)
    return LazyPattern(text.replace(rf"\{{{last}\}}", rf"(?P<{last}>.+)", 1), re.DOTALL)


_CANNOT_CONNECT = _shape(CANNOT_CONNECT, "reason")
_CANNOT_OPEN_POOL = _shape(CANNOT_OPEN_POOL, "error")
_CONNECT_REASONS: dict[str, Callable[[], str]] = {
    "no-password": lambda: translate(
        "CoreText",
        "the server asks for a password and none was given (keyring, ~/.pgpass or prompt)",
    ),
    "refused": lambda: translate(
        "CoreText",
        "connection refused (is the server running and accepting TCP/IP connections on that port?)",
    ),
    "unknown-host": lambda: translate("CoreText", "unknown host name"),
    "timeout": lambda: translate("CoreText", "timed out (host unreachable or firewalled)"),
    "no-socket": lambda: translate(
        "CoreText", "no server listening on that local socket (is it running?)"
    ),
    "unknown": lambda: translate("CoreText", "unknown error"),
}
_REASON_BY_TEXT = {text: key for key, text in REASONS.items()}


def connection_error_text(message: str) -> str:
    """``cannot connect to <target>: <reason>`` (or a pool that would not open) in the window's
    language; the reason too when it is one of ours. Anything else is returned as it is."""
    match = _CANNOT_CONNECT.fullmatch(message)
    if match is not None:
        reason = match["reason"]
        key = _REASON_BY_TEXT.get(reason)
        if key in _CONNECT_REASONS:
            reason = _CONNECT_REASONS[key]()
        template = translate("CoreText", "cannot connect to {target}: {reason}")
        return fill(template, {"target": match["target"], "reason": reason})
    match = _CANNOT_OPEN_POOL.fullmatch(message)
    if match is not None:
        template = translate("CoreText", "cannot open a pool to {target}: {error}")
        return fill(template, match.groupdict())
    return message


# -- waiting for a module's migration lock (db/migrations/runner.py describe_holders) ------------

_WAITING = LazyPattern(r"waiting for the migration lock of module (?P<module>\S+)")
_WAITING_FOR = LazyPattern(
    r"waiting for the migration lock of module (?P<module>\S+), held by pid (?P<pid>\d+) "
    r"\((?P<who>.*?)\) since (?P<since>.+?): (?P<query>.*)",
    re.DOTALL,
)


def waiting_text(message: str) -> str | None:
    """Who holds the lock an apply waits for, in the window's language; None if not that."""
    match = _WAITING.fullmatch(message)
    if match is not None:
        template = translate("CoreText", "waiting for the migration lock of module {module}")
        return fill(template, match.groupdict())
    match = _WAITING_FOR.fullmatch(message)
    if match is None:
        return None
    params = match.groupdict()
    params["who"] = re.sub(
        r"(^|, )from (\S+)$",
        lambda m: m.group(1) + translate("CoreText", "from {client}").replace("{client}", m[2]),
        params["who"],
    )
    template = translate(
        "CoreText",
        "waiting for the migration lock of module {module}, held by pid {pid} ({who}) since "
        "{since}: {query}",
    )
    return fill(template, params)


def message_text(message: str) -> str:
    """Any one-line message core or db wrote (a connection failure, a migration or Alembic
    problem, who holds a lock) in the window's language; as written when its shape is unknown."""
    translated = connection_error_text(message)
    if translated != message:
        return translated
    return waiting_text(message) or problem_text(message)
