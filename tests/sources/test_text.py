from rasd.settings import Settings
from rasd.sources.text import read_text
from tests.fixtures import article


def test_read_text_keeps_text_exactly() -> None:
    text = article().replace("\n", "\r\n") + "\u200f\n"  # CRLF and marks stay as they are
    doc = read_text(text.encode("utf-8"), name="news/a.txt", settings=Settings())
    assert doc.ok
    assert (doc.id, doc.origin, doc.encoding) == ("news/a.txt", "news/a.txt", "utf-8")
    assert doc.text == text


def test_read_text_bom_marks_the_encoding_and_is_dropped() -> None:
    doc = read_text(b"\xef\xbb\xbf" + article().encode(), name="a.txt", settings=Settings())
    assert (doc.text, doc.encoding) == (article(), "utf-8-sig")


def test_read_text_legacy_encoding_warns() -> None:
    doc = read_text(article().encode("cp1256"), name="a.txt", settings=Settings())
    assert doc.text == article()
    assert doc.encoding == "cp1256"
    assert [w.code for w in doc.warnings] == ["legacy-encoding"]


def test_read_text_too_many_characters() -> None:
    doc = read_text("قال مصدر عسكري".encode(), name="a.txt", settings=Settings(max_chars=5))
    assert doc.text == ""
    assert [e.code for e in doc.errors] == ["too-large"]
    assert doc.errors[0].message == (
        "a.txt: 14 characters exceeds the limit of 5 characters (--max-chars)"
    )


def test_read_text_binary_is_an_error() -> None:
    doc = read_text(b"\x00\x01\x02" * 10, name="a.txt", settings=Settings())
    assert (doc.id, doc.text, [e.code for e in doc.errors]) == ("a.txt", "", ["binary"])
