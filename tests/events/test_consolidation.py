"""One event per real event: how an article's mentions join or stay apart (issue 15.2).

Short articles written for these tests; each says which mentions are one event and why.
"""

from rasd.events.coder import _content_words_of, _Context, _Mention, _without_summaries
from rasd.events.triggers import Trigger
from rasd.model import Count, Event, EventDate, Evidence, Location, Span
from rasd.pipeline import extract_text
from rasd.settings import Settings

THURSDAY = Settings(published="2024-05-02")


def _events(text: str) -> tuple[Event, ...]:
    return extract_text(text, settings=THURSDAY).events


def _places(events: tuple[Event, ...]) -> list[str | None]:
    return [e.location.name_en if e.location else None for e in events]


def test_a_later_paragraph_with_the_same_toll_joins_the_lead() -> None:
    (event,) = _events(
        "قتل سبعة جنود وأصيب أربعة آخرون اليوم الخميس في انفجار عبوة ناسفة استهدف مدرعة "
        "للجيش في مدينة العريش.\n\nوأوضح المصدر أن سبعة جنود قتلوا في الانفجار الذي وقع في "
        "العريش."
    )
    assert {(c.kind, c.value) for c in event.counts} == {("killed", 7), ("injured", 4)}
    sentences = {e.sentence_start for e in event.evidence}
    assert len(sentences) == 2
    reasons = {e.joined for e in event.evidence if e.joined}
    assert "the same toll told again" in reasons or "the same event told again" in reasons


def test_the_others_wounded_are_no_new_target() -> None:
    (event,) = _events(
        "قتل 14 مدنيا في غارة جوية على حي سكني جنوب العاصمة صنعاء اليوم الخميس.\n\n"
        "وأصيب 22 آخرون في الغارة نفسها جنوب العاصمة صنعاء."
    )
    assert {(c.kind, c.value) for c in event.counts} == {("killed", 14), ("injured", 22)}


def test_a_town_and_its_province_are_one_place_when_both_are_dated() -> None:
    (event,) = _events(
        "قتل خمسة جنود اليوم الخميس في هجوم على حاجز للجيش في مدينة العريش.\n\n"
        "وكانت محافظة شمال سيناء شهدت اليوم الخميس هجوما على حاجز للجيش."
    )
    assert event.location is not None and event.location.name_en == "Arīsh"
    assert any(e.joined for e in event.evidence)


def test_two_towns_are_two_events() -> None:
    events = _events(
        "قتل ثلاثة أشخاص في انفجار سيارة مفخخة في بغداد اليوم الخميس.\n\n"
        "وفي مدينة الموصل قتل مسلحون مجهولون شرطيا بالرصاص اليوم الخميس."
    )
    assert _places(events) == ["Baghdad", "Mosul"]


def test_two_parts_of_one_city_are_two_events() -> None:
    events = _events(
        "استشهد ثلاثة فلسطينيين في قصف استهدف شرق غزة اليوم. وأصيب خمسة في قصف غرب غزة اليوم."
    )
    assert len(events) == 2


def test_a_strike_on_a_list_of_towns_is_one_event_in_each() -> None:
    events = _events("قصفت الطائرات الحربية اليوم الخميس بلدات كفرنبل وسراقب وأريحا في ريف إدلب.")
    assert _places(events) == ["Kafranbel", "Saraqib", "Arīḩā"]
    assert all(e.event_type == "ASSAULT" for e in events)
    # each is the one mention, told of its town
    assert len({e.evidence[0].trigger_start for e in events}) == 1


def test_tolls_given_town_by_town_go_to_their_towns() -> None:
    events = _events("قتل 5 مدنيين في حلب و3 مدنيين في إدلب اليوم في قصف للطائرات الحربية.")
    by_place = {
        e.location.name_en: [(c.kind, c.value) for c in e.counts]
        for e in events
        if e.location is not None
    }
    assert by_place["Aleppo"] == [("killed", 5)]
    assert by_place["Idlib"] in ([("killed", 3)], [])


def test_a_list_of_provinces_is_a_summary_not_an_event_in_each() -> None:
    events = _events(
        "قتل عشرات العراقيين في هجمات في محافظتي ديالى ونينوى اليوم الخميس.\n\n"
        "وفي بعقوبة، انفجرت سيارة مفخخة اليوم الخميس وقتلت ستة أشخاص."
    )
    assert len([e for e in events if e.location and e.location.name_en == "Nīnawá"]) == 0


