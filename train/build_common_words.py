"""Write ANERcorp's frequent words that are seldom names, two lists in ``src/rasd/resources``.

    python train/build_common_words.py --data ../shared/data

- ``ner_common_words.txt.gz``: words seldom in a person's name. ``rasd.ner.titles`` reads a
  word after a title as a name only when it is not one of these (قال، أمس، إن). The
  thresholds are ``rasd.ner.titles.COMMON_MIN_COUNT`` and ``COMMON_MIN_OTHER_RATE``, tuned by
  ``build_ner.py --cv 5``, which builds the same list from each fold's training side.
- ``not_names.txt.gz``: words seen at least ``NOT_NAMES_MIN_COUNT`` times and in no name at
  all (any label) at least ``NOT_NAMES_MIN_OTHER_RATE`` of them. ``rasd.grounding.places``
  does not read such a word as a place the tagger missed (بأنه is no Baneh, الحصار no
  Hisar, خمس no Al Khums), unless it names a country or a curated place.

Same corpus, same bytes (sorted, gzip without mtime).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

from rasd.evaluate import read_conll
from rasd.grounding.places import NOT_NAMES_RESOURCE
from rasd.ner.titles import (
    COMMON_MIN_COUNT,
    COMMON_MIN_OTHER_RATE,
    COMMON_WORDS_RESOURCE,
    common_words,
)

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "rasd" / "resources"
OUT = RESOURCES / COMMON_WORDS_RESOURCE
NOT_NAMES_MIN_COUNT = 3
NOT_NAMES_MIN_OTHER_RATE = 0.98


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    args = parser.parse_args(argv)

    corpus = args.data / "anercorp" / "train.txt"
    sentences = [(s.tokens, s.tags) for s in read_conll(corpus)]
    manifest_path = RESOURCES / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    lists = (
        (
            COMMON_WORDS_RESOURCE,
            common_words(sentences),
            f"normalized words of ANERcorp train seen >= {COMMON_MIN_COUNT} times"
            f" and outside a person name (not PER) >= {COMMON_MIN_OTHER_RATE:.0%} of them",
        ),
        (
            NOT_NAMES_RESOURCE,
            common_words(
                sentences,
                min_count=NOT_NAMES_MIN_COUNT,
                min_other_rate=NOT_NAMES_MIN_OTHER_RATE,
                labels=("PER", "LOC", "ORG", "MISC"),
            ),
            f"normalized words of ANERcorp train seen >= {NOT_NAMES_MIN_COUNT} times"
            f" and outside any name (O) >= {NOT_NAMES_MIN_OTHER_RATE:.0%} of them",
        ),
    )
    for name, words, content in lists:
        data = gzip.compress(("\n".join(words) + "\n").encode("utf-8"), 9, mtime=0)
        (RESOURCES / name).write_bytes(data)
        manifest[name] = {
            "sha256": _sha256(data),
            "size": len(data),
            "build": "python train/build_common_words.py --data DATA",
            "data": {"anercorp/train.txt": _sha256(corpus.read_bytes())},
            "content": content,
        }
        sys.stdout.write(f"{RESOURCES / name}: {len(words)} words, {len(data)} bytes\n")
    manifest_path.write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
