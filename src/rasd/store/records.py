"""What the store hands out: an event with every report of it.

An event in the store is one happening, backed by one or more reports (event mentions
in documents). ``StoredEvent.event`` holds the merged reading (its fields from the reports,
counts reconciled); ``reports`` lists every report with its document and its own reading.
Exports and the HTTP layer read these; the database module writes and reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.model import Event


@dataclass(frozen=True, slots=True)
class Report:
    """One document's account of an event."""

    document_id: str
    event: Event  # as this document codes it, spans into this document's text
    source: str | None = None  # the outlet
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    duplicate_of: str | None = None  # the original document when this one is a copy
    sentence: str | None = None  # the text of the evidence sentence of its first mention


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One event and all its reports; ``event`` is the merged reading."""

    id: str
    event: Event
    reports: tuple[Report, ...]
    merge_reasons: tuple[str, ...] = ()  # why each later report joined, in order
