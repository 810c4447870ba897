"""From paths to documents: walk directories, tell each file's format, call its reader.

The order is deterministic: paths as given, directory entries sorted by name at every level
(code point order, the same on every machine and locale). Every file yields at least one
document, so nothing a user passed in disappears without a line saying why.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path, PurePosixPath

from rasd.codes import Code, diagnostic
from rasd.model import Diagnostic, Document
from rasd.settings import Settings
from rasd.sources.documents import STAGE, failed, reason, too_many_bytes
from rasd.sources.feeds import read_feed
from rasd.sources.html import read_html
from rasd.sources.jsonl import read_jsonl
from rasd.sources.streams import ByteStream, replay
from rasd.sources.text import read_text
from rasd.sources.warc import read_warc

logger = logging.getLogger(__name__)

STDIN = "-"
STDIN_NAME = "<stdin>"
# Enough to see past a BOM, an XML declaration, comments and a stylesheet PI to the root.
_SNIFF_BYTES = 8192
_READ_ERRORS = (OSError, EOFError, zlib.error)


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSONL = "jsonl"
    WARC = "warc"
    GZIP = "gzip"


# Formats read whole into memory (so capped at max_bytes); JSONL and WARC are streamed.
_WHOLE = frozenset({Format.TEXT, Format.HTML, Format.FEED})
_SUFFIXES = {
    ".jsonl.gz": Format.JSONL,
    ".ndjson.gz": Format.JSONL,
    ".warc.gz": Format.WARC,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,
    ".warc": Format.WARC,
}
_NOT_DOCUMENTS = {
    "image": ".png .jpg .jpeg .gif .bmp .tif .tiff .webp .ico .svg .heic .avif",
    "font": ".ttf .otf .woff .woff2 .eot",
    "stylesheet": ".css .scss .less",
    "script": ".js .mjs .cjs .map",
    "archive": ".zip .tar .tgz .tar.gz .tar.bz2 .tbz2 .tar.xz .txz .bz2 .xz .zst .7z .rar .jar",
    "PDF": ".pdf",
    "office document": ".doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .epub",
    "audio or video": ".mp3 .wav .ogg .flac .m4a .aac .mp4 .m4v .mov .avi .mkv .webm",
    "executable": ".exe .dll .so .dylib .o .a .pyc .class",
}
_UNSUPPORTED_SUFFIXES = {
    suffix: kind for kind, suffixes in _NOT_DOCUMENTS.items() for suffix in suffixes.split()
}
# File signatures of the same kinds, for files named without (or with a wrong) extension.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"PK\x03\x04", "archive or office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "office document"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!\x1a\x07", "archive"),
    (b"\xfd7zXZ\x00", "archive"),
    (b"\x28\xb5\x2f\xfd", "archive"),
    (b"wOFF", "font"),
    (b"wOF2", "font"),
    (b"\x7fELF", "executable"),
)
_TAR_MAGIC_OFFSET = 257  # "ustar" sits here in every POSIX tar header
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]")


def iter_documents(paths: Sequence[str], settings: Settings) -> Iterator[Document]:
    """Every document in ``paths`` (files, directories, ``-`` for standard input), in order.

    Never raises for bad input: a file that cannot be read, decoded or parsed yields a
    document with empty text and one error saying why, and reading goes on.
    """
    # settings.published (the run's default date) is the pipeline's to apply, not ours.
    for path in paths:
        yield from _read_stdin(settings) if path == STDIN else _read_path(path, settings)


def display_name(path: str) -> str:
    """The path as given, with POSIX separators: what ids and origins are built from.

    Undecodable bytes in file names (which Python keeps as lone surrogates) become U+FFFD,
    since ids must be valid Unicode to be written as JSON.
    """
    name = path.replace(os.sep, "/")
    if os.altsep:
        name = name.replace(os.altsep, "/")
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_stdin(settings: Settings) -> Iterator[Document]:
    if sys.stdin is None:  # pythonw and some service managers start without one
        error = diagnostic(Code.UNREADABLE, STAGE, path=STDIN_NAME, reason="no standard input")
        yield failed(error, doc_id=STDIN_NAME, origin=STDIN_NAME)
        return
    docs = _read_stream(sys.stdin.buffer, name=STDIN_NAME, settings=settings, fmt=None, jsonl=True)
    yield from _guarded(docs, STDIN_NAME)


def _read_path(given: str, settings: Settings) -> Iterator[Document]:
    name = display_name(given)
    path = Path(given)
    try:
        info = path.stat()
    except (OSError, ValueError) as err:  # ValueError: a NUL in the path
        yield _stat_failed(err, name)
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, name, info, settings, ancestors=frozenset())
    elif stat.S_ISREG(info.st_mode):
        yield from _guarded(_read_file(path, name, info.st_size, settings), name)
    else:
        # A pipe or device named on the command line (``<(zcat a.gz)``): read it like stdin.
        yield from _guarded(_read_special(path, name, settings), name)


def _stat_failed(err: OSError | ValueError, name: str) -> Document:
    if isinstance(err, FileNotFoundError):
        error = diagnostic(Code.NOT_FOUND, STAGE, path=name)
    else:
        why = err.strerror if isinstance(err, OSError) and err.strerror else reason(err)
        error = diagnostic(Code.UNREADABLE, STAGE, path=name, reason=why)
    return failed(error, doc_id=name, origin=name)


def _walk(
    path: Path,
    name: str,
    info: os.stat_result,
    settings: Settings,
    *,
    ancestors: frozenset[tuple[int, int]],
) -> Iterator[Document]:
    """The documents under a directory, depth first, entries sorted by name at each level."""
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        logger.warning("skipping %s: a symbolic link to a directory above it", name)
        return
    try:
        with os.scandir(path) as scan:
            entries = sorted(entry.name for entry in scan)
    except OSError as err:
        yield _stat_failed(err, name)
        return
    for entry in entries:
        child = path / entry
        # Built from the name as given (Path would turn "./news" into "news").
        child_name = (
            name + display_name(entry) if name.endswith("/") else f"{name}/{display_name(entry)}"
        )
        try:
            child_info = child.stat()  # follows symbolic links, as a reader would
        except OSError as err:
            yield _stat_failed(err, child_name)  # a dangling link says not-found
            continue
        if stat.S_ISDIR(child_info.st_mode):
            yield from _walk(child, child_name, child_info, settings, ancestors=ancestors | {key})
        elif stat.S_ISREG(child_info.st_mode):
            docs = _read_file(child, child_name, child_info.st_size, settings)
            yield from _guarded(docs, child_name)
        else:
            # Reading a pipe or device found in a tree could block forever or never end.
            logger.warning("skipping %s: not a regular file", child_name)


def _guarded(docs: Iterator[Document], name: str) -> Iterator[Document]:
    """``docs``, with an unexpected exception turned into one internal-error document.

    A generator that raises cannot be resumed, so an error escaping one file's reader would
    end the whole run; this is the one place that catches what the readers did not expect.
    """
    try:
        yield from docs
    except Exception as err:
        logger.exception("unexpected error reading %s", name)
        error = diagnostic(Code.INTERNAL, STAGE, where=name, reason=reason(err))
        yield failed(error, doc_id=name, origin=name)


def _read_file(path: Path, name: str, size: int, settings: Settings) -> Iterator[Document]:
    lowered = name.rsplit("/", 1)[-1].lower()
    kind = _unsupported_kind(lowered)
    if kind is not None:
        yield failed(_unsupported(name, kind), doc_id=name, origin=name)
        return
    if size == 0:
        yield failed(diagnostic(Code.EMPTY, STAGE, where=name), doc_id=name, origin=name)
        return
    fmt = _format_for(lowered)
    if fmt in _WHOLE and size > settings.max_bytes:
        # Rejected from its size alone, before a byte of it is read.
        error = too_many_bytes(name, size, limit=settings.max_bytes, settings=settings)
        yield failed(error, doc_id=name, origin=name)
        return
    try:
        raw = path.open("rb")
    except OSError as err:
        yield _stat_failed(err, name)
        return
    with raw:
        if fmt is Format.JSONL and lowered.endswith(".gz"):
            with gzip.GzipFile(fileobj=raw) as unzipped:
                yield from read_jsonl(unzipped, name=name, settings=settings)
        else:
            # .warc.gz too: read_warc decompresses archives itself.
            yield from _read_stream(raw, name=name, settings=settings, fmt=fmt, size=size)


def _read_special(path: Path, name: str, settings: Settings) -> Iterator[Document]:
    try:
        raw = path.open("rb")
    except OSError as err:
        yield _stat_failed(err, name)
        return
    with raw:
        fmt = _format_for(name.rsplit("/", 1)[-1].lower())
        yield from _read_stream(raw, name=name, settings=settings, fmt=fmt, jsonl=True)


def _read_stream(
    stream: ByteStream,
    *,
    name: str,
    settings: Settings,
    fmt: Format | None,
    size: int | None = None,
    jsonl: bool = False,
    unzipped: bool = False,
) -> Iterator[Document]:
    """Read one file's stream; ``fmt`` None means sniff it, ``jsonl`` allows sniffing JSONL,
    ``size`` is the file's size when known (regular files)."""
    if fmt is None:
        try:
            head = stream.read(_SNIFF_BYTES)
        except _READ_ERRORS as err:
            yield _unreadable(name, err)
            return
        if not head:
            yield failed(diagnostic(Code.EMPTY, STAGE, where=name), doc_id=name, origin=name)
            return
        kind = magic_kind(head)
        if kind is not None:
            yield failed(_unsupported(name, kind), doc_id=name, origin=name)
            return
        fmt = sniff_format(head, jsonl=jsonl)
        if fmt is Format.GZIP and _gunzip_head(head).startswith(b"WARC/"):
            fmt = Format.WARC  # read_warc decompresses archives itself
        stream = replay(head, stream)
    if fmt is Format.GZIP:
        if unzipped:
            yield failed(_unsupported(name, "gzip inside gzip"), doc_id=name, origin=name)
            return
        # GzipFile wants a seekable stream only to rewind, which rasd never does.
        with gzip.GzipFile(fileobj=stream) as inner:  # type: ignore[call-overload]
            yield from _read_stream(
                inner, name=name, settings=settings, fmt=None, jsonl=True, unzipped=True
            )
    elif fmt is Format.JSONL:
        yield from read_jsonl(stream, name=name, settings=settings)
    elif fmt is Format.WARC:
        yield from read_warc(stream, name=name, settings=settings)
    else:
        yield from _read_whole(stream, fmt, name=name, settings=settings, size=size)


