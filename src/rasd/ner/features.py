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
from typing import Any, Final

from rasd.ner.clusters import load_clusters
from rasd.text import normalize, proclitic_splits

# Gazetteer names with more words than this are not matched as phrases.
_MAX_PHRASE = 6
LEXICON_RESOURCE: Final = "ner_lexicon.txt.gz"
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


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entity strings of the training data: word tuple -> ``(type, rate)`` pairs.

    Every mention of up to ``_MAX_PHRASE`` words is listed as its normalized words and
    again with the proclitics stripped off its first word (لقوات -> قوات). ``rate`` is
    ``h`` where at least half of the string's occurrences in the text were that type,
    else ``l`` (علي is a name and a preposition). ``train/build_ner.py`` jackknifes it for
    the training data: a sentence's features come from a lexicon of the other parts only.
    """

    entries: dict[tuple[str, ...], tuple[tuple[str, str], ...]]
    # First word -> length of its longest entry: most words start none.
    _longest: dict[str, int] = field(default_factory=dict, init=False, compare=False)
    # Every prefix of every entry: a match is grown a word at a time and stops at the first
    # word sequence that no entry begins with, instead of trying every length.
    _prefixes: set[tuple[str, ...]] = field(default_factory=set, init=False, compare=False)

    def __post_init__(self) -> None:
        for key in self.entries:
            if len(key) > self._longest.get(key[0], 0):
                self._longest[key[0]] = len(key)
            self._prefixes.update(key[:length] for length in range(1, len(key) + 1))

    @classmethod
    def build(cls, sentences: Sequence[tuple[Sequence[str], Sequence[str]]]) -> Lexicon:
        """From ``(words, IOB2 tags)`` sentences."""
        counts: dict[tuple[str, ...], dict[str, int]] = {}
        for words, tags in sentences:
            for kind, start, end in _mentions(tags):
                if end - start > _MAX_PHRASE:
                    continue
                norms = [_norm(word) for word in words[start:end]]
                key = tuple(norms)
                stripped = (proclitic_splits(norms[0])[-1][1], *key[1:])
                for variant in {key, stripped}:
                    found = counts.setdefault(variant, {})
                    found[kind] = found.get(kind, 0) + 1
        occurrences: dict[tuple[str, ...], int] = {}
        for words, _ in sentences:
            norms = [_norm(word) for word in words]
            for start in range(len(norms)):
                seen: set[tuple[str, ...]] = set()
                for first in _firsts(norms[start]):
                    for length in range(1, min(_MAX_PHRASE, len(norms) - start) + 1):
                        key = (first, *norms[start + 1 : start + length])
                        if key in counts and key not in seen:
                            seen.add(key)
                            occurrences[key] = occurrences.get(key, 0) + 1
        entries = {}
        for key, kinds in counts.items():
            total = max(occurrences.get(key, 0), sum(kinds.values()))
            entries[key] = tuple(
                sorted((kind, "h" if 2 * n >= total else "l") for kind, n in kinds.items())
            )
        return cls(entries)

    def to_lines(self) -> list[str]:
        """``TYPE<TAB>rate<TAB>words`` lines, sorted."""
        return sorted(
            f"{kind}\t{rate}\t{' '.join(key)}"
            for key, kinds in self.entries.items()
            for kind, rate in kinds
        )

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> Lexicon:
        entries: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for line in lines:
            kind, rate, name = line.split("\t")
            entries.setdefault(tuple(name.split(" ")), []).append((kind, rate))
        return cls({key: tuple(sorted(kinds)) for key, kinds in entries.items()})

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        """The committed lexicon, or the one at ``path``."""
        if path is None:
            data = resources.files("rasd.resources").joinpath(LEXICON_RESOURCE).read_bytes()
        else:
            data = path.read_bytes()
        return cls.from_lines(gzip.decompress(data).decode("utf-8").splitlines())

    def starts(self, norm: str) -> tuple[tuple[str, int], ...]:
        """Readings of a normalized word that begin entries, with their longest length."""
        longest = self._longest
        return tuple((first, longest[first]) for first in _firsts(norm) if first in longest)

    def starts_of(self, firsts: Sequence[str]) -> list[tuple[str, int]]:
        """``starts`` from a word's sorted readings, as ``FeatureExtractor`` has them."""
        longest = self._longest
        return [(first, longest[first]) for first in firsts if first in longest]

    def hits(self, words: Sequence[str]) -> list[list[str]]:
        """Per word: B/I features of the longest lexicon entry there, and the neighbours'."""
        norms = [_norm(word) for word in words]
        return self.hits_of_norms(norms, [self.starts(norm) for norm in norms])

    def hits_of_norms(
        self, norms: Sequence[str], starts: Sequence[Sequence[tuple[str, int]]]
    ) -> list[list[str]]:
        """``hits`` of words already normalized, with their ``starts``."""
        result: list[list[str]] = [[] for _ in norms]
        for index, feature in self.sparse_hits(norms, starts):
            result[index].append(feature)
        return result

    def sparse_hits(
        self, norms: Sequence[str], starts: Sequence[Sequence[tuple[str, int]]]
    ) -> list[tuple[int, str]]:
        """``hits_of_norms`` as ``(position, feature)`` pairs, a position's in its order.

        The decoder wants only the few positions that have any, not a list per word.
        """
        own = _longest_matches(norms, starts, self.entries, self._prefixes, _lexicon_features)
        if not own:
            return []
        size = len(norms)
        pairs: list[tuple[int, str]] = []
        for index in sorted({i for at in own for i in (at - 1, at, at + 1) if 0 <= i < size}):
            pairs += [(index, f) for f in own.get(index, ())]
            if index - 1 in own:
                pairs += [(index, "-1" + f) for f in own[index - 1]]
            if index + 1 in own:
                pairs += [(index, "+1" + f) for f in own[index + 1]]
        return pairs


