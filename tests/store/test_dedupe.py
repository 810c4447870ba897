"""Near-duplicate detection: wire copies are found, other stories are not, signatures persist."""

from __future__ import annotations

import re
import zlib

import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import given
from hypothesis import strategies as st

from rasd.store import dedupe
from rasd.store.dedupe import (
    DuplicateIndex,
    from_bytes,
    jaccard,
    shingles,
    signature,
    signature_of,
    to_bytes,
)
from rasd.text import normalize
from tests.store.fixtures import ALGIERS, BASRA, BASRA_ADDED, MOSUL_A, MOSUL_B


def _index(**texts: str) -> DuplicateIndex:
    index = DuplicateIndex()
    for key, text in texts.items():
        index.add(key, signature(text))
    return index


def test_copies_are_found_and_other_stories_are_not() -> None:
    index = _index(basra=BASRA, mosul=MOSUL_A, algiers=ALGIERS)
    added = index.find(signature(BASRA + BASRA_ADDED))
    assert added is not None and added.key == "basra" and 0.7 <= added.similarity < 1
    # the same attack told by another outlet is another article: merged as an event, not here
    assert index.find(signature(MOSUL_B)) is None
    assert index.find(signature(MOSUL_A), exclude="mosul") is None


def test_harakat_and_letter_forms_are_not_edits() -> None:
    plain = re.sub("[\u064b-\u0652]", "", ALGIERS).replace("آ", "ا").replace("ة", "ه")
    assert plain != ALGIERS
    match = _index(algiers=ALGIERS).find(signature(plain))
    assert match is not None and match.similarity == 1.0


def test_short_texts_are_one_shingle() -> None:
    assert len(shingles("")) == 0 and len(shingles("، .")) == 0
    assert shingles("هجوم في الموصل").tolist() == _reference("هجوم في الموصل")
    assert len(shingles("ا ب ت ث ج ح")) == 2
    assert signature("").tolist() == [0xFFFFFFFF] * 128


def test_removed_originals_are_not_found() -> None:
    index = _index(basra=BASRA, mosul=MOSUL_A)
    index.remove("basra")
    index.remove("basra")  # twice: nothing left to remove
    assert len(index) == 1 and "basra" not in index and index.find(signature(BASRA)) is None
    assert index.find(signature(MOSUL_A)) == dedupe.Match("mosul", 1.0)
    index.add("basra", signature(BASRA))
    assert index.find(signature(BASRA + BASRA_ADDED)) is not None


def test_ties_go_to_the_smallest_key() -> None:
    index = _index(b=BASRA, a=BASRA, c=BASRA)
    assert index.find(signature(BASRA)) == dedupe.Match("a", 1.0)
    assert index.find(signature(BASRA), exclude="a") == dedupe.Match("b", 1.0)


@given(st.lists(st.sampled_from(BASRA.split()), min_size=1, max_size=40))
def test_signatures_survive_the_database(words: list[str]) -> None:
    minhash = signature(" ".join(words))
    again = from_bytes(to_bytes(minhash))
    assert jaccard(again, minhash) == 1.0
    assert again.tolist() == minhash.tolist()


def _datasketch(found: list[int]) -> MinHash:
    """datasketch's MinHash of shingle hashes, which rasd's numpy arithmetic must equal."""
    minhash = MinHash(num_perm=128, seed=1, scheme="affine32", hashfunc=lambda value: value)
    minhash.update_batch(found)
    return minhash


_TEXTS = st.lists(st.sampled_from((BASRA + " " + MOSUL_A).split()), max_size=60).map(" ".join)


@given(_TEXTS)
def test_signatures_are_datasketchs_bit_for_bit(text: str) -> None:
    """Stored signatures were made by datasketch: the numpy code must give the same values."""
    found = shingles(text)
    assert signature_of(found).tolist() == _datasketch(found.tolist()).hashvalues.tolist()


@given(_TEXTS, _TEXTS)
def test_estimates_and_candidates_are_datasketchs(one: str, other: str) -> None:
    a, b = _datasketch(shingles(one).tolist()), _datasketch(shingles(other).tolist())
    assert jaccard(signature(one), signature(other)) == a.jaccard(b)
    lsh = MinHashLSH(threshold=dedupe.THRESHOLD, num_perm=dedupe.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedupe.BANDS, dedupe.ROWS)
    lsh.insert("one", a)
    index = DuplicateIndex()
    index.add("one", signature(one))
    assert index.candidates(signature(other)) == set(lsh.query(b))


def _mix(value: int) -> int:
    """MurmurHash3's 32-bit finalizer, in Python integers."""
    value ^= value >> 16
    value = value * 0x85EBCA6B & 0xFFFFFFFF
    value ^= value >> 13
    value = value * 0xC2B2AE35 & 0xFFFFFFFF
    return value ^ value >> 16


def _reference(text: str) -> list[int]:
    """The shingle hashes by their definition, one window at a time."""
    words = [_mix(zlib.crc32(word.encode())) for word in re.findall(r"\w+", normalize(text))]
    width = min(5, len(words))
    return (
        [
            sum(w * h for w, h in zip(dedupe._WEIGHTS, words[i : i + width], strict=False))
            & 0xFFFFFFFF
            for i in range(len(words) - width + 1)
        ]
        if words
        else []
    )


@given(st.text(alphabet=st.sampled_from("هجوم في الموصل ١٢ abc،.\n\u064e"), max_size=120))
def test_shingles_are_five_word_windows(text: str) -> None:
    """Stored signatures depend on these values: the array code must equal the definition."""
    assert shingles(text).tolist() == _reference(text)


def test_word_order_makes_another_shingle() -> None:
    assert shingles("ا ب ت ث ج").tolist() != shingles("ب ا ت ث ج").tolist()


def test_remembered_word_hashes_stay_right_when_the_memory_is_emptied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The word-hash memory empties itself when full; the shingles do not change."""
    monkeypatch.setattr(dedupe._WordHashes, "LIMIT", 3)
    text = "هجوم في الموصل قتل فيه خمسة من المدنيين في الموصل"
    for _ in range(2):  # the second pass reads remembered hashes
        assert shingles(text).tolist() == _reference(text)
        assert len(dedupe._CRC) <= 3
