"""From token tags to entity mentions: character spans of the original text, without clitics.

ANERcorp and the tagger tag whole tokens, clitics included (``وإسرائيل`` B-LOC), but a
user wants the name: ``بالباغوز`` -> ``الباغوز``, ``وإسرائيل`` -> ``إسرائيل``. The text layer
splits off the clitics it is sure of (a chain ending in the article); the others (``و``
before a name without the article) are dropped when the rest is a known name and the
whole token is not.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from operator import itemgetter

from rasd.model import Entity, Token, Tokens
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

    def start_at(index: int) -> int:
        return name_start(text, tokens[index], is_name)

    def end_at(index: int) -> int:
        return tokens[index].end if ends is None else ends[index]

    return _entities(text, tagged, start_at, end_at)


def entities_from_columns(
    text: str,
    tokens: Tokens,
    first: int,
    tagged: Sequence[tuple[str, float]],
    *,
    is_name: Callable[[str], bool],
) -> list[Entity]:
    """``entities_from_tags`` of the sentence whose tokens start at ``tokens[first]``,
    read off the columns: no ``Token`` is made."""
    starts, ends = tokens.starts, tokens.ends
    owners, kinds, clitic_ends = tokens.clitic_owners, tokens.clitic_kinds, tokens.clitic_ends

    def start_at(index: int) -> int:
        index += first
        start = token_start = starts[index]
        # Token.name.start: past the conjunction and preposition the text layer split off
        at = bisect_left(owners, index)
        while at < len(owners) and owners[at] == index:
            if kinds[at] in _NAME_PROCLITICS:
                start = max(start, clitic_ends[at])
            at += 1
        if start != token_start:
            return start
        return start + _clitics_length(text[start : ends[index]], is_name)

    def end_at(index: int) -> int:
        return ends[first + index]

    return _entities(text, tagged, start_at, end_at)


_NAME_PROCLITICS = frozenset(("conjunction", "preposition"))
_label, _probability = itemgetter(0), itemgetter(1)


def _entities(
    text: str,
    tagged: Sequence[tuple[str, float]],
    start_at: Callable[[int], int],
    end_at: Callable[[int], int],
) -> list[Entity]:
    """The mentions of ``tagged``, its ``i``-th token's name starting at ``start_at(i)``
    and the token ending at ``end_at(i)``."""
    entities: list[Entity] = []
    for first, stop, label in entity_spans(list(map(_label, tagged))):
        start = start_at(first)
        end = end_at(stop - 1)
        if start >= end:
            continue
        confidence = sum(map(_probability, tagged[first:stop])) / (stop - first)
        entities.append(Entity(start, end, text[start:end], label, round(confidence, 4)))
    return entities
