"""Persons with dated roles (persons.tsv), and actors as context for places (issue 6)."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.grounding.actors import (
    Person,
    Persons,
    Role,
    code_country,
    read_persons,
    role_on,
    tables,
)
from rasd.grounding.ground import person_entities
from rasd.model import Document, Entity
from rasd.pipeline import process
from rasd.settings import Settings
from rasd.text import normalize

_TABLE = resources.files("rasd.resources").joinpath("persons.tsv").read_text("utf-8")
_ROWS = read_persons(_TABLE.splitlines())


def test_persons_table_guard() -> None:
    assert len(_ROWS) > 400
    ids = Counter(person.id for person, _ in _ROWS)
    assert [id_ for id_, n in ids.items() if n > 1] == []
    aliases = Counter(alias for _, names in _ROWS for alias in names)
    assert [alias for alias, n in aliases.items() if n > 1] == []
    for person, names in _ROWS:
        assert re.fullmatch(r"per-[0-9a-f]{10}", person.id)
        assert names and all(normalize(alias) == alias for alias in names), person
        assert all(len(alias.split()) >= 2 for alias in names), person
        assert person.roles
        for role in person.roles:
            assert re.fullmatch(r"(?:[A-Z]{3})+", role.code), person
            assert role.start is None or role.end is None or role.start <= role.end, person


def test_bad_rows_are_refused() -> None:
    header = "id\tname_ar\taliases_ar\tname_en\troles"
    with pytest.raises(ValueError, match="ends before"):
        read_persons([header, "per-1\tس ص\tس ص\t\tIRQGOV 2014-01-01 2010-01-01"])
    with pytest.raises(ValueError, match="bad role"):
        read_persons([header, "per-1\tس ص\tس ص\t\tirqgov 2014-01-01 -"])


_OFFICIAL = Person(
    "per-x",
    "فلان الفلاني",
    None,
    (
        Role("IRQGOV", "2006-05-20", "2014-09-08"),
        Role("IRQELI", "2014-09-08", None),
    ),
)


def test_role_by_date() -> None:
    assert role_on(_OFFICIAL, "2008-01-01") == _OFFICIAL.roles[0]
    assert role_on(_OFFICIAL, "2016-01-01") == _OFFICIAL.roles[1]  # open end: still held
    assert role_on(_OFFICIAL, "2001-01-01") is None  # before any role
    assert role_on(_OFFICIAL, None) == _OFFICIAL.roles[1]  # no date: the latest


@given(st.dates().map(lambda day: day.isoformat()))
def test_a_role_found_holds_on_the_day(day: str) -> None:
    role = role_on(_OFFICIAL, day)
    assert role is None or role.holds_on(day)
    assert (role is None) == (day < "2006-05-20")


def test_the_committed_table_resolves_by_date() -> None:
    words = normalize("وقالت وزيرة الخارجية هيلاري كلينتون").split()
    match = tables().persons.find(words)
    assert match is not None and match[:2] == (3, 5)
    person = match[2]
    early, late = role_on(person, "2011-06-01"), role_on(person, "2016-06-01")
    assert early is not None and late is not None
    assert early.code == "USAGOV" and late.code != "USAGOV"
    assert code_country(late.code) == "USA" and code_country("IGOUNO") is None


def test_aliases_match_with_proclitics_and_without_the_article() -> None:
    persons = Persons([(_OFFICIAL, ("فلان الفلاني",))])
    assert persons.find(normalize("ولفلان الفلاني").split()) == (0, 2, _OFFICIAL)
    assert persons.find(normalize("قال فلان فلاني").split()) == (1, 3, _OFFICIAL)
    assert persons.find(normalize("فلان وحده").split()) is None


def _extract(text: str, published: str | None) -> Document:
    return process(Document("t", text, "t", published=published), Settings())


@pytest.mark.parametrize(
    ("published", "code"), [("2011-06-01", "USAGOV"), ("2016-06-01", "USAOPP")]
)
def test_extract_resolves_a_dated_person(published: str, code: str) -> None:
    doc = _extract("اتهمت هيلاري كلينتون روسيا بالتدخل.", published)
    (person,) = [e for e in doc.entities if e.label == "PER"]
    assert person.kb_id is not None and person.kb_id.startswith("per-")
    (event,) = doc.events
    assert event.actor is not None and event.actor.actor is not None
    actor = event.actor.actor
    assert (actor.id, actor.cameo, actor.country) == (person.kb_id, code, "USA")
    assert doc.text[actor.start : actor.end] == "هيلاري كلينتون"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("قتل ثلاثة أشخاص في اشتباكات بين عناصر حزب الله ومسلحين في طرابلس أمس.", "LBN"),
        ("قتل شخصان في انفجار سيارة مفخخة استهدفت عناصر من حزب الله في الجديدة.", "LBN"),
        ("قتل ثلاثة أشخاص في اشتباكات بين مسلحين ليبيين في طرابلس أمس.", "LBY"),
        ("قتل شخصان في انفجار سيارة مفخخة في الجديدة.", "MAR"),
    ],
)
def test_actors_countries_place_the_event(text: str, country: str) -> None:
    doc = _extract(text, "2019-03-05")
    locations = [event.location for event in doc.events if event.location is not None]
    assert locations and {location.country for location in locations} == {country}


def test_a_family_name_alone_is_the_person_named_in_full_before() -> None:
    doc = _extract(
        "التقى نوري المالكي وفدا أمريكيا في بغداد. وقال المالكي إن الحكومة لن تتراجع.",
        "2008-05-01",
    )
    people = [e for e in doc.entities if e.label == "PER"]
    assert [e.text for e in people] == ["نوري المالكي", "المالكي"]
    assert people[0].kb_id is not None and people[1].kb_id == people[0].kb_id


def test_a_family_name_shared_by_two_people_named_stays_unresolved() -> None:
    entities = (
        Entity(0, 10, "نوري المالكي", "PER", 0.9),
        Entity(20, 31, "حبيب المالكي", "PER", 0.9),
        Entity(40, 47, "المالكي", "PER", 0.9),
    )
    found = person_entities(entities)
    assert found[0].kb_id and found[1].kb_id and found[0].kb_id != found[1].kb_id
    assert found[2].kb_id is None


def _row_of(alias: str) -> str:
    (found,) = [person.id for person, names in _ROWS if normalize(alias) in names]
    return found


def test_spellings_of_one_person_are_one_row() -> None:
    # the dictionary's separate entries: a letter less, a middle name, a transliteration
    assert _row_of("نوري المالكي") == _row_of("نور المالكي") == _row_of("نوري كامل المالكي")
    assert _row_of("توني بلير") == _row_of("طوني بلير")
    assert _row_of("سعد الحريري") == _row_of("سعد الدين رفيق الحريري")
    # one letter apart but two princes, and two with no role at the same time
    assert _row_of("سلمان بن عبد العزيز") != _row_of("سلطان بن عبد العزيز")
    assert _row_of("فهد بن عبد العزيز") != _row_of("فهد بن محمد بن عبد العزيز")
