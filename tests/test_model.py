import pickle

import orjson
import pytest

from rasd.codes import MESSAGES, Code, diagnostic, message
from rasd.model import Clitic, Count, Document, Event, Span, Token


def test_token_stem_and_name_drop_clitics() -> None:
    # وبالباغوز: و (0,1) ب (1,2) ال (2,4) باغوز (4,9)
    token = Token(
        0,
        9,
        (
            Clitic(0, 1, "conjunction"),
            Clitic(1, 2, "preposition"),
            Clitic(2, 4, "article"),
        ),
    )
    assert token.stem == Span(4, 9)
    assert token.name == Span(2, 9)


def test_token_stem_drops_enclitic_pronoun() -> None:
    token = Token(10, 15, (Clitic(13, 15, "pronoun"),))  # قواتها
    assert token.stem == Span(10, 13)
    assert token.name == Span(10, 13)


def test_document_pickles_and_serialises() -> None:
    count = Count("killed", 3, 0, 2, "نص")
    event = Event("ASSAULT", 0.9, counts=(count,))
    doc = Document(id="a", text="نص", origin="a.txt", events=(event,))
    assert pickle.loads(pickle.dumps(doc)) == doc
    record = orjson.loads(orjson.dumps(doc))
    assert record["events"][0]["event_type"] == "ASSAULT"
    assert record["events"][0]["counts"][0] == {
        "kind": "killed",
        "value": 3,
        "start": 0,
        "end": 2,
        "text": "نص",
        "qualifier": "exactly",
        "qualifier_start": None,
        "qualifier_end": None,
        "claimed": False,
        "revised": False,
    }


def test_document_is_frozen() -> None:
    doc = Document(id="a", text="", origin="a")
    with pytest.raises(AttributeError):
        doc.id = "b"  # type: ignore[misc]


@pytest.mark.parametrize("code", list(Code))
def test_every_code_has_a_one_line_message(code: Code) -> None:
    assert code in MESSAGES
    fields = dict.fromkeys(
        (
            "path",
            "where",
            "reason",
            "size",
            "limit",
            "kind",
            "name",
            "expected",
            "stage",
            "count",
            "encoding",
            "language",
            "value",
        ),
        "x\ny",
    )
    text = message(code, **fields)
    assert "\n" not in text and text


def test_diagnostic_carries_code_and_stage() -> None:
    d = diagnostic(Code.EMPTY, "source", where="a.txt")
    assert (d.code, d.stage, d.message) == ("empty", "source", "a.txt: empty document (no text)")
