"""Score what ``rasd extract`` finds against gold annotations.

``evaluate_events`` reads the Arabic event gold standard's JSONL (one sentence a line) and
scores sentence-level detection per PLOVER type and the actor and target spans.

``evaluate_ner`` reads a CoNLL file (``token TAG`` a line, IOB2, a blank line between
sentences), runs the whole pipeline on the text those tokens spell, and scores entities
the way ANERcorp is annotated: gold tags whole whitespace tokens, clitics included
(``وإسرائيل`` B-LOC), while rasd reports names without their clitics (``إسرائيل``), so each
predicted span is widened to the gold tokens it touches before the comparison.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from rasd.grounding.places import great_circle_km
from rasd.model import Actor, Argument, Document, Event, Location
from rasd.ner.scoring import Figures, score
from rasd.pipeline import extract_text
from rasd.settings import Settings
from rasd.text import normalize

# ANERcorp writes PERS; rasd's labels are PER, ORG, LOC, MISC.
_LABELS = {"PERS": "PER"}


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


class GoldFormatError(ValueError):
    """A line of the gold file is not ``token TAG``."""


def read_conll(path: Path) -> Iterator[Sentence]:
    """Sentences of a CoNLL ``token TAG`` file; the tag is the last field of a line."""
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            fields = line.split()
            if not fields:
                if tokens:
                    yield Sentence(tuple(tokens), tuple(tags))
                    tokens, tags = [], []
                continue
            if len(fields) < 2:
                raise GoldFormatError(f"{path}:{number}: expected 'token TAG', found {line!r}")
            tokens.append(fields[0])
            tags.append(_tag(fields[-1]))
    if tokens:
        yield Sentence(tuple(tokens), tuple(tags))


def _tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    return f"{prefix}-{_LABELS.get(kind, kind)}"


def predicted_tags(sentences: list[Sentence], settings: Settings) -> list[list[str]]:
    """rasd's entities over the gold tokens: one document, a sentence a line."""
    lines = [" ".join(sentence.tokens) for sentence in sentences]
    text = "\n".join(lines)
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for sentence in sentences:
        for token in sentence.tokens:
            starts.append(at)
            ends.append(at + len(token))
            at += len(token) + 1
    tags = ["O"] * len(starts)
    doc = extract_text(text, doc_id="gold", settings=settings)
    if doc.errors:
        raise ValueError(doc.errors[0].message)
    for ent in doc.entities:
        # Widen to the whitespace tokens the span touches.
        first = bisect_right(ends, ent.start)
        last = bisect_left(starts, ent.end)
        if first >= last or any(tag != "O" for tag in tags[first:last]):
            continue
        tags[first] = f"B-{ent.label}"
        for index in range(first + 1, last):
            tags[index] = f"I-{ent.label}"
    predicted: list[list[str]] = []
    at = 0
    for sentence in sentences:
        predicted.append(tags[at : at + len(sentence.tokens)])
        at += len(sentence.tokens)
    return predicted


def evaluate_ner(path: Path, settings: Settings | None = None) -> dict[str, Figures]:
    """Entity-level precision, recall and F1 of rasd on the gold file ``path``."""
    sentences = list(read_conll(path))
    gold = [list(sentence.tags) for sentence in sentences]
    return score(gold, predicted_tags(sentences, settings or Settings()))


# The event gold standard (openeventdata/arabic_event_gsr) labels a sentence "yes" when
# annotators agreed it reports an event of its type, "easy no" or "difficult no" when not,
# and "ambiguous" when unsure: those are left out of every score.
GSR_LABELS = {"yes": True, "easy no": False, "difficult no": False}


@dataclass(frozen=True, slots=True)
class GoldSentence:
    id: str
    event_type: str
    positive: bool
    text: str
    # (actor tokens, target tokens) of each gold reading, for positives that have them
    arguments: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()


