"""Ground a document's events: places to coordinates and precision codes, actors to the tables.

``ground(doc)`` takes a document with its events and fills, for each event, the location's
coordinates, country, admin1, gazetteer id and ACLED precision (``places``), and the
resolved actor of its actor, target and attribution (``actors``). A name that does not
resolve keeps its span and stays without coordinates; it takes nothing else down with it.

Where an event's sentence names no place, or only a region or country, and the article is
about one town (named at least twice, more than any other, and inside that country), the
event is placed in that town, with the span of the town's first mention as its evidence:
an analyst reads "the last pocket in eastern Syria" in an article about Baghouz as Baghouz.
An event its sentences place nowhere is placed where the article placed the event told
before it, in a town of the article's countries (``placed_by_account``); a statement or
decision placed at a whole country, at the dateline's town in it (``told_at_dateline``).

Actors are resolved before places, and the countries of the named actors the article
names (its entities' table ids, its events' resolved actors) are context for its places:
طرابلس beside حزب الله is Tripoli in Lebanon. A PER entity that spells a name of the
persons table gets its id, and resolves to the role the person held on the event's date
(else the publication's).

Last, a fight whose sentence names one armed side gets the article's main adversary as
the other (``sides``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from rasd.grounding.actors import code_country, resolve_actor, role_on, tables
from rasd.grounding.places import (
    ARTICLES_TOWN,
    Resolved,
    article_points,
    dateline_spans,
    document_countries,
    great_circle_km,
    ground_location,
    is_town,
    resolve,
)
from rasd.grounding.sides import with_other_sides
from rasd.model import Argument, Document, Entity, Event, Location, TextLayer
from rasd.text import normalize

# A town is the article's focus when named this often, and more than any other town.
FOCUS_MENTIONS = 2


def _ground_argument(
    argument: Argument | None,
    text: str,
    layer: TextLayer,
    entities: Sequence[Entity],
    countries: Sequence[str],
    on: str | None,
) -> Argument | None:
    if argument is None:
        return None
    actor = resolve_actor(text, layer, argument, entities, countries, on)
    if actor is None:
        return argument
    return replace(argument, actor=actor, kb_id=argument.kb_id or actor.id)


def event_day(event: Event, doc: Document) -> str | None:
    """The ISO day a person's role is read for: the event's date, else the publication's."""
    if event.date is not None and event.date.value:
        return event.date.value[:10]
    return doc.published[:10] if doc.published else None


@lru_cache(maxsize=65536)
def person_id(name: str) -> str | None:
    """The persons table id of the person an entity's text names, or None."""
    match = tables().persons.find(normalize(name).split())
    return match[2].id if match is not None else None


def person_entities(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The entities, each PER entity that spells a name of the persons table with its id.

    News names a person in full once and then by the family name alone (نوري المالكي ...
    وقال المالكي): a PER entity whose words end the full name of exactly one person the
    article has named in full gets that person's id too.
    """
    found: list[Entity] | None = None
    named: dict[str, tuple[str, ...]] = {}  # person id -> the name's words, as first written
    for index, entity in enumerate(entities):
        if entity.label != "PER" or entity.kb_id is not None:
            continue
        kb_id = person_id(entity.text)
        if kb_id is not None:
            found = found if found is not None else list(entities)
            found[index] = replace(entity, kb_id=kb_id)
            named.setdefault(kb_id, name_key(entity.text))
    if not named:
        return entities if found is None else tuple(found)
    assert found is not None
    for index, entity in enumerate(found):
        if entity.label != "PER" or entity.kb_id is not None:
            continue
        short = name_key(entity.text)
        ending = {
            kb_id
            for kb_id, full in named.items()
            if 0 < len(short) < len(full) and full[-len(short) :] == short
        }
        if len(ending) == 1:
            found[index] = replace(entity, kb_id=ending.pop())
    return tuple(found)


def name_key(name: str) -> tuple[str, ...]:
    """A person's name as compared: normalized words without their articles."""
    return tuple(word.removeprefix("ال") for word in normalize(name).split())


def actor_countries(entities: Sequence[Entity], day: str | None) -> list[str]:
    """The countries of the named actors and persons among the entities, most named first."""
    found = tables()
    counts: Counter[str] = Counter()
    for entity in entities:
        if entity.kb_id is None:
            continue
        actor = found.named.actors.get(entity.kb_id)
        if actor is not None:
            country = actor.country
        else:
            person = found.persons.by_id.get(entity.kb_id)
            role = role_on(person, day) if person is not None else None
            country = code_country(role.code) if role is not None else None
        if country:
            counts[country] += 1
    return [country for country, _ in counts.most_common()]


def focus_town(doc: Document, countries: Sequence[str]) -> tuple[Entity, Resolved] | None:
    """The town the article is about: its first mention and where it is, or None."""
    towns: Counter[str] = Counter()
    first: dict[str, tuple[Entity, Resolved]] = {}
    # a dateline names where the newsroom is, not what the article is about
    datelines = dateline_spans(doc.text)
    for entity in doc.entities:
        if entity.label != "LOC" or any(a <= entity.start < b for a, b in datelines):
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
    near: Sequence[tuple[float, float]] = (),
) -> Location | None:
    grounded = ground_location(location, countries, near) if location is not None else None
    if focus is None:
        return grounded
    entity, town = focus
    vague = grounded is None or grounded.precision is None or grounded.precision > 1
    same_country = grounded is None or grounded.country in (None, town.place.country)
    if not (vague and same_country and _holds(grounded, town)):
        return grounded
    reason = ARTICLES_TOWN if grounded is None else f"{ARTICLES_TOWN}, in «{grounded.text}»"
    in_town = Location(entity.start, entity.end, entity.text, reason=reason)
    return ground_location(in_town, countries, near)


