"""The store end to end on the fixture news day: events, reports, idempotence, crashes, queries."""

from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

import rasd.store.db as db_module
from rasd.cli import app
from rasd.pipeline import dump_record, extract_text
from rasd.settings import Settings
from rasd.store import dedupe
from rasd.store.db import Store, StoreError
from tests.store.fixtures import (
    ALGIERS,
    BASRA,
    BASRA_ADDED,
    CORPUS,
    MOSUL_A,
    PUBLISHED,
    processed_record,
    write_corpus,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    """The corpus through the pipeline once; every test ingests these records."""
    return [processed_record(doc) for doc in CORPUS]


@pytest.fixture(scope="module")
def alone() -> dict[str, int]:
    """How many events each story yields on its own."""
    settings = Settings(published=PUBLISHED)
    return {
        name: len(extract_text(text, settings=settings).events)
        for name, text in (("basra", BASRA), ("mosul", MOSUL_A), ("algiers", ALGIERS))
    }


@pytest.fixture
def store(tmp_path: Path, records: list[dict[str, Any]]) -> Any:
    with Store(tmp_path / "news.db") as opened:
        opened.ingest_records(records, batch_size=2)
        yield opened


def _snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as db:
        return {
            table: sorted(db.execute(f"SELECT * FROM {table}"))
            for table in ("documents", "entities", "mentions", "events", "event_reports")
        } | {
            # the full-text tables: what each word finds, for every word indexed
            fts: sorted(
                (term, rowid)
                for (term,) in db.execute(f"SELECT DISTINCT term FROM {fts}_vocab")
                for (rowid,) in db.execute(
                    f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", (f'"{term}"',)
                )
            )
            for fts in _vocabularies(db)
        }


def _vocabularies(db: sqlite3.Connection) -> list[str]:
    """The full-text tables, each with an fts5vocab table beside it to list its words."""
    for fts in ("documents_fts", "mentions_fts"):
        db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{fts}_vocab USING fts5vocab(main, {fts}, row)"
        )
    return ["documents_fts", "mentions_fts"]


def _full_text_intact(path: Path) -> None:
    """Each full-text index is sound and indexes only rows that are stored: the documents'
    index keeps no text, so a row left behind would match words its document lacks."""
    with sqlite3.connect(path) as db:
        for fts in ("documents_fts", "mentions_fts"):
            db.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        for fts, table, key in (
            ("documents_fts", "documents", "rowid"),
            ("mentions_fts", "mentions", "id"),
        ):
            _vocabularies(db)
            indexed = {
                rowid
                for (term,) in db.execute(f"SELECT DISTINCT term FROM {fts}_vocab")
                for (rowid,) in db.execute(
                    f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", (f'"{term}"',)
                )
            }
            assert indexed <= {row[0] for row in db.execute(f"SELECT {key} FROM {table}")}


def test_fixture_day_makes_the_expected_events(store: Store, alone: dict[str, int]) -> None:
    assert alone["mosul"] == 1
    found = store.events(limit=None)
    # the wire story counts once, the two tolls make one attack, the march its own
    assert len(found) == alone["basra"] + 1 + alone["algiers"]
    basra = [e for e in found if {r.document_id for r in e.reports} >= {"basra-1"}]
    assert len(basra) == alone["basra"]
    for event in basra:
        assert [r.document_id for r in event.reports] == ["basra-1", "basra-2", "basra-3"]
        assert [r.duplicate_of for r in event.reports] == [None, "basra-1", "basra-1"]
        assert all(reason.startswith("near-duplicate of basra-1") for reason in event.merge_reasons)
    counts = store.counts()
    assert counts["duplicates"] == 2
    assert counts["documents"] == len(CORPUS)


