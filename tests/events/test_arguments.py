"""Actor, target and location of hand-built sentences, and span invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.events.arguments import coercing_state, find_arguments, find_location
from rasd.model import Argument, Entity, Span
from rasd.pipeline import extract_text
from rasd.settings import Settings
from rasd.text import analyze


def _run(
    text: str,
    trigger: str,
    *,
    nominal: bool = False,
    passive: bool = False,
    entities: tuple[Entity, ...] = (),
    event_type: str | None = None,
) -> tuple[str | None, str | None]:
    layer, _, tokens = analyze(text)
    start = text.index(trigger)
    actor, target = find_arguments(
        text,
        layer,
        tokens,
        Span(0, len(text)),
        Span(start, start + len(trigger)),
        nominal=nominal,
        passive=passive,
        entities=entities,
        event_type=event_type,
    )
    return (actor.text if actor else None), (target.text if target else None)


def _entity(text: str, name: str, label: str) -> Entity:
    start = text.index(name)
    return Entity(start, start + len(name), name, label, 0.9)


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "target"),
    [
        # VSO, object after the subject
        ("هاجم مسلحون نقطة تفتيش للجيش.", "هاجم", "مسلحون", "نقطة تفتيش للجيش"),
        # SVO after a complementizer, with a count left out of the object
        (
            "وقالت الشرطة إن مسلحين مجهولين اختطفوا نقيب الصيادلة في المدينة.",
            "اختطفوا",
            "مسلحين مجهولين",
            "نقيب الصيادلة",
        ),
        # time words between the verb and the subject
        (
            "قالت مصادر إن وحدة اسرائيلية خاصة اغتالت امس ناشطاً في كتائب الاقصى.",
            "اغتالت",
            "وحدة اسرائيلية خاصة",
            "ناشطاً في كتائب الاقصى",
        ),
        # what is fired is not the target: the target follows على
        (
            "اطلقت دبابة إسرائيلية قذيفة على تجمع للمواطنين.",
            "اطلقت",
            "دبابة إسرائيلية",
            "تجمع للمواطنين",
        ),
        # the owner of the soldiers is the actor, as the annotators name it
        (
            "وقال الجيش ان جنوده قتلوا خمسة مسلحين أمس.",
            "قتلوا",
            "الجيش",
            "مسلحين",
        ),
        # the ا of دعا is the verb's own, no dual subject: the party after it is the actor
        ("ودعا الحزب الحكومة إلى الاستقالة.", "ودعا", "الحزب", "الحكومة"),
    ],
)
def test_active_verb_actor_and_target(text: str, trigger: str, actor: str, target: str) -> None:
    assert _run(text, trigger) == (actor, target)


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "target"),
    [
        ("من ناحية ثانية، قتل أربعة اشخاص واصيب 6 آخرون بهجوم انتحاري.", "قتل", None, "اشخاص"),
        ("وقال العقيد ان جنديين عراقيين قتلا بانفجار عبوة ناسفة.", "قتلا", None, "جنديين عراقيين"),
        ("وخطف المدير في وسط المدينة من قبل مسلحين مجهولين.", "وخطف", "مسلحين مجهولين", "المدير"),
    ],
)
def test_passive_verb_target_and_agent(
    text: str, trigger: str, actor: str | None, target: str
) -> None:
    assert _run(text, trigger, passive=trigger == "وخطف") == (actor, target)


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "target"),
    [
        ("اعلنت مصادر امنية مقتل 15 شخصا على الاقل.", "مقتل", None, "شخصا"),
        ("قام عدد من جنود المارينز بقتل المدنيين.", "بقتل", "جنود المارينز", "المدنيين"),
        ("تعرض نصر للتعذيب في السجن.", "للتعذيب", None, "نصر"),
        # the building a sit-in stands before is its site, not its target
        ("نفذ المتظاهرون اعتصاما أمام البرلمان.", "اعتصاما", "المتظاهرون", None),
    ],
)
def test_nominal_trigger_roles(
    text: str, trigger: str, actor: str | None, target: str | None
) -> None:
    assert _run(text, trigger, nominal=True) == (actor, target)


@pytest.mark.parametrize(
    "text",
    [
        "ودارت اشتباكات بحلب بين قوات النظام وفصائل المعارضة.",
        "ودارت اشتباكات عنيفة في محيط مدينة حلب بين قوات النظام وفصائل المعارضة.",
        "ودارت اشتباكات على أطراف البلدة (30 كلم شمال حلب) بين قوات النظام وفصائل المعارضة.",
    ],
)
def test_a_clash_names_its_sides_after_where_it_was(text: str) -> None:
    assert _run(text, "اشتباكات", nominal=True, event_type="ASSAULT") == (
        "قوات النظام",
        "فصائل المعارضة",
    )


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        ("قصف مدفعي لقوات النظام على مواقع المعارضة", "قوات النظام", "مواقع المعارضة"),
        ("واستهداف لقوات النظام ضد مواقع المعارضة", "قوات النظام", "مواقع المعارضة"),
    ],
)
def test_an_attack_noun_with_lam_and_ala_names_who_and_whom(
    text: str, actor: str, target: str
) -> None:
    trigger = text.split()[0]
    assert _run(text, trigger, nominal=True, event_type="ASSAULT") == (actor, target)


def test_an_attack_noun_with_lam_alone_keeps_its_victim() -> None:
    # without على the ل phrase is what was shelled
    assert _run("قصف لمواقع المعارضة", "قصف", nominal=True, event_type="ASSAULT")[1] == (
        "مواقع المعارضة"
    )


def test_a_name_of_the_actors_table_acts_whatever_its_first_word() -> None:
    # الدعم السريع begins with an event noun (دعم), and is still the party that kills
    doc = extract_text(
        "قال الجيش إن الدعم السريع يقتل عشرات المدنيين في قرى ولاية سنار.",
        settings=Settings(published="2024-06-06"),
    )
    text = doc.text
    start = text.index("يقتل")
    assert doc.layer is not None
    actor, _ = find_arguments(
        text,
        doc.layer,
        doc.tokens,
        doc.sentences[0],
        Span(start, start + 4),
        nominal=False,
        passive=False,
        entities=doc.entities,
        event_type="ASSAULT",
    )
    assert actor is not None and actor.text == "الدعم السريع"


def test_a_feminine_participle_after_a_comma_is_the_clauses_subjects() -> None:
    # متوعدة describes the movement as it announced: it threatens, the forces are threatened
    text = "أعلنت الحركة انسحابها من المدينة الساحلية، متوعدة القوات الكينية بالرد."
    assert _run(text, "متوعدة", event_type="THREATEN") == ("الحركة", "القوات الكينية")
    # an event noun of that pattern is no participle: مواجهة names a clash, not the subject
    clash = "وصلت القوات إلى المدينة، مواجهة عنيفة مع المسلحين."
    assert _run(clash, "مواجهة", nominal=True)[0] != "القوات"


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "actor"),
    [
        # the relative clause names who issued the threat, not the main verb's subject
        (
            "وتجاهلت الحكومة التهديد الذي أطلقه زعيم الحزب بإسقاطها.",
            "التهديد",
            "THREATEN",
            "زعيم الحزب",
        ),
        (
            "وفرقت الشرطة تظاهرة نظمها طلاب الجامعة أمام الوزارة.",
            "تظاهرة",
            "PROTEST",
            "طلاب الجامعة",
        ),
    ],
)
def test_a_relative_clause_names_who_issued_or_organised(
    text: str, trigger: str, event_type: str, actor: str
) -> None:
    assert _run(text, trigger, nominal=True, event_type=event_type)[0] == actor


def test_a_hal_describes_who_set_a_condition_not_the_conditions_subject() -> None:
    text = "وهدد زعيم الحزب بإسقاط الحكومة ما لم يعقد البرلمان جلسة خاصة، متوعدا برد قاس."
    assert _run(text, "متوعدا", nominal=True, event_type="THREATEN")[0] == "زعيم الحزب"


def test_the_owner_of_a_decision_does_what_it_decides() -> None:
    text = "وأبلغته قرار حكومة السودان بإعلان خمسة من الدبلوماسيين أشخاصا غير مرغوب فيهم."
    trigger = "أشخاصا غير مرغوب فيهم"
    assert _run(text, trigger, nominal=True, event_type="SANCTION")[0] == "حكومة السودان"
    # a decision told in the sentence before is another's
    text = "وصدر قرار حكومة السودان أمس. وأعلن خمسة من الدبلوماسيين أشخاصا غير مرغوب فيهم."
    assert _run(text, trigger, nominal=True, event_type="SANCTION")[0] is None


def test_an_adjective_in_brackets_belongs_to_its_noun() -> None:
    assert _run("تراجعت القوات (الحكومية) إلى المطار.", "تراجعت", event_type="RETREAT")[0] == (
        "القوات (الحكومية)"
    )
    # a bracketed figure is no gloss of the noun
    assert _run("تراجعت القوات (50) إلى المطار.", "تراجعت", event_type="RETREAT")[0] == "القوات"


def test_the_sides_of_a_clash_are_not_read_across_a_clause() -> None:
    # بين in a new clause (after a verb) names no side of the clash
    text = "ودارت اشتباكات في البلدة وتوزعت القوات بين الأحياء والمدارس."
    assert _run(text, "اشتباكات", nominal=True, event_type="ASSAULT")[0] is None


def test_conjunction_is_not_part_of_actor() -> None:
    text = "وكانت قوات الأمن قد اعتقلت عشرات المتظاهرين."
    assert _run(text, "اعتقلت") == ("قوات الأمن", "المتظاهرين")


def test_entity_index_of_argument() -> None:
    text = "وكانت حركة طالبان قد خطفت 23 من الكوريين الجنوبيين."
    entities = (_entity(text, "طالبان", "ORG"),)
    layer, _, tokens = analyze(text)
    start = text.index("خطفت")
    actor, target = find_arguments(
        text,
        layer,
        tokens,
        Span(0, len(text)),
        Span(start, start + 4),
        nominal=False,
        passive=False,
        entities=entities,
    )
    assert actor is not None and actor.text == "حركة طالبان" and actor.entity == 0
    assert target is not None and target.text == "الكوريين الجنوبيين" and target.entity is None


def test_pronoun_subject_without_antecedent_gives_no_actor() -> None:
    assert _run("ثم اقتحموا المنزل.", "اقتحموا") == (None, "المنزل")


def test_a_verb_after_ma_is_no_counted_subject() -> None:
    # ما frames counts (ما لا يقل عن) but «انفجر ما أسفر عن» has no subject after the verb
    actor, _ = _run("انفجر ما أسفر عن مقتل ضابط.", "انفجر")
    assert actor is None
    assert _run("قتل ما لا يقل عن عشرين مسلحا.", "قتل", passive=True)[0] is None


def test_a_preposition_after_a_conjunction_starts_no_subject() -> None:
    # ولدى انسحابهم "upon their withdrawal" is an adverbial, not who exploded
    actor, _ = _run("ولدى انسحابهم انفجر ما أسفر عن مقتل ضابط.", "انفجر")
    assert actor is None


def _location(text: str, trigger: str, places: tuple[str, ...]) -> str | None:
    layer, _, tokens = analyze(text)
    entities = tuple(_entity(text, place, "LOC") for place in places)
    start = text.index(trigger)
    found = find_location(
        text, layer, tokens, Span(0, len(text)), Span(start, start + len(trigger)), entities
    )
    return found.text if found else None


@pytest.mark.parametrize(
    ("text", "trigger", "places", "expected"),
    [
        ("وقتل شخص في هجوم انتحاري غرب بغداد.", "وقتل", ("بغداد",), "غرب بغداد"),
        ("انفجرت سيارة مفخخة في مدينة الموصل.", "انفجرت", ("الموصل",), "مدينة الموصل"),
        ("قصفت الطائرات قرية الباغوز.", "قصفت", (), "قرية الباغوز"),
        # the fighters' origin is not where it happened
        ("استسلم مقاتلون من أوزبكستان.", "استسلم", ("أوزبكستان",), None),
        # the dateline is where the agency sits
        ("بيروت - رويترز: قتل جندي في هجوم بالباغوز.", "قتل", ("بيروت", "الباغوز"), "الباغوز"),
        # the ب of a name is no preposition: the ambassador's country is not the place
        (
            "أصيب سفير بولندا أمس عندما تعرضت قافلته لهجوم في وسط بغداد.",
            "لهجوم",
            ("بولندا", "بغداد"),
            "وسط بغداد",
        ),
        ("أصيب سفير بولندا أمس.", "أصيب", ("بولندا",), None),
        # a common noun names no place: the town named before is meant
        (
            "وفي البصرة اختطف مسلحون نقيب الصيادلة وسط المدينة.",
            "اختطف",
            ("البصرة",),
            "البصرة",
        ),
        # a fronted place frames the sentence over a place far after the trigger
        (
            "وفي بغداد أحرق متظاهرون أعلام اسرائيل وأطلقوا النار في الهواء مطالبين برد أقوى "
            "على الهجوم الإسرائيلي في غزة.",
            "أحرق",
            ("بغداد", "اسرائيل", "غزة"),
            "بغداد",
        ),
        # ... but not across a verb of saying: Madrid is where it was said
        (
            "وفي مدريد قال متحدث إن جنديين قتلا في هجوم انتحاري امس بجنوب اقليم هرات.",
            "قتلا",
            ("مدريد", "هرات"),
            "جنوب اقليم هرات",
        ),
        # a reference point of a distance is not the place
        (
            "فجر انتحاري نفسه في الحلة (100 كم جنوب بغداد) صباح امس.",
            "فجر",
            ("بغداد",),
            "الحلة",
        ),
        # a well-known town the NER missed
        ("قتل 29 شخصا في هجوم انتحاري شرق بعقوبة.", "قتل", (), "شرق بعقوبة"),
        ("اطلق جنود النار على الرئيس في منزله في ديلي امس.", "اطلق", (), "ديلي"),
        ("وتجمع المتظاهرون في مخيم عين الحلوة.", "وتجمع", (), "مخيم عين الحلوة"),
        # a name of several words the NER missed or cut short
        ("وقتل 29 شخصا في منطقة ديرا اسماعيل خان.", "وقتل", (), "منطقة ديرا اسماعيل خان"),
        ("احتشد الشبان في جب جنين.", "احتشد", ("جنين",), "جب جنين"),
        ("قتل سائقان بالقرب من بيشاور.", "قتل", ("بيشاور",), "بالقرب من بيشاور"),
        # a place the gazetteer lacks takes its distance from a town along ...
        (
            "قتل جنديان بانفجار في ناحية الرشاد (45 كلم جنوب كركوك) امس.",
            "قتل",
            ("الرشاد", "كركوك"),
            "ناحية الرشاد (45 كلم جنوب كركوك)",
        ),
        (
            "قتل ثلاثة جنود في انفجار قرب بلدة الزاب على بعد 20 كيلومترا شمال الموصل.",
            "قتل",
            (),
            "بلدة الزاب على بعد 20 كيلومترا شمال الموصل",
        ),
        # ... a known one does not
        ("قتل ثلاثة جنود في بيجي (120 كم شمال بغداد).", "قتل", ("بيجي", "بغداد"), "بيجي"),
        # a distance after no place is the site
        (
            "قتل ثلاثة جنود في انفجار على بعد 30 كلم غرب بغداد.",
            "قتل",
            ("بغداد",),
            "على بعد 30 كلم غرب بغداد",
        ),
        (
            "قتل في ضربة جوية في منطقة تقع نحو 110 كلم جنوب غربي الموصل.",
            "قتل",
            (),
            "نحو 110 كلم جنوب غربي الموصل",
        ),
        # a bracketed distance qualifies a place named before, even one that is no site
        ("عاد من كركوك (20 كلم جنوب تكريت) وقتل امس.", "وقتل", ("كركوك", "تكريت"), None),
        # a direction in two words, on the country
        ("قتل 42 جنديا في هجوم انتحاري شمال غربي البلاد.", "قتل", (), "شمال غربي البلاد"),
        # the country's part beats a town the gazetteer lacks, not one it knows
        ("قتل عشرة جنود في بلدة زرقلان شمال غرب البلاد.", "قتل", ("زرقلان",), "شمال غرب البلاد"),
        ("قتل عشرة جنود في مدينة بيشاور شمال غرب البلاد.", "قتل", ("بيشاور",), "مدينة بيشاور"),
    ],
)
def test_location_phrase(text: str, trigger: str, places: tuple[str, ...], expected: str) -> None:
    assert _location(text, trigger, places) == expected


_VOCABULARY = "قتل هاجم مسلحون الجيش في على قوات الأمن و« » ، 15 شخصا بالمتظاهرين وقوات مقتل امس"
_WORDS = st.sampled_from(_VOCABULARY.split(" "))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(_WORDS, min_size=1, max_size=14), st.data(), st.booleans(), st.booleans())
def test_argument_spans_match_text(
    words: list[str], data: st.DataObject, nominal: bool, passive: bool
) -> None:
    text = " ".join(words)
    layer, _, tokens = analyze(text)
    index = data.draw(st.integers(0, len(tokens) - 1))
    token = tokens[index]
    sentence = Span(0, len(text))
    trigger = Span(token.start, token.end)
    for arg in find_arguments(
        text, layer, tokens, sentence, trigger, nominal=nominal, passive=passive, entities=()
    ):
        if arg is not None:
            assert 0 <= arg.start < arg.end <= len(text)
            assert text[arg.start : arg.end] == arg.text
            assert not (arg.start <= trigger.start and trigger.end <= arg.end)
    place = find_location(text, layer, tokens, sentence, trigger, ())
    if place is not None:
        assert text[place.start : place.end] == place.text


def _run_with(
    text: str, trigger: str, names: tuple[tuple[str, str], ...], *, nominal: bool = False
) -> tuple[str | None, str | None]:
    entities = tuple(_entity(text, name, label) for name, label in names)
    return _run(text, trigger, nominal=nominal, entities=entities)


@pytest.mark.parametrize(
    ("text", "trigger", "names", "actor", "target"),
    [
        # an indefinite member noun keeps the body it belongs to ...
        (
            "قالت الشرطة إن مسلحين مجهولين اغتالوا ضابطا في الشرطة في الحي الصناعي.",
            "اغتالوا",
            (),
            "مسلحين مجهولين",
            "ضابطا في الشرطة",
        ),
        # ... but not the place where it happened
        (
            "افادت مصادر ان مجهولين خطفوا مصورا فرنسيا في بوساسو.",
            "خطفوا",
            (("بوساسو", "LOC"),),
            "مجهولين",
            "مصورا فرنسيا",
        ),
        # a pronoun verb joined by و shares the subject of the verb before it
        (
            "اقتحم مسلحو حماس منزل نبيل شعث، وقتلوا قائدا للحركة.",
            "وقتلوا",
            (("حماس", "ORG"), ("نبيل شعث", "PER")),
            "مسلحو حماس",
            "قائدا للحركة",
        ),
        # an indefinite plural before a plural verb is its subject (a relative clause)
        (
            "وترجل منها 3 مسلحين اطلقوا النار على الموكب.",
            "اطلقوا",
            (),
            "مسلحين",
            "الموكب",
        ),
        # a bomb that goes off names no actor
        ("وقال بيان ان عبوة ناسفة انفجرت قرب الموكب.", "انفجرت", (), None, None),
        # an attack that targets: its object is the target, no actor
        (
            "قال متحدث ان عملية انتحارية بسيارة مفخخة استهدفت امس قافلة لقوات التحالف.",
            "استهدفت",
            (),
            None,
            "قافلة لقوات التحالف",
        ),
    ],
)
def test_clause_level_roles(
    text: str,
    trigger: str,
    names: tuple[tuple[str, str], ...],
    actor: str | None,
    target: str | None,
) -> None:
    assert _run_with(text, trigger, names) == (actor, target)


def test_nisba_starting_with_ba_is_an_adjective() -> None:
    text = "وكان 42 جنديا باكستانيا قد قتلوا في الثالث من الشهر."
    assert _run(text, "قتلوا", passive=True) == (None, "جنديا باكستانيا")


def test_light_verb_subject_across_a_bracketed_date() -> None:
    text = "وقامت الجماعة في ديسمبر (كانون الأول) 2005 بخطف تسعة جنود قرب الحدود."
    assert _run(text, "بخطف", nominal=True) == ("الجماعة", "جنود")


def test_result_clause_takes_the_actor_of_its_cause() -> None:
    text = "قامت دبابة اسرائيلية بقصف احد المنازل، الأمر الذي ادى الى مقتل ثلاثة مواطنين."
    assert _run(text, "مقتل", nominal=True) == ("دبابة اسرائيلية", "مواطنين")


def test_when_clause_names_the_actor_of_a_passive() -> None:
    text = "قتل ثمانية من عناصر الشرطة عندما فجر انتحاري نفسه وسط حشد."
    assert _run(text, "قتل", passive=True) == ("انتحاري", "عناصر الشرطة")


def test_victims_of_an_attack_on_a_group() -> None:
    text = "وفي احداث اخرى قتل 20 واصيب 70 في هجوم انتحاري على الطائفة اليزيدية."
    assert _run(text, "قتل", passive=True) == (None, "الطائفة اليزيدية")


def test_relative_clause_passive_target() -> None:
    text = "امتدت يد الارهاب لتطال النائب انطوان غانم الذي قتل مع 9 مواطنين في تفجير."
    names = (("انطوان غانم", "PER"),)
    assert (
        _run(text, "قتل", passive=True, entities=tuple(_entity(text, n, lab) for n, lab in names))[
            1
        ]
        == "النائب انطوان غانم"
    )


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        (
            "وقالت الشرطة إن رجل الأعمال خطف في وسط المدينة من قبل أربعة مسلحين.",
            "مسلحين",
            "رجل الأعمال",
        ),
        ("وقالت مصادر إن جنديا قتل برصاص قناص في المدينة.", "قناص", "جنديا"),
    ],
)
def test_a_harm_verb_without_an_object_reads_passive(text: str, actor: str, target: str) -> None:
    trigger = "خطف" if "خطف" in text else "قتل"
    assert _run(text, trigger) == (actor, target)


def test_a_relative_harm_verb_without_an_object_reads_passive() -> None:
    text = "امتدت يد الارهاب لتطال النائب انطوان غانم الذي قتل مع 9 مواطنين آخرين."
    entities = (_entity(text, "انطوان غانم", "PER"),)
    assert _run(text, "قتل", entities=entities) == (None, "النائب انطوان غانم")


@pytest.mark.parametrize(
    ("text", "trigger", "nominal", "target"),
    [
        (
            "كما قتل اربعة اشخاص، بينهم عنصران من الشرطة، في انفجار سيارة مفخخة.",
            "قتل",
            False,
            "اشخاص، بينهم عنصران من الشرطة",
        ),
        (
            "وقال مصدر إن خمسة اشخاص بينهم اثنان من عناصر الشرطة قتلوا في هجوم انتحاري.",
            "قتلوا",
            False,
            "اشخاص بينهم اثنان من عناصر الشرطة",
        ),
        ("وقتل مسلحون خمسة مدنيين بينهم امرأتان في القرية.", "وقتل", False, "مدنيين بينهم امرأتان"),
        ("وأعلنت الشرطة مقتل ثلاثة جنود بينهم ضابط في الهجوم.", "مقتل", True, "جنود بينهم ضابط"),
    ],
)
def test_victims_keep_the_ones_named_among_them(
    text: str, trigger: str, nominal: bool, target: str
) -> None:
    assert _run(text, trigger, nominal=nominal, event_type="ASSAULT")[1] == target


def test_who_underwent_an_attack_in_a_when_clause_is_no_actor() -> None:
    text = "أصيب السفير أمس عندما تعرضت قافلته الدبلوماسية لهجوم في وسط بغداد."
    assert _run(text, "أصيب", passive=True) == (None, "السفير")


def test_a_target_after_several_weapons() -> None:
    text = "بعد ان فتح مسلحون أسلحتهم الرشاشة وقاذفات الـ«آر بي جي 7» على مقر حزب صغير."
    assert _run(text, "فتح") == ("مسلحون", "مقر حزب صغير")


def test_the_owner_of_a_forces_members_is_the_actor() -> None:
    text = "وقال الجيش الاميركي ان جنوده قتلوا خمسة مسلحين أمس شمال بغداد."
    assert _run(text, "قتلوا") == ("الجيش الاميركي", "مسلحين")


def test_same_sentence_span_in_another_text_is_read_again() -> None:
    """The per-sentence cache never serves one text's words for another."""
    first = "هاجم مسلحون نقطة تفتيش."
    second = "هاجم جنود منزلا مهجورا."
    assert _run(first, "هاجم") == ("مسلحون", "نقطة تفتيش")
    assert _run(second, "هاجم") == ("جنود", "منزلا مهجورا")
    assert _run(first, "هاجم") == ("مسلحون", "نقطة تفتيش")