def _gsr_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, row)`` of a gold-standard JSONL file; a bad line stops the run."""
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
                if not isinstance(row, dict):
                    raise TypeError("expected a JSON object")
            except (orjson.JSONDecodeError, TypeError) as err:
                raise GoldFormatError(f"{path}:{number}: not a gold sentence ({err})") from None
            yield number, row


def read_gsr(path: Path) -> Iterator[GoldSentence]:
    """The scored sentences of a gold-standard JSONL file (``ambiguous`` ones left out)."""
    for number, row in _gsr_rows(path):
        try:
            label = row["label"]
            text, event_type = row["text"], row["event_type"]
        except KeyError as err:
            raise GoldFormatError(f"{path}:{number}: not a gold sentence ({err})") from None
        if label not in GSR_LABELS:
            continue
        spans = (row.get("gold_spans") or {}).get("spans") or []
        arguments = tuple(
            (tuple(span.get("source_actor") or ()), tuple(span.get("target_actor") or ()))
            for span in spans
        )
        yield GoldSentence(
            row.get("id", str(number)), event_type, GSR_LABELS[label], text, arguments
        )


def token_f1(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """F1 of two bags of whitespace tokens; two empty bags agree."""
    if not predicted and not gold:
        return 1.0
    common = sum((Counter(predicted) & Counter(gold)).values())
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def span_tokens(text: str, argument: Argument | None) -> list[str]:
    """The whitespace tokens of ``text`` that the argument's span touches."""
    if argument is None:
        return []
    return [
        match.group()
        for match in re.finditer(r"\S+", text)
        if match.start() < argument.end and argument.start < match.end()
    ]


GoldArguments = Sequence[tuple[Sequence[str], Sequence[str]]]


def best_argument_f1(
    text: str, events: Sequence[Event], arguments: GoldArguments
) -> tuple[float, float]:
    """Actor and target token-F1 of the event and gold reading that agree best."""
    return max(
        (
            (
                token_f1(span_tokens(text, event.actor), actor),
                token_f1(span_tokens(text, event.target), target),
            )
            for event in events
            for actor, target in arguments
        ),
        key=sum,
    )


def reported(event: Event) -> bool:
    """Whether an event is one the text reports as having happened."""
    return not (event.negated or event.future or event.hypothetical)


