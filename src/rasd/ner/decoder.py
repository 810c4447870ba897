"""Decode a linear-chain CRF in numpy, every sentence of a document at once.

crfsuite tags one sentence at a time and looks up each of a token's ~35 attribute strings
in a tree of strings, which made it most of ``rasd extract``'s time. The weights of a word's
own attributes, and of the copies it lends its neighbours, do not change from one sentence
to the next: ``LinearChain`` sums them once per word, so a token's emission scores are five
cached rows plus its few neighbour-dependent features. The rows live in one table, so a
document's tokens gather theirs in a single indexing; the word-pair features are looked up
by the pair of words, never built as strings, and the gazetteer phrases and lexicon entries
by walking tries over the whole document. Viterbi and the forward-backward marginals then
run over all sentences of a document padded side by side, in one loop over the positions
of a few numpy calls each (``_decode``).

The result is crfsuite's: the same best path, and the marginal probability of its label at
each position (``tests/ner/test_decoder.py`` checks both against crfsuite). The weights are
read from the model file (``rasd.ner.crfsuite_file``) rounded to six decimals, as crfsuite's
model dump prints them and as they were read from it at first.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, chain, compress, pairwise, repeat
from itertools import count as count_from
from typing import Any, cast

import numpy as np

from rasd.ner.crfsuite_file import CrfModel
from rasd.ner.features import _MAX_PHRASE, FeatureExtractor
from rasd.text import normalize

Array = np.ndarray[Any, np.dtype[np.float64]]

# Cached rows per distinct word: five vectors of len(labels) floats each.
_CACHE_SIZE = 50_000
_PREVIOUS, _NEXT = "w-1|w=", "w|w+1="

# A node of a trie of word tuples: the value of the tuple that ends there (None where no
# entry does) and the nodes of the words that may follow.
_Node = tuple[Any, dict[str, "_Node"]]

# A cached word: its row in the table, its normalized form, and the trie nodes of its
# readings that start gazetteer phrases and lexicon entries (``FeatureExtractor`` statics
# 5 and 6, in their order).
_Word = tuple[int, str, tuple[_Node, ...], tuple[_Node, ...]]

# What ``FeatureExtractor.word_parts`` gives for a word: its own features, those it lends
# its neighbours, its readings that start phrases and its lexicon starts.
_Parts = tuple[list[str], list[str], list[str], list[tuple[str, int]]]

# A match of a trie: its first token, its length in words and the entry's value.
_Match = tuple[int, int, Any]


class LinearChain:
    """A CRF's labels, attribute weights and transition weights, for batch decoding."""

    __slots__ = (
        "_bos",
        "_eos",
        "_extractor",
        "_index",
        "_lent",
        "_lexicon",
        "_lexicon_rows",
        "_matrix",
        "_norms",
        "_pairs",
        "_phrase_rows",
        "_phrases",
        "_steps",
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
        self._norms: dict[str, _Word] = {}  # the same entries, by normalized form
        # row 0 stays zeros: the gap between two sentences gathers it (see ``emissions``)
        self._table: Array = np.zeros((1024, 5, len(self.labels)))
        phrases = extractor.gazetteer.phrases if extractor.feature_set != "base" else {}
        # as ``FeatureExtractor`` matches them: names of up to ``_MAX_PHRASE`` words
        self._phrases = _trie({k: kinds for k, kinds in phrases.items() if len(k) <= _MAX_PHRASE})
        lexicon = extractor.lexicon
        self._lexicon = _trie(lexicon.entries if lexicon is not None else {})
        # the rows of the features of a match, by its (value, length)
        self._phrase_rows: dict[tuple[Any, int], tuple[list[int], list[int]]] = {}
        self._lexicon_rows: dict[tuple[Any, int], _Lexical] = {}
        self._bos = self._index.get("BOS", -1)
        self._eos = self._index.get("EOS", -1)
        self._pairs = _pairs(self._index)
        self._lent = _lent(self._index)
        self._steps = _Steps(transitions)

    @classmethod
    def from_model(cls, model: CrfModel, extractor: FeatureExtractor) -> LinearChain:
        """From a model file's weights (``rasd.ner.crfsuite_file.read_model``)."""
        return cls(model.labels, model.attributes, model.matrix, model.transitions, extractor)

    def _new_rows(self, parts: Sequence[_Parts]) -> Array:
        """The (5, L) rows of words not seen before, summed in one call: a word's own row
        and the four it lends its neighbours (the features it lends, each looked up once
        for its four offsets).

        ``np.add.at`` adds in list order, and each sum takes its features in the order
        the word lists them, as crfsuite's attributes have them.
        """
        owns = [own for own, _, _, _ in parts]
        lent = [context for _, context, _, _ in parts]
        own_rows = np.fromiter(
            map(self._index.get, chain.from_iterable(owns), repeat(-1)), dtype=np.intp
        )
        own_segments = 5 * np.repeat(np.arange(len(parts)), list(map(len, owns)))
        found = map(self._lent.get, chain.from_iterable(lent), repeat(_NOT_LENT))
        copies = np.fromiter(chain.from_iterable(found), dtype=np.intp).reshape(-1, 4)
        copy_segments = 5 * np.repeat(np.arange(len(parts)), list(map(len, lent)))
        segments = np.concatenate(
            (own_segments, (copy_segments[:, None] + np.arange(1, 5)[None, :]).ravel())
        )
        rows = np.concatenate((own_rows, copies.ravel()))
        kept = rows >= 0
        summed = np.zeros((len(parts) * 5, len(self.labels)))
        np.add.at(summed, segments[kept], self._matrix[rows[kept]])
        return summed.reshape(len(parts), 5, len(self.labels))

    def _learn(self, words: Sequence[str]) -> None:
        """Cache ``words`` (not cached yet): their rows go to the end of the table.

        A word's features are all read off its normalized form, so a spelling with
        harakat or tatweel shares the entry of the plain one, computed once.
        """
        cache, shared = self._words, self._norms
        if len(cache) + len(words) > _CACHE_SIZE:
            cache.clear()  # crude bound, cheaper than LRU bookkeeping per token
            shared.clear()
        norms = [normalize(word) or word for word in words]
        fresh = {norm: word for norm, word in zip(norms, words, strict=True) if norm not in shared}
        if fresh:
            statics = [self._extractor.word_parts(word) for word in fresh.values()]
            first = len(shared) + 1
            table = self._table
            if first + len(fresh) > len(table):
                grown = np.zeros((max(2 * len(table), first + len(fresh)), *table.shape[1:]))
                grown[:first] = table[:first]
                self._table = table = grown
            table[first : first + len(fresh)] = self._new_rows(statics)
            phrases, lexicon = self._phrases, self._lexicon
            for number, (norm, static) in enumerate(zip(fresh, statics, strict=True)):
                shared[norm] = (
                    first + number,
                    norm,
                    tuple(phrases[reading] for reading in static[2] if reading in phrases),
                    tuple(lexicon[reading] for reading, _ in static[3] if reading in lexicon),
                )
        for word, norm in zip(words, norms, strict=True):
            cache[word] = shared[norm]

    def _entries(self, words: Sequence[str]) -> list[_Word]:
        """The cached entry of every word, caching the new ones first."""
        found = list(map(self._words.get, words))
        if None not in found:
            return found  # type: ignore[return-value]
        fresh = {word: None for word, entry in zip(words, found, strict=True) if entry is None}
        if len(self._words) + len(fresh) > _CACHE_SIZE:
            # clearing the cache drops the entries found above: cache them all
            self._words.clear()
            self._norms.clear()
            fresh = dict.fromkeys(words)
        self._learn(list(fresh))
        return list(map(self._words.__getitem__, words))

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
        scores, sentence_of, position, _ = self._emissions(sentences)
        return scores, sentence_of, position

    def _emissions(
        self, sentences: Sequence[Sequence[str]]
    ) -> tuple[Array, Any, Any, Sequence[str]]:
        """``emissions``, and every token's normalized form.

        The features that depend on the neighbours are found over the whole document at
        once and added by ``np.add.at``, which adds in list order: the lists go feature
        kind by feature kind, so that each token gets its rows in the order crfsuite's
        attributes have them (BOS, word pairs, EOS, phrases, lexicon), and the same sums.
        """
        words = list(chain.from_iterable(sentences))
        entries = self._entries(words)
        ids, norms, phrase_nodes, lexicon_nodes = zip(*entries, strict=True)
        lengths = list(map(len, sentences))
        count = len(words)
        starts = list(accumulate(lengths, initial=0))[:-1]
        # each token's sentence start and end: the matches stay inside a sentence
        bounds = list(zip(starts, [*starts[1:], count], strict=True))
        begins: list[int] = []
        ends: list[int] = []
        for start, end in bounds:
            begins += [start] * (end - start)
            ends += [end] * (end - start)
        tokens: list[int] = []  # extra features, in each token's order of crfsuite's
        rows: list[int] = []
        if self._bos >= 0:
            tokens += starts
            rows += [self._bos] * len(starts)
        # each token's w-1 row, then its w+1 row, where the model has the word pair
        pairs = list(map(self._pairs.get, pairwise(norms)))
        firsts = set(starts)
        following: list[tuple[int, int]] = []
        for position in compress(count_from(1), pairs):
            if position in firsts:
                continue  # the pair spans two sentences
            previous, follows = cast(tuple[int, int], pairs[position - 1])
            if previous >= 0:
                tokens.append(position)
                rows.append(previous)
            if follows >= 0:
                following.append((position - 1, follows))
        tokens += [token for token, _ in following]
        rows += [row for _, row in following]
        if self._eos >= 0:
            tokens += [end - 1 for _, end in bounds]
            rows += [self._eos] * len(starts)
        if self._phrases:
            for start, length, kinds in _matches(norms, phrase_nodes, ends):
                offsets, found = self._phrase_features(kinds, length)
                tokens += map(start.__add__, offsets)
                rows += found
        if self._lexicon:
            # A match's own rows; then, after all of them, the "-1" copies of each on the
            # token after, and the "+1" copies on the token before, inside the sentence.
            after_tokens: list[int] = []
            after_rows: list[int] = []
            before_tokens: list[int] = []
            before_rows: list[int] = []
            for start, length, kinds in _matches(norms, lexicon_nodes, ends):
                lexicon = self._lexicon_features(kinds, length)
                tokens += map(start.__add__, lexicon.offsets)
                rows += lexicon.rows
                offsets, found = lexicon.after(ends[start] - start)
                after_tokens += map(start.__add__, offsets)
                after_rows += found
                offsets, found = lexicon.before(begins[start] - start)
                before_tokens += map(start.__add__, offsets)
                before_rows += found
            tokens += after_tokens + before_tokens
            rows += after_rows + before_rows
        sentence_of = np.repeat(np.arange(len(lengths)), lengths)
        # Each sentence gathers two zero rows before it, so that the copies a word lends
        # its neighbours two and one tokens away never reach another sentence.
        spaced = np.arange(count) + 2 * sentence_of + 2
        gathered = np.zeros(count + 2 * len(lengths) + 2, dtype=np.intp)
        gathered[spaced] = ids
        stacked = self._table[gathered]  # (tokens and gaps, 5, L)
        scores: Array = stacked[:, 0].copy()
        scores[2:] += stacked[:-2, 1]
        scores[:-2] += stacked[2:, 4]
        scores[1:] += stacked[:-1, 2]
        scores[:-1] += stacked[1:, 3]
        scores = scores[spaced]
        if rows:
            np.add.at(scores, np.array(tokens), self._matrix[rows])
        starts_at = np.array(starts)
        return scores, sentence_of, np.arange(count) - starts_at[sentence_of], norms

    def _phrase_features(self, kinds: Any, length: int) -> tuple[list[int], list[int]]:
        """Offsets and rows of a gazetteer phrase's features: ``mg=B-`` and ``mg=I-``."""
        found = self._phrase_rows.get((kinds, length))
        if found is None:
            index = self._index
            features = [
                (offset, ("mg=I-" if offset else "mg=B-") + kind)
                for offset in range(length)
                for kind in kinds
            ]
            found = _columns([(offset, index[f]) for offset, f in features if f in index])
            self._phrase_rows[kinds, length] = found
        return found

    def _lexicon_features(self, kinds: Any, length: int) -> _Lexical:
        """The rows of a lexicon entry's features (``lx``), as a match of it has them."""
        found = self._lexicon_rows.get((kinds, length))
        if found is None:
            features: list[tuple[int, str]] = []
            for offset in range(length):
                inside = "I-" if offset else "B-"
                features += [(offset, f"lx{rate}={inside}{kind}") for kind, rate in kinds]
                if offset == 0 and length > 1:
                    features.append((0, "lxm=B"))
            index = self._index
            own, after, before = (
                [
                    (offset + shift, index[prefix + f])
                    for offset, f in features
                    if prefix + f in index
                ]
                for prefix, shift in (("", 0), ("-1", 1), ("+1", -1))
            )
            found = self._lexicon_rows[kinds, length] = _Lexical(own, after, before)
        return found

    def decode(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """Per sentence, per word: the best path's label and its marginal probability."""
        return self.decode_with_norms(sentences)[0]

    def decode_with_norms(
        self, sentences: Sequence[Sequence[str]]
    ) -> tuple[list[list[tuple[str, float]]], list[Sequence[str]]]:
        """``decode``, and per sentence its words' normalized forms (as ``norms``)."""
        result: list[list[tuple[str, float]]] = [[] for _ in sentences]
        norms_of: list[Sequence[str]] = [[] for _ in sentences]
        busy = [i for i, words in enumerate(sentences) if words]
        if not busy:
            return result, norms_of
        flat, number, position, norms = self._emissions([sentences[i] for i in busy])
        length = np.bincount(number)
        best, probabilities = _decode(flat, number, position, length, self._steps)
        labels = list(map(self.labels.__getitem__, best))
        at = 0
        for n, i in zip(length.tolist(), busy, strict=True):
            result[i] = list(zip(labels[at : at + n], probabilities[at : at + n], strict=True))
            norms_of[i] = norms[at : at + n]
            at += n
        return result, norms_of


class _Lexical:
    """The rows of a lexicon match's features, by offset from its first word: its own, the
    ``-1`` copies each word lends the token after it and the ``+1`` copies for the token
    before it. The copies stop at the sentence's edges."""

    __slots__ = ("_after", "_before", "offsets", "rows")

    def __init__(
        self,
        own: list[tuple[int, int]],
        after: list[tuple[int, int]],
        before: list[tuple[int, int]],
    ) -> None:
        self.offsets, self.rows = _columns(own)
        self._after = _columns(after)
        self._before = _columns(before)

    def after(self, end: int) -> tuple[list[int], list[int]]:
        """The ``-1`` copies on tokens before offset ``end``."""
        offsets, rows = self._after
        if not offsets or max(offsets) < end:
            return offsets, rows
        return _columns([(o, row) for o, row in zip(offsets, rows, strict=True) if o < end])

    def before(self, first: int) -> tuple[list[int], list[int]]:
        """The ``+1`` copies on tokens from offset ``first`` on."""
        offsets, rows = self._before
        if not offsets or min(offsets) >= first:
            return offsets, rows
        return _columns([(o, row) for o, row in zip(offsets, rows, strict=True) if o >= first])


def _columns(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """``(offset, row)`` pairs as a list of offsets and one of rows."""
    return [offset for offset, _ in pairs], [row for _, row in pairs]


def _trie(entries: dict[tuple[str, ...], Any]) -> dict[str, _Node]:
    """The entries' word tuples as a trie: first word -> node."""
    root: dict[str, Any] = {}
    for key, value in entries.items():
        children = root
        for depth, word in enumerate(key, 1):
            node = children.setdefault(word, [None, {}])
            if depth == len(key):
                node[0] = value
            children = node[1]

    def frozen(children: dict[str, Any]) -> dict[str, _Node]:
        return {word: (node[0], frozen(node[1])) for word, node in children.items()}

    return frozen(root)


def _matches(
    norms: Sequence[str], nodes: Sequence[Sequence[_Node]], ends: Sequence[int]
) -> list[_Match]:
    """Left to right, the longest entry that starts at each token (over its readings'
    trie ``nodes``, the first reading of that length) and stays in its sentence (which
    ends before ``ends[token]``), skipping the tokens it covers: ``_longest_matches`` of
    ``rasd.ner.features``, over a whole document."""
    found: list[_Match] = []
    resume = 0
    for start in compress(count_from(), nodes):
        if start < resume:
            continue
        end = ends[start]
        best, kinds = 0, None
        for value, children in nodes[start]:
            longest, value_of_longest = (1, value) if value is not None else (0, None)
            at = start + 1
            while children and at < end:
                node = children.get(norms[at])
                if node is None:
                    break
                at += 1
                value, children = node
                if value is not None:
                    longest, value_of_longest = at - start, value
            if longest > best:
                best, kinds = longest, value_of_longest
        if best:
            found.append((start, best, kinds))
            resume = start + best
    return found


_OFFSETS = ("-2", "-1", "+1", "+2")
_NOT_LENT = (-1, -1, -1, -1)


def _lent(index: dict[str, int]) -> dict[str, tuple[int, int, int, int]]:
    """Feature -> rows of its copies for the tokens two and one after it and one and two
    before it (``"-2" + feature`` ...), -1 where the model has none: a word's copies are
    then found without building their strings."""
    found: dict[str, list[int]] = {}
    for attribute, row in index.items():
        slot = _OFFSETS.index(attribute[:2]) if attribute[:2] in _OFFSETS else -1
        if slot >= 0:
            found.setdefault(attribute[2:], [-1, -1, -1, -1])[slot] = row
    return {feature: (rows[0], rows[1], rows[2], rows[3]) for feature, rows in found.items()}


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


class _Steps:
    """What the decoding loop needs of the transition weights, worked out once a model."""

    __slots__ = ("chain", "every", "into", "transitions")

    def __init__(self, transitions: Array) -> None:
        size = len(transitions)
        self.transitions = transitions  # [from, to]
        self.into = np.ascontiguousarray(transitions.T)  # [to, from]: backtracking's rows
        # The sum-product passes in probability space: the forward pass multiplies by the
        # moves into a label, the backward pass (run forwards over reversed sentences) by
        # the moves out of it; one batched matmul does both.
        moves = np.exp(transitions - transitions.max())
        self.chain = np.stack((np.ascontiguousarray(moves.T), moves))
        # The passes are rescaled every few positions only. A step shrinks a sentence's
        # sum by at most the smallest move (every token has a label with factor 1) and
        # grows it by at most ``size``: this many steps stay within e^-200..e^200 in
        # float64, and a marginal is a ratio of one position's values.
        spread = float(transitions.max() - transitions.min()) + float(np.log(size))
        self.every = max(1, int(200 // max(spread, 1.0)))


def _decode(
    flat: Array, number: Any, position: Any, length: Any, steps: _Steps
) -> tuple[list[int], list[float]]:
    """The best path's label of every token, and its marginal probability.

    ``flat`` is (tokens, label) scores, token ``i`` at ``position[i]`` of sentence
    ``number[i]``, which is ``length`` words long. The sentences go side by side, padded,
    sentence on the last axis (with it there, the maximum over the previous label is an
    elementwise maximum of contiguous rows). One loop over the positions runs Viterbi's
    forward pass and both passes of the marginals, the backward one as a forward pass over
    the reversed sentences, the two as one batched matmul: five numpy calls a position,
    over all sentences, as what the padding after a sentence holds is never read.
    Backtracking then redoes the few additions that pick each sentence's previous label.
    """
    longest, size, count = int(length.max()), flat.shape[1], len(length)
    transitions = steps.transitions
    reverse = length[number] - 1 - position  # a token's position in its reversed sentence
    # Sum-product in probability space, each token's scores shifted by their maximum
    # (the maximum of a transposed copy: over a short last axis, numpy's is slow).
    shifted = np.exp(flat - np.ascontiguousarray(flat.T).max(axis=0)[:, None])
    # [position, (scores, forward factors, backward factors), sentence, label], filled
    # a token a row, then turned to [position, kind, label, sentence] for the loop
    grid = np.ones((longest, 3, count, size))
    rows = grid.reshape(-1, size)
    at = position * (3 * count) + number
    rows[at] = flat
    rows[at + count] = shifted
    rows[reverse * (3 * count) + 2 * count + number] = shifted
    table = np.ascontiguousarray(grid.transpose(0, 1, 3, 2))
    scores, factors = table[:, 0], table[:, 1:]
    chain, every = steps.chain, steps.every
    products = np.empty((longest, 2, size, count))  # the matmuls: [:, 1] is beta
    states = np.empty((longest, 2, size, count))  # after the multiply: [:, 0] is alpha
    products[0] = 1.0
    states[0] = factors[0]
    best = np.empty((longest, size, count))  # Viterbi: the best score ending in a label
    best[0] = scores[0]
    previous = best[:, :, None, :]
    candidates = np.empty((size, size, count))  # [from, to, sentence]
    moves = np.ascontiguousarray(np.broadcast_to(transitions[:, :, None], candidates.shape))
    maximum, add, matmul, multiply = np.maximum.reduce, np.add, np.matmul, np.multiply
    for t in range(1, longest):
        add(previous[t - 1], moves, out=candidates)
        maximum(candidates, axis=0, out=best[t])
        best[t] += scores[t]
        matmul(chain, states[t - 1], out=products[t])
        multiply(products[t], factors[t], out=states[t])
        if t % every == 0:
            states[t] /= states[t].sum(axis=1, keepdims=True)
    # Backtracking over [position, sentence, label]: a sentence's previous label is the
    # first best of its scores plus the moves into the label after, as argmax took it.
    # From its last position on, its scores are 0 for its last label and -inf for the
    # others, which carries that label through the padding.
    ranked = np.ascontiguousarray(best.transpose(0, 2, 1))
    last = ranked[length - 1, np.arange(count)].argmax(axis=1)
    keep = np.where(np.arange(size)[None, :] == last[:, None], 0.0, -np.inf)
    padding = np.arange(longest)[:, None] >= length[None, :] - 1
    np.copyto(ranked, keep[None], where=padding[:, :, None])
    into = steps.into
    paths = np.empty((longest, count), dtype=np.intp)
    paths[longest - 1] = last
    step = np.empty((count, size))
    for t in range(longest - 1, 0, -1):
        add(ranked[t - 1], into.take(paths[t], axis=0), out=step)
        step.argmax(axis=1, out=paths[t - 1])
    label = paths.ravel()[position * count + number]
    product = states[position, 0, :, number] * products[reverse, 1, :, number]
    total = product @ np.ones(size)
    chosen = product[np.arange(len(label)), label]
    marginals = np.divide(chosen, total, out=np.zeros_like(chosen), where=total > 0)
    return label.tolist(), marginals.tolist()
