"""Issue 3's acceptance folder through iter_documents: 10 files, exactly 16 documents."""

from pathlib import Path

import pytest

from rasd.model import Document
from rasd.settings import Settings
from rasd.sources import iter_documents
from tests import fixtures


@pytest.fixture(scope="module")
def docs(fixture_folder: Path) -> dict[str, Document]:
    read = list(iter_documents([str(fixture_folder)], Settings()))
    by_origin = {doc.origin.removeprefix(f"{fixture_folder}/"): doc for doc in read}
    assert len(by_origin) == len(read)  # origins are unique
    return by_origin


def test_fixture_folder_has_exactly_16_documents_in_order(docs: dict[str, Document]) -> None:
    assert len(docs) == fixtures.DOCUMENT_COUNT == 16
    expected = sorted([*fixtures.EXPECTED_GOOD, *fixtures.EXPECTED_ERRORS])
    assert list(docs) == expected  # file names sort like the folder is walked


def test_fixture_folder_every_document_has_an_id(docs: dict[str, Document]) -> None:
    assert all(doc.id for doc in docs.values())
    assert len({doc.id for doc in docs.values()}) == 16


@pytest.mark.parametrize(("origin", "code"), sorted(fixtures.EXPECTED_ERRORS.items()))
def test_fixture_folder_bad_documents_have_one_error(
    docs: dict[str, Document], origin: str, code: str
) -> None:
    doc = docs[origin]
    assert doc.text == ""
    assert [error.code for error in doc.errors] == [code]
    message = doc.errors[0].message
    assert message and "\n" not in message
    assert origin in message  # names the file, and the line for JSONL


@pytest.mark.parametrize("origin", fixtures.EXPECTED_GOOD)
def test_fixture_folder_good_documents_have_no_errors(
    docs: dict[str, Document], origin: str
) -> None:
    doc = docs[origin]
    assert doc.errors == ()
    assert doc.text.strip()


def test_fixture_folder_encodings_decoded_to_the_article(docs: dict[str, Document]) -> None:
    article = fixtures.article()
    for origin, encoding, warnings in [
        (fixtures.UTF8, "utf-8", []),
        (fixtures.WINDOWS_1256, "cp1256", ["legacy-encoding"]),
        (fixtures.UTF16, "utf-16-le", []),
    ]:
        doc = docs[origin]
        assert doc.text == article, origin
        assert doc.encoding == encoding
        assert [w.code for w in doc.warnings] == warnings


def test_fixture_folder_damaged_utf8_kept_with_warning(docs: dict[str, Document]) -> None:
    doc = docs[fixtures.DAMAGED_UTF8]
    assert doc.text.replace("\ufffd", "") == fixtures.article()
    assert [w.code for w in doc.warnings] == ["replaced-bytes"]


def test_fixture_folder_jsonl_lines(docs: dict[str, Document]) -> None:
    first, second = docs[f"{fixtures.JSONL}:1"], docs[f"{fixtures.JSONL}:2"]
    assert (first.id, first.published, first.title) == ("doc-1", "2019-03-05", "خبر")
    assert (second.id, second.url) == ("2", "https://example.com/2")
    assert docs[f"{fixtures.JSONL}:4"].id == "doc-4"


def test_fixture_folder_html_without_boilerplate(docs: dict[str, Document]) -> None:
    doc = docs[fixtures.HTML]
    assert fixtures.paragraphs()[2] in doc.text
    for boilerplate in ("سكربت", "الرئيسية", "الترويسة", "التذييل"):
        assert boilerplate not in doc.text


def test_fixture_folder_rss_items(docs: dict[str, Document]) -> None:
    items = [docs[f"{fixtures.RSS}#item-{n}"] for n in (1, 2, 3)]
    assert [doc.id for doc in items] == ["baghouz-1", "baghouz-2", "baghouz-3"]
    assert [doc.published for doc in items] == [
        "2019-03-05T09:30:00+03:00",
        "2019-03-06T09:30:00+03:00",
        "2019-03-07T09:30:00+03:00",
    ]


def test_fixture_folder_huge_file_rejected_by_size(docs: dict[str, Document]) -> None:
    assert (
        docs[fixtures.HUGE]
        .errors[0]
        .message.endswith(
            f"{fixtures.HUGE}: 31,457,280 bytes exceeds the limit of 4,000,000 bytes"
            " for 1,000,000 characters (--max-chars)"
        )
    )