_SDF = "قوات سوريا الديمقراطية"


def _sdf(text: str) -> tuple[Entity, ...]:
    return (_entity(text, _SDF, "ORG"),)


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "actor", "target"),
    [
        # RETREAT/PROTEST nominals: the genitive acts; ASSAULT/COERCE: it suffers
        ("استسلام بعض مقاتلي داعش في شرق سوريا", "استسلام", "RETREAT", "مقاتلي داعش", None),
        ("انسحاب القوات الأمريكية من المدينة", "انسحاب", "RETREAT", "القوات الأمريكية", None),
        ("تظاهر الطلاب ضد الحكومة", "تظاهر", "PROTEST", "الطلاب", "الحكومة"),
        ("اغتيال الصحفي في بغداد", "اغتيال", "ASSAULT", None, "الصحفي"),
        ("اعتقال الصحفي في القاهرة", "اعتقال", "COERCE", None, "الصحفي"),
        # masdar + agent + ل + the one acted on
        ("وأدانت المنظمة اعتقال الشرطة للصحفي في القاهرة.", "اعتقال", "COERCE", "الشرطة", "للصحفي"),
        # what is released follows سراح or عن
        ("وطالب بإطلاق سراح المعتقلين في السجن.", "إطلاق سراح", "RETREAT", None, "المعتقلين"),
        # an agreeing adjective is never an actor
        ("قتل جنديان في معركة شرسة قرب القرية.", "معركة", "ASSAULT", None, None),
        # a dual or plural noun after a singular verbal noun is its genitive, no adjective
        ("أسفر الانفجار عن مقتل جنديين.", "مقتل", "ASSAULT", None, "جنديين"),
        # هجوم لـX على Y, هجوم شنه X على Y
        ("وقع هجوم لمسلحين على قاعدة عسكرية.", "هجوم", "ASSAULT", "مسلحين", "قاعدة عسكرية"),
        ("هجوم شنه مسلحون على قاعدة عسكرية.", "هجوم", "ASSAULT", "مسلحون", "قاعدة عسكرية"),
        # مقتل X برصاص Y
        ("أعلن الجيش مقتل قائد ميداني برصاص قناص.", "مقتل", "ASSAULT", "قناص", "قائد ميداني"),
        # تعرض Y لهجوم
        ("وتعرضت دورية للجيش لهجوم في المدينة.", "لهجوم", "ASSAULT", None, "دورية للجيش"),
    ],
)
def test_nominal_roles_by_event_type(
    text: str, trigger: str, event_type: str, actor: str | None, target: str | None
) -> None:
    assert _run(text, trigger, nominal=True, event_type=event_type) == (actor, target)


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "actor", "target"),
    [
        # subject before the verb after إن, through a quantity
        (
            "قال مصدر عسكري، إن نحو 150 من مقاتلي تنظيم داعش استسلموا بعد معركة شرسة.",
            "استسلموا",
            "RETREAT",
            "مقاتلي تنظيم داعش",
            None,
        ),
        # a light verb's object is the attack, not its target: شن X هجوما على Y
        (
            "وشن مسلحون هجوما على نقطة تفتيش للشرطة.",
            "وشن",
            "ASSAULT",
            "مسلحون",
            "نقطة تفتيش للشرطة",
        ),
        ("وقال مسؤولون إن الجيش يشن هجوما على المتمردين.", "يشن", "ASSAULT", "الجيش", "المتمردين"),
        # killed at the hands of
        ("وقتل ثلاثة جنود على يد مسلحين في المدينة.", "وقتل", "ASSAULT", "مسلحين", "جنود"),
        ("واعتقلت قوات الأمن عشرة أشخاص في المدينة.", "واعتقلت", "COERCE", "قوات الأمن", "أشخاص"),
        # protests: the subject protests; على/ضد names the target, not the verb's object
        ("وخرج آلاف المتظاهرين في مسيرة في العاصمة.", "وخرج", "PROTEST", "المتظاهرين", None),
        ("وتظاهر مئات الطلاب أمام مبنى البرلمان.", "وتظاهر", "PROTEST", "الطلاب", None),
        (
            "وأغلق المتظاهرون شوارع رئيسية احتجاجا على قرار الحكومة.",
            "وأغلق",
            "PROTEST",
            "المتظاهرون",
            "قرار الحكومة",
        ),
    ],
)
def test_verbal_roles_by_event_type(
    text: str, trigger: str, event_type: str, actor: str | None, target: str | None
) -> None:
    assert _run(text, trigger, event_type=event_type) == (actor, target)


