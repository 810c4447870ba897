"""Golden tests of place choice on short articles: the place an analyst codes each event at."""

from __future__ import annotations

import pytest

from rasd.pipeline import extract_text
from rasd.settings import Settings


def _places(text: str, published: str = "2020-03-10") -> list[tuple[str, str | None]]:
    """(event type, English place name) of each event of ``text``."""
    doc = extract_text(text, settings=Settings(published=published))
    return [
        (event.event_type, event.location.name_en if event.location else None)
        for event in doc.events
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a town the gazetteer spells otherwise, after its head, beats "the north of the
        # country" (and the country is the sentence's, not the first one the article names)
        (
            "انطلقت الطائرات من قطر.\n"
            "أفادت وزارة الدفاع الأفغانية بمقتل 40 عنصرا من طالبان في غارات جوية على مواقع "
            "للحركة بمدينة شبرجان شمالي البلاد. وتقاتل الحركة الحكومة في أفغانستان.",
            "Shibirghān",
        ),
        # an airport is coded at its town, not at the article's main town
        (
            "قصفت طائرات حربية مطار طرابلس الدولي. وكانت طائرات قصفت أمس مطار زوارة الدولي "
            "غربي ليبيا. وقال مسؤول في طرابلس إن الوضع هادئ.",
            "Zuwarah",
        ),
        # a town GeoNames names in Latin only, before the direction from the capital
        (
            "قصفت طائرة حربية ليبية مدينة ترهونة جنوب شرق طرابلس أمس.",
            "Tarhuna",
        ),
        # the NER tags بن alone: a compound name goes on with its next word
        (
            "أعلنت وزارة الدفاع التونسية مقتل 20 مسلحا في مواجهات مع مسلحين هاجموا ثكنة "
            "عسكرية بمدينة بن قردان الحدودية مع ليبيا.",
            "Ben Gardane",
        ),
        # a town after قرب that the NER left untagged
        (
            "قتل جندي من الجيش المالي مساء الثلاثاء في كمين قرب جنة، بحسب الجيش المالي.",
            "Djenné",
        ),
        # a part of the country after a town says where the town lies: the town is the
        # place of the act told after it, not the country
        (
            "تظاهر مئات السودانيين في مدينة القضارف. وأعلنت الحكومة حظر التجول في مدينة "
            "كسلا شرقي البلاد، إثر تظاهرات في المدينة أمس.",
            "Kassala",
        ),
        # the capital alone is the capital of the article's country
        (
            "تظاهر طلاب جزائريون في الجزائر. واعتقلت الشرطة الجزائرية عشرات الطلاب في وسط "
            "العاصمة أمس.",
            "Algiers",
        ),
    ],
)
def test_the_last_event_is_placed_where_an_analyst_codes_it(text: str, place: str) -> None:
    found = _places(text)
    assert found, text
    assert found[-1][1] == place


def _reasons(text: str, published: str = "2020-03-10") -> list[tuple[str | None, str | None]]:
    """(place phrase, reason) of each event of ``text``."""
    doc = extract_text(text, settings=Settings(published=published))
    return [
        (event.location.text, event.location.reason) if event.location else (None, None)
        for event in doc.events
    ]


def test_a_place_named_after_the_event_is_named_in_the_sentence() -> None:
    found = _reasons("قتل ثلاثة جنود في انفجار عبوة ناسفة في مدينة الموصل أمس.")
    assert found and found[0] == ("مدينة الموصل", "named in the sentence")


def test_a_fronted_place_frames_the_sentence() -> None:
    found = _reasons("وفي بغداد، أحرق متظاهرون غاضبون إطارات السيارات وقطعوا الطرق الرئيسية أمس.")
    assert found and found[0] == ("بغداد", "the place the sentence opens with")


def test_a_part_of_the_country_says_it_is_the_articles_country() -> None:
    text = "وكان 42 جنديا باكستانيا قد قتلوا في هجوم انتحاري على مركز تجنيد للجيش شمال غربي البلاد"
    found = _reasons(text)
    assert found and found[0] == (
        "شمال غربي البلاد",
        "named in the sentence, read as the article's country",
    )


def test_the_capital_says_whose_capital() -> None:
    found = _reasons(
        "تظاهر طلاب جزائريون في الجزائر. واعتقلت الشرطة الجزائرية عشرات الطلاب في وسط العاصمة أمس."
    )
    assert found[-1] == (
        "وسط العاصمة",
        "named in the sentence, read as the capital of the article's country",
    )


def test_a_headline_place_is_from_the_headline() -> None:
    found = _reasons(
        "مقتل خمسة جنود بتفجير انتحاري في الرمادي\nقتل خمسة جنود عراقيين أمس في تفجير سيارة مفخخة."
    )
    assert found and found[0] == ("الرمادي", "from the headline")


def test_the_city_of_a_quoted_official_is_not_where_the_attack_happened() -> None:
    told_of = "قتل عشرة أشخاص في هجوم انتحاري على سوق في قندهار، بحسب مسؤول أمني في كابول."
    assert _places(told_of) == [("ASSAULT", "Kandahār")]
    # the source's city alone does not place the attack either
    assert ("ASSAULT", "Kabul") not in _places(
        "قتل عشرة أشخاص في هجوم انتحاري اليوم، بحسب مسؤول أمني في كابول."
    )


def test_an_official_killed_in_a_town_is_placed_there() -> None:
    killed = "قتل مسؤول محلي في مدينة غزة اليوم الخميس جراء غارة جوية إسرائيلية."
    assert _places(killed) == [("ASSAULT", "Gaza")]


def test_a_dateline_does_not_make_its_city_the_town_the_article_is_about() -> None:
    article = (
        "بغداد - رويترز: قتل خمسة جنود اليوم الخميس في هجوم على حاجز للجيش في محافظة ديالى."
        "\n\nوقال مسؤول إن الحكومة في بغداد أرسلت تعزيزات."
    )
    doc = extract_text(article, settings=Settings(published="2024-05-02"))
    reasons = [e.location.reason for e in doc.events if e.location is not None]
    assert reasons and not any("the town the article is about" in (r or "") for r in reasons)


def test_a_direction_after_a_town_says_where_the_town_lies() -> None:
    # the toll told after «جنوب شرق طرابلس» is the strike's on the town, not one in Tripoli
    found = _places(
        "تتواصل المعارك في ليبيا. واستهدفت غارة جوية مدينة ترهونة جنوب شرق طرابلس، ما أسفر "
        "عن مقتل ثلاثة مدنيين وإصابة خمسة."
    )
    assert found == [("ASSAULT", "Tarhuna")]
    # a direction after a conjunction is another place
    assert ("ASSAULT", "Baghdad") in _places(
        "قتل ثلاثة جنود في هجوم على حاجز في بعقوبة، وشمال بغداد قتل مدنيان في انفجار عبوة."
    )


def test_a_place_after_a_second_act_of_the_kind_is_that_acts() -> None:
    doc = extract_text(
        "أفرج مسلحون عن ثلاثة صيادين مصريين في طرابلس أمس. وجاء إطلاق سراح الصيادين "
        "الثلاثة بعيد إطلاق سراح قائد الميليشيا في مصر.",
        settings=Settings(published="2014-01-28"),
    )
    placed = {
        (e.target.text if e.target else None, e.location.name_en if e.location else None)
        for e in doc.events
    }
    assert ("قائد الميليشيا", "Egypt") in placed
    assert ("الصيادين الثلاثة", "Egypt") not in placed
