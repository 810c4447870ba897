"""Actor resolution: named actors, generic agents, nationalities and origins; the tables."""

from __future__ import annotations

import time
from collections import Counter
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.grounding.actors import (
    COUNTRIES,
    ENGLISH,
    _Lexicon,
    inflections,
    read_agents,
    resolve_actor,
    tables,
)
from rasd.model import Actor, Argument, Entity
from rasd.ner.known import known_names
from rasd.text import build_layer, normalize

ROLES = {
    "MIL", "COP", "SPY", "GOV", "LEG", "JUD", "REB", "UAF", "CRM", "OPP", "PTY",
    "CVL", "REF", "MED", "EDU", "LAB", "HLH", "REL", "BUS", "AGR",
}  # fmt: skip


def _resolve(
    phrase: str, context: tuple[str, ...] = (), before: str = "قال "
) -> tuple[Actor | None, str]:
    text = before + phrase + " أمس"
    start = len(before)
    argument = Argument(start, start + len(phrase), phrase)
    resolved = resolve_actor(text, build_layer(text), argument, (), context)
    return resolved, "" if resolved is None else text[resolved.start : resolved.end]


def _agent_rows() -> list[list[str]]:
    text = resources.files("rasd.resources").joinpath("agents.tsv").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_agents_table_is_consistent() -> None:
    rows = _agent_rows()
    assert rows[0] == ["phrase", "role", "sector", "inter", "source", "en"]
    body = rows[1:]
    phrases = Counter(normalize(row[0]) for row in body)
    assert max(phrases.values()) == 1, [phrase for phrase, n in phrases.items() if n > 1]
    for phrase, role, sector, inter, source, en in body:
        assert phrase == phrase.strip() and 1 <= len(phrase.split()) <= 3, phrase
        # an alias read through normalize() is one the matcher can meet in normalized text
        assert normalize(normalize(phrase)) == normalize(phrase)
        assert role in ROLES, phrase
        assert sector and sector == sector.lower(), phrase
        assert inter in {str(code) for code in range(1, 9)}, phrase
        assert source in {"petrarch", "curated"}, phrase
        assert en and en == en.strip() and en.isascii(), phrase
    assert len(read_agents("\t".join(row) for row in rows)) == len(body)


def test_agents_table_reader_rejects_bad_rows() -> None:
    with pytest.raises(ValueError, match="header"):
        read_agents(["word\trole"])
    with pytest.raises(ValueError, match="inter"):
        read_agents(
            ["phrase\trole\tsector\tinter\tsource\ten", "جنود\tMIL\tstate-military\t9\tx\tsoldiers"]
        )


def test_country_table_is_consistent() -> None:
    codes = Counter(iso3 for iso3, _, _ in COUNTRIES)
    assert max(codes.values()) == 1
    assert all(len(iso3) == 3 and iso3.isupper() for iso3 in codes)
    spellings = Counter(
        normalize(name)
        for _, names, demonyms in COUNTRIES
        for name in f"{names}|{demonyms}".split("|")
        if name
    )
    assert max(spellings.values()) == 1, [name for name, n in spellings.items() if n > 1]


def test_every_table_actor_resolves_by_each_arabic_name() -> None:
    for actor in known_names().actors.values():
        for name in actor.names_ar:
            resolved, span = _resolve(name)
            assert resolved is not None and resolved.id == actor.id, name
            assert span and span in name  # a descriptor (تنظيم داعش) is not part of the name


def test_named_via_entity_kb_id_takes_the_entity_span() -> None:
    text = "وقالت قسد إنها سيطرت"
    entity = Entity(6, 9, "قسد", "ORG", 0.95, kb_id="sdf")
    argument = Argument(6, 9, "قسد", entity=0)
    resolved = resolve_actor(text, build_layer(text), argument, (entity,), ("SYR",))
    assert resolved == Actor(6, 9, "sdf", "Syrian Democratic Forces", "SYRREB", "rebel", 2, "SYR")


