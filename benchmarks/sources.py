"""Reading cost of rasd.sources alone: microseconds per document through iter_documents.

    python benchmarks/sources.py                  # 3,000 JSONL lines of 3,000 characters
    python benchmarks/sources.py --docs 10000 --chars 3000 --repeat 5

Writes JSONL corpora of article-sized Arabic documents (sentences of the seed article
reshuffled), once as UTF-8 and once with every letter \\u-escaped (Python's json.dumps
default), and times reading them (best of --repeat runs). Reading should take a small part
of the 500 µs a document that the pipeline target of 2,000 documents/s allows.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import tempfile
import time
from pathlib import Path

from rasd.settings import Settings
from rasd.sources import iter_documents

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "examples" / "baghouz_surrender_ar.txt"


def make_corpus(path: Path, *, docs: int, chars: int, ascii_only: bool, seed: int = 0) -> None:
    rng = random.Random(seed)
    sentences = [s.strip() + "." for s in SEED_ARTICLE.read_text("utf-8").split(".")]
    sentences = [s for s in sentences if len(s) > 20]
    with path.open("w", encoding="utf-8") as out:
        for number in range(docs):
            text = ""
            while len(text) < chars:
                text += rng.choice(sentences) + " "
            record = {
                "id": f"bench-{number}",
                "text": text[:chars],
                "title": "استسلام بعض مقاتلي داعش",
                "url": f"https://example.com/{number}",
                "published": "2019-03-05T09:30:00+03:00",
            }
            out.write(json.dumps(record, ensure_ascii=ascii_only) + "\n")


def time_reading(path: Path, *, repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` reads, and the number of documents read."""
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = sum(1 for doc in iter_documents([str(path)], Settings()) if doc.ok)
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        for ascii_only in (False, True):
            corpus = Path(folder) / f"corpus-{ascii_only}.jsonl"
            make_corpus(corpus, docs=args.docs, chars=args.chars, ascii_only=ascii_only)
            seconds, count = time_reading(corpus, repeat=args.repeat)
            label = "\\u-escaped" if ascii_only else "UTF-8"
            print(
                f"JSONL {label:10} {count} docs x {args.chars} chars "
                f"({corpus.stat().st_size / 1e6:.1f} MB): {seconds * 1e6 / count:.1f} µs/doc, "
                f"{count / seconds:,.0f} docs/s"
            )


if __name__ == "__main__":
    main()