def test_two_tolls_merge_into_the_lowest(store: Store) -> None:
    (attack,) = store.events(event_type="ASSAULT")
    assert [r.document_id for r in attack.reports] == ["mosul-a", "mosul-b"]
    killed = {c.value for c in attack.event.counts if c.kind == "killed"}
    assert killed == {5}
    reported = sorted(c.value for r in attack.reports for c in r.event.counts if c.kind == "killed")
    assert reported == [5, 7]
    (reason,) = attack.merge_reasons
    assert "same type ASSAULT" in reason and "km apart" in reason and "keeps 5" in reason
    assert store.event(attack.id) == attack
    assert store.event("999999") is None and store.event("x") is None


def test_ingesting_twice_changes_nothing(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    path = tmp_path / "twice.db"
    with Store(path) as store:
        store.ingest_records(records)
    before = _snapshot(path)
    with Store(path) as store:
        summary = store.ingest_records(records)
    assert summary.unchanged == len(records) and summary.stored == summary.reports == 0
    assert _snapshot(path) == before


def test_documents_are_stored_as_their_records_are(tmp_path: Path) -> None:
    """``ingest`` stores the JSON it dumped, byte for byte what ``ingest_records`` writes."""
    settings = Settings(published=PUBLISHED)
    docs = [extract_text(doc["text"], doc_id=doc["id"], settings=settings) for doc in CORPUS]
    with Store(tmp_path / "docs.db") as store:
        store.ingest(docs, batch_size=2)
    with Store(tmp_path / "records.db") as store:
        store.ingest_records([orjson.loads(dump_record(doc)) for doc in docs], batch_size=2)
    assert _snapshot(tmp_path / "docs.db") == _snapshot(tmp_path / "records.db")


def test_new_content_under_an_old_id_replaces_it(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    with Store(tmp_path / "replace.db") as store:
        store.ingest_records(records)
        events_before = store.counts()["events"]
        changed = processed_record({**CORPUS[4], "text": ALGIERS})  # mosul-b now carries other text
        summary = store.ingest_records([changed])
        assert summary.replaced == 1
        (attack,) = store.events(event_type="ASSAULT")
        assert [r.document_id for r in attack.reports] == ["mosul-a"]
        assert {(c.kind, c.value) for c in attack.event.counts} >= {("killed", 5)}
        assert store.counts()["events"] == events_before  # its reports joined the march
        assert store.counts()["documents"] == len(CORPUS)
        # the old text's full-text rows went with it
        assert {h.document_id for h in store.search("سيارة مفخخة")} == {"mosul-a"}
        assert "mosul-b" in {h.document_id for h in store.search("تظاهر الطلاب")}
    _full_text_intact(tmp_path / "replace.db")


def _links(path: Path) -> dict[str, str | None]:
    with sqlite3.connect(path) as db:
        return dict(db.execute("SELECT id, duplicate_of FROM documents"))


def test_copies_of_a_replaced_document_are_linked_again(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    path = tmp_path / "relink.db"
    with Store(path) as store:
        store.ingest_records(records)
    assert _links(path)["basra-2"] == _links(path)["basra-3"] == "basra-1"
    # a paragraph more: the copies still copy it
    with Store(path) as store:
        edited = {**CORPUS[0], "text": BASRA + BASRA_ADDED}
        assert store.ingest_records([processed_record(edited)]).replaced == 1
    assert _links(path)["basra-2"] == _links(path)["basra-3"] == "basra-1"
    # another story under the old id: the first copy becomes the original of the second
    with Store(path) as store:
        other = {**CORPUS[0], "text": ALGIERS}
        assert store.ingest_records([processed_record(other)]).replaced == 1
        links = _links(path)
        assert links["basra-1"] == "algiers"
        assert links["basra-2"] is None
        assert links["basra-3"] == "basra-2"
        # and the new original is found by the copies that come after
        later = {**CORPUS[2], "id": "basra-4"}
        assert store.ingest_records([processed_record(later)]).duplicates == 1
    assert _links(path)["basra-4"] == "basra-2"


KILLER = """
import os, signal, sys, orjson
from rasd.store.db import Store
records = [orjson.loads(line) for line in open(sys.argv[2], "rb")]
seen = []
def hook(record):
    seen.append(record["id"])
    if len(seen) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
Store(sys.argv[1]).ingest_records(records, batch_size=2, on_document=hook)
"""


def test_killed_ingest_resumes_without_loss_or_duplicate(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    source = tmp_path / "records.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    path = tmp_path / "killed.db"
    # killed in the middle of the third batch: two batches (four documents) are committed
    run = subprocess.run(
        [sys.executable, "-c", KILLER, str(path), str(source), "5"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()
    with Store(path) as store:
        assert store.counts()["documents"] == 4
        summary = store.ingest_records(records)
        assert (summary.unchanged, summary.stored) == (4, 2)
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        store.ingest_records(records)
    assert _snapshot(path) == _snapshot(reference)


def test_a_failing_batch_rolls_back_and_the_index_with_it(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    def fail_on_third(record: dict[str, Any]) -> None:
        if record["id"] == CORPUS[2]["id"]:
            raise RuntimeError("disk on fire")

    path = tmp_path / "raise.db"
    with Store(path) as store:
        with pytest.raises(RuntimeError):
            store.ingest_records(records, batch_size=2, on_document=fail_on_third)
        assert store.counts()["documents"] == 2
        store.ingest_records(records)
    reference = tmp_path / "reference.db"
    with Store(reference) as store:
        store.ingest_records(records)
    assert _snapshot(path) == _snapshot(reference)


def test_search_ignores_harakat_and_clitics(store: Store) -> None:
    # the march is written تَظاهَرَ آلافُ الطُّلّاب
    (hit,) = store.search("تظاهر الطلاب")
    assert hit.document_id == "algiers" and "الطلاب" in hit.snippet
    assert hit.event_ids
    # one outlet writes بسيارة, the query سيارة; the title says بالموصل
    assert {h.document_id for h in store.search("سيارة مفخخة")} == {"mosul-a", "mosul-b"}
    assert {h.document_id for h in store.search("الموصل سبعة")} == {"mosul-b"}
    assert store.search("طائرة مسيرة") == []
    assert store.search('" OR *') == []
    (attack,) = store.events(event_type="ASSAULT")
    assert store.search_events("سيارة مفخخة") == [attack.id]


def test_event_filters(store: Store) -> None:
    (attack,) = store.events(event_type="assault")
    assert attack.id in {e.id for e in store.events(country="irq")}
    assert attack.id not in {e.id for e in store.events(country="DZA")}
    assert store.events(event_type="ASSAULT", since="2019-03-05") == []
    assert store.events(event_type="ASSAULT", until="2019-03-03") == []
    assert [e.id for e in store.events(since="2019-03-04", until="2019-03-04")].count(attack.id)
    # Mosul is 36.34N 43.12E; Basra, 770 km away, is outside 50 km and inside 1,000 km
    near = store.events(near=(36.30, 43.10, 50))
    assert [e.id for e in near] == [attack.id]
    assert len(store.events(near=(36.30, 43.10, 1000))) > 1
    assert store.events(actor="IRQBUS") == [attack]
    assert len(store.events(limit=2)) == 2
    with pytest.raises(ValueError):
        store.events(since="yesterday")


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="not a rasd store"):
        Store(path)
    newer = tmp_path / "newer.db"
    Store(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("UPDATE meta SET value='99' WHERE key='schema'")
    with pytest.raises(StoreError, match="newer rasd"):
        Store(newer)


def test_an_older_store_is_upgraded_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    entity = {"start": 0, "end": 2, "text": "نص", "label": "MISC", "kb_id": None}
    with Store(path) as store:
        store.ingest_records(
            [
                {
                    "id": "a",
                    "text": "نص قصير.",
                    "language": "ar",
                    "origin": "x",
                    "entities": [entity],
                    "events": [],
                }
            ]
        )
    # layout 1 had an index on entities.kb_id, which layout 2 drops, and signatures hashed
    # shingle by shingle, which layout 2 makes again from the stored text; layout 3 an
    # entities table, and up to 3 the full-text index kept a copy of each text
    with sqlite3.connect(path) as db:
        _layout_2_tables(db)
        db.execute("CREATE INDEX entities_kb_id ON entities(kb_id)")
        db.execute("UPDATE documents SET minhash = zeroblob(512)")
        db.execute("UPDATE meta SET value='1' WHERE key='schema'")
    with Store(path) as store:
        assert store.counts()["documents"] == 1
        copy = store.ingest_records(
            [{"id": "b", "text": "نصٌّ قصير.", "language": "ar", "origin": "x", "events": []}]
        )
        assert copy.duplicates == 1
        assert {hit.document_id for hit in store.search("قصير")} == {"a", "b"}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key='schema'").fetchone() == ("4",)
        # the index was copied (search found "a" above), its text was not
        assert db.execute("SELECT title, body FROM documents_fts").fetchall() == [(None, None)] * 2
        # the entities are a view of the records now, no table to index
        assert db.execute("SELECT type FROM sqlite_master WHERE name='entities'").fetchone() == (
            "view",
        )
        assert db.execute(
            'SELECT e.start, e."end", e.text, e.label, e.kb_id FROM entities e'
            " JOIN documents d ON d.rowid = e.document WHERE d.id = 'a'"
        ).fetchall() == [(0, 2, "نص", "MISC", None)]
        stored = db.execute("SELECT minhash FROM documents WHERE id='a'").fetchone()[0]
        assert stored == dedupe.to_bytes(dedupe.signature("نص قصير."))
    with Store(path) as store:
        # a document indexed before the upgrade still leaves the index when replaced
        other = {"id": "a", "text": "خبر آخر.", "language": "ar", "origin": "x", "events": []}
        assert store.ingest_records([other]).replaced == 1
        assert {hit.document_id for hit in store.search("قصير")} == {"b"}
        assert {hit.document_id for hit in store.search("خبر")} == {"a"}
    _full_text_intact(path)
    # a future layout 3 that adds a column: layout 2 stores are upgraded in place
    current = db_module.STORE_SCHEMA
    monkeypatch.setattr(db_module, "STORE_SCHEMA", current + 1)
    monkeypatch.setattr(
        db_module,
        "MIGRATIONS",
        {**db_module.MIGRATIONS, current: "ALTER TABLE documents ADD COLUMN reviewed INTEGER;"},
    )
    with Store(path) as store:
        assert store.counts()["documents"] == 2
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        assert row == (str(current + 1),)
        columns = {row[1] for row in db.execute("PRAGMA table_info(documents)")}
        assert "reviewed" in columns
    # a layout with no migration to the current one is refused, with what to do
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value='0' WHERE key='schema'")
    with pytest.raises(StoreError, match="cannot upgrade: ingest the documents into a new"):
        Store(path)


def _layout_2_tables(db: sqlite3.Connection) -> None:
    """Layout 2's entities table, one row per entity, in place of layout 3's view, and its
    full-text index of documents with their text, in place of layout 4's contentless one."""
    db.execute("DROP TABLE documents_fts")
    db.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(title, body)")
    db.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (1, '', 'نص قصير.')")
    db.execute("DROP TABLE mentions_fts")
    db.execute("CREATE VIRTUAL TABLE mentions_fts USING fts5(sentence)")
    db.execute("DROP VIEW entities")
    db.execute(
        'CREATE TABLE entities (document INTEGER NOT NULL, start INTEGER NOT NULL, "end"'
        " INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL, kb_id TEXT)"
    )
    db.execute("INSERT INTO entities VALUES (1, 0, 2, 'نص', 'MISC', NULL)")


def test_cli_ingest_events_show_search(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news.jsonl")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    assert "6 new" in first.output and "2 near-duplicates" in first.output
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db, "-q"])
    assert again.exit_code == 0 and again.output == ""
    listed = runner.invoke(app, ["events", "--db", db, "--type", "ASSAULT", "--format", "csv"])
    (row,) = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert (row["killed"], row["reports"], row["country"]) == ("5", "2", "IRQ")
    lines = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    assert all(json.loads(line)["event"]["event_type"] for line in lines)
    shown = runner.invoke(app, ["event", "show", row["id"], "--db", db])
    assert shown.exit_code == 0
    assert "killed: 5 (reported: 5, 7)" in shown.stdout and "ACLED" in shown.stdout
    assert "قتل سبعة أشخاص" in shown.stdout and "same type ASSAULT" in shown.stdout
    table = runner.invoke(app, ["events", "--db", db, "--near", "36.3,43.1,50"])
    assert table.exit_code == 0 and "ASSAULT" in table.stdout
    bad = runner.invoke(app, ["events", "--db", db, "--near", "36.3,43.1"])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["event", "show", "424242", "--db", db])
    assert missing.exit_code == 1
    found = runner.invoke(app, ["search", "سيارة مفخخة", "--db", db])
    assert "mosul-a" in found.stdout and "mosul-b" in found.stdout


def test_stats_are_cached_until_the_store_changes(
    tmp_path: Path, records: list[dict[str, Any]]
) -> None:
    from rasd.store.db import EventFilter

    with Store(tmp_path / "stats.db") as store:
        store.ingest_records(records[:2])
        first = store.stats(EventFilter())
        assert store.stats(EventFilter()) is first  # the same answer, not recomputed
        before = store.generation()
        store.ingest_records(records[2:])
        assert store.generation() > before
        after = store.stats(EventFilter())
        assert after is not first
        assert after["total"] >= first["total"]
        assert after == store._stats(EventFilter())


def _attack(killed: int) -> dict[str, Any]:
    """An event object as a record holds it: one attack in Mosul on 2019-03-04."""
    return {
        "event_type": "ASSAULT",
        "confidence": 0.5,
        "date": {"value": "2019-03-04", "precision": "day"},
        "location": {
            "start": 0,
            "end": 1,
            "text": "x",
            "lat": 36.34,
            "lon": 43.13,
            "country": "IRQ",
            "admin1": "Nineveh",
            "precision": 1,
        },
        "counts": [{"kind": "killed", "value": killed, "start": 0, "end": 1, "text": "x"}],
    }


def test_reports_in_one_batch_find_the_event_the_batch_founded(tmp_path: Path) -> None:
    """Within a batch, the merge candidates and the merged reading are kept between reports
    (``Store._asked``, ``Store._joined``): a report must still see an event founded, and a
    count lowered, by an earlier report of the same batch, and the batch's end writes both."""
    texts = ["هجوم في الموصل صباح اليوم.", "انفجار قرب سوق المدينة.", "قتلى في حادث أمني شمالا."]
    records = [
        {"id": f"r{n}", "text": text, "language": "ar", "origin": "x", "events": [_attack(k)]}
        for n, (text, k) in enumerate(zip(texts, (7, 5, 6), strict=True))
    ]
    for batch_size in (1, 3):
        path = tmp_path / f"batch{batch_size}.db"
        with Store(path) as store:
            summary = store.ingest_records(records, batch_size=batch_size)
            assert (summary.new_events, summary.merged) == (1, 2)
            (event,) = store.events()
            assert len(event.reports) == 3
            assert [(c.kind, c.value) for c in event.event.counts] == [("killed", 5)]
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT reports FROM events").fetchall() == [(3,)]
    assert _snapshot(tmp_path / "batch1.db") == _snapshot(tmp_path / "batch3.db")