def test_possessive_nominal_takes_the_governing_verbs_subject() -> None:
    text = f"واستأنفت {_SDF} مطلع هذا الأسبوع هجومها على قرية الباغوز."
    # the village after على is where the offensive is (find_location), not whom it is on
    assert _run(text, "هجومها", nominal=True, entities=_sdf(text), event_type="ASSAULT") == (
        _SDF,
        None,
    )


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        ("شن مسلحون هجوما على مدينة الموصل.", "هجوما", None),
        ("أطلق الجنود النار على حي الشيخ مقصود.", "أطلق", None),
        ("شن مسلحون هجوما على نقطة تفتيش.", "هجوما", "نقطة تفتيش"),
        ("أطلق الجنود النار على المتظاهرين.", "أطلق", "المتظاهرين"),
    ],
)
def test_a_settlement_after_ala_is_no_target(text: str, trigger: str, target: str | None) -> None:
    nominal = trigger == "هجوما"
    assert _run(text, trigger, nominal=nominal, event_type="ASSAULT")[1] == target


def test_possessive_victim_noun_is_the_target() -> None:
    text = "وأعلن الجيش مقتله في المدينة."
    assert _run(text, "مقتله", nominal=True, event_type="ASSAULT") == (None, "الجيش")


@pytest.mark.parametrize(
    ("text", "trigger", "nominal", "expected"),
    [
        # a bomb that explodes acts for no one
        ("قتل ثلاثة أشخاص في انفجار سيارة مفخخة وسط السوق.", "انفجار", True, (None, None)),
        # an attack under a light verb is what was done, not who did it
        ("وبدأ الهجوم باستخدام القنابل على الجنود.", "القنابل", True, (None, "الجنود")),
        # the dead a blast caused are no actor, and a toll word names no victim either
        ("أسفر تفجير انتحاري عن سقوط 21 قتيلا.", "سقوط", False, (None, None)),
        # a person stays the actor
        ("فجر انتحاري سيارة مفخخة أمام المطعم.", "فجر", False, ("انتحاري", None)),
    ],
)
def test_no_bomb_event_or_casualty_count_is_an_actor(
    text: str, trigger: str, nominal: bool, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, nominal=nominal, event_type="ASSAULT") == expected


