"""NER tagging speed on one core, feature extraction included: tokens/s.

    python benchmarks/ner_throughput.py [--data ../shared/data]

Tags every ANERcorp sentence with a freshly loaded committed model (cold feature cache,
so the first pass pays for every distinct word), then again (warm cache), and prints
tokens/s for both along with the load time. Sentences go to the tagger 20 at a time, as
``rasd extract`` hands it a document's sentences together.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = 20  # sentences of an article


def _sentences(path: Path) -> list[list[str]]:
    sentences: list[list[str]] = [[]]
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            sentences[-1].append(line.rpartition(" ")[0] or line)
        elif sentences[-1]:
            sentences.append([])
    return [words for words in sentences if words]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    args = parser.parse_args()
    sentences = _sentences(args.data / "anercorp" / "train.txt")
    tokens = sum(map(len, sentences))

    started = time.perf_counter()
    from rasd.ner.tagger import NerTagger

    tagger = NerTagger.load()
    loaded = time.perf_counter() - started
    out = sys.stdout
    out.write(f"{platform.processor() or platform.machine()}, python {platform.python_version()}\n")
    out.write(f"load (import + model + gazetteer + classes): {loaded:.3f} s\n")
    for label in ("cold cache", "warm cache"):
        started = time.perf_counter()
        for at in range(0, len(sentences), DOCUMENT):
            tagger.tag_many(sentences[at : at + DOCUMENT])
        elapsed = time.perf_counter() - started
        out.write(
            f"{label}: {tokens} tokens in {elapsed:.2f} s = {tokens / elapsed:,.0f} tokens/s\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
