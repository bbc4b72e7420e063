"""Planned actions (core/actions.py): titles, step labels (grants, revokes, roles...) and
locks, read back from core's English by pattern."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject

from schemadesk.core.actions import PlannedAction
from schemadesk.ui.core_texts.fill import fill, translate
from schemadesk.ui.core_texts.problems import problem_text
from schemadesk.ui.lazy_pattern import LazyPattern

_MIGRATIONS_TITLE = LazyPattern(r"(?P<verb>Apply|Rehearse) (?P<n>\d+) migrations?")
_LOCK = LazyPattern(r"(?P<how>transaction|session) advisory lock (?P<key>\S+)")
_TARGET = LazyPattern(
    r"(?:(?P<kind>tables|sequences|functions) in )?(?P<what>schema|database) (?P<name>.+)"
)


_EVERY = LazyPattern(r"every (?P<kind>table|sequence|function) in schema (?P<name>.+)")
_ONE = LazyPattern(
    r"(?P<kind>table|view|materialized view|foreign table|partitioned table|sequence|function"
    r"|procedure|aggregate) (?P<name>[^,]+)"
)


def _object_text(text: str) -> str | None:
    """One object or "every <kind> in schema s" as a grant names it (accusative: after "на")."""
    every = _EVERY.fullmatch(text)
    if every is not None:
        texts = {
            "table": translate("CoreText", "every table in schema {name}"),
            "sequence": translate("CoreText", "every sequence in schema {name}"),
            "function": translate("CoreText", "every function in schema {name}"),
        }
        return texts[every["kind"]].replace("{name}", every["name"])
    one = _ONE.fullmatch(text)
    if one is not None:
        texts = {
            "table": translate("CoreText", "table {name}"),
            "view": translate("CoreText", "view {name}"),
            "materialized view": translate("CoreText", "materialized view {name}"),
            "foreign table": translate("CoreText", "foreign table {name}"),
            "partitioned table": translate("CoreText", "partitioned table {name}"),
            "sequence": translate("CoreText", "sequence {name}"),
            "function": translate("CoreText", "function {name}"),
            "procedure": translate("CoreText", "procedure {name}"),
            "aggregate": translate("CoreText", "aggregate {name}"),
        }
        return texts[one["kind"]].replace("{name}", one["name"])
    return None


def _target_text(text: str) -> str | None:
    match = _TARGET.fullmatch(text)
    if match is None:
        return _object_text(text)
    name, kind = match["name"], match["kind"]
    if match["what"] == "database":
        return translate("CoreText", "database {name}").replace("{name}", name)
    texts: dict[str | None, str] = {
        None: translate("CoreText", "schema {name}"),
        "tables": translate("CoreText", "the tables of schema {name}"),
        "sequences": translate("CoreText", "the sequences of schema {name}"),
        "functions": translate("CoreText", "the functions of schema {name}"),
    }
    return texts[kind].replace("{name}", name)


_TITLES: tuple[tuple[LazyPattern, Callable[[], str]], ...] = (
    (
        LazyPattern(r"Accept the new checksum of (?P<file>.+)"),
        lambda: translate("CoreText", "Accept the new checksum of {file}"),
    ),
    (
        LazyPattern(r"grant (?P<privs>[A-Z, ]+) on (?P<target>.+) to PUBLIC"),
        lambda: translate("CoreText", "grant {privs} on {target} to PUBLIC"),
    ),
    (
        LazyPattern(r"revoke (?P<privs>[A-Z, ]+) on (?P<target>.+) from PUBLIC"),
        lambda: translate("CoreText", "revoke {privs} on {target} from PUBLIC"),
    ),
    (
        LazyPattern(r"grant (?P<privs>[A-Z, ]+) on (?P<target>.+) to (?P<role>\S+)"),
        lambda: translate("CoreText", "grant {privs} on {target} to {role}"),
    ),
    (
        LazyPattern(r"revoke (?P<privs>[A-Z, ]+) on (?P<target>.+) from (?P<role>\S+)"),
        lambda: translate("CoreText", "revoke {privs} on {target} from {role}"),
    ),
    (
        LazyPattern(r"fix convention findings"),
        lambda: translate("CoreText", "fix convention findings"),
    ),
    (
        LazyPattern(r"run as (?P<role>\S+)"),
        lambda: translate("CoreText", "run as {role}"),
    ),
    (
        LazyPattern(r"create role (?P<role>\S+)"),
        lambda: translate("CoreText", "create role {role}"),
    ),
    (
        LazyPattern(r"create role (?P<role>\S+) \(can log in\)"),
        lambda: translate("CoreText", "create role {role} (can log in)"),
    ),
    (
        LazyPattern(r"make (?P<role>\S+) the owner of schema (?P<name>\S+)"),
        lambda: translate("CoreText", "make {role} the owner of schema {name}"),
    ),
    (
        LazyPattern(r"make (?P<role>\S+) the owner of (?P<object>\S+)"),
        lambda: translate("CoreText", "make {role} the owner of {object}"),
    ),
)


def change_text(text: str) -> str:
    """A change set's title or a step's label, translated when its shape is known."""
    for pattern, template in _TITLES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        params = match.groupdict()
        if "target" in params:
            target = _target_text(params["target"])
            if target is None:
                continue
            params["target"] = target
        return fill(template(), params)
    return text


def lock_text(lock: str) -> str:
    match = _LOCK.fullmatch(lock)
    if match is not None:
        template = (
            translate("CoreText", "transaction advisory lock {key}")
            if match["how"] == "transaction"
            else translate("CoreText", "session advisory lock {key}")
        )
        return template.replace("{key}", match["key"])
    if lock == "catalog row locks of the objects named (brief)":
        return translate("CoreText", "catalog row locks of the objects named (brief)")
    alembic = _ALEMBIC_LOCKS.fullmatch(lock)
    if alembic is not None:
        return translate(
            "CoreText",
            "row locks of {table} and the locks of each DDL statement (Alembic takes no advisory "
            "lock)",
        ).replace("{table}", alembic["table"])
    return lock


_ALEMBIC_LOCKS = LazyPattern(
    r"row locks of (?P<table>\S+) and the locks of each DDL statement \(Alembic takes no "
    r"advisory lock\)"
)


class CoreText(QObject):
    """Plural texts of actions (a QObject: lupdate reads plurals only from its tr())."""

    def migrations_title(self, *, rehearse: bool, n: int) -> str:
        if rehearse:
            return self.tr("Rehearse %n migration(s)", "", n)
        return self.tr("Apply %n migration(s)", "", n)


def title_text(title: str) -> str:
    """An action's title (as built, or as the audit log recorded it) as a heading in the
    window's language: ``Apply 3 migrations``, ``Grant USAGE on schema s to r``..."""
    match = _MIGRATIONS_TITLE.fullmatch(title)
    if match is not None:
        text = CoreText().migrations_title(rehearse=match["verb"] == "Rehearse", n=int(match["n"]))
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
