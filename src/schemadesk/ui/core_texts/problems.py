"""Problems of migration files and Alembic modules, plan blockers, preview warnings and the
refusals of change sets, alone or placed (``app/001_x.sql:2:15: problem``), and errors in
schemadesk's own files and reports: translated by the code of the message each text or error
carries (``said_of``), never read back from the English."""

from __future__ import annotations

from collections.abc import Callable

import schemadesk.core.messages_access
import schemadesk.core.messages_acl
import schemadesk.core.messages_alembic
import schemadesk.core.messages_citus
import schemadesk.core.messages_config
import schemadesk.core.messages_db
import schemadesk.core.messages_migrations
import schemadesk.core.messages_tools  # noqa: F401
from schemadesk.core.messages import (
    Message,
    Param,
    Said,
    english,
    fill,
    param_english,
    recall,
    said_of,
)
from schemadesk.ui.core_texts.problems_acl import ACL_TEXTS
from schemadesk.ui.core_texts.problems_actions import ACTION_TEXTS
from schemadesk.ui.core_texts.problems_alembic import ALEMBIC_TEXTS
from schemadesk.ui.core_texts.problems_citus import CITUS_TEXTS
from schemadesk.ui.core_texts.problems_config import CONFIG_TEXTS
from schemadesk.ui.core_texts.problems_db import DB_TEXTS
from schemadesk.ui.core_texts.problems_migrations import MIGRATION_TEXTS
from schemadesk.ui.core_texts.problems_reports import REPORT_TEXTS
from schemadesk.ui.core_texts.problems_tools import PLURAL_TEXTS, TOOL_TEXTS
from schemadesk.ui.core_texts.refusals import REFUSAL_TEXTS

_TEXTS = {
    **MIGRATION_TEXTS,
    **ALEMBIC_TEXTS,
    **REFUSAL_TEXTS,
    **CONFIG_TEXTS,
    **ACTION_TEXTS,
    **REPORT_TEXTS,
    **CITUS_TEXTS,
    **ACL_TEXTS,
    **TOOL_TEXTS,
    **DB_TEXTS,
}


# Other kinds of said texts a problem may hold (a rollout target's connection failure): their
# module imports this one, so it registers them here (``nested_kinds``) instead.
_NESTED: list[Callable[[Message], str | None]] = []


def nested_kinds(*kinds: Callable[[Message], str | None]) -> None:
    """Translate said texts of these kinds too when a problem holds them."""
    _NESTED.extend(kinds)


def _said(text: str) -> str:
    """A text core said (a file's problem inside a blocker, one of a module's problems, a
    target's connection failure) in the window's language when it carries its message; as
    written otherwise."""
    message = recall(text)
    if message is None:
        return text
    shown = problem_message_text(message)
    for kind in _NESTED if shown is None else ():
        shown = kind(message)
        if shown is not None:
            break
    return shown or text


def _param(value: Param) -> str:
    """A parameter: names as they are, a nested message or list of said texts translated."""
    if isinstance(value, Said):  # a text core said, passed whole (a problem placed in a file)
        return _said(value)
    if isinstance(value, Message):
        return problem_message_text(value) or english(value)
    if isinstance(value, tuple):
        return "; ".join(_said(x) if isinstance(x, str) else _param(x) for x in value)
    return param_english(value)


def problem_message_text(message: Message) -> str | None:
    """A problem's message in the window's language; None when its code is not a problem's."""
    if message.code == "at":  # where in a file, then the problem core said there
        problem = message.params.get("problem", "")
        shown = _said(problem) if isinstance(problem, str) else _param(problem)
        return f"{param_english(message.params.get('where', ''))}: {shown}"
    plural = PLURAL_TEXTS.get(message.code)
    template = _TEXTS.get(message.code)
    if plural is not None:
        n = message.params.get("n")
        shown = plural(n if isinstance(n, int) else 0)
    elif template is not None:
        shown = template()
    else:
        return None
    return fill(shown, {k: _param(v) for k, v in message.params.items()})


def problem_text(message: str | BaseException) -> str:
    """A migration file's or Alembic module's problem, or a plan's ``module/file:line:col:
    problem`` line (or an error raised with one), in the window's language; as core wrote it
    when it carries no message."""
    if isinstance(message, BaseException):
        said = said_of(message)
        shown = problem_message_text(said) if said is not None else None
        return shown or str(message)
    return _said(message)