def _read_whole(
    stream: ByteStream, fmt: Format, *, name: str, settings: Settings, size: int | None
) -> Iterator[Document]:
    limit = settings.max_bytes
    if size is not None and size > limit:
        yield failed(
            too_many_bytes(name, size, limit=limit, settings=settings), doc_id=name, origin=name
        )
        return
    try:
        # One byte past the limit tells "at the limit" from "over it" without reading more.
        data = stream.read(limit + 1)
    except _READ_ERRORS as err:
        yield _unreadable(name, err)
        return
    if len(data) > limit:
        yield failed(
            too_many_bytes(name, None, limit=limit, settings=settings), doc_id=name, origin=name
        )
    elif fmt is Format.HTML:
        yield read_html(data, name=name, settings=settings)
    elif fmt is Format.FEED:
        yield from read_feed(data, name=name, settings=settings)
    else:
        yield read_text(data, name=name, settings=settings)


def _unreadable(name: str, err: BaseException) -> Document:
    error = diagnostic(Code.UNREADABLE, STAGE, path=name, reason=reason(err))
    return failed(error, doc_id=name, origin=name)


def _unsupported(name: str, kind: str) -> Diagnostic:
    return diagnostic(Code.UNSUPPORTED_TYPE, STAGE, where=name, kind=kind)


