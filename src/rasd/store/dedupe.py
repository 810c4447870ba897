"""Near-duplicate articles: syndicated and lightly edited copies of one wire story.

GDELT's exact-duplicate filter misses a story that another outlet ran with a new headline
or one more paragraph, so one event becomes many rows. A MinHash signature over word
5-shingles of the normalised text (harakat, tatweel and letter variants do not count as
edits) estimates the Jaccard similarity of two articles; an LSH index finds the candidates
in constant time, and the estimate is checked before a copy is linked to its original.
Signatures are stored with the documents, so the index is rebuilt when a store opens.

Everything after finding the words is array arithmetic, a few numpy operations per
document: each word is hashed once (CRC-32 of its UTF-8) and each shingle's hash is a
weighted sum of its five words' mixed hashes, not a CRC of five words' bytes cut and hashed
one shingle at a time. The permutations are datasketch's ``MinHash`` (scheme ``affine32``,
seed 1, 128 permutations) and the banding its ``MinHashLSH`` at threshold 0.7, bit for bit
(tests hold them together), without its per-object bookkeeping.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rasd.text import normalize

NUM_PERM = 128
SEED = 1  # fixed: signatures stored in a database must stay comparable across runs
SHINGLE = 5  # words per shingle
THRESHOLD = 0.7  # estimated Jaccard similarity from which an article is a copy
# datasketch's MinHashLSH(threshold=0.7, num_perm=128) chooses 14 bands of 9 rows: the
# banding that minimises its false positive and negative rates at that threshold
BANDS = 14
ROWS = 9

Signature = npt.NDArray[np.uint32]  # NUM_PERM minimum hash values
Hashes = npt.NDArray[np.uint32]

_WORD = re.compile(r"\w+")
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)  # the signature of no shingle
_BAND = np.dtype((np.void, 4 * ROWS))  # one band's rows as one hashable bytes value
# odd weights of a shingle's word positions (fixed: stored signatures depend on them), so
# that the same words in another order make another shingle
_WEIGHTS = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)


def _permutations() -> tuple[Signature, Signature]:
    """The affine permutations ``h -> a * h + b mod 2**32`` (``a`` odd), as datasketch draws
    them for the ``affine32`` scheme from ``RandomState(SEED)``."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a[:, np.newaxis], b[:, np.newaxis]  # columns: one row per permutation


_A, _B = _permutations()


def _fmix32(values: Hashes) -> Hashes:
    """MurmurHash3's finalizer: a bijection of uint32 that spreads every input bit."""
    values = values ^ (values >> np.uint32(16))
    values *= np.uint32(0x85EBCA6B)
    values ^= values >> np.uint32(13)
    values *= np.uint32(0xC2B2AE35)
    values ^= values >> np.uint32(16)
    return values


class _WordHashes(dict[str, int]):
    """CRC-32 of each word's UTF-8, remembered: news repeats most of its words, and a lookup
    costs less than encoding and hashing the word again. Emptied when it grows past
    ``LIMIT`` words, so a long ingest's memory stays bounded."""

    LIMIT = 200_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = zlib.crc32(word.encode())
        return value


_CRC = _WordHashes()


def shingles(text: str) -> Hashes:
    """The hashes of the word 5-shingles of the normalised text (one shingle, the whole
    text, when it is shorter), in text order."""
    return normalized_shingles(normalize(text))


def normalized_shingles(flat: str) -> Hashes:
    """``shingles`` of a text already normalised (``flat`` is ``normalize(text)``).

    A shingle of words ``w0..w4`` hashes to ``sum(WEIGHTS[k] * fmix32(crc32(wk)))`` mod
    2**32: the mix makes the word hashes independent, so two different shingles collide
    about as rarely as two random 32-bit values. Stored signatures depend on this formula.
    """
    words = _WORD.findall(flat)
    if not words:
        return np.empty(0, dtype=np.uint32)
    mixed = _fmix32(np.fromiter(map(_CRC.__getitem__, words), dtype=np.uint32, count=len(words)))
    width = min(SHINGLE, len(words))
    windows = len(words) - width + 1
    hashes = mixed[:windows] * np.uint32(_WEIGHTS[0])
    for position in range(1, width):
        hashes += mixed[position : position + windows] * np.uint32(_WEIGHTS[position])
    return hashes


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``'s shingles."""
    return signature_of(shingles(text))


