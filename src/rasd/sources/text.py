"""Plain text files: one file, one document, the decoded text kept exactly as it is."""

from __future__ import annotations

from rasd.model import Document
from rasd.settings import Settings
from rasd.sources.decode import decode_bytes
from rasd.sources.documents import failed, too_many_chars


def read_text(data: bytes, *, name: str, settings: Settings) -> Document:
    """The document in ``data``, the bytes of the file ``name`` (its id and origin)."""
    decoded = decode_bytes(data, where=name)
    if decoded.error is not None:
        return failed(decoded.error, doc_id=name, origin=name)
    error = too_many_chars(name, decoded.text, settings=settings)
    if error is not None:
        return failed(error, doc_id=name, origin=name)
    return Document(
        id=name,
        text=decoded.text,
        origin=name,
        encoding=decoded.encoding,
        warnings=decoded.warnings,
    )
