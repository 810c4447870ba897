"""HTML pages: the article's main text and metadata, boilerplate left out (trafilatura)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trafilatura import bare_extraction
from trafilatura.settings import Document as ExtractedPage

from rasd.codes import Code, diagnostic
from rasd.model import Diagnostic, Document
from rasd.settings import Settings
from rasd.sources.dates import parse_published
from rasd.sources.decode import codec_name, decode_bytes
from rasd.sources.documents import STAGE, failed, too_many_chars

# Browsers look for the meta charset in the first 1,024 bytes (WHATWG prescan); pages with
# long comments or scripts in <head> push it further, so look a little further than that.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
# WHATWG decodes pages labelled Latin-1 or ASCII as windows-1252, and so do the tools that
# wrote them: bytes 0x80-0x9F in such pages are curly quotes and dashes, not C1 controls.
_WINDOWS_1252_LABELS = frozenset(
    {"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1"}
)

# htmldate's extensive search reads dates out of the article text: for the example article
# it returned 2014-01-01 from "عام 2014" (the year the caliphate was declared). Publication
# dates come from the page's markup (meta tags, <time>, the URL) or not at all.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


@dataclass(frozen=True, slots=True)
class Extraction:
    """What trafilatura found in a page: the main text and the page's own metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


def read_html(data: bytes, *, name: str, settings: Settings) -> Document:
    """The article in the HTML file ``name`` (its id and origin), whose bytes are ``data``."""
    return html_document(data, doc_id=name, origin=name, settings=settings)


def html_document(
    data: bytes,
    *,
    doc_id: str,
    origin: str,
    settings: Settings,
    url: str | None = None,
    charset: str | None = None,
) -> Document:
    """The article in an HTML page's bytes; ``charset`` is what an HTTP header declared."""
    declared = charset_codec(charset) if charset else None
    decoded = decode_bytes(data, where=origin, declared=declared or meta_charset(data))
    if decoded.error is not None:
        return failed(decoded.error, doc_id=doc_id, origin=origin, url=url)
    return document_from_html(
        decoded.text,
        doc_id=doc_id,
        origin=origin,
        settings=settings,
        url=url,
        encoding=decoded.encoding,
        warnings=decoded.warnings,
    )


def document_from_html(
    markup: str,
    *,
    doc_id: str,
    origin: str,
    settings: Settings,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
    encoding: str | None = None,
    warnings: tuple[Diagnostic, ...] = (),
) -> Document:
    """The article in decoded HTML; the metadata given wins over what the page says."""
    extraction = extract_html(markup, url=url)
    if extraction is None:
        error = diagnostic(Code.NO_MAIN_TEXT, STAGE, where=origin)
        return failed(error, doc_id=doc_id, origin=origin, url=url, title=title)
    too_large = too_many_chars(origin, extraction.text, settings=settings)
    if too_large is not None:
        return failed(too_large, doc_id=doc_id, origin=origin, url=url, title=title)
    return Document(
        id=doc_id,
        text=extraction.text,
        origin=origin,
        title=title or extraction.title,
        url=url or extraction.url,
        source=source or extraction.source,
        published=published or extraction.published,
        encoding=encoding,
        warnings=warnings,
    )


def extract_html(markup: str, *, url: str | None = None) -> Extraction | None:
    """The main text and metadata of a page, or None when it has no main text.

    Comments are left out: a reader's comment under an article is not the article.
    """
    page = bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if not isinstance(page, ExtractedPage) or not page.text or not page.text.strip():
        return None
    return Extraction(
        text=page.text,
        title=page.title or None,
        url=page.url or None,
        source=page.sitename or None,
        published=parse_published(page.date) if page.date else None,
    )


def meta_charset(data: bytes) -> str | None:
    """The codec a page's ``<meta charset>`` or ``http-equiv`` tag names, if Python has it."""
    match = _META_CHARSET.search(data, 0, _PRESCAN_BYTES)
    return charset_codec(match.group(1).decode("ascii")) if match else None


def charset_codec(label: str) -> str | None:
    """The Python codec for a charset label (``windows-1256`` -> ``cp1256``), or None."""
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    codec = codec_name(label)
    if codec is None:
        return None
    # A page whose label could be read as ASCII is not UTF-16 or UTF-32 (WHATWG agrees).
    return None if codec.startswith(("utf-16", "utf-32")) else codec
