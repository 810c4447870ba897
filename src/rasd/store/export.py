"""Exports of stored events for the tools analysts already use.

Four formats, all read from ``StoredEvent`` (one event, every report of it):

- ``acled``: a CSV with ACLED's column names and codes, one row per event that happened
  (negated, future and hypothetical events are left out; historical ones on request);
- ``plover``: PLOVER 2.0 JSON, one event a line (JSON lines, so a large export streams), with
  rasd's flags, so every event is there and a reader filters on them;
- ``parquet``: a Parquet dataset partitioned by year (``year=2019/``), flat ACLED-like
  columns plus ids and flags, every event, readable by pandas, polars and DuckDB;
- ``geojson``: a FeatureCollection of the events that happened and have coordinates.

The PLOVER -> ACLED mapping follows docs/plover-acled.md; ``acled_types`` is the one place
it lives. Country names, ISO numeric codes and ACLED regions come from a small table of the
countries Arabic news reports on; any other country is written as its ISO3 code.
"""

from __future__ import annotations

import csv
import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from os import PathLike
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, get_args

import orjson

from rasd.model import Argument, Count, DatePrecision, Event
from rasd.store.records import StoredEvent

ExportFormat = Literal["acled", "plover", "parquet", "geojson"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)

StrPath = str | PathLike[str]

# ACLED's columns, in the order of its exports (codebook 2023).
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# ACLED's 6 event types and 25 sub-event types, spelt as ACLED spells them.
ACLED_EVENT_TYPES: Mapping[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED counts these two as both kinds of disorder or as violence, unlike their type.
_DISORDER_BY_SUB = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}

# ACLED inter codes.
_STATE, _REBELS, _POLITICAL, _IDENTITY, _RIOTERS, _PROTESTERS, _CIVILIANS, _EXTERNAL = range(1, 9)
_ARMED = frozenset({_STATE, _REBELS, _POLITICAL, _IDENTITY, _EXTERNAL})

# ISO3 -> (ACLED's country name, ISO 3166 numeric, ACLED region): the countries Arabic news
# reports on and the powers it names. pycountry has them all but is a build-time dependency.
COUNTRIES: Mapping[str, tuple[str, int, str]] = {
    "BHR": ("Bahrain", 48, "Middle East"),
    "IRN": ("Iran", 364, "Middle East"),
    "IRQ": ("Iraq", 368, "Middle East"),
    "ISR": ("Israel", 376, "Middle East"),
    "JOR": ("Jordan", 400, "Middle East"),
    "KWT": ("Kuwait", 414, "Middle East"),
    "LBN": ("Lebanon", 422, "Middle East"),
    "OMN": ("Oman", 512, "Middle East"),
    "PSE": ("Palestine", 275, "Middle East"),
    "QAT": ("Qatar", 634, "Middle East"),
    "SAU": ("Saudi Arabia", 682, "Middle East"),
    "SYR": ("Syria", 760, "Middle East"),
    "TUR": ("Turkey", 792, "Middle East"),
    "ARE": ("United Arab Emirates", 784, "Middle East"),
    "YEM": ("Yemen", 887, "Middle East"),
    "CYP": ("Cyprus", 196, "Europe"),
    "DZA": ("Algeria", 12, "Northern Africa"),
    "EGY": ("Egypt", 818, "Northern Africa"),
    "LBY": ("Libya", 434, "Northern Africa"),
    "MAR": ("Morocco", 504, "Northern Africa"),
    "SDN": ("Sudan", 729, "Northern Africa"),
    "TUN": ("Tunisia", 788, "Northern Africa"),
    "ESH": ("Western Sahara", 732, "Northern Africa"),
    "COM": ("Comoros", 174, "Eastern Africa"),
    "DJI": ("Djibouti", 262, "Eastern Africa"),
    "ERI": ("Eritrea", 232, "Eastern Africa"),
    "ETH": ("Ethiopia", 231, "Eastern Africa"),
    "KEN": ("Kenya", 404, "Eastern Africa"),
    "SOM": ("Somalia", 706, "Eastern Africa"),
    "SSD": ("South Sudan", 728, "Eastern Africa"),
    "TCD": ("Chad", 148, "Middle Africa"),
    "BFA": ("Burkina Faso", 854, "Western Africa"),
    "MLI": ("Mali", 466, "Western Africa"),
    "MRT": ("Mauritania", 478, "Western Africa"),
    "NER": ("Niger", 562, "Western Africa"),
    "NGA": ("Nigeria", 566, "Western Africa"),
    "AFG": ("Afghanistan", 4, "South Asia"),
    "IND": ("India", 356, "South Asia"),
    "PAK": ("Pakistan", 586, "South Asia"),
    "ARM": ("Armenia", 51, "Caucasus and Central Asia"),
    "AZE": ("Azerbaijan", 31, "Caucasus and Central Asia"),
    "GEO": ("Georgia", 268, "Caucasus and Central Asia"),
    "CHN": ("China", 156, "East Asia"),
    "FRA": ("France", 250, "Europe"),
    "DEU": ("Germany", 276, "Europe"),
    "GBR": ("United Kingdom", 826, "Europe"),
    "RUS": ("Russia", 643, "Europe"),
    "UKR": ("Ukraine", 804, "Europe"),
    "USA": ("United States", 840, "North America"),
}

