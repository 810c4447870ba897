"""Who reports a sentence: source phrases, entities, and quotes carried on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.events.attribution import find_attribution
from rasd.model import Argument, Entity, Span
from rasd.text import analyze


def _source(text: str, entities: tuple[Entity, ...] = ()) -> Argument | None:
    layer, _, _ = analyze(text)
    return find_attribution(text, layer, Span(0, len(text)), entities)


def _entity(text: str, name: str, label: str) -> Entity:
    start = text.index(name)
    return Entity(start, start + len(name), name, label, 0.9)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("قال مصدر عسكري، إن نحو 150 مقاتلا استسلموا.", "مصدر عسكري"),
        ("وقالت قوات سوريا الديمقراطية، إنها أبطأت الهجوم.", "قوات سوريا الديمقراطية"),
        ("أفادت مصادر أمنية بأن انفجارا وقع في بغداد.", "مصادر أمنية"),
        ("وذكرت وكالة الأنباء الفرنسية أن الشرطة فرقت المتظاهرين.", "وكالة الأنباء الفرنسية"),
        ("وأعلن الجيش مقتل جنديين.", "الجيش"),  # مقتل starts the object
        ("قالت الشرطة أمس إنها اعتقلت 20 شخصا.", "الشرطة"),
        ("وقال شهود عيان لوكالة فرانس برس إن القوات أطلقت النار.", "شهود عيان"),
        ("وقال المصدر العسكري في قوات سوريا الديمقراطية، إن 150 غادروا.", "المصدر العسكري"),
        ("وقال الكولونيل شون رايان المتحدث باسم التحالف إنه لا يستطيع.", "الكولونيل شون رايان"),
        ("وقال الرئيس بشار الأسد في كلمة إن الحرب انتهت.", "الرئيس بشار الأسد"),
        ("وقال المتحدث باسم الجيش إن الهجوم فشل.", "المتحدث باسم الجيش"),
        ("ونقلت رويترز عن مسؤول في الشرطة قوله إن 5 قتلوا.", "مسؤول"),
        ("جرى إجلاء كل المدنيين، وفقًا لوكالة “رويترز”.", "رويترز"),
        ("قتل 3 جنود وفقا لبيان الجيش.", "الجيش"),
        ("قتل خمسة أشخاص، بحسب المرصد السوري لحقوق الإنسان.", "المرصد السوري لحقوق الإنسان"),
        ("قتل شخصان حسبما أفاد مصدر طبي.", "مصدر طبي"),
        ("قتل 3 أشخاص، نقلا عن مصادر محلية.", "مصادر محلية"),
        ("أصيب 10 أشخاص، على حد قول الشرطة.", "الشرطة"),
        # للجيش is ل + the article, its alef dropped: the span keeps the article, as
        # Token.name does
        ("قتل 4 أشخاص في بيان للجيش.", "لجيش"),
        ("اعتقل خمسة مشتبه بهم، بحسب بيان للجيش.", "لجيش"),
        # ل and ب that begin the word are no preposition to leave out
        ("قتل جندي، بحسب لجنة التحقيق.", "لجنة التحقيق"),
        ("وقال لواء في الجيش إن الهجوم فشل.", "لواء"),
        ("قتل جندي، وفقا لمصدر أمني.", "مصدر أمني"),
    ],
)
def test_find_attribution_source_phrase(text: str, source: str) -> None:
    found = _source(text)
    assert found is not None
    assert found.text == source
    assert text[found.start : found.end] == source


@pytest.mark.parametrize(
    "text",
    [
        "قتل خمسة أشخاص في انفجار سيارة مفخخة.",
        "وقال إن القوات تقدمت.",  # a pronoun subject and no sentence before
        "التي أعلن عليها التنظيم إقامة دولة الخلافة.",  # a verb of saying with no subject
    ],
)
def test_find_attribution_none_without_a_source(text: str) -> None:
    assert _source(text) is None


def test_find_attribution_entity_is_taken_whole_and_indexed() -> None:
    text = "وقال المتحدث باسم قوات سوريا الديمقراطية مصطفى بالي على تويتر إن الهجوم تباطأ."
    entities = (
        _entity(text, "قوات سوريا الديمقراطية", "ORG"),
        _entity(text, "مصطفى بالي", "PER"),
    )
    found = _source(text, entities)
    assert found is not None
    assert found.text == "المتحدث باسم قوات سوريا الديمقراطية مصطفى بالي"
    assert found.entity == 0


def test_find_attribution_entity_extends_the_phrase() -> None:
    text = "وقالت منظمة هيومن رايتس ووتش إن الشرطة اعتقلت العشرات."
    entities = (_entity(text, "هيومن رايتس ووتش", "ORG"),)
    found = _source(text, entities)
    assert found is not None
    assert found.text == "منظمة هيومن رايتس ووتش"  # ووتش is no conjunction: it is in the name
    assert found.entity == 0


def test_find_attribution_strips_the_clitic_before_the_name() -> None:
    text = "وهو ما أكده تقرير سابق، بحسب للمرصد السوري."
    found = _source(text)
    assert found is not None
    assert found.text == "لمرصد السوري"  # the article of للمرصد, without the preposition


@pytest.mark.parametrize(
    "second",
    [
        "وأضاف أن عددا من المقاتلين ما زالوا في القرية.",
        "لكنه أضاف أن المعركة ستنتهي قريبا.",
        "وتابع أن القوات تتقدم.",
        "«نحن نبطئ الهجوم».",
    ],
)
def test_find_attribution_continued_quote_takes_the_source_before(second: str) -> None:
    text = "وقال المصدر إن 150 مقاتلا استسلموا. " + second
    layer, sentences, _ = analyze(text)
    first, following = sentences
    found = find_attribution(text, layer, following, (), before=first)
    assert found is not None
    assert found.text == "المصدر"
    # without the sentence before, there is no source to carry on
    assert find_attribution(text, layer, following, ()) is None


def test_find_attribution_before_is_ignored_when_the_sentence_is_new() -> None:
    text = "وقال المصدر إن 150 مقاتلا استسلموا. وقتل 5 أشخاص في الباغوز."
    layer, sentences, _ = analyze(text)
    first, following = sentences
    assert find_attribution(text, layer, following, (), before=first) is None


_PIECES = [
    "قال",
    "وقالت",
    "مصدر",
    "عسكري",
    "الجيش",
    "وفقا",
    "لوكالة",
    "رويترز",
    "بحسب",
    "للمرصد",
    "إن",
    "،",
    "«",
    "“",
    "في",
    "بيان",
    "نقلا",
    "عن",
    "وأضاف",
    "أن",
    "ﻻ",
    "َ",
    "\u200f",
    "حسبما",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.text(max_size=3))
def test_find_attribution_span_matches_its_text(pieces: list[str], noise: str) -> None:
    text = noise + " ".join(pieces)
    layer, sentences, _ = analyze(text)
    before = None
    for span in sentences:
        found = find_attribution(text, layer, span, (), before=before)
        if found is not None:
            assert text[found.start : found.end] == found.text
            assert found.start < found.end
        before = span
