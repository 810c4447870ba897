"""Tables built in one go are built with the cyclic collector paused, and only then."""

from __future__ import annotations

import gc

import pytest

from rasd.resources import bulk_load


@bulk_load
def _collector_state(inner: bool = False) -> list[bool]:
    states = [gc.isenabled()]
    if inner:
        states += _collector_state()  # an enclosing build keeps it paused
        states.append(gc.isenabled())
    return states


@bulk_load
def _failing_build() -> None:
    raise ValueError("bad table")


def test_a_build_runs_with_the_collector_paused_and_restores_it() -> None:
    assert gc.isenabled()
    assert _collector_state(inner=True) == [False, False, False]
    assert gc.isenabled()


def test_a_failed_build_restores_the_collector() -> None:
    with pytest.raises(ValueError, match="bad table"):
        _failing_build()
    assert gc.isenabled()


def test_a_build_leaves_a_paused_collector_paused() -> None:
    gc.disable()
    try:
        assert _collector_state() == [False]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_a_build_made_is_left_out_of_later_collections() -> None:
    before = gc.get_freeze_count()
    table = _table()
    assert gc.get_freeze_count() >= before + len(table)  # the table's lists among them
    tracked = {id(item) for item in gc.get_objects()}
    assert id(table["7"]) not in tracked  # no generation walks it any more


def test_a_failed_build_freezes_nothing() -> None:
    before = gc.get_freeze_count()
    with pytest.raises(ValueError, match="bad table"):
        _failing_build()
    assert gc.get_freeze_count() == before


@bulk_load
def _table() -> dict[str, list[int]]:
    return {str(n): [n] for n in range(1000)}


def test_builds_in_two_threads_take_turns() -> None:
    import threading

    started = threading.Event()
    release = threading.Event()

    @bulk_load
    def _slow() -> None:
        started.set()
        release.wait(5)

    other = threading.Thread(target=_slow)
    other.start()
    started.wait(5)
    seen: list[bool] = []
    waiting = threading.Thread(target=lambda: seen.extend(_collector_state()))
    waiting.start()
    waiting.join(0.2)
    assert waiting.is_alive()  # the second build waits for the first
    release.set()
    other.join(5)
    waiting.join(5)
    assert seen == [False]  # and then runs paused, by itself, with its own freeze
    assert gc.isenabled()
