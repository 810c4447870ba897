"""Decode a linear-chain CRF in numpy, every sentence of a document at once.

crfsuite tags one sentence at a time and looks up each of a token's ~35 attribute strings
in a tree of strings, which made it most of ``rasd extract``'s time. The weights of a word's
own attributes, and of the copies it lends its neighbours, do not change from one sentence
to the next: ``LinearChain`` sums them once per word, so a token's emission scores are five
cached rows plus its few neighbour-dependent features. Viterbi and the forward-backward
marginals then run over all sentences of a document padded into one array, one numpy step
per position instead of per token.

The result is crfsuite's: the same best path, and the marginal probability of its label at
each position (``tests/ner/test_decoder.py`` checks both against crfsuite). The weights are
read from crfsuite's model dump, which prints six decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from rasd.ner.features import FeatureExtractor

Array = np.ndarray[Any, np.dtype[np.float64]]

# Cached rows per distinct word: five vectors of len(labels) floats each.
_CACHE_SIZE = 50_000


class LinearChain:
    """A CRF's labels, attribute weights and transition weights, for batch decoding."""

    __slots__ = ("_cache", "_extractor", "_index", "_matrix", "labels", "transitions")

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
        self._cache: dict[str, Array] = {}

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

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[Array, Any, Any]:
        """State scores of every token of non-empty sentences, (tokens, L), with each
        token's sentence number and position in it."""
        cache = self._cache
        words_all: list[str] = []
        parts: list[tuple[list[tuple[list[Any], ...]], list[list[str]]]] = []
        new: dict[str, tuple[list[Any], ...]] = {}
        for words in sentences:
            statics, extras = self._extractor.sentence_parts(words)
            parts.append((statics, extras))
            for word, static in zip(words, statics, strict=True):
                if word not in cache and word not in new:
                    new[word] = static
            words_all.extend(words)
        if new:
            if len(cache) + len(new) > _CACHE_SIZE:
                cache.clear()
            for word, rows in zip(new, self._new_rows(list(new.values())), strict=True):
                cache[word] = rows
        stacked = np.stack([cache[word] for word in words_all])  # (tokens, 5, L)
        index = self._index
        extra_tokens: list[int] = []
        extra_rows: list[int] = []
        numbers: list[int] = []
        positions: list[int] = []
        at = 0
        for number, (_, extras) in enumerate(parts):
            for position, features in enumerate(extras):
                for feature in features:
                    row = index.get(feature)
                    if row is not None:
                        extra_tokens.append(at + position)
                        extra_rows.append(row)
            numbers.extend([number] * len(extras))
            positions.extend(range(len(extras)))
            at += len(extras)
        sentence_of = np.array(numbers)
        scores: Array = stacked[:, 0].copy()
        # a copy crosses to a neighbour only inside the sentence
        same1 = (sentence_of[1:] == sentence_of[:-1])[:, None]
        same2 = (sentence_of[2:] == sentence_of[:-2])[:, None]
        scores[2:] += np.where(same2, stacked[:-2, 1], 0.0)
        scores[:-2] += np.where(same2, stacked[2:, 4], 0.0)
        scores[1:] += np.where(same1, stacked[:-1, 2], 0.0)
        scores[:-1] += np.where(same1, stacked[1:, 3], 0.0)
        if extra_rows:
            np.add.at(scores, np.array(extra_tokens), self._matrix[extra_rows])
        return scores, sentence_of, np.array(positions)

    def decode(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """Per sentence, per word: the best path's label and its marginal probability."""
        result: list[list[tuple[str, float]]] = [[] for _ in sentences]
        busy = [i for i, words in enumerate(sentences) if words]
        if not busy:
            return result
        flat, number, position = self.emissions([sentences[i] for i in busy])
        length = np.bincount(number)
        scores = np.zeros((len(busy), int(length.max()), len(self.labels)))
        scores[number, position] = flat
        paths = _viterbi(scores, length, self.transitions)
        marginals = _marginals(scores, length, self.transitions)
        best = paths[number, position]
        probabilities = marginals[number, position, best].tolist()
        labels = [self.labels[label] for label in best.tolist()]
        at = 0
        for row, i in enumerate(busy):
            n = int(length[row])
            result[i] = list(zip(labels[at : at + n], probabilities[at : at + n], strict=True))
            at += n
        return result


def _viterbi(scores: Array, length: Any, transitions: Array) -> Any:
    """The best label path of each padded sentence: (count, longest) label indices."""
    count, longest, size = scores.shape
    best = scores[:, 0].copy()
    back = np.zeros((count, longest, size), dtype=np.intp)
    keep = np.broadcast_to(np.arange(size), (count, size))
    for t in range(1, longest):
        candidates = best[:, :, None] + transitions[None]  # [sentence, from, to]
        live = (t < length)[:, None]
        best = np.where(live, candidates.max(axis=1) + scores[:, t], best)
        back[:, t] = np.where(live, candidates.argmax(axis=1), keep)
    paths = np.zeros((count, longest), dtype=np.intp)
    paths[:, -1] = best.argmax(axis=1)
    rows = np.arange(count)
    for t in range(longest - 1, 0, -1):
        paths[:, t - 1] = back[rows, t, paths[:, t]]
    return paths


def _marginals(scores: Array, length: Any, transitions: Array) -> Array:
    """P(label at t) under the CRF, by scaled forward-backward: (count, longest, L)."""
    count, longest, size = scores.shape
    # Scaled in probability space: each position's scores shifted by their maximum, and
    # alpha and beta renormalised at each step, so nothing overflows.
    shifted = np.exp(scores - scores.max(axis=2, keepdims=True))
    moves = np.exp(transitions - transitions.max())
    alpha = np.empty((count, longest, size))
    beta = np.empty((count, longest, size))
    alpha[:, 0] = shifted[:, 0] / shifted[:, 0].sum(axis=1, keepdims=True)
    for t in range(1, longest):
        step = (alpha[:, t - 1] @ moves) * shifted[:, t]
        alpha[:, t] = step / step.sum(axis=1, keepdims=True)
    beta[:, longest - 1] = 1.0
    last = length - 1
    for t in range(longest - 2, -1, -1):
        step = (beta[:, t + 1] * shifted[:, t + 1]) @ moves.T
        step /= step.sum(axis=1, keepdims=True)
        # a padded sentence's beta is all ones from its last word on
        beta[:, t] = np.where((t >= last)[:, None], 1.0, step)
    product = alpha * beta
    total = product.sum(axis=2, keepdims=True)
    marginals: Array = np.divide(product, total, out=np.zeros_like(product), where=total > 0)
    return marginals
