"""Score rasd on whole articles coded by analysts, as the maintainers score it.

An article's gold events (``articles-dev/articles.jsonl``: one article a line, its ``events``
coded the ACLED way, PLOVER types) are compared with the events rasd reports as having
happened: not negated, future, hypothetical or historical background.

- Event types per article: the set of types gold codes against the set rasd writes,
  micro-averaged over articles.
- Gold events are matched one to one to rasd's events of the same type, the matching that
  gets most events wholly right first, then most checks right.
- Among matched events, each check is scored where gold gives its field: the place within
  50 km, the day (``date`` or one of ``date_accept``), the killed / injured / arrested
  count, the actor and the target (a content word shared with the gold string, its English
  name or an alias; generic words such as قوات or forces do not count).
- Event level: a matched event is right when its place and day are right where gold gives
  them (ACLED's unit: type, place, day). Precision is over every event rasd wrote, recall
  over every gold event.
- Events written per gold event, and events placed over 1,000 km from every gold place of
  their article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from rasd.evaluate import GoldFormatError, reported
from rasd.grounding.places import great_circle_km
from rasd.model import Argument, Document, Event
from rasd.pipeline import extract_text
from rasd.settings import Settings
from rasd.store.export import figure
from rasd.text import normalize

# Within this distance of the gold point a place is right (the maintainers' tolerance), and
# beyond this distance from every gold place of its article an event is misplaced.
PLACE_TOLERANCE_KM = 50.0
FAR_KM = 1000.0

# The count kinds scored, with the gold names of rasd's kinds.
SCORED_COUNTS = ("killed", "injured", "arrested")
_GOLD_KINDS = {"protesters": "participants"}

CHECKS = ("place", "day", "killed", "injured", "arrested", "actor", "target")

# Words that name no one in particular: sharing one of them is no agreement on who acted.
_GENERIC = frozenset(
    normalize(word)
    for word in [
        "قوات",
        "القوات",
        "قوة",
        "القوة",
        "عناصر",
        "عنصر",
        "العناصر",
        "أفراد",
        "افراد",
        "جنود",
        "الجنود",
        "مسلحين",
        "مسلحون",
        "المسلحين",
        "مسلح",
        "رجال",
        "الشرطة",
        "شرطة",
        "الأمن",
        "الامن",
        "أمن",
        "الجيش",
        "جيش",
        "السلطات",
        "سلطات",
        "الحكومة",
        "حكومة",
        "جماعة",
        "الجماعة",
        "مجموعة",
        "المجموعة",
        "تنظيم",
        "التنظيم",
        "فصائل",
        "الفصائل",
        "قوى",
        "القوى",
        "مقاتلين",
        "مقاتلو",
        "المقاتلين",
        "ميليشيا",
        "ميليشيات",
        "مليشيات",
        "حركة",
        "الحركة",
        "وزارة",
        "الوزارة",
        "مجلس",
        "المجلس",
        "لجنة",
        "اللجنة",
        "مدنيين",
        "المدنيين",
        "مدنيون",
        "مواطنين",
        "المواطنين",
        "أشخاص",
        "اشخاص",
        "شخص",
        "شخصا",
        "الأشخاص",
        "من",
        "في",
        "على",
        "عن",
        "إلى",
        "الى",
        "مع",
        "و",
    ]
) | frozenset(
    [
        "forces",
        "force",
        "the",
        "of",
        "and",
        "in",
        "a",
        "an",
        "members",
        "group",
        "groups",
        "security",
        "police",
        "army",
        "military",
        "authorities",
        "government",
        "people",
        "men",
        "fighters",
        "militants",
        "unit",
        "units",
        "state",
        "movement",
        "ministry",
        "council",
        "committee",
    ]
)
_WORD = re.compile(r"[\w\u0600-\u06ff]+")
# Proclitics stripped before words are compared (وبالقوات -> قوات); two letters at least stay.
_PROCLITIC = re.compile(r"^(?:[وف]?(?:[بلك]?ال|[بل])|[وف])(?=\w\w)")


@dataclass(frozen=True, slots=True)
class GoldParty:
    """An actor or target as the analyst wrote it: the surface string and other names."""

    ar: str
    en: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.ar, *((self.en,) if self.en else ()), *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    event_type: str
    actor: GoldParty | None = None
    target: GoldParty | None = None
    location_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    date_accept: tuple[str, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()  # (rasd's kind, value)
    historical: bool = False

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None

    @property
    def days(self) -> frozenset[str]:
        return frozenset((*((self.date,) if self.date else ()), *self.date_accept))

    def count(self, kind: str) -> int | None:
        values = self.figures(kind)
        return max(values) if values else None

    def figures(self, kind: str) -> frozenset[int]:
        """The figures of a kind gold accepts: each one it gives (sources disagreeing, 2
        killed per the army, 8 per the ambassador) and their sum (28 militants, 10 police
        and 7 civilians killed: 45)."""
        values = [value for gold_kind, value in self.counts if gold_kind == kind]
        return frozenset((*values, sum(values))) if values else frozenset()


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]
    notes: str | None = None


def _party(value: object, where: str) -> GoldParty | None:
    if value is None:
        return None
    if isinstance(value, str):
        return GoldParty(value)
    if not isinstance(value, dict) or not isinstance(value.get("ar"), str):
        raise GoldFormatError(f"{where}: an actor or target must be null or have an 'ar' string")
    aliases = tuple(str(alias) for alias in value.get("aliases") or ())
    return GoldParty(value["ar"], value.get("en") or None, aliases)


def _gold_event(row: dict[str, Any], where: str) -> GoldEvent:
    if not isinstance(row.get("event_type"), str):
        raise GoldFormatError(f"{where}: an event without event_type")
    counts = tuple(
        (str(_GOLD_KINDS.get(count["kind"], count["kind"])), int(count["value"]))
        for count in row.get("counts") or ()
        if isinstance(count, dict) and "kind" in count and count.get("value") is not None
    )
    lat, lon = row.get("lat"), row.get("lon")
    return GoldEvent(
        event_type=row["event_type"],
        actor=_party(row.get("actor"), where),
        target=_party(row.get("target"), where),
        location_name=row.get("location_name"),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        date=row.get("date"),
        date_accept=tuple(row.get("date_accept") or ()),
        counts=counts,
        historical=bool(row.get("historical")),
    )


def read_articles(path: Path) -> Iterator[GoldArticle]:
    """The coded articles of a JSONL file; a line that is not one stops the run."""
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError as err:
                raise GoldFormatError(f"{where}: not a coded article ({err})") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise GoldFormatError(f"{where}: not a coded article (no text)")
            events = row.get("events") or []
            if not isinstance(events, list):
                raise GoldFormatError(f"{where}: 'events' must be a list")
            yield GoldArticle(
                id=str(row.get("id") or f"{path.name}:{number}"),
                text=row["text"],
                published=row.get("published") or None,
                events=tuple(_gold_event(event, where) for event in events),
                notes=row.get("notes"),
            )


def scored(event: Event) -> bool:
    """Whether an analyst would code the event: asserted as happened, not old background."""
    return reported(event) and not event.historical


def content_words(text: str) -> frozenset[str]:
    """The words of a name that say who it is: normalized, without proclitics or generic
    words (قوات الأمن العراقية -> {عراقيه})."""
    words = set()
    for word in _WORD.findall(normalize(text).lower()):
        stem = _PROCLITIC.sub("", word)
        if stem not in _GENERIC and word not in _GENERIC and len(stem) > 1:
            words.add(stem)
    return frozenset(words)


def party_agrees(argument: Argument | None, gold: GoldParty) -> bool:
    """A content word of rasd's argument (its text or resolved English name) is one of the
    gold string's, its English name's or an alias's."""
    if argument is None:
        return False
    ours = content_words(argument.text)
    if argument.actor is not None and argument.actor.name_en:
        ours |= content_words(argument.actor.name_en)
    return any(ours & content_words(name) for name in gold.names)