def _unsupported_kind(basename: str) -> str | None:
    """What kind of non-document a lower-cased file name says it is, if any."""
    for suffix in _suffixes(basename):
        if suffix in _UNSUPPORTED_SUFFIXES:
            return _UNSUPPORTED_SUFFIXES[suffix]
    return None


def _format_for(basename: str) -> Format | None:
    """The format a lower-cased file name gives, or None to sniff the content."""
    for suffix in _suffixes(basename):
        if suffix in _SUFFIXES:
            return _SUFFIXES[suffix]
    return None


def _suffixes(basename: str) -> tuple[str, str]:
    """The last two suffixes together, then the last: ``.tar.gz`` then ``.gz``."""
    path = PurePosixPath(basename)
    return PurePosixPath(path.stem).suffix + path.suffix, path.suffix


def magic_kind(head: bytes) -> str | None:
    """The kind of non-document the first bytes of a file show, if any."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[_TAR_MAGIC_OFFSET : _TAR_MAGIC_OFFSET + 5] == b"ustar":
        return "archive"
    return None


def sniff_format(head: bytes, *, jsonl: bool) -> Format:
    """The format the first bytes of a file show; ``jsonl`` allows JSON Lines (a ``{``)."""
    if head.startswith(b"WARC/"):
        return Format.WARC
    if head.startswith(b"\x1f\x8b"):
        return Format.GZIP
    start = _markup_start(head)
    if jsonl and start.startswith(b"{"):
        return Format.JSONL
    if start.startswith((b"<!doctype html", b"<html")):
        return Format.HTML
    if start.startswith(b"<"):
        if _FEED_ROOT.search(start):
            return Format.FEED
        if _HTML_ROOT.search(start):
            return Format.HTML
    return Format.TEXT


def _gunzip_head(head: bytes) -> bytes:
    """The first bytes inside a gzip stream, or b"" when they cannot be had."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return b""


def _markup_start(head: bytes) -> bytes:
    """The head as lower-case ASCII-compatible bytes, without BOM or leading whitespace."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, "ignore").encode("utf-8")
            break
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
