"""Merge candidates come from index ranges, and the ranges lose no event that could merge.

Ingest asks SQL for the events a report could join (type, day window, then place) instead
of walking every event of a busy day; ``merge.same_event`` then decides. The SQL must be
a superset of what ``same_event`` accepts, in id order, or merge decisions would change.
"""

from __future__ import annotations

import random
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.store import db as db_module
from rasd.store import merge
from rasd.store.db import Store

TYPES = ("ASSAULT", "PROTEST")
FIRST_DAY = 737_120  # 2019-03-04


def _iso(ordinal: int) -> str:
    from datetime import date

    return date.fromordinal(ordinal).isoformat()


def _event(
    kind: str,
    day: int,
    precision: str,
    place: str,
    lat: float,
    lon: float,
    country: str | None,
    admin1: str | None,
    place_precision: int,
    actor: str | None,
    negated: bool,
) -> dict[str, Any]:
    """An output record's event object: the fields merging reads."""
    location: dict[str, Any] | None = None
    if place == "point":
        location = {"lat": lat, "lon": lon, "country": country, "admin1": admin1}
    elif place == "area":
        location = {"lat": None, "lon": None, "country": country, "admin1": admin1}
    if location is not None:
        location.update(start=0, end=1, text="x", precision=place_precision)
    return {
        "event_type": kind,
        "confidence": 0.5,
        "date": {"value": _iso(day), "precision": precision},
        "location": location,
        "actor": None if actor is None else {"start": 0, "end": 1, "actor": {"id": actor}},
        "negated": negated,
    }


events = st.builds(
    _event,
    st.sampled_from(TYPES),
    st.integers(FIRST_DAY - 40, FIRST_DAY + 40),
    st.sampled_from(["day", "day", "week", "month", "year"]),
    st.sampled_from(["point", "point", "area", "none"]),
    st.floats(33.0, 33.6),  # about 65 km by 55 km: some pairs within 25 km, some not
    st.floats(40.0, 40.6),
    st.sampled_from(["SYR", "IRQ", None]),
    st.sampled_from(["a", "b", None]),
    st.integers(1, 3),
    st.sampled_from(["p1", "p2", None]),
    st.booleans(),
)


@cache
def _store() -> Store:
    """A store of 600 events of a small world: many near misses on every rule."""
    store = Store(":memory:")
    draw = random.Random(7)
    for _ in range(600):
        store._save_event(_random_event(draw), event_id=None, reports_delta=1)
    return store


def _random_event(draw: random.Random) -> dict[str, Any]:
    return _event(
        draw.choice(TYPES),
        FIRST_DAY + draw.randrange(-40, 41),
        draw.choice(["day", "day", "week", "month", "year"]),
        draw.choice(["point", "point", "area", "none"]),
        draw.uniform(33.0, 33.6),
        draw.uniform(40.0, 40.6),
        draw.choice(["SYR", "IRQ", None]),
        draw.choice(["a", "b", None]),
        draw.randint(1, 3),
        draw.choice(["p1", "p2", None]),
        draw.random() < 0.1,
    )


def _accepted(rows: list[tuple[Any, ...]], mine: merge.Features) -> list[int]:
    return [row[0] for row in rows if merge.same_event(db_module._features(row), mine)]


@settings(max_examples=300, deadline=None)
@given(events)
def test_candidates_hold_every_event_a_report_can_join(report: dict[str, Any]) -> None:
    store = _store()
    mine = merge.features(report)
    every = store._db.execute(
        f"SELECT {db_module._FEATURE_COLUMNS} FROM events ORDER BY id"
    ).fetchall()
    found = db_module._candidates(mine)
    candidates = [] if found is None else store._db.execute(*found).fetchall()
    assert [row[0] for row in candidates] == sorted({row[0] for row in candidates})
    assert _accepted(candidates, mine) == _accepted(every, mine)
    # and no more than the dates allow: the windows are merge's own, not wider
    assert all(merge._dates(db_module._features(row), mine) for row in candidates)


def test_the_world_has_merges_and_near_misses() -> None:
    """The property above is not vacuous: reports join some events and miss most."""
    store = _store()
    every = store._db.execute(f"SELECT {db_module._FEATURE_COLUMNS} FROM events").fetchall()
    draw = random.Random(11)
    joined = [len(_accepted(every, merge.features(_random_event(draw)))) for _ in range(200)]
    assert sum(1 for n in joined if n) > 20
    assert sum(1 for n in joined if not n) > 20


def test_candidate_lookup_uses_the_merge_indexes() -> None:
    """Each way of sharing a place reads an index range, never every event of the window."""
    store = _store()
    reports = [
        _event("ASSAULT", FIRST_DAY, "day", "point", 33.3, 40.3, "SYR", "a", 1, None, False),
        _event("ASSAULT", FIRST_DAY, "day", "point", 33.3, 40.3, None, None, 1, None, False),
        _event("ASSAULT", FIRST_DAY, "month", "area", 0, 0, "SYR", "a", 2, None, False),
        _event("ASSAULT", FIRST_DAY, "day", "none", 0, 0, None, None, 1, "p1", False),
    ]
    for report in reports:
        found = db_module._candidates(merge.features(report))
        assert found is not None
        sql, params = found
        plan = " ".join(row[3] for row in store._db.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "SCAN" not in plan
        assert "events_merge_" in plan
        assert "events_type_day" not in plan and "events_country " not in plan


def test_reports_that_no_event_can_join_ask_nothing() -> None:
    no_place = _event("ASSAULT", FIRST_DAY, "day", "none", 0, 0, None, None, 1, None, False)
    no_area = _event("ASSAULT", FIRST_DAY, "day", "area", 0, 0, "SYR", None, 2, "p1", False)
    undated = {**no_place, "date": None, "actor": {"actor": {"id": "p1"}}}
    for report in (no_place, no_area, undated):
        assert db_module._candidates(merge.features(report)) is None