# How a generic agent (a sector and a country, no name) is named, as ACLED names them.
_AGENT_NAMES = {
    "state-military": "Military Forces of {}",
    "state-police": "Police Forces of {}",
    "state-intelligence": "Intelligence Services of {}",
    "state-executive": "Government of {}",
    "state-legislature": "Government of {}",
    "state-judiciary": "Government of {}",
    "civilians": "Civilians ({})",
    "protesters": "Protesters ({})",
    "rioters": "Rioters ({})",
    "unidentified-armed": "Unidentified Armed Group ({})",
    "militia": "Unidentified Armed Group ({})",
    "identity-group": "Communal Militia ({})",
    "refugees": "Refugees/IDPs ({})",
}

# What the notes say each type (and mode) did: (with a target, without one).
_VERBS: Mapping[str, tuple[str, str]] = {
    "AGREE": ("reached an agreement with", "reached an agreement"),
    "CONSULT": ("met", "held talks"),
    "SUPPORT": ("expressed support for", "expressed support"),
    "CONCEDE": ("made concessions to", "made concessions"),
    "COOPERATE": ("cooperated with", "cooperated"),
    "AID": ("gave aid to", "gave aid"),
    "RETREAT": ("yielded to", "retreated or surrendered"),
    "REQUEST": ("made demands of", "made demands"),
    "ACCUSE": ("accused", "made accusations"),
    "REJECT": ("rejected", "rejected a demand"),
    "THREATEN": ("threatened", "made threats"),
    "PROTEST": ("protested against", "protested"),
    "SANCTION": ("sanctioned", "imposed sanctions"),
    "MOBILIZE": ("mobilised against", "mobilised forces"),
    "COERCE": ("coerced", "took coercive measures"),
    "ASSAULT": ("attacked", "carried out an attack"),
}
_MODE_VERBS: Mapping[tuple[str, str], tuple[str, str]] = {
    ("ASSAULT", "aerial"): ("carried out an air strike on", "carried out an air strike"),
    ("ASSAULT", "drone"): ("carried out a drone strike on", "carried out a drone strike"),
    ("ASSAULT", "suicide-attack"): (
        "carried out a suicide attack on",
        "carried out a suicide attack",
    ),
    ("ASSAULT", "explosives"): ("attacked with explosives", "set off explosives"),
    ("ASSAULT", "heavy-weapons"): ("shelled", "shelled"),
    ("ASSAULT", "firearms"): ("clashed with", "opened fire"),
    ("ASSAULT", "abduct"): ("abducted", "abducted people"),
    ("ASSAULT", "destroy"): ("destroyed property of", "destroyed property"),
    ("COERCE", "arrest"): ("arrested", "made arrests"),
    ("COERCE", "seize"): ("seized property of", "seized property"),
    ("COERCE", "crowd-control"): ("dispersed", "dispersed a crowd"),
    ("RETREAT", "withdraw"): ("withdrew before", "withdrew"),
    ("RETREAT", "release"): ("released", "released people"),
    ("PROTEST", "riot"): ("rioted against", "rioted"),
    ("PROTEST", "strike"): ("went on strike against", "went on strike"),
}
_QUALIFIERS = {
    "exactly": "{}",
    "about": "about {}",
    "at_least": "at least {}",
    "more_than": "more than {}",
    "at_most": "at most {}",
    "less_than": "fewer than {}",
    "several": "several",
    "tens": "tens of",
    "dozens": "dozens",
    "hundreds": "hundreds",
    "thousands": "thousands",
}
_TIME_PRECISION: Mapping[str, int] = {"day": 1, "week": 2, "month": 3, "year": 3}


