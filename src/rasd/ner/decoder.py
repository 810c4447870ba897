"""Decode a linear-chain CRF in numpy, every sentence of a document at once.

crfsuite tags one sentence at a time and looks up each of a token's ~35 attribute strings
in a tree of strings, which made it most of ``rasd extract``'s time. The weights of a word's
own attributes, and of the copies it lends its neighbours, do not change from one sentence
to the next: ``LinearChain`` sums them once per word, so a token's emission scores are five
cached rows plus its few neighbour-dependent features. The rows live in one table, so a
document's tokens gather theirs in a single indexing; the word-pair features are looked up
by the pair of words, never built as strings. Viterbi and the forward-backward marginals
then run over all sentences of a document padded into one array, longest first, one numpy
step per position over only the sentences that are still going.

The result is crfsuite's: the same best path, and the marginal probability of its label at
each position (``tests/ner/test_decoder.py`` checks both against crfsuite). The weights are
read from crfsuite's model dump, which prints six decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np

from rasd.ner.features import FeatureExtractor

Array = np.ndarray[Any, np.dtype[np.float64]]

# Cached rows per distinct word: five vectors of len(labels) floats each.
_CACHE_SIZE = 50_000
_PREVIOUS, _NEXT = "w-1|w=", "w|w+1="

# A cached word: its row in the table, its normalized form, its readings that start
# gazetteer phrases and those that start lexicon entries (``FeatureExtractor`` statics 5, 6).
_Word = tuple[int, str, list[str], list[tuple[str, int]]]


class LinearChain:
    """A CRF's labels, attribute weights and transition weights, for batch decoding."""

    __slots__ = (
        "_bos",
        "_eos",
        "_extractor",
        "_index",
        "_matrix",
        "_pairs",
        "_table",
        "_words",
        "labels",
        "transitions",
    )

    def __init__(
        self,
        labels: Sequence[str],
        attributes: Sequence[str],
        matrix: Array,
        transitions: Array,
        extractor: FeatureExtractor,
    ) -> None:
        self.labels = tuple(labels)
        self._matrix = matrix  # [attribute, label] state weights
        self._index = {attribute: row for row, attribute in enumerate(attributes)}
        self.transitions = transitions  # [from, to]
        self._extractor = extractor
        self._words: dict[str, _Word] = {}
        self._table: Array = np.zeros((1024, 5, len(self.labels)))
        self._bos = self._index.get("BOS", -1)
        self._eos = self._index.get("EOS", -1)
        self._pairs = _pairs(self._index)

    @classmethod
    def from_crfsuite(cls, info: Any, extractor: FeatureExtractor) -> LinearChain:
        """From ``pycrfsuite.Tagger.info()`` of an open model."""
        labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
        label_index = {label: i for i, label in enumerate(labels)}
        features = info.state_features
        attributes = list(dict.fromkeys(attribute for attribute, _ in features))
        index = {attribute: row for row, attribute in enumerate(attributes)}
        matrix = np.zeros((len(attributes), len(labels)))
        rows = np.fromiter((index[a] for a, _ in features), dtype=np.intp, count=len(features))
        columns = np.fromiter(
            (label_index[label] for _, label in features), dtype=np.intp, count=len(features)
        )
        matrix[rows, columns] = np.fromiter(features.values(), dtype=np.float64)
        transitions = np.zeros((len(labels), len(labels)))
        for (source, target), weight in info.transitions.items():
            transitions[label_index[source], label_index[target]] = weight
        return cls(labels, attributes, matrix, transitions, extractor)

    def _new_rows(self, statics: Sequence[tuple[list[Any], ...]]) -> Array:
        """The (5, L) rows of words not seen before, summed in one call: a word's own row
        and the four it lends its neighbours."""
        index = self._index
        segments: list[int] = []
        rows: list[int] = []
        for number, static in enumerate(statics):
            for part in range(5):
                segment = number * 5 + part
                for attribute in static[part]:
                    row = index.get(attribute)
                    if row is not None:
                        segments.append(segment)
                        rows.append(row)
        summed = np.zeros((len(statics) * 5, len(self.labels)))
        if rows:
            np.add.at(summed, np.array(segments), self._matrix[rows])
        return summed.reshape(len(statics), 5, len(self.labels))

    def _learn(self, words: Sequence[str]) -> None:
        """Cache ``words`` (not cached yet): their rows go to the end of the table."""
        cache = self._words
        if len(cache) + len(words) > _CACHE_SIZE:
            cache.clear()  # crude bound, cheaper than LRU bookkeeping per token
        statics = [self._extractor.word_static(word) for word in words]
        first = len(cache)
        table = self._table
        if first + len(words) > len(table):
            grown = np.zeros((max(2 * len(table), first + len(words)), *table.shape[1:]))
            grown[:first] = table[:first]
            self._table = table = grown
        table[first : first + len(words)] = self._new_rows(statics)
        for number, (word, static) in enumerate(zip(words, statics, strict=True)):
            cache[word] = (first + number, static[0][1][2:], static[5], static[6])

    def _entries(self, sentences: Sequence[Sequence[str]]) -> list[list[_Word]]:
        """The cached entry of every word, caching the document's new words first."""
        get = self._words.get
        found = [list(map(get, words)) for words in sentences]
        fresh = {
            word: None
            for words, entries in zip(sentences, found, strict=True)
            if None in entries
            for word, entry in zip(words, entries, strict=True)
            if entry is None
        }
        if not fresh:
            return found  # type: ignore[return-value]
        if len(self._words) + len(fresh) > _CACHE_SIZE:
            # clearing the cache drops the entries found above: cache the whole document
            self._words.clear()
            fresh = {word: None for words in sentences for word in words}
        self._learn(list(fresh))
        words_of = self._words
        return [[words_of[word] for word in words] for words in sentences]

    def norms(self, words: Sequence[str]) -> list[str]:
        """The normalized form of each word, as the features read it."""
        entries = self._words
        try:
            return [entries[word][1] for word in words]
        except KeyError:  # a word not tagged since the cache was last cleared
            return self._extractor.norms(words)

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[Array, Any, Any]:
        """State scores of every token of non-empty sentences, (tokens, L), with each
        token's sentence number and position in it."""
        extractor = self._extractor
        index_get = self._index.get
        pairs_get = self._pairs.get
        bos, eos = self._bos, self._eos
        phrases = extractor.feature_set != "base"
        lexicon = extractor.lexicon
        ids: list[int] = []
        lengths: list[int] = []
        tokens: list[int] = []  # extra features, in each token's order of crfsuite's
        rows: list[int] = []
        at = 0
        for entries in self._entries(sentences):
            size = len(entries)
            ids += [entry[0] for entry in entries]
            lengths.append(size)
            norms = [entry[1] for entry in entries]
            if bos >= 0:
                tokens.append(at)
                rows.append(bos)
            # this token's w-1 row and the last one's w+1 row, where the model has the pair
            for position, (previous, following) in [
                (position, pair)
                for position, pair in enumerate(map(pairs_get, pairwise(norms)), at + 1)
                if pair is not None
            ]:
                if following >= 0:
                    tokens.append(position - 1)
                    rows.append(following)
                if previous >= 0:
                    tokens.append(position)
                    rows.append(previous)
            if eos >= 0:
                tokens.append(at + size - 1)
                rows.append(eos)
            if phrases and any(entry[2] for entry in entries):
                firsts = [entry[2] for entry in entries]
                for position, feature in extractor.sparse_phrase_hits(norms, firsts):
                    row = index_get(feature)
                    if row is not None:
                        tokens.append(at + position)
                        rows.append(row)
            if lexicon is not None and any(entry[3] for entry in entries):
                starts = [entry[3] for entry in entries]
                for position, feature in lexicon.sparse_hits(norms, starts):
                    row = index_get(feature)
                    if row is not None:
                        tokens.append(at + position)
                        rows.append(row)
            at += size
        stacked = self._table[np.array(ids)]  # (tokens, 5, L)
        length = np.array(lengths)
        sentence_of = np.repeat(np.arange(len(lengths)), length)
        starts_at = np.cumsum(length) - length
        scores: Array = stacked[:, 0].copy()
        # a copy crosses to a neighbour only inside the sentence
        same1 = (sentence_of[1:] == sentence_of[:-1])[:, None]
        same2 = (sentence_of[2:] == sentence_of[:-2])[:, None]
        scores[2:] += np.where(same2, stacked[:-2, 1], 0.0)
        scores[:-2] += np.where(same2, stacked[2:, 4], 0.0)
        scores[1:] += np.where(same1, stacked[:-1, 2], 0.0)
        scores[:-1] += np.where(same1, stacked[1:, 3], 0.0)
        if rows:
            np.add.at(scores, np.array(tokens), self._matrix[rows])
        return scores, sentence_of, np.arange(at) - starts_at[sentence_of]

    def decode(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """Per sentence, per word: the best path's label and its marginal probability."""
        result: list[list[tuple[str, float]]] = [[] for _ in sentences]
        busy = [i for i, words in enumerate(sentences) if words]
        if not busy:
            return result
        flat, number, position = self.emissions([sentences[i] for i in busy])
        length = np.bincount(number)
        # longest first, so that the sentences still going at a position are a prefix
        order = np.argsort(-length, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        row = rank[number]
        ordered = length[order]
        scores = np.zeros((int(ordered[0]), len(self.labels), len(busy)))
        scores[position, :, row] = flat
        going = (ordered[None, :] > np.arange(int(ordered[0]))[:, None]).sum(axis=1).tolist()
        paths = _viterbi(scores, going, self.transitions)
        best = paths[position, row]
        probabilities = _marginals(scores, going, self.transitions, row, position, best)
        labels = [self.labels[label] for label in best.tolist()]
        at = 0
        for n, i in zip(length.tolist(), busy, strict=True):
            result[i] = list(zip(labels[at : at + n], probabilities[at : at + n], strict=True))
            at += n
        return result


class _StringPairs:
    """``_pairs``'s lookup by building the features' strings, for a model whose word-pair
    features cannot be split back into their words."""

    __slots__ = ("_index",)

    def __init__(self, index: dict[str, int]) -> None:
        self._index = index

    def get(self, pair: tuple[str, str]) -> tuple[int, int] | None:
        joined = pair[0] + "|" + pair[1]
        previous = self._index.get(_PREVIOUS + joined, -1)
        following = self._index.get(_NEXT + joined, -1)
        return None if previous < 0 and following < 0 else (previous, following)


def _pairs(index: dict[str, int]) -> dict[tuple[str, str], tuple[int, int]] | _StringPairs:
    """Word pair -> rows of its ``w-1|w=`` feature (the second word's) and its ``w|w+1=``
    feature (the first word's), -1 where the model has none.

    A pair is split at its one ``|``; were there a feature with more than one (a word with
    a ``|`` in it), the split would be ambiguous, and the strings are built instead.
    """
    found: dict[tuple[str, str], list[int]] = {}
    for attribute, row in index.items():
        for slot, prefix in enumerate((_PREVIOUS, _NEXT)):
            if attribute.startswith(prefix):
                first, bar, second = attribute[len(prefix) :].partition("|")
                if not bar or "|" in second:
                    return _StringPairs(index)
                found.setdefault((first, second), [-1, -1])[slot] = row
    return {pair: (rows[0], rows[1]) for pair, rows in found.items()}


def _viterbi(scores: Array, going: Sequence[int], transitions: Array) -> Any:
    """The best label path of each padded sentence: (longest, count) label indices.

    ``scores`` is (position, label, sentence), sentences longest first: ``going[t]``
    of them are longer than ``t`` words. With the sentences on the last axis, the maximum
    over the previous label is an elementwise maximum of contiguous rows, four times faster
    than a reduction over a middle axis of nine.
    """
    longest, size, count = scores.shape
    best = scores[0].copy()  # [label, sentence]
    back = np.zeros((longest, size, count), dtype=np.intp)
    moves = transitions[:, :, None]  # [from, to, 1]
    maximum = np.maximum.reduce
    for t in range(1, longest):
        live = going[t]
        candidates = best[:, None, :live] + moves  # [from, to, sentence]
        candidates.argmax(axis=0, out=back[t, :, :live])
        maximum(candidates, axis=0, out=best[:, :live])
        best[:, :live] += scores[t, :, :live]
    # a sentence's last label, repeated over its padding; back pointers fill the rest
    paths = np.repeat(best.argmax(axis=0)[None, :], longest, axis=0)
    columns = np.arange(count)
    for t in range(longest - 1, 0, -1):
        live = going[t]
        paths[t - 1, :live] = back[t, paths[t, :live], columns[:live]]
    return paths


def _marginals(
    scores: Array, going: Sequence[int], transitions: Array, row: Any, position: Any, label: Any
) -> list[float]:
    """P(``label`` at ``position`` of sentence ``row``) under the CRF, by scaled
    forward-backward over the padded sentences, laid out as for ``_viterbi``."""
    longest, size, count = scores.shape
    # Scaled in probability space: each position's scores shifted by their maximum, and
    # alpha and beta renormalised at each step, so nothing overflows.
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    moves = np.exp(transitions - transitions.max())
    forward = np.ascontiguousarray(moves.T)
    alpha = np.zeros((longest, size, count))
    beta = np.ones((longest, size, count))  # a sentence's beta is ones from its last word on
    alpha[0] = shifted[0] / shifted[0].sum(axis=0, keepdims=True)
    add, divide, matmul = np.add.reduce, np.divide, np.matmul
    for t in range(1, longest):
        live = going[t]
        step = matmul(forward, alpha[t - 1, :, :live])
        step *= shifted[t, :, :live]
        divide(step, add(step, axis=0, keepdims=True), out=alpha[t, :, :live])
    for t in range(longest - 2, -1, -1):
        live = going[t + 1]
        step = matmul(moves, beta[t + 1, :, :live] * shifted[t + 1, :, :live])
        divide(step, add(step, axis=0, keepdims=True), out=beta[t, :, :live])
    product = alpha[position, :, row] * beta[position, :, row]  # (tokens, L)
    total = product.sum(axis=1, keepdims=True)
    marginals: Array = np.divide(product, total, out=np.zeros_like(product), where=total > 0)
    chosen: list[float] = marginals[np.arange(len(label)), label].tolist()
    return chosen
