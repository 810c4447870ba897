"""Every error and warning code rasd emits, with the message a person reads.

Codes are stable strings: users filter on them, so never reuse one for another meaning.
Build a diagnostic with ``diagnostic(Code.X, stage, **details)``; the message template
is filled from ``details``.
"""

from __future__ import annotations

from enum import StrEnum

from rasd.model import Diagnostic


class Code(StrEnum):
    # Errors: the document was skipped.
    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too-large"
    UNSUPPORTED_TYPE = "unsupported-type"
    BAD_JSON = "bad-json"
    NOT_AN_OBJECT = "not-an-object"
    NO_TEXT = "no-text"
    BAD_FIELD = "bad-field"
    NO_MAIN_TEXT = "no-main-text"
    BAD_FEED = "bad-feed"
    BAD_ARCHIVE = "bad-archive"
    NO_DOCUMENTS = "no-documents"
    INTERNAL = "internal-error"
    # Warnings: the document was processed, with a caveat.
    REPLACED_BYTES = "replaced-bytes"
    LEGACY_ENCODING = "legacy-encoding"
    NOT_ARABIC = "not-arabic"
    LANGUAGE_UNKNOWN = "language-unknown"
    BAD_DATE = "bad-date"
    MALFORMED_FEED = "malformed-feed"


MESSAGES: dict[Code, str] = {
    Code.NOT_FOUND: "{path}: no such file or directory",
    Code.UNREADABLE: "{path}: cannot be read ({reason})",
    Code.EMPTY: "{where}: empty document (no text)",
    Code.BINARY: "{where}: binary data, not text",
    Code.UNDECODABLE: "{where}: cannot tell the text encoding",
    Code.TOO_LARGE: "{where}: {size} exceeds the limit of {limit} characters (--max-chars)",
    Code.UNSUPPORTED_TYPE: "{where}: not a document type rasd reads ({kind})",
    Code.BAD_JSON: "{where}: not valid JSON ({reason})",
    Code.NOT_AN_OBJECT: "{where}: expected a JSON object, found {kind}",
    Code.NO_TEXT: "{where}: the object has no non-empty 'text' or 'html' field",
    Code.BAD_FIELD: "{where}: field '{name}' must be {expected}, found {kind}",
    Code.NO_MAIN_TEXT: "{where}: no main text found in the HTML page",
    Code.BAD_FEED: "{where}: not a readable RSS or Atom feed ({reason})",
    Code.BAD_ARCHIVE: "{where}: WARC archive is damaged ({reason}); records after it are lost",
    Code.NO_DOCUMENTS: "{where}: no documents in the file ({reason})",
    Code.INTERNAL: "{where}: internal error in stage '{stage}' ({reason}); please report it",
    Code.REPLACED_BYTES: "{where}: {count} invalid byte(s) in {encoding} text replaced by U+FFFD",
    Code.LEGACY_ENCODING: "{where}: decoded as {encoding}",
    Code.NOT_ARABIC: "{where}: language is {language}, not Arabic; Arabic processing skipped",
    Code.LANGUAGE_UNKNOWN: "{where}: language could not be identified; Arabic processing skipped",
    Code.BAD_DATE: "{where}: cannot read the date {value!r}; left empty",
    Code.MALFORMED_FEED: "{where}: feed is malformed ({reason}); items read as far as possible",
}


def message(code: Code, **details: object) -> str:
    """The one-line message for ``code``, with line breaks in details flattened."""
    flat = {key: " ".join(str(value).split()) for key, value in details.items()}
    if "value" in details:
        flat["value"] = str(details["value"])[:80]
    return MESSAGES[code].format(**flat)


def diagnostic(code: Code, stage: str, **details: object) -> Diagnostic:
    """A diagnostic from ``stage``; its message may name the stage as ``{stage}``."""
    return Diagnostic(code=code.value, stage=stage, message=message(code, stage=stage, **details))
