"""Merging rules on event JSON: each rule can keep two reports apart, and counts only go down."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rasd.store.merge import features, km, merge_all, period, reconcile, same_event


def _event(**fields: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "event_type": "ASSAULT",
        "confidence": 0.8,
        "date": {"value": "2019-03-03", "precision": "day"},
        "location": {
            "text": "الباغوز",
            "lat": 34.45,
            "lon": 40.93,
            "country": "SYR",
            "admin1": "Deir ez-Zor",
            "precision": 1,
        },
        "actor": {"start": 0, "end": 3, "text": "قسد", "actor": {"id": "sdf", "cameo": "SYRREB"}},
        "counts": [],
        "negated": False,
        "historical": False,
    }
    event.update(fields)
    return event


def _why(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    return same_event(features(a), features(b))


def _moved(lat: float, lon: float, precision: int = 1, admin1: str = "Deir ez-Zor") -> Any:
    return {"text": "x", "lat": lat, "lon": lon, "country": "SYR", "admin1": admin1,
            "precision": precision}  # fmt: skip


def test_the_reason_names_every_rule() -> None:
    nearby = _event(location=_moved(34.47, 40.95))
    assert _why(_event(), nearby) == (
        "same type ASSAULT; dates 2019-03-03/2019-03-03; 2.9 km apart; actors sdf/sdf"
    )


def test_each_rule_keeps_reports_apart() -> None:
    base = _event()
    assert _why(base, _event(event_type="PROTEST")) is None
    assert _why(base, _event(date={"value": "2019-03-05", "precision": "day"})) is None
    assert _why(base, _event(date={"value": "2019-03-04", "precision": "day"})) is not None
    assert _why(base, _event(location=_moved(35.0, 40.93))) is None  # 61 km north
    assert _why(base, _event(negated=True)) is None
    assert _why(base, _event(historical=True)) is None
    other = {"start": 0, "end": 3, "text": "داعش", "actor": {"id": "isis", "cameo": "IMGREB"}}
    assert _why(base, _event(actor=other)) is None
    assert _why(base, _event(actor=None)) is not None  # one side unnamed: compatible
    assert _why(base, _event(date=None)) is None  # no date, no merge


def test_coarse_dates_overlap_and_coarse_places_share_an_area() -> None:
    month = _event(date={"value": "2019-03-01", "precision": "month"})
    assert _why(_event(), month) is not None
    assert _why(_event(date={"value": "2019-04-01", "precision": "day"}), month) is None
    province = _event(location=_moved(35.0, 40.5, precision=3))
    assert _why(_event(), province) == (
        "same type ASSAULT; dates 2019-03-03/2019-03-03; same area Deir ez-Zor, SYR; actors sdf/sdf"
    )
    elsewhere = _event(location=_moved(35.0, 40.5, precision=3, admin1="Al-Hasakah"))
    assert _why(_event(), elsewhere) is None


def test_unlocated_reports_merge_only_on_one_named_actor() -> None:
    a, b = _event(location=None), _event(location=None)
    assert _why(a, b) is not None
    assert _why(_event(location=None, actor=None), _event(location=None, actor=None)) is None
    assert _why(_event(), b) is None  # one located, one not


def test_counts_keep_the_lowest_figure() -> None:
    def killed(value: int) -> dict[str, Any]:
        return {"kind": "killed", "value": value, "start": 0, "end": 1, "text": str(value)}

    merged, notes = reconcile(_event(counts=[killed(7)]), _event(counts=[killed(5)]))
    assert [c["value"] for c in merged["counts"]] == [5]
    assert notes == ["killed 7 vs 5: keeps 5"]
    merged, _ = reconcile(merged, _event(counts=[killed(9)]))
    assert [c["value"] for c in merged["counts"]] == [5]


def test_counts_keep_the_sourced_figure_over_a_claim() -> None:
    claim = {"kind": "killed", "value": 30, "start": 0, "end": 1, "text": "30", "claimed": True}
    sourced = {"kind": "killed", "value": 40, "start": 0, "end": 1, "text": "40"}
    for first, second in ((claim, sourced), (sourced, claim)):
        merged, notes = reconcile(_event(counts=[first]), _event(counts=[second]))
        assert [c["value"] for c in merged["counts"]] == [40]
        assert notes == []


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8))
def test_merged_count_is_the_minimum_in_any_order(values: list[int]) -> None:
    reports = [
        _event(counts=[{"kind": "killed", "value": v, "start": 0, "end": 1, "text": "x"}])
        for v in values
    ]
    assert [c["value"] for c in merge_all(reports)["counts"]] == [min(values)]


@given(st.floats(-80, 80), st.floats(-179, 179), st.floats(-80, 80), st.floats(-179, 179))
def test_distance_is_symmetric_and_bounded(a: float, b: float, c: float, d: float) -> None:
    assert km(a, b, c, d) == km(c, d, a, b)
    assert 0 <= km(a, b, c, d) <= 20_016
    assert km(a, b, a, b) == 0


@given(st.dates(), st.sampled_from(["day", "week", "month", "year"]))
def test_a_period_contains_its_first_day(day: Any, precision: str) -> None:
    span = period(day.isoformat(), precision)
    assert span is not None and span[0] == day.toordinal() <= span[1]
    assert span[1] - span[0] <= {"day": 0, "week": 6, "month": 30, "year": 365}[precision]