# --- the event's facts, as every format reads them ---------------------------------------


def happened(event: Event, *, include_historical: bool = False) -> bool:
    """Whether an event belongs in a record of what happened (ACLED, the map).

    Negated, future and hypothetical events did not happen; historical ones did, long ago,
    and a dataset of current events leaves them out unless asked.
    """
    if event.negated or event.future or event.hypothetical:
        return False
    return include_historical or not event.historical


def event_day(stored: StoredEvent) -> tuple[date | None, DatePrecision | None]:
    """The event's date and precision; without one, the first report's publication week.

    News reports what happened in the last days, so a report's date bounds the event's to
    the week before it (ACLED's time precision 2), which is what rasd says then.
    """
    when = stored.event.date
    if when is not None and when.value is not None:
        day = parse_day(when.value)
        if day is not None:
            return day, when.precision or "day"
    published = [day for report in stored.reports if (day := parse_day(report.published))]
    return (min(published), "week") if published else (None, None)


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date or date-time, or None when it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _end_day(day: date, precision: DatePrecision) -> date:
    """The last day of the week, month or year that starts at ``day``."""
    if precision == "week":
        return day + timedelta(days=6)
    if precision == "month":
        following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return following - timedelta(days=1)
    if precision == "year":
        return date(day.year, 12, 31)
    return day


def figure(counts: Iterable[Count], kind: str) -> int | None:
    """The event's figure of one kind, ``None`` when none is reported.

    Several figures of a kind in one reading are nearly always a total and its parts (قتل 10
    بينهم 3 أطفال), so the largest is the total. Across reports the store has already kept
    the most conservative figure, as ACLED does. A perpetrator's claim (``claimed``) is no
    figure: ACLED reports the sourced toll, and a claim alone leaves the figure unknown.
    """
    values = [count.value for count in counts if count.kind == kind and not count.claimed]
    return max(values) if values else None


# ACLED's conservative figures for vague quantities, as a share of rasd's reading (24 for
# عشرات, 200 for مئات, 2000 for آلاف): "tens" 10, "dozens" 12, "hundreds" 100, "thousands"
# 1000, and so on up the scale (عشرات الآلاف: 10,000).
_ACLED_SHARE: Mapping[str, tuple[int, int]] = {
    "tens": (10, 24),
    "dozens": (12, 24),
    "hundreds": (1, 2),
    "thousands": (1, 2),
}


