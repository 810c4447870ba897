"""The other side of a fight whose sentence names only one: the article's main adversary.

An article about a battle names its belligerents often, but not in every sentence:
«واستأنفت قوات سوريا الديمقراطية هجومها على قرية الباغوز» names the attacker and the village,
and an analyst codes the target as ISIS, whom the whole article is about; «وواجهت قوات سوريا
الديمقراطية ... ألغاما أرضية وسيارات ملغومة» names the target, and the mines are ISIS's.
ACLED codes the unnamed side of an engagement the same way when the report makes it plain.

The rule: an ASSAULT, or a surrender, withdrawal, ceasefire or disarmament (RETREAT), whose
one side is a named armed actor of the actor table that the article names at least twice,
and whose other side the sentence leaves out, gets as that side the article's main
adversary of it: the armed actor of the table that the article names most often, at least
twice and more often than any other, and that is not the known side. Both belligerents
must be named, and often: an article that names one army once among other news gets no
inferred side; an attack that counts its dead or wounded but names no target hit those
people, and gets none. The inferred side's span is the adversary's mention nearest before
the event's sentence (else the first after it): an argument outside its event's sentence
is an inferred one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from rasd.grounding.actors import fights, tables
from rasd.model import Actor, Argument, Entity, Event

# The adversary is named at least this often, and more often than any other armed actor.
ADVERSARY_MENTIONS: Final = 2
# RETREAT modes whose recipient is the other side of the fight (not released hostages,
# a resigning minister's office or aid let through).
_FIGHT_RETREATS: Final = frozenset({None, "withdraw", "ceasefire", "disarm"})
# Counts of people an attack hit: with them, an unnamed target is those people (civilians,
# passers-by), not the adversary.
_VICTIMS: Final = frozenset({"killed", "injured", "kidnapped", "arrested"})


def is_armed(actor: Actor | None) -> bool:
    """Whether a resolved actor fights: an armed sector, or a coalition of armies (…MIL)."""
    return actor is not None and fights(actor.sector, actor.id, actor.cameo)


def _fights(event: Event) -> bool:
    if event.event_type == "ASSAULT":
        return True
    return event.event_type == "RETREAT" and event.mode in _FIGHT_RETREATS


def armed_mentions(entities: Sequence[Entity]) -> dict[str, list[int]]:
    """The entities naming each armed actor of the actor table, by the actor's id."""
    actors = tables().named.actors
    mentions: dict[str, list[int]] = {}
    for number, entity in enumerate(entities):
        known = actors.get(entity.kb_id) if entity.kb_id else None
        if known is None:
            continue
        if fights(known.sector, known.id, known.cameo):
            mentions.setdefault(known.id, []).append(number)
    return mentions


def adversary(mentions: dict[str, list[int]], side: Actor) -> str | None:
    """The id of the armed actor the article names most, other than ``side``, or None
    when none is named often enough or two are named equally often."""
    counts = Counter({id_: len(found) for id_, found in mentions.items() if id_ != side.id})
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < ADVERSARY_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def _nearest(numbers: Sequence[int], entities: Sequence[Entity], at: int) -> int:
    """The mention that ends last before ``at``, else the first one."""
    before = [number for number in numbers if entities[number].end <= at]
    return before[-1] if before else numbers[0]


def with_other_sides(
    events: Sequence[Event], entities: Sequence[Entity], text: str
) -> tuple[Event, ...]:
    """``events`` with the missing side of their fights filled (see the module).

    The events' actors must already be resolved; the filled side carries the table's
    actor of its entity, without a role, country or inter code of context (those come from
    resolving it like any argument, which the caller does).
    """
    mentions: dict[str, list[int]] | None = None
    filled: list[Event] = []
    for event in events:
        known, missing = _sides(event)
        if known is None or known.actor is None or known.actor.id is None or not _fights(event):
            filled.append(event)
            continue
        if missing == "target" and any(count.kind in _VICTIMS for count in event.counts):
            # the people counted are whom it hit, though the argument rules missed them
            filled.append(event)
            continue
        if mentions is None:
            mentions = armed_mentions(entities)
        other = adversary(mentions, known.actor)
        if other is None or len(mentions.get(known.actor.id, ())) < ADVERSARY_MENTIONS:
            filled.append(event)
            continue
        sentence = event.evidence[0].sentence_start if event.evidence else known.start
        number = _nearest(mentions[other], entities, sentence)
        entity = entities[number]
        argument = Argument(
            entity.start, entity.end, text[entity.start : entity.end], number, kb_id=other
        )
        if missing == "target":
            filled.append(replace(event, target=argument))
        else:
            filled.append(replace(event, actor=argument))
    return tuple(filled)


def _sides(event: Event) -> tuple[Argument | None, str]:
    """The event's one armed side, and the name of its missing field; (None, "") when both
    or neither are there, or the one there is not armed."""
    if event.actor is not None and event.target is None and is_armed(event.actor.actor):
        return event.actor, "target"
    if event.target is not None and event.actor is None and is_armed(event.target.actor):
        return event.target, "actor"
    return None, ""
