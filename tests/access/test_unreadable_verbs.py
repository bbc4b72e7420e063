"""``privileges``, ``check`` and the change verbs where the login may not read a part of the
catalog they reason from: an error naming the part and the server's reason, exit 1, nothing
on stdout. Read without it, a right held through a group read as none, ``check`` said "no
findings" of what it could not see, and a grant of what is already held was offered again.
Each test revokes in its own database: no other test sees it."""

from __future__ import annotations

import pytest

from tests.access.conftest import Roles
from tests.access.test_unreadable_lists import Conn, _limited
from tests.hostile.helpers import Run, assert_clean, run

VERBS = [
    ["privileges", "--role", "{login}"],
    ["privileges", "--role", "{login}", "--schema", "public", "--json"],
    ["check"],
    ["check", "--json"],
    ["check", "--fix", "--sql-only"],
    ["grant", "--role", "{login}", "--schema", "public", "USAGE", "--sql-only"],
]


def _said(result: Run, part: str, catalog: str) -> None:
    assert_clean(result)
    assert result.code == 1, result.text
    assert result.out == ""  # no answer at all, rather than one of half the catalog
    (line,) = result.err.splitlines()
    assert line.startswith(f"schemadesk: error: cannot read the catalog's {part}: no access: ")
    assert line.endswith(f"permission denied for table {catalog}")


@pytest.mark.parametrize("argv", VERBS, ids=[" ".join(v[:2]) + str(i) for i, v in enumerate(VERBS)])
def test_a_verb_without_the_memberships_says_so_and_exits_1(
    admin: Conn, roles: Roles, db_dsn: str, argv: list[str]
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_auth_members")
    login = roles.name("limited")
    _said(
        run([*(a.format(login=login) for a in argv), "--dsn", dsn]),
        "memberships",
        "pg_auth_members",
    )


def test_check_without_the_default_privileges_says_so_and_exits_1(
    admin: Conn, roles: Roles, db_dsn: str
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_default_acl")
    _said(run(["check", "--dsn", dsn]), "default_privileges", "pg_default_acl")


def test_the_verbs_answer_as_before_where_the_catalogs_can_be_read(
    admin: Conn, roles: Roles, db_dsn: str
) -> None:
    dsn = _limited(admin, roles, db_dsn)  # nothing revoked
    login = roles.name("limited")
    granted = run(["privileges", "--role", login, "--schema", "public", "--dsn", dsn])
    assert granted.code == 0, granted.text
    assert "USAGE" in granted.out
    assert run(["check", "--dsn", dsn]).code == 0
