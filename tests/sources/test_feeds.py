import pytest

from rasd.settings import Settings
from rasd.sources.feeds import html_to_text, read_feed
from tests.fixtures import paragraphs, rss_feed

SETTINGS = Settings()


def test_rss_one_document_per_item() -> None:
    docs = list(read_feed(rss_feed().encode(), name="feed.rss", settings=SETTINGS))
    assert len(docs) == 3
    assert [doc.id for doc in docs] == ["baghouz-1", "baghouz-2", "baghouz-3"]
    assert [doc.origin for doc in docs] == [f"feed.rss#item-{n}" for n in (1, 2, 3)]
    assert [doc.text for doc in docs] == paragraphs()[2:5]
    assert [doc.title for doc in docs] == ["خبر 1", "خبر 2", "خبر 3"]
    assert docs[0].url == "https://example.com/news/1"
    assert docs[0].published == "2019-03-05T09:30:00+03:00"
    assert {doc.source for doc in docs} == {"الشرق الأوسط"}
    assert all(doc.ok and not doc.warnings for doc in docs)


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>وكالة</title>
<entry><id>tag:example.com,2019:1</id><title>خبر</title>
<link href="https://example.com/a"/><updated>2019-03-05T09:30:00Z</updated>
<content type="html">&lt;p&gt;فقرة أولى&lt;/p&gt;&lt;p&gt;فقرة ثانية&lt;/p&gt;</content></entry>
<entry><title>نص</title><published>2019-03-06</published>
<summary type="text">ملخص &lt;قصير&gt;</summary></entry>
</feed>"""


def test_atom_entries() -> None:
    first, second = read_feed(ATOM.encode(), name="a.atom", settings=SETTINGS)
    assert (first.id, first.text, first.url) == (
        "tag:example.com,2019:1",
        "فقرة أولى\nفقرة ثانية",
        "https://example.com/a",
    )
    assert first.published == "2019-03-05T09:30:00+00:00"
    assert first.source == "وكالة"
    assert (second.id, second.text, second.published) == (
        "a.atom#item-2",
        "ملخص <قصير>",
        "2019-03-06",
    )


def test_feed_malformed_with_items_warns_on_each() -> None:
    broken = rss_feed().replace("</channel>\n</rss>", "")  # never closed
    docs = list(read_feed(broken.encode(), name="f.rss", settings=SETTINGS))
    assert len(docs) == 3
    assert all(doc.ok for doc in docs)
    for doc in docs:
        assert [w.code for w in doc.warnings] == ["malformed-feed"]
        assert doc.warnings[0].message.startswith(f"{doc.origin}: feed is malformed (")


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>not a feed</body></html>",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
        b"\x00\x01garbage<<<",
        b"http://example.com/feed.xml",  # bytes, never fetched
    ],
)
def test_feed_without_items_is_one_error(data: bytes) -> None:
    (doc,) = read_feed(data, name="f.xml", settings=SETTINGS)
    assert doc.id == "f.xml"
    assert [e.code for e in doc.errors] == ["bad-feed"]
    assert doc.errors[0].message.startswith("f.xml: not a readable RSS or Atom feed (")


def test_feed_item_without_text_is_empty() -> None:
    item = b"<item><title>x</title><guid>g</guid></item>"
    feed = b"<rss version='2.0'><channel><title>t</title>" + item + b"</channel></rss>"
    (doc,) = read_feed(feed, name="f.rss", settings=SETTINGS)
    assert (doc.id, doc.title, [e.code for e in doc.errors]) == ("g", "x", ["empty"])


def test_feed_unreadable_date_warns() -> None:
    feed = rss_feed().replace("Tue, 05 Mar 2019 09:30:00 +0300", "الثلاثاء")
    first, *_ = read_feed(feed.encode(), name="f.rss", settings=SETTINGS)
    assert first.ok and first.published is None
    assert [w.code for w in first.warnings] == ["bad-date"]


def test_feed_legacy_encoding_declared_in_xml() -> None:
    feed = rss_feed().replace('encoding="utf-8"', 'encoding="windows-1256"').encode("cp1256")
    docs = list(read_feed(feed, name="f.rss", settings=SETTINGS))
    assert [doc.text for doc in docs] == paragraphs()[2:5]
    assert docs[0].encoding == "cp1256"


def test_html_to_text_paragraphs_entities_and_scripts() -> None:
    fragment = "<div><p>قال  مصدر\nعسكري</p><script>x()</script><p>فقرة &amp; أخرى<br>سطر</p></div>"
    assert html_to_text(fragment) == "قال مصدر عسكري\nفقرة & أخرى\nسطر"