def event_day(event: Event) -> str | None:
    """The day rasd gives the event, as its records write it: the resolved date's day,
    whatever its precision (an event the text does not date carries its report's day)."""
    if event.date is None or event.date.value is None:
        return None
    return event.date.value[:10]


def event_count(event: Event, kind: str) -> int | None:
    """rasd's figure of one kind as the exports write it: the largest (total and parts),
    perpetrators' claims left out, as gold leaves them to its notes."""
    return figure(event.counts, kind)


def place_km(event: Event, gold: GoldEvent) -> float | None:
    point = gold.point
    loc = event.location
    if point is None or loc is None or loc.lat is None or loc.lon is None:
        return None
    return great_circle_km(loc.lat, loc.lon, *point)


@dataclass(frozen=True, slots=True)
class Checks:
    """The checks of one matched pair: True right, False wrong, None where gold is silent."""

    place: bool | None
    day: bool | None
    killed: bool | None
    injured: bool | None
    arrested: bool | None
    actor: bool | None
    target: bool | None

    @property
    def event_right(self) -> bool:
        """Type (matched already), place and day all right where gold gives them."""
        return self.place is not False and self.day is not False

    @property
    def quality(self) -> int:
        return sum(getattr(self, name) is True for name in CHECKS)


def check(event: Event, gold: GoldEvent) -> Checks:
    km = place_km(event, gold)
    day = event_day(event)
    counts: dict[str, bool | None] = {}
    for kind in SCORED_COUNTS:
        expected = gold.figures(kind)
        counts[kind] = event_count(event, kind) in expected if expected else None
    return Checks(
        place=None if gold.point is None else km is not None and km <= PLACE_TOLERANCE_KM,
        day=None if not gold.days else day in gold.days,
        killed=counts["killed"],
        injured=counts["injured"],
        arrested=counts["arrested"],
        actor=None if gold.actor is None else party_agrees(event.actor, gold.actor),
        target=None if gold.target is None else party_agrees(event.target, gold.target),
    )


