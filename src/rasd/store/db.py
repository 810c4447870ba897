"""The event store: an SQLite file of documents, event reports and the events they make up.

One file, WAL mode, so readers (``rasd events``, ``rasd search``) never wait for an ingest.
Documents are written in batches, each inside one transaction: a crash loses at most the
batch in flight, which the next run writes again, and a document already stored with the
same content hash is skipped, so running the same ingest twice changes nothing.

Every document keeps its full output record (JSON) for provenance; every event it reports
is a *mention*; mentions that describe one happening are merged into one *event*
(``rasd.store.merge``), and near-copies of an article are linked to it
(``rasd.store.dedupe``) and add reports, not events.
"""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from rasd.model import (
    Actor,
    Argument,
    Count,
    Document,
    Event,
    EventDate,
    Evidence,
    Location,
)
from rasd.pipeline import dump_record
from rasd.store import dedupe, merge
from rasd.store.records import Report, StoredEvent
from rasd.store.search import fts_query, index_normalized, index_text, snippet, stems
from rasd.text import normalize

DEFAULT_DB = "rasd.db"
STORE_SCHEMA = 4  # the database layout; bumped with a migration when tables change
# SQL that upgrades a store of layout N to N + 1, keyed by N. Layout 1 is the first.
MIGRATIONS: dict[int, str] = {
    # 2: no index on entities.kb_id: no query reads it, and every ingested entity paid for it;
    # near-duplicate signatures hashed word by word (see REWRITES)
    1: "DROP INDEX IF EXISTS entities_kb_id;",
    # 3: no entities table: the view of that name reads them from the records
    2: "DROP TABLE IF EXISTS entities;",
    # 4: the full-text indexes keep no copy of the text they index (content='')
    3: (
        "CREATE VIRTUAL TABLE documents_fts_4 USING fts5(title, body, content='');"
        " INSERT INTO documents_fts_4 (rowid, title, body)"
        " SELECT rowid, title, body FROM documents_fts;"
        " DROP TABLE documents_fts;"
        " ALTER TABLE documents_fts_4 RENAME TO documents_fts;"
        " CREATE VIRTUAL TABLE mentions_fts_4 USING fts5(sentence, content='');"
        " INSERT INTO mentions_fts_4 (rowid, sentence) SELECT rowid, sentence FROM mentions_fts;"
        " DROP TABLE mentions_fts;"
        " ALTER TABLE mentions_fts_4 RENAME TO mentions_fts;"
    ),
}
BATCH_SIZE = 64
LONGEST_PERIOD = 366  # days: the longest period a date can name (a leap year)


def _resign(db: sqlite3.Connection) -> None:
    """Every stored signature made again from its document's text, as this rasd makes it.

    Layout 2 hashes shingles from word hashes: an older signature would not be comparable
    with a new one, so copies of articles stored before the upgrade would go unfound. Read
    in rowid pages, so a large store is never held in memory.
    """
    last = 0
    while True:
        rows = db.execute(
            "SELECT rowid, record FROM documents WHERE rowid > ? AND minhash IS NOT NULL"
            " ORDER BY rowid LIMIT 1000",
            (last,),
        ).fetchall()
        if not rows:
            return
        db.executemany(
            "UPDATE documents SET minhash=? WHERE rowid=?",
            [
                (dedupe.to_bytes(dedupe.signature(orjson.loads(record).get("text") or "")), rowid)
                for rowid, record in rows
            ],
        )
        last = rows[-1][0]


# What upgrading from layout N also rewrites in Python, after N's SQL, in its transaction.
REWRITES: dict[int, Callable[[sqlite3.Connection], None]] = {1: _resign}

Json = dict[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    source TEXT, url TEXT, title TEXT, published TEXT, language TEXT,
    record BLOB NOT NULL,
    minhash BLOB,
    duplicate_of TEXT,
    similarity REAL
);
CREATE INDEX IF NOT EXISTS documents_duplicate_of ON documents(duplicate_of);
-- a document's entities, read from its record: no query of rasd's needs them as rows, and
-- writing a row per entity cost every ingested document more than its events did
CREATE VIEW IF NOT EXISTS entities AS
    SELECT d.rowid AS document, json_extract(e.value, '$.start') AS start,
        json_extract(e.value, '$.end') AS "end", json_extract(e.value, '$.text') AS text,
        json_extract(e.value, '$.label') AS label, json_extract(e.value, '$.kb_id') AS kb_id
    FROM documents d, json_each(CAST(d.record AS TEXT), '$.entities') e;
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    sentence TEXT,
    event BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    event_type TEXT NOT NULL,
    date TEXT, first_day INTEGER, last_day INTEGER,
    coarse INTEGER NOT NULL,  -- 1 when the date names a week, month or year
    lat REAL, lon REAL, country TEXT, admin1 TEXT, precision INTEGER,
    actor_id TEXT, actor_cameo TEXT, target_id TEXT, target_cameo TEXT,
    negated INTEGER NOT NULL, historical INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    event BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS events_type_day ON events(event_type, coarse, first_day);
CREATE INDEX IF NOT EXISTS events_day ON events(first_day);
CREATE INDEX IF NOT EXISTS events_country ON events(country, first_day);
CREATE INDEX IF NOT EXISTS events_lat ON events(lat);
CREATE INDEX IF NOT EXISTS events_mode ON events(json_extract(CAST(event AS TEXT), '$.mode'));
-- merge candidates, one index per way two reports can share a place (see _candidates):
-- unlocated events of a busy day never sit in the located or the area index's range
CREATE INDEX IF NOT EXISTS events_merge_point ON events(event_type, coarse, first_day, lat, lon)
    WHERE lat IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_merge_area
    ON events(country, admin1, event_type, coarse, first_day)
    WHERE country IS NOT NULL AND admin1 IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_merge_actor ON events(actor_id, event_type, coarse, first_day);
