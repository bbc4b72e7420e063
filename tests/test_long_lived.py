"""Long-lived data and the cycle collector: paused while a catalog is built, and the catalog
kept out of later collections (which otherwise froze the window for up to 250 ms)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from schemadesk.core.long_lived import (
    CollectorPolicy,
    building_long_lived,
    cleanups,
    use_collector_policy,
)


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    gc.enable()
    previous = use_collector_policy(CollectorPolicy())
    yield
    use_collector_policy(previous)
    gc.unfreeze()  # the next test's collections see everything again
    gc.collect()  # here, on the main thread: what this test froze must not die on another one
    gc.enable()


def test_a_build_pauses_collection_and_freezes_what_it_built() -> None:
    before = gc.get_freeze_count()
    with building_long_lived():
        assert not gc.isenabled()
        built = [[i] for i in range(5000)]  # lists are tracked by the collector
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(built)


def test_overlapping_builds_resume_collection_only_after_the_last() -> None:
    first_inside, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other_build() -> None:
        with building_long_lived():
            first_inside.set()
            second_done.wait(timeout=10)

    worker = threading.Thread(target=other_build)
    worker.start()
    assert first_inside.wait(timeout=10)
    with building_long_lived():
        pass
    seen.append(gc.isenabled())  # the other build still runs: still paused
    second_done.set()
    worker.join(timeout=10)
    assert seen == [False]
    assert gc.isenabled()


def test_a_failed_build_still_resumes_and_a_disabled_collector_stays_disabled() -> None:
    with pytest.raises(RuntimeError), building_long_lived():
        raise RuntimeError("the load failed")
    assert gc.isenabled()
    gc.disable()
    with building_long_lived():
        pass
    assert not gc.isenabled()


CATALOG = 10_000  # tracked objects per "catalog"
GARBAGE = 10_000  # reference cycles made (and dropped) while each build runs


def _refreshes(count: int) -> list[int]:
    """Builds like F5 after F5: a new catalog replaces the old, and the window makes cyclic
    garbage while collection is paused. The frozen-object count after each."""
    catalog: list[list[int]] = []
    counts: list[int] = []
    for _ in range(count):
        with building_long_lived():
            new = [[i] for i in range(CATALOG)]
            for _ in range(GARBAGE):
                cycle: list[object] = []
                cycle.append(cycle)
        catalog = new
        counts.append(gc.get_freeze_count())
    assert len(catalog) == CATALOG
    return counts


def test_frozen_garbage_stays_bounded_over_twenty_refreshes() -> None:
    use_collector_policy(CollectorPolicy(collect_every=0))  # never: what was there before
    piled = _refreshes(20)
    # Without a bound every refresh freezes its garbage for good: this is what is guarded.
    assert piled[-1] - piled[0] >= 19 * GARBAGE
    gc.unfreeze()
    gc.collect()
    use_collector_policy(CollectorPolicy(collect_every=5))
    before = cleanups()
    counts = _refreshes(20)
    assert cleanups() - before == 3  # before builds 6, 11 and 16
    assert max(counts) - min(counts) <= 5 * GARBAGE + CATALOG
    gc.unfreeze()
    assert gc.collect() < 6 * GARBAGE  # at most the garbage of the 5 builds since the last one


def test_more_live_data_never_brings_a_full_collection_forward() -> None:
    """A second large connection grows the frozen objects as garbage would: no extra scan."""
    use_collector_policy(CollectorPolicy(collect_every=5))
    before = cleanups()
    catalogs: list[list[list[int]]] = []
    for _ in range(4):
        with building_long_lived():
            catalogs.append([[i] for i in range(CATALOG)])  # each one kept: live, not garbage
    assert gc.get_freeze_count() >= 4 * CATALOG
    assert cleanups() == before
    with building_long_lived():
        pass
    with building_long_lived():  # the sixth build: the bound's turn, whatever the data
        pass
    assert cleanups() == before + 1
    assert gc.get_freeze_count() >= 4 * CATALOG  # the live catalogs stay frozen


def test_a_policy_without_freezing_leaves_the_collector_as_python_has_it() -> None:
    use_collector_policy(CollectorPolicy(pause=False, freeze=False))
    before = gc.get_freeze_count()
    with building_long_lived():
        assert gc.isenabled()
        built = [[i] for i in range(1000)]
    assert gc.get_freeze_count() == before
    assert len(built) == 1000


def test_the_bound_waits_for_a_build_on_the_main_thread() -> None:
    """A build on the gateway thread never runs the full collection: finalizers of a GUI's
    objects must run on its own thread. The next build on the main thread does it."""
    use_collector_policy(CollectorPolicy(collect_every=1))
    with building_long_lived():
        pass
    before = cleanups()

    def build_elsewhere() -> None:
        with building_long_lived():
            pass

    worker = threading.Thread(target=build_elsewhere)
    worker.start()
    worker.join(timeout=10)
    assert cleanups() == before
    with building_long_lived():
        pass
    assert cleanups() == before + 1


def test_a_policy_releases_once_after_the_last_of_nested_builds() -> None:
    released: list[int] = []
    use_collector_policy(CollectorPolicy(release=lambda: released.append(gc.get_freeze_count())))
    with building_long_lived():
        with building_long_lived():
            kept = [[i] for i in range(100)]
        assert released == []  # the outer build still runs: nothing dropped under it
    assert len(released) == 1
    assert released[0] >= len(kept)  # after the freeze: what was built stays built
    with building_long_lived():
        pass
    assert len(released) == 2  # every last exit, not only the first


def test_the_window_policy_empties_the_acl_parse_caches() -> None:
    from schemadesk.app import WINDOW_COLLECTOR
    from schemadesk.core.access.acl import parse_acl_array, parsed

    use_collector_policy(WINDOW_COLLECTOR)
    with building_long_lived():
        items = parse_acl_array("{a=r/b,c=arwd/b}")
        assert parsed() >= 3  # the array and its two items
    assert parsed() == 0  # no loop running here: at once
    assert [i.grantee for i in items] == ["a", "c"]  # the models keep what was parsed
