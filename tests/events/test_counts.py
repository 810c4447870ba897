"""Counts of people: kind, value, qualifier and spans, on hand-built sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.events.counts import find_counts
from rasd.model import Count, Span
from rasd.text import analyze

# The seed article's two sentences with counts (published 2019-03-05).
_SEED = (
    "قال مصدر عسكري، إن نحو 150 من مقاتلي تنظيم داعش استسلموا بعد معركة شرسة في آخر جيب "
    "لهم بشرق سوريا، لكن عددا غير محدد من المتشددين ما زال صامدًا.\n\n"
    "وشوهدت قافلة شاحنات متجهة إلى الباغوز صباح أمس الإثنين، وقال المصدر العسكري في قوات "
    "سوريا الديمقراطية، إن 150 من مقاتلي داعش غادروا القرية ومعهم 350 مدنيا، وهو ما أكد "
    "تقرير سابق للمرصد السوري لحقوق الإنسان بشأن استسلام عدد من المقاتلين.\n"
)


def _counts(text: str) -> list[Count]:
    layer, _, _ = analyze(text)
    return find_counts(text, layer, Span(0, len(text)))


def _summary(count: Count, text: str) -> tuple[str, int, str, str, str | None]:
    qualifier = None
    if count.qualifier_start is not None and count.qualifier_end is not None:
        qualifier = text[count.qualifier_start : count.qualifier_end]
    return count.kind, count.value, count.text, count.qualifier, qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "أسفر الهجوم عن مقتل 12 شخصاً وإصابة 20 آخرين.",
            [
                ("killed", 12, "مقتل 12 شخصاً", "exactly", None),
                ("injured", 20, "إصابة 20 آخرين", "exactly", None),
            ],
        ),
        ("سقط ثلاثة قتلى.", [("killed", 3, "ثلاثة قتلى", "exactly", None)]),
        ("وسقط عشرات الجرحى.", [("injured", 24, "عشرات الجرحى", "tens", "عشرات")]),
        ("أسفر القصف عن قتيلين.", [("killed", 2, "قتيلين", "exactly", None)]),
        ("وأصيب جريحان.", [("injured", 2, "أصيب جريحان", "exactly", None)]),
        ("أعلن الجيش مقتل جنديين.", [("killed", 2, "مقتل جنديين", "exactly", None)]),
        ("أعلن الجيش مقتل جندي.", [("killed", 1, "مقتل جندي", "exactly", None)]),
        ("اعتقلت الشرطة 20 متظاهراً.", [("arrested", 20, "20 متظاهراً", "exactly", None)]),
        (
            "ألقت قوات الأمن القبض على 8 مطلوبين.",
            [("arrested", 8, "القبض على 8 مطلوبين", "exactly", None)],
        ),
        ("اختطف مسلحون 4 عمال.", [("kidnapped", 4, "4 عمال", "exactly", None)]),
        ("لا يزال 7 رهائن في قبضتهم.", [("kidnapped", 7, "7 رهائن", "exactly", None)]),
        (
            "قال مصدر إن نحو 150 من مقاتلي التنظيم استسلموا.",
            [("surrendered", 150, "150 من مقاتلي", "about", "نحو")],
        ),
        ("سلم 30 مسلحاً أنفسهم للجيش.", [("surrendered", 30, "30 مسلحاً", "exactly", None)]),
        (
            "نزح أكثر من 3 آلاف شخص من المدينة.",
            [("displaced", 3000, "3 آلاف شخص", "more_than", "أكثر من")],
        ),
        ("فر 200 ألف شخص من القتال.", [("displaced", 200_000, "فر 200 ألف شخص", "exactly", None)]),
        (
            "شارك آلاف المتظاهرين في مسيرة.",
            [("participants", 2000, "شارك آلاف المتظاهرين", "thousands", "آلاف")],
        ),
        (
            "خرج عشرات الآلاف في مظاهرات.",
            [("participants", 24_000, "خرج عشرات الآلاف", "tens", "عشرات الآلاف")],
        ),
        (
            "قتل ما لا يقل عن 15 مدنياً.",
            [("killed", 15, "15 مدنياً", "at_least", "ما لا يقل عن")],
        ),
        (
            "قتل 7 أشخاص على الأقل.",
            [("killed", 7, "قتل 7 أشخاص", "at_least", "على الأقل")],
        ),
        ("قتل حوالي ١٥ شخصاً.", [("killed", 15, "١٥ شخصاً", "about", "حوالي")]),
        ("أصيب 1,500 شخص.", [("injured", 1500, "أصيب 1,500 شخص", "exactly", None)]),
        ("قتل خمسة وعشرون شخصاً.", [("killed", 25, "قتل خمسة وعشرون شخصاً", "exactly", None)]),
        ("لقي 5 أشخاص حتفهم.", [("killed", 5, "لقي 5 أشخاص", "exactly", None)]),
        (
            "تم توقيف عدد من المشتبه بهم.",
            [("arrested", 3, "توقيف عدد من المشتبه", "several", "عدد")],
        ),
        ("قتل أقل من 10 أشخاص.", [("killed", 10, "10 أشخاص", "less_than", "أقل من")]),
        # a dual, then the dual of its verb; the nominative dual of a sound-plural noun
        ("قال إن جنديين عراقيين قتلا بانفجار.", [("killed", 2, "جنديين", "exactly", None)]),
        ("وأصيب شرطيان بجروح.", [("injured", 2, "أصيب شرطيان", "exactly", None)]),
        ("وقتل مدنيان في قصف.", [("killed", 2, "قتل مدنيان", "exactly", None)]),
        # a nisba dual no list holds, after or before its verb
        ("استشهد سودانيان بالرصاص.", [("killed", 2, "استشهد سودانيان", "exactly", None)]),
        ("قالت الشرطة إن عراقيان قتلا.", [("killed", 2, "عراقيان قتلا", "exactly", None)]),
        # a singular person in the accusative, definite, after its verb, with kin
        ("وهاجم مسلحون الحاجز وقتلوا جنديا.", [("killed", 1, "قتلوا جنديا", "exactly", None)]),
        ("وأسفر القصف عن استشهاد الطفل.", [("killed", 1, "استشهاد الطفل", "exactly", None)]),
        ("وقال المصدر إن شخصا قتل.", [("killed", 1, "شخصا قتل", "exactly", None)]),
        ("واعتقلت الشرطة مشتبها به.", [("arrested", 1, "اعتقلت الشرطة مشتبها", "exactly", None)]),
        ("وجرح رجل وابنه بانفجار.", [("injured", 2, "جرح رجل وابنه", "exactly", None)]),
        ("وأصابت القوات شابا بالرصاص.", [("injured", 1, "أصابت القوات شابا", "exactly", None)]),
        # قضوا, and a verb told apart from its count by the day it acted
        ("وقالوا إن عشرة مدنيين قضوا.", [("killed", 10, "عشرة مدنيين", "exactly", None)]),
        (
            "واعتقلت الشرطة مساء الثلاثاء 12 شخصا.",
            [("arrested", 12, "12 شخصا", "exactly", None)],
        ),
        ("وأصيب في القصف أكثر من 30 آخرين.", [("injured", 30, "30 آخرين", "more_than", "أكثر من")]),
        # the first verb of two has its people: each figure its own kind
        (
            "إن رجلا استشهد وجرح 4 في القصف.",
            [
                ("killed", 1, "رجلا استشهد", "exactly", None),
                ("injured", 4, "جرح 4", "exactly", None),
            ],
        ),
        (
            "إن 9 مدنيين بينهم نساء قتلوا وأصيب 20 آخرون.",
            [
                ("killed", 9, "9 مدنيين", "exactly", None),
                ("injured", 20, "أصيب 20 آخرون", "exactly", None),
            ],
        ),
    ],
)
def test_find_counts_cases(
    text: str, expected: list[tuple[str, int, str, str, str | None]]
) -> None:
    assert [_summary(count, text) for count in _counts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age, a year, a share, a distance, money: numbers next to a cue, no count
        ("قتل رجل يبلغ من العمر 25 عاما.", [("killed", 1, "قتل رجل", "exactly", None)]),
        ("اعتقل عام 2014.", []),
        ("أصيب في الهجوم الذي وقع في 2019.", []),
        ("قتل 20 في المئة من الجرحى.", []),
        ("قتل في انفجار على بعد 5 كيلومترات.", []),
        ("خطف مقابل فدية 500 دولار.", []),
        # one of the protesters is no count of one; fighters who leave are not displaced
        ("قال أحد المتظاهرين إنهم باقون.", []),
        ("غادر 150 من مقاتلي التنظيم القرية.", []),
        # a count's kind from the head before the number beats the protest noun after it
        ("قتل 3 متظاهرين.", [("killed", 3, "قتل 3 متظاهرين", "exactly", None)]),
    ],
)
def test_find_counts_skips_what_counts_no_people(
    text: str, expected: list[tuple[str, int, str, str, str | None]]
) -> None:
    assert [_summary(count, text) for count in _counts(text)] == expected


def test_find_counts_seed_article() -> None:
    text = _SEED
    layer, sentences, _ = analyze(text)
    found = [count for span in sentences for count in find_counts(text, layer, span)]
    by_value = {(count.kind, count.value): count for count in found}
    surrendered = by_value[("surrendered", 150)]
    assert surrendered.qualifier == "about"
    assert surrendered.qualifier_start is not None
    assert text[surrendered.qualifier_start : surrendered.qualifier_end] == "نحو"
    assert ("displaced", 350) in by_value
    assert by_value[("displaced", 350)].text == "350 مدنيا"
    # the 150 fighters who left with them are no displaced people
    assert ("displaced", 150) not in by_value


def test_find_counts_only_inside_the_span() -> None:
    text = "قتل 5 أشخاص. وأصيب 10 آخرون."
    layer, sentences, _ = analyze(text)
    first, second = sentences
    assert [c.value for c in find_counts(text, layer, first)] == [5]
    assert [(c.kind, c.value) for c in find_counts(text, layer, second)] == [("injured", 10)]


_PIECES = [
    "قتل",
    "مقتل",
    "أصيب",
    "اعتقال",
    "نحو",
    "أكثر من",
    "عشرات",
    "آلاف",
    "150",
    "١٢",
    "ثلاثة",
    "قتيلين",
    "شخصاً",
    "من",
    "مقاتلي",
    "المتظاهرين",
    "عام",
    "2014",
    "،",
    "في",
    "وَ",
    "جرحى",
    "استسلموا",
    "نزح",
    "على الأقل",
    "مدنيا",
    "ﻻ",
    "\u200f",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.text(max_size=3))
def test_find_counts_spans_match_their_text(pieces: list[str], noise: str) -> None:
    text = noise + " ".join(pieces) + noise
    layer, sentences, _ = analyze(text)
    for span in sentences:
        for count in find_counts(text, layer, span):
            assert span.start <= count.start < count.end <= span.end
            assert text[count.start : count.end] == count.text
            assert count.value > 0
            if count.qualifier_start is not None:
                assert count.qualifier_end is not None
                assert span.start <= count.qualifier_start < count.qualifier_end <= span.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the dead and the wounded told as one figure are neither kind
        ("أسفر القصف عن مقتل وإصابة 40 مدنيا.", [("casualties", 40)]),
        ("قتل وجرح عشرات المدنيين.", [("casualties", 24)]),
        ("سقط 18 قتيلا وجريحا.", [("casualties", 18)]),
        ("سقط 25 ما بين قتيل وجريح.", [("casualties", 25)]),
        ("وسقط عدد من القتلى والجرحى.", [("casualties", 3)]),
        ("مقتل 6 وإصابة 11 آخرين.", [("killed", 6), ("injured", 11)]),
        # the others are not the one killed; a kidnapping and a killing are each the kind
        ("وقتل جندي وجرح 7 آخرون.", [("killed", 1), ("injured", 7)]),
        ("وتبين خطف وقتل 3 عمال.", [("killed", 3)]),
        # a singular kind noun alone counts one, whatever follows it
        ("وأعلن الدفاع المدني انتشال جثمان شهيد ومصابين.", [("killed", 1)]),
        ("وسقط قتيل وجريح في القصف.", [("killed", 1), ("injured", 1)]),
    ],
)
def test_find_counts_joint_figures(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(count.kind, count.value) for count in _counts(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "في موجة عنف أوقعت أكثر من 200 قتيل هذا الشهر.",
        "وقتل 700 شخص منذ بدء المعارك.",
        "واعتقلت السلطات 90 شخصا خلال الأسبوع.",
        "وبلغت الحصيلة الإجمالية 300 قتيل.",
        "وقتل 800 شخص في الأشهر الأخيرة.",
    ],
)
def test_find_counts_leaves_totals_over_a_period_out(text: str) -> None:
    assert _counts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "وقالوا إن غارة قتلت 40 قرويا في وقت سابق هذا الشهر.",
        "وقتلت غارة 40 قرويا هذا الأسبوع.",
        "وقتلت غارة 40 قرويا مطلع هذا العام.",
    ],
)
def test_find_counts_keeps_a_count_dated_within_a_period(text: str) -> None:
    assert [(count.kind, count.value) for count in _counts(text)] == [("killed", 40)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # some of the dead or wounded of a toll told elsewhere are no toll
        ("وقال مصدر إن 3 من القتلى أطفال.", []),
        ("ونقل 10 من المصابين إلى المستشفى.", []),
        # people of one kind who suffered another, the toll itself, protesters
        ("وأصيب 3 من المعتقلين.", [("injured", 3)]),
        ("وسقط عدد من القتلى.", [("killed", 3)]),
        ("وقتل 3 من المتظاهرين.", [("killed", 3)]),
        # the part told right after the count (بينهم، منهم) is no toll, and the verb after
        # it tells the kind of the whole
        ("وقال شهود إن عشرين مدنيا بينهم 6 أطفال وامرأتان قضوا في الغارات.", [("killed", 20)]),
        ("قتل 15 فلسطينيا منهم 4 نساء في القصف.", [("killed", 15)]),
    ],
)
def test_find_counts_parts_of_a_toll(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(count.kind, count.value) for count in _counts(text)] == expected


def test_find_counts_keeps_the_strike_beside_a_total_over_a_period() -> None:
    counts = _counts("وقتل 4 أشخاص في الغارة، لترتفع الحصيلة منذ بدء الحرب إلى 900.")
    assert [(count.kind, count.value, count.revised) for count in counts] == [("killed", 4, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وارتفعت حصيلة القتلى إلى 23 شخصا.", ("killed", 23)),
        ("لترتفع الحصيلة إلى 23.", ("killed", 23)),
        ("وارتفع عدد الجرحى إلى 41.", ("injured", 41)),
        ("وبلغ عدد المعتقلين 60 شخصا.", ("arrested", 60)),
        ("لترتفع الحصيلة إلى 23 قتيلا.", ("killed", 23)),
        ("وقال المصدر إن عدد الجرحى في الاشتباكات ارتفع إلى 17.", ("injured", 17)),
    ],
)
def test_find_counts_marks_a_revised_toll(text: str, expected: tuple[str, int]) -> None:
    (count,) = _counts(text)
    assert (count.kind, count.value) == expected
    assert count.revised and not count.claimed


def test_find_counts_does_not_read_a_bare_number_after_a_count_word_as_a_toll() -> None:
    assert _counts("وبلغ عدد 30.") == []
    (count,) = _counts("وقتل 5 أشخاص.")
    assert not count.revised


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("وتبنى التنظيم الهجوم وقال إنه قتل 30 جنديا.", True),
        ("وقالت الحركة في بيان إنها قتلت 12 عنصرا.", True),
        ("وزعم الجيش أنه قتل 40 مسلحا.", True),
        ("وأعلنت الجماعة مسؤوليتها عن الهجوم مؤكدة مقتل 15 جنديا.", True),
        # the attack's toll in a relative clause is the sources', not the claim
        ("وتبنى التنظيم الهجوم الذي أسفر عن مقتل 20 شخصا.", False),
        ("وتبنى التنظيم الهجوم على الحاجز والذي أسفر عن مقتل 20 شخصا.", False),
        # a party's own losses, a police figure
        ("وقالت الحركة إن 5 من عناصرها قتلوا.", False),
        ("وقالت الشرطة إنها قتلت 3 مسلحين.", False),
        ("قتل 8 أشخاص ثم تبنى التنظيم الهجوم.", False),
        ("وقتلت الشرطة رجلا يدعى سالم.", False),  # يدعى: named
    ],
)
def test_find_counts_marks_a_perpetrators_claim(text: str, claimed: bool) -> None:
    (count,) = _counts(text)
    assert count.kind == "killed"
    assert count.claimed is claimed


def test_find_counts_counts_a_named_victim() -> None:
    text = "وأدى القصف إلى استشهاد سليم حداد وإصابة 3 آخرين."
    layer, _, _ = analyze(text)
    name = text.index("سليم")
    for start in (name, text.index("استشهاد")):  # the tagger may take the masdar in
        names = [Span(start, name + len("سليم حداد"))]
        counts = find_counts(text, layer, Span(0, len(text)), names)
        assert [(c.kind, c.value, c.text) for c in counts] == [
            ("killed", 1, "استشهاد سليم"),
            ("injured", 3, "إصابة 3 آخرين"),
        ]
    # a name after no cue is no count
    text = "وقال سليم حداد إن القصف استمر."
    layer, _, _ = analyze(text)
    start = text.index("سليم")
    assert find_counts(text, layer, Span(0, len(text)), [Span(start, start + 9)]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list goes on in the kind of the count it starts from
        ("وقتل 6 أشخاص في بلدة الشيخ، و3 في بلدة النهر.", [("killed", 6), ("killed", 3)]),
        ("وأعلن الجيش مقتل 12 مسلحا وثلاثة جنود.", [("killed", 12), ("killed", 3)]),
        # days of a month are no count, joined or not
        ("اعتقلت الشرطة 8 أشخاص يومي 14 و15 نوفمبر.", [("arrested", 8)]),
        ("اعتقلت الشرطة 8 أشخاص في 15 شتنبر.", [("arrested", 8)]),
        # things joined to people are no people
        ("قتل 4 أشخاص و2 سيارات.", [("killed", 4)]),
    ],
)
def test_find_counts_lists(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(count.kind, count.value) for count in _counts(text)] == expected


def test_find_counts_spans_a_joined_number_without_its_conjunction() -> None:
    text = "وقتل 6 أشخاص في بلدة الشيخ، و3 في بلدة النهر."
    assert [count.text for count in _counts(text)] == ["قتل 6 أشخاص", "3"]


def test_find_counts_a_protester_before_a_verb_of_dying_is_one() -> None:
    assert [(c.kind, c.value) for c in _counts("وقالت مصادر إن محتجا قتل أمس.")] == [("killed", 1)]
