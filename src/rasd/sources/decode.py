"""Bytes to text: BOMs, UTF-8, damaged UTF-8, and the legacy encodings of Arabic newsrooms.

``decode_bytes`` never raises: it returns the text with the codec it used and any caveats,
or an error diagnostic (empty, binary, undecodable). Encoding names are Python's canonical
codec names (``codecs.lookup(name).name``): ``utf-8``, ``cp1256``, ``iso8859-6``.
"""

from __future__ import annotations

import codecs
import re
from contextvars import ContextVar
from dataclasses import dataclass

from charset_normalizer import from_bytes

from rasd.codes import Code, diagnostic
from rasd.model import Diagnostic

STAGE = "source"

# UTF-32 LE's BOM starts with UTF-16 LE's, so it must be tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The encodings an Arabic newsroom's archive holds besides UTF-8: Windows Arabic (most
# legacy pages and Word exports), ISO Arabic (old Unix and mail systems), DOS Arabic, and
# Windows Latin for French and English copy. Measured with charset-normalizer 3.5 on the
# paragraphs and sentences of examples/baghouz_surrender_ar.txt: no confusion from 5 words
# up. Adding cp864 and mac_arabic made short ISO-8859-6 samples worse (36% wrong at one
# word instead of 29%) and neither turns up in practice; latin_1 adds nothing that cp1252
# and cp1256 (which maps all 256 bytes) do not already cover.
LEGACY_CODECS = ("cp1256", "iso8859_6", "cp720", "cp1252")
_LATIN_CODECS = frozenset({"cp1252"})
# Windows and ISO Arabic share ء..ض but place the later letters differently, so short texts
# (one to three words) can decode in the wrong one without any invalid byte; these are the
# two to retry when the first reading shows mojibake.
_ARABIC_RETRIES = ("cp1256", "iso8859-6")

# C0 control characters that never occur in text files (tab, LF, CR and FF do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_ASCII_BYTES = bytes(range(128))
# An Arabic letter touching a Latin one inside a word: in real text the scripts are separated
# by spaces or punctuation, in Windows/ISO Arabic mojibake they interleave (ISO ق is â in
# Windows Arabic, so قال reads âال).
_MIXED_SCRIPT = re.compile(
    r"[\u0621-\u064a][A-Za-z\u00c0-\u024f]|[A-Za-z\u00c0-\u024f][\u0621-\u064a]"
)
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")

# Damaged UTF-8 keeps its many valid multi-byte sequences, a legacy Arabic file has almost
# none: the example article re-encoded in cp1256 gives 12 valid sequences for 2,472 invalid
# bytes (cp720: 166 for 1,977), while UTF-8 with a corrupted byte here and there gives
# hundreds per invalid byte. Four per invalid byte separates them with room on both sides.
_MIN_VALID_PER_INVALID = 4

# A ratio above 1% C0 controls is what git and file(1) call binary; text has none.
_MAX_CONTROL_RATIO = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded text, or ``error`` (then ``text`` is empty and ``encoding`` None)."""

    text: str = ""
    encoding: str | None = None
    warnings: tuple[Diagnostic, ...] = ()
    error: Diagnostic | None = None


# Python's "replace" handler, counting the bytes it replaces (for the warning). The count
# lives in a context variable because error handlers are registered globally by name.
_replaced: ContextVar[list[int]] = ContextVar("rasd_replaced_bytes")


def _replace_counting(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    _replaced.get().append(err.end - err.start)
    return "\ufffd", err.end


codecs.register_error("rasd.replace-counting", _replace_counting)


def decode_with_replacement(data: bytes, codec: str) -> tuple[str, int, int]:
    """Decode with U+FFFD for invalid bytes: (text, invalid bytes, replacement characters)."""
    counts: list[int] = []
    token = _replaced.set(counts)
    try:
        text = data.decode(codec, "rasd.replace-counting")
    finally:
        _replaced.reset(token)
    return text, sum(counts), len(counts)


def decode_bytes(data: bytes, *, where: str, declared: str | None = None) -> Decoded:
    """Decode ``data``, trying in turn: BOM, UTF-16 without BOM, strict UTF-8, the encoding
    the document ``declared`` (an HTML meta tag, an HTTP header), UTF-8 with a few invalid
    bytes, and the legacy encodings in ``LEGACY_CODECS``.

    Binary data is told apart before UTF-8 is tried: NUL bytes are valid UTF-8, and a file
    of them is not text.

    >>> decode_bytes("قال مصدر".encode("cp1256") * 3, where="a.txt").encoding
    'cp1256'
    """
    if not data.strip():
        return _error(Code.EMPTY, where)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            name = "utf-8-sig" if codec == "utf-8" else codec
            return _decoded(data[len(bom) :], codec, where=where, name=name)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _decoded(data, utf16, where=where, legacy=True)
    if _looks_binary(data):
        return _error(Code.BINARY, where)
    try:
        return _checked(data.decode("utf-8"), "utf-8", where=where)
    except UnicodeDecodeError:
        pass
    declared_codec = codec_name(declared) if declared else None
    if declared_codec is not None and declared_codec != "utf-8":
        try:
            return _checked(data.decode(declared_codec), declared_codec, where=where)
        except (UnicodeDecodeError, LookupError):
            pass  # pages lie about their charset; fall through to detection
    damaged = _damaged_utf8(data, where=where)
    if damaged is not None:
        return damaged
    return _legacy(data, where=where)


def _error(code: Code, where: str) -> Decoded:
    return Decoded(error=diagnostic(code, STAGE, where=where))


def codec_name(label: str) -> str | None:
    """Python's canonical name for an encoding label (``windows-1256`` -> ``cp1256``)."""
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None