def test_a_weapon_tagged_as_a_name_is_no_actor() -> None:
    text = "قتل ثمانية أشخاص في سقوط عدد من قذائف الهاون على منطقة سكنية."
    hawn = _entity(text, "الهاون", "ORG")
    assert _run(text, "قذائف", nominal=True, entities=(hawn,), event_type="ASSAULT")[0] is None


def test_a_word_in_ta_marbuta_is_read_as_a_verbal_noun() -> None:
    # the trigger stage may call وإصابة a verb; a word in ة is a noun: its genitive is the victim
    text = "قتل ثلاثة أشخاص وإصابة 45 آخرين في انفجار."
    assert _run(text, "وإصابة", nominal=False, event_type="ASSAULT") == (None, "آخرين")


def test_an_accusative_object_takes_its_owner_after_lam() -> None:
    text = "استهدف مسلحون موكبا لسفارة الولايات المتحدة في كابل."
    assert _run(text, "استهدف", event_type="ASSAULT") == (
        "مسلحون",
        "موكبا لسفارة الولايات المتحدة",
    )


@pytest.mark.parametrize(
    "trigger",
    ["ألغاما", "وسيارات ملغومة", "وكمائن", "وهجمات انتحارية"],
)
def test_subject_of_faced_is_the_target_of_each_coordinated_attack(trigger: str) -> None:
    text = (
        f"وواجهت {_SDF} أثناء حملتها على القرية يوم الأحد ألغاما أرضية وسيارات ملغومة "
        "وكمائن عبر أنفاق وهجمات انتحارية."
    )
    assert _run(text, trigger, nominal=True, entities=_sdf(text), event_type="ASSAULT") == (
        None,
        _SDF,
    )