def acled_figure(counts: Iterable[Count], kind: str) -> int | None:
    """The event's figure of one kind as ACLED codes it: vague quantities at ACLED's
    conservative values (عشرات القتلى: 10 fatalities), the largest figure otherwise; claims
    left out, as in ``figure``."""
    values = []
    for count in counts:
        if count.kind == kind and not count.claimed:
            share, whole = _ACLED_SHARE.get(count.qualifier, (1, 1))
            values.append(count.value * share // whole)
    return max(values) if values else None


def _inter(argument: Argument | None) -> int | None:
    if argument is None or argument.actor is None:
        return None
    return argument.actor.inter


def country_name(iso3: str | None) -> str:
    """ACLED's name for a country, the ISO3 code itself for one outside the table."""
    if not iso3:
        return ""
    known = COUNTRIES.get(iso3)
    return known[0] if known else iso3


def actor_name(argument: Argument | None) -> str:
    """The actor as ACLED names it: the table's English name, an agent's role and country
    (``Military Forces of Iraq``), a country, else the words of the text."""
    if argument is None:
        return ""
    actor = argument.actor
    if actor is None:
        return argument.text
    if actor.name_en:
        return actor.name_en
    country = country_name(actor.country)
    template = _AGENT_NAMES.get(actor.sector or "")
    if template and country:
        return template.format(country)
    if actor.sector:
        label = actor.sector.replace("-", " ").capitalize()
        return f"{label} ({country})" if country else label
    return country or argument.text


def _sources(stored: StoredEvent) -> list[str]:
    return list(dict.fromkeys(report.source for report in stored.reports if report.source))


# --- ACLED --------------------------------------------------------------------------------


def acled_types(event: Event) -> tuple[str, str]:
    """ACLED's event type and sub-event type for a PLOVER event (docs/plover-acled.md)."""
    mode = event.mode
    if event.event_type == "ASSAULT":
        return _assault_types(mode, _inter(event.actor), _inter(event.target))
    if event.event_type == "PROTEST":
        if mode in ("riot", "vandalize"):
            return "Riots", "Violent demonstration"
        return "Protests", "Peaceful protest"
    if event.event_type == "COERCE":
        if mode == "crowd-control":
            return "Protests", "Protest with intervention"
        if mode == "arrest":
            return "Strategic developments", "Arrests"
        if mode == "seize":
            return "Strategic developments", "Looting/property destruction"
    if event.event_type == "RETREAT" and mode == "withdraw":
        return "Strategic developments", "Non-violent transfer of territory"
    if event.event_type == "AGREE":
        return "Strategic developments", "Agreement"
    return "Strategic developments", "Other"


def _assault_types(mode: str | None, actor: int | None, target: int | None) -> tuple[str, str]:
    """Violence: the weapon decides first (remote violence is remote whoever it hits), then
    who was hit (civilians, protesters, armed men), then, unknown target, the manner."""
    remote = {
        "aerial": "Air/drone strike",
        "drone": "Air/drone strike",
        "suicide-attack": "Suicide bomb",
        "explosives": "Remote explosive/landmine/IED",
        "heavy-weapons": "Shelling/artillery/missile attack",
    }
    if mode in remote:
        return "Explosions/Remote violence", remote[mode]
    if mode == "destroy":
        return "Strategic developments", "Looting/property destruction"
    if actor == _RIOTERS:
        return "Riots", "Mob violence"
    if target == _PROTESTERS or mode == "crowd-control":
        return "Protests", "Excessive force against protesters"
    if target in _ARMED:
        # Combatants captured in fighting are part of the battle, not an abduction.
        return "Battles", "Armed clash"
    if mode == "abduct":
        return "Violence against civilians", "Abduction/forced disappearance"
    if mode == "sexual":
        return "Violence against civilians", "Sexual violence"
    if target in (_CIVILIANS, _RIOTERS) or mode in ("beat", "torture", "targeted", "primitive"):
        # Beatings, torture, assassinations and knife attacks are done to the unarmed.
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


def acled_rows(
    events: Iterable[StoredEvent],
    *,
    include_historical: bool = False,
    include_other: bool = True,
    timestamp: int | None = None,
) -> Iterator[dict[str, object]]:
    """One ACLED row per event that happened, keyed by ``ACLED_COLUMNS``.

    ``include_other=False`` leaves out what maps to Strategic developments / Other (talks,
    statements, accusations). ``timestamp`` is ACLED's last-update time, now by default.
    Missing values are empty strings, as in ACLED's CSV files.
    """
    if timestamp is None:
        timestamp = int(time.time())
    for stored in events:
        if not happened(stored.event, include_historical=include_historical):
            continue
        row = _acled_row(stored, timestamp)
        if include_other or row["sub_event_type"] != "Other":
            yield row


def _acled_row(stored: StoredEvent, timestamp: int) -> dict[str, object]:
    event = stored.event
    event_type, sub_event_type = acled_types(event)
    day, precision = event_day(stored)
    inter1, inter2 = _inter(event.actor), _inter(event.target)
    location = event.location
    iso3 = (location.country if location else None) or _actor_country(event)
    known = COUNTRIES.get(iso3 or "")
    civilian = event_type == "Violence against civilians" or (
        event.event_type == "ASSAULT" and inter2 == _CIVILIANS
    )
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{stored.id}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": _TIME_PRECISION[precision] if precision else "",
        "disorder_type": _DISORDER_BY_SUB.get(sub_event_type, _DISORDER[event_type]),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor_name(event.actor),
        "assoc_actor_1": "",
        "inter1": inter1 or "",
        "actor2": actor_name(event.target),
        "assoc_actor_2": "",
        # ACLED writes 0 for the second actor of a one-sided event.
        "inter2": inter2 or (0 if inter1 else ""),
        "interaction": _interaction(inter1, inter2) or "",
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": known[1] if known else "",
        "region": known[2] if known else "",
        "country": country_name(iso3),
        "admin1": (location.admin1 if location else None) or "",
        "admin2": "",
        "admin3": "",
        "location": _place_name(event),
        "latitude": location.lat if location and location.lat is not None else "",
        "longitude": location.lon if location and location.lon is not None else "",
        "geo_precision": (location.precision if location else None) or "",
        "source": "; ".join(_sources(stored)),
        "source_scale": "",
        "notes": notes(stored),
        "fatalities": acled_figure(event.counts, "killed") or 0,
        "tags": _tags(event),
        "timestamp": timestamp,
    }


