"""Test inputs built on the fly: the Arabic example article and a folder of awkward files.

``build_fixture_folder(root)`` writes the mixed folder that the sources tests and the CLI
end-to-end test read: 10 files giving exactly 16 documents, 6 of them errors.
"""

from __future__ import annotations

import codecs
import io
import json
import random
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "baghouz_surrender_ar.txt"

# The folder's files, in the order iter_documents reads them (sorted by name).
UTF8 = "01_utf8.txt"
WINDOWS_1256 = "02_windows1256.txt"
UTF16 = "03_utf16_bom.txt"
EMPTY = "04_empty.txt"
RANDOM = "05_random.dat"
DAMAGED_UTF8 = "06_damaged_utf8.txt"
JSONL = "07_mixed.jsonl"
HTML = "08_article.html"
RSS = "09_feed.rss"
HUGE = "10_huge.txt"

DOCUMENT_COUNT = 16
HUGE_BYTES = 30 * 1024 * 1024
# Origins relative to the folder, and the error code each bad document carries.
EXPECTED_ERRORS = {
    EMPTY: "empty",
    RANDOM: "binary",
    f"{JSONL}:3": "bad-json",
    f"{JSONL}:4": "no-text",
    f"{JSONL}:5": "not-an-object",
    HUGE: "too-large",
}
EXPECTED_GOOD = (
    UTF8,
    WINDOWS_1256,
    UTF16,
    DAMAGED_UTF8,
    f"{JSONL}:1",
    f"{JSONL}:2",
    HTML,
    f"{RSS}#item-1",
    f"{RSS}#item-2",
    f"{RSS}#item-3",
)


def article() -> str:
    """The example article: a Reuters story on the Baghouz surrender, 3,078 characters."""
    return EXAMPLE.read_text(encoding="utf-8")


def paragraphs() -> list[str]:
    """The article's paragraphs; the first is the headline, the second the byline."""
    return [block for block in article().split("\n\n") if block.strip()]


def article_html(*, charset: str = "utf-8") -> str:
    """A news page around the article: head, scripts, navigation, header and footer."""
    title, _byline, *body = paragraphs()
    text = "\n".join(f"<p>{block}</p>" for block in body[:8])
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="{charset}">
<title>{title} | الشرق الأوسط</title>
<meta property="og:site_name" content="الشرق الأوسط">
<meta property="article:published_time" content="2019-03-05T09:30:00+03:00">
<link rel="canonical" href="https://example.com/news/baghouz">
<script>var tracker = "سكربت التتبع لا يظهر";</script>
<style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
<header><div class="logo">شعار الموقع في الترويسة</div></header>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/world">أخبار العالم</a></li>
<li><a href="/sport">الرياضة</a></li></ul></nav>
<main><article>
<h1>{title}</h1>
{text}
</article></main>
<footer><p>جميع الحقوق محفوظة لموقع التذييل</p><p>اشترك في النشرة البريدية</p></footer>
<script>console.log("سكربت التذييل");</script>
</body>
</html>
"""


def rss_feed() -> str:
    """An RSS 2.0 feed with three Arabic items, dated, with guids and HTML descriptions."""
    blocks = paragraphs()[2:5]
    items = "\n".join(
        f"""<item>
<title>خبر {number}</title>
<link>https://example.com/news/{number}</link>
<guid isPermaLink="false">baghouz-{number}</guid>
<pubDate>Tue, 0{number + 4} Mar 2019 09:30:00 +0300</pubDate>
<description>&lt;p&gt;{block}&lt;/p&gt;</description>
</item>"""
        for number, block in enumerate(blocks, 1)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>الشرق الأوسط</title>
<link>https://example.com/</link>
<description>أخبار</description>
{items}
</channel>
</rss>
"""


def build_fixture_folder(root: Path) -> Path:
    """Write the mixed folder under ``root`` and return its path (``root / "inputs"``)."""
    folder = root / "inputs"
    folder.mkdir(parents=True, exist_ok=True)
    text = article()
    encoded = text.encode("utf-8")
    (folder / UTF8).write_bytes(encoded)
    (folder / WINDOWS_1256).write_bytes(text.encode("cp1256"))
    (folder / UTF16).write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (folder / EMPTY).write_bytes(b"")
    (folder / RANDOM).write_bytes(random.Random(20190305).randbytes(4096))
    middle = len(text[: len(text) // 2].encode("utf-8"))  # between two characters
    (folder / DAMAGED_UTF8).write_bytes(encoded[:middle] + b"\xff\xfe\xc3" + encoded[middle:])
    first, second = paragraphs()[2:4]
    lines = [
        json.dumps({"id": "doc-1", "text": first, "title": "خبر", "published": "2019-03-05"}),
        json.dumps({"id": 2, "text": second, "url": "https://example.com/2"}, ensure_ascii=False),
        "this line is not JSON",
        json.dumps({"id": "doc-4", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps(["an", "array"]),
    ]
    (folder / JSONL).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / HTML).write_text(article_html(), encoding="utf-8")
    (folder / RSS).write_text(rss_feed(), encoding="utf-8")
    repeats = HUGE_BYTES // len(encoded) + 1
    (folder / HUGE).write_bytes((encoded * repeats)[:HUGE_BYTES])
    return folder


def warc_archive(*, gzipped: bool = False) -> bytes:
    """A small crawl: warcinfo, request, the article page (UTF-8), a redirect, an image,
    the article again in windows-1256 (charset in the HTTP header only), and a 404 page.

    Record ids and dates are fixed, so the archive is the same bytes on every run.
    """
    # warcio has no type hints; imported here so that importing fixtures stays cheap.
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    legacy_page = article_html().replace('<meta charset="utf-8">', "").encode("cp1256")

    def record(number: int, kind: str, uri: str, body: bytes, status: str, ctype: str) -> None:
        headers = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
            "WARC-Date": "2019-03-05T10:00:00Z",
        }
        http = None
        if kind in ("response", "request"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        if kind == "request":
            http = StatusAndHeaders(
                f"GET {uri} HTTP/1.1", [("Host", "example.com")], is_http_request=True
            )
        writer.write_record(
            writer.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(body),
                warc_headers_dict=headers,
                http_headers=http,
                warc_content_type="" if http else ctype,
            )
        )

    record(1, "warcinfo", "", b"software: rasd tests\r\n", "", "application/warc-fields")
    record(2, "request", "https://example.com/news/baghouz", b"", "", "")
    record(
        3,
        "response",
        "https://example.com/news/baghouz",
        article_html().encode(),
        "200 OK",
        "text/html; charset=utf-8",
    )
    record(
        4,
        "response",
        "https://example.com/old",
        b"<html>moved</html>",
        "301 Moved Permanently",
        "text/html",
    )
    record(
        5, "response", "https://example.com/logo.png", b"\x89PNG\r\n\x1a\n", "200 OK", "image/png"
    )
    record(
        6,
        "response",
        "https://example.com/ar/baghouz",
        legacy_page,
        "200 OK",
        "text/html; charset=windows-1256",
    )
    record(
        7,
        "response",
        "https://example.com/missing",
        b"<html>not found</html>",
        "404 Not Found",
        "text/html",
    )
    return out.getvalue()