def _weight(checks: Checks) -> int:
    # Wholly right events first, then the most checks right, then any match at all.
    return 100 * checks.event_right + 10 * checks.quality + 1


def match(events: Sequence[Event], golds: Sequence[GoldEvent]) -> list[tuple[int, int, Checks]]:
    """``(event index, gold index, checks)`` of the best one-to-one matching of the same type.

    Exact over subsets of gold events for the sizes articles have; greedy beyond them.
    """
    pairs: list[tuple[int, int, Checks]] = []
    for kind in sorted({gold.event_type for gold in golds}):
        gold_ids = [i for i, gold in enumerate(golds) if gold.event_type == kind]
        event_ids = [i for i, event in enumerate(events) if event.event_type == kind]
        table = {(e, g): check(events[e], golds[g]) for e in event_ids for g in gold_ids}
        if len(gold_ids) <= 12:
            pairs.extend(_exact(event_ids, gold_ids, table))
        else:
            pairs.extend(_greedy(table))
    return pairs


def _exact(
    event_ids: list[int], gold_ids: list[int], table: dict[tuple[int, int], Checks]
) -> list[tuple[int, int, Checks]]:
    # best[mask]: (weight, pairs) over the events seen so far, using the gold events in mask.
    best: dict[int, tuple[int, list[tuple[int, int, Checks]]]] = {0: (0, [])}
    for e in event_ids:
        step = dict(best)
        for mask, (weight, chosen) in best.items():
            for bit, g in enumerate(gold_ids):
                if mask >> bit & 1:
                    continue
                checks = table[(e, g)]
                grown = mask | 1 << bit
                candidate = weight + _weight(checks)
                if candidate > step.get(grown, (-1, []))[0]:
                    step[grown] = (candidate, [*chosen, (e, g, checks)])
        best = step
    return max(best.values(), key=lambda entry: entry[0])[1]


def _greedy(table: dict[tuple[int, int], Checks]) -> list[tuple[int, int, Checks]]:
    used_events: set[int] = set()
    used_golds: set[int] = set()
    pairs = []
    for (e, g), checks in sorted(table.items(), key=lambda item: -_weight(item[1])):
        if e not in used_events and g not in used_golds:
            used_events.add(e)
            used_golds.add(g)
            pairs.append((e, g, checks))
    return pairs


@dataclass(frozen=True, slots=True)
class ArticleResult:
    gold: GoldArticle
    doc: Document
    events: tuple[Event, ...]  # rasd's scored events
    golds: tuple[GoldEvent, ...]  # gold's scored events
    pairs: tuple[tuple[int, int, Checks], ...]
    far: tuple[int, ...]  # indices of events placed over FAR_KM from every gold place

    @property
    def gold_types(self) -> frozenset[str]:
        return frozenset(gold.event_type for gold in self.golds)

    @property
    def predicted_types(self) -> frozenset[str]:
        return frozenset(event.event_type for event in self.events)


def far_events(events: Sequence[Event], golds: Sequence[GoldEvent]) -> tuple[int, ...]:
    points = [gold.point for gold in golds if gold.point is not None]
    if not points:
        return ()
    far = []
    for index, event in enumerate(events):
        loc = event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        lat, lon = loc.lat, loc.lon
        if all(great_circle_km(lat, lon, *point) > FAR_KM for point in points):
            far.append(index)
    return tuple(far)


def score_article(gold: GoldArticle, doc: Document) -> ArticleResult:
    events = tuple(event for event in doc.events if scored(event))
    golds = tuple(event for event in gold.events if not event.historical)
    return ArticleResult(
        gold, doc, events, golds, tuple(match(events, golds)), far_events(events, golds)
    )


