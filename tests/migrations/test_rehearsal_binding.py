"""Which rehearsal an apply is shown: the exact plan's, and when it is not exactly this plan,
why confirming needs an override; a rehearsal of none of these files is not shown at all."""

from __future__ import annotations

from schemadesk.core.rehearsals import Bound, PlanKey, Rehearsal, bound, needs_override

WHERE = ("prod", "db", 5432, "shop")
PLAN = (("orders", "004_a.sql", "c4"), ("orders", "005_b.sql", "c5"))


Files = tuple[tuple[str, str, str], ...]


def _rehearsed(
    files: Files,
    *,
    ok: bool = True,
    run_as: str | None = "o",
    where: tuple[str, str, int, str] = WHERE,
) -> Rehearsal:
    return Rehearsal(PlanKey(where, files, run_as), ok, "2 rehearsed in 9 ms; rolled back")


def test_the_exact_plan_as_the_same_role_matches() -> None:
    assert bound(_rehearsed(PLAN), PlanKey(WHERE, PLAN, "o")) is Bound.MATCHES


def test_a_failure_another_role_or_other_files_need_an_override() -> None:
    key = PlanKey(WHERE, PLAN, "o")
    assert bound(_rehearsed(PLAN, ok=False), key) is Bound.FAILED
    assert bound(_rehearsed(PLAN, run_as=None), key) is Bound.OTHER_ROLE
    edited = (PLAN[0], ("orders", "005_b.sql", "edited"))
    assert bound(_rehearsed(edited), key) is Bound.OTHER_PLAN
    assert bound(_rehearsed(PLAN[:1]), key) is Bound.OTHER_PLAN  # a file added since
    for state in (Bound.FAILED, Bound.OTHER_ROLE, Bound.OTHER_PLAN):
        assert needs_override(state)
    assert not needs_override(Bound.MATCHES)


def test_another_module_or_target_or_files_applied_since_are_not_this_plans() -> None:
    key = PlanKey(WHERE, PLAN, "o")
    users = (("users", "006_x.sql", "c6"),)
    assert bound(_rehearsed(users, ok=False), key) is Bound.NONE  # the users/006 case
    assert bound(_rehearsed(PLAN, where=("prod", "db", 5432, "other")), key) is Bound.NONE
    applied = (("orders", "003_old.sql", "c3"),)
    assert bound(_rehearsed(applied), key) is Bound.NONE
    assert bound(None, key) is Bound.NONE
