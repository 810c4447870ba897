"""When two reports describe one event, and what the event then says.

Reports are compared in their stored JSON form (the output record's event objects), so
ingest needs no object round trip. Each test is a rule an analyst would apply and each
decision is returned as a sentence (``same type ASSAULT; dates 2019-03-03/2019-03-03;
3.1 km apart; actors sdf/sdf``) that ``rasd event show`` prints.

Counts are reconciled with ACLED's rule: the event keeps the lowest figure reported for
each kind (the most conservative), and every report keeps its own figure.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasd.grounding.places import great_circle_km

COUNT_RULE = "each count is the lowest figure any report gives (ACLED's most conservative rule)"
km = great_circle_km  # distances between reports, as the grounding measures them
MAX_KM = 25.0  # two located reports farther apart than this are two events
DAY_SLACK = 1  # day-precision dates may differ by this many days (time zones, أمس)

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Features:
    """What merging compares, read once from an event's JSON."""

    event_type: str
    first_day: int | None  # proleptic ordinals of the period the date names
    last_day: int | None
    day_precision: bool
    date: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: int | None
    actor: tuple[str | None, str | None]  # (id, cameo)
    target: tuple[str | None, str | None]
    negated: bool
    historical: bool


def period(value: str | None, precision: str | None) -> tuple[int, int] | None:
    """The first and last day (ordinals) of the day, week, month or year a date names."""
    if not value:
        return None
    try:
        first = date.fromisoformat(value[:10])
    except ValueError:
        return None
    start = first.toordinal()
    if precision == "week":
        return start, start + 6
    if precision == "month":
        return start, start + monthrange(first.year, first.month)[1] - first.day
    if precision == "year":
        return start, date(first.year, 12, 31).toordinal()
    return start, start


def _who(argument: Json | None) -> tuple[str | None, str | None]:
    actor = (argument or {}).get("actor") or {}
    return actor.get("id"), actor.get("cameo")


def features(event: Json) -> Features:
    """The merge features of one event (a record's event object)."""
    when = event.get("date") or {}
    span = period(when.get("value"), when.get("precision"))
    where = event.get("location") or {}
    return Features(
        event_type=event["event_type"],
        first_day=span[0] if span else None,
        last_day=span[1] if span else None,
        day_precision=when.get("precision", "day") == "day",
        date=when.get("value"),
        lat=where.get("lat"),
        lon=where.get("lon"),
        country=where.get("country"),
        admin1=where.get("admin1"),
        precision=where.get("precision"),
        actor=_who(event.get("actor")),
        target=_who(event.get("target")),
        negated=bool(event.get("negated")),
        historical=bool(event.get("historical")),
    )


def _dates(a: Features, b: Features) -> str | None:
    if a.first_day is None or b.first_day is None or a.last_day is None or b.last_day is None:
        return None
    slack = DAY_SLACK if a.day_precision and b.day_precision else 0
    if a.first_day <= b.last_day + slack and b.first_day <= a.last_day + slack:
        return f"dates {a.date}/{b.date}"
    return None


def _places(a: Features, b: Features) -> str | None:
    """Why two places are the same place, or ``None``."""
    coarse = (a.precision or 1) >= 2 or (b.precision or 1) >= 2
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        distance = km(a.lat, a.lon, b.lat, b.lon)
        if distance <= MAX_KM:
            return f"{distance:.1f} km apart"
    if coarse and a.country and a.admin1 and (a.country, a.admin1) == (b.country, b.admin1):
        return f"same area {a.admin1}, {a.country}"
    return None


def _compatible(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    if a == (None, None) or b == (None, None):
        return True
    if a[0] and b[0]:
        return a[0] == b[0]
    return bool(a[1] and b[1] and a[1] == b[1])


def _name(who: tuple[str | None, str | None]) -> str:
    return who[0] or who[1] or "?"


def same_event(event: Features, report: Features) -> str | None:
    """Why ``report`` describes the stored ``event``, or ``None`` when it does not.

    Without a place on both sides, only the same named actor on both sides stands in for it:
    two unlocated attacks on one day are not one attack.
    """
    if event.event_type != report.event_type:
        return None
    if event.negated != report.negated or event.historical != report.historical:
        return None
    dates = _dates(event, report)
    if dates is None:
        return None
    if not (_compatible(event.actor, report.actor) and _compatible(event.target, report.target)):
        return None
    reasons = [f"same type {event.event_type}", dates]
    place = _places(event, report)
    if place is not None:
        reasons.append(place)
    elif event.lat is not None or report.lat is not None or event.country or report.country:
        return None  # one side is located elsewhere, or only one side is located
    elif not (event.actor[0] and event.actor == report.actor):
        return None
    if event.actor != (None, None) and report.actor != (None, None):
        reasons.append(f"actors {_name(event.actor)}/{_name(report.actor)}")
    if event.target != (None, None) and report.target != (None, None):
        reasons.append(f"targets {_name(event.target)}/{_name(report.target)}")
    return "; ".join(reasons)


def _rank(where: Json | None) -> tuple[int, int]:
    """How much a location says: coordinates first, then finer precision."""
    if not where:
        return (0, 0)
    return (1 if where.get("lat") is not None else 0, -(where.get("precision") or 9))


def _date_rank(when: Json | None) -> int:
    order = {"day": 4, "week": 3, "month": 2, "year": 1}
    return order.get((when or {}).get("precision") or "", 0) if (when or {}).get("value") else 0


def reconcile(merged: Json, report: Json) -> tuple[Json, list[str]]:
    """The event after ``report`` joins it, and what changed, for the merge reason.

    The founding report's reading stays; a later report fills a missing actor or target,
    gives a finer place or date, and lowers a count (never raises one).
    """
    result = dict(merged)
    notes: list[str] = []
    for role in ("actor", "target", "attribution", "mode"):
        if result.get(role) is None and report.get(role) is not None:
            result[role] = report[role]
    if _rank(report.get("location")) > _rank(result.get("location")):
        result["location"] = report["location"]
    if _date_rank(report.get("date")) > _date_rank(result.get("date")):
        result["date"] = report["date"]
    counts = {c["kind"]: c for c in result.get("counts") or ()}
    for count in report.get("counts") or ():
        kind = count["kind"]
        held = counts.get(kind)
        if held is None or (held.get("claimed") and not count.get("claimed")):
            counts[kind] = count  # the sourced figure over a perpetrator's claim
        elif count.get("claimed") and not held.get("claimed"):
            continue
        elif count["value"] != held["value"]:
            low = min(held, count, key=lambda c: int(c["value"]))
            notes.append(f"{kind} {held['value']} vs {count['value']}: keeps {low['value']}")
            counts[kind] = low
    result["counts"] = list(counts.values())
    result["confidence"] = max(float(merged.get("confidence", 0)), float(report["confidence"]))
    return result, notes


def merge_all(reports: list[Json]) -> Json:
    """The merged reading of reports in arrival order (for re-merging after a removal)."""
    merged = reports[0]
    for report in reports[1:]:
        merged, _ = reconcile(merged, report)
    return merged
