from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.model import Clitic, Token
from rasd.ner.spans import entities_from_columns, entities_from_tags, name_start
from rasd.text import analyze

KNOWN = {"اسرائيل", "الباغوز"}


def _token(text: str, word: str) -> Token:
    _, _, tokens = analyze(text)
    return next(t for t in tokens if text[t.start : t.end] == word)


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("هاجم بالباغوز أمس", "بالباغوز", "الباغوز"),  # the text layer split ب + ال
        ("زار وإسرائيل أمس", "وإسرائيل", "إسرائيل"),  # و dropped: the rest is a known name
        ("قال وزير الخارجية", "وزير", "وزير"),  # و is part of the word
        ("قال مصطفى بالي", "بالي", "بالي"),  # a name that looks like ب + ال + ي
    ],
)
def test_name_start_drops_clitics_not_part_of_the_name(text: str, word: str, name: str) -> None:
    token = _token(text, word)
    start = name_start(text, token, KNOWN.__contains__)
    assert text[start : token.end] == name


def test_name_start_keeps_a_whole_known_name() -> None:
    token = Token(0, 5, (Clitic(0, 1, "conjunction"),))
    assert name_start("وهران", Token(0, 5), {"وهران", "هران"}.__contains__) == 0
    assert name_start("وهران", token, {"وهران"}.__contains__) == 1  # the text layer decides


def test_entities_from_tags_spans_index_the_original_text() -> None:
    text = "وقالت قوات سوريا الديمقراطية إن المعركة في الباغوز انتهت"
    _, _, tokens = analyze(text)
    tags = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "B-LOC", "O"]
    tagged = [(tag, 0.9 if tag != "O" else 1.0) for tag in tags]
    entities = entities_from_tags(text, list(tokens), tagged, is_name=KNOWN.__contains__)
    assert [(e.text, e.label) for e in entities] == [
        ("قوات سوريا الديمقراطية", "ORG"),
        ("الباغوز", "LOC"),
    ]
    for ent in entities:
        assert text[ent.start : ent.end] == ent.text
        assert ent.confidence == pytest.approx(0.9)


ARTICLE = Path(__file__).parents[2] / "examples" / "baghouz_surrender_ar.txt"
_TAGS = ("O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_entities_from_columns_equal_entities_from_tokens(data: st.DataObject) -> None:
    """Read off the columns, every name starts where ``Token.name`` says it does."""
    text = ARTICLE.read_text("utf-8")
    _, _, tokens = analyze(text)
    first = data.draw(st.integers(0, len(tokens) - 1))
    stop = data.draw(st.integers(first + 1, min(len(tokens), first + 40)))
    tags = data.draw(st.lists(st.sampled_from(_TAGS), min_size=stop - first, max_size=stop - first))
    tagged = [(tag, 0.5 + index / 100) for index, tag in enumerate(tags)]
    is_name = {"اسرائيل", "الباغوز", "سوريا", "داعش"}.__contains__
    expected = entities_from_tags(text, tokens[first:stop], tagged, is_name=is_name)
    assert entities_from_columns(text, tokens, first, tagged, is_name=is_name) == expected
