"""RSS and Atom feeds (feedparser): one document per item, the feed's title as its source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import feedparser

from rasd.codes import Code, diagnostic
from rasd.model import Diagnostic, Document
from rasd.settings import Settings
from rasd.sources.dates import parse_published
from rasd.sources.decode import codec_name
from rasd.sources.documents import STAGE, failed, reason, too_many_chars

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Elements that end a line when HTML becomes plain text; the rest flow inline.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"[ \t\f\v\r\u00a0]+")


def read_feed(data: bytes, *, name: str, settings: Settings) -> Iterator[Document]:
    """One document per item of the RSS or Atom feed in ``data``, the bytes of file ``name``.

    feedparser is given bytes, never a string: a string that looks like a URL or a path
    would be fetched or opened.
    """
    try:
        parsed = feedparser.parse(data)
    except (ValueError, LookupError) as err:
        # feedparser decodes with the encoding the XML declaration names: a NUL or an
        # unknown codec there escapes its bozo handling.
        error = diagnostic(Code.BAD_FEED, STAGE, where=name, reason=reason(err))
        yield failed(error, doc_id=name, origin=name)
        return
    entries: list[dict[str, Any]] = list(parsed.entries)
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not entries:
        why = reason(bozo) if bozo is not None else "no items"
        yield failed(
            diagnostic(Code.BAD_FEED, STAGE, where=name, reason=why), doc_id=name, origin=name
        )
        return
    source = _text(parsed.feed, "title")
    encoding = codec_name(parsed.get("encoding") or "")  # feedparser's label, as rasd names it
    for number, entry in enumerate(entries, 1):
        origin = f"{name}#item-{number}"
        warnings: list[Diagnostic] = []
        if bozo is not None:
            warnings.append(
                diagnostic(Code.MALFORMED_FEED, STAGE, where=origin, reason=reason(bozo))
            )
        yield _item_document(
            entry,
            origin=origin,
            source=source,
            encoding=encoding,
            warnings=warnings,
            settings=settings,
        )


def _item_document(
    entry: dict[str, Any],
    *,
    origin: str,
    source: str | None,
    encoding: str | None,
    warnings: list[Diagnostic],
    settings: Settings,
) -> Document:
    doc_id = _text(entry, "id") or origin
    title = _text(entry, "title")
    url = _text(entry, "link")
    text = _item_text(entry)
    if not text.strip():
        return failed(
            diagnostic(Code.EMPTY, STAGE, where=origin),
            doc_id=doc_id,
            origin=origin,
            url=url,
            title=title,
        )
    error = too_many_chars(origin, text, settings=settings)
    if error is not None:
        return failed(error, doc_id=doc_id, origin=origin, url=url, title=title)
    published = None
    raw_date = _text(entry, "published") or _text(entry, "updated")
    if raw_date is not None:
        published = parse_published(raw_date)
    if published is None:
        # feedparser reads more date formats than ISO and RFC 2822 (it returns them in UTC).
        parsed_date = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        published = parse_published(parsed_date) if parsed_date is not None else None
    if published is None and raw_date is not None:
        warnings.append(diagnostic(Code.BAD_DATE, STAGE, where=origin, value=raw_date))
    return Document(
        id=doc_id,
        text=text,
        origin=origin,
        title=title,
        url=url,
        source=source,
        published=published,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _text(entry: dict[str, Any], key: str) -> str | None:
    # dict.get, not entry.get: feedparser maps a missing "updated" to "published" with a
    # DeprecationWarning (feedparser issue 310).
    value = dict.get(entry, key)
    return (value.strip() or None) if isinstance(value, str) else None


def _item_text(entry: dict[str, Any]) -> str:
    """The item's full content when it has one, else its summary, as plain text."""
    contents = dict.get(entry, "content") or []
    for content in contents:
        if isinstance(content, dict) and isinstance(content.get("value"), str):
            text = _as_text(content["value"], content.get("type"))
            if text.strip():
                return text
    summary = dict.get(entry, "summary")
    if not isinstance(summary, str):
        return ""
    detail = dict.get(entry, "summary_detail") or {}
    return _as_text(summary, detail.get("type", "text/html"))


def _as_text(value: str, content_type: object) -> str:
    return html_to_text(value) if content_type in _HTML_TYPES else value


def html_to_text(fragment: str) -> str:
    """Plain text from an HTML fragment: one line per paragraph, entities resolved.

    >>> html_to_text("<p>قال مصدر</p><p>عسكري &amp; أمني</p>")
    'قال مصدر\\nعسكري & أمني'
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            # Newlines inside a paragraph are layout in HTML, not line breaks.
            self.parts.append(data.replace("\n", " "))
