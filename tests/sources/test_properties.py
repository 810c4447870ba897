"""Arbitrary bytes into every reader: nothing escapes, every document is good or says why.

Example counts keep tests/sources under ten seconds; each reader also passed 3,000 random
(not derandomised) examples when these tests were written.
"""

import gzip
import io
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.model import Document
from rasd.settings import Settings
from rasd.sources import decode_bytes, iter_documents
from rasd.sources.feeds import read_feed
from rasd.sources.html import read_html
from rasd.sources.jsonl import read_jsonl
from rasd.sources.text import read_text
from rasd.sources.warc import read_warc
from tests.fixtures import article_html, paragraphs, rss_feed, warc_archive

# Small enough that the too-large paths run too.
SETTINGS = Settings(max_chars=2000)
EXTENSIONS = [
    ".txt",
    ".jsonl",
    ".jsonl.gz",
    ".html",
    ".rss",
    ".xml",
    ".warc",
    ".warc.gz",
    ".gz",
    "",
    ".dat",
]

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=40)
JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    ARABIC,
    st.lists(st.integers(), max_size=2),
)
JSON_OBJECTS = st.dictionaries(
    st.sampled_from(["id", "text", "html", "title", "url", "source", "published", "other"]),
    JSON_VALUES,
    max_size=5,
)
JSONL_LINES = st.one_of(
    JSON_OBJECTS.map(lambda obj: json.dumps(obj, ensure_ascii=False).encode()),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=60),
)


def check(docs: Iterable[Document]) -> list[Document]:
    """The invariants of every reader's output."""
    found = list(docs)
    for doc in found:
        assert doc.id
        assert doc.origin
        if doc.errors:
            assert len(doc.errors) == 1
            assert doc.errors[0].code != "internal-error", doc.errors[0].message
            assert doc.text == ""
        else:
            assert doc.text.strip()
            assert len(doc.text) <= SETTINGS.max_chars
        for diagnostic in (*doc.errors, *doc.warnings):
            assert diagnostic.message
            assert "\n" not in diagnostic.message and "\r" not in diagnostic.message
    return found


def mutate(data: bytes, position: int, patch: bytes, cut: int) -> bytes:
    """``data`` with ``patch`` written at ``position`` and cut to ``cut`` bytes from the end."""
    position %= max(len(data), 1)
    mutated = data[:position] + patch + data[position + len(patch) :]
    return mutated[: max(0, len(mutated) - cut)]


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_decode_bytes_never_raises(data: bytes) -> None:
    decoded = decode_bytes(data, where="x")
    if decoded.error is None:
        assert decoded.text.strip()
        assert decoded.encoding
    else:
        assert decoded.text == "" and "\n" not in decoded.error.message


@settings(max_examples=150)
@given(st.binary(max_size=300) | ARABIC.map(str.encode))
def test_read_text_any_bytes(data: bytes) -> None:
    assert len(check([read_text(data, name="in.txt", settings=SETTINGS)])) == 1


@settings(max_examples=200)
@given(st.lists(JSONL_LINES, max_size=6), st.sampled_from([b"\n", b"\r\n"]))
def test_read_jsonl_any_lines(lines: list[bytes], newline: bytes) -> None:
    data = newline.join(lines)
    docs = check(read_jsonl(io.BytesIO(data), name="in.jsonl", settings=SETTINGS))
    assert docs  # a file of blank lines still says it is empty
    assert len(docs) <= max(1, len(data.splitlines()))


@settings(max_examples=150)
@given(
    st.binary(max_size=300)
    | ARABIC.map(lambda text: f"<html><body><p>{text}</p></body></html>".encode())
)
def test_read_html_any_bytes(data: bytes) -> None:
    assert len(check([read_html(data, name="in.html", settings=SETTINGS)])) == 1


@settings(max_examples=150)
@given(st.binary(max_size=300))
def test_read_feed_any_bytes(data: bytes) -> None:
    assert check(read_feed(data, name="in.rss", settings=SETTINGS))


@settings(max_examples=200)
@given(st.integers(min_value=0), st.binary(max_size=8), st.integers(min_value=0, max_value=2000))
def test_read_feed_damaged(position: int, patch: bytes, cut: int) -> None:
    data = mutate(rss_feed().encode(), position, patch, cut)
    assert check(read_feed(data, name="in.rss", settings=SETTINGS))


@settings(max_examples=150)
@given(st.binary(max_size=300))
def test_read_warc_any_bytes(data: bytes) -> None:
    assert check(read_warc(io.BytesIO(data), name="in.warc", settings=SETTINGS))


@settings(max_examples=300)
@given(
    st.booleans(),
    st.integers(min_value=0),
    st.binary(min_size=1, max_size=8),
    st.integers(min_value=0, max_value=5000),
)
def test_read_warc_damaged(gzipped: bool, position: int, patch: bytes, cut: int) -> None:
    data = mutate(warc_archive(gzipped=gzipped), position, patch, cut)
    assert check(read_warc(io.BytesIO(data), name="in.warc", settings=Settings()))


def compressed_or_not(data: bytes, extension: str) -> bytes:
    # Half the .gz files hold real gzip data, so the readers behind it run too.
    return gzip.compress(data, mtime=0) if extension.endswith(".gz") and len(data) % 2 else data


@settings(max_examples=300)
@given(
    st.sampled_from(EXTENSIONS),
    st.one_of(
        st.binary(max_size=400),
        st.sampled_from(
            [
                article_html().encode(),
                rss_feed().encode(),
                paragraphs()[2].encode("cp1256"),
                b'{"text": "\\u0642"}\n[1]\n',
            ]
        ),
    ),
)
def test_iter_documents_any_file(extension: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(compressed_or_not(data, extension))
        docs = check(iter_documents([str(path)], SETTINGS))
    assert docs  # every file, even an empty one, yields at least one document
    assert all(doc.origin.startswith(str(path)) for doc in docs)
