"""Throughput of ``rasd ingest`` against ``rasd extract``, store size, query and search latency.

    python benchmarks/store.py                      # 2,000 documents, 100,000 events
    python benchmarks/store.py --docs 10000 --events 100000

1. ``extract``: every stage plus writing each output record, on the article-sized corpus of
   ``benchmarks/throughput.py``; ``ingest``: the same stages plus storing, deduplicating and
   merging into a store that grows to the whole corpus (issue 7's target: at least 80% of
   extract's documents/s), timed in alternate chunks; the store's own cost per document
   (the extracted records ingested into a second store, timed alone: what the store adds,
   without the pipeline's noise on a shared machine); and the database size per 1,000
   documents.
2. A second store filled with ``--events`` synthetic events (the coded events of a real
   article spread over ten years and the Middle East, so they stay apart), then the median
   and worst latency of filtered ``events`` queries and ``search`` (target: under 50 ms).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import SEED_ARTICLE, machine, make_corpus

from rasd.pipeline import dump_record, extract_text, process
from rasd.settings import Settings
from rasd.sources import iter_documents
from rasd.store.db import Store

TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN", "ACCUSE", "AID", "CONSULT")
COUNTRIES = ("IRQ", "SYR", "YEM", "LBY", "EGY", "LBN", "JOR", "TUN", "DZA", "SDN")


def pipeline_rates(corpus: Path, db: Path, chunk: int = 250) -> dict[str, float]:
    """Documents/s of extract and of ingest, timed in alternate chunks of the corpus.

    Alternating (extract a chunk, ingest the same chunk into the growing store, next chunk)
    lets a busy machine slow both alike, where timing all of one then all of the other
    compares two different moments; the store still grows to the whole corpus.
    """
    settings = Settings()
    docs = list(iter_documents([str(corpus)], settings))  # read once, outside both timings
    process(docs[0], settings)  # load the models outside both timings
    extract_s = ingest_s = store_s = 0.0
    reports = duplicates = 0
    alone = db.with_name("alone.db")
    with Store(db) as store, Store(alone) as store_alone:
        for first in range(0, len(docs), chunk):
            part = docs[first : first + chunk]
            started = time.perf_counter()
            lines = [dump_record(process(doc, settings)) for doc in part]
            extract_s += time.perf_counter() - started
            started = time.perf_counter()
            store_alone.ingest_records(orjson.loads(line) for line in lines)
            store_s += time.perf_counter() - started
            del lines
            started = time.perf_counter()
            summary = store.ingest(process(doc, settings) for doc in part)
            ingest_s += time.perf_counter() - started
            reports += summary.reports
            duplicates += summary.duplicates
        counts = store.counts()
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {
        "documents": len(docs),
        "extract_per_s": len(docs) / extract_s,
        "ingest_per_s": len(docs) / ingest_s,
        "store_ms": store_s / len(docs) * 1000,
        "mb_per_1000": size / 1e6 / len(docs) * 1000,
        "events": counts["events"],
        "reports": reports,
        "duplicates": duplicates,
    }


def synthetic_records(events: int, per_doc: int = 10, seed: int = 0) -> list[dict[str, Any]]:
    """Records carrying ``per_doc`` events each, at random dates, places and types."""
    rng = random.Random(seed)
    text = SEED_ARTICLE.read_text("utf-8")
    base: dict[str, Any] = orjson.loads(
        dump_record(extract_text(text, settings=Settings(published="2019-03-05")))
    )
    template = base["events"][0]
    sentences = [s.strip() + "." for s in text.replace("\n", " ").split(".") if len(s) > 20]
    records = []
    for number in range(events // per_doc):
        chosen = rng.sample(sentences, 4)
        body = " ".join(chosen)
        found = []
        for _ in range(per_doc):
            day = 735600 + rng.randrange(3650)
            lat, lon = rng.uniform(13, 37), rng.uniform(9, 55)
            found.append(
                {
                    **template,
                    "event_type": rng.choice(TYPES),
                    "date": {"value": _iso(day), "precision": "day"},
                    "location": {
                        "start": 0,
                        "end": 1,
                        "text": "x",
                        "lat": lat,
                        "lon": lon,
                        "country": rng.choice(COUNTRIES),
                        "admin1": f"a{rng.randrange(20)}",
                        "precision": 1,
                    },
                    "evidence": [
                        {
                            "sentence_start": 0,
                            "sentence_end": len(chosen[0]),
                            "trigger_start": 0,
                            "trigger_end": 1,
                            "trigger": body[0],
                        }
                    ],
                }
            )
        records.append(
            {**base, "id": f"synthetic-{number}", "text": body, "title": None, "events": found}
        )
    return records


def _iso(ordinal: int) -> str:
    from datetime import date

    return date.fromordinal(ordinal).isoformat()


def _ms(fn: Any, repeat: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def query_latency(db: Path, events: int) -> dict[str, Any]:
    records = synthetic_records(events)
    started = time.perf_counter()
    with Store(db) as store:
        store.ingest_records(records, batch_size=500)
        fill_s = time.perf_counter() - started
        # the synthetic input is not what a server holds: a full garbage collection over its
        # 100,000 dicts, landing inside a timed query, cost one query 350 ms
        del records
        gc.collect()
        counts = store.counts()
        queries = {
            "type+country+since, 100": lambda: store.events(
                event_type="ASSAULT", country="IRQ", since="2020-01-01", limit=100
            ),
            "date window, 100": lambda: store.events(
                since="2019-03-01", until="2019-03-31", limit=100
            ),
            "near 50 km": lambda: store.events(near=(33.3, 44.4, 50), limit=100),
            "no filter, 100": lambda: store.events(limit=100),
            "search 2 words, 20": lambda: store.search("قوات سوريا", limit=20),
            "search evidence, 20": lambda: store.search_events("الباغوز", limit=20),
        }
        timings = {name: _ms(fn) for name, fn in queries.items()}
    return {"fill_s": fill_s, "counts": counts, "timings": timings}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, docs=args.docs, chars=args.chars)
        rates = pipeline_rates(corpus, Path(tmp) / "pipeline.db")
        print(
            f"{rates['documents']:,} documents x {args.chars:,} characters: "
            f"extract {rates['extract_per_s']:.0f} docs/s, ingest {rates['ingest_per_s']:.0f} "
            f"docs/s ({rates['ingest_per_s'] / rates['extract_per_s']:.0%} of extract); the store "
            f"alone {rates['store_ms']:.2f} ms a document (ingest minus extract "
            f"{1000 / rates['ingest_per_s'] - 1000 / rates['extract_per_s']:.2f} ms); "
            f"{rates['mb_per_1000']:.1f} MB per 1,000 documents; {rates['reports']:,} reports "
            f"into {rates['events']:,} events, {rates['duplicates']:,} near-duplicates"
        )
        latency = query_latency(Path(tmp) / "events.db", args.events)
        counts = latency["counts"]
        print(
            f"store of {counts['events']:,} events ({counts['reports']:,} reports, "
            f"{counts['documents']:,} documents) filled in {latency['fill_s']:.1f} s"
        )
        for name, (median, worst) in latency["timings"].items():
            print(f"  {name:<28} median {median:6.2f} ms, worst {worst:6.2f} ms")


if __name__ == "__main__":
    main()
