"""What every reader shares: failed documents and size limits."""

from __future__ import annotations

from rasd.codes import Code, diagnostic
from rasd.model import Diagnostic, Document
from rasd.settings import Settings

STAGE = "source"

# The longest reason from a third-party exception that goes into a one-line message.
_MAX_REASON = 120


def failed(
    error: Diagnostic,
    *,
    doc_id: str,
    origin: str,
    url: str | None = None,
    title: str | None = None,
) -> Document:
    """A skipped document: empty text and the one error that says why."""
    return Document(id=doc_id, text="", origin=origin, url=url, title=title, errors=(error,))


def reason(err: BaseException) -> str:
    """An exception as a short reason for a message: its text, or its type when it has none."""
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def too_many_bytes(where: str, size: int | None, *, limit: int, settings: Settings) -> Diagnostic:
    """Too large before decoding: ``size`` bytes, or None when reading stopped at the limit."""
    size_text = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return diagnostic(
        Code.TOO_LARGE,
        STAGE,
        where=where,
        size=size_text,
        limit=f"{limit:,} bytes for {settings.max_chars:,}",
    )


def too_many_chars(where: str, text: str, *, settings: Settings) -> Diagnostic | None:
    """The too-large error when ``text`` has more than ``settings.max_chars`` characters."""
    if len(text) <= settings.max_chars:
        return None
    return diagnostic(
        Code.TOO_LARGE,
        STAGE,
        where=where,
        size=f"{len(text):,} characters",
        limit=f"{settings.max_chars:,}",
    )