@dataclass(slots=True)
class EventFigures:
    """Detection and argument figures for one event type."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0
    argument_rows: int = 0
    actor_f1: float = 0.0  # sums while counting, means once done
    target_f1: float = 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_events(
    paths: Sequence[Path], settings: Settings | None = None
) -> dict[str, EventFigures]:
    """Sentence-level detection P/R/F1 per type, and actor and target token-F1.

    A sentence is detected for its type when rasd reports an event of that type in it that
    is not negated, future or hypothetical. Actor and target token-F1 are means over the
    detected positives that have gold arguments, each scored against the gold reading it
    matches best.
    """
    settings = settings or Settings()
    figures: dict[str, EventFigures] = {}
    for path in paths:
        for gold in read_gsr(path):
            row = figures.setdefault(gold.event_type, EventFigures())
            doc = extract_text(gold.text, doc_id=gold.id, settings=settings)
            events = [e for e in doc.events if e.event_type == gold.event_type and reported(e)]
            row.gold += gold.positive
            row.predicted += bool(events)
            row.correct += bool(events) and gold.positive
            if not (events and gold.positive and gold.arguments):
                continue
            best = best_argument_f1(doc.text, events, gold.arguments)
            row.argument_rows += 1
            row.actor_f1 += best[0]
            row.target_f1 += best[1]
    for row in figures.values():
        if row.argument_rows:
            row.actor_f1 /= row.argument_rows
            row.target_f1 /= row.argument_rows
    return figures


# --- Grounding: places (rasd eval geo) and actors (rasd eval actors) ---------------------

# The Gigaword-style ids of the gold standard carry the publication day: AAW_ARB_20080110.0023-9.
_GSR_DAY = re.compile(r"_(\d{4})(\d{2})(\d{2})\.")
# An answer within this distance of the annotated point counts as right: the tolerance the
# maintainers check locations with.
GEO_TOLERANCE_KM = 50.0


def gsr_published(gold_id: str) -> str | None:
    """The publication day (ISO 8601) a gold-standard id carries, if it carries one.

    Relative dates (أمس) and the historical flag resolve against it, as they would on the
    article the sentence came from.
    """
    match = _GSR_DAY.search(gold_id)
    return "-".join(match.groups()) if match else None


def default_data_dir() -> Path:
    """``$RASD_DATA_DIR``, else ``../shared/data`` beside the project, as the build scripts use."""
    return Path(os.environ.get("RASD_DATA_DIR") or "../shared/data")


def _gsr_path(data_dir: Path, name: str) -> Path:
    """A gold-standard file: under ``gsr-dev/`` of the data folder, or in the folder itself."""
    nested = data_dir / "gsr-dev" / name
    return nested if nested.is_file() else data_dir / name


def gsr_rows(path: Path) -> dict[str, dict[str, object]]:
    """Every row of a gold-standard JSONL file by id, whatever its label."""
    rows: dict[str, dict[str, object]] = {}
    for number, row in _gsr_rows(path):
        if "id" not in row:
            raise GoldFormatError(f"{path}:{number}: not a gold sentence (no id)")
        rows[str(row["id"])] = row
    return rows


def _arguments(event: Event) -> tuple[Argument | None, ...]:
    return (event.actor, event.target, event.attribution)


def _run_gold(gold_id: str, text: str, settings: Settings) -> Document:
    """The pipeline (grounding is its last stage) on one gold sentence, dated by its id when
    it can be."""
    dated = settings if settings.published else replace(settings, published=gsr_published(gold_id))
    return extract_text(text, doc_id=gold_id, settings=dated)


@dataclass(frozen=True, slots=True)
class GeoGold:
    """One annotated sentence: where its main event happened (our own annotation)."""

    id: str
    file: str  # the gold-standard file holding the sentence: assault.jsonl, protest.jsonl
    place: str  # the place phrase as the sentence writes it
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-3
    precision: int  # ACLED geo_precision: 1 town, 2 near or part of, 3 province or larger
    note: str = ""


_FILE_TYPES = {"assault.jsonl": "ASSAULT", "protest.jsonl": "PROTEST"}


def read_geo_annotations(path: Path) -> list[GeoGold]:
    """The rows of a place annotation file (``tests/data/geo_dev.jsonl``)."""
    rows: list[GeoGold] = []
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
                gold = GeoGold(
                    id=str(row["id"]),
                    file=str(row["file"]),
                    place=str(row["place"]),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    country=str(row["country"]),
                    precision=int(row["precision"]),
                    note=str(row.get("note", "")),
                )
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as err:
                raise GoldFormatError(f"{path}:{number}: not a place annotation ({err})") from None
            if not (
                -90 <= gold.lat <= 90 and -180 <= gold.lon <= 180 and gold.precision in (1, 2, 3)
            ):
                raise GoldFormatError(f"{path}:{number}: coordinates or precision out of range")
            rows.append(gold)
    return rows


def predicted_location(doc: Document, event_type: str | None) -> Location | None:
    """Where rasd places the sentence's main event: its answer for the annotated place.

    The events of the annotated type are asked first (all events when there are none of
    it), reported ones before negated or hypothetical ones, in document order; the first
    location with coordinates is the answer, else the first location rasd found at all.
    """
    typed = [event for event in doc.events if event.event_type == event_type]
    events = sorted(typed or doc.events, key=lambda event: not reported(event))
    locations = [event.location for event in events if event.location is not None]
    return next((loc for loc in locations if loc.lat is not None), None) or next(
        iter(locations), None
    )


@dataclass(frozen=True, slots=True)
class GeoResult:
    """rasd's answer for one annotated row."""

    gold: GeoGold
    found: bool  # the sentence was in the gold-standard file
    location: Location | None
    distance_km: float | None  # None when rasd gave no coordinates

    @property
    def covered(self) -> bool:
        return self.distance_km is not None

    @property
    def within(self) -> bool:
        return self.distance_km is not None and self.distance_km <= GEO_TOLERANCE_KM

    @property
    def country_agrees(self) -> bool:
        return self.location is not None and self.location.country == self.gold.country

    @property
    def precision_agrees(self) -> bool:
        return self.location is not None and self.location.precision == self.gold.precision


