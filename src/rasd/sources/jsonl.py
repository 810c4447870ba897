"""JSON Lines: one object per line with ``id``, ``text`` or ``html``, and optional metadata.

Lines are read one at a time with a byte cap, so memory stays bounded however large the
file or any one line. Every non-blank line becomes one document, good or failed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

import orjson

from rasd.codes import Code, diagnostic
from rasd.model import Diagnostic, Document
from rasd.settings import Settings
from rasd.sources.dates import parse_published
from rasd.sources.decode import decode_bytes
from rasd.sources.documents import STAGE, failed, reason, too_many_bytes, too_many_chars
from rasd.sources.html import document_from_html
from rasd.sources.streams import ByteStream

# JSON may write every character as a six-byte \uXXXX escape (Python's json.dumps does so
# by default), so a line holding max_chars characters of Arabic can take 6 bytes each.
_JSON_BYTES_PER_CHAR = 6
# Room for the other fields (id, title, url...) next to a text at the limit.
_LINE_OVERHEAD = 64 * 1024
_SKIP_CHUNK = 64 * 1024
_STRING_FIELDS = ("text", "html", "title", "url", "source", "published")
# Reading a .jsonl.gz can fail midway: a truncated or corrupted gzip stream.
_STREAM_ERRORS = (OSError, EOFError, zlib.error)


def line_limit(settings: Settings) -> int:
    """The most bytes one JSONL line may take."""
    return _JSON_BYTES_PER_CHAR * settings.max_chars + _LINE_OVERHEAD


def read_jsonl(stream: ByteStream, *, name: str, settings: Settings) -> Iterator[Document]:
    """One document per non-blank line of ``stream``, the file ``name``; ids default to
    ``name:LINE`` (lines count from 1)."""
    limit = line_limit(settings)
    number = 0
    found = False
    while True:
        try:
            line = stream.readline(limit + 1)
        except _STREAM_ERRORS as err:
            where = f"{name}:{number + 1}"
            yield failed(_unreadable(where, err), doc_id=where, origin=where)
            return
        if not line:
            break
        number += 1
        where = f"{name}:{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            found = True
            try:
                size: int | None = len(line) + _skip_line(stream)
            except _STREAM_ERRORS as err:
                yield failed(_unreadable(where, err), doc_id=where, origin=where)
                return
            error = too_many_bytes(where, size, limit=limit, settings=settings)
            yield failed(error, doc_id=where, origin=where)
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a UTF-8 BOM, as Windows tools write it
        if not line.strip():
            continue  # blank lines separate nothing in JSONL; skip them silently
        found = True
        yield line_document(line, origin=where, settings=settings)
    if not found:
        yield failed(diagnostic(Code.EMPTY, STAGE, where=name), doc_id=name, origin=name)


def _skip_line(stream: ByteStream) -> int:
    """Read past the rest of an over-long line in bounded chunks; the bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _unreadable(where: str, err: BaseException) -> Diagnostic:
    return diagnostic(Code.UNREADABLE, STAGE, path=where, reason=reason(err))


def line_document(line: bytes, *, origin: str, settings: Settings) -> Document:
    """The document one JSONL line describes; ``origin`` is ``path:LINE``, its default id."""
    warnings: tuple[Diagnostic, ...] = ()
    encoding = "utf-8"
    try:
        value: Any = orjson.loads(line)
    except orjson.JSONDecodeError as err:
        if _is_utf8(line):
            bad_json = diagnostic(Code.BAD_JSON, STAGE, where=origin, reason=reason(err))
            return failed(bad_json, doc_id=origin, origin=origin)
        # JSON is UTF-8, but files exported from older tools are not always.
        decoded = decode_bytes(line, where=origin)
        if decoded.error is not None:
            return failed(decoded.error, doc_id=origin, origin=origin)
        try:
            value = orjson.loads(decoded.text)
        except orjson.JSONDecodeError as retry_err:
            bad_json = diagnostic(Code.BAD_JSON, STAGE, where=origin, reason=reason(retry_err))
            return failed(bad_json, doc_id=origin, origin=origin)
        warnings, encoding = decoded.warnings, decoded.encoding or encoding
    if not isinstance(value, dict):
        error = diagnostic(Code.NOT_AN_OBJECT, STAGE, where=origin, kind=_json_kind(value))
        return failed(error, doc_id=origin, origin=origin)
    return _object_document(
        value, origin=origin, settings=settings, warnings=warnings, encoding=encoding
    )


def _object_document(
    obj: dict[str, Any],
    *,
    origin: str,
    settings: Settings,
    warnings: tuple[Diagnostic, ...],
    encoding: str,
) -> Document:
    raw_id = obj.get("id")
    if isinstance(raw_id, str) and raw_id:
        doc_id = raw_id
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    elif raw_id is None or raw_id == "":
        doc_id = origin
    else:
        error = _bad_field(origin, "id", "a string or an integer", raw_id)
        return failed(error, doc_id=origin, origin=origin)
    fields: dict[str, str | None] = {}
    for key in _STRING_FIELDS:
        field_value = obj.get(key)
        if field_value is not None and not isinstance(field_value, str):
            error = _bad_field(origin, key, "a string", field_value)
            return failed(error, doc_id=doc_id, origin=origin)
        fields[key] = field_value
    text, markup = fields["text"], fields["html"]
    title, url, source = fields["title"], fields["url"], fields["source"]
    published = None
    raw_date = fields["published"]
    if raw_date and raw_date.strip():
        published = parse_published(raw_date)
        if published is None:
            bad_date = diagnostic(Code.BAD_DATE, STAGE, where=origin, value=raw_date)
            warnings = (*warnings, bad_date)
    if text is not None and text.strip():
        too_large = too_many_chars(origin, text, settings=settings)
        if too_large is not None:
            return failed(too_large, doc_id=doc_id, origin=origin, url=url, title=title)
        return Document(
            id=doc_id,
            text=text,
            origin=origin,
            title=title,
            url=url,
            source=source,
            published=published,
            encoding=encoding,
            warnings=warnings,
        )
    if markup is not None and markup.strip():
        return document_from_html(
            markup,
            doc_id=doc_id,
            origin=origin,
            settings=settings,
            url=url,
            title=title,
            source=source,
            published=published,
            encoding=encoding,
            warnings=warnings,
        )
    no_text = diagnostic(Code.NO_TEXT, STAGE, where=origin)
    return failed(no_text, doc_id=doc_id, origin=origin, url=url, title=title)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _bad_field(where: str, name: str, expected: str, value: object) -> Diagnostic:
    kind = _json_kind(value)
    return diagnostic(Code.BAD_FIELD, STAGE, where=where, name=name, expected=expected, kind=kind)


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null"