def test_alias_inside_the_span_without_proclitics() -> None:
    resolved, span = _resolve("عناصر تنظيم داعش")
    assert resolved is not None and resolved.id == "isis" and span == "داعش"
    resolved, span = _resolve("ومقاتلي قوات سوريا الديمقراطية")
    assert resolved is not None and resolved.id == "sdf" and span == "قوات سوريا الديمقراطية"
    resolved, span = _resolve("لجيش الاحتلال")
    assert resolved is not None and resolved.cameo == "ISRMIL" and span == "جيش الاحتلال"
    resolved, span = _resolve("ISIS fighters")
    assert resolved is not None and resolved.id == "isis" and span == "ISIS"


def test_generic_agent_takes_the_country_of_a_nationality() -> None:
    resolved, span = _resolve("جنود عراقيون")
    assert resolved is not None and resolved.id is None
    assert (resolved.cameo, resolved.sector, resolved.inter, resolved.country) == (
        "IRQMIL",
        "state-military",
        1,
        "IRQ",
    )
    assert span == "جنود"
    resolved, span = _resolve("رجال أمن مصريون", context=("EGY",))
    assert resolved is not None and resolved.cameo == "EGYCOP" and span == "رجال أمن"
    resolved, _ = _resolve("مصورا فرنسيا")
    assert resolved is not None and resolved.cameo == "FRAMED"


def test_generic_agent_takes_the_context_country() -> None:
    resolved, span = _resolve("والمتظاهرين", context=("IRQ", "SYR"))
    assert resolved is not None and span == "المتظاهرين"
    assert (resolved.cameo, resolved.sector, resolved.inter) == ("IRQCVL", "protesters", 6)
    resolved, span = _resolve("مسلحون مجهولون", context=("LBN",))
    assert resolved is not None and span == "مسلحون مجهولون" and resolved.cameo == "LBNUAF"
    resolved, _ = _resolve("مسلحون مجهولون")
    assert resolved is not None and (resolved.cameo, resolved.country) == ("UAF", None)


def test_origin_country_is_an_attribute_of_the_actor() -> None:
    resolved, span = _resolve("مقاتلون من أوزبكستان", context=("SYR",))
    assert resolved is not None and resolved.country == "UZB" and span == "مقاتلون"
    # a named transnational actor gets its members' origin
    resolved, _ = _resolve("مقاتلي داعش الأوزبكيين", context=("SYR",))
    assert resolved is not None and (resolved.id, resolved.country) == ("isis", "UZB")
    # where they are is not where they are from
    resolved, _ = _resolve("عناصر داعش في العراق")
    assert resolved is not None and resolved.country is None
    resolved, _ = _resolve("مسلحون بالعراق", context=("SYR",))
    assert resolved is not None and resolved.country == "SYR"


def test_the_occupation_is_israel_unless_a_nationality_says_whose() -> None:
    # in a Palestinian article the occupation's forces are not Palestine's
    resolved, span = _resolve("قوات الاحتلال", context=("PSE",))
    assert resolved is not None and span == "قوات الاحتلال"
    assert (resolved.cameo, resolved.country, resolved.inter) == ("ISRMIL", "ISR", 8)
    resolved, span = _resolve("الاحتلال", context=("PSE",))
    assert resolved is not None and span == "الاحتلال" and resolved.cameo == "ISRMIL"
    resolved, _ = _resolve("طائرات الاحتلال", context=("LBN",))
    assert resolved is not None and resolved.country == "ISR"
    resolved, _ = _resolve("قوات الاحتلال الأمريكي", context=("IRQ",))
    assert resolved is not None and resolved.cameo == "USAMIL"


def test_state_forces_abroad_are_external_forces() -> None:
    resolved, _ = _resolve("القوات الأمريكية", context=("SYR",))
    assert resolved is not None and (resolved.id, resolved.inter) == ("us-army", 8)
    resolved, _ = _resolve("القوات الأمريكية", context=("USA",))
    assert resolved is not None and resolved.inter == 1


def test_a_country_named_as_actor_and_nothing_for_other_words() -> None:
    resolved, span = _resolve("وإسرائيل")
    assert resolved is not None and (resolved.cameo, resolved.country, span) == (
        "ISR",
        "ISR",
        "إسرائيل",
    )
    assert _resolve("الاجتماع الطارئ")[0] is None
    assert _resolve("")[0] is None