@dataclass(frozen=True, slots=True)
class Ratio:
    part: int = 0
    whole: int = 0

    @property
    def value(self) -> float:
        return self.part / self.whole if self.whole else 0.0


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class ArticleFigures:
    """The maintainers' figures over a set of coded articles."""

    results: list[ArticleResult] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len(self.results)

    @property
    def gold_events(self) -> int:
        return sum(len(result.golds) for result in self.results)

    @property
    def predicted_events(self) -> int:
        return sum(len(result.events) for result in self.results)

    def types(self) -> tuple[float, float, float]:
        correct = sum(len(r.gold_types & r.predicted_types) for r in self.results)
        predicted = sum(len(r.predicted_types) for r in self.results)
        gold = sum(len(r.gold_types) for r in self.results)
        return _prf(correct, predicted, gold)

    def event_level(self) -> tuple[float, float, float]:
        correct = sum(checks.event_right for r in self.results for _e, _g, checks in r.pairs)
        return _prf(correct, self.predicted_events, self.gold_events)

    @property
    def matched(self) -> int:
        return sum(len(result.pairs) for result in self.results)

    def check(self, name: str) -> Ratio:
        values = [getattr(checks, name) for r in self.results for _e, _g, checks in r.pairs]
        given = [value for value in values if value is not None]
        return Ratio(sum(given), len(given))

    @property
    def events_per_gold(self) -> float:
        return self.predicted_events / self.gold_events if self.gold_events else 0.0

    @property
    def far(self) -> Ratio:
        placed = sum(
            1
            for r in self.results
            for event in r.events
            if event.location is not None and event.location.lat is not None
        )
        return Ratio(sum(len(r.far) for r in self.results), placed)


def evaluate_articles(paths: Iterable[Path], settings: Settings | None = None) -> ArticleFigures:
    """Run the pipeline on every coded article, dated by its ``published`` day, and score it."""
    settings = settings or Settings()
    figures = ArticleFigures()
    for path in paths:
        for gold in read_articles(path):
            dated = replace(settings, published=gold.published) if gold.published else settings
            doc = extract_text(gold.text, doc_id=gold.id, settings=dated)
            figures.results.append(score_article(gold, doc))
    return figures


# --- Side by side (rasd eval articles --details) -----------------------------------------


def _gold_line(gold: GoldEvent) -> str:
    place = gold.location_name or "-"
    if gold.point is not None:
        place += f" ({gold.point[0]:.2f}, {gold.point[1]:.2f})"
    counts = ", ".join(f"{kind} {value}" for kind, value in gold.counts)
    return (
        f"{gold.event_type} | actor {gold.actor.ar if gold.actor else '-'} | target "
        f"{gold.target.ar if gold.target else '-'} | {place} | {gold.date or '-'}"
        + (f" | {counts}" if counts else "")
    )


def _event_line(event: Event) -> str:
    loc = event.location
    place = "-"
    if loc is not None:
        place = loc.text
        if loc.lat is not None and loc.lon is not None:
            place += f" -> {loc.name_en or loc.name_ar or '?'} ({loc.lat:.2f}, {loc.lon:.2f})"
    counts = ", ".join(f"{count.kind} {count.value}" for count in event.counts)
    trigger = event.evidence[0].trigger if event.evidence else ""
    return (
        f"{event.event_type}/{event.mode or '-'} «{trigger}»"
        f" | actor {event.actor.text if event.actor else '-'} | target "
        f"{event.target.text if event.target else '-'} | {place} | {event_day(event) or '-'}"
        + (f" | {counts}" if counts else "")
    )


def _failures(event: Event, gold: GoldEvent, checks: Checks) -> list[str]:
    reasons = []
    if checks.place is False:
        km = place_km(event, gold)
        reasons.append("place unplaced" if km is None else f"place {km:,.0f} km off")
    if checks.day is False:
        reasons.append(f"day {event_day(event) or 'none'} not {'/'.join(sorted(gold.days))}")
    for kind in SCORED_COUNTS:
        if getattr(checks, kind) is False:
            expected = "/".join(map(str, sorted(gold.figures(kind))))
            reasons.append(f"{kind} {event_count(event, kind)} not {expected}")
    for side in ("actor", "target"):
        if getattr(checks, side) is False:
            argument = getattr(event, side)
            reasons.append(f"{side} {argument.text if argument else 'none'}")
    return reasons


def describe(result: ArticleResult) -> list[str]:
    """An article's gold and rasd's events side by side, with the reason each check failed."""
    lines = [f"== {result.gold.id} ({result.gold.published or 'undated'})"]
    by_gold = {g: (e, checks) for e, g, checks in result.pairs}
    for index, gold in enumerate(result.golds):
        lines.append(f"  gold {index + 1}: {_gold_line(gold)}")
        if index not in by_gold:
            lines.append("    rasd: MISSED")
            continue
        e, checks = by_gold[index]
        verdict = "RIGHT" if checks.event_right else "WRONG"
        failures = _failures(result.events[e], gold, checks)
        lines.append(f"    rasd: {_event_line(result.events[e])}")
        lines.append(f"      {verdict}" + (f": {'; '.join(failures)}" if failures else ""))
    matched = {e for e, _g, _checks in result.pairs}
    far = set(result.far)
    for e, event in enumerate(result.events):
        if e not in matched:
            note = " (over 1,000 km from every gold place)" if e in far else ""
            lines.append(f"  extra: {_event_line(event)}{note}")
    return lines
