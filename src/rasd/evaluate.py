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

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from rasd.model import Argument, Event
from rasd.ner.scoring import Figures, score
from rasd.pipeline import extract_text
from rasd.settings import Settings

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


def read_gsr(path: Path) -> Iterator[GoldSentence]:
    """The scored sentences of a gold-standard JSONL file (``ambiguous`` ones left out)."""
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
                label = row["label"]
                text, event_type = row["text"], row["event_type"]
            except (orjson.JSONDecodeError, KeyError, TypeError) as err:
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
