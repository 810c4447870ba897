"""The armed-attack rule: which ASSAULT candidates it accepts whatever the sentence model says."""

from __future__ import annotations

import pytest

from rasd.events.armed import armed_attack
from rasd.events.triggers import find_triggers
from rasd.model import Span
from rasd.pipeline import extract_text


def _accepted(text: str) -> list[str]:
    """The ASSAULT candidates of a one-sentence text that the rule accepts."""
    doc = extract_text(text)
    assert doc.layer is not None
    sentence = Span(0, len(text))
    return [
        trigger.text
        for trigger in find_triggers(text, doc.layer, doc.tokens, sentence)
        if trigger.event_type == "ASSAULT"
        and armed_attack(text, doc.layer, doc.tokens, sentence, trigger, doc.entities)
    ]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the seed's offensive: an attack noun under the past light verb استأنف, a named group
        (
            "واستأنفت قوات سوريا الديمقراطية مطلع هذا الأسبوع هجومها على قرية الباغوز في "
            "ذروة حملة شملت انتزاع السيطرة على مدينة الرقة في عام 2017.",
            "هجومها",
        ),
        ("هاجمت قوات سوريا الديمقراطية قرية الباغوز أمس.", "هاجمت"),
        ("وقصفت القوات الحكومية أحياء المدينة.", "وقصفت"),
        ("وشن الجيش غارات على مواقع التنظيم.", "وشن الجيش غارات"),  # a gapped verb
        ("ونفذت عناصر الشرطة هجوما على وكر للعصابة.", "هجوما"),
        ("من جهة ثانية، أفادت مصادر أن مسلحين خطفوا مصورا فرنسيا.", "خطفوا"),  # SVO
    ],
)
def test_an_armed_actors_past_attack_is_accepted(text: str, trigger: str) -> None:
    assert trigger in _accepted(text)


@pytest.mark.parametrize(
    "text",
    [
        # no armed agent: a committee's verbal attack, a minister's
        "شنت اللجنة الدولية للحقوقيين هجوما شديدا على الحكومة.",
        "وهاجم الوزير الصحيفة في مؤتمر صحافي.",
        # not past, or not affirmed
        "قد تشن قوات الجيش هجوما على المدينة.",
        "وتهاجم قوات الجيش المدينة منذ أسابيع.",
        "ستشن القوات هجوما واسعا.",
        "لم تهاجم قوات الجيش القرية.",
        "إذا هاجمت قوات الجيش المدينة فسترد الفصائل.",
        # background and relative clauses
        "عندما هاجم مسلحون البرلمان في عام 2001، تدخلت الحكومة.",
        "وأدان الوزير الهجوم الذي استهدف حامية عسكرية.",
        # an attack noun that no light verb governs, a verbal noun in a list
        "وتحدث التقرير عن هجوم الجيش على القرية.",
        "بين قتل وخطف المسلحين للأهالي.",
        # an armed word inside the phrase, not at its head
        "واستهدفت ضربة إسرائيلية عسكرية الموقع.",
    ],
)
def test_other_attack_words_are_left_to_the_model(text: str) -> None:
    assert _accepted(text) == []
