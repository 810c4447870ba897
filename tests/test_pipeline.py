from collections.abc import Iterator
from dataclasses import replace

import orjson
import pytest

from rasd import pipeline
from rasd.model import Document
from rasd.pipeline import (
    CHUNK_SIZE,
    CHUNKS_IN_FLIGHT_PER_JOB,
    dump_record,
    extract_text,
    process,
    process_many,
)
from rasd.settings import Settings

ARABIC = "قال مصدر عسكري إن نحو 150 من مقاتلي تنظيم داعش استسلموا بعد معركة شرسة."


def test_process_arabic_fills_language_and_text_layer() -> None:
    doc = extract_text(ARABIC)
    assert doc.language == "ar"
    assert doc.errors == () and doc.warnings == ()
    assert len(doc.sentences) == 1
    assert doc.layer is not None
    assert doc.tokens and doc.text[doc.tokens[0].start : doc.tokens[0].end] == "قال"


def test_process_english_passes_through_with_a_warning() -> None:
    doc = extract_text("The Syrian Democratic Forces said about 150 fighters surrendered.")
    assert doc.language == "en"
    assert [w.code for w in doc.warnings] == ["not-arabic"]
    assert doc.sentences == () and doc.tokens == ()


def test_process_unknown_language_is_und() -> None:
    doc = extract_text("12345 67890 !!!")
    assert doc.language == "und"
    assert [w.code for w in doc.warnings] == ["language-unknown"]


@pytest.mark.parametrize(
    ("text", "code"), [("", "empty"), (" \n\t ", "empty"), ("ا" * 11, "too-large")]
)
def test_extract_text_rejects_bad_input(text: str, code: str) -> None:
    doc = extract_text(text, settings=Settings(max_chars=10))
    assert [e.code for e in doc.errors] == [code]


def test_process_published_default_only_fills_missing_dates() -> None:
    settings = Settings(published="2019-03-05")
    assert process(Document(id="a", text=ARABIC, origin="a"), settings).published == "2019-03-05"
    dated = Document(id="a", text=ARABIC, origin="a", published="2019-03-04")
    assert process(dated, settings).published == "2019-03-04"


def test_process_turns_a_stage_failure_into_an_error_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(doc: Document, settings: Settings) -> Document:
        raise ValueError("boom\nsecond line")

    monkeypatch.setattr(pipeline, "STAGES", (*pipeline.STAGES, ("broken", broken)))
    doc = process(Document(id="a", text=ARABIC, origin="a.txt"), Settings())
    (error,) = doc.errors
    assert error.code == "internal-error" and error.stage == "broken"
    assert "boom second line" in error.message and "\n" not in error.message
    assert doc.text == ARABIC and doc.sentences == ()


def test_process_passes_skipped_documents_through() -> None:
    skipped = extract_text("")
    assert process(skipped, Settings()) is skipped


def test_dump_record_omits_internal_state_and_tokens_unless_asked() -> None:
    doc = extract_text(ARABIC)
    record = orjson.loads(dump_record(doc))
    assert next(iter(record)) == "schema_version"
    assert "layer" not in record and "tokens" not in record
    assert orjson.loads(dump_record(doc, include_tokens=True))["tokens"]


def test_dump_record_survives_lone_surrogates() -> None:
    doc = replace(extract_text(ARABIC), title="\ud800")
    outcome = pipeline._outcome(doc, Settings(), None)
    record = orjson.loads(outcome.line)
    assert record["errors"][0]["code"] == "internal-error"


def _documents(count: int, consumed: list[int]) -> Iterator[Document]:
    for number in range(count):
        consumed[0] += 1
        yield Document(id=f"d{number}", text=f"{ARABIC} {number}", origin=f"d{number}")


def test_process_many_keeps_order_and_bounds_memory_with_workers() -> None:
    consumed = [0]
    count = CHUNK_SIZE * CHUNKS_IN_FLIGHT_PER_JOB * 2 * 3
    outcomes = process_many(_documents(count, consumed), Settings(), jobs=2)
    first = next(outcomes)
    assert first.id == "d0"
    # Only a bounded window of chunks is read ahead, whatever the input size.
    assert consumed[0] <= CHUNK_SIZE * (CHUNKS_IN_FLIGHT_PER_JOB * 2 + 1)
    ids = [first.id] + [o.id for o in outcomes]
    assert ids == [f"d{n}" for n in range(count)]


def test_process_many_serial_matches_parallel() -> None:
    serial = [o.line for o in process_many(_documents(50, [0]), Settings(), jobs=1)]
    parallel = [o.line for o in process_many(_documents(50, [0]), Settings(), jobs=2)]
    assert serial == parallel


def test_process_fills_entities_that_index_the_original_text() -> None:
    text = "وقال المتحدث باسم قوات سوريا الديمقراطية مصطفى بالي إن المعركة في الباغوز انتهت."
    doc = extract_text(text)
    assert doc.entities
    for ent in doc.entities:
        assert doc.text[ent.start : ent.end] == ent.text
        assert ent.label in {"PER", "ORG", "LOC", "MISC"}
        assert 0.0 <= ent.confidence <= 1.0


def test_process_leaves_entities_empty_for_other_languages() -> None:
    assert extract_text("The SDF said fighting in Baghouz is over.").entities == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قصفت الطائرات بلدة في ريف إدلب الجنوبي.", "ريف إدلب الجنوبي"),
        ("وقصفت الطائرات ريف دمشق.", "ريف دمشق"),  # ريف and دمشق tagged apart, joined
    ],
)
def test_a_countryside_is_one_place_with_its_town(text: str, name: str) -> None:
    doc = extract_text(text)
    assert [(e.text, e.label) for e in doc.entities if e.label == "LOC"] == [(name, "LOC")]


def test_the_rif_alone_stays_as_tagged() -> None:
    doc = extract_text("وقال إن الريف المغربي فقير.")
    assert [e.text for e in doc.entities if e.label == "LOC"] == ["الريف"]