def _actor_country(event: Event) -> str | None:
    """Where an event without a placed location happened: its actor's or target's country."""
    for argument in (event.actor, event.target):
        if argument is not None and argument.actor is not None and argument.actor.country:
            return argument.actor.country
    return None


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both inter codes, smaller first (17); one alone is 10 x it."""
    if inter1 is None:
        return None
    if inter2 is None:
        return 10 * inter1
    low, high = sorted((inter1, inter2))
    return 10 * low + high


def _place_name(event: Event) -> str:
    location = event.location
    if location is None:
        return ""
    return location.name_en or location.name_ar or location.text


def notes(stored: StoredEvent) -> str:
    """An English summary for ACLED's notes: who did what to whom, where, when, and every
    figure the reports gave when they disagree (ACLED keeps the lowest as fatalities)."""
    event = stored.event
    day, _precision = event_day(stored)
    verbs = _MODE_VERBS.get((event.event_type, event.mode or ""), _VERBS[event.event_type])
    actor, target = actor_name(event.actor), actor_name(event.target)
    parts = [f"On {day.isoformat()}," if day else "On an unknown date,"]
    parts.append(actor or "an unidentified actor")
    parts.append(f"{verbs[0]} {target}" if target else verbs[1])
    place = _place_name(event)
    sentence = " ".join(parts) + (f" in {place}." if place else ".")
    extras = [sentence, *_figure_notes(stored)]
    if event.evidence:
        extras.append(f"Reported as «{event.evidence[0].trigger}».")
    if event.historical:
        extras.append("Reported as background, long before publication.")
    return " ".join(extras)


def _figure_notes(stored: StoredEvent) -> Iterator[str]:
    """``killed: 10 (Reuters); at least 12 (SANA).`` for each kind the reports disagree on,
    ``3 injured.`` where they agree."""
    kinds = dict.fromkeys(count.kind for count in stored.event.counts)
    for report in stored.reports:
        kinds.update(dict.fromkeys(count.kind for count in report.event.counts))
    for kind in kinds:
        reported: dict[str, list[str]] = {}
        for report in stored.reports:
            for count in report.event.counts:
                if count.kind == kind:
                    figure_text = _QUALIFIERS[count.qualifier].format(count.value)
                    if count.claimed:
                        figure_text = "claimed " + figure_text
                    reported.setdefault(figure_text, []).append(report.source or report.document_id)
        if len(reported) > 1:
            listed = "; ".join(f"{text} ({', '.join(who)})" for text, who in reported.items())
            yield f"{kind.capitalize()}: {listed}."
        elif reported:
            yield f"{next(iter(reported)).capitalize()} {kind}."
        else:
            value = figure(stored.event.counts, kind)
            yield f"{value} {kind}."


def _tags(event: Event) -> str:
    if event.event_type != "PROTEST":
        return ""
    crowd = [count for count in event.counts if count.kind == "participants"]
    if not crowd:
        return "crowd size=no report"
    return "crowd size=" + _QUALIFIERS[crowd[0].qualifier].format(crowd[0].value)


def write_acled(
    events: Iterable[StoredEvent],
    path: StrPath,
    *,
    include_historical: bool = False,
    include_other: bool = True,
    timestamp: int | None = None,
) -> int:
    """Write the ACLED CSV (UTF-8, header first); return the number of rows."""
    rows = acled_rows(
        events,
        include_historical=include_historical,
        include_other=include_other,
        timestamp=timestamp,
    )
    written = 0
    with Path(path).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


# --- PLOVER ------------------------------------------------------------------------------


def plover_records(
    events: Iterable[StoredEvent], *, texts: Mapping[str, str] | None = None
) -> Iterator[dict[str, object]]:
    """One PLOVER 2.0 event record per stored event, flags included.

    ``event_text`` is the sentence of the first report that states the event when
    ``texts`` (document id -> document text) is given, else the word that names it.
    """
    for stored in events:
        event = stored.event
        day, precision = event_day(stored)
        location = event.location
        yield {
            "id": stored.id,
            "date": day.isoformat() if day else None,
            "time": None,
            "enddate": (
                _end_day(day, precision).isoformat()
                if day and precision and precision != "day"
                else None
            ),
            "date_precision": precision,
            "actor": _plover_actors(event.actor),
            "recipient": _plover_actors(event.target),
            "event": [event.event_type],
            "event_loc": None
            if location is None
            else {
                "name": _place_name(event),
                "name_ar": location.name_ar or location.text,
                "lat": location.lat,
                "lon": location.lon,
                "geo_precision": location.precision,
                "country": location.country,
                "admin1": location.admin1,
            },
            "event_text": _event_text(stored, texts),
            "mode": [event.mode] if event.mode else [],
            "context": list(event.context),
            "size": {
                "dead": figure(event.counts, "killed"),
                "injured": figure(event.counts, "injured"),
                "arrested": figure(event.counts, "arrested"),
            },
            "counts": [
                {"kind": count.kind, "value": count.value, "qualifier": count.qualifier}
                for count in event.counts
            ],
            "cite_info": [
                {
                    "source": report.source,
                    "url": report.url,
                    "language": report.language,
                    "document_id": report.document_id,
                    "title": report.title,
                    "published": report.published,
                    "duplicate_of": report.duplicate_of,
                }
                for report in stored.reports
            ],
            "coder": "rasd",
            "confidence": event.confidence,
            "negated": event.negated,
            "hypothetical": event.hypothetical,
            "future": event.future,
            "historical": event.historical,
            "merge_reasons": list(stored.merge_reasons),
        }


def _plover_actors(argument: Argument | None) -> list[dict[str, object]]:
    if argument is None:
        return []
    actor = argument.actor
    return [
        {
            "code": actor.cameo if actor else None,
            "sector": actor.sector if actor else None,
            "entity_text": argument.text,
            "identifier_id": (actor.id if actor else None) or argument.kb_id,
            "name": actor_name(argument),
            "country": actor.country if actor else None,
        }
    ]


def _event_text(stored: StoredEvent, texts: Mapping[str, str] | None) -> str | None:
    for report in stored.reports:
        if report.event.evidence:
            evidence = report.event.evidence[0]
            text = texts.get(report.document_id) if texts is not None else None
            if text:
                return text[evidence.sentence_start : evidence.sentence_end]
            return evidence.trigger
    return stored.event.evidence[0].trigger if stored.event.evidence else None


def write_plover(
    events: Iterable[StoredEvent], path: StrPath, *, texts: Mapping[str, str] | None = None
) -> int:
    """Write PLOVER JSON lines (one event a line, UTF-8); return the number of events."""
    written = 0
    with Path(path).open("wb") as stream:
        for record in plover_records(events, texts=texts):
            stream.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            written += 1
    return written


# --- Parquet -----------------------------------------------------------------------------

PARQUET_PARTITION = "year"


def parquet_rows(events: Iterable[StoredEvent]) -> Iterator[dict[str, object]]:
    """Flat rows for the Parquet dataset: ACLED's columns (typed, nulls for missing values)
    plus ids, PLOVER type, mode and context, every figure and the flags; every event."""
    for stored in events:
        event = stored.event
        row = {
            key: (None if value == "" else value)
            for key, value in _acled_row(stored, 0).items()
            if key not in ("timestamp", "event_date")
        }
        day, precision = event_day(stored)
        location = event.location
        row.update(
            id=stored.id,
            event_date=day,
            date_precision=precision,
            plover_type=event.event_type,
            mode=event.mode,
            context=list(event.context),
            actor1_id=_actor_field(event.actor, "id"),
            actor1_cameo=_actor_field(event.actor, "cameo"),
            actor1_country=_actor_field(event.actor, "country"),
            actor1_text=event.actor.text if event.actor else None,
            actor2_id=_actor_field(event.target, "id"),
            actor2_cameo=_actor_field(event.target, "cameo"),
            actor2_country=_actor_field(event.target, "country"),
            actor2_text=event.target.text if event.target else None,
            country_iso3=(location.country if location else None) or _actor_country(event),
            location_ar=(location.name_ar or location.text) if location else None,
            fatalities=acled_figure(event.counts, "killed") or 0,
            killed=figure(event.counts, "killed"),
            injured=figure(event.counts, "injured"),
            arrested=figure(event.counts, "arrested"),
            kidnapped=figure(event.counts, "kidnapped"),
            sources=_sources(stored),
            document_ids=[report.document_id for report in stored.reports],
            urls=[report.url for report in stored.reports if report.url],
            reports=len(stored.reports),
            confidence=event.confidence,
            negated=event.negated,
            hypothetical=event.hypothetical,
            future=event.future,
            historical=event.historical,
        )
        yield row


def _actor_field(argument: Argument | None, name: str) -> object:
    if argument is None or argument.actor is None:
        return None
    return getattr(argument.actor, name)


def _parquet_schema(pa: Any) -> Any:
    text, small, whole, real, flag = pa.string(), pa.int16(), pa.int32(), pa.float64(), pa.bool_()
    texts = pa.list_(pa.string())
    columns = [
        ("id", text),
        ("event_id_cnty", text),
        ("event_date", pa.date32()),
        ("year", small),
        ("time_precision", small),
        ("date_precision", text),
        ("plover_type", text),
        ("mode", text),
        ("context", texts),
        ("disorder_type", text),
        ("event_type", text),
        ("sub_event_type", text),
        ("actor1", text),
        ("actor1_id", text),
        ("actor1_cameo", text),
        ("actor1_country", text),
        ("actor1_text", text),
        ("assoc_actor_1", text),
        ("inter1", small),
        ("actor2", text),
        ("actor2_id", text),
        ("actor2_cameo", text),
        ("actor2_country", text),
        ("actor2_text", text),
        ("assoc_actor_2", text),
        ("inter2", small),
        ("interaction", small),
        ("civilian_targeting", text),
        ("iso", small),
        ("region", text),
        ("country", text),
        ("country_iso3", text),
        ("admin1", text),
        ("admin2", text),
        ("admin3", text),
        ("location", text),
        ("location_ar", text),
        ("latitude", real),
        ("longitude", real),
        ("geo_precision", small),
        ("source", text),
        ("sources", texts),
        ("source_scale", text),
        ("document_ids", texts),
        ("urls", texts),
        ("reports", whole),
        ("notes", text),
        ("fatalities", whole),
        ("killed", whole),
        ("injured", whole),
        ("arrested", whole),
        ("kidnapped", whole),
        ("tags", text),
        ("confidence", real),
        ("negated", flag),
        ("hypothetical", flag),
        ("future", flag),
        ("historical", flag),
    ]
    return pa.schema(columns)


def _require(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise RuntimeError(
            f"the Parquet export needs {module}: pip install 'rasd[export]'"
        ) from err


def write_parquet(
    events: Iterable[StoredEvent], directory: StrPath, *, batch_size: int = 50_000
) -> int:
    """Write a Parquet dataset partitioned by year (``year=2019/part-0-0.parquet``, an event
    without a date under ``year=__HIVE_DEFAULT_PARTITION__``); return the number of events.

    The directory must be new or empty: an export is never mixed with an older one. Events
    are written ``batch_size`` at a time, so memory stays bounded.
    """
    pa = _require("pyarrow")
    dataset = _require("pyarrow.dataset")
    root = Path(directory)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"{root} exists and is not an empty directory")
    root.mkdir(parents=True, exist_ok=True)
    schema = _parquet_schema(pa)
    partitioning = dataset.partitioning(
        pa.schema([(PARQUET_PARTITION, schema.field(PARQUET_PARTITION).type)]), flavor="hive"
    )
    written = 0
    for number, batch in enumerate(_batches(parquet_rows(events), batch_size)):
        table = pa.Table.from_pylist(batch, schema=schema)
        dataset.write_dataset(
            table,
            root,
            format="parquet",
            partitioning=partitioning,
            basename_template=f"part-{number}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
        written += len(batch)
    return written


def _batches(rows: Iterator[dict[str, object]], size: int) -> Iterator[list[dict[str, object]]]:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- GeoJSON -----------------------------------------------------------------------------


def geojson(
    events: Iterable[StoredEvent], *, include_historical: bool = False
) -> dict[str, object]:
    """A FeatureCollection of Points (``[lon, lat]``, WGS 84) of the events that happened and
    have coordinates."""
    features: list[dict[str, object]] = []
    for stored in events:
        event, location = stored.event, stored.event.location
        if location is None or location.lat is None or location.lon is None:
            continue
        if not happened(event, include_historical=include_historical):
            continue
        day, precision = event_day(stored)
        event_type, sub_event_type = acled_types(event)
        features.append(
            {
                "type": "Feature",
                "id": stored.id,
                "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                "properties": {
                    "id": stored.id,
                    "type": event.event_type,
                    "mode": event.mode,
                    "event_type": event_type,
                    "sub_event_type": sub_event_type,
                    "date": day.isoformat() if day else None,
                    "date_precision": precision,
                    "fatalities": acled_figure(event.counts, "killed") or 0,
                    "actors": [
                        name for name in (actor_name(event.actor), actor_name(event.target)) if name
                    ],
                    "location": _place_name(event),
                    "country": location.country,
                    "precision": location.precision,
                    "sources": _sources(stored),
                    "reports": len(stored.reports),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(
    events: Iterable[StoredEvent], path: StrPath, *, include_historical: bool = False
) -> int:
    """Write the GeoJSON FeatureCollection (UTF-8); return the number of features."""
    collection = geojson(events, include_historical=include_historical)
    Path(path).write_bytes(orjson.dumps(collection))
    features = collection["features"]
    assert isinstance(features, list)
    return len(features)


# --- one entry point ---------------------------------------------------------------------


def export(
    events: Iterable[StoredEvent],
    fmt: ExportFormat,
    output: StrPath,
    *,
    include_historical: bool = False,
) -> int:
    """Write ``events`` in format ``fmt`` to ``output`` (a directory for parquet); return
    the number of events or rows written. ``include_historical`` applies to acled and
    geojson, the formats that hold only what happened."""
    writers: Mapping[str, Callable[[], int]] = {
        "acled": lambda: write_acled(events, output, include_historical=include_historical),
        "plover": lambda: write_plover(events, output),
        "parquet": lambda: write_parquet(events, output),
        "geojson": lambda: write_geojson(events, output, include_historical=include_historical),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    return writers[fmt]()