def test_text_format_says_why_mentions_joined() -> None:
    from rasd.cli import render_text

    doc = extract_text(
        "قتل سبعة جنود وأصيب أربعة آخرون اليوم الخميس في انفجار عبوة ناسفة في مدينة العريش.",
        settings=THURSDAY,
    )
    assert "joined «" in render_text(doc)
    assert "an attack and its casualties in one sentence" in render_text(doc)


def _mention(place: str, killed: int, start: int) -> _Mention:
    trigger = Trigger(start, start + 3, "قتل", "ASSAULT", None, (), False, False, 1.0)
    return _Mention(
        trigger=trigger,
        sentence=Span(start, start + 50),
        actor=None,
        target=None,
        location=Location(start + 10, start + 10 + len(place), place),
        date=EventDate("2024-05-02", "day"),
        counts=[Count("killed", killed, start + 4, start + 8, str(killed))],
        attribution=None,
        negated=False,
        hypothetical=False,
        future=False,
        evidence=[Evidence(start, start + 50, start, start + 3, "قتل")],
    )


def test_the_days_total_over_strikes_coded_town_by_town_is_no_event() -> None:
    doc = extract_text("قصفت الطائرات سراقب وأريحا في محافظة إدلب شمال غرب سوريا.")
    towns = [_mention("مدينة سراقب", 5, 0), _mention("مدينة أريحا", 3, 100)]
    total = _mention("محافظة إدلب", 8, 200)
    kept = _without_summaries([*towns, total], _Context(doc))
    assert kept == towns
    assert "the day's total" in (towns[0].evidence[-1].joined or "")
    # a province's toll that is not the sum of its towns' is an event of its own
    other = _mention("محافظة إدلب", 12, 200)
    assert _without_summaries([*towns, other], _Context(doc))[-1] is other


def test_a_curfew_declared_with_a_state_of_emergency_is_one_coercion() -> None:
    events = _events(
        "أعلنت السلطات حالة الطوارئ وفرض حظر التجول في مدينة عطبرة اليوم الخميس بعد احتجاجات."
    )
    coercions = [e for e in events if e.event_type == "COERCE"]
    assert len(coercions) == 1


def test_a_town_on_the_side_of_the_country_a_headline_names_is_its_place() -> None:
    (event,) = _events(
        "ارتفاع حصيلة التفجير الانتحاري الذي وقع اليوم الخميس بمسجد شمال شرق نيجيريا إلى "
        "50 قتيلا\n\nوذكرت الشرطة أن انتحاريا فجر نفسه اليوم الخميس داخل مسجد في مدينة "
        "مايدوغوري."
    )
    assert event.location is not None and event.location.name_en == "Maiduguri"
    assert {(c.kind, c.value) for c in event.counts} == {("killed", 50)}


def test_a_town_on_the_other_side_of_the_country_is_another_event() -> None:
    events = _events(
        "ارتفاع حصيلة التفجير الانتحاري الذي وقع اليوم الخميس بمسجد جنوب غرب نيجيريا إلى "
        "50 قتيلا\n\nوذكرت الشرطة أن انتحاريا فجر نفسه اليوم الخميس داخل مسجد في مدينة "
        "مايدوغوري."
    )
    assert len(events) == 2


def _tolls(events: tuple[Event, ...]) -> dict[str | None, list[int]]:
    return {
        e.location.name_en if e.location else None: [
            c.value for c in e.counts if c.kind == "killed"
        ]
        for e in events
    }


def test_tolls_told_after_the_list_go_to_the_towns_they_name() -> None:
    events = _events(
        "استهدفت الطائرات الحربية اليوم الخميس مدينة كفرنبل وبلدة حيش وبلدة سراقب، ما أدى إلى "
        "مقتل 5 مدنيين بينهم أطفال في سراقب، و3 في مدينة كفرنبل وقتيلين في حيش."
    )
    assert _tolls(events) == {"Kafranbel": [3], "Ḩīsh": [2], "Saraqib": [5]}


def test_a_countrysides_total_over_its_towns_is_no_event_of_its_own() -> None:
    events = _events(
        "10 مدنيين قتلوا بغارات جوية في ريف إدلب الجنوبي\n\n"
        "واستهدفت الطائرات الحربية اليوم الخميس مدينة كفرنبل وبلدة سراقب، ما أدى إلى مقتل 5 "
        "مدنيين في سراقب، و5 في مدينة كفرنبل."
    )
    assert _tolls(events) == {"Kafranbel": [5], "Saraqib": [5]}


