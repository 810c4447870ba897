"""PLOVER's negated, hypothetical and future flags: each cue, and decoys that are none."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.events.flags import Flags, event_flags
from rasd.model import Span
from rasd.text import analyze


def _flags(text: str, trigger: str, occurrence: int = 0) -> Flags:
    layer, _, _ = analyze(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    return event_flags(text, layer, Span(0, len(text)), Span(start, start + len(trigger)))


_NEGATED = Flags(negated=True)
_FUTURE = Flags(future=True)
_HYPOTHETICAL = Flags(hypothetical=True)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("لم يقتل أحد في الهجوم.", "يقتل", _NEGATED),
        ("لن تعتقل الشرطة المتظاهرين.", "تعتقل", _NEGATED),
        ("لا تقصف القوات المدنيين.", "تقصف", _NEGATED),
        ("ما قتل أحد.", "قتل", _NEGATED),
        ("ليس اعتقالا بل اختطاف.", "اعتقالا", _NEGATED),
        ("لم يتم اعتقال أحد.", "اعتقال", _NEGATED),
        ("لم تسجل أي إصابات.", "إصابات", _NEGATED),
        ("نفت الشرطة، في بيان، اعتقال أي متظاهر.", "اعتقال", _NEGATED),
        ("وينفي الجيش قصف المدينة.", "قصف", _NEGATED),
        ("أكدت عدم وقوع اعتقالات.", "اعتقالات", _NEGATED),
        ("تظاهر الآلاف دون اعتقالات.", "اعتقالات", _NEGATED),
        ("أحبطت الشرطة محاولة لتفجير سيارة مفخخة.", "لتفجير", _NEGATED),
        ("وتمكنت القوات من إحباط هجوم على الحاجز.", "هجوم", _NEGATED),
        ("ستعتقل الشرطة المتظاهرين.", "ستعتقل", _FUTURE),
        ("سوف تهاجم القوات المدينة.", "تهاجم", _FUTURE),
        ("قد يهاجم التنظيم المدينة.", "يهاجم", _FUTURE),
        ("هدد التنظيم بمهاجمة المدينة.", "بمهاجمة", _FUTURE),
        ("توعد الجيش بسحق المسلحين.", "بسحق", _FUTURE),
        ("دعا الحزب إلى التظاهر يوم الجمعة.", "التظاهر", _FUTURE),
        ("رفض الجيش الدعوات الدولية للهدنة في رمضان.", "للهدنة", _FUTURE),
        ("بعد دعوة مجلس الأمن الجمعة، إلى هدنة إنسانية.", "هدنة", _FUTURE),
        ("طالب النواب بمعاقبة المسؤولين.", "بمعاقبة", _FUTURE),
        ("يعتزم العمال الإضراب.", "الإضراب", _FUTURE),
        ("وحث الأمين العام على الإفراج عن المعتقلين.", "الإفراج", _FUTURE),
        ("وأعلنت الحكومة استعدادها لإطلاق سراح المعتقلين.", "لإطلاق سراح", _FUTURE),
        ("وينتظر أن تبدأ الوزيرة زيارة إلى المنطقة.", "زيارة", _FUTURE),
        ("وقال إن الحركة تتوقع الإفراج عن الرهائن.", "الإفراج", _FUTURE),
        ("وقال إنه يجب أن تفرج الحكومة عن المعتقلين.", "تفرج", _FUTURE),
        ("وعبر عن أمله في الإفراج عنهم بسلام.", "الإفراج", _FUTURE),
        ("من المقرر أن تنظم مظاهرة.", "مظاهرة", _FUTURE),
        ("تنظم مظاهرة الأسبوع المقبل.", "مظاهرة", _FUTURE),
        ("إذا هاجمت القوات المدينة، سنرد.", "هاجمت", _HYPOTHETICAL),
        ("إذا هاجمت القوات المدينة، سنرد.", "سنرد", Flags(hypothetical=True, future=True)),
        ("لو هاجمت القوات المدينة لقتل كثيرون.", "لقتل", _HYPOTHETICAL),
        ("في حال تعرضت المدينة لهجوم.", "لهجوم", _HYPOTHETICAL),
        ("ما لم تنسحب القوات فستبدأ الحرب.", "تنسحب", Flags(negated=True, hypothetical=True)),
        ("إن لم تنسحب القوات فستبدأ الحرب.", "تنسحب", Flags(negated=True, hypothetical=True)),
        ("وافقت الحكومة بشرط الإفراج عن المعتقلين.", "الإفراج", _HYPOTHETICAL),
    ],
)
def test_event_flags_cues(text: str, trigger: str, expected: Flags) -> None:
    assert _flags(text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("قتل شخص ولم يصب أحد.", "قتل"),  # the negation follows the trigger
        ("لم يعتقل أحد لكن قتل 3 أشخاص.", "قتل"),  # لكن starts a new clause
        ("لا يزال التنظيم يقصف المدينة.", "يقصف"),  # لا يزال is "still"
        ("ما زالت القوات تقصف المدينة.", "تقصف"),
        ("وكان قد هاجم المدينة.", "هاجم"),  # كان قد: past perfect
        ("قد قتل التنظيم عشرات.", "قتل"),  # قد + perfect: "has"
        ("سيطرت القوات على المدينة.", "سيطرت"),  # سيطر is no future سـ
        ("قال مصدر، إن القوات هاجمت المدينة.", "هاجمت"),  # إن after قال is "that"
        ("إن الهجوم كان عنيفا.", "الهجوم"),  # إن before a noun is emphatic
        ("لا سيما بعد قصف المدينة.", "قصف"),
        ("فإذاً قتل الحاج.", "قتل"),  # فإذاً is "so"
        ("وبعد أن دعا الوسطاء، توصل الطرفان إلى هدنة.", "هدنة"),  # إلى opens no call's clause
        ("قتل 3 أشخاص أمس، وقال مسؤول إنه لن يسمح بتكرار ذلك.", "قتل"),
        ("أصيب جندي، في ما قتل مدنيان بقصف على البلدة.", "قتل"),  # في ما is فيما, "while"
        ("أحبطت القوات الهجوم بعد ساعات، وقتل ثلاثة مسلحين.", "وقتل"),  # a new clause
    ],
)
def test_event_flags_decoys(text: str, trigger: str) -> None:
    assert _flags(text, trigger) == Flags()


def test_event_flags_second_mention_only() -> None:
    text = "لم يقتل أحد أمس، وقتل اليوم ثلاثة."
    assert _flags(text, "يقتل") == _NEGATED
    assert _flags(text, "قتل", occurrence=1) == Flags()


_PIECES = [
    "لم",
    "قتل",
    "سوف",
    "إذا",
    "،",
    "لكن",
    "نفى",
    "قد",
    "يهاجم",
    "ستعتقل",
    "عدم",
    "اعتقال",
    "إن",
    "هدد",
    "ب",
    "المقبل",
    "ﻻ",
    "َ",
    "«",
    ".",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), st.data())
def test_event_flags_never_fail(pieces: list[str], data: st.DataObject) -> None:
    text = " ".join(pieces)
    layer, _, _ = analyze(text)
    index = data.draw(st.integers(min_value=0, max_value=len(pieces) - 1))
    start = len(" ".join(pieces[:index])) + (1 if index else 0)
    flags = event_flags(text, layer, Span(0, len(text)), Span(start, start + len(pieces[index])))
    assert isinstance(flags, Flags)
    # a cue never follows the trigger: the flags of the first word see nothing before it
    if index == 0 and pieces[0] not in ("ستعتقل",):
        assert not flags.negated
        assert not flags.hypothetical


def test_remembered_flags_are_those_of_the_text_and_trigger() -> None:
    # Flags are remembered per sentence and trigger for the armed-attack rule and the
    # coder; the same spans in another text, or another trigger, are read afresh.
    assert _flags("لم يقتل أحد في الهجوم.", "يقتل") == _NEGATED
    assert _flags("إذا يقتل أحد في الهجوم.", "يقتل") == _HYPOTHETICAL
    assert _flags("سوف يقتل أحد في الهجوم.", "يقتل") == _FUTURE
    assert _flags("ثم يقتل أحد في الهجوم.", "يقتل") == Flags()
    text = "قتل شخص ولم يصب أحد."
    assert _flags(text, "قتل") == Flags()
    assert _flags(text, "يصب") == _NEGATED
