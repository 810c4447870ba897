"""Entity-level scores for IOB2 tag sequences, with conlleval's semantics.

An entity is a maximal run ``B-X I-X I-X``; an ``I-X`` that follows neither ``B-X`` nor
``I-X`` starts an entity of its own, as conlleval reads it. A predicted entity counts only
when its span and its type both match a gold one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import compress, count
from typing import Final, TypedDict

_OUTSIDE: Final = "O"


class Figures(TypedDict):
    """Precision, recall and F1 of one entity type (or of all, micro-averaged)."""

    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int


def entity_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """The entities of ``tags`` as half-open token ranges with their type.

    ``entity_spans(["B-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]``

    Most tags are ``O``: only the others are read (found in C), an ``O`` between two of
    them ending the entity before it.
    """
    spans: list[tuple[int, int, str]] = []
    start = last = -1
    kind = ""
    for index in compress(count(), map(_OUTSIDE.__ne__, tags)):
        prefix, _, label = tags[index].partition("-")
        if start >= 0:
            if index == last + 1 and prefix == "I" and label == kind:
                last = index
                continue
            spans.append((start, last + 1, kind))
            start = -1
        if prefix in ("B", "I") and label:
            start, kind = index, label
        last = index
    if start >= 0:
        spans.append((start, last + 1, kind))
    return spans


def _figures(gold: int, predicted: int, correct: int) -> Figures:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Figures(
        precision=precision,
        recall=recall,
        f1=f1,
        gold=gold,
        predicted=predicted,
        correct=correct,
    )


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, Figures]:
    """Per-type and ``"micro"`` precision, recall and F1 of ``pred`` against ``gold``.

    Sentences pair up in order and must have the same lengths.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences against {len(pred)} predicted")
    gold_counts: Counter[str] = Counter()
    pred_counts: Counter[str] = Counter()
    correct_counts: Counter[str] = Counter()
    for gold_tags, pred_tags in zip(gold, pred, strict=True):
        if len(gold_tags) != len(pred_tags):
            raise ValueError(f"sentence of {len(gold_tags)} tags scored on {len(pred_tags)}")
        gold_spans = set(entity_spans(gold_tags))
        pred_spans = set(entity_spans(pred_tags))
        gold_counts.update(kind for _, _, kind in gold_spans)
        pred_counts.update(kind for _, _, kind in pred_spans)
        correct_counts.update(kind for _, _, kind in gold_spans & pred_spans)
    result = {
        kind: _figures(gold_counts[kind], pred_counts[kind], correct_counts[kind])
        for kind in sorted(gold_counts.keys() | pred_counts.keys())
    }
    result["micro"] = _figures(
        sum(gold_counts.values()), sum(pred_counts.values()), sum(correct_counts.values())
    )
    return result