# A region an article names holds its focus town when the town lies this near its centre:
# «بشرق سوريا» in an article about Baghouz is Baghouz, «الضفة الغربية» in one about Gaza
# is not Gaza.
REGION_KM = 150.0


def _holds(grounded: Location | None, town: Resolved) -> bool:
    """Whether a vague place can be the focus town: unknown, the town's country, its
    province, or a region around it."""
    if grounded is None or grounded.lat is None or grounded.lon is None:
        return True
    if is_town(grounded):
        return False  # شرق مدينة خان يونس: near a town, named; not the article's other town
    if grounded.precision == 3:  # a country (no admin1) or a province
        return grounded.admin1 in (None, town.place.admin1)
    return great_circle_km(grounded.lat, grounded.lon, town.place.lat, town.place.lon) <= REGION_KM


_Arguments = tuple[Argument | None, Argument | None, Argument | None]


def ground_actors(event: Event, doc: Document, countries: Sequence[str]) -> _Arguments:
    """The event's actor, target and attribution, resolved."""
    layer = doc.layer
    assert layer is not None  # grounding runs after the text layer
    text, entities, on = doc.text, doc.entities, event_day(event, doc)
    return (
        _ground_argument(event.actor, text, layer, entities, countries, on),
        _ground_argument(event.target, text, layer, entities, countries, on),
        _ground_argument(event.attribution, text, layer, entities, countries, on),
    )


def ground_event(
    event: Event,
    doc: Document,
    countries: Sequence[str],
    focus: tuple[Entity, Resolved] | None,
) -> Event:
    """``event`` with its actors and its place resolved."""
    actor, target, attribution = ground_actors(event, doc, countries)
    location = _place(event.location, countries, focus)
    return replace(event, actor=actor, target=target, attribution=attribution, location=location)


def ground(doc: Document) -> Document:
    """``doc`` with its events' actors, then places, resolved (see the module's doc)."""
    layer = doc.layer
    if layer is None:
        return doc
    entities = person_entities(doc.entities)
    if entities is not doc.entities:
        doc = replace(doc, entities=entities)
    if not doc.events:
        return doc
    day = doc.published[:10] if doc.published else None
    hints = actor_countries(doc.entities, day)
    countries = document_countries(doc.text, layer, doc.entities, hints)
    arguments = [ground_actors(event, doc, countries) for event in doc.events]
    named = [
        argument.actor.country
        for found in arguments
        for argument in found
        if argument is not None and argument.actor is not None and argument.actor.id
        if argument.actor.country
    ]
    more = [country for country in dict.fromkeys(named) if country not in hints]
    if more:  # named actors the entities did not show (الجيش اللبناني): context for places
        countries = document_countries(doc.text, layer, doc.entities, [*hints, *more])
    focus = focus_town(doc, countries)
    near = article_points(doc.entities, countries)
    events = tuple(
        replace(
            event,
            actor=actor,
            target=target,
            attribution=attribution,
            location=_place(event.location, countries, focus, near),
        )
        for event, (actor, target, attribution) in zip(doc.events, arguments, strict=True)
    )
    events = placed_by_account(events, countries)
    events = told_at_dateline(events, doc.text, countries)
    if countries:
        # the civilians of a shelling in Hays are Yemeni in an article datelined Riyadh:
        # an unnamed party takes the country of the event's place before the article's
        events = tuple(_local_parties(event, doc, countries) for event in events)
    sided = with_other_sides(events, doc.entities, doc.text)
    events = tuple(
        event if event is before else _ground_other_side(event, doc, countries)
        for event, before in zip(sided, events, strict=True)
    )
    return replace(doc, events=events)


