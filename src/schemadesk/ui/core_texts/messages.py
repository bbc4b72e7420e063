"""One-line messages from db/: connection failures (our framing and reasons; the server's
own FATAL text stays as the server wrote it) and who holds a migration lock; ``message_text``
tries every kind. Each takes the message from what it is given (an exception raised with a
said text, or the said text itself: ``said_of``), never parses the text."""

from __future__ import annotations

from collections.abc import Callable

import schemadesk.db.connect_errors  # noqa: F401 (registers the connection failures' codes)
from schemadesk.core.messages import Message, fill, param_english, recall, said_of
from schemadesk.ui.core_texts.actions import said_title_text
from schemadesk.ui.core_texts.fill import translate
from schemadesk.ui.core_texts.problems import nested_kinds, problem_message_text

_CONNECT_REASONS: dict[str, Callable[[], str]] = {
    "connect-no-password": lambda: translate(
        "CoreText",
        "the server asks for a password and none was given (keyring, ~/.pgpass or prompt)",
    ),
    "connect-refused": lambda: translate(
        "CoreText",
        "connection refused (is the server running and accepting TCP/IP connections on that port?)",
    ),
    "connect-unknown-host": lambda: translate("CoreText", "unknown host name"),
    "connect-timeout": lambda: translate("CoreText", "timed out (host unreachable or firewalled)"),
    "connect-no-socket": lambda: translate(
        "CoreText", "no server listening on that local socket (is it running?)"
    ),
    "connect-unknown": lambda: translate("CoreText", "unknown error"),
}


def _texts(message: Message) -> dict[str, str]:
    return {k: param_english(v) for k, v in message.params.items()}


def _connection_text(said: Message) -> str | None:
    if said.code == "cannot-connect":
        params = _texts(said)
        reason = said.params.get("reason")
        if isinstance(reason, Message) and reason.code in _CONNECT_REASONS:
            params["reason"] = _CONNECT_REASONS[reason.code]()
        return fill(translate("CoreText", "cannot connect to {target}: {reason}"), params)
    if said.code == "cannot-open-pool":
        template = translate("CoreText", "cannot open a pool to {target}: {error}")
        return fill(template, _texts(said))
    return None


def _waiting_text(said: Message) -> str | None:
    params = _texts(said)
    if said.code == "lock-waiting":
        return fill(
            translate("CoreText", "waiting for the migration lock of module {module}"), params
        )
    if said.code != "lock-waiting-held":
        return None
    client = params.get("client")
    by_client = fill(translate("CoreText", "from {client}"), {"client": client}) if client else ""
    params["who"] = ", ".join(x for x in (params.get("user"), params.get("app"), by_client) if x)
    template = translate(
        "CoreText",
        "waiting for the migration lock of module {module}, held by pid {pid} ({who}) since "
        "{since}: {query}",
    )
    return fill(template, params)


def message_of(shown: str | BaseException) -> tuple[Message | None, str]:
    """The message an error or a text carries (the error's ``said`` first), and its text."""
    if isinstance(shown, BaseException):
        return said_of(shown), str(shown)
    return recall(shown), shown


nested_kinds(_connection_text, _waiting_text)  # inside a problem (a rollout target's) too


def connection_error_text(message: str | BaseException) -> str:
    """``cannot connect to <target>: <reason>`` (or a pool that would not open) in the window's
    language; the reason too when it is one of ours. Anything else is returned as it is."""
    said, text = message_of(message)
    return (_connection_text(said) if said is not None else None) or text


def waiting_text(message: str) -> str | None:
    """Who holds the lock an apply waits for, in the window's language; None if not that."""
    said = recall(message)
    return _waiting_text(said) if said is not None else None


def said_text(said: Message) -> str | None:
    """Any message core or db said, in the window's language; None when its code is unknown."""
    for kind in (_connection_text, _waiting_text, problem_message_text, said_title_text):
        text = kind(said)
        if text is not None:
            return text
    return None


def message_text(message: str | BaseException) -> str:
    """Any one-line message core or db wrote (a connection failure, a migration or Alembic
    problem, who holds a lock, a title), or an error raised with one, in the window's language;
    as written when it carries no message."""
    said, text = message_of(message)
    return (said_text(said) if said is not None else None) or text
