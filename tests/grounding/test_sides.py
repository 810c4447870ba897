"""The other side of a fight from the article's main adversary (rasd.grounding.sides)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from rasd.grounding.sides import adversary, armed_mentions, is_armed, with_other_sides
from rasd.model import Actor, Argument, Count, Document, Entity, Event, Evidence
from rasd.pipeline import process
from rasd.settings import Settings

SEED = Path(__file__).resolve().parents[2] / "examples" / "baghouz_surrender_ar.txt"

SDF = Actor(0, 0, id="sdf", cameo="SYRREB", sector="rebel", inter=2, country="SYR")
MINISTRY = Actor(0, 0, sector="government", cameo="SYRGOV", country="SYR")


@cache
def _seed() -> Document:
    text = SEED.read_text("utf-8")
    doc = Document(id="seed", text=text, origin=str(SEED), published="2019-03-05")
    return process(doc, Settings())


def _by_trigger(doc: Document, trigger: str) -> Event:
    (event,) = [e for e in doc.events if any(x.trigger == trigger for x in e.evidence)]
    return event


def test_the_seed_offensive_is_against_isis() -> None:
    offensive = _by_trigger(_seed(), "هجومها")
    assert offensive.actor is not None and offensive.actor.kb_id == "sdf"
    assert offensive.target is not None and offensive.target.kb_id == "isis"
    assert offensive.target.actor is not None and offensive.target.actor.sector == "terrorist"
    # the inferred side is a real mention of ISIS, before the offensive's sentence
    assert offensive.target.text == _seed().text[offensive.target.start : offensive.target.end]
    assert offensive.target.end <= offensive.evidence[0].sentence_start


def test_the_seed_mines_are_isis_and_the_surrender_is_to_the_sdf() -> None:
    mines = _by_trigger(_seed(), "ألغاما")
    assert mines.actor is not None and mines.actor.kb_id == "isis"
    assert mines.target is not None and mines.target.kb_id == "sdf"
    surrender = _by_trigger(_seed(), "استسلام")
    assert surrender.target is not None and surrender.target.kb_id == "sdf"


def test_the_hope_of_a_release_gets_no_other_side() -> None:
    release = _by_trigger(_seed(), "الإفراج عنهم")
    assert release.actor is None and release.target is None


def _entities(*ids: str) -> tuple[Entity, ...]:
    return tuple(Entity(10 * n, 10 * n + 4, "name", "ORG", 1.0, id_) for n, id_ in enumerate(ids))


def _assault(actor: Argument | None = None, target: Argument | None = None) -> Event:
    evidence = (Evidence(100, 140, 110, 115, "هاجمت"),)
    return Event("ASSAULT", 0.9, actor=actor, target=target, evidence=evidence)


def test_the_adversary_is_named_most_at_least_twice_and_alone() -> None:
    mentions = armed_mentions(_entities("sdf", "isis", "isis", "sdf", "sdf"))
    assert adversary(mentions, SDF) == "isis"
    assert adversary(armed_mentions(_entities("sdf", "isis")), SDF) is None  # named once
    tied = armed_mentions(_entities("isis", "hts", "isis", "hts"))
    assert adversary(tied, SDF) is None


def test_unarmed_actors_are_no_adversary_and_get_none() -> None:
    assert not is_armed(MINISTRY) and is_armed(SDF)
    assert armed_mentions(_entities("sohr", "sohr", "reuters")) == {}
    text = "x" * 200
    known = Argument(110, 114, "name", actor=MINISTRY)
    events = (_assault(actor=known),)
    assert with_other_sides(events, _entities("isis", "isis"), text) == events


@pytest.mark.parametrize("side", ["actor", "target"])
def test_the_missing_side_is_the_nearest_mention_before(side: str) -> None:
    text = "x" * 200
    known = Argument(110, 114, "name", actor=SDF, kb_id="sdf")
    event = _assault(**{side: known})
    entities = _entities("isis", "sdf", "isis", *["o"] * 10, "isis", "sdf")  # ISIS 0, 20, 130
    (filled,) = with_other_sides((event,), entities, text)
    other = filled.target if side == "actor" else filled.actor
    assert other is not None and other.kb_id == "isis" and (other.start, other.entity) == (20, 2)
    assert getattr(filled, side) == known


def test_a_side_named_once_or_unnamed_or_counted_victims_get_no_adversary() -> None:
    text = "x" * 200
    entities = _entities("isis", "sdf", "isis", "isis")  # the SDF named once
    named_once = _assault(actor=Argument(110, 114, "name", actor=SDF, kb_id="sdf"))
    assert with_other_sides((named_once,), entities, text) == (named_once,)
    twice = (*entities, *_entities("sdf"))
    generic = replace(SDF, id=None)  # «مسلحون»: armed, but no actor of the table
    unnamed = _assault(actor=Argument(110, 114, "name", actor=generic))
    assert with_other_sides((unnamed,), twice, text) == (unnamed,)
    killed = replace(named_once, counts=(Count("killed", 3, 116, 120, "ثلاثة"),))
    assert with_other_sides((killed,), twice, text) == (killed,)
    (filled,) = with_other_sides((named_once,), twice, text)
    assert filled.target is not None and filled.target.kb_id == "isis"


def test_a_fight_with_both_sides_is_left_alone() -> None:
    text = "x" * 200
    both = _assault(Argument(110, 114, "a", actor=SDF), Argument(120, 124, "b", actor=SDF))
    assert with_other_sides((both,), _entities("isis", "isis"), text) == (both,)
