"""Long-lived data and the cycle collector: paused while a catalog is built, and the catalog
kept out of later collections (which otherwise froze the window for up to 250 ms)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from schemadesk.core.long_lived import building_long_lived


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    gc.enable()
    yield
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
