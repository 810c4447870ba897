"""The trained NER tagger: a linear-chain CRF (python-crfsuite) over ``features``.

``NerTagger.load().tag(["قال", "مصطفى", "بالي"])`` gives one ``(label, probability)`` per
word, IOB2 labels with the types PER, ORG, LOC, MISC, and the marginal probability of the
label at that position. A tagger pickles as its model bytes, so worker processes rebuild
it without reading the file again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite  # type: ignore[import-untyped]  # ships no type information

from rasd.ner.clusters import load_clusters
from rasd.ner.crfsuite_file import read_model
from rasd.ner.decoder import LinearChain
from rasd.ner.features import FeatureExtractor, Gazetteer, Lexicon

MODEL_RESOURCE = "ner.crfsuite"


class NerTagger:
    """A CRF model with the feature extractor it was trained with."""

    __slots__ = ("_chain", "_crf", "_extractor", "_model")

    def __init__(self, model: bytes, extractor: FeatureExtractor) -> None:
        self._model = model
        # the weights straight from the file: crfsuite itself is opened only for
        # ``tag_crfsuite``, as its own reader (``info()``) takes half a second
        weights = read_model(model)
        self._crf: Any = None
        self._extractor = replace(extractor, known=frozenset(weights.attributes), _cache={})
        self._chain = LinearChain.from_model(weights, self._extractor)

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        *,
        gazetteer: Path | None = None,
        clusters: Path | None = None,
        lexicon: Path | None = None,
        feature_set: str = "full",
    ) -> NerTagger:
        """The committed model and resources, or those at the given paths."""
        if path is None:
            model = resources.files("rasd.resources").joinpath(MODEL_RESOURCE).read_bytes()
        else:
            model = path.read_bytes()
        extractor = FeatureExtractor(
            Gazetteer.load(gazetteer),
            load_clusters(clusters),
            feature_set,
            Lexicon.load(lexicon) if feature_set == "full" else None,
        )
        return cls(model, extractor)

    def __reduce__(self) -> tuple[Any, ...]:
        # The word cache can hold tens of MB; a worker process builds its own.
        return (NerTagger, (self._model, replace(self._extractor, _cache={})))

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer the features read: later stages ask it whether a word is a name."""
        return self._extractor.gazetteer

    def norms(self, words: Sequence[str]) -> list[str]:
        """The words as the features read them (normalized), cached since ``tag``."""
        return self._chain.norms(words)

    def tag(self, words: Sequence[str]) -> list[tuple[str, float]]:
        """One ``(IOB2 label, marginal probability)`` per word of one sentence."""
        return self._chain.decode([words])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, float]]]:
        """``tag`` of many sentences at once (a document's): much faster than one by one."""
        return self._chain.decode(sentences)

    def tag_document(
        self, sentences: Sequence[Sequence[str]]
    ) -> tuple[list[list[tuple[str, float]]], list[Sequence[str]]]:
        """``tag_many``, and per sentence its words as ``norms`` gives them: the pipeline's
        rules read both."""
        return self._chain.decode_with_norms(sentences)

    def tag_crfsuite(self, words: Sequence[str]) -> list[tuple[str, float]]:
        """``tag`` by crfsuite itself, one sentence: the reference the decoder is tested on."""
        if not words:
            return []
        crf = self._crf
        if crf is None:
            crf = self._crf = pycrfsuite.Tagger()
            # crfsuite reads the model from memory without copying; self._model keeps it
            crf.open_inmemory(self._model)
        labels: list[str] = crf.tag(self._extractor.sentence_features(words))
        marginal = crf.marginal
        return [(label, float(marginal(label, index))) for index, label in enumerate(labels)]
