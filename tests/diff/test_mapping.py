"""Schema mapping: tenant_a of A against tenant_b of B (roles named after the schema follow
it), and every tenant matching a pattern against the template ("which tenants drifted?"),
fixed with ``--apply`` through the confirmation and the audit log."""

from __future__ import annotations

import io
import json

import pytest

from schemadesk.cli import main
from schemadesk.core.diff.mapping import pair_schemas, role_in_b
from schemadesk.core.diff.models import SchemaPair
from schemadesk.core.errors import ConfigError
from tests.diff.conftest import Pair, diff_json, run

TENANT = (
    "CREATE SCHEMA {s} AUTHORIZATION {owner}; GRANT USAGE ON SCHEMA {s} TO {rw}; "
    "SET ROLE {owner}; CREATE TABLE {s}.orders (id int); CREATE TABLE {s}.items (id int); "
    "CREATE INDEX orders_id ON {s}.orders (id); "
    "RESET ROLE; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {s} TO {rw}; "
    "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {s} GRANT SELECT, INSERT ON TABLES "
    "TO {rw}"
)


def tenant(two: Pair, conn_a: bool, schema: str) -> dict[str, str]:
    """Schema ``schema`` with ``schema_owner`` and ``schema_rw``, the convention's shape."""
    names = {"s": schema, "owner": two.role(schema[len(two.px) + 1 :] + "_owner")}
    names["rw"] = two.role(schema[len(two.px) + 1 :] + "_rw")
    run(two.ca if conn_a else two.cb, TENANT, **names)
    return names


def test_pairs_and_role_names_follow_the_schema() -> None:
    a, b = ["template", "x"], ["tenant_1", "tenant_2", "other", "x"]
    assert pair_schemas(a, b, maps=["tenant_*=template"]).pairs == (
        SchemaPair("template", "tenant_1"),
        SchemaPair("template", "tenant_2"),
    )
    assert pair_schemas(a, b, maps=["template=tenant_?"]).pairs[1].target == "tenant_2"
    by_name = pair_schemas(a, b)
    assert (by_name.pairs, by_name.only_a, by_name.only_b) == (
        (SchemaPair("x", "x"),),
        ("template",),
        ("tenant_1", "tenant_2", "other"),
    )
    pair = SchemaPair("tenant_a", "tenant_b")
    assert role_in_b("tenant_a_rw", pair) == "tenant_b_rw"
    assert role_in_b("tenant_a", pair) == "tenant_b"
    assert role_in_b("tenant_ab_rw", pair) == "tenant_ab_rw"  # another tenant's role
    assert role_in_b("alice", pair) == "alice"
    for bad, why in (("a=b=c", "does not exist"), ("*=t_*", "only one side"), ("=x", "SOURCE")):
        with pytest.raises(ConfigError, match=why):
            pair_schemas(["a", "b=c"], ["t_1"], maps=[bad])
    with pytest.raises(ConfigError, match="no schema of --to matches"):
        pair_schemas(a, b, maps=["zz_*=template"])


def test_tenant_a_against_tenant_b(two: Pair, capsys: pytest.CaptureFixture[str]) -> None:
    ta = tenant(two, True, f"{two.px}_ta")
    tb = tenant(two, False, f"{two.px}_tb")
    pair = f"{ta['s']}={tb['s']}"
    assert diff_json(capsys, "--from", two.a, "--to", two.b, "--map", pair, code=0)["equal"]
    run(two.cb, "REVOKE INSERT ON {s}.items FROM {rw}", **tb)
    report = diff_json(capsys, "--from", two.a, "--to", two.b, "--map", pair, code=6)
    assert [d["text"] for d in report["differences"]] == [
        f"table {tb['s']}.items: {tb['rw']} holds SELECT, INSERT in A, SELECT in B"
    ]
    capsys.readouterr()
    assert main(["diff", "--from", two.a, "--to", two.b, "--map", pair, "--sql"]) == 6
    script = capsys.readouterr().out
    assert f'GRANT INSERT ON TABLE "{tb["s"]}"."items" TO "{tb["rw"]}"' in script
    two.cb.execute(script.encode())
    assert diff_json(capsys, "--from", two.a, "--to", two.b, "--map", pair, code=0)["equal"]


def test_which_tenants_drifted_from_the_template(
    two: Pair, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tenant(two, True, f"{two.px}_tpl")
    tenants = [tenant(two, True, f"{two.px}_t{i}") for i in (1, 2, 3)]
    drifted = tenants[1]
    run(two.ca, "REVOKE INSERT ON {s}.orders FROM {rw}; DROP TABLE {s}.items", **drifted)
    run(
        two.ca,
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {s} REVOKE INSERT ON TABLES FROM {rw}",
        **drifted,
    )
    same = ["--from", two.a, "--to", two.a, "--map", f"{two.px}_t*={template['s']}"]
    report = diff_json(capsys, *same, code=6)
    assert len(report["pairs"]) == 3
    assert {d["target"] for d in report["differences"]} == {drifted["s"]}
    assert {d["category"] for d in report["differences"]} == {"grant", "default", "structure"}

    # --apply asks on a terminal; the answer and the audit record are the usual ones.
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    capsys.readouterr()
    assert main(["diff", *same, "--apply"]) == 6  # the dropped table is structure: it stays
    out = capsys.readouterr().out
    assert f'GRANT INSERT ON TABLE "{drifted["s"]}"."orders" TO "{drifted["rw"]}"' in out
    assert "applied 2 statement(s) on B in one transaction" in out
    again = diff_json(capsys, *same, code=6)
    assert again["access_equal"]
    assert [d["category"] for d in again["differences"]] == ["structure"]
    capsys.readouterr()
    assert main(["audit", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    done = [r for r in records if "make access equal" in json.dumps(r)]
    assert done
    assert done[-1]["outcome"] == "succeeded", done


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True
