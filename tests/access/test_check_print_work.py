"""``check`` prints 50,000 fixes at 10,000 schemas: the work it skips stays skipped (no title
or summary said while a fix is printed, each fix made once, shared fragments made once), and
what it prints is what the slower ways gave (escaping, quoting, titles), on hostile names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from psycopg import sql

from schemadesk.cli import output
from schemadesk.cli.check_json import print_records
from schemadesk.cli.check_print import finding_text, fix_sql, print_findings
from schemadesk.cli.common import print_json
from schemadesk.core import messages
from schemadesk.core.access.change_model import ChangeSet
from schemadesk.core.access.change_sql import identifier, privilege_list, sql_text
from schemadesk.core.access.change_targets import check_privileges
from schemadesk.core.access.changes import create_role, grant_privileges, set_schema_owner
from schemadesk.core.access.convention_model import Finding, fix_findings
from schemadesk.core.access.conventions import check_conventions
from schemadesk.core.messages import Message, said_of
from schemadesk.core.messages_access import said_title
from schemadesk.core.secrets import mask_secrets
from schemadesk.core.terminal_text import visible, visible_line
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles
from tests.access.test_finding_texts import Conn, _broken_catalog, _convention

HOSTILE = ['x"{owner}{s};\n本', "tab\there", "esc\x1b[2Kgone", "cr\rback", "del\x7f", "\x9bcsi"]


def test_the_output_guard_shows_every_character_as_visible_does() -> None:
    """The guard's quick look (nothing to escape: the text as it is) never lets through what
    ``visible`` would escape: every code point up to U+02FF, alone and around CR LF."""
    for code in range(0x300):
        c = chr(code)
        for text in (c, f"a{c}b\n", f"{c}\r\n", f"\r{c}", f"x\r\n{c}\r"):
            assert output._shown(text) == visible(mask_secrets(text)), repr(text)
    secret = "ALTER ROLE r PASSWORD 'hunter2';\n"
    assert "hunter2" not in output._shown(secret)


def _reference_text(f: Finding) -> str:
    """A finding as ``check`` printed it before: each one-line fact escaped on its own."""
    title, explanation = f.texts
    lines = [
        visible_line(f"{f.severity}: {f.schema or '(cluster)'}: {title} [{f.code}]"),
        f"  {explanation}",
        *(visible_line(f"  - {obj}") for obj in f.objects[:10]),
    ]
    if len(f.objects) > 10:
        lines.append(f"  - ... and {len(f.objects) - 10} more")
    lines.append("  fix:")
    return "\n".join(lines) + "\n" + f.fix.render()


@pytest.mark.parametrize("name", ["plain", *HOSTILE])
def test_a_finding_prints_its_facts_escaped_as_line_by_line(name: str) -> None:
    objects = tuple(f"{name}_{i}" for i in range(12))
    for schema, objs in ((name, objects), ("plain", ("t1", name)), ("plain", ("t1", "t2"))):
        finding = Finding.said(
            schema,
            "rw-tables-missing",
            "error",
            create_role(name),
            objs,
            rw=f"{name}_rw",
            privs="SELECT",
            n=len(objs),
        )
        assert finding_text(finding) == _reference_text(finding)


def test_each_fix_is_made_once_and_let_go(capsys: pytest.CaptureFixture[str]) -> None:
    made: list[str] = []

    def maker(name: str) -> Callable[[], ChangeSet]:
        def make() -> ChangeSet:
            made.append(name)
            return create_role(name)

        return make

    findings = [
        Finding.said("s", "rw-missing", "error", maker(n), rw=n) for n in ("a", 'b"', "c\nd")
    ]
    print_findings(findings)
    assert made == ["a", 'b"', "c\nd"]  # once each, in order
    assert all(callable(f.fix_of) for f in findings)  # not kept by the finding
    out = capsys.readouterr().out
    assert 'CREATE ROLE "c\nd" NOLOGIN;' in out
    assert out.endswith("3 finding(s), 3 error(s)\n")


def test_printing_a_check_says_no_title_or_summary(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fix's SQL is printed without its change set's title or its statements' summaries
    being said (the window reads them one confirmation at a time); read, they are what was
    said before, and carry their message for the window to translate."""
    catalog = _broken_catalog(admin, roles, gateway, database)
    findings = check_conventions(catalog, _convention(roles))
    said: list[Message] = []
    real = messages.english

    def counted(message: Message) -> str:  # every message said in English passes here
        said.append(message)
        return real(message)

    monkeypatch.setattr(messages, "english", counted)
    printed = [fix_sql(f) for f in findings]
    assert said == []
    assert any("GRANT" in text for text in printed)
    fixes = [f.fix for f in findings]
    for fix in fixes:
        assert fix.title
        for statement in fix.statements:
            assert statement.summary
    assert said  # some titles and summaries came from messages, said only now


