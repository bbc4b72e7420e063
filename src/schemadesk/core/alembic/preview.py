"""The SQL Alembic would run, from its offline mode, one block per upgrade of the apply.

Apply runs one ``command.upgrade`` per revision of the module's own line (``depends_on``
revisions of other branches run in the same upgrade); the preview runs the same upgrades with
``sql=True`` (``alembic -x schema=<s> upgrade <from>:<to> --sql``), so each block is what one
transaction of the apply runs. Offline mode connects to nothing.
"""

from __future__ import annotations

import ast
import io
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from schemadesk.core.actions import ActionKind, ActionStep, ActionTarget, PlannedAction
from schemadesk.core.alembic.config import AlembicModule
from schemadesk.core.alembic.errors import PairingRefused
from schemadesk.core.alembic.models import AlembicSnapshot, ApplyStep
from schemadesk.core.alembic.scripts import (
    dedupe_sys_path,
    exported,
    make_config,
    no_connections,
    running_env,
    script_directory,
)
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_access import said_title
from schemadesk.core.messages_alembic import say
from schemadesk.core.messages_tools import say as say_tool
from schemadesk.core.migrations.split import split_statements

# Alembic writes "-- Running upgrade <from> -> <to>" before each revision in offline mode.
OFFLINE_URL = "postgresql+psycopg://offline/preview"
RUNNING = re.compile(r"^-- Running upgrade (?P<down>.*?) -> (?P<up>\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class PreviewStep:
    """One upgrade of the apply and the SQL offline mode writes for it."""

    step: ApplyStep
    start: str | None  # the revision offline mode starts from (None: base)
    sql: str

    @property
    def revisions(self) -> tuple[str, ...]:
        """The revisions the block runs, in order, as its ``-- Running upgrade`` lines say."""
        return tuple(m.group("up") for m in RUNNING.finditer(self.sql))


@dataclass(frozen=True, slots=True)
class AlembicPreview:
    """What applying a module's pending revisions runs: one block per upgrade, and warnings."""

    module: AlembicModule
    heads: tuple[str, ...]
    steps: tuple[PreviewStep, ...]
    warnings: tuple[str, ...] = ()

    @property
    def sql(self) -> str:
        return "".join(s.sql for s in self.steps)

    @property
    def revision_range(self) -> str:
        """``<from> -> <to>`` as the dialog shows it (``base`` when nothing is applied)."""
        if not self.steps:
            return ""
        start = ", ".join(self.heads) or "base"
        return f"{start} -> {self.steps[-1].step.revision} ({self.module.head_target})"


def offline_sql(module: AlembicModule, target: str, start: str | None = None) -> str:
    """``alembic -x schema=<schema> upgrade [<start>:]<target> --sql``: the SQL it writes."""
    from alembic import command

    buffer = io.StringIO()
    cfg = make_config(module, output_buffer=buffer, stdout=io.StringIO())
    # Offline mode connects nowhere; env.py only needs a PostgreSQL URL to pick the dialect
    # (and one in the variable it reads, as at apply time). No server, no password.
    cfg.set_main_option("sqlalchemy.url", OFFLINE_URL)
    try:
        with (
            running_env(),
            no_connections(),
            exported(module.url_env, OFFLINE_URL),
            exported(module.schema_env, module.schema),
        ):
            command.upgrade(cfg, f"{start}:{target}" if start else target, sql=True)
    except Exception as exc:  # env.py did not import or run: say so, never "nothing to do"
        raise ConfigError(
            say_tool(
                "alembic-offline-failed",
                module=repr(module.name),
                schema=str(module.schema),
                error=f"{type(exc).__name__}: {exc}",
            )
        ) from None
    finally:
        dedupe_sys_path()
    return buffer.getvalue()


def split_by_revision(text: str) -> list[tuple[str | None, str]]:
    """Offline output cut at each ``-- Running upgrade`` line: ``(revision, text)`` pairs.

    The text before the first revision (``BEGIN``, the version table's ``CREATE TABLE``) comes
    with revision None; a trailing ``COMMIT`` stays with the last revision.
    """
    marks = list(RUNNING.finditer(text))
    if not marks:
        return [(None, text)] if text.strip() else []
    parts: list[tuple[str | None, str]] = []
    if text[: marks[0].start()].strip():
        parts.append((None, text[: marks[0].start()]))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        parts.append((mark.group("up"), text[mark.start() : end]))
    return parts


def build_preview(snapshot: AlembicSnapshot) -> AlembicPreview:
    """The offline SQL of every upgrade the apply of ``snapshot`` would run.

    Raises ``PairingRefused`` for a branch and schema that do not belong together and
    ``ConfigError`` when there are no scripts or the version table holds unknown revisions.
    """
    module, scripts, table = snapshot.module, snapshot.scripts, snapshot.version_table
    if snapshot.pairing is not None:
        raise PairingRefused(snapshot.pairing)
    if scripts is None:
        reasons = tuple(p.message for p in snapshot.status.problems)
        raise ConfigError(say("no-scripts", module=repr(module.name), reasons=reasons))
    if scripts.unknown:
        raise ConfigError(
            say(
                "unknown-heads",
                module=repr(module.name),
                table=f"{table.schema}.{table.name}",
                revs=", ".join(scripts.unknown),
            )
        )
    warnings: list[str] = []
    on_line = [h for h in table.heads if h in set(scripts.lineage)]
    if len(on_line) > 1:
        warnings.append(say("several-heads", heads=", ".join(on_line), first=on_line[0]))
    start: str | None = on_line[0] if on_line else None
    if not table.schema_exists:
        warnings.append(
            say("schema-not-yet", schema=module.schema, table=f"{table.schema}.{table.name}")
        )
    for revision in scripts.foreign:
        warnings.append(
            say(
                "also-records",
                table=f"{table.schema}.{table.name}",
                rev=revision,
                file=scripts.filename(revision),
                branch=repr(module.branch),
            )
        )
    steps: list[PreviewStep] = []
    for step in scripts.steps:
        text = offline_sql(module, step.target, start)
        steps.append(PreviewStep(step, start, text))
        start = step.revision
        for revision in step.runs:
            if revision not in scripts.own:
                warnings.append(
                    say(
                        "depends-on-runs",
                        file=scripts.filename(revision),
                        table=f"{table.schema}.{table.name}",
                    )
                )
    if env_takes_connection(module) is False:
        warnings.append(say("env-connects"))
    return AlembicPreview(module, table.heads, tuple(steps), tuple(dict.fromkeys(warnings)))


# CPython 3.11 counts the AST constructor's recursion in state its threads share: two parses at
# once (a rollout reads each target's env.py on a worker thread) failed a rollout in the suite
# with "SystemError: AST constructor recursion depth mismatch" (the error of python/cpython#106905
# and pytest-dev/pytest#10763). One parse at a time.
_PARSING = threading.Lock()


def env_takes_connection(module: AlembicModule) -> bool | None:
    """Whether env.py's code reads ``config.attributes["connection"]`` (None: no env.py).

    An env.py that does not would connect wherever its own configuration says. Read from the
    syntax tree: a docstring that mentions it does not count.
    """
    text = _env_py(module)
    if text is None:
        return None
    try:
        with _PARSING:
            tree = ast.parse(text)
    except SyntaxError:
        return False
    return any(_reads_connection_attribute(node) for node in ast.walk(tree))


def _reads_connection_attribute(node: ast.AST) -> bool:
    """``<x>.attributes.get("connection")`` or ``<x>.attributes["connection"]``."""
    if isinstance(node, ast.Call):
        func = node.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "attributes"
            and bool(node.args)
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == "connection"
        )
    if isinstance(node, ast.Subscript):
        return (
            isinstance(node.value, ast.Attribute)
            and node.value.attr == "attributes"
            and isinstance(node.slice, ast.Constant)
            and node.slice.value == "connection"
        )
    return False


