"""Ground a document's events: places to coordinates and precision codes, actors to the tables.

``ground(doc)`` takes a document with its events and fills, for each event, the location's
coordinates, country, admin1, gazetteer id and ACLED precision (``places``), and the
resolved actor of its actor, target and attribution (``actors``). A name that does not
resolve keeps its span and stays without coordinates; it takes nothing else down with it.

Where an event's sentence names no place, or only a region or country, and the article is
about one town (named at least twice, more than any other, and inside that country), the
event is placed in that town, with the span of the town's first mention as its evidence:
an analyst reads "the last pocket in eastern Syria" in an article about Baghouz as Baghouz.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rasd.grounding.actors import ResolvedActor, resolve_actor
from rasd.grounding.places import Resolved, document_countries, ground_location, resolve
from rasd.model import Actor, Argument, Document, Entity, Event, Location, TextLayer

# A town is the article's focus when named this often, and more than any other town.
FOCUS_MENTIONS = 2


def _actor(resolved: ResolvedActor | None) -> Actor | None:
    if resolved is None:
        return None
    return Actor(
        start=resolved.start,
        end=resolved.end,
        id=resolved.id,
        name_en=resolved.name_en,
        cameo=resolved.cameo,
        sector=resolved.sector,
        inter=resolved.inter,
        country=resolved.country,
    )


def _ground_argument(
    argument: Argument | None,
    text: str,
    layer: TextLayer,
    entities: Sequence[Entity],
    countries: Sequence[str],
) -> Argument | None:
    if argument is None:
        return None
    actor = _actor(resolve_actor(text, layer, argument, entities, countries))
    if actor is None:
        return argument
    return replace(argument, actor=actor, kb_id=argument.kb_id or actor.id)


def focus_town(doc: Document, countries: Sequence[str]) -> tuple[Entity, Resolved] | None:
    """The town the article is about: its first mention and where it is, or None."""
    towns: Counter[str] = Counter()
    first: dict[str, tuple[Entity, Resolved]] = {}
    for entity in doc.entities:
        if entity.label != "LOC":
            continue
        resolved = resolve(entity.text, context_countries=countries)
        if resolved is None or resolved.precision != 1:
            continue
        towns[resolved.place.id] += 1
        first.setdefault(resolved.place.id, (entity, resolved))
    ranked = towns.most_common(2)
    if not ranked or ranked[0][1] < FOCUS_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return first[ranked[0][0]]


def _place(
    location: Location | None,
    countries: Sequence[str],
    focus: tuple[Entity, Resolved] | None,
) -> Location | None:
    grounded = ground_location(location, countries) if location is not None else None
    if focus is None:
        return grounded
    entity, town = focus
    vague = grounded is None or grounded.precision is None or grounded.precision > 1
    same_country = grounded is None or grounded.country in (None, town.place.country)
    if not (vague and same_country):
        return grounded
    in_town = Location(entity.start, entity.end, entity.text)
    return ground_location(in_town, countries)


def ground_event(
    event: Event,
    doc: Document,
    countries: Sequence[str],
    focus: tuple[Entity, Resolved] | None,
) -> Event:
    layer = doc.layer
    assert layer is not None  # grounding runs after the text layer
    text, entities = doc.text, doc.entities
    return replace(
        event,
        location=_place(event.location, countries, focus),
        actor=_ground_argument(event.actor, text, layer, entities, countries),
        target=_ground_argument(event.target, text, layer, entities, countries),
        attribution=_ground_argument(event.attribution, text, layer, entities, countries),
    )


def ground(doc: Document) -> Document:
    """``doc`` with its events' places and actors resolved."""
    if not doc.events or doc.layer is None:
        return doc
    countries = document_countries(doc.text, doc.layer, doc.entities)
    focus = focus_town(doc, countries)
    events = tuple(ground_event(event, doc, countries, focus) for event in doc.events)
    return replace(doc, events=events)
