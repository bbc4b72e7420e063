"""Texts the Qt-free core writes in English, shown in the window's language.

core/ has no Qt, so what it says arrives as English data next to a message code with named
parameters (core/messages.py). The window translates by code: a finding from its ``params``;
titles, step labels, locks, problems, blockers, connection failures and errors from the message
they carry (a ``Said`` text, an error's ``said``; never parsed; an audit record read back gives
its texts their messages again). Whatever carries no message is shown as core wrote it.

One module per kind of text: ``findings``, ``actions``, ``reasons``, ``problems`` (with
``problems_migrations`` and ``problems_alembic``: migration files, plan blockers, Alembic
modules) and ``messages`` (connection failures, lock holders, and ``said_text`` for any).
"""

from schemadesk.ui.core_texts.actions import (
    CoreText,
    action_title,
    change_text,
    lock_text,
    title_text,
    translated_action,
)
from schemadesk.ui.core_texts.findings import (
    FindingText,
    finding_parameters,
    finding_texts,
    relation_kind_text,
    severity_text,
)
from schemadesk.ui.core_texts.messages import (
    connection_error_text,
    message_text,
    said_text,
    waiting_text,
)
from schemadesk.ui.core_texts.problems import problem_text
from schemadesk.ui.core_texts.reasons import cell_reasons_text, privilege_text, reason_text

__all__ = [
    "CoreText",
    "FindingText",
    "action_title",
    "cell_reasons_text",
    "change_text",
    "connection_error_text",
    "finding_parameters",
    "finding_texts",
    "lock_text",
    "message_text",
    "privilege_text",
    "problem_text",
    "reason_text",
    "relation_kind_text",
    "said_text",
    "severity_text",
    "title_text",
    "translated_action",
    "waiting_text",
]
