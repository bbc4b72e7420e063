"""The texts core writes in English reach the window in Russian: convention findings, migration
file problems, action titles and step labels (translated by the message core said, never parsed).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from psycopg import sql

from schemadesk.core.access.conventions import check_conventions
from schemadesk.db.gateway import Gateway
from schemadesk.ui.core_texts import (
    finding_parameters,
    finding_texts,
    problem_text,
    translated_action,
)
from tests.access.conftest import Roles, admin, database, load, roles  # noqa: F401 (fixtures)
from tests.access.test_conventions import BREAKS, SCHEMA, _convention, _provisioned

# -- texts core writes in English ------------------------------------------------------------------


@pytest.fixture
def access(admin: Any, roles: Roles, gateway: Gateway, database: Any) -> tuple[Any, ...]:  # noqa: F811
    """The access tests' cluster roles, superuser connection and database, for core's findings."""
    return admin, roles, gateway, database


@pytest.mark.parametrize("case", list(BREAKS))
def test_each_convention_finding_is_shown_in_russian(
    russian: None, access: tuple[Any, ...], case: str
) -> None:
    admin_conn, test_roles, gateway, db = access
    conv, names = _provisioned(admin_conn, test_roles, gateway, db)
    admin_conn.execute(sql.SQL(BREAKS[case]).format(**names))
    (finding,) = check_conventions(load(gateway, db), conv, [SCHEMA])
    assert finding_parameters(finding) is not None, (finding.title, finding.explanation)
    title, explanation = finding_texts(finding)
    for text in (title, explanation):
        assert text not in (finding.title, finding.explanation)
        assert "{" not in text.replace(SCHEMA, ""), text
        assert re.search("[а-яё]", text), text
    for english in ("has the rights", "direct grant", "via membership", "on the schema"):
        assert english not in explanation  # rw-ddl's reasons are translated too


def test_missing_roles_findings_are_shown_in_russian(
    russian: None, access: tuple[Any, ...]
) -> None:
    admin_conn, test_roles, gateway, db = access
    conv = _convention(test_roles)
    admin_conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
    findings = check_conventions(load(gateway, db), conv, [SCHEMA])
    assert {"owner-missing", "migrator-missing", "rw-missing"} <= {f.code for f in findings}
    for finding in findings:
        title, explanation = finding_texts(finding)
        assert title != finding.title, finding.code
        assert explanation != finding.explanation, finding.code


def test_migration_file_problems_are_shown_in_russian(russian: None) -> None:
    from schemadesk.core.migrations.template import render

    rendered = render("-- for {{schema}}\nSELECT * FROM {{ tables.users }};\n", "app")
    messages = [p.message for p in rendered.problems]
    assert len(messages) == 2, messages
    for message in messages:
        shown = problem_text(message)
        assert shown != message
        assert re.search("[а-яё]", shown), shown
    from schemadesk.core.messages_migrations import say

    in_plan = say("at", where="app/001_users.sql:2:15", problem=messages[-1])  # a plan's warning
    assert in_plan == f"app/001_users.sql:2:15: {messages[-1]}"
    assert problem_text(in_plan) == f"app/001_users.sql:2:15: {problem_text(messages[-1])}"
    assert problem_text("something core says that is new") == "something core says that is new"


def test_translated_action_changes_only_what_a_person_reads(russian: None) -> None:
    from schemadesk.core.actions import (
        ActionKind,
        ActionStep,
        ActionTarget,
        PlannedAction,
    )
    from schemadesk.core.messages_access import migrations_title, said_title

    lock = said_title("lock-transaction", key="pgdbm_migration_users")
    assert lock == "transaction advisory lock pgdbm_migration_users"
    step = ActionStep("users/001_init.sql", "SELECT 1;", locks=(lock,))
    title = migrations_title(rehearse=False, count=3)  # the said title carries its message
    assert title == "Apply 3 migrations"
    action = PlannedAction(
        ActionKind.APPLY_MIGRATIONS,
        title,
        ActionTarget("p", "h", 5432, "db", "me"),
        (step, step, step),
    )
    shown = translated_action(action)
    assert shown.title == "Применить 3 миграции"
    assert shown.locks == ("рекомендательная блокировка транзакции pgdbm_migration_users",)
    assert [s.sql for s in shown.steps] == [s.sql for s in action.steps]
    assert (shown.kind, shown.target) == (action.kind, action.target)
    assert action.title == "Apply 3 migrations"  # the record (audit log) stays English


def test_change_titles_and_step_labels_are_shown_in_russian(russian: None) -> None:
    from schemadesk.core.access.conventions import fix_findings
    from schemadesk.core.messages_access import (
        object_label,
        objects_label,
        on_target,
        privileges_title,
        said_title,
    )
    from schemadesk.ui.core_texts import change_text

    table = objects_label([object_label("table", "app.t")], 0)
    shown = {
        fix_findings([]).title: "исправить нарушения соглашения",
        privileges_title("grant", ["USAGE"], on_target("schema", "app"), "app_rw", public=False): (
            "выдать USAGE на схему app роли app_rw"
        ),
        privileges_title("revoke", ["TRUNCATE"], table, "app_rw", public=False): (
            "отозвать TRUNCATE на таблицу app.t у роли app_rw"
        ),
        privileges_title("revoke", ["CREATE"], on_target("schema", "app"), "PUBLIC", public=True): (
            "отозвать CREATE на схему app у PUBLIC"
        ),
        said_title("run-as", role="app_owner"): "выполнить от имени app_owner",
    }
    assert list(shown)[1:] == [
        "grant USAGE on schema app to app_rw",
        "revoke TRUNCATE on table app.t from app_rw",
        "revoke CREATE on schema app from PUBLIC",
        "run as app_owner",
    ]
    for english, russian_text in shown.items():
        assert change_text(english) == russian_text
    assert change_text("a shape core has not used before") == "a shape core has not used before"