def _lexicon_features(
    own: dict[int, list[str]], start: int, best: int, kinds: tuple[tuple[str, str], ...]
) -> None:
    for kind, rate in kinds:
        own.setdefault(start, []).append(f"lx{rate}=B-{kind}")
        for inside in range(start + 1, start + best):
            own.setdefault(inside, []).append(f"lx{rate}=I-{kind}")
    if best > 1:
        own.setdefault(start, []).append("lxm=B")


def _phrase_features(own: dict[int, list[str]], start: int, best: int, kinds: Any) -> None:
    for kind in kinds:
        own.setdefault(start, []).append("mg=B-" + kind)
        for inside in range(start + 1, start + best):
            own.setdefault(inside, []).append("mg=I-" + kind)


def _longest_matches(
    norms: Sequence[str],
    starts: Sequence[Sequence[Any]],
    entries: dict[tuple[str, ...], Any],
    prefixes: set[tuple[str, ...]],
    features: Any,
    most: int = _MAX_PHRASE,
) -> dict[int, list[str]]:
    """Left to right, the longest entry at each position (over its readings ``starts``,
    a reading alone or ``(reading, longest)``), skipping the words it covers; ``features``
    records one match's features by position. Empty when nothing matches."""
    own: dict[int, list[str]] = {}
    size = len(norms)
    resume = 0
    for start in [at for at, readings in enumerate(starts) if readings]:
        if start < resume:
            continue
        best = 0
        kinds: Any = ()
        for reading in starts[start]:
            first, limit = reading if isinstance(reading, tuple) else (reading, most)
            if limit > size - start:
                limit = size - start
            if limit <= best or (first,) not in prefixes:
                continue
            key: tuple[str, ...] = (first,)
            length = 1
            longest, found = 0, None
            while True:
                if key in entries:
                    longest, found = length, entries[key]
                if length >= limit:
                    break
                key = (*key, norms[start + length])
                if key not in prefixes:
                    break
                length += 1
            if longest > best:
                best, kinds = longest, found
        if best:
            features(own, start, best, kinds)
            resume = start + best
    return own