CREATE TABLE IF NOT EXISTS event_reports (
    mention INTEGER PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
    event INTEGER NOT NULL REFERENCES events(id),
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_reports_event ON event_reports(event);
-- contentless: search reads titles, texts and sentences from documents and mentions, and a
-- copy of each here made a sixth of the file and of what each ingest writes
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, body, content='');
CREATE VIRTUAL TABLE IF NOT EXISTS mentions_fts USING fts5(sentence, content='');
"""


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one by one (``executescript`` would commit first)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


# a record to store, its JSON when already encoded, its normalised text when already made
Pending = tuple[Json, bytes | None, str | None]


def _processed(doc: Document) -> Pending:
    """What ``ingest`` stores of a processed document: its record as dumped (the JSON the
    store keeps, as ``_dumps`` writes it) and its text layer's normalised text."""
    raw = dump_record(doc).rstrip(b"\n")
    return orjson.loads(raw), raw, doc.layer.normalized if doc.layer is not None else None


class StoreError(Exception):
    """The database cannot be used (not a rasd store, a newer layout): one line for a user."""


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did, document by document."""

    documents: int = 0  # read
    stored: int = 0  # new documents written
    replaced: int = 0  # same id, new content: the old version and its reports removed
    unchanged: int = 0  # already stored with the same content: skipped
    skipped: int = 0  # the pipeline could not process them (their errors are not stored)
    duplicates: int = 0  # stored, linked to the article they copy
    reports: int = 0  # event mentions written
    new_events: int = 0  # of which founded a new event
    merged: int = 0  # of which joined an existing event


@dataclass(slots=True)
class _Joined:
    """An event reports joined in the open batch, as it will be written when the batch ends."""

    event: Json  # the merged reading
    columns: tuple[Any, ...]  # its indexed columns as stored (``_columns``)
    reports: int = 0  # reports joined in this batch


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document that matches a search, with a snippet of the (normalised) text."""

    document_id: str
    title: str | None
    source: str | None
    published: str | None
    snippet: str
    event_ids: tuple[str, ...]  # events with an evidence sentence that matches


def content_hash(text: str) -> str:
    """The identity of a document's content: harakat or alef forms alone do not change it."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def default_path() -> str:
    """``$RASD_DB``, else ``rasd.db`` in the current folder."""
    return os.environ.get("RASD_DB") or DEFAULT_DB


def _sentence(text: str, evidence: Sequence[Json]) -> str | None:
    if not evidence:
        return None
    first = evidence[0]
    return " ".join(text[first["sentence_start"] : first["sentence_end"]].split())


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value)


# the events columns read from an event's features, in _columns' order
_STORED_COLUMNS = (
    "event_type, date, first_day, last_day, coarse, lat, lon, country, admin1, precision,"
    " actor_id, actor_cameo, target_id, target_cameo, negated, historical"
)


# the parts of an event's JSON that _columns reads and merge.reconcile may replace
_INDEXED_PARTS = ("actor", "target", "location", "date")


def _columns(f: merge.Features) -> tuple[Any, ...]:
    """The values of an event's indexed columns (``_STORED_COLUMNS``), as SQLite returns them."""
    return (
        f.event_type,
        f.date,
        f.first_day,
        f.last_day,
        int(f.first_day != f.last_day),
        f.lat,
        f.lon,
        f.country,
        f.admin1,
        f.precision,
        f.actor[0],
        f.actor[1],
        f.target[0],
        f.target[1],
        int(f.negated),
        int(f.historical),
    )


