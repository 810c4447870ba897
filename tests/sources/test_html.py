import pytest

from rasd.settings import Settings
from rasd.sources.html import charset_codec, html_document, meta_charset, read_html
from tests.fixtures import article_html, paragraphs

SETTINGS = Settings()


def test_html_article_extracted_without_boilerplate() -> None:
    doc = read_html(article_html().encode(), name="site/page.html", settings=SETTINGS)
    assert doc.ok
    assert (doc.id, doc.origin, doc.encoding) == ("site/page.html", "site/page.html", "utf-8")
    for block in paragraphs()[2:6]:
        assert block in doc.text
    for boilerplate in ("سكربت", "الرئيسية", "أخبار العالم", "الترويسة", "التذييل", "النشرة"):
        assert boilerplate not in doc.text
    assert doc.title == paragraphs()[0]
    assert doc.source == "الشرق الأوسط"
    assert doc.url == "https://example.com/news/baghouz"
    assert doc.published == "2019-03-05"


def test_html_date_not_guessed_from_article_text() -> None:
    """The article says "عام 2014"; without a date in the markup, published stays empty."""
    dated = '<meta property="article:published_time" content="2019-03-05T09:30:00+03:00">'
    page = article_html().replace(dated, "")
    assert "2019-03-05" not in page
    doc = read_html(page.encode(), name="p.html", settings=SETTINGS)
    assert doc.ok
    assert doc.published is None


def test_html_meta_charset_windows_1256() -> None:
    page = article_html(charset="windows-1256").encode("cp1256")
    doc = read_html(page, name="p.html", settings=SETTINGS)
    assert doc.ok
    assert doc.encoding == "cp1256"
    assert paragraphs()[2] in doc.text
    assert doc.warnings == ()  # declared by the page, not guessed


def test_html_undeclared_legacy_encoding_is_guessed() -> None:
    page = article_html().replace('<meta charset="utf-8">', "").encode("cp1256")
    doc = read_html(page, name="p.html", settings=SETTINGS)
    assert doc.encoding == "cp1256"
    assert paragraphs()[2] in doc.text
    assert [w.code for w in doc.warnings] == ["legacy-encoding"]


def test_html_http_charset_beats_meta() -> None:
    page = article_html(charset="iso-8859-6").encode("cp1256")
    doc = html_document(
        page, doc_id="r1", origin="a.warc#record-2", settings=SETTINGS, charset="windows-1256"
    )
    assert doc.encoding == "cp1256"
    assert paragraphs()[2] in doc.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>فارغة</title></head><body></body></html>",
        "<html><body><script>var a = 1;</script></body></html>",
    ],
)
def test_html_without_main_text(page: str) -> None:
    doc = read_html(page.encode(), name="p.html", settings=SETTINGS)
    assert doc.text == ""
    assert [e.code for e in doc.errors] == ["no-main-text"]
    assert doc.errors[0].message == "p.html: no main text found in the HTML page"


def test_html_extracted_text_over_max_chars() -> None:
    doc = read_html(article_html().encode(), name="p.html", settings=Settings(max_chars=100))
    assert [e.code for e in doc.errors] == ["too-large"]
    assert "characters exceeds the limit of 100 characters" in doc.errors[0].message


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="windows-1256">', "cp1256"),
        (b"<META CHARSET=UTF-8>", "utf-8"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6">', "iso8859-6"),
        (b'<meta charset="iso-8859-1">', "cp1252"),
        (b'<meta charset="utf-16">', None),
        (b'<meta charset="klingon">', None),
        (b"<title>no charset</title>", None),
    ],
)
def test_meta_charset(head: bytes, expected: str | None) -> None:
    assert meta_charset(b"<html><head>" + head + b"</head></html>") == expected


def test_charset_codec_odd_labels() -> None:
    assert charset_codec(' "Windows-1256" ') == "cp1256"
    assert charset_codec("a\0b") is None