def test_harakat_and_spelling_variants_resolve_with_original_spans() -> None:
    resolved, span = _resolve("الجُنُودُ الأَمْرِيكِيُّونَ")
    assert resolved is not None and resolved.cameo == "USAMIL"
    assert span == "الجُنُودُ"


@given(st.sampled_from(_agent_rows()[1:]), st.sampled_from(["", "و", "ف"]))
def test_every_agent_phrase_resolves_to_its_role(row: list[str], conjunction: str) -> None:
    phrase, role = row[0], row[1]
    resolved, span = _resolve(conjunction + phrase)
    assert resolved is not None
    if resolved.id is None:  # a table name (جيش الاحتلال) wins over the generic reading
        # an international agent (قوات حفظ السلام) is of no country: IGO stands before its role
        cameo = ("IGO" if row[2] == "international" else "") + role
        assert (resolved.cameo, resolved.sector, resolved.inter) == (cameo, row[2], int(row[3]))
        assert span == phrase


@given(st.sampled_from(["مسلحون", "متظاهرون", "لاجئون"]), st.sampled_from(["ين", "ا", "و", ""]))
def test_sound_plurals_match_their_inflections(plural: str, ending: str) -> None:
    word = plural[:-2] + ending
    assert word in inflections(plural)
    resolved, span = _resolve("ال" + word if ending == "ين" else word)
    assert resolved is not None and resolved.id is None and span.endswith(word)


def test_resolution_is_microseconds() -> None:
    tables()
    text = "وقال جنود الجيش العراقي إنهم قتلوا مسلحين مجهولين قرب الموصل"
    layer = build_layer(text)
    arguments = [Argument(5, 23, text[5:23]), Argument(35, 50, text[35:50])]
    rounds = 2000
    began = time.perf_counter()
    for _ in range(rounds):
        for argument in arguments:
            resolve_actor(text, layer, argument, (), ("IRQ",))
    per_call = (time.perf_counter() - began) / (rounds * len(arguments))
    assert per_call < 100e-6, f"{per_call * 1e6:.1f} µs a call"


def test_every_country_has_an_english_name_and_nationality() -> None:
    assert {iso3 for iso3, _, _ in COUNTRIES} <= set(ENGLISH)
    assert all(name and demonym for name, demonym in ENGLISH.values())


@pytest.mark.parametrize(
    ("phrase", "context", "name"),
    [
        # an agent at home takes the article's country
        ("الشرطة", ("EGY",), "Egyptian police"),
        ("السلطات", ("SDN",), "Sudanese authorities"),
        ("قوات الأمن", ("DZA",), "Algerian security forces"),
        # its own words say whose it is
        ("جنود عراقيون", ("SYR",), "Iraqi soldiers"),
        ("الطائرات الحربية الروسية", ("SYR",), "Russian warplanes"),
        # armed men and aircraft may come from abroad: no nationality from the article
        ("مسلحون", ("IRQ",), "gunmen"),
        ("طائرات حربية", ("LBN",), "warplanes"),
        ("الشرطة", (), "police"),
        # a country named as the actor
        ("إسرائيل", (), "Israel"),
    ],
)
def test_generic_agents_and_countries_have_english_names(
    phrase: str, context: tuple[str, ...], name: str
) -> None:
    resolved, _ = _resolve(phrase, context)
    assert resolved is not None and resolved.name_en == name


def test_of_two_table_words_sharing_a_form_the_first_row_wins_in_every_process() -> None:
    # the oblique plural of a nisba and of its sound plural are one surface (مدنيين): the
    # row read first names the actor, not the order a process happens to hash the words in
    singular, plural = normalize("مدني"), normalize("مدنيون")
    for first, second in ((singular, plural), (plural, singular)):
        lexicon = _Lexicon()
        lexicon.add([first], first)
        lexicon.add([second], second)
        assert lexicon.match([normalize("مدنيين")], 0) == (1, first)