def signature_of(hashes: Hashes) -> Signature:
    """The MinHash signature of shingle hashes: all 128 permutations in one array step.

    What datasketch's ``MinHash(scheme="affine32", seed=1).update_batch`` computes for these
    hashes (with an identity hash function), without a Python call per shingle.
    """
    if not len(hashes):
        return _EMPTY.copy()
    permuted = _A * _fmix32(hashes)  # (permutations, shingles), wrapping mod 2**32
    permuted += _B
    result: Signature = permuted.min(axis=1)
    return result


def jaccard(one: Signature, other: Signature) -> float:
    """The estimated Jaccard similarity: the share of permutations whose minima agree."""
    return int(np.count_nonzero(one == other)) / NUM_PERM


def to_bytes(minhash: Signature) -> bytes:
    """The signature as stored in the database: 128 little-endian uint32."""
    return minhash.astype("<u4", copy=False).tobytes()


def from_bytes(data: bytes) -> Signature:
    """A signature read back from the database."""
    values: Signature = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return values


def _bands(minhash: Signature) -> list[bytes]:
    """The LSH keys of a signature: each band's rows as bytes, band by band."""
    keys: list[bytes] = minhash[: BANDS * ROWS].view(_BAND).tolist()
    return keys


@dataclass(frozen=True, slots=True)
class Match:
    """The original that a document copies, and how alike the two are (estimated Jaccard)."""

    key: str
    similarity: float


class DuplicateIndex:
    """An LSH index of the stored originals' signatures.

    Two signatures are candidates when all the rows of one band agree (datasketch's
    banding, in one dict per band). Only originals go in: a copy of a copy is linked to
    the first article, not the chain.
    """

    __slots__ = ("_signatures", "_tables")

    def __init__(self) -> None:
        self._tables: list[dict[bytes, set[str]]] = [{} for _ in range(BANDS)]
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def get(self, key: str) -> Signature:
        return self._signatures[key]

    def add(self, key: str, minhash: Signature) -> None:
        if key in self._signatures:
            return
        self._signatures[key] = minhash
        for table, band in zip(self._tables, _bands(minhash), strict=True):
            found = table.get(band)
            if found is None:
                table[band] = {key}
            else:
                found.add(key)

    def remove(self, key: str) -> None:
        minhash = self._signatures.pop(key, None)
        if minhash is None:
            return
        for table, band in zip(self._tables, _bands(minhash), strict=True):
            found = table[band]
            found.discard(key)
            if not found:
                del table[band]

    def candidates(self, minhash: Signature) -> set[str]:
        """The originals that share at least one band with ``minhash``."""
        found: set[str] = set()
        for table, band in zip(self._tables, _bands(minhash), strict=True):
            keys = table.get(band)
            if keys is not None:
                found |= keys
        return found

    def find(self, minhash: Signature, *, exclude: str | None = None) -> Match | None:
        """The most similar original at or above the threshold, ``None`` when there is none.

        Ties go to the smallest key, so the answer does not depend on set order. The
        candidates' estimates are one array comparison, not one call each.
        """
        found = self.candidates(minhash)
        if exclude is not None:
            found.discard(exclude)
        keys = sorted(found)
        if not keys:
            return None
        stacked = np.stack([self._signatures[key] for key in keys])
        agree = np.count_nonzero(stacked == minhash, axis=1)
        best = int(np.argmax(agree))  # the first of the highest: the smallest key
        similarity = int(agree[best]) / NUM_PERM
        return Match(keys[best], similarity) if similarity >= THRESHOLD else None