def test_a_village_the_gazetteer_lacks_is_placed_near_the_town_listed_with_it() -> None:
    events = _events(
        "قصفت الطائرات الحربية اليوم الخميس مدينة كفرنبل وقرية الزعيترينة وبلدة سراقب."
    )
    (village,) = [e for e in events if e.location and e.location.text.endswith("الزعيترينة")]
    assert village.location is not None and village.location.name_en == "Kafranbel"
    assert village.location.precision == 2


def test_a_total_over_two_towns_gives_way_to_each_towns_own_toll() -> None:
    events = _events(
        "انفجرت سيارتان مفخختان اليوم الخميس في الرمادي والفلوجة مما أدى إلى مقتل عشرة أشخاص "
        "وإصابة 30.\n\nووقع تفجير الرمادي قرب سوق للخضار مما أدى إلى مقتل سبعة وجرح 20. أما "
        "تفجير الفلوجة فخلف ثلاثة قتلى وعشرة جرحى."
    )
    by_place = {
        e.location.name_en if e.location else None: sorted((c.kind, c.value) for c in e.counts)
        for e in events
    }
    assert by_place == {
        "Ramadi": [("injured", 20), ("killed", 7)],
        "Al Fallūjah": [("injured", 10), ("killed", 3)],
    }


def test_a_sentence_without_a_day_goes_on_in_the_day_of_the_sentence_before() -> None:
    events = _events(
        "جرت أمس عملية لتبادل الأسرى بين الجيش والمتمردين في محافظة مأرب. وقال أحد الوسطاء "
        "إنه تم الإفراج عن 50 أسيرا من المتمردين."
    )
    (release,) = [e for e in events if e.event_type == "RETREAT"]
    assert release.date is not None and release.date.value == "2024-05-01"


def test_the_day_of_a_report_goes_on_in_no_sentence_after_it() -> None:
    events = _events(
        "أعلنت وزارة الداخلية أمس الأربعاء حصيلة جديدة. وقال أحد الوسطاء إنه تم الإفراج عن "
        "50 أسيرا من المتمردين في محافظة مأرب."
    )
    (release,) = [e for e in events if e.event_type == "RETREAT"]
    assert release.date is not None and release.date.precision == "week"


def test_a_locality_the_gazetteer_lacks_with_the_towns_toll_is_the_towns_event() -> None:
    (event,) = _events(
        "قتل 14 مدنيا في غارة جوية على مدينة الحديدة اليوم الخميس.\n\n"
        "وأفاد شهود أن 14 مدنيا قتلوا في غارة جوية على منطقة بيت الشعيبي اليوم الخميس."
    )
    assert event.location is not None and event.location.name_en is not None


def test_one_strike_told_by_two_sources_with_its_weapon_apart_is_one_event() -> None:
    events = _events(
        "قتل شخص وأصيب 7 اليوم الخميس في غارة إسرائيلية على بلدة كفركلا.\n\n"
        "وقالت الوكالة الوطنية إن الاحتلال الإسرائيلي أطلق 3 صواريخ موجهة على سيارة، ما أدى "
        "إلى مقتل شخص وإصابة 7 مواطنين."
    )
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assaults) == 1
    assert {(c.kind, c.value) for c in assaults[0].counts} == {("killed", 1), ("injured", 7)}


def test_a_nisba_names_one_party_in_either_gender() -> None:
    assert _content_words_of("غارة إسرائيلية") & _content_words_of("الاحتلال الإسرائيلي")


def test_the_dead_of_a_protest_no_one_is_said_to_have_attacked_are_the_protests() -> None:
    events = _events(
        "تظاهر آلاف المحتجين في مدينة البصرة اليوم الخميس ضد تردي الخدمات.\n\n"
        "وقالت مصادر طبية إن محتجا قتل اليوم الخميس، وأصيب 11 في مظاهرات بالبصرة."
    )
    assert [e.event_type for e in events] == ["PROTEST"]
    assert {(c.kind, c.value) for c in events[0].counts} >= {("killed", 1), ("injured", 11)}


def test_protesters_shot_by_the_police_are_an_assault() -> None:
    events = _events(
        "تظاهر آلاف المحتجين في مدينة البصرة اليوم الخميس ضد تردي الخدمات.\n\n"
        "وقالت مصادر طبية إن الشرطة قتلت محتجا اليوم الخميس، وأصابت 11 في مظاهرات بالبصرة."
    )
    assert "ASSAULT" in {e.event_type for e in events}


