"""Near-duplicate articles: syndicated and lightly edited copies of one wire story.

GDELT's exact-duplicate filter misses a story that another outlet ran with a new headline
or one more paragraph, so one event becomes many rows. A MinHash signature over word
5-shingles of the normalised text (harakat, tatweel and letter variants do not count as
edits) estimates the Jaccard similarity of two articles; an LSH index finds the candidates
in constant time, and the estimate is checked before a copy is linked to its original.
Signatures are stored with the documents, so the index is rebuilt when a store opens.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, count, repeat
from operator import add

import numpy as np
from datasketch import MinHash, MinHashLSH

from rasd.text import normalize

NUM_PERM = 128
SEED = 1  # fixed: signatures stored in a database must stay comparable across runs
SCHEME = "affine32"  # datasketch's hashing scheme, named so that a new default cannot change it
# Shingles are hashed with CRC-32 (C, 32 bits, as the scheme wants): four times faster than
# datasketch's SHA-1 wrapper, and the permutations, not this hash, make the estimate.
SHINGLE = 5  # words per shingle
THRESHOLD = 0.7  # estimated Jaccard similarity from which an article is a copy

_WORD = re.compile(r"\w+")


@cache
def _template() -> MinHash:
    """An empty MinHash whose permutations every signature shares (made once, not per call)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=zlib.crc32)


def shingles(text: str) -> list[bytes]:
    """The word 5-shingles of the normalised text (the whole text when it is shorter).

    Each shingle is its words joined by one space, UTF-8: cut as slices of the whole text
    so joined and encoded once, not once per shingle (stored signatures depend on these
    bytes, so the form must not change).
    """
    return normalized_shingles(normalize(text))


def normalized_shingles(flat: str) -> list[bytes]:
    """``shingles`` of a text already normalised (``flat`` is ``normalize(text)``).

    Word boundaries are found with C-level iterators (lengths, running sums), not a Python
    expression per word: a 3,000-character article has some 500 words.
    """
    words = _WORD.findall(flat)
    if len(words) < SHINGLE:
        return [" ".join(words).encode("utf-8")] if words else []
    data = " ".join(words).encode("utf-8")
    # where each word ends: its running length plus the spaces before it
    stops = list(map(add, accumulate(map(len, data.split(b" "))), count()))
    starts = [0, *map(add, stops, repeat(1))]  # one past the space after each word
    return list(map(data.__getitem__, map(slice, starts, stops[SHINGLE - 1 :])))


def signature(text: str) -> MinHash:
    """The MinHash of ``text``'s shingles."""
    return signature_of(shingles(text))


def signature_of(found: list[bytes]) -> MinHash:
    """The MinHash of shingles already made."""
    minhash = _template().copy()
    if found:
        minhash.update_batch(found)
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """The signature as stored in the database: 128 little-endian uint32."""
    return bytes(np.asarray(minhash.hashvalues, dtype="<u4").tobytes())


def from_bytes(data: bytes) -> MinHash:
    """A signature read back from the database."""
    template = _template()
    values = np.frombuffer(data, dtype="<u4").astype(template.hashvalues.dtype)
    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashvalues=values,
        permutations=template.permutations,
        scheme=SCHEME,
        hashfunc=zlib.crc32,
    )


@dataclass(frozen=True, slots=True)
class Match:
    """The original that a document copies, and how alike the two are (estimated Jaccard)."""

    key: str
    similarity: float


class DuplicateIndex:
    """An LSH index of the stored originals' signatures.

    Only originals go in: a copy of a copy is linked to the first article, not the chain.
    """

    __slots__ = ("_lsh", "_signatures")

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def get(self, key: str) -> MinHash:
        return self._signatures[key]

    def add(self, key: str, minhash: MinHash) -> None:
        if key not in self._signatures:
            self._lsh.insert(key, minhash)
            self._signatures[key] = minhash

    def remove(self, key: str) -> None:
        if self._signatures.pop(key, None) is not None:
            self._lsh.remove(key)

    def find(self, minhash: MinHash, *, exclude: str | None = None) -> Match | None:
        """The most similar original at or above the threshold, ``None`` when there is none.

        Ties go to the smallest key, so the answer does not depend on set order.
        """
        best: Match | None = None
        for key in self._lsh.query(minhash):
            if key == exclude:
                continue
            similarity = float(minhash.jaccard(self._signatures[key]))
            if similarity < THRESHOLD:
                continue
            if best is None or (similarity, best.key) > (best.similarity, key):
                best = Match(key, similarity)
        return best