@settings(max_examples=60, deadline=None)
@given(
    event_type=st.sampled_from([None, "ASSAULT", "COERCE", "RETREAT", "PROTEST", "AGREE"]),
    nominal=st.booleans(),
    at=st.integers(min_value=0, max_value=200),
)
def test_roles_are_spans_of_the_sentence_for_any_type(
    event_type: str | None, nominal: bool, at: int
) -> None:
    """Whatever the type, arguments are non-empty spans of the text, never the trigger."""
    text = (
        f"وواجهت {_SDF} ألغاما وكمائن، وقال مصدر إن نحو 150 من مقاتلي داعش استسلموا "
        "بعد اعتقال الشرطة للصحفي وهجوم لمسلحين على قاعدة عسكرية."
    )
    layer, _, tokens = analyze(text)
    starts = [t.start for t in tokens]
    token = tokens[at % len(starts)]
    for arg in find_arguments(
        text,
        layer,
        tokens,
        Span(0, len(text)),
        Span(token.start, token.end),
        nominal=nominal,
        passive=False,
        entities=_sdf(text),
        event_type=event_type,
    ):
        if arg is not None:
            assert 0 <= arg.start < arg.end <= len(text)
            assert arg.text == text[arg.start : arg.end]
            assert not (arg.start <= token.start and token.end <= arg.end)


def test_remembered_readings_are_per_sentence_and_trigger() -> None:
    # The armed-attack rule and the coder read the same candidate's arguments: the second
    # reading is remembered, and a reading of the same spans in another text or with
    # another trigger reading is not taken for it.
    first = "قتل مسلحون ثلاثة جنود في بغداد."
    other = "قتل الجيش خمسة مسلحين في الموصل."
    assert _run(first, "قتل") == ("مسلحون", "جنود")
    assert _run(other, "قتل")[0] == "الجيش"  # the same spans in another text
    layer, _, tokens = analyze(first)
    sentence, trigger = Span(0, len(first)), Span(0, 3)

    def read(passive: bool) -> tuple[Argument | None, Argument | None]:
        return find_arguments(
            first, layer, tokens, sentence, trigger, nominal=False, passive=passive, entities=()
        )

    active = read(False)
    assert read(False) is active  # remembered
    assert read(True) != active  # قتل read as a passive: the soldiers are no actor
    assert read(True)[0] is None


# Argument sanity: a reading that starts with a word no party's name can start with is
# dropped; a party in the same sentence stays.
@pytest.mark.parametrize(
    ("text", "trigger", "kwargs", "expected"),
    [
        # a subordinator joined by و is no subject
        ("وبينما نددوا بالقرار رددوا هتافات.", "نددوا", {}, (None, None)),
        # a particle is no subject; the object stays
        ("بل يهدد الجيش المدينة.", "يهدد", {}, (None, "الجيش")),
        # an adverb is no subject
        ("وفجأة يحاصرها بقوة.", "يحاصرها", {}, (None, None)),
        # a temporal subordinator is no object; the subject stays
        ("اعتقلته الشرطة طالما بقي في المدينة.", "اعتقلته", {}, ("الشرطة", None)),
        # a time phrase is no object; the subject shared with خطفت stays
        (
            "وخطفت تسعة اشخاص واحتجزتهم لمدة تقرب من 24 ساعة.",
            "واحتجزتهم",
            {},
            ("اشخاص", None),
        ),
        # an event noun is no party; the ل object stays
        (
            "تهديد الضرب للسجناء.",
            "تهديد",
            {"nominal": True, "event_type": "THREATEN"},
            (None, "للسجناء"),
        ),
        # what is fired is no party
        (
            "وردت باطلاق نيران المدفعية.",
            "باطلاق",
            {"nominal": True, "event_type": "ASSAULT"},
            (None, None),
        ),
        # an adjective of the trigger noun is no party; a genitive that names one stays
        (
            "أجرى الرئيس محادثات مكثفة مع نظيره.",
            "محادثات",
            {"nominal": True, "event_type": "CONSULT"},
            (None, None),
        ),
        (
            "تعارض فرض حصار شامل على كوريا.",
            "حصار",
            {"nominal": True, "event_type": "COERCE"},
            (None, "كوريا"),
        ),
        (
            "محادثات الوزراء مع نظرائهم.",
            "محادثات",
            {"nominal": True, "event_type": "CONSULT"},
            ("الوزراء", None),
        ),
    ],
)
def test_no_argument_outside_a_party(
    text: str,
    trigger: str,
    kwargs: dict[str, bool | str],
    expected: tuple[str | None, str | None],
) -> None:
    assert _run(text, trigger, **kwargs) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "trigger", "nominal", "event_type", "expected"),
    [
        # أمام/داخل name where a protest stands; على/ضد what it is against, found past the site
        (
            "تظاهر أمس نحو مائتي شخص أمام مقر نقابة الصحافيين احتجاجا على اعتقال الصحفي.",
            "تظاهر",
            False,
            "PROTEST",
            ("مائتي شخص", "اعتقال الصحفي"),
        ),
        (
            "اعتصم عشرات المواطنين مساء أمس أمام ضريح الرئيس الشهيد رفيق الحريري.",
            "اعتصم",
            False,
            "PROTEST",
            ("المواطنين", None),
        ),
        (
            "وتجمع مئات الطلاب داخل الجامعة ضد قرار الوزير.",
            "وتجمع",
            False,
            "PROTEST",
            ("الطلاب", "قرار الوزير"),
        ),
        # an attack on a building has the building as its target
        ("شن مسلحون هجوما على مقر الحزب.", "هجوما", True, "ASSAULT", ("مسلحون", "مقر الحزب")),
        ("هاجم مسلحون مقر الحزب أمس.", "هاجم", False, "ASSAULT", ("مسلحون", "مقر الحزب")),
    ],
)
def test_a_protest_site_is_no_target(
    text: str,
    trigger: str,
    nominal: bool,
    event_type: str,
    expected: tuple[str | None, str | None],
) -> None:
    assert _run(text, trigger, nominal=nominal, event_type=event_type) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        # the حال takes the main clause's subject; who is asked for after ب acts not
        (
            "اعتصم عشرات المواطنين أمس في وسط بيروت، مطالبين بتولي الرئيس سعد الحريري "
            "رئاسة الحكومة.",
            "مطالبين",
            "REQUEST",
            ("المواطنين", None),
        ),
        # the participle's object is whom it asks, as the verb's would be
        (
            "دعا رئيس الوزراء البريطاني الاتحاد الاوروبي الى التشدد، مطالبا السلطات "
            "العسكرية بضبط النفس.",
            "مطالبا",
            "REQUEST",
            ("رئيس الوزراء البريطاني", "السلطات العسكرية"),
        ),
        (
            "تظاهر مئات الطلاب أمام الوزارة، منددين بقرار الحكومة.",
            "منددين",
            "PROTEST",
            ("الطلاب", None),
        ),
        # no main verb, no subject: no actor rather than the wrong one
        (
            "حشود كبيرة في الساحة، مطالبين بتولي سعد الحريري رئاسة الحكومة.",
            "مطالبين",
            "REQUEST",
            (None, None),
        ),
    ],
)
def test_a_circumstantial_takes_the_main_subject(
    text: str, trigger: str, event_type: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, nominal=True, event_type=event_type) == expected


