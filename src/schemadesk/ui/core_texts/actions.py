"""Planned actions (core/actions.py): titles, step labels (grants, revokes, roles...) and
locks, translated by the message core said them from (core/messages_access.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject

import schemadesk.core.messages_access
import schemadesk.core.messages_titles  # noqa: F401 (registers the codes recalled here)
from schemadesk.core.actions import PlannedAction
from schemadesk.core.messages import Message, Param, english, fill, param_english, recall
from schemadesk.ui.core_texts.fill import translate
from schemadesk.ui.core_texts.problems import nested_kinds, problem_message_text, problem_text
from schemadesk.ui.core_texts.titles_access import ACCESS_TITLES


def _object_text(label: Message) -> str | None:
    """One object a statement names (accusative: after "на"), None if not translatable."""
    p = {k: param_english(v) for k, v in label.params.items()}
    if label.code == "objects":
        labels = label.params.get("labels")
        if isinstance(labels, tuple) and len(labels) == 1 and isinstance(labels[0], Message):
            return _object_text(labels[0])
        return None
    if label.code.startswith("on-"):
        return _target_text(label)
    if label.code != "object":
        return None
    texts = {
        "table": lambda: translate("CoreText", "table {name}"),
        "view": lambda: translate("CoreText", "view {name}"),
        "materialized view": lambda: translate("CoreText", "materialized view {name}"),
        "foreign table": lambda: translate("CoreText", "foreign table {name}"),
        "partitioned table": lambda: translate("CoreText", "partitioned table {name}"),
        "sequence": lambda: translate("CoreText", "sequence {name}"),
        "function": lambda: translate("CoreText", "function {name}"),
        "procedure": lambda: translate("CoreText", "procedure {name}"),
        "aggregate": lambda: translate("CoreText", "aggregate {name}"),
    }
    template = texts.get(p.get("kind", ""))
    return fill(template(), p) if template is not None else None


def _target_text(target: Message) -> str | None:
    """What a grant's title names: a schema, a database or every object of a kind in a schema."""
    texts: dict[str, Callable[[], str]] = {
        "on-database": lambda: translate("CoreText", "database {name}"),
        "on-schema": lambda: translate("CoreText", "schema {name}"),
        "on-tables": lambda: translate("CoreText", "the tables of schema {name}"),
        "on-sequences": lambda: translate("CoreText", "the sequences of schema {name}"),
        "on-functions": lambda: translate("CoreText", "the functions of schema {name}"),
    }
    template = texts.get(target.code)
    if template is None:
        return _object_text(target)
    return fill(template(), {k: param_english(v) for k, v in target.params.items()})


_TITLES: dict[str, Callable[[], str]] = {
    "create-role": lambda: translate("CoreText", "create role {role}"),
    "create-login-role": lambda: translate("CoreText", "create role {role} (can log in)"),
    "schema-owner-title": lambda: translate("CoreText", "make {role} the owner of schema {name}"),
    "object-owner-title": lambda: translate("CoreText", "make {role} the owner of {object}"),
    "run-as": lambda: translate("CoreText", "run as {role}"),
    "fix-findings": lambda: translate("CoreText", "fix convention findings"),
    "accept-checksum": lambda: translate("CoreText", "Accept the new checksum of {file}"),
    "lock-transaction": lambda: translate("CoreText", "transaction advisory lock {key}"),
    "lock-session": lambda: translate("CoreText", "session advisory lock {key}"),
    "lock-catalog-rows": lambda: translate(
        "CoreText", "catalog row locks of the objects named (brief)"
    ),
    "lock-alembic": lambda: translate(
        "CoreText",
        "row locks of {table} and the locks of each DDL statement (Alembic takes no advisory lock)",
    ),
}
_TITLES.update(ACCESS_TITLES)  # default privileges, memberships, role settings, Citus
_PRIVILEGES: dict[tuple[str, bool], Callable[[], str]] = {
    ("grant", True): lambda: translate("CoreText", "grant {privs} on {target} to PUBLIC"),
    ("revoke", True): lambda: translate("CoreText", "revoke {privs} on {target} from PUBLIC"),
    ("grant", False): lambda: translate("CoreText", "grant {privs} on {target} to {role}"),
    ("revoke", False): lambda: translate("CoreText", "revoke {privs} on {target} from {role}"),
}


def said_title_text(said: Message) -> str | None:
    """A title, step label or lock in the window's language; None when the code is not one."""
    params = {k: _title_param(v) for k, v in said.params.items()}
    if said.code in _TITLES:
        return fill(_TITLES[said.code](), params)
    if said.code in ("grant", "revoke"):
        target = said.params.get("target")
        shown = _target_text(target) if isinstance(target, Message) else None
        if shown is None:
            return None
        public = bool(said.params.get("public"))
        return fill(_PRIVILEGES[(said.code, public)](), {**params, "target": shown})
    return None


nested_kinds(said_title_text)  # a statement's summary inside a failed change set


def _title_param(value: Param) -> str:
    """A title's parameter: a nested message (the kind of object, a membership's options)
    translated on its own; names as they are."""
    if isinstance(value, Message):
        return said_title_text(value) or problem_message_text(value) or english(value)
    return param_english(value)


def change_text(text: str) -> str:
    """A change set's title or a step's label, translated by the message it was said from."""
    said = recall(text)
    return (said_title_text(said) if said is not None else None) or text


def lock_text(lock: str) -> str:
    """A lock a step takes, in the window's language."""
    return change_text(lock)


class CoreText(QObject):
    """Plural texts of actions (a QObject: lupdate reads plurals only from its tr())."""

    def migrations_title(self, *, rehearse: bool, n: int) -> str:
        if rehearse:
            return self.tr("Rehearse %n migration(s)", "", n)
        return self.tr("Apply %n migration(s)", "", n)


def title_text(title: str) -> str:
    """An action's title (as built, or as the audit log recorded it) as a heading in the
    window's language: ``Apply 3 migrations``, ``Grant USAGE on schema s to r``..."""
    said = recall(title)
    if said is not None and said.code.endswith(("-migration", "-migrations")):
        n = said.params.get("n")
        rehearse = said.code.startswith("rehearse")
        text = CoreText().migrations_title(rehearse=rehearse, n=n if isinstance(n, int) else 0)
    else:
        text = change_text(title)
    return text[:1].upper() + text[1:]


def action_title(action: PlannedAction) -> str:
    return title_text(action.title)


def translated_action(action: PlannedAction) -> PlannedAction:
    """The action as the window shows it: title, step labels and locks in its language.

    Only what a person reads changes; the SQL of every step is the same text that runs.
    """
    steps = tuple(
        replace(
            step,
            label=change_text(step.label),
            locks=tuple(lock_text(lock) for lock in step.locks),
        )
        for step in action.steps
    )
    warnings = tuple(problem_text(w) for w in action.warnings)
    return replace(action, title=action_title(action), steps=steps, warnings=warnings)