def _mentions(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(type, start, end)`` of each IOB2 mention; a stray I- starts one."""
    found: list[tuple[str, int, int]] = []
    kind, start = "", -1
    for index, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and tag[2:] == kind:
            continue
        if kind:
            found.append((kind, start, index))
        kind, start = (tag[2:], index) if tag[:2] in ("B-", "I-") else ("", -1)
    return found


@cache
def _norm(word: str) -> str:
    return normalize(word) or word


@cache
def _firsts(norm: str) -> tuple[str, ...]:
    """The word and its proclitic-stripped readings, with the article put back on."""
    splits = proclitic_splits(norm)
    return tuple(
        sorted({norm} | {rest for _, rest in splits} | {"ال" + rest for pre, rest in splits if pre})
    )


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit" if len(word) != 4 else "year"  # 4-digit numbers are mostly years
    if word[0].isdigit():
        return "number"
    if word.isascii() and word.isalpha():
        return "latin"
    if _PUNCTUATION.issuperset(word):
        return "punct"
    return "arabic"


@dataclass(slots=True)
class FeatureExtractor:
    """Sentence features with a per-word cache; build one per process and reuse it."""

    gazetteer: Gazetteer
    clusters: dict[str, str] = field(default_factory=dict)
    feature_set: str = "full"
    lexicon: Lexicon | None = None
    # The attributes the model has weights for, when tagging: crfsuite looks every
    # attribute up in a balanced tree of strings, so dropping the ones it would ignore
    # (a quarter of them) once per word saves that lookup on every token.
    known: frozenset[str] | None = None
    _cache: dict[str, tuple[list[Any], ...]] = field(default_factory=dict)
    _first_words: frozenset[str] = frozenset()
    _phrase_prefixes: set[tuple[str, ...]] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        if self.feature_set not in FEATURE_SETS:
            raise ValueError(f"unknown feature set {self.feature_set!r}, not in {FEATURE_SETS}")
        self._first_words = frozenset(parts[0] for parts in self.gazetteer.phrases)
        self._phrase_prefixes = {
            parts[:length] for parts in self.gazetteer.phrases for length in range(1, len(parts))
        } | set(self.gazetteer.phrases)

    def _gazetteer_hits(self, norm: str, stems: list[str]) -> list[str]:
        hits: list[str] = []
        for kind, names in self.gazetteer.words.items():
            if norm in names:
                hits.append("g=" + kind)
            elif not names.isdisjoint(stems):
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

    def _static(self, word: str) -> tuple[list[Any], ...]:
        """Own features of ``word`` and the copies for offsets -2, -1, +1, +2."""
        own, context, phrase_firsts, lexicon_starts = self.word_parts(word)
        copies = [own, *([offset + f for f in context] for offset in ("-2", "-1", "+1", "+2"))]
        known = self.known
        if known is not None:
            # own[1] is the word itself ("w=..."), which the bigrams below read.
            copies = [copies[0][:2] + [f for f in copies[0][2:] if f in known]] + [
                [f for f in copy if f in known] for copy in copies[1:]
            ]
        return (*copies, phrase_firsts, lexicon_starts)

    def word_parts(
        self, word: str
    ) -> tuple[list[str], list[str], list[str], list[tuple[str, int]]]:
        """``word``'s own features, the features it lends its neighbours (without their
        offset prefix), its readings that start gazetteer phrases and its lexicon starts:
        the lists ``_static`` builds on, none of them filtered by ``known``.

        The decoder sums the weights of a word's features once and caches them: it finds
        the four offset copies of a lent feature in one lookup, never building them.
        """
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
        lexicon = self.lexicon
        return (
            own,
            context,
            [first for first in firsts if first in self._first_words],
            [] if lexicon is None else lexicon.starts_of(firsts),
        )

    def _phrase_hits(
        self, norms: list[str], statics: list[tuple[list[Any], ...]]
    ) -> list[list[str]]:
        """B/I features of the longest gazetteer phrase at each position (لقوات -> قوات)."""
        hits: list[list[str]] = [[] for _ in norms]
        for index, feature in self.sparse_phrase_hits(norms, [static[5] for static in statics]):
            hits[index].append(feature)
        return hits

    def sparse_phrase_hits(
        self, norms: Sequence[str], firsts: Sequence[Sequence[str]]
    ) -> list[tuple[int, str]]:
        """``_phrase_hits`` as ``(position, feature)`` pairs from each word's phrase-starting
        readings (``static[5]``)."""
        own = _longest_matches(
            norms, firsts, self.gazetteer.phrases, self._phrase_prefixes, _phrase_features
        )
        return [(index, feature) for index in sorted(own) for feature in own[index]]

    def norms(self, words: Sequence[str]) -> list[str]:
        """The normalized form of each word, from the cache that tagging filled."""
        return [static[0][1][2:] for static in self._statics(words)]

    def _statics(self, words: Sequence[str]) -> list[tuple[list[Any], ...]]:
        cache = self._cache
        statics = []
        for word in words:
            static = cache.get(word)
            if static is None:
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()  # crude bound, cheaper than LRU bookkeeping per token
                static = cache[word] = self._static(word)
            statics.append(static)
        return statics

    def sentence_parts(
        self, words: Sequence[str]
    ) -> tuple[list[tuple[list[Any], ...]], list[list[str]]]:
        """The features of one sentence in two parts: each word's cached static lists
        (own features, then its copies for the tokens 2 and 1 after it and 1 and 2 before
        it), and per token the features that depend on its neighbours together (sentence
        edges, word bigrams, gazetteer and lexicon phrases).

        A token's features are its own list, the copies its neighbours hold for it, and
        its extras: ``sentence_features`` joins them, the decoder sums their weights.
        """
        statics = self._statics(words)
        size = len(words)
        known = self.known
        extras: list[list[str]] = []
        norms = [static[0][1][2:] for static in statics]  # own[1] is "w=" + the word
        for index, norm in enumerate(norms):
            features: list[str] = []
            if index >= 1:
                bigram = "w-1|w=" + norms[index - 1] + "|" + norm
                if known is None or bigram in known:
                    features.append(bigram)
            else:
                features.append("BOS")
            if index + 1 < size:
                bigram = "w|w+1=" + norm + "|" + norms[index + 1]
                if known is None or bigram in known:
                    features.append(bigram)
            else:
                features.append("EOS")
            extras.append(features)
        if self.feature_set != "base":
            for features, hits in zip(extras, self._phrase_hits(norms, statics), strict=True):
                features += hits
        if self.lexicon is not None and any(static[6] for static in statics):
            starts = [static[6] for static in statics]
            for features, hits in zip(
                extras, self.lexicon.hits_of_norms(norms, starts), strict=True
            ):
                features += hits
        return statics, extras

    def sentence_features(self, words: Sequence[str]) -> list[list[str]]:
        """One list of string features per token of one sentence."""
        statics, extras = self.sentence_parts(words)
        size = len(statics)
        result = []
        for index, static in enumerate(statics):
            features = list(static[0])
            if index >= 2:
                features += statics[index - 2][1]
            if index >= 1:
                features += statics[index - 1][2]
            if index + 1 < size:
                features += statics[index + 1][3]
            if index + 2 < size:
                features += statics[index + 2][4]
            features += extras[index]
            result.append(features)
        return result


@cache
def default_extractor() -> FeatureExtractor:
    """The extractor of the committed gazetteer and word classes, built once per process."""
    return FeatureExtractor(Gazetteer.load(), load_clusters(), lexicon=Lexicon.load())


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """Features of one sentence with the committed resources: ``["قال", "مصطفى", ...]``."""
    return default_extractor().sentence_features(words)
