"""Texts the Qt-free core writes in English, shown in the window's language.

core/ has no Qt, so a convention finding, an action's title and its locks arrive as English
data. The window translates them here: a finding by its ``code`` (the parameters are read back
from the English text core wrote; the patterns mirror core/access/conventions.py and
tests/ui/test_translations.py checks that every code core emits is recognised), titles and
locks by pattern. Whatever is not recognised is shown as core wrote it, never lost.

One module per kind of text: ``findings``, ``actions``, ``reasons``, ``problems`` (migration
files and Alembic modules) and ``messages`` (connection failures, lock holders).
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
from schemadesk.ui.core_texts.messages import connection_error_text, message_text, waiting_text
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
    "severity_text",
    "title_text",
    "translated_action",
    "waiting_text",
]