@pytest.mark.parametrize("name", HOSTILE)
def test_titles_said_when_read_are_the_titles_said_before(name: str) -> None:
    created = create_role(name)
    assert created.title == said_title("create-role", role=name)
    message = said_of(created.title)
    assert message is not None
    assert message.code == "create-role"
    owned = set_schema_owner(name, name + "_o")
    assert owned.title == said_title("schema-owner-title", role=name + "_o", name=name)
    assert owned.statements[0].summary == owned.title
    assert created == create_role(name)
    assert hash(created) == hash(create_role(name))
    assert (created + owned).title == created.title
    assert (ChangeSet("") + owned).title == owned.title
    with pytest.raises(AttributeError):
        created.title = "x"


def test_shared_fragments_are_made_once_and_stay_unchanged() -> None:
    first = privilege_list(["USAGE", "SELECT"])
    assert privilege_list(("SELECT", "USAGE", "SELECT")) is first
    assert sql_text(first) == "SELECT, USAGE"
    checked = check_privileges(["select", "usage"], ("SELECT", "UPDATE", "USAGE"), "sequence")
    checked.append("mutated by a caller")
    again = check_privileges(["select", "usage"], ("SELECT", "UPDATE", "USAGE"), "sequence")
    assert again == ["SELECT", "USAGE"]


@pytest.mark.parametrize("name", ["plain", '"', 'a"b', "", *HOSTILE])
def test_a_quick_identifier_renders_as_psycopgs(name: str) -> None:
    for schema, obj in ((name, "t"), ("s", name), (name, name[::-1])):
        quick, slow = identifier(schema, obj), sql.Identifier(schema, obj)
        assert quick == slow
        assert sql_text(quick) == slow.as_string(None)
        assert sql_text(sql.Composed([quick, sql.SQL(", "), slow])) == sql.Composed(
            [slow, sql.SQL(", "), slow]
        ).as_string(None)


def test_a_grant_on_objects_sharing_acls_names_each_once(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """Objects whose ACL tuples are shared are grouped as before: one statement per set of
    missing rights, every object named once."""
    catalog = _broken_catalog(admin, roles, gateway, database)
    schema = next(s.name for s in catalog.schemas if catalog.relations_in(s.name))
    rw = roles.create("grantee")
    change = grant_privileges(catalog, rw, schema, ["SELECT"], on="tables", objects=None)
    tables = [r.name for r in catalog.relations_in(schema) if r.privilege_kind == "table"]
    text = change.render()
    assert text.count("GRANT SELECT ON ") == 1
    for table in tables:
        assert sql_text(sql.Identifier(schema, table)) in text or "ALL TABLES IN SCHEMA" in text


def _records(name: str) -> list[dict[str, Any]]:
    return [
        {
            "schema": name,
            "code": "rw-missing",
            "severity": "error",
            "title": f"{name} PASSWORD 'hunter2' postgres://u:pw@h/d \x85 \x7f",
            "explanation": "password=secret host=x",
            "objects": [name, f"{name}\x9b", ""],
            "fix": f"CREATE ROLE \"{name}\" PASSWORD 'x';\n",
        },
        {"schema": "", "code": "c", "n": 3, "ok": True, "no": False, "none": None, "objects": []},
        {"nested": {"a": [1, {"b": [name]}], "empty": {}}, name: (name, name)},
    ]


@pytest.mark.parametrize("name", ["plain", '"', "", *HOSTILE])
def test_check_json_is_print_jsons_text(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    printed = []
    for records in ([], _records(name), _records(name) * 300, [{"float": 1.5}, {"x": name}]):
        print_records(records)
        printed.append(capsys.readouterr().out)
        print_json(records)
        assert printed[-1] == capsys.readouterr().out
    assert printed[0] == "[]\n"
    assert "hunter2" not in printed[1]
    assert "\\u0085" in printed[1]  # C1 escaped, not raw


def test_fixing_every_finding_keeps_each_expectation_once_in_order(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """``check --fix`` joins every finding's fix: expectations looked up by hash (a list took
    more than ten minutes at 10,000 schemas) keep the first-seen order a list kept."""
    catalog = _broken_catalog(admin, roles, gateway, database)
    findings = check_conventions(catalog, _convention(roles))
    fixes = [f.fix for f in findings] * 2  # every expectation seen twice
    joined = fix_findings(findings * 2)
    listed: list[object] = []
    for fix in fixes:
        for e in fix.expectations:
            if e not in listed:
                listed.append(e)
    assert list(joined.expectations) == listed
    assert len(listed) > 5
    assert joined.render() == fix_findings(findings).render()