@dataclass(frozen=True, slots=True)
class GeoFigures:
    """Place figures over the annotated rows (rows whose sentence is missing are left out)."""

    results: tuple[GeoResult, ...]

    @property
    def scored(self) -> tuple[GeoResult, ...]:
        return tuple(result for result in self.results if result.found)

    @property
    def rows(self) -> int:
        return len(self.scored)

    @property
    def missing(self) -> int:
        return len(self.results) - self.rows

    @property
    def covered(self) -> int:
        return sum(result.covered for result in self.scored)

    @property
    def within(self) -> int:
        return sum(result.within for result in self.scored)

    @property
    def country_correct(self) -> int:
        return sum(result.country_agrees for result in self.scored)

    @property
    def precision_correct(self) -> int:
        return sum(result.covered and result.precision_agrees for result in self.scored)

    @property
    def coverage(self) -> float:
        return _ratio(self.covered, self.rows)

    @property
    def accuracy(self) -> float:
        """Within 50 km, over all rows: a row rasd left without coordinates counts as wrong."""
        return _ratio(self.within, self.rows)

    @property
    def accuracy_covered(self) -> float:
        """Within 50 km, over the rows rasd gave coordinates for."""
        return _ratio(self.within, self.covered)

    @property
    def country_accuracy(self) -> float:
        return _ratio(self.country_correct, self.rows)

    @property
    def precision_agreement(self) -> float:
        """The ACLED precision code agrees, over the rows rasd gave coordinates for."""
        return _ratio(self.precision_correct, self.covered)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def geo_result(gold: GeoGold, location: Location | None, *, found: bool = True) -> GeoResult:
    """Score one answer against its annotation."""
    distance = None
    if location is not None and location.lat is not None and location.lon is not None:
        distance = great_circle_km(gold.lat, gold.lon, location.lat, location.lon)
    return GeoResult(gold, found, location, distance)


def evaluate_geo(
    annotations: Path, data_dir: Path | None = None, settings: Settings | None = None
) -> GeoFigures:
    """Place the main event of each annotated gold sentence and compare with the annotation.

    The sentence text is read from the gold-standard file the row names (the annotations
    carry none of the corpus' text); each sentence is one document, dated by its id.
    """
    settings = settings or Settings()
    data_dir = data_dir or default_data_dir()
    files: dict[str, dict[str, dict[str, object]]] = {}
    results: list[GeoResult] = []
    for gold in read_geo_annotations(annotations):
        if gold.file not in files:
            path = _gsr_path(data_dir, gold.file)
            files[gold.file] = gsr_rows(path) if path.is_file() else {}
        row = files[gold.file].get(gold.id)
        text = row.get("text") if row else None
        if not isinstance(text, str):
            results.append(geo_result(gold, None, found=False))
            continue
        event_type = row.get("event_type") if row else None
        doc = _run_gold(gold.id, text, settings)
        kind = event_type if isinstance(event_type, str) else _FILE_TYPES.get(gold.file)
        results.append(geo_result(gold, predicted_location(doc, kind)))
    return GeoFigures(tuple(results))


# Gold "main" codes that name no country: international, non-state and ethnic groupings.
_NO_COUNTRY = frozenset({"NONE", "UNKNOWN", "IGO", "IMG", "INT", "NGO", "MNC", "KUR", "UIS"})
# CAMEO role codes, as they follow a country code (IRQMIL) or stand alone (REB).
ROLE_CODES = frozenset(
    {
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM",
        "CVL", "UAF", "REL", "LEG", "REF", "HLH", "ELI", "LAB", "AGR", "MOD", "RAD", "INS",
        "SEP", "ENV", "HRI", "IMG", "IGO", "NGO",
    }
)  # fmt: skip
# When an actor carries no CAMEO code, its sector says its role where the two name the same.
_SECTOR_ROLES = {
    "state-military": "MIL",
    "military": "MIL",
    "state-police": "COP",
    "police": "COP",
    "state-executive": "GOV",
    "government": "GOV",
    "rebel": "REB",
    "opposition": "OPP",
    "political-party": "PTY",
    "media": "MED",
    "civilian": "CVL",
    "civilians": "CVL",
    "judiciary": "JUD",
    "legislature": "LEG",
    "business": "BUS",
    "education": "EDU",
    "religious": "REL",
    "refugees": "REF",
    "health": "HLH",
    "intelligence": "SPY",
    "criminal": "CRM",
    "unidentified": "UAF",
    "ngo": "NGO",
    "international": "IGO",
}
_EDGE_PUNCTUATION = "«»\"'()[]{}.,،؛:!?؟-ـ"


