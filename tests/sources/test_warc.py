import gzip
import io

import pytest

from rasd.model import Document
from rasd.settings import Settings
from rasd.sources.warc import read_warc
from tests.fixtures import paragraphs, warc_archive

SETTINGS = Settings()


def read(data: bytes, settings: Settings = SETTINGS) -> list[Document]:
    return list(read_warc(io.BytesIO(data), name="crawl.warc", settings=settings))


def test_warc_one_document_per_html_response() -> None:
    """Of 7 records only the two 200 HTML responses are documents; the warcinfo, request,
    redirect, image and 404 records are skipped without a record."""
    first, second = read(warc_archive())
    assert first.ok and second.ok
    assert first.id == "urn:uuid:00000000-0000-0000-0000-000000000003"
    assert first.origin == "crawl.warc#record-3"
    assert first.url == "https://example.com/news/baghouz"
    assert paragraphs()[2] in first.text
    assert "سكربت" not in first.text
    assert (first.title, first.source, first.published) == (
        paragraphs()[0],
        "الشرق الأوسط",
        "2019-03-05",
    )
    assert second.origin == "crawl.warc#record-6"
    assert second.url == "https://example.com/ar/baghouz"  # the target URI, not the canonical
    assert second.encoding == "cp1256"  # from the HTTP header
    assert paragraphs()[2] in second.text


def test_warc_gzip_members_read_by_warcio() -> None:
    assert [doc.id for doc in read(warc_archive(gzipped=True))] == [
        doc.id for doc in read(warc_archive())
    ]


def test_warc_truncated_keeps_records_before_damage() -> None:
    data = warc_archive()
    cut = data.index(b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000006>")
    docs = read(data[: cut + 200])
    assert [doc.ok for doc in docs] == [True, False]
    assert docs[0].origin == "crawl.warc#record-3"
    error = docs[1].errors[0]
    assert error.code == "bad-archive"
    assert error.message.startswith("crawl.warc#record-6: WARC archive is damaged (")
    assert "\n" not in error.message


def test_warc_truncated_gzip_keeps_records_before_damage() -> None:
    data = warc_archive(gzipped=True)
    docs = list(read_warc(io.BytesIO(data[: len(data) - 200]), name="c.warc.gz", settings=SETTINGS))
    assert [doc.ok for doc in docs] == [True, True, False]
    assert docs[2].errors[0].code == "bad-archive"


def test_warc_whole_file_gzip_is_read() -> None:
    """One gzip member for the whole archive (gzip crawl.warc) is not what the WARC spec
    asks for, but it is what people make."""
    docs = list(read_warc(io.BytesIO(gzip.compress(warc_archive())), name="c", settings=SETTINGS))
    assert [doc.origin for doc in docs] == ["c#record-3", "c#record-6"]


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_every_cut_is_reported_and_no_partial_page_kept(gzipped: bool) -> None:
    data = warc_archive(gzipped=gzipped)
    whole = {(doc.origin, doc.text) for doc in read(data)}
    for cut in range(0, len(data), 11):
        docs = read(data[:cut])
        assert all((doc.origin, doc.text) in whole for doc in docs if doc.ok), cut
        rest = data[cut:].lstrip(b"\r\n")
        if not gzipped and rest and not rest.startswith(b"WARC/"):
            assert docs[-1].errors[0].code == "bad-archive", cut


def test_warc_not_an_archive_is_one_error() -> None:
    (doc,) = read(b"this is not a web archive\n" * 10)
    assert (doc.id, [e.code for e in doc.errors]) == ("crawl.warc#record-1", ["bad-archive"])


def test_warc_without_pages_says_so() -> None:
    data = warc_archive()
    (doc,) = read(
        data[
            : data.index(
                b"WARC/1.", data.index(b"urn:uuid:00000000-0000-0000-0000-000000000003") - 200
            )
        ]
    )
    assert (doc.id, [e.code for e in doc.errors]) == ("crawl.warc", ["no-documents"])
    assert (
        doc.errors[0].message == "crawl.warc: no documents in the file (no HTML response records)"
    )


def test_warc_record_body_over_limit() -> None:
    docs = read(warc_archive(), Settings(max_chars=100))  # 400 bytes of HTML at most
    assert [doc.errors[0].code for doc in docs] == ["too-large", "too-large"]
    assert docs[0].id == "urn:uuid:00000000-0000-0000-0000-000000000003"
    assert docs[0].errors[0].message == (
        "crawl.warc#record-3: more than 400 bytes exceeds the limit of 400 bytes for 100"
        " characters (--max-chars)"
    )
