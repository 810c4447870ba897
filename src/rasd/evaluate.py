"""Score what ``rasd extract`` finds against gold annotations.

``evaluate_ner`` reads a CoNLL file (``token TAG`` a line, IOB2, a blank line between
sentences), runs the whole pipeline on the text those tokens spell, and scores entities
the way ANERcorp is annotated: gold tags whole whitespace tokens, clitics included
(``وإسرائيل`` B-LOC), while rasd reports names without their clitics (``إسرائيل``), so each
predicted span is widened to the gold tokens it touches before the comparison.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
