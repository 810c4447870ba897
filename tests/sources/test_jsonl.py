import gzip
import io
import json

import pytest

from rasd.model import Document
from rasd.settings import Settings
from rasd.sources.jsonl import line_limit, read_jsonl
from tests.fixtures import article_html, paragraphs

SETTINGS = Settings()


def read(data: bytes, settings: Settings = SETTINGS) -> list[Document]:
    return list(read_jsonl(io.BytesIO(data), name="in.jsonl", settings=settings))


def line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode() + b"\n"


def test_jsonl_good_line_with_metadata() -> None:
    text = paragraphs()[2]
    (doc,) = read(
        line(
            id="reuters-1",
            text=text,
            title="استسلام",
            url="https://example.com/1",
            source="رويترز",
            published="2019-03-05",
        )
    )
    assert doc.ok
    assert (doc.id, doc.origin, doc.text) == ("reuters-1", "in.jsonl:1", text)
    assert (doc.title, doc.url, doc.source, doc.published) == (
        "استسلام",
        "https://example.com/1",
        "رويترز",
        "2019-03-05",
    )
    assert doc.encoding == "utf-8"


def test_jsonl_ascii_escaped_arabic_reads_the_same() -> None:
    text = paragraphs()[2]
    (doc,) = read(json.dumps({"text": text}).encode())  # \u0642... escapes, no newline at end
    assert doc.text == text


@pytest.mark.parametrize(
    ("raw_id", "expected"), [(7, "7"), ("abc", "abc"), (None, "in.jsonl:1"), ("", "in.jsonl:1")]
)
def test_jsonl_id_given_or_derived(raw_id: object, expected: str) -> None:
    (doc,) = read(line(id=raw_id, text="قال مصدر"))
    assert doc.id == expected


def test_jsonl_blank_lines_skipped_and_lines_counted() -> None:
    docs = read(b"\n" + line(text="أ") + b"  \r\n\n" + line(text="ب"))
    assert [doc.origin for doc in docs] == ["in.jsonl:2", "in.jsonl:5"]
    assert all(doc.ok for doc in docs)


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (b"not json\n", "bad-json", "in.jsonl:1: not valid JSON ("),
        (b'{"text": "unterminated\n', "bad-json", "in.jsonl:1: not valid JSON ("),
        (b"[1, 2]\n", "not-an-object", "in.jsonl:1: expected a JSON object, found an array"),
        (b"42\n", "not-an-object", "in.jsonl:1: expected a JSON object, found a number"),
        (b'"text"\n', "not-an-object", "in.jsonl:1: expected a JSON object, found a string"),
        (b"null\n", "not-an-object", "in.jsonl:1: expected a JSON object, found null"),
        (b'{"id": 1}\n', "no-text", "in.jsonl:1: the object has no non-empty 'text' or 'html'"),
        (b'{"text": "  \\n"}\n', "no-text", "in.jsonl:1: the object has no non-empty"),
        (
            b'{"text": 5}\n',
            "bad-field",
            "in.jsonl:1: field 'text' must be a string, found a number",
        ),
        (b'{"text": "t", "title": ["a"]}\n', "bad-field", "in.jsonl:1: field 'title' must be"),
        (b'{"text": "t", "id": true}\n', "bad-field", "in.jsonl:1: field 'id' must be a string or"),
        (b'{"text": "t", "published": 2019}\n', "bad-field", "in.jsonl:1: field 'published'"),
    ],
)
def test_jsonl_bad_line_is_one_error(data: bytes, code: str, message: str) -> None:
    (doc,) = read(data)
    assert doc.text == ""
    assert [error.code for error in doc.errors] == [code]
    assert doc.errors[0].message.startswith(message)
    assert "\n" not in doc.errors[0].message
    assert doc.id


def test_jsonl_bad_lines_do_not_stop_the_file() -> None:
    docs = read(line(text="أ") + b"{oops\n" + b"[]\n" + line(text="ب"))
    assert [doc.ok for doc in docs] == [True, False, False, True]
    assert [doc.origin for doc in docs] == [f"in.jsonl:{n}" for n in range(1, 5)]


def test_jsonl_failed_object_keeps_its_given_id() -> None:
    (doc,) = read(line(id="doc-4", title="بلا نص"))
    assert (doc.id, doc.errors[0].code) == ("doc-4", "no-text")


def test_jsonl_unreadable_date_kept_with_warning() -> None:
    (doc,) = read(line(text="قال مصدر", published="الثلاثاء"))
    assert doc.ok
    assert doc.published is None
    assert [w.code for w in doc.warnings] == ["bad-date"]
    assert doc.warnings[0].message == "in.jsonl:1: cannot read the date 'الثلاثاء'; left empty"


def test_jsonl_html_field_is_extracted() -> None:
    (doc,) = read(line(id="h1", html=article_html(), title="عنوان من الملف"))
    assert doc.ok
    assert paragraphs()[2] in doc.text
    assert "سكربت" not in doc.text
    assert doc.title == "عنوان من الملف"  # the object's own metadata wins
    assert doc.source == "الشرق الأوسط"
    assert doc.published == "2019-03-05"


def test_jsonl_text_preferred_over_html() -> None:
    (doc,) = read(line(text="نص", html=article_html()))
    assert doc.text == "نص"


def test_jsonl_line_over_cap_is_skipped_and_reading_goes_on() -> None:
    settings = Settings(max_chars=10)
    limit = line_limit(settings)
    huge = line(text="ق" * limit)  # two bytes a letter: twice the cap
    docs = read(line(text="أ") + huge + line(text="ب"), settings)
    assert [doc.ok for doc in docs] == [True, False, True]
    error = docs[1].errors[0]
    assert error.code == "too-large"
    assert error.message.startswith(f"in.jsonl:2: {len(huge):,} bytes exceeds the limit of")
    assert docs[2].text == "ب"


def test_jsonl_text_over_max_chars() -> None:
    (doc,) = read(line(text="قال مصدر عسكري"), Settings(max_chars=5))
    assert doc.errors[0].message == (
        "in.jsonl:1: 14 characters exceeds the limit of 5 characters (--max-chars)"
    )


def test_jsonl_legacy_encoded_line_is_decoded() -> None:
    text = paragraphs()[2]
    data = json.dumps({"text": text}, ensure_ascii=False).encode("cp1256") + b"\n"
    (doc,) = read(data)
    assert doc.text == text
    assert doc.encoding == "cp1256"
    assert [w.code for w in doc.warnings] == ["legacy-encoding"]


def test_jsonl_utf8_bom_on_first_line() -> None:
    (doc,) = read(b"\xef\xbb\xbf" + line(text="قال"))
    assert doc.text == "قال"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_jsonl_nothing_but_blank_lines_is_empty(data: bytes) -> None:
    (doc,) = read(data)
    assert (doc.id, doc.errors[0].code) == ("in.jsonl", "empty")


def test_jsonl_truncated_gzip_keeps_lines_read() -> None:
    body = b"".join(line(id=n, text=paragraphs()[2]) for n in range(200))
    compressed = gzip.compress(body)
    stream = gzip.GzipFile(fileobj=io.BytesIO(compressed[: len(compressed) // 2]))
    docs = list(read_jsonl(stream, name="in.jsonl.gz", settings=SETTINGS))
    *good, last = docs
    assert good and all(doc.ok for doc in good)
    assert last.errors[0].code == "unreadable"
    assert last.errors[0].message.startswith(f"in.jsonl.gz:{len(docs)}: cannot be read (")
