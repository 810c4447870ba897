"""From token tags to entity mentions: character spans of the original text, without clitics.

ANERcorp and the tagger tag whole tokens, clitics included (``وإسرائيل`` B-LOC), but a
user wants the name: ``بالباغوز`` -> ``الباغوز``, ``وإسرائيل`` -> ``إسرائيل``. The text layer
splits off the clitics it is sure of (a chain ending in the article); the others (``و``
before a name without the article) are dropped when the rest is a known name and the
whole token is not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from rasd.model import Entity, Token
from rasd.ner.scoring import entity_spans
from rasd.text import normalize, proclitic_splits


def name_start(text: str, token: Token, is_name: Callable[[str], bool]) -> int:
    """Where the name in ``token`` starts, once proclitics that are not part of it are off.

    ``is_name`` answers for a normalized word: ``is_name("اسرائيل")``.
    """
    start = token.name.start
    if start != token.start:
        return start  # the text layer split the clitics off: بالباغوز -> الباغوز
    return start + _clitics_length(text[token.start : token.end], is_name)


@lru_cache(maxsize=20_000)
def _clitics_length(word: str, is_name: Callable[[str], bool]) -> int:
    """How many characters of ``word`` are proclitics before a name; cached per word, as
    names repeat through a text."""
    normalized = normalize(word)
    if is_name(normalized):
        return 0
    for prefix, rest in reversed(proclitic_splits(normalized)):
        if prefix and not prefix.endswith("ال") and is_name(rest):
            return _original_length(word, len(prefix))
    return 0


def _original_length(word: str, normalized_length: int) -> int:
    """How many characters of ``word`` normalise to its first ``normalized_length``."""
    for cut in range(normalized_length, len(word) + 1):
        if len(normalize(word[:cut])) >= normalized_length:
            return cut
    return len(word)


def entities_from_tags(
    text: str,
    tokens: Sequence[Token],
    tagged: Sequence[tuple[str, float]],
    *,
    is_name: Callable[[str], bool],
    ends: Sequence[int] | None = None,
) -> list[Entity]:
    """Entity mentions of one tagged sentence; ``tokens[i]`` carries ``tagged[i]``.

    ``ends``, the tokens' ends, spares making a ``Token`` for an entity's last word.
    """
    entities: list[Entity] = []
    for first, stop, label in entity_spans([tag for tag, _ in tagged]):
        start = name_start(text, tokens[first], is_name)
        end = tokens[stop - 1].end if ends is None else ends[stop - 1]
        if start >= end:
            continue
        confidence = sum(probability for _, probability in tagged[first:stop]) / (stop - first)
        entities.append(Entity(start, end, text[start:end], label, round(confidence, 4)))
    return entities
