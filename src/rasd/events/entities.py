"""Which of a document's entities fall in a sentence, without a pass over all of them.

Arguments and attribution read the entities of each sentence that has an event; a long
article has a hundred entities and a few such sentences. The NER gives entities in text
order, so two bisections find a sentence's; any other order falls back to the full scan.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rasd.model import Entity


class _Bounds:
    """The starts and ends of one entity sequence, and whether both are in order."""

    __slots__ = ("ends", "entities", "ordered", "starts")

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        self.starts = [entity.start for entity in entities]
        self.ends = [entity.end for entity in entities]
        self.ordered = self.starts == sorted(self.starts) and self.ends == sorted(self.ends)


_last = _Bounds(())


def overlapping(entities: Sequence[Entity], start: int, end: int) -> Sequence[int]:
    """The indices, in order, of the entities that overlap the original span [start, end)."""
    global _last  # one slot, replaced whole: safe to read from several threads
    bounds = _last
    if bounds.entities is not entities:
        bounds = _Bounds(entities)
        if isinstance(entities, tuple):  # a list could change under the same identity
            _last = bounds
    if bounds.ordered:
        return range(bisect_right(bounds.ends, start), bisect_left(bounds.starts, end))
    return [
        index
        for index, entity in enumerate(entities)
        if not (entity.end <= start or entity.start >= end)
    ]