def test_a_regions_toll_told_with_its_part_at_a_town_is_the_towns_event() -> None:
    (event,) = _events(
        "وقالت مصادر طبية إن 12 فلسطينيا استشهدوا اليوم الخميس في غارات جوية على وسط قطاع "
        "غزة بينهم 8 في محيط مدرسة في مخيم النصيرات."
    )
    assert event.location is not None and event.location.name_en == "An Nuşayrāt"
    assert [(c.kind, c.value) for c in event.counts] == [("killed", 8)]


def test_a_toll_told_with_a_part_at_no_town_keeps_its_figure() -> None:
    (event,) = _events(
        "وقالت مصادر طبية إن 12 فلسطينيا استشهدوا اليوم الخميس في غارات جوية على مدينة رفح "
        "بينهم 8 في منزل واحد."
    )
    assert [(c.kind, c.value) for c in event.counts] == [("killed", 12)]


def test_the_period_of_a_total_dates_no_event_told_with_it() -> None:
    (event,) = _events(
        "قتل ثلاثة جنود في هجوم على حاجز للجيش في مدينة العريش، في استمرار لأعمال عنف أوقعت "
        "150 قتيلا هذا الشهر."
    )
    assert event.date is not None and event.date.precision == "week"


def test_protests_told_city_by_city_are_one_event_in_each() -> None:
    events = _events(
        "وبثت قنوات صورا من التظاهرات اليوم الخميس، كما تظاهر طلاب في مدينة المنصورة، "
        "وكذلك في طنطا (شمالا)، وأسوان (جنوبا)."
    )
    protests = [e for e in events if e.event_type == "PROTEST"]
    assert sorted(_places(protests)) == ["Al Mansurah", "Aswān", "Tanta"]
    # each is told of the act the list follows, with who protested
    assert all(e.actor is not None and e.actor.text == "طلاب" for e in protests)


def test_a_province_holds_only_the_towns_of_its_own() -> None:
    # Alexandria lies within 200 km of the Delta province's centre, in another province
    events = _events("تظاهر المئات اليوم الخميس في الإسكندرية والسويس والشرقية.")
    assert sorted(_places(events)) == ["Alexandria", "Ash Sharqīyah", "Suez"]


def test_the_leads_day_goes_on_past_background_that_gives_none() -> None:
    events = _events(
        "قتل ثلاثة أشخاص في انفجار سيارة مفخخة في بغداد مساء الثلاثاء 30 أبريل 2024.\n"
        "وكانت المدينة شهدت تفجيرات مماثلة عام 2019.\n"
        "كما انفجرت عبوة ناسفة في الموصل وأصيب جندي بجروح."
    )
    mosul = next(e for e in events if e.location and e.location.name_en == "Mosul")
    assert mosul.date is not None and (mosul.date.value, mosul.date.precision) == (
        "2024-04-30",
        "day",
    )


def test_a_day_told_deep_in_the_article_is_no_leads_day() -> None:
    events = _events(
        "تواصلت الاحتجاجات في مدن عراقية عدة للأسبوع الثاني.\n"
        "وقال ناشطون إن الشرطة فرقت المحتجين في البصرة.\n"
        "وكانت تظاهرة مماثلة خرجت في الكوت يوم الإثنين.\n"
        "وشهدت المدينة احتجاجات واسعة عام 2019.\n"
        "وقتل شرطي بانفجار عبوة ناسفة في الموصل."
    )
    mosul = next(e for e in events if e.location and e.location.name_en == "Mosul")
    assert mosul.date is not None and mosul.date.precision == "week"  # publication's


def test_a_day_in_a_clause_of_another_noun_dates_no_act() -> None:
    events = _events(
        "فرقت الشرطة اليوم الخميس محتجين في بغداد.\n"
        "وفرقت الشرطة المحتجين الذين اقتربوا من الحاجز الحديدي الذي نصب أمس قرب البرلمان في "
        "بغداد."
    )
    # the barrier went up yesterday; the crowd was dispersed today: one event, today's
    dispersals = [e for e in events if e.mode == "crowd-control"]
    assert [(e.date.value if e.date else None) for e in dispersals] == ["2024-05-02"]


def test_a_day_in_a_clause_of_the_acts_own_noun_dates_it() -> None:
    (event,) = [
        e
        for e in _events("قتل خمسة أشخاص في الغارة التي شنتها الطائرات أمس على مدينة إدلب.")
        if e.event_type == "ASSAULT"
    ]
    assert event.date is not None and event.date.value == "2024-05-01"