# How the article placed the event its sentence does not place.
TOLD_BEFORE = "where the article placed what it told before"
TOLD_FIRST = "where the article placed the first thing it told"


def placed_by_account(events: Sequence[Event], countries: Sequence[str]) -> tuple[Event, ...]:
    """The events, each one its sentences do not place placed where the article placed the
    event told last before it (الشرطة انتشرت في وسط العاصمة ... كما حاصرت الشرطة مسجداً: in
    the capital), or, told before any place, the first place the article gives (a headline
    the lead places). Only a town or a part of one is taken, in the article's countries:
    an account moves on from a country named in passing, and a country's centroid is no
    place an analyst accepts."""
    if all(event.location is not None for event in events):
        return tuple(events)
    order = sorted(range(len(events)), key=lambda i: _told_at(events[i]))
    towns = [
        (_told_at(events[i]), events[i].location)
        for i in order
        if _is_account_place(events[i].location, countries)
    ]
    if not towns:
        return tuple(events)
    found = list(events)
    for index, event in enumerate(events):
        if event.location is not None:
            continue
        at = _told_at(event)
        before = [place for told, place in towns if told < at]
        place, reason = (before[-1], TOLD_BEFORE) if before else (towns[0][1], TOLD_FIRST)
        assert place is not None
        found[index] = replace(event, location=replace(place, reason=reason))
    return tuple(found)


# The types of what a party says or decides (a statement, a demand, a decision): told where
# it was said, not across the country it concerns.
TOLD_TYPES = frozenset(
    (
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "SANCTION",
    )
)
AT_DATELINE = "the dateline's town"


def told_at_dateline(
    events: Sequence[Event], text: str, countries: Sequence[str]
) -> tuple[Event, ...]:
    """The events, each statement or decision placed at a whole country (وطالبت بمغادرتهم
    السودان) placed at the town of the article's dateline when the dateline is in that
    country (بورتسودان- وكالة:): a country's centroid is nowhere it was said, and the
    dateline is where the news was issued."""
    whole = [
        index
        for index, event in enumerate(events)
        if event.event_type in TOLD_TYPES and _a_whole_country(event.location)
    ]
    if not whole:
        return tuple(events)
    town = next(
        (
            (start, end, found)
            for start, end in dateline_spans(text)
            if (found := resolve(text[start:end], context_countries=countries)) is not None
            and found.precision == 1
        ),
        None,
    )
    if town is None:
        return tuple(events)
    start, end, found = town
    placed = list(events)
    for index in whole:
        location = placed[index].location
        assert location is not None
        if location.country != found.place.country:
            continue
        reason = f"{AT_DATELINE}, in «{location.text}»"
        at = ground_location(Location(start, end, text[start:end], reason=reason), countries)
        placed[index] = replace(placed[index], location=at)
    return tuple(placed)


def _a_whole_country(place: Location | None) -> bool:
    return (
        place is not None
        and place.lat is not None
        and place.precision == 3
        and place.admin1 is None
    )


def _told_at(event: Event) -> int:
    return min((e.sentence_start for e in event.evidence), default=0)


def _is_account_place(place: Location | None, countries: Sequence[str]) -> bool:
    return (
        place is not None
        and place.lat is not None
        and place.precision is not None
        and place.precision <= 2
        and (not countries or place.country in countries)
    )


def _local_parties(event: Event, doc: Document, countries: Sequence[str]) -> Event:
    """``event`` with its unnamed parties re-read in the country of its place, when the
    place lies outside the article's first country."""
    place = event.location
    if place is None or place.country is None or place.country == countries[0]:
        return event
    if not any(
        argument is not None
        and argument.actor is not None
        and argument.actor.id is None
        and argument.actor.country == countries[0]
        for argument in (event.actor, event.target)
    ):
        return event
    local = [place.country, *(c for c in countries if c != place.country)]
    actor, target, _ = ground_actors(event, doc, local)
    return replace(event, actor=actor, target=target)


def _ground_other_side(event: Event, doc: Document, countries: Sequence[str]) -> Event:
    """Resolve the side ``sides.with_other_sides`` filled (the one with no actor yet)."""
    layer = doc.layer
    assert layer is not None
    on = event_day(event, doc)
    actor, target = event.actor, event.target
    if actor is not None and actor.actor is None:
        actor = _ground_argument(actor, doc.text, layer, doc.entities, countries, on)
    if target is not None and target.actor is None:
        target = _ground_argument(target, doc.text, layer, doc.entities, countries, on)
    return replace(event, actor=actor, target=target)
