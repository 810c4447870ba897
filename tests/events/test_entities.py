from hypothesis import given
from hypothesis import strategies as st

from rasd.events.entities import overlapping
from rasd.model import Entity


def _entity(start: int, size: int) -> Entity:
    return Entity(start, start + size, "x" * size, "LOC", 1.0)


def _plain(entities: list[Entity] | tuple[Entity, ...], start: int, end: int) -> list[int]:
    return [i for i, e in enumerate(entities) if not (e.end <= start or e.start >= end)]


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=12)


@given(spans, st.integers(0, 70), st.integers(0, 70), st.booleans())
def test_overlapping_is_the_plain_scan(
    raw: list[tuple[int, int]], a: int, b: int, in_order: bool
) -> None:
    # In text order (what the NER gives) two bisections; in any other order, the scan.
    if in_order:
        raw = sorted(raw)
    entities = tuple(_entity(start, size) for start, size in raw)
    start, end = sorted((a, b))
    assert list(overlapping(entities, start, end)) == _plain(entities, start, end)
    # the same tuple again reads its cached bounds
    assert list(overlapping(entities, 0, end)) == _plain(entities, 0, end)


def test_a_list_is_read_again_after_it_changes() -> None:
    entities = [_entity(0, 3), _entity(10, 3)]
    assert list(overlapping(entities, 9, 20)) == [1]
    entities.append(_entity(15, 2))
    assert list(overlapping(entities, 9, 20)) == [1, 2]