def _checked(
    text: str, codec: str, *, where: str, warnings: tuple[Diagnostic, ...] = ()
) -> Decoded:
    if not text.strip():
        return _error(Code.EMPTY, where)
    return Decoded(text=text, encoding=codec, warnings=warnings)


def _decoded(
    data: bytes, codec: str, *, where: str, name: str | None = None, legacy: bool = False
) -> Decoded:
    """Decode with a known codec, replacing (and reporting) any invalid bytes."""
    text, invalid, _ = decode_with_replacement(data, codec)
    warnings: list[Diagnostic] = []
    if legacy:
        warnings.append(diagnostic(Code.LEGACY_ENCODING, STAGE, where=where, encoding=codec))
    if invalid:
        warnings.append(
            diagnostic(Code.REPLACED_BYTES, STAGE, where=where, count=invalid, encoding=codec)
        )
    return _checked(text, name or codec, where=where, warnings=tuple(warnings))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM, told by where its NUL bytes fall, or None.

    ASCII characters (spaces, digits, newlines: a fifth of Arabic text) are ``xx 00`` in
    UTF-16 LE, so NULs cluster at odd offsets; Arabic letters (U+06xx) have none. Binary
    data spreads its NULs over both parities.
    """
    units = len(data) // 2
    if units < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd * 20 > units and even * 100 <= units:
        codec = "utf-16-le"
    elif even * 20 > units and odd * 100 <= units:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL_CHARS.search(text) else codec


def _looks_binary(data: bytes) -> bool:
    if b"\0" in data:
        return True
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls > _MAX_CONTROL_RATIO * len(data)


def _damaged_utf8(data: bytes, *, where: str) -> Decoded | None:
    """UTF-8 with a few invalid bytes (a truncated copy, a bad paste), or None."""
    text, invalid, replacements = decode_with_replacement(data, "utf-8")
    non_ascii_bytes = len(data.translate(None, _ASCII_BYTES))
    # Every character beyond the ASCII bytes is a multi-byte sequence or a U+FFFD.
    multibyte = len(text) - (len(data) - non_ascii_bytes) - replacements
    if multibyte < _MIN_VALID_PER_INVALID * invalid:
        return None
    warning = diagnostic(Code.REPLACED_BYTES, STAGE, where=where, count=invalid, encoding="utf-8")
    return _checked(text, "utf-8", where=where, warnings=(warning,))


def _legacy(data: bytes, *, where: str) -> Decoded:
    match = from_bytes(data, cp_isolation=list(LEGACY_CODECS)).best()
    codec = codec_name(match.encoding) if match is not None else None
    if codec is None:
        return _error(Code.UNDECODABLE, where)
    text, invalid, _ = decode_with_replacement(data, codec)
    if _looks_like_mojibake(text, codec):
        for retry in _ARABIC_RETRIES:
            if retry == codec:
                continue
            try:
                retried = data.decode(retry)
            except UnicodeDecodeError:
                continue
            if not _looks_like_mojibake(retried, retry):
                text, invalid, codec = retried, 0, retry
                break
    warnings = [diagnostic(Code.LEGACY_ENCODING, STAGE, where=where, encoding=codec)]
    if invalid:
        warnings.append(
            diagnostic(Code.REPLACED_BYTES, STAGE, where=where, count=invalid, encoding=codec)
        )
    return _checked(text, codec, where=where, warnings=tuple(warnings))


def _looks_like_mojibake(text: str, codec: str) -> bool:
    """Arabic and Latin letters inside one word, or "Latin" text without one ASCII letter.

    charset-normalizer judges by letter statistics, which one to three words cannot carry:
    on one-word samples it read 16% of Windows Arabic as cp1252 (إلى as Åáì) and 83% of ISO
    Arabic as Windows Arabic. This check brings that to 0% and 29%; the rest decode to
    Arabic letters in both tables and only a language model could tell them apart.
    """
    if _MIXED_SCRIPT.search(text):
        return True
    return (
        codec in _LATIN_CODECS
        and _LETTER.search(text) is not None
        and _ASCII_LETTER.search(text) is None
    )
