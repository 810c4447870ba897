"""Named entities: CRF features, the trained tagger and entity-level scoring.

``NerTagger.load().tag(words)`` labels one sentence of original token strings with IOB2
tags (PER, ORG, LOC, MISC) and their marginal probabilities.
"""

from __future__ import annotations

from rasd.ner.features import FeatureExtractor, Gazetteer, sentence_features
from rasd.ner.scoring import entity_spans, score
from rasd.ner.tagger import NerTagger

__all__ = [
    "FeatureExtractor",
    "Gazetteer",
    "NerTagger",
    "entity_spans",
    "score",
    "sentence_features",
]
