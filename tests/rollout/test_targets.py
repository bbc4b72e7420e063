"""Targets files: what a rollout reads before it connects anywhere, and how bad files are told."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadesk.cli import main
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.models import Plan, PlanStep
from schemadesk.core.rollout.models import RolloutPlan, TargetPlan
from schemadesk.core.rollout.targets import Target, TenantSet, load_targets

EXAMPLE = """
[rollout]
parallel = 8
per_server = 2

[[rollout.stages]]
name = "canary"
parallel = 1

[[rollout.stages]]
name = "rest"

[[rollout.tenants]]
name = "tenant"
path = "tenant/migrations"
schemas = "tenant_*"

[[targets]]
profile = "eu-canary"
stage = "canary"

[[targets]]
dsn = "host=db-eu-1 dbname=app user=deploy"
stage = "rest"

[[targets]]
name = "us"
dsn = "postgresql://deploy@db-us/app"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "targets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_readme_example_reads_as_stages_targets_and_tenants(tmp_path: Path) -> None:
    config = load_targets(_write(tmp_path, EXAMPLE))
    assert [(s.name, s.parallel) for s in config.stages] == [("canary", 1), ("rest", None)]
    assert [(t.name, t.stage) for t in config.targets] == [
        ("eu-canary", "canary"),
        ("deploy@db-eu-1:5432/app", "rest"),
        ("us", "rest"),  # no stage: the last one, never a canary by accident
    ]
    assert (config.parallel, config.per_server) == (8, 2)
    assert config.tenants[0].pattern == "tenant_*"
    assert config.tenants[0].path == (tmp_path / "tenant" / "migrations").resolve()
    assert config.project is None


def test_without_declared_stages_they_follow_the_targets(tmp_path: Path) -> None:
    config = load_targets(
        _write(
            tmp_path,
            '[[targets]]\ndsn = "dbname=a"\nstage = "eu"\n\n[[targets]]\ndsn = "dbname=b"\n'
            '\n[[targets]]\ndsn = "dbname=c"\nstage = "us"\n',
        )
    )
    assert [s.name for s in config.stages] == ["eu", "all", "us"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[[targets]]\ndsn = "dbname=a password=hunter2"\n', "holds a password"),
        ('[[targets]]\ndsn = "postgresql://u:hunter2@h/db"\n', "holds a password"),
        ('[[targets]]\ndsn = "dbname=a"\nprofile = "p"\n', "give 'profile' or 'dsn'"),
        ('[[targets]]\nname = "x"\n', "give 'profile' or 'dsn'"),
        ('[[targets]]\ndsn = "dbname=a"\ncolour = "red"\n', "unknown key(s) colour"),
        ('[[targets]]\nprofile = "p"\n[[targets]]\nprofile = "p"\n', "a second target named 'p'"),
        ('[rollout]\nparallel = 0\n[[targets]]\nprofile = "p"\n', "'parallel' must be a whole"),
        ('[rollout]\nparallel = true\n[[targets]]\nprofile = "p"\n', "'parallel' must be a whole"),
        ("[rollout]\nparallel = 2\n", "no [[targets]] tables"),
        (
            '[[rollout.stages]]\nname = "canary"\n[[targets]]\nprofile = "p"\nstage = "eu"\n',
            "stage 'eu' is not one of the [[rollout.stages]] (canary)",
        ),
        (
            '[[rollout.tenants]]\nname = "t"\npath = "x"\nschemas = ["pg_catalog"]\n'
            '[[targets]]\nprofile = "p"\n',
            "schema 'pg_catalog' is not a name pgdbm accepts",
        ),
        (
            '[[rollout.tenants]]\nname = "t"\npath = "x"\nschemas = ["a; DROP TABLE x"]\n'
            '[[targets]]\nprofile = "p"\n',
            "is not a name pgdbm accepts",
        ),
        ('[[targets]]\ndsn = "host=\'unterminated"\n', "'dsn' is not a libpq conninfo"),
        ("[[targets]\n", "targets.toml"),
    ],
)
def test_a_bad_targets_file_is_refused_naming_the_entry(
    tmp_path: Path, text: str, said: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_targets(_write(tmp_path, text))
    assert said in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_the_command_refuses_a_password_in_a_dsn_without_showing_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, '[[targets]]\ndsn = "dbname=a password=hunter2"\n')
    assert main(["rollout", "--targets", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "holds a password" in err
    assert "hunter2" not in err


def test_the_command_names_a_missing_targets_file_and_a_missing_tenant_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rollout", "--targets", str(tmp_path / "nope.toml"), "--yes"]) == 2
    assert "nope.toml: no such targets file" in capsys.readouterr().err
    path = _write(
        tmp_path,
        '[[rollout.tenants]]\nname = "t"\npath = "gone"\nschemas = "t_*"\n'
        '[[targets]]\ndsn = "dbname=a"\n',
    )
    assert main(["rollout", "--targets", str(path), "--yes"]) == 2
    assert "gone: no such migrations folder (tenants t)" in capsys.readouterr().err


def test_a_pattern_matches_only_names_pgdbm_accepts_and_never_system_schemas() -> None:
    tenants = TenantSet("t", Path("/x"), pattern="*")
    existing = ["tenant_a", "Tenant-B", "pg_toast", "information_schema", "tenant_\nb", "public"]
    assert tenants.matching(existing) == ("public", "tenant_a")
    modules = tenants.modules(["tenant_a"], taken=["tenant_a"])
    assert [(m.name, m.schema, m.module_name) for m in modules] == [
        ("t.tenant_a", "tenant_a", "tenant_a")  # its own ledger and lock, named after it
    ]


def _planned(name: str, files: list[str]) -> TargetPlan:
    steps = tuple(
        PlanStep(
            module="m", module_name="m", filename=f, checksum="c" * 16, sql="", source="",
            lock_sql="", no_transaction=False,
        )
        for f in files
    )  # fmt: skip
    return TargetPlan(Target(name, "all"), plan=Plan(steps))


def test_targets_that_need_something_else_than_most_are_called_out() -> None:
    usual = ["001_a.sql", "002_b.sql"]
    plan = RolloutPlan(
        ("all",),
        (
            _planned("a", usual),
            _planned("b", usual),
            _planned("c", ["002_b.sql"]),
            _planned("d", usual),
            TargetPlan(Target("e", "all"), problem="cannot connect"),
        ),
    )
    assert [(t.target.name, why) for t, why in plan.outliers()] == [
        ("c", "1 step(s), most need 2; not 001_a.sql"),
        ("e", "not planned"),
    ]


def test_the_readme_targets_example_loads(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Rollout", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    config = load_targets(_write(tmp_path, example))
    assert [s.name for s in config.stages] == ["canary", "rest"]
    assert [(t.name, t.stage, t.profile) for t in config.targets] == [
        ("eu-canary", "canary", "eu-canary"),
        ("eu-1", "rest", None),
    ]
    assert config.project == tmp_path / "schemadesk.toml"