class Store:
    """An event store in one SQLite file; a context manager.

    >>> with Store("rasd.db") as store:  # doctest: +SKIP
    ...     summary = store.ingest(extract(["news/"]))
    ...     store.events(event_type="ASSAULT", country="IRQ")
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or create) the store at ``path``.

        ``readonly`` opens an existing store for reading only, without loading the
        near-duplicate index: what a web server's worker threads want, one each, beside
        the one writer. The connection may move between threads (a server's thread pool
        hands each request to any thread), but one ``Store`` serves one thread at a time.
        """
        self.path = Path(path)
        self.readonly = readonly
        self._index = dedupe.DuplicateIndex()
        self._joined: dict[int, _Joined] = {}  # events reports joined in the open batch
        # merge candidates found in the open batch, by query: valid until an event is
        # added, removed or has its indexed columns changed (_events_changed)
        self._asked: dict[tuple[str, tuple[Any, ...]], list[tuple[Any, ...]]] = {}
        if readonly:
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            try:
                self._db = sqlite3.connect(
                    uri, uri=True, isolation_level=None, check_same_thread=False
                )
                self._check_readable()
            except sqlite3.Error as err:
                raise StoreError(f"{self.path} cannot be read as a rasd store: {err}") from None
            return
        self._db = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._prepare()
        for key, data in self._db.execute(
            "SELECT id, minhash FROM documents WHERE minhash IS NOT NULL AND duplicate_of IS NULL"
        ):
            self._index.add(key, dedupe.from_bytes(data))

    def _check_readable(self) -> None:
        """A read-only store must exist and be of a layout this rasd reads as it is."""
        row = None
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if "meta" in tables:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None or int(row[0]) != STORE_SCHEMA:
            raise StoreError(
                f"{self.path} is not a rasd store of layout {STORE_SCHEMA}: open it for "
                "writing once (rasd ingest) to create or upgrade it"
            )

    def _prepare(self) -> None:
        try:
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path} is not a rasd store: {err}") from None
        if "meta" in tables:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            version = int(row[0]) if row else 0
            if version > STORE_SCHEMA:
                raise StoreError(
                    f"{self.path} was written by a newer rasd (store layout {version}, this "
                    f"rasd reads up to {STORE_SCHEMA}): upgrade rasd"
                )
            if version < STORE_SCHEMA:
                self._migrate(version)
        elif tables - {"sqlite_sequence"}:
            raise StoreError(f"{self.path} is an SQLite file but not a rasd store")
        self._db.executescript("BEGIN;" + _SCHEMA + "COMMIT;")
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(STORE_SCHEMA),))

    def _migrate(self, version: int) -> None:
        """Upgrade a store of an older layout, one step at a time, in one transaction."""
        steps = [MIGRATIONS.get(step) for step in range(version, STORE_SCHEMA)]
        if any(step is None for step in steps):
            raise StoreError(
                f"{self.path} has store layout {version}, which this rasd (layout "
                f"{STORE_SCHEMA}) cannot upgrade: ingest the documents into a new store"
            )
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for step, script in enumerate(steps, start=version):
                for statement in _statements(script or ""):
                    self._db.execute(statement)
                rewrite = REWRITES.get(step)
                if rewrite is not None:
                    rewrite(self._db)
            self._db.execute("UPDATE meta SET value=? WHERE key='schema'", (str(STORE_SCHEMA),))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # ---- ingest -----------------------------------------------------------------------

    def ingest(
        self,
        documents: Iterable[Document],
        *,
        batch_size: int = BATCH_SIZE,
        on_document: Callable[[Json], None] | None = None,
    ) -> IngestSummary:
        """Store processed documents, merge their events; see ``ingest_records``."""
        return self._ingest(
            (_processed(doc) for doc in documents), batch_size=batch_size, on_document=on_document
        )

    def ingest_records(
        self,
        records: Iterable[Json],
        *,
        batch_size: int = BATCH_SIZE,
        on_document: Callable[[Json], None] | None = None,
    ) -> IngestSummary:
        """Store output records (as ``rasd extract`` writes them), ``batch_size`` a transaction.

        ``on_document`` is called after each record is handled, inside its batch's
        transaction (the CLI advances its progress bar there).
        """
        pairs = ((record, None, None) for record in records)
        return self._ingest(pairs, batch_size=batch_size, on_document=on_document)

    def _ingest(
        self,
        pairs: Iterable[Pending],
        *,
        batch_size: int,
        on_document: Callable[[Json], None] | None,
    ) -> IngestSummary:
        """``ingest_records`` of ``Pending`` triples: a record dumped by ``ingest`` is stored
        as dumped, not encoded a second time, and its text layer's normalised text is used,
        not made again."""
        summary = IngestSummary()
        batch: list[Pending] = []
        for pair in pairs:
            batch.append(pair)
            if len(batch) >= batch_size:
                self._write_batch(batch, summary, on_document)
                batch = []
        if batch:
            self._write_batch(batch, summary, on_document)
        return summary

    def _write_batch(
        self,
        batch: list[Pending],
        summary: IngestSummary,
        on_document: Callable[[Json], None] | None,
    ) -> None:
        added: list[str] = []
        removed: list[tuple[str, dedupe.Signature]] = []
        before = replace(summary)
        self._db.execute("BEGIN IMMEDIATE")
        self._asked.clear()  # another writer may have changed the events since
        try:
            for record, raw, flat in batch:
                self._write(record, raw, flat, summary, added, removed)
                if on_document is not None:
                    on_document(record)
            self._flush_joined()
            self._db.execute("COMMIT")
        except BaseException:
            self._joined.clear()
            self._asked.clear()
            self._db.execute("ROLLBACK")
            for key in added:  # the index follows the database back
                self._index.remove(key)
            for key, minhash in removed:
                self._index.add(key, minhash)
            for item in fields(summary):
                setattr(summary, item.name, getattr(before, item.name))
            raise

    def _write(
        self,
        record: Json,
        raw: bytes | None,
        flat: str | None,
        summary: IngestSummary,
        added: list[str],
        removed: list[tuple[str, dedupe.Signature]],
    ) -> None:
        summary.documents += 1
        if record.get("errors"):
            summary.skipped += 1
            return
        doc_id = record["id"]
        text = record.get("text") or ""
        if flat is None:  # once: the content hash, the shingles and the index share it
            flat = normalize(text)
        digest = hashlib.sha256(flat.encode("utf-8")).hexdigest()  # as content_hash(text)
        old = self._db.execute(
            "SELECT rowid, content_hash FROM documents WHERE id=?", (doc_id,)
        ).fetchone()
        if old is not None:
            if old[1] == digest:
                summary.unchanged += 1
                return
            self._remove_document(old[0], doc_id, removed)
            summary.replaced += 1
        else:
            summary.stored += 1
        # the text only: a new headline does not make a new story
        found = dedupe.normalized_shingles(flat)
        has_words = len(found) > 0
        minhash = dedupe.signature_of(found)
        match = self._index.find(minhash, exclude=doc_id) if has_words else None
        cursor = self._db.execute(
            "INSERT INTO documents (id, content_hash, source, url, title, published, language,"
            " record, minhash, duplicate_of, similarity) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                digest,
                record.get("source"),
                record.get("url"),
                record.get("title"),
                record.get("published"),
                record.get("language"),
                _dumps(record) if raw is None else raw,
                dedupe.to_bytes(minhash) if has_words else None,
                match.key if match else None,
                match.similarity if match else None,
            ),
        )
        rowid = cursor.lastrowid
        assert rowid is not None
        if match is not None:
            summary.duplicates += 1
        elif has_words:
            self._index.add(doc_id, minhash)
            added.append(doc_id)
        self._db.execute(
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?,?,?)",
            (rowid, index_text(record.get("title") or ""), index_normalized(flat)),
        )
        if old is not None:
            self._relink_copies(doc_id, added)
        events = record.get("events") or ()
        if events:
            self._write_reports(rowid, text, events, match, summary)

    def _relink_copies(self, original: str, added: list[str]) -> None:
        """Link again the copies of a document whose content was just replaced.

        A copy stays linked to the new version only while it still copies it; otherwise it
        is linked to the original it now copies best, or becomes an original itself (and so
        a candidate for the copies after it, in the order they were stored). Its reports
        stay with the events they joined: the copy told those events, whatever the
        document it copied says now.
        """
        copies = self._db.execute(
            "SELECT rowid, id, minhash FROM documents WHERE duplicate_of=? ORDER BY rowid",
            (original,),
        ).fetchall()
        for rowid, key, data in copies:
            minhash = dedupe.from_bytes(data)
            match = self._index.find(minhash, exclude=key)
            self._db.execute(
                "UPDATE documents SET duplicate_of=?, similarity=? WHERE rowid=?",
                (match.key if match else None, match.similarity if match else None, rowid),
            )
            if match is None:
                self._index.add(key, minhash)
                added.append(key)

    def _write_reports(
        self,
        rowid: int,
        text: str,
        events: Sequence[Json],
        match: dedupe.Match | None,
        summary: IngestSummary,
    ) -> None:
        """Store a document's event mentions and place each in an event.

        Mentions, their full-text rows and their event links go in with one ``executemany``
        each, not one statement per row. Mention ids are given, not left to SQLite, so the
        links can name them: the ids SQLite would pick (one past the largest), so the stored
        rows are the same. Placing a report reads only the events table and the mentions of
        another document, so it does not need this document's rows written first.
        """
        last = self._db.execute("SELECT max(id) FROM mentions").fetchone()[0]
        first = (last or 0) + 1
        sentences = [_sentence(text, event.get("evidence") or ()) for event in events]
        self._db.executemany(
            "INSERT INTO mentions (id, document, position, event_type, sentence, event)"
            " VALUES (?,?,?,?,?,?)",
            [
                (first + position, rowid, position, event["event_type"], sentence, _dumps(event))
                for position, (event, sentence) in enumerate(zip(events, sentences, strict=True))
            ],
        )
        # a sentence often codes several events: its index text is made once
        indexed = {sentence: index_text(sentence) for sentence in set(sentences) if sentence}
        self._db.executemany(
            "INSERT INTO mentions_fts (rowid, sentence) VALUES (?,?)",
            [
                (first + position, indexed[sentence])
                for position, sentence in enumerate(sentences)
                if sentence
            ],
        )
        originals = self._original_events(match.key) if match else []
        joined: set[int] = set()
        links: list[tuple[int, int, str]] = []
        for position, event in enumerate(events):
            summary.reports += 1
            event_id, reason = self._place(event, originals, joined, match)
            if event_id is None:
                event_id = self._new_event(event)
                reason = "first report"
                summary.new_events += 1
            else:
                summary.merged += 1
            joined.add(event_id)
            links.append((first + position, event_id, reason))
        self._db.executemany(
            "INSERT INTO event_reports (mention, event, reason) VALUES (?,?,?)", links
        )

    def _original_events(self, original: str) -> list[tuple[str, int]]:
        """The (type, event) of each report of the article a copy copies, in text order."""
        return list(
            self._db.execute(
                "SELECT m.event_type, r.event FROM mentions m JOIN documents d"
                " ON m.document = d.rowid JOIN event_reports r ON r.mention = m.id"
                " WHERE d.id = ? ORDER BY m.position",
                (original,),
            )
        )

    def _place(
        self,
        event: Json,
        originals: list[tuple[str, int]],
        joined: set[int],
        match: dedupe.Match | None,
    ) -> tuple[int | None, str]:
        """The event a report joins and why, or ``None`` when it founds a new one."""
        for index, (kind, event_id) in enumerate(originals):
            if kind == event["event_type"] and event_id not in joined:
                del originals[index]
                assert match is not None
                reason = f"near-duplicate of {match.key} (Jaccard {match.similarity:.2f})"
                return event_id, self._join(event_id, event, reason)
        mine = merge.features(event)
        found = _candidates(mine)
        if found is None:
            return None, ""
        # many reports of one story ask the same question; the answer holds until the
        # events change, which most reports (they join an event as it is) do not do
        rows = self._asked.get(found)
        if rows is None:
            rows = self._asked[found] = self._db.execute(*found).fetchall()
        for row in rows:
            event_id = row[0]
            if event_id in joined:
                continue  # two reports in one document are two events
            why = merge.same_event(_features(row), mine)
            if why is not None:
                return event_id, self._join(event_id, event, why)
        return None, ""

    def _join(self, event_id: int, event: Json, reason: str) -> str:
        """Merge a report into an event; its indexed columns are rewritten only if they change.

        Most reports of a known event leave its place, date and actors as they were, and an
        UPDATE that names an indexed column rewrites that column's index entries. The merged
        reading and the report count are kept until the batch ends (``_flush_joined``): a
        story in the news gets several reports a batch, and each would read, decode, encode
        and write the event again. The indexed columns, which finding candidates reads, are
        written at once.
        """
        held = self._joined.get(event_id)
        if held is None:
            row = self._db.execute(
                f"SELECT event, {_STORED_COLUMNS} FROM events WHERE id=?", (event_id,)
            ).fetchone()
            held = _Joined(orjson.loads(row[0]), row[1:])
            self._joined[event_id] = held
        merged, notes = merge.reconcile(held.event, event)
        # reconcile only ever replaces these parts (never the type, negated or historical):
        # when it kept each as it was, the indexed columns are as they were
        if any(merged.get(part) is not held.event.get(part) for part in _INDEXED_PARTS):
            values = _columns(merge.features(merged))
            if values != held.columns:
                self._save_event(merged, event_id=event_id, reports_delta=0)
                held.columns = values
        held.event = merged
        held.reports += 1
        return "; ".join([reason, *notes])

    def _flush_joined(self) -> None:
        """Write the events reports joined in this batch: their merged reading and count."""
        self._db.executemany(
            "UPDATE events SET event=?, reports=reports+? WHERE id=?",
            [(_dumps(held.event), held.reports, key) for key, held in self._joined.items()],
        )
        self._joined.clear()

    def _new_event(self, event: Json) -> int:
        return self._save_event(event, event_id=None, reports_delta=1)

    def _save_event(self, event: Json, *, event_id: int | None, reports_delta: int) -> int:
        self._asked.clear()  # a new event, or new indexed columns: other candidates
        values = (*_columns(merge.features(event)), _dumps(event))
        if event_id is None:
            cursor = self._db.execute(
                "INSERT INTO events (event_type, date, first_day, last_day, coarse, lat, lon,"
                " country, admin1, precision, actor_id, actor_cameo, target_id, target_cameo,"
                " negated, historical, event, reports)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, reports_delta),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid
        self._db.execute(
            "UPDATE events SET event_type=?, date=?, first_day=?, last_day=?, coarse=?, lat=?,"
            " lon=?, country=?, admin1=?, precision=?, actor_id=?, actor_cameo=?, target_id=?,"
            " target_cameo=?, negated=?, historical=?, event=?, reports=reports+? WHERE id=?",
            (*values, reports_delta, event_id),
        )
        return event_id

    def _remove_document(
        self, rowid: int, doc_id: str, removed: list[tuple[str, dedupe.Signature]]
    ) -> None:
        """Delete a document and its reports; events it alone reported go, others re-merge."""
        self._flush_joined()  # re-merging reads the events as stored
        self._asked.clear()  # and some events go
        events = [
            row[0]
            for row in self._db.execute(
                "SELECT DISTINCT r.event FROM event_reports r JOIN mentions m ON r.mention = m.id"
                " WHERE m.document = ?",
                (rowid,),
            )
        ]
        self._unindex_document(rowid)
        self._db.execute("DELETE FROM documents WHERE rowid=?", (rowid,))  # cascades
        for event_id in events:
            left = [
                orjson.loads(row[0])
                for row in self._db.execute(
                    "SELECT m.event FROM event_reports r JOIN mentions m ON r.mention = m.id"
                    " WHERE r.event = ? ORDER BY m.id",
                    (event_id,),
                )
            ]
            if not left:
                self._db.execute("DELETE FROM events WHERE id=?", (event_id,))
                continue
            self._save_event(merge.merge_all(left), event_id=event_id, reports_delta=0)
            self._db.execute("UPDATE events SET reports=? WHERE id=?", (len(left), event_id))
        if doc_id in self._index:
            removed.append((doc_id, self._index.get(doc_id)))
            self._index.remove(doc_id)

    def _unindex_document(self, rowid: int) -> None:
        """Take a document and its sentences out of the contentless full-text indexes.

        A contentless FTS5 table deletes a row by being told the values it indexed: they are
        made again from the stored record and sentences, as ``_write`` made them (the same
        normalisation that gives the content hash, which the stored document matches).
        """
        self._db.executemany(
            "INSERT INTO mentions_fts (mentions_fts, rowid, sentence) VALUES ('delete', ?, ?)",
            [
                (mention, index_text(sentence))
                for mention, sentence in self._db.execute(
                    "SELECT id, sentence FROM mentions WHERE document=? AND sentence IS NOT NULL",
                    (rowid,),
                )
            ],
        )
        title, record = self._db.execute(
            "SELECT title, record FROM documents WHERE rowid=?", (rowid,)
        ).fetchone()
        text = orjson.loads(record).get("text") or ""
        self._db.execute(
            "INSERT INTO documents_fts (documents_fts, rowid, title, body)"
            " VALUES ('delete', ?, ?, ?)",
            (rowid, index_text(title or ""), index_normalized(normalize(text))),
        )

    # ---- reading ----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many documents, duplicates, reports and events the store holds."""
        one = self._db.execute
        return {
            "documents": one("SELECT count(*) FROM documents").fetchone()[0],
            "duplicates": one(
                "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"
            ).fetchone()[0],
            "reports": one("SELECT count(*) FROM mentions").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
        }

    def event(self, event_id: str) -> StoredEvent | None:
        """One event with all its reports, ``None`` when there is no such event."""
        try:
            key = int(event_id)
        except ValueError:
            return None
        row = self._db.execute("SELECT id, event FROM events WHERE id=?", (key,)).fetchone()
        return None if row is None else self._stored(row[0], row[1])

    def _stored(self, event_id: int, data: bytes) -> StoredEvent:
        reports: list[Report] = []
        reasons: list[str] = []
        for row in self._db.execute(
            "SELECT d.id, m.event, d.source, d.url, d.title, d.published, d.language,"
            " d.duplicate_of, r.reason FROM event_reports r JOIN mentions m ON r.mention = m.id"
            " JOIN documents d ON m.document = d.rowid WHERE r.event = ? ORDER BY m.id",
            (event_id,),
        ):
            reports.append(
                Report(
                    document_id=row[0],
                    event=event_from_json(orjson.loads(row[1])),
                    source=row[2],
                    url=row[3],
                    title=row[4],
                    published=row[5],
                    language=row[6],
                    duplicate_of=row[7],
                )
            )
            reasons.append(row[8])
        return StoredEvent(
            id=str(event_id),
            event=event_from_json(orjson.loads(data)),
            reports=tuple(reports),
            merge_reasons=tuple(reasons[1:]),
        )

    def sentence(self, document_id: str, event: Event) -> str | None:
        """The evidence sentence of a report, from its document's stored text."""
        if not event.evidence:
            return None
        row = self._db.execute("SELECT record FROM documents WHERE id=?", (document_id,)).fetchone()
        if row is None:
            return None
        text: str = orjson.loads(row[0]).get("text") or ""
        first = event.evidence[0]
        return " ".join(text[first.sentence_start : first.sentence_end].split())

    def events(
        self,
        *,
        event_type: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        near: tuple[float, float, float] | None = None,
        mode: str | None = None,
        admin1: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        text: str | None = None,
        after: Cursor | None = None,
        limit: int | None = 100,
    ) -> list[StoredEvent]:
        """Events that pass every filter given, latest first.

        ``since``/``until`` are ISO dates and keep events whose period overlaps them;
        ``actor`` is an actor id or CAMEO code (actor or target); ``near`` is (lat, lon, km):
        a bounding box in SQL, then the great-circle distance; ``bbox`` is (min lon, min lat,
        max lon, max lat), across the antimeridian when min lon > max lon; ``text`` keeps
        events with an evidence sentence that has every word; ``after`` is the cursor of the
        last event of the previous page (``page`` hands it out).
        """
        found: list[StoredEvent] = []
        for event_id, _day, data in self._rows(
            EventFilter(event_type, country, actor, since, until, near, mode, admin1, bbox, text),
            after,
        ):
            found.append(self._stored(event_id, data))
            if limit is not None and len(found) >= limit:
                break
        return found

    def page(
        self, filters: EventFilter, *, limit: int = 50, after: Cursor | None = None
    ) -> EventPage:
        """One page of ``events`` and the cursor of the next, keyset-paginated.

        The cursor is the (first day, id) of the page's last event: the next page starts
        strictly after it in the list's order, so events ingested meanwhile neither repeat
        nor shift a page, and a page costs the same however deep it is.
        """
        found: list[StoredEvent] = []
        last: Cursor | None = None
        for event_id, day, data in self._rows(filters, after):
            if len(found) == limit:
                return EventPage(tuple(found), last)
            found.append(self._stored(event_id, data))
            last = (day, event_id)
        return EventPage(tuple(found), None)

    def rows_page(
        self, filters: EventFilter, *, limit: int = 50, after: Cursor | None = None
    ) -> RowPage:
        """``page`` as a list or a map shows it: each event's merged reading, no reports.

        The page's ids come first, from the indexes alone (sorting a few thousand
        (day, id) pairs, not their JSON); then one query reads the page's events. A page
        costs two queries, not one per event as ``page`` does.
        """
        keys: list[int] = []
        following: Cursor | None = None
        last: Cursor | None = None
        for event_id, day in self._keys(filters, after, None if filters.near else limit + 1):
            if len(keys) == limit:
                following = last
                break
            keys.append(event_id)
            last = (day, event_id)
        if not keys:
            return RowPage((), None)
        marks = ",".join("?" * len(keys))
        found = {
            event_id: EventRow(str(event_id), orjson.loads(data), reports)
            for event_id, data, reports in self._db.execute(
                f"SELECT id, event, reports FROM events WHERE id IN ({marks})", keys
            )
        }
        return RowPage(tuple(found[key] for key in keys if key in found), following)

    def report_dates(self, event_id: str) -> list[str | None]:
        """The publication dates of an event's reports, in report order."""
        return [
            row[0]
            for row in self._db.execute(
                "SELECT d.published FROM event_reports r JOIN mentions m ON r.mention = m.id"
                " JOIN documents d ON m.document = d.rowid WHERE r.event = ? ORDER BY m.id",
                (int(event_id),),
            )
        ]

    def _keys(
        self, filters: EventFilter, after: Cursor | None, limit: int | None
    ) -> Iterator[tuple[int, int | None]]:
        """(id, first day) of the events passing ``filters``, in list order."""
        return self._select("id, first_day", filters, after, limit)

    def _rows(
        self, filters: EventFilter, after: Cursor | None
    ) -> Iterator[tuple[int, int | None, bytes]]:
        return self._select("id, first_day, event", filters, after, None)

    def _select(
        self, columns: str, filters: EventFilter, after: Cursor | None, limit: int | None
    ) -> Iterator[Any]:
        """``columns`` of the events passing ``filters``, newest first, after the cursor."""
        where, params = _where(filters)
        if after is not None:
            day, last_id = after
            if day is None:  # undated events come last, by id
                where.append("(first_day IS NULL AND id < ?)")
                params.append(last_id)
            else:
                where.append("(first_day < ? OR (first_day = ? AND id < ?) OR first_day IS NULL)")
                params += [day, day, last_id]
        sql = f"SELECT {columns}, lat, lon FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY first_day DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        near = filters.near
        for row in self._db.execute(sql, params):
            lat, lon = row[-2:]
            if near and merge.km(near[0], near[1], lat, lon) > near[2]:
                continue
            yield row[:-2]

    def generation(self) -> tuple[int, int]:
        """A number that grows whenever documents or reports are added or replaced: the
        key under which answers computed from the store can be cached."""
        documents = self._db.execute("SELECT max(rowid) FROM documents").fetchone()[0]
        reports = self._db.execute("SELECT max(rowid) FROM event_reports").fetchone()[0]
        return (documents or 0, reports or 0)

    def stats(self, filters: EventFilter) -> Json:
        """Counts of the events passing ``filters`` (``near`` aside) by type, day and country.

        ``by_day`` counts the events dated to the day, on that day: a week, month or year
        has no one day to count it on (``total`` counts every event). Answers are cached
        per store generation: the three GROUP BY scans cost up to half a second on a store
        of 100,000 events, and the web page asks for the same counts again and again.
        """
        key = (str(self.path), filters, self.generation())
        cached = _STATS_CACHE.get(key)
        if cached is None:
            if len(_STATS_CACHE) >= _STATS_CACHE_SIZE:
                _STATS_CACHE.clear()
            cached = _STATS_CACHE[key] = self._stats(filters)
        return cached

    def _stats(self, filters: EventFilter) -> Json:
        where, params = _where(replace(filters, near=None))
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        extra = " AND " if where else " WHERE "
        run = self._db.execute
        by_type = dict(
            run(
                f"SELECT event_type, count(*) FROM events{clause} GROUP BY event_type"
                " ORDER BY count(*) DESC, event_type",
                params,
            ).fetchall()
        )
        by_day = {
            date.fromordinal(day).isoformat(): n
            for day, n in run(
                f"SELECT first_day, count(*) FROM events{clause}{extra}coarse = 0"
                " AND first_day IS NOT NULL GROUP BY first_day ORDER BY first_day",
                params,
            )
        }
        by_country = dict(
            run(
                f"SELECT country, count(*) FROM events{clause}{extra}country IS NOT NULL"
                " GROUP BY country ORDER BY count(*) DESC, country",
                params,
            ).fetchall()
        )
        return {
            "by_type": by_type,
            "by_day": by_day,
            "by_country": by_country,
            "total": sum(by_type.values()),
        }

    def document(self, document_id: str) -> Json | None:
        """The stored output record of a document, ``None`` when there is no such document."""
        row = self._db.execute("SELECT record FROM documents WHERE id=?", (document_id,)).fetchone()
        if row is None:
            return None
        record: Json = orjson.loads(row[0])
        return record

    def document_events(self, document_ids: Sequence[str]) -> list[str]:
        """Ids of the events the documents report, in id order."""
        marks = ",".join("?" * len(document_ids))
        rows = self._db.execute(
            "SELECT DISTINCT r.event FROM event_reports r JOIN mentions m ON r.mention = m.id"
            f" JOIN documents d ON m.document = d.rowid WHERE d.id IN ({marks}) ORDER BY r.event",
            list(document_ids),
        )
        return [str(row[0]) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Documents whose title or text has every word of ``query`` (normalised), best first."""
        match = fts_query(query)
        if not match:
            return []
        rows = self._db.execute(
            "SELECT d.rowid, d.id, d.title, d.source, d.published, d.record FROM documents_fts f"
            " JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ?"
            " ORDER BY f.rank LIMIT ?",
            (match, limit),
        ).fetchall()
        # the events whose evidence sentence has every word: checked here on the hits'
        # few sentences, which is faster than a second full-text query per hit
        wanted = set(stems(query))
        events: dict[int, list[int]] = {}
        marks = ",".join("?" * len(rows))
        for document, sentence, event_id in self._db.execute(
            "SELECT m.document, m.sentence, r.event FROM mentions m JOIN event_reports r"
            f" ON r.mention = m.id WHERE m.document IN ({marks}) ORDER BY r.event",
            [row[0] for row in rows],
        ):
            if sentence and wanted <= set(stems(sentence)):
                found = events.setdefault(document, [])
                if event_id not in found:
                    found.append(event_id)
        hits: list[SearchHit] = []
        for rowid, doc_id, title, source, published, record in rows:
            text = orjson.loads(record).get("text") or ""
            hits.append(
                SearchHit(
                    doc_id,
                    title,
                    source,
                    published,
                    snippet(text, query),
                    tuple(str(e) for e in events.get(rowid, ())),
                )
            )
        return hits

    def search_events(self, query: str, limit: int = 20) -> list[str]:
        """Ids of events with an evidence sentence that has every word of ``query``."""
        match = fts_query(query)
        if not match:
            return []
        rows = self._db.execute(
            "SELECT DISTINCT r.event FROM mentions_fts f JOIN event_reports r"
            " ON r.mention = f.rowid WHERE mentions_fts MATCH ? LIMIT ?",
            (match, limit),
        )
        return [str(row[0]) for row in rows]


# ---- event filters ---------------------------------------------------------------------

Cursor = tuple[int | None, int]  # (first day, id) of the last event of a page


# stats answers of every store this process reads, by (filters, generation); a store's
# generation is made of row ids, so two stores may share a key only by holding the same rows
# and the cache is keyed by path too.
_STATS_CACHE: dict[tuple[object, ...], Json] = {}
_STATS_CACHE_SIZE = 512


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``Store.events``, ``page`` and ``stats`` filter on; ``None`` keeps everything."""

    event_type: str | None = None
    country: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    near: tuple[float, float, float] | None = None
    mode: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class EventPage:
    """A page of events and the cursor of the next page (``None``: this is the last)."""

    events: tuple[StoredEvent, ...]
    next: Cursor | None


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event without its reports: what a list, a map marker or a timeline needs."""

    id: str
    event: Json  # the merged reading, as an output record writes an event
    reports: int  # how many reports back it


@dataclass(frozen=True, slots=True)
class RowPage:
    """A page of ``EventRow`` and the cursor of the next page (``None``: this is the last)."""

    events: tuple[EventRow, ...]
    next: Cursor | None


_MODE = "json_extract(CAST(event AS TEXT), '$.mode')"  # as the events_mode index reads it


def _day(value: str, name: str) -> int:
    span = merge.period(value, "day")
    if span is None:
        raise ValueError(f"{name}: not an ISO date: {value!r}")
    return span[0]


def _where(f: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions and their values for a filter: parameterised, never spliced in."""
    where: list[str] = []
    params: list[Any] = []
    if f.event_type:
        where.append("event_type = ?")
        params.append(f.event_type.upper())
    if f.mode:
        where.append(f"{_MODE} = ?")
        params.append(f.mode)
    if f.country:
        where.append("country = ?")
        params.append(f.country.upper())
    if f.admin1:
        where.append("admin1 = ?")
        params.append(f.admin1)
    if f.actor:
        where.append("(? IN (actor_id, target_id) OR upper(?) IN (actor_cameo, target_cameo))")
        params += [f.actor, f.actor]
    if f.since:
        # the second bound says the same (no period is longer than a year) in a form the
        # day indexes can range over: without it a scan by day runs to the oldest event
        since = _day(f.since, "since")
        where.append("last_day >= ? AND first_day >= ?")
        params += [since, since - LONGEST_PERIOD]
    if f.until:
        where.append("first_day <= ?")
        params.append(_day(f.until, "until"))
    if f.near:
        lat, lon, radius = f.near
        dlat = radius / 111.0
        dlon = radius / (111.0 * max(math.cos(math.radians(lat)), 1e-6))
        where.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
        params += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
    if f.bbox:
        west, south, east, north = f.bbox
        where.append("lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            where.append("lon BETWEEN ? AND ?")
        else:  # the box crosses the antimeridian
            where.append("(lon >= ? OR lon <= ?)")
        params += [west, east]
    if f.text:
        match = fts_query(f.text)
        if match:
            where.append(
                "id IN (SELECT r.event FROM mentions_fts f JOIN event_reports r"
                " ON r.mention = f.rowid WHERE mentions_fts MATCH ?)"
            )
            params.append(match)
    return where, params


# ---- merge candidates -----------------------------------------------------------------

_FEATURE_COLUMNS = (
    "id, event_type, first_day, last_day, coarse, date, lat, lon, country, admin1, precision,"
    " actor_id, actor_cameo, target_id, target_cameo, negated, historical"
)


def _features(row: tuple[Any, ...]) -> merge.Features:
    """Merge features from an events row: no JSON to decode per candidate."""
    return merge.Features(
        event_type=row[1],
        first_day=row[2],
        last_day=row[3],
        day_precision=not row[4],
        date=row[5],
        lat=row[6],
        lon=row[7],
        country=row[8],
        admin1=row[9],
        precision=row[10],
        actor=(row[11], row[12]),
        target=(row[13], row[14]),
        negated=bool(row[15]),
        historical=bool(row[16]),
    )


def _window(where: str) -> str:
    """The events of one place filter whose dates can overlap a report's, as two index ranges.

    Not "first_day <= end AND last_day >= start" (which scans every earlier event): day
    events start within the window; a coarse period (a year at most) starts at most
    LONGEST_PERIOD days before it and must end within it.
    """
    head = f"SELECT {_FEATURE_COLUMNS} FROM events WHERE {where} AND event_type=?"
    return (
        f"{head} AND coarse=0 AND first_day BETWEEN ? AND ? AND negated=? AND historical=?"
        f" UNION {head} AND coarse=1 AND first_day BETWEEN ? AND ? AND last_day >= ?"
        " AND negated=? AND historical=?"
    )


_POINT = "lat IS NOT NULL AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
_AREA = "country IS NOT NULL AND admin1 IS NOT NULL AND country=? AND admin1=?"
_ACTOR = "+lat IS NULL AND +country IS NULL AND actor_id=?"  # +: not an index term
# UNION, not UNION ALL: an event near the report and in its area is one candidate; the
# lowest id comes first, so the oldest matching event wins, as it always has
_POINT_OR_AREA = f"{_window(_POINT)} UNION {_window(_AREA)} ORDER BY 1"
_POINT_ONLY = f"{_window(_POINT)} ORDER BY 1"
_AREA_ONLY = f"{_window(_AREA)} ORDER BY 1"
_ACTOR_ONLY = f"{_window(_ACTOR)} ORDER BY 1"


def _candidates(mine: merge.Features) -> tuple[str, tuple[Any, ...]] | None:
    """SQL for the events ``merge.same_event`` could accept for a report, oldest first.

    A superset, each part an index range (type, day window, then place): a located report
    needs a located event within the distance (a bounding box here) or an event in its
    area; an unlocated one an event in its area, or else an unlocated event with the same
    named actor. ``None``: no event can match (no date, or nothing that stands for a place).
    """
    if mine.first_day is None or mine.last_day is None:
        return None
    # the day windows are merge._dates' exactly: a day of slack only between two day dates,
    # none when either side names a longer period (reading a day too many on both sides of
    # the window made half the candidates, all of them refused)
    slack = merge.DAY_SLACK if mine.day_precision else 0
    day = (
        mine.event_type,
        mine.first_day - slack,
        mine.last_day + slack,
        int(mine.negated),
        int(mine.historical),
        mine.event_type,
        mine.first_day - LONGEST_PERIOD,
        mine.last_day,
        mine.first_day,
        int(mine.negated),
        int(mine.historical),
    )
    area = (mine.country, mine.admin1) if mine.country and mine.admin1 else None
    if mine.lat is not None and mine.lon is not None:
        dlat = merge.MAX_KM / 110.0
        dlon = merge.MAX_KM / (110.0 * max(math.cos(math.radians(mine.lat)), 0.01))
        box = (mine.lat - dlat, mine.lat + dlat, mine.lon - dlon, mine.lon + dlon)
        point = (*box, *day[:5], *box, *day[5:])
        if area is None:
            return _POINT_ONLY, point
        return _POINT_OR_AREA, (*point, *area, *day[:5], *area, *day[5:])
    if area is not None:
        return _AREA_ONLY, (*area, *day[:5], *area, *day[5:])
    if mine.country:
        return None  # in a country without an area: same_event wants the same area
    if mine.actor[0]:
        actor = mine.actor[0]
        return _ACTOR_ONLY, (actor, *day[:5], actor, *day[5:])
    return None


# ---- JSON back to the model -----------------------------------------------------------


def _actor(data: Json | None) -> Actor | None:
    return None if data is None else Actor(**data)


def _argument(data: Json | None) -> Argument | None:
    if data is None:
        return None
    return Argument(**{**data, "actor": _actor(data.get("actor"))})


def event_from_json(data: Json) -> Event:
    """An ``Event`` from its output-record JSON (the inverse of orjson's dataclass dump)."""
    return Event(
        event_type=data["event_type"],
        confidence=data["confidence"],
        mode=data.get("mode"),
        context=tuple(data.get("context") or ()),
        actor=_argument(data.get("actor")),
        target=_argument(data.get("target")),
        location=None if data.get("location") is None else Location(**data["location"]),
        date=None if data.get("date") is None else EventDate(**data["date"]),
        counts=tuple(Count(**count) for count in data.get("counts") or ()),
        attribution=_argument(data.get("attribution")),
        negated=bool(data.get("negated")),
        hypothetical=bool(data.get("hypothetical")),
        future=bool(data.get("future")),
        historical=bool(data.get("historical")),
        evidence=tuple(Evidence(**item) for item in data.get("evidence") or ()),
    )


def iter_events(store: Store, **filters: Any) -> Iterator[StoredEvent]:
    """Every event passing ``filters`` (as ``Store.events``), for exports."""
    yield from store.events(**{**filters, "limit": None})
