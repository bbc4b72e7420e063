"""aclitem text parsing: by hand, against the server's aclexplode, and as a round trip."""

from __future__ import annotations

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st
from psycopg import sql

from schemadesk.core.access.acl import (
    AclItem,
    AclParseError,
    _parse_aclitem,
    forgetting_parsed,
    parse_acl,
    parse_acl_array,
    parse_aclitem,
    split_array,
)
from tests.access.conftest import HOSTILE, Roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=r/postgres", AclItem("", "postgres", frozenset({"SELECT"}))),
        (
            "alice=arwdDxt/bob",
            AclItem(
                "alice",
                "bob",
                frozenset(
                    {"INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"}
                ),
            ),
        ),
        (
            '"we""ird=/x"=U*C/"a b"',
            AclItem('we"ird=/x', "a b", frozenset({"USAGE", "CREATE"}), frozenset({"USAGE"})),
        ),
        ("PUBLIC=C/postgres", AclItem("PUBLIC", "postgres", frozenset({"CREATE"}))),
        ('"="=X/"/"', AclItem("=", "/", frozenset({"EXECUTE"}))),
        ('"a\nb"=m/x', AclItem("a\nb", "x", frozenset({"MAINTAIN"}))),
        ("u=/x", AclItem("u", "x", frozenset())),
        ('""""=r/x', AclItem('"', "x", frozenset({"SELECT"}))),
    ],
)
def test_parse_by_hand(text: str, expected: AclItem) -> None:
    assert parse_aclitem(text) == expected
    assert expected.to_text() == text


@pytest.mark.parametrize("bad", ["alice", "alice=r", '"alice=r/x', "a=Q/x", "a=r/x y", "a=r/"])
def test_malformed_items_are_errors(bad: str) -> None:
    with pytest.raises(AclParseError):
        parse_aclitem(bad)


names = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
)


@given(names, names, st.sets(st.sampled_from(["SELECT", "USAGE", "CREATE", "EXECUTE", "TRUNCATE"])))
def test_text_round_trip(grantee: str, grantor: str, privileges: set[str]) -> None:
    item = AclItem(grantee, grantor, frozenset(privileges), frozenset(sorted(privileges)[:1]))
    assert parse_aclitem(item.to_text()) == item


def test_parse_matches_the_server_for_hostile_names(
    admin: psycopg.Connection[tuple[object, ...]], roles: Roles
) -> None:
    admin.execute("CREATE SCHEMA target")
    granter = roles.create('gr"an=t/er', "NOLOGIN")
    admin.execute(
        sql.SQL("GRANT USAGE, CREATE ON SCHEMA target TO {} WITH GRANT OPTION").format(
            sql.Identifier(granter)
        )
    )
    created = [roles.create(h) for h in HOSTILE]
    admin.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(granter)))
    for i, name in enumerate(created):
        privs = sql.SQL("USAGE") if i % 2 else sql.SQL("USAGE, CREATE")
        admin.execute(
            sql.SQL("GRANT {} ON SCHEMA target TO {}{}").format(
                privs, sql.Identifier(name), sql.SQL(" WITH GRANT OPTION" if i % 3 == 0 else "")
            )
        )
    admin.execute("RESET ROLE")
    admin.execute("GRANT USAGE ON SCHEMA target TO PUBLIC")
    row = admin.execute(
        "SELECT nspacl::text[] FROM pg_namespace WHERE nspname = 'target'"
    ).fetchone()
    assert row is not None
    parsed = parse_acl(row[0])  # type: ignore[arg-type]
    server = admin.execute(
        """SELECT coalesce(ge.rolname, ''), gr.rolname, a.privilege_type, a.is_grantable
             FROM pg_namespace n, aclexplode(n.nspacl) a
             LEFT JOIN pg_roles ge ON ge.oid = a.grantee
             JOIN pg_roles gr ON gr.oid = a.grantor
            WHERE n.nspname = 'target'"""
    ).fetchall()
    mine = {
        (item.grantee, item.grantor, p, p in item.grantable)
        for item in parsed
        for p in item.privileges
    }
    assert mine == set(server)
    assert {item.grantee for item in parsed} >= set(created)
    assert [item.to_text() for item in parsed] == row[0]
    whole = admin.execute(
        "SELECT nspacl::text FROM pg_namespace WHERE nspname = 'target'"
    ).fetchone()
    assert whole is not None
    assert parse_acl_array(whole[0]) == parsed  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("{}", []),
        ("{a=r/b}", ["a=r/b"]),
        (r'{a=r/b,"\"x,y\"=U/b","\"\\\"=X/c"}', ["a=r/b", '"x,y"=U/b', '"\\"=X/c']),
    ],
)
def test_split_array(text: str, items: list[str]) -> None:
    assert split_array(text) == items


plain = st.text(st.sampled_from("abc_019éЖ"), min_size=0, max_size=12)
letters = st.text(st.sampled_from("arwdDxtXUCcTm*QZ"), max_size=8)


@given(plain, plain | names, letters)
def test_an_item_read_the_short_way_is_the_item_read_letter_by_letter(
    grantee: str, grantor: str, rights: str
) -> None:
    """Items of unquoted names whose letters were read before are read in one match (at 10,000
    tenant schemas, a third of building the catalog): the same item, or the same refusal, as
    the letter-by-letter reading, the second time as the first."""
    grantor = grantor or "g"
    text = f"{grantee}={rights}/{grantor}"
    outcomes = []
    for _ in range(2):
        for _ in forgetting_parsed():  # the items' cache, not the letters': the short way now
            pass
        try:
            outcomes.append(parse_aclitem(text))
        except AclParseError as exc:
            outcomes.append(str(exc))
    try:
        expected: object = _parse_aclitem(text)
    except AclParseError as exc:
        expected = str(exc)
    assert outcomes == [expected, expected]