def _env_py(module: AlembicModule) -> str | None:
    """The text of the repository's env.py, when it is where ``script_location`` says."""
    try:
        location = script_directory(module).dir
        return (Path(location) / "env.py").read_text(encoding="utf-8")
    except Exception:
        return None


def alembic_action(
    preview: AlembicPreview, target: ActionTarget, *, rehearse: bool = False
) -> PlannedAction:
    """The confirmation dialog's view of applying ``preview``: one step per upgrade.

    Each step's label is the revision file it upgrades to; its SQL the offline block
    (``BEGIN`` ... ``COMMIT``: each upgrade is its own transaction).
    """
    module = preview.module
    steps = tuple(
        ActionStep(
            label=f"{module.name}/{s.step.filename}",
            sql=s.sql,
            statements=max(len(split_statements(s.sql)), 1),
            locks=(
                said_title(
                    "lock-alembic", table=f"{module.version_table_schema}.{module.version_table}"
                ),
            ),
        )
        for s in preview.steps
    )
    count = len(preview.steps)
    verb = "Rehearse" if rehearse else "Apply"
    title = (
        f"{verb} {count} Alembic upgrade{'s' if count != 1 else ''} to {module.schema} "
        f"({preview.revision_range}, -x schema={module.schema})"
    )
    return PlannedAction(
        kind=ActionKind.REHEARSE if rehearse else ActionKind.APPLY_MIGRATIONS,
        title=title,
        target=target,
        steps=steps,
        warnings=preview.warnings,
    )