def test_a_verb_after_waw_is_no_circumstantial() -> None:
    # وطالبوا has its own subject, shared with the verb before it
    text = "ورفع المتظاهرون لافتات وطالبوا الحكومة بالاستقالة."
    assert _run(text, "وطالبوا", event_type="REQUEST")[0] == "المتظاهرون"


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        # a relative clause's verb read as a genitive is no party
        ("وقتل خمسة متظاهرين في احتجاجات عمت العراق امس.", "احتجاجات", "PROTEST", (None, None)),
        ("وخرجت مظاهرات يعد منظموها بمواصلتها.", "مظاهرات", "PROTEST", (None, None)),
        # the protest named again does not protest
        ("وانطلقت مظاهرات احتجاج مماثلة في البصرة.", "مظاهرات", "PROTEST", (None, None)),
        # a gathering is its people
        (
            "وانطلقت مظاهرات تجمع الطلاب في البصرة.",
            "مظاهرات",
            "PROTEST",
            ("تجمع الطلاب", None),  # في البصرة is where
        ),
        # a name in ت that news never uses as a word stays (مدحت، طلعت، أولمرت)
        ("احتجاجات طلعت في المدينة.", "احتجاجات", "PROTEST", ("طلعت", None)),
    ],
)
def test_no_argument_starts_with_a_finite_verb(
    text: str, trigger: str, event_type: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, nominal=True, event_type=event_type) == expected


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("واعتقلت الشرطة مدحت الزاهد.", "مدحت الزاهد"),
        ("واعتقلت الشرطة اولمرت أمس.", "اولمرت"),
    ],
)
def test_a_name_shaped_like_a_verb_is_kept(text: str, target: str) -> None:
    # a past in ت by its shape, but names: not among the words news uses as words
    assert _run(text, "واعتقلت", event_type="COERCE") == ("الشرطة", target)


_COURT_RULING = (
    "قضت محكمة جنايات القاهرة، أمس، بالإعدام شنقا على سبعة متهمين، وبالسجن المؤبد على 12 "
    "آخرين، بعد إدانتهم بقتل ضابط في الشرطة."
)


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "target"),
    [
        # the court that hands the sentences down acts; the sentenced follow على
        (_COURT_RULING, "بالإعدام", "محكمة جنايات القاهرة", "متهمين"),
        (_COURT_RULING, "وبالسجن", "محكمة جنايات القاهرة", "آخرين"),  # not المؤبد
        (_COURT_RULING, "إدانتهم", "محكمة جنايات القاهرة", None),  # them: a pronoun
        ("أصدرت محكمة تركية حكما بالسجن على سبعة متشددين", "بالسجن", "محكمة تركية", "متشددين"),
        # serving a sentence is no court's act
        ("وكان يقضي حكما بالسجن في لندن", "بالسجن", None, None),
        # without a court, a conviction's possessor is who was convicted
        ("وأعدم الجندي بعد إدانته بالاغتصاب", "إدانته", None, "الجندي"),
        ("قررت المحكمة إلغاء إدانة أربعة شبان بالمشاركة في التخطيط", "إدانة", None, "شبان"),
    ],
)
def test_a_court_hands_down_its_sentences(
    text: str, trigger: str, actor: str | None, target: str | None
) -> None:
    assert _run(text, trigger, nominal=True, event_type="SANCTION") == (actor, target)


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "target"),
    [
        # the genitive of a raid, a search or an arrest is what or whom it is done to
        ("وقتل مسلحان خلال مداهمة مخبأ لهم في العريش", "مداهمة", None, "مخبأ"),
        ("وجرى توقيف ضباط وعسكريين لمحاكمتهم", "توقيف", None, "ضباط"),
        ("وجرى اعتقال الجنود الثلاثة", "اعتقال", None, "الجنود الثلاثة"),
        ("وأعلنت الشرطة مصادرة كميات من الأسلحة", "مصادرة", None, "كميات من الأسلحة"),
        # unless a force does it: with ل and what it acts on, or definite after a raid
        ("وجاءت مداهمة قوات الأمن للمنزل بعد ساعات", "مداهمة", "قوات الأمن", "للمنزل"),
        ("ورفعوا لافتات عن اعتقال السلطات لمعارضين", "اعتقال", "السلطات", "معارضين"),
        ("وحاولوا اختراق حصار الشرطة لمواصلة مسيرتهم", "حصار", "الشرطة", None),
        # a word describing the siege, then whom it is on
        ("ويريدون فرض حصار شامل على القطاع", "حصار", None, "القطاع"),
        # the state force whose action the raid was the occasion of raided
        (
            "أعلنت الوزارة أن قوات الأمن قتلت 6 مسلحين خلال مداهمة مخبأ لهم",
            "مداهمة",
            "قوات الأمن",
            "مخبأ",
        ),
        # gunmen who kill during a raid did not raid
        ("وقتل مسلحون شرطيا خلال مداهمة منزل", "مداهمة", None, "منزل"),
    ],
)
def test_a_raid_is_done_to_its_genitive_unless_a_force_does_it(
    text: str, trigger: str, actor: str | None, target: str | None
) -> None:
    assert _run(text, trigger, nominal=True, event_type="COERCE") == (actor, target)


def test_the_subject_of_committing_a_massacre_is_its_actor() -> None:
    # ارتكب is a light verb: who committed the massacre carried it out
    doc = extract_text(
        "وكانت قوات النظام ارتكبت مجزرة في بلدة كفرنبل أمس راح ضحيتها 12 مدنيا.",
        settings=Settings(published="2025-11-03"),
    )
    (event,) = [e for e in doc.events if e.event_type == "ASSAULT"]
    assert event.actor is not None and event.actor.text == "قوات النظام"


# --- who can be an actor (issue 15 part 5) ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "passive"),
    [
        # a place read as the subject of a passive verb
        ("وقصف مناطق متفرقة من المدينة أمس.", "وقصف", True),
        # a count word: who was arrested, not who arrested
        ("واعتقل العديد خلال المظاهرة في العاصمة.", "واعتقل", False),
        # an adjective of the event (هجوم منفصل) is no one
        ("وفي هجوم منفصل أمس قتل شخصان في السوق.", "هجوم", False),
    ],
)
def test_a_place_count_or_adjective_is_no_actor(text: str, trigger: str, passive: bool) -> None:
    nominal = trigger == "هجوم"
    actor, _ = _run(text, trigger, passive=passive, nominal=nominal, event_type="ASSAULT")
    assert actor is None


def test_a_weapon_after_ba_is_fired_by_the_verbs_subject() -> None:
    text = "واستهدفت فصائل المعارضة بصواريخ الغراد مواقع للجيش في البلدة."
    actor, _ = _run(text, "بصواريخ", nominal=True, event_type="ASSAULT")
    assert actor == "فصائل المعارضة"


def test_a_place_subject_is_no_actor_in_a_protest_nor_elsewhere() -> None:
    text = "وأوقفت مدن عدة نشطاء شاركوا في الاحتجاج."
    actor, _ = _run(text, "وأوقفت", event_type="COERCE")
    assert actor is None


def test_a_force_named_by_a_possessive_is_a_party() -> None:
    text = "وقالت الحكومة إن طائراتها قصفت مواقع المسلحين."
    actor, _ = _run(text, "قصفت", event_type="ASSAULT")
    assert actor == "طائراتها"


def test_a_group_named_again_by_its_kind_is_a_party() -> None:
    text = "وخطفت الجماعة ثلاثة جنود قرب الحدود."
    actor, target = _run(text, "وخطفت", event_type="ASSAULT")
    assert (actor, target) == ("الجماعة", "جنود")


