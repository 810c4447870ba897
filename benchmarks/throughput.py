"""Throughput and peak memory of ingestion plus the text layer, in one process.

    python benchmarks/throughput.py            # 3,000 documents of 3,000 characters
    python benchmarks/throughput.py --docs 10000 --chars 3000 --jobs 2

Writes a JSONL corpus of article-sized Arabic documents (sentences of the seed article
reshuffled, some with harakat, Arabic-Indic digits and tatweel as real news has), then
measures, each in a fresh child process so that peak RSS is its own:

- ``read+text``: reading the JSONL, language identification and the text layer (issue 3's
  target: at least 2,000 documents/s and under 300 MB on one core);
- ``ner``: tagging alone on the documents' tokens, in tokens/s (issue 4's target: at least
  50,000 tokens/s on one core, features included);
- ``extract``: every stage plus writing every output record (what ``rasd extract`` does;
  the finished pipeline's goal is 300 documents/s on one core);
- ``stages``: the time of each stage of ``rasd.pipeline.STAGES`` per document, one run
  over the corpus timing every stage call, to show where ``extract`` spends it; the
  models are loaded on one document before (the time it took is printed too).

Prints the figures and peak RSS with the machine and commit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "examples" / "baghouz_surrender_ar.txt"
HARAKAT = "\u064e\u064f\u0650\u0651\u0652"


def make_corpus(path: Path, *, docs: int, chars: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    sentences = [s.strip() for s in SEED_ARTICLE.read_text("utf-8").replace("\n", " ").split(".")]
    sentences = [s + "." for s in sentences if len(s) > 20]
    with path.open("w", encoding="utf-8") as out:
        for number in range(docs):
            parts: list[str] = []
            size = 0
            while size < chars:
                sentence = rng.choice(sentences)
                if rng.random() < 0.1:  # a word with harakat
                    cut = rng.randrange(1, len(sentence))
                    sentence = sentence[:cut] + rng.choice(HARAKAT) + sentence[cut:]
                if rng.random() < 0.05:  # Arabic-Indic digits
                    sentence = sentence.replace("150", "١٥٠")
                parts.append(sentence)
                size += len(sentence) + 1
                if rng.random() < 0.2:
                    parts.append("\n\n")
            text = " ".join(parts)[:chars]
            record = {"id": f"bench-{number}", "text": text, "published": "2019-03-05"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def measure(mode: str, corpus: Path, jobs: int) -> dict[str, float]:
    from rasd.pipeline import (
        STAGES,
        add_text_layer,
        apply_defaults,
        dump_record,
        identify,
        process,
        process_many,
        tag_entities,
    )
    from rasd.settings import Settings
    from rasd.sources import iter_documents

    settings = Settings()
    started = time.perf_counter()
    count = 0
    if mode == "stages":
        # One document first, untimed: loading the models is once a process, not a
        # document's cost (the NER model alone takes about 0.5 s, 0.25 ms a document of
        # a 2,000-document run).
        loading = time.perf_counter()
        process(next(iter_documents([str(corpus)], settings)), settings)
        loaded = time.perf_counter() - loading
        spent = dict.fromkeys((name for name, _ in STAGES), 0.0)
        for doc in iter_documents([str(corpus)], settings):
            for name, stage in STAGES:
                begun = time.perf_counter()
                doc = stage(doc, settings)
                spent[name] += time.perf_counter() - begun
            count += 1
        return {"loading": loaded} | {name: 1000 * s / count for name, s in spent.items()}
    if mode == "read+text":
        for doc in iter_documents([str(corpus)], settings):
            add_text_layer(identify(apply_defaults(doc, settings), settings), settings)
            count += 1
    elif mode == "ner":
        docs = [
            add_text_layer(identify(doc, settings), settings)
            for doc in iter_documents([str(corpus)], settings)
        ]
        tag_entities(docs[0], settings)  # load the model outside the timing
        started = time.perf_counter()
        for doc in docs:
            tag_entities(doc, settings)
            count += len(doc.tokens)
    else:
        with Path(os.devnull).open("wb") as sink:
            if jobs > 1:
                for outcome in process_many(
                    iter_documents([str(corpus)], settings), settings, jobs=jobs
                ):
                    sink.write(outcome.line)
                    count += 1
            else:
                for doc in iter_documents([str(corpus)], settings):
                    sink.write(dump_record(process(doc, settings)))
                    count += 1
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "documents": count,
        "seconds": seconds,
        "docs_per_s": count / seconds,
        "peak_rss_mb": peak_mb,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        or "uncommitted"
    )
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, commit {commit}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for 'extract'")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, corpus = args.child
        print(json.dumps(measure(mode, Path(corpus), args.jobs)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, docs=args.docs, chars=args.chars)
        size_mb = corpus.stat().st_size / 1e6
        print(f"machine: {machine()}")
        print(
            f"corpus: {args.docs:,} documents x {args.chars:,} characters, "
            f"{size_mb:.1f} MB of JSONL"
        )
        for mode in ("read+text", "ner", "extract", "stages"):
            result = subprocess.run(
                [sys.executable, __file__, "--jobs", str(args.jobs), "--child", mode, str(corpus)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(result.stdout)
            if mode == "stages":
                loaded = figures.pop("loading")
                times = ", ".join(f"{name} {ms:.2f}" for name, ms in figures.items())
                print(f"{mode:>10}: ms a document: {times} (after loading, {loaded:.2f} s)")
                continue
            jobs = f", {args.jobs} jobs" if mode == "extract" and args.jobs > 1 else ""
            if mode == "ner":
                print(
                    f"{mode:>10}: {figures['docs_per_s']:,.0f} tokens/s "
                    f"({figures['documents']:,} tokens in {figures['seconds']:.2f} s)"
                )
                continue
            print(
                f"{mode:>10}{jobs}: {figures['docs_per_s']:,.0f} documents/s "
                f"({figures['documents']:,} in {figures['seconds']:.2f} s), "
                f"peak RSS {figures['peak_rss_mb']:.0f} MB"
            )


if __name__ == "__main__":
    main()