@dataclass(frozen=True, slots=True)
class GoldActor:
    """One actor or target the gold standard spans and codes (CAMEO country and role)."""

    side: str  # "source" or "target"
    tokens: tuple[str, ...]
    country: str | None  # ISO3 when the gold main code is a country
    role: str | None  # CAMEO role: GOV, MIL, CVL, UAF ...


def _gold_code(value: object, *, country: bool) -> str | None:
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    if country:
        return code if len(code) == 3 and code.isalpha() and code not in _NO_COUNTRY else None
    return code if code in ROLE_CODES else None


def gold_actors(row: dict[str, object]) -> list[GoldActor]:
    """The distinct coded actors and targets of a gold row's readings."""
    spans = row.get("gold_spans")
    readings = spans.get("spans") if isinstance(spans, dict) else None
    found: dict[GoldActor, None] = {}
    for reading in readings if isinstance(readings, list) else ():
        if not isinstance(reading, dict):
            continue
        for side in ("source", "target"):
            tokens = reading.get(f"{side}_actor")
            role = reading.get(f"{side}_role")
            if not tokens or not isinstance(tokens, list) or not isinstance(role, dict):
                continue
            gold = GoldActor(
                side,
                tuple(str(token) for token in tokens),
                _gold_code(role.get("main"), country=True),
                _gold_code(role.get("role"), country=False),
            )
            if gold.country or gold.role:
                found[gold] = None
    return list(found)


def token_span(text: str, tokens: Sequence[str]) -> tuple[int, int] | None:
    """The shortest stretch of ``text`` whose whitespace words hold every gold token.

    Gold tokens are words of the sentence, sometimes listed out of order (مفجرون
    انتحاريون), compared after normalisation and without quotes and punctuation at their
    edges; None when one of them is not in the sentence.
    """
    words: list[tuple[int, int, str]] = []
    for match in re.finditer(r"\S+", text):
        word = match.group()
        stripped = word.strip(_EDGE_PUNCTUATION)
        if not stripped:
            continue
        start = match.start() + len(word) - len(word.lstrip(_EDGE_PUNCTUATION))
        words.append((start, start + len(stripped), normalize(stripped)))
    wanted = Counter(
        normalize(token.strip(_EDGE_PUNCTUATION))
        for token in tokens
        if token.strip(_EDGE_PUNCTUATION)
    )
    if not wanted:
        return None
    best: tuple[int, int] | None = None
    for first in range(len(words)):
        if words[first][2] not in wanted:
            continue
        need = wanted.copy()
        for last in range(first, len(words)):
            if need[words[last][2]] > 0:
                need[words[last][2]] -= 1
            if not +need:
                span = (words[first][0], words[last][1])
                if best is None or span[1] - span[0] < best[1] - best[0]:
                    best = span
                break
    return best


def actor_country(actor: Actor) -> str | None:
    """The actor's country, from its own field or the country part of its CAMEO code."""
    if actor.country:
        return actor.country
    code = (actor.cameo or "").upper()
    head = code[:3]
    if len(head) == 3 and head not in ROLE_CODES and head not in _NO_COUNTRY:
        return head
    return None


def actor_role(actor: Actor) -> str | None:
    """The actor's CAMEO role: from its code (IRQMIL -> MIL, REB -> REB), else its sector."""
    code = (actor.cameo or "").upper()
    if code[:3] in ROLE_CODES and code[:3] not in ("IMG", "IGO", "NGO"):
        return code[:3]
    if code[3:6] in ROLE_CODES:
        return code[3:6]
    if code[:3] in ROLE_CODES:
        return code[:3]
    return _SECTOR_ROLES.get((actor.sector or "").lower())