@pytest.mark.parametrize(
    ("text", "trigger", "passive", "actor"),
    [
        # the attack's genitive, then its object after ل; a ب qualifier stays with the agent
        (
            "قتل خمسة مدنيين إثر استهداف طيران التحالف بقيادة السعودية لمنازل في القرية.",
            "قتل",
            True,
            "طيران التحالف بقيادة السعودية",
        ),
        # a dual attack noun and the verb of a relative clause without the relative
        (
            "وأصيب ثلاثة أشخاص جراء غارتين شنهما الجيش الإسرائيلي على البلدة.",
            "وأصيب",
            True,
            "الجيش الإسرائيلي",
        ),
        # a relative clause: الهجوم الذي شنته
        (
            "وقتل عشرة جنود خلال الهجوم الذي شنته حركة الشباب على القاعدة.",
            "وقتل",
            True,
            "حركة الشباب",
        ),
        # a nationality adjective of the attack
        ("واستشهد شاب في غارة إسرائيلية على المخيم.", "واستشهد", True, "إسرائيلية"),
    ],
)
def test_the_cause_clause_names_the_actor_of_the_casualties(
    text: str, trigger: str, passive: bool, actor: str
) -> None:
    names = (("حركة الشباب", "ORG"),) if "حركة الشباب" in text else ()
    entities = tuple(_entity(text, name, label) for name, label in names)
    found, _ = _run(text, trigger, passive=passive, entities=entities, event_type="ASSAULT")
    assert found == actor


def test_a_cause_clause_gives_no_victim_as_actor() -> None:
    text = "وقتل شخصان خلال الهجوم على السوق."
    assert _run(text, "وقتل", passive=True, event_type="ASSAULT")[0] is None


def test_an_agent_and_a_lam_object_in_one_construct() -> None:
    text = "وأدان البيان استهداف طيران التحالف لمنازل المدنيين."
    assert _run(text, "استهداف", nominal=True, event_type="ASSAULT") == (
        "طيران التحالف",
        "منازل المدنيين",
    )


def test_a_suspect_is_arrested_not_arresting() -> None:
    text = "وقال المتحدث إن قنبلة ألقيت على المسجد واعتقل مشتبه به على الفور."
    assert _run(text, "واعتقل", event_type="COERCE") == (None, "مشتبه")


def test_immediately_is_no_target() -> None:
    text = "وقالت الشرطة إنها اعتقلت على الفور."
    assert _run(text, "اعتقلت", event_type="COERCE")[1] is None


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        # a noun in ي that is no nisba heads its construct
        ("وأدان ولي العهد السعودي الهجوم على العاصمة.", "وأدان", "ولي العهد السعودي"),
        # a participle of belonging keeps the ل phrase of whose it is
        (
            "وقصفت طائرة حربية تابعة لقوات الجيش مطار المدينة.",
            "وقصفت",
            "طائرة حربية تابعة لقوات الجيش",
        ),
    ],
)
def test_the_actor_phrase_keeps_its_head_and_what_completes_it(
    text: str, trigger: str, actor: str
) -> None:
    assert _run(text, trigger)[0] == actor


def _coercer(text: str, trigger: str, target: str | None = None) -> str | None:
    layer, _, tokens = analyze(text)
    start = text.index(trigger)
    victim = None
    if target is not None:
        at = text.index(target)
        victim = Argument(at, at + len(target), target)
    force = coercing_state(
        text, layer, tokens, Span(0, len(text)), Span(start, start + len(trigger)), (), victim
    )
    return force.text if force else None


@pytest.mark.parametrize(
    ("text", "trigger", "target", "force"),
    [
        # a coordinated verb shares its subject
        (
            "منعت قوات الأمن الأردنية المعلمين من الوقفة واعتقلت عددا منهم.",
            "واعتقلت",
            None,
            "قوات الأمن الأردنية",
        ),
        # a purpose clause is the main verb's subject's
        (
            "واستخدم الأمن العراقي الغاز المسيل للدموع لتفريق المحتجين.",
            "لتفريق",
            "المحتجين",
            "الأمن العراقي",
        ),
        # the force after the trigger, in a relative clause
        ("تراجع المتظاهرون تحت وطأة القنابل التي أطلقتها الشرطة.", "القنابل", None, "الشرطة"),
        # an announcement of an arrest
        ("أعلن الجيش عن اعتقال عشرة أشخاص في المدينة.", "اعتقال", "عشرة أشخاص", "الجيش"),
        # the nearest force before the trigger
        ("قال وزير الداخلية إن الشرطة اعتقلت مشتبها به.", "اعتقلت", "مشتبها به", "الشرطة"),
        # the target is no actor, nor is anyone who is not a state force
        ("تم اعتقال ضابط في الجيش.", "اعتقال", "ضابط في الجيش", None),
        ("قال المتظاهرون إن عشرة منهم اعتقلوا.", "اعتقلوا", None, None),
    ],
)
def test_an_agentless_arrest_is_the_state_force_its_sentence_names(
    text: str, trigger: str, target: str | None, force: str | None
) -> None:
    assert _coercer(text, trigger, target) == force


@pytest.mark.parametrize(
    "text",
    [
        "واعتقلت قوات الجيش أمس الأحد 30 فلسطينياً، وأصابت شاباً بالرصاص في المدينة.",
        "واعتقلت قوات الجيش 30 شخصا وأصابت شابا بالرصاص في المدينة.",
    ],
)
def test_a_joined_verb_after_an_object_in_the_accusative_shares_the_first_verbs_subject(
    text: str,
) -> None:
    actor, target = _run(text, "وأصابت", event_type="ASSAULT")
    assert actor == "قوات الجيش" and target is not None and target.startswith("شاب")


def test_a_killing_joined_to_a_toll_in_the_passive_is_passive() -> None:
    # قُتل شرطي ... وأُصيب ثلاثة: the one killed is the target, no one is named who killed
    actor, target = _run(
        "من جهة اخرى، قتل شرطي من الحرس الوطني واصيب ثلاثة آخرون بجروح مساء أمس في كمين.",
        "قتل",
        event_type="ASSAULT",
    )
    assert actor is None and target == "شرطي من الحرس الوطني"
    # an active killing has its object after the subject, whatever toll follows
    actor, _ = _run(
        "قتل مسلحون جنديين وأصيب ثلاثة آخرون في هجوم على حاجز.", "قتل", event_type="ASSAULT"
    )
    assert actor is not None


def test_a_call_told_as_the_time_of_the_clause_is_its_subjects_with_the_one_after_with() -> None:
    actor, target = _run(
        "من جانبه، أدان الرئيس المصري خلال اتصال هاتفي مع ملك الأردن الهجوم على المدينة.",
        "اتصال هاتفي",
        nominal=True,
        event_type="CONSULT",
    )
    assert (actor, target) == ("الرئيس المصري", "ملك الأردن")


def test_a_subject_its_relative_clause_and_a_comma_before_the_verb() -> None:
    actor, target = _run(
        "وقالت مصادر إن الحكومة التي تسيطر على العاصمة، أطلقت سراح 40 أسيرا من المقاتلين.",
        "أطلقت",
        event_type="RETREAT",
    )
    assert actor == "الحكومة" and target is not None and target.startswith("أسيرا")
    # a topic taken up again by a pronoun is who was set free, not who freed them
    actor, _ = _run(
        "وأعلن الوزير أن الموظفين الذين خطفوا أمس، أطلق سراحهم مساء اليوم.",
        "أطلق",
        event_type="RETREAT",
    )
    assert actor != "الموظفين"


