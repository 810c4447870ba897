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
        # a town after قرب that the NER left untagged
        (
            "قتل جندي من الجيش المالي مساء الثلاثاء في كمين قرب جنة، بحسب الجيش المالي.",
            "Djenné",
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
