"""CRF features of one sentence, the same for training and tagging.

``FeatureExtractor.sentence_features(words)`` takes the original token strings and returns
one list of string features per token (python-crfsuite's fastest input: no values, no
dicts). Everything about a word that does not depend on its neighbours is computed once
per distinct word and cached, with the copies its neighbours need already prefixed: news
vocabulary repeats, so most tokens cost a dict lookup and a list concatenation.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from rasd.ner.clusters import load_clusters
from rasd.text import normalize, proclitic_splits

# Gazetteer names with more words than this are not matched as phrases.
_MAX_PHRASE = 6
# Cache bound: a cached word takes 4.2 KB (its features and their four prefixed copies),
# so 20,000 words are about 85 MB. ANERcorp has 29,000 distinct words: its 125,000 tokens
# tag at 53,000 tokens/s on one core with this bound (the cache is cleared on the way),
# 89,000 with every word cached (benchmarks/ner_throughput.py).
_CACHE_SIZE = 20_000
_PUNCTUATION: Final = frozenset(".,:;!?()[]{}\"'«»“”،؛؟-–—/…*")

# Feature sets to compare with ``build_ner.py --features``; each adds to the one before.
# The window is two words each side: three, with the neighbours' 2-letter affixes, scored
# 0.725 micro-F1 against 0.730 in 5-fold CV and costs more per token.
FEATURE_SETS: Final = ("base", "gazetteer", "full")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Normalized names by type: ``words[kind]`` single words, ``phrases`` word tuples."""

    words: dict[str, frozenset[str]]
    phrases: dict[tuple[str, ...], tuple[str, ...]]

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> Gazetteer:
        """From ``TYPE<TAB>name`` lines, as ``train/build_gazetteer.py`` writes them."""
        words: dict[str, set[str]] = {}
        phrases: dict[tuple[str, ...], set[str]] = {}
        for line in lines:
            kind, _, name = line.partition("\t")
            parts = tuple(name.split())
            if len(parts) == 1:
                words.setdefault(kind, set()).add(parts[0])
            elif 1 < len(parts) <= _MAX_PHRASE:
                phrases.setdefault(parts, set()).add(kind)
        return cls(
            {kind: frozenset(names) for kind, names in words.items()},
            {parts: tuple(sorted(kinds)) for parts, kinds in phrases.items()},
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """The committed gazetteer, or the one at ``path``."""
        if path is None:
            data = resources.files("rasd.resources").joinpath("ner_gazetteer.txt.gz").read_bytes()
        else:
            data = path.read_bytes()
        return cls.from_lines(gzip.decompress(data).decode("utf-8").splitlines())


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit" if len(word) != 4 else "year"  # 4-digit numbers are mostly years
    if word[0].isdigit():
        return "number"
    if word.isascii() and word.isalpha():
        return "latin"
    if all(char in _PUNCTUATION for char in word):
        return "punct"
    return "arabic"


@dataclass(slots=True)
class FeatureExtractor:
    """Sentence features with a per-word cache; build one per process and reuse it."""

    gazetteer: Gazetteer
    clusters: dict[str, str] = field(default_factory=dict)
    feature_set: str = "full"
    _cache: dict[str, tuple[list[str], ...]] = field(default_factory=dict)
    _first_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.feature_set not in FEATURE_SETS:
            raise ValueError(f"unknown feature set {self.feature_set!r}, not in {FEATURE_SETS}")
        self._first_words = frozenset(parts[0] for parts in self.gazetteer.phrases)

    def _gazetteer_hits(self, norm: str, stems: list[str]) -> list[str]:
        hits: list[str] = []
        for kind, names in self.gazetteer.words.items():
            if norm in names:
                hits.append("g=" + kind)
            elif any(stem in names for stem in stems):
                # ANERgazet lists some names with the article and some without (اردن,
                # الاردن): a stripped form matches either way.
                hits.append("gs=" + kind)
        return hits

    def _classes(self, norm: str, stem: str) -> list[str]:
        """Word-class features of the word and of its stem, one per level (``coarse.fine``)."""
        found: list[str] = []
        for tag, key in (("c", norm), ("cs", stem)):
            levels = self.clusters.get(key)
            if levels is not None:
                coarse, _, fine = levels.partition(".")
                found += [f"{tag}0={coarse}", f"{tag}1={coarse}.{fine}"]
        return found

    def _static(self, word: str) -> tuple[list[str], ...]:
        """Own features of ``word`` and the copies for offsets -2, -1, +1, +2."""
        norm = normalize(word)
        if not norm:
            norm = word
        shape = _shape(norm)
        own = ["b", "w=" + norm, "sh=" + shape]
        context = ["w=" + norm]
        # One reading list per word serves the stem, the gazetteer, the classes and the
        # phrase starts: proclitic_splits is most of the cost of a new word.
        splits = proclitic_splits(norm)
        if shape == "arabic":
            prefix, stem = splits[-1]
            own += ["cl=" + prefix, "st=" + stem]
            own += [f"p{n}={norm[:n]}" for n in range(1, 5) if len(norm) > n]
            own += [f"s{n}={norm[-n:]}" for n in range(1, 5) if len(norm) > n]
            own += [f"sts{n}={stem[-n:]}" for n in (1, 2) if len(stem) > n]
            own.append(f"len={min(len(stem), 8)}")
            context += ["st=" + stem, "cl=" + prefix]
            if self.feature_set != "base":
                stems = [rest for _, rest in splits[1:]]
                stems += ["ال" + rest for pre, rest in splits[1:] if pre.endswith(("ال", "لل"))]
                hits = self._gazetteer_hits(norm, stems)
                own += hits
                context += hits
        else:
            context.append("sh=" + shape)
        if self.feature_set == "full" and self.clusters:
            classes = self._classes(norm, splits[-1][1])
            own += classes
            context += classes
        firsts = sorted({rest for _, rest in splits} | {"ال" + rest for pre, rest in splits if pre})
        return (
            own,
            ["-2" + f for f in context],
            ["-1" + f for f in context],
            ["+1" + f for f in context],
            ["+2" + f for f in context],
            [first for first in firsts if first in self._first_words],
        )

    def _phrase_hits(
        self, norms: list[str], statics: list[tuple[list[str], ...]]
    ) -> list[list[str]]:
        """B/I features of the longest gazetteer phrase at each position (لقوات -> قوات)."""
        hits: list[list[str]] = [[] for _ in norms]
        phrases = self.gazetteer.phrases
        start = 0
        while start < len(norms):
            best = 0
            kinds: tuple[str, ...] = ()
            for first in statics[start][5]:
                for length in range(min(_MAX_PHRASE, len(norms) - start), best, -1):
                    key = (first, *norms[start + 1 : start + length])
                    if key in phrases:
                        best, kinds = length, phrases[key]
                        break
            if best:
                for kind in kinds:
                    hits[start].append("mg=B-" + kind)
                    for inside in range(start + 1, start + best):
                        hits[inside].append("mg=I-" + kind)
                start += best
            else:
                start += 1
        return hits

    def sentence_features(self, words: Sequence[str]) -> list[list[str]]:
        """One list of string features per token of one sentence."""
        cache = self._cache
        statics = []
        for word in words:
            static = cache.get(word)
            if static is None:
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()  # crude bound, cheaper than LRU bookkeeping per token
                static = cache[word] = self._static(word)
            statics.append(static)
        size = len(words)
        result = []
        for index, static in enumerate(statics):
            features = list(static[0])
            if index >= 2:
                features += statics[index - 2][1]
            if index >= 1:
                features += statics[index - 1][2]
                features.append("w-1|w=" + statics[index - 1][0][1][2:] + "|" + static[0][1][2:])
            else:
                features.append("BOS")
            if index + 1 < size:
                features += statics[index + 1][3]
                features.append("w|w+1=" + static[0][1][2:] + "|" + statics[index + 1][0][1][2:])
            else:
                features.append("EOS")
            if index + 2 < size:
                features += statics[index + 2][4]
            result.append(features)
        if self.feature_set != "base":
            norms = [static[0][1][2:] for static in statics]
            for features, hits in zip(result, self._phrase_hits(norms, statics), strict=True):
                features += hits
        return result


@cache
def default_extractor() -> FeatureExtractor:
    """The extractor of the committed gazetteer and word classes, built once per process."""
    return FeatureExtractor(Gazetteer.load(), load_clusters())


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """Features of one sentence with the committed resources: ``["قال", "مصطفى", ...]``."""
    return default_extractor().sentence_features(words)
