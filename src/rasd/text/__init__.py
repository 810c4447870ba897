"""The text layer: Arabic normalisation with its offset map, sentences, tokens, language.

``analyze(text)`` runs the first three together; every span it returns is a range of
``text``, the original string.
"""

from __future__ import annotations

from rasd.model import Span, TextLayer, Tokens
from rasd.text.language import identify_language
from rasd.text.normalize import (
    build_layer,
    is_boundary,
    normalize,
    to_normalized_offset,
    to_original_span,
)
from rasd.text.sentences import split_sentences
from rasd.text.tokens import proclitic_splits, tokenize

__all__ = [
    "analyze",
    "build_layer",
    "identify_language",
    "is_boundary",
    "normalize",
    "proclitic_splits",
    "split_sentences",
    "to_normalized_offset",
    "to_original_span",
    "tokenize",
]


def analyze(text: str) -> tuple[TextLayer, tuple[Span, ...], Tokens]:
    """The text layer, sentences and tokens of ``text``."""
    layer = build_layer(text)
    return layer, split_sentences(text, layer), tokenize(text, layer)
