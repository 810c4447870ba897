"""Web archives (WARC, via warcio): one document per archived HTML page.

Only ``response`` records holding a successful (2xx) HTML response are documents. The
other records (warcinfo, request, metadata, revisit, resource), redirects and error pages,
and responses with images, scripts or stylesheets are what a crawl stores around the
articles: they are skipped without a record of their own.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import WARCIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from rasd.codes import Code, diagnostic
from rasd.model import Document
from rasd.settings import Settings
from rasd.sources.documents import STAGE, failed, reason, too_many_bytes
from rasd.sources.html import html_document
from rasd.sources.streams import ByteStream, Gunzip, gunzip, replay

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DRAIN_CHUNK = 64 * 1024


class _Damaged(Exception):
    """Damage warcio misses (a cut-off record) or reports as a programming error."""


# What a damaged or truncated archive raises from warcio and the gzip layer under it.
_DAMAGE = (
    _Damaged,
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    ChunkedDataException,
    EOFError,
    OSError,
    ValueError,
    zlib.error,
)


@dataclass(frozen=True, slots=True)
class _Page:
    number: int  # the record's position in the archive, from 1
    record_id: str | None
    url: str | None
    charset: str | None
    body: bytes | None  # None when it is larger than the limit


def read_warc(stream: ByteStream, *, name: str, settings: Settings) -> Iterator[Document]:
    """One document per HTML page archived in ``stream``, the WARC file ``name``, plain or
    gzipped (one gzip member per record, as crawlers write it, or one for the whole file).

    Ids are WARC-Record-IDs without angle brackets, else ``name#record-N``. A damaged
    archive ends with one bad-archive error; the pages read before it are kept.
    """
    pages = _Pages(stream, limit=settings.max_bytes)
    found = False
    while True:
        try:
            page = pages.next_page()
        except _DAMAGE as err:
            where = f"{name}#record-{max(pages.reading, 1)}"
            error = diagnostic(Code.BAD_ARCHIVE, STAGE, where=where, reason=reason(err))
            yield failed(error, doc_id=where, origin=where)
            return
        if page is None:
            break
        found = True
        yield _page_document(page, name=name, settings=settings)
    if not found:
        error = diagnostic(Code.NO_DOCUMENTS, STAGE, where=name, reason="no HTML response records")
        yield failed(error, doc_id=name, origin=name)


def _page_document(page: _Page, *, name: str, settings: Settings) -> Document:
    origin = f"{name}#record-{page.number}"
    doc_id = page.record_id or origin
    if page.body is None:
        error = too_many_bytes(origin, None, limit=settings.max_bytes, settings=settings)
        return failed(error, doc_id=doc_id, origin=origin, url=page.url)
    return html_document(
        page.body,
        doc_id=doc_id,
        origin=origin,
        settings=settings,
        url=page.url,
        charset=page.charset,
    )


class _Pages:
    """The HTML pages of an archive, one at a time; ``reading`` is the record being read.

    warcio is lenient: it ends quietly where an archive is cut off, inside a record's
    headers or its body, so the checks for that are here. Anything but WARC (warcio would
    read arbitrary text as ARC records) fails on the first record.
    """

    def __init__(self, stream: ByteStream, *, limit: int) -> None:
        self._stream = stream
        self._archive: Any = None  # opened on the first read, where errors are handled
        self._records: Iterator[Any] = iter(())
        self._gzip: Gunzip | None = None
        self._limit = limit
        self._unchecked: Any = None  # the last record, until it is known to be whole
        self.reading = 0

    def _open(self) -> Any:
        head = self._stream.read(2)
        stream = replay(head, self._stream)
        if head == b"\x1f\x8b":
            # Decompressed here rather than by warcio, which ends quietly where a gzip
            # member is cut off; Gunzip says so.
            stream, self._gzip = gunzip(stream)
        return WARCIterator(stream)

    def next_page(self) -> _Page | None:
        if self._archive is None:
            self._archive = self._open()
            self._records = iter(self._archive)
        while True:
            self.reading += 1
            try:
                record = next(self._records, None)  # warcio reads past the previous record
            except (AttributeError, TypeError, KeyError, IndexError) as err:
                # warcio's parser assumes the headers a record must have: a response
                # without WARC-Target-URI raises AttributeError.
                raise _Damaged(f"malformed record headers: {reason(err)}") from err
            self._check_whole(self._unchecked, self.reading - 1)
            self._unchecked = record
            if record is None:
                # warcio's offset is where the last whole record ended; bytes read past it
                # were a record header cut short, which warcio takes for the end.
                if self._archive.fh.tell() > self._archive.offset:
                    raise _Damaged("the archive ends inside a record header")
                if self._gzip is not None and self._gzip.truncated:
                    raise _Damaged("the gzip data is cut off")
                return None
            # Every WARC record declares its length; a header cut short may have lost it.
            if not record.rec_headers.get_header("Content-Length"):
                raise _Damaged("a record without Content-Length")
            if not _is_html_response(record):
                continue
            # Read one byte past the limit to tell "at the limit" from "over it"; warcio
            # skips the rest of the record in small blocks when moving to the next one.
            body = record.content_stream().read(self._limit + 1)
            if len(body) <= self._limit:
                # A page must be whole before it becomes a document.
                _drain(record.raw_stream)
                self._check_whole(record, self.reading)
                self._unchecked = None
            headers = record.rec_headers
            return _Page(
                number=self.reading,
                record_id=_record_id(headers.get_header("WARC-Record-ID")),
                url=headers.get_header("WARC-Target-URI") or None,
                charset=_charset(record.http_headers.get_header("Content-Type")),
                body=body if len(body) <= self._limit else None,
            )

    def _check_whole(self, record: Any, number: int) -> None:
        # warcio limits each record's stream to its Content-Length; bytes still owed once
        # the stream is read out mean the file ended first.
        if record is not None and getattr(record.raw_stream, "limit", 0) > 0:
            self.reading = number
            raise _Damaged("the archive ends inside a record")


def _drain(stream: Any) -> None:
    while stream.read(_DRAIN_CHUNK):
        pass


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or not record.http_headers:
        return False
    if not str(record.http_headers.get_statuscode()).startswith("2"):
        return False  # redirects and error pages are not articles
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


def _record_id(value: str | None) -> str | None:
    if not value:
        return None
    return value.strip().removeprefix("<").removesuffix(">") or None


def _charset(content_type: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type: ``text/html; charset=windows-1256``."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
