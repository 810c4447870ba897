"""Entity spans and conlleval-style scores."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.ner.scoring import entity_spans, score


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["I-ORG", "I-ORG", "O"], [(0, 2, "ORG")]),  # I- without B- starts an entity
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),  # a type change starts anew
        (["O", "I-MISC"], [(1, 2, "MISC")]),
        (["B-LOC", "I-LOC"], [(0, 2, "LOC")]),  # an entity at the end closes
        ([], []),
        (["O", "O"], []),
    ],
)
def test_entity_spans_conlleval(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert entity_spans(tags) == spans


def test_score_exact_span_and_type() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-LOC", "O"]]
    result = score(gold, pred)
    assert result["LOC"]["correct"] == 1
    assert result["LOC"]["precision"] == pytest.approx(0.5)
    assert result["PER"]["f1"] == 0.0
    micro = result["micro"]
    assert (micro["gold"], micro["predicted"], micro["correct"]) == (3, 3, 1)
    assert micro["f1"] == pytest.approx(1 / 3)


def test_score_perfect_and_empty() -> None:
    gold = [["B-MISC", "I-MISC", "O"]]
    assert score(gold, gold)["micro"]["f1"] == 1.0
    assert score([["O"]], [["O"]])["micro"]["f1"] == 0.0


def test_score_length_mismatch_raises() -> None:
    with pytest.raises(ValueError, match="sentence"):
        score([["O", "O"]], [["O"]])


def _spans_one_by_one(tags: list[str]) -> list[tuple[int, int, str]]:
    """conlleval's reading, tag by tag: the reference for ``entity_spans``."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for index, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and label == kind and start >= 0:
            continue
        if start >= 0:
            spans.append((start, index, kind))
            start = -1
        if prefix in ("B", "I") and label:
            start, kind = index, label
    if start >= 0:
        spans.append((start, len(tags), kind))
    return spans


@given(
    st.lists(st.sampled_from(["O", "O", "B-PER", "I-PER", "I-LOC", "B-LOC", "B-", "X-PER", "O-"]))
)
def test_entity_spans_reads_as_conlleval_tag_by_tag(tags: list[str]) -> None:
    assert entity_spans(tags) == _spans_one_by_one(tags)