@dataclass(frozen=True, slots=True)
class ActorResult:
    """rasd's reading of one gold actor."""

    id: str
    gold: GoldActor
    span: tuple[int, int] | None  # the gold tokens in the sentence
    actor: Actor | None
    via: str  # "event": an event argument over the gold tokens; "direct": resolved there

    @property
    def country(self) -> str | None:
        return actor_country(self.actor) if self.actor else None

    @property
    def role(self) -> str | None:
        return actor_role(self.actor) if self.actor else None


@dataclass(frozen=True, slots=True)
class Agreement:
    """How often rasd's code agrees with the gold code, where the gold has one."""

    gold: int  # gold actors with this code
    answered: int  # of those, the ones rasd gave a code for
    correct: int

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.answered)

    @property
    def coverage(self) -> float:
        return _ratio(self.answered, self.gold)

    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.gold)


@dataclass(frozen=True, slots=True)
class ActorFigures:
    results: tuple[ActorResult, ...]

    @property
    def resolved(self) -> int:
        return sum(result.actor is not None for result in self.results)

    @property
    def country(self) -> Agreement:
        return _agreement([(r.gold.country, r.country) for r in self.results])

    @property
    def role(self) -> Agreement:
        return _agreement([(r.gold.role, r.role) for r in self.results])


def _agreement(pairs: Sequence[tuple[str | None, str | None]]) -> Agreement:
    coded = [(gold, found) for gold, found in pairs if gold]
    return Agreement(
        gold=len(coded),
        answered=sum(found is not None for _, found in coded),
        correct=sum(found == gold for gold, found in coded),
    )


def _overlap(argument: Argument, span: tuple[int, int]) -> int:
    return min(argument.end, span[1]) - max(argument.start, span[0])


def event_argument(doc: Document, span: tuple[int, int], side: str) -> Argument | None:
    """The event argument that overlaps the gold span most, the gold's own side first."""
    candidates: list[tuple[bool, int, Argument]] = []
    for event in doc.events:
        for kind, argument in zip(
            ("source", "target", "attribution"), _arguments(event), strict=True
        ):
            if argument is not None and _overlap(argument, span) > 0:
                candidates.append((kind == side, _overlap(argument, span), argument))
    if not candidates:
        return None
    return max(candidates, key=lambda candidate: candidate[:2])[2]


def resolve_span(doc: Document, span: tuple[int, int]) -> Actor | None:
    """Resolve the text of ``span`` as an argument of its own, with the article's countries."""
    from rasd.grounding.actors import resolve_actor  # imported late: not every eval needs it
    from rasd.grounding.places import document_countries

    layer = doc.layer
    if layer is None:
        return None
    argument = Argument(span[0], span[1], doc.text[span[0] : span[1]])
    countries = document_countries(doc.text, layer, doc.entities)
    found = resolve_actor(doc.text, layer, argument, doc.entities, countries)
    if found is None:
        return None
    return Actor(
        start=found.start,
        end=found.end,
        id=found.id,
        name_en=found.name_en,
        cameo=found.cameo,
        sector=found.sector,
        inter=found.inter,
        country=found.country,
    )


def evaluate_actors(paths: Sequence[Path], settings: Settings | None = None) -> ActorFigures:
    """Resolve every coded gold actor and target and compare country and role with the gold.

    Each sentence with coded spans is run through the pipeline and grounding as one
    document, dated by its id. The answer for a gold actor is the event argument over its
    tokens when rasd found one, else its tokens resolved directly; ``ambiguous`` sentences
    count too, as their actors are coded all the same.
    """
    settings = settings or Settings()
    results: list[ActorResult] = []
    for path in paths:
        for gold_id, row in gsr_rows(path).items():
            golds = gold_actors(row)
            text = row.get("text")
            if not golds or not isinstance(text, str):
                continue
            doc = _run_gold(gold_id, text, settings)
            for gold in golds:
                span = token_span(doc.text, gold.tokens)
                actor, via = None, "none"
                if span is not None:
                    argument = event_argument(doc, span, gold.side)
                    if argument is not None:
                        actor, via = argument.actor, "event"
                    else:
                        actor, via = resolve_span(doc, span), "direct"
                results.append(ActorResult(gold_id, gold, span, actor, via))
    return ActorFigures(tuple(results))