def test_a_noun_with_its_possessors_pronoun_takes_no_genitive() -> None:
    actor, target = _run("وقصفت طائراته قاعدة الجفرة الجوية أمس.", "وقصفت", event_type="ASSAULT")
    assert (actor, target) == ("طائراته", "قاعدة الجفرة الجوية")


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        ("تعرضت دورية للجيش لهجوم من مسلحين مجهولين قرب المدينة.", "لهجوم", "مسلحين مجهولين"),
        # a named armed actor in the phrase after من
        (
            "دانت الحكومة تعرض سفينة تجارية لهجمات من زوارق تابعة لحركة حماس.",
            "لهجمات",
            "زوارق تابعة لحركة حماس",
        ),
        # من names where from, not who: no one is named
        ("تعرضت المدينة لقصف من الجو أمس.", "لقصف", None),
    ],
)
def test_an_attack_from_an_armed_party_is_its(text: str, trigger: str, actor: str | None) -> None:
    found, _ = _run(text, trigger, nominal=True, event_type="ASSAULT")
    assert found == actor


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        ("وتجمهر عدد كبير من المتظاهرين أمام البرلمان.", "تجمهر", "PROTEST", ("المتظاهرين", None)),
        ("واعتقلت الشرطة عددا كبيرا من الطلاب.", "واعتقلت", "COERCE", ("الشرطة", "الطلاب")),
        # a count with no one counted names no actor: not «قليل في الاعتصام»
        ("بينما تجمهر عدد قليل في الاعتصام وسط الساحة.", "تجمهر", "PROTEST", (None, None)),
    ],
)
def test_the_size_of_a_count_is_no_part_of_who(
    text: str, trigger: str, event_type: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, event_type=event_type) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "وقصفت الفصائل المسلحة بقذائف الهاون وصواريخ الكاتيوشا مواقع للجيش في البلدة.",
            "وقصفت",
            ("الفصائل المسلحة", "مواقع للجيش"),
        ),
        (
            "وقال مراسل إن الطيران قصف بالصواريخ الفراغية منازل المدنيين.",
            "قصف",
            ("الطيران", "منازل المدنيين"),
        ),
        # no weapon: the object follows the subject
        ("قصف الجيش مواقع المسلحين أمس.", "قصف", ("الجيش", "مواقع المسلحين")),
    ],
)
def test_the_object_follows_the_weapons_the_verb_is_done_with(
    text: str, trigger: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, event_type="ASSAULT") == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a toll word counts victims it does not name
        ("في سياق هجمات أوقعت قرابة 90 قتيلا هذا الشهر.", "أوقعت", None),
        ("وأسفر القصف عن عشرات الجرحى.", "القصف", None),
        # a bomb's adjective alone is no target (the noun is the subject: سيارتان مفخختان)
        ("وانفجرت سيارتان مفخختان في السوق.", "وانفجرت", None),
        # people still are
        ("وأسفر القصف عن مقتل خمسة مدنيين.", "مقتل", "مدنيين"),
    ],
)
def test_a_toll_word_or_bomb_adjective_is_no_target(
    text: str, trigger: str, expected: str | None
) -> None:
    nominal = trigger in ("القصف", "مقتل")
    _, target = _run(text, trigger, nominal=nominal, event_type="ASSAULT")
    assert target == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a town struck is where; the people the sentence counts are who was hit
        (
            "وقصف الطيران بالصواريخ مدينة الرستن، لترتفع حصيلة القتلى إلى 7 مدنيين.",
            "وقصف",
            "مدنيين",
        ),
        ("واستهدفت المدفعية قرية الزيارة ما أدى إلى مقتل ثلاثة أطفال.", "واستهدفت", "أطفال"),
        # a toll word, a weapon or a time counted is no one hit: the town stays
        ("وقصف الطيران مدينة الرستن بعشرين صاروخا منذ ثلاثة أيام.", "وقصف", "مدينة الرستن"),
        ("واستهدفت المدفعية قرية الزيارة موقعة 4 قتلى.", "واستهدفت", "قرية الزيارة"),
        # a site hit is the target, whoever is counted
        ("وقصف الطيران مستشفى المدينة ما أدى إلى مقتل 5 مدنيين.", "وقصف", "مستشفى المدينة"),
    ],
)
def test_the_people_counted_are_the_target_of_an_attack_on_a_town(
    text: str, trigger: str, expected: str
) -> None:
    _, target = _run(text, trigger, event_type="ASSAULT")
    assert target == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the owner of تابعة ل ends the subject; the site after it is the object
        (
            "وقصفت طائرات تابعة لقوات حفتر مطار معيتيقة في طرابلس.",
            "وقصفت",
            ("طائرات تابعة لقوات حفتر", "مطار معيتيقة"),
        ),
        (
            "وقصفت طائرة تابعة لقوات خليفة حفتر قاعدة الجفرة.",
            "وقصفت",
            ("طائرة تابعة لقوات خليفة حفتر", "قاعدة الجفرة"),
        ),
        # a genitive of the owner is still its
        (
            "وهاجمت عناصر تابعة لقوات النظام السوري منزلا في القرية.",
            "وهاجمت",
            ("عناصر تابعة لقوات النظام السوري", "منزلا"),
        ),
    ],
)
def test_the_owner_of_a_belonging_phrase_ends_the_subject(
    text: str, trigger: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, event_type="ASSAULT") == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the one whose going a protest demands is whom it is against
        ("وتظاهر المئات في المدينة مطالبين بإسقاط الحكومة.", "وتظاهر", ("المئات", "الحكومة")),
        (
            "وكانوا يتظاهرون للمطالبة برحيل رئيس الوزراء أمس.",
            "يتظاهرون",
            (None, "رئيس الوزراء"),
        ),
        # what it is against, after على, stays
        ("وتظاهر الطلاب احتجاجا على قرار الوزارة.", "وتظاهر", ("الطلاب", "قرار الوزارة")),
    ],
)
def test_the_one_a_protest_would_see_go_is_its_target(
    text: str, trigger: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, event_type="PROTEST") == expected


@pytest.mark.parametrize(
    ("text", "trigger", "event_type", "expected"),
    [
        # a time set off by commas between the subject and the object
        (
            "واتهم المجلس العسكري، الأربعاء، المعارضة بارتكاب مجزرة.",
            "واتهم",
            "ACCUSE",
            ("المجلس العسكري", "المعارضة"),
        ),
        ("واعتقلت الشرطة، مساء أمس، ثلاثة ناشطين.", "واعتقلت", "COERCE", ("الشرطة", "ناشطين")),
        # a comma after a time with none before it ends the clause
        ("وقالت مصادر إن محتجا قتل أمس، وأصيب 11 آخرون.", "قتل", "ASSAULT", (None, "محتجا")),
    ],
)
def test_a_time_between_commas_is_skipped_to_the_object(
    text: str, trigger: str, event_type: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, event_type=event_type) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "nominal", "expected"),
    [
        # the state whose attack is condemned is the accused, not the one it hit
        ("وأدانت الكويت الاعتداء الإسرائيلي على قطر.", "وأدانت", False, "الإسرائيلي"),
        ("وندد الوزير بالقصف الروسي على المدينة.", "وندد", False, "الروسي"),
        ("وأكد الأمير إدانته للهجوم الإيراني السافر على المنشآت.", "إدانته", True, "الإيراني"),
        # an attack of no nationality: what is read without it stays
        ("وأدانت مصر الهجوم الإرهابي على المسجد.", "وأدانت", False, "المسجد"),
    ],
)
def test_the_accused_of_a_condemned_attack_is_its_nation(
    text: str, trigger: str, nominal: bool, expected: str
) -> None:
    _, target = _run(text, trigger, nominal=nominal, event_type="ACCUSE")
    assert target == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a building at the head of the subject is what is hit or holds arms, not who acts
        ("دمر مستودع الذخيرة التابع للحزب منزلا.", "دمر", (None, "منزلا")),
        ("قصف مستودع أسلحة لحزب الله البلدة.", "قصف", (None, "البلدة")),
    ],
)
def test_a_building_is_no_actor(
    text: str, trigger: str, expected: tuple[str | None, str | None]
) -> None:
    assert _run(text, trigger, event_type="ASSAULT") == expected


def test_a_hedged_count_before_a_passive_is_its_subject() -> None:
    text = "وقال مصدر ان عشرة جنود على الأقل قتلوا في الهجوم."
    assert _run(text, "قتلوا", passive=True) == (None, "جنود")


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        ("وقال مصدر ان انتحاريا فجر نفسه صباح امس لدى مرور دورية للشرطة.", "فجر", "دورية للشرطة"),
        (
            "وانفجرت عبوة ناسفة أثناء مرور موكب المحافظ في الشارع الرئيسي.",
            "وانفجرت",
            "موكب المحافظ",
        ),
    ],
)
def test_an_explosion_at_the_passing_of_a_convoy_targets_it(
    text: str, trigger: str, target: str
) -> None:
    assert _run(text, trigger, event_type="ASSAULT")[1] == target


def test_the_side_of_a_road_is_where_a_bomb_lay_not_its_target() -> None:
    text = "وقال مصدر ان عبوة ناسفة موضوعة على جانب أحد الطرق انفجرت امس."
    assert _run(text, "عبوة ناسفة", nominal=True, event_type="ASSAULT")[1] is None
