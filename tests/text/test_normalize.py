import unicodedata

import pytest

from rasd.model import TextLayer
from rasd.text.normalize import (
    build_layer,
    expansion_interiors,
    is_boundary,
    normalize,
    original_ends,
    original_starts,
    to_normalized_offset,
    to_original_span,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد", "احمد"),
        ("إسرائيل", "اسرائيل"),
        ("آلاف", "الاف"),
        ("ٱلله", "الله"),
        ("على", "علي"),
        ("فارسی", "فارسي"),  # Persian yeh
        ("کتاب", "كتاب"),  # Persian keheh
        ("مدرسة", "مدرسه"),
        ("الحمــــد", "الحمد"),  # tatweel
        ("مُحَمَّدٌ", "محمد"),  # harakat
        ("الرَّحْمٰنِ", "الرحمن"),  # superscript alef U+0670
        ("ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ", "ذلك الكتب لا ريب  فيه "),  # U+0670 and Quranic marks go
        ("ﻷ", "لا"),
        ("ﻻ", "لا"),
        ("ﺑﺎﻟﻼﺟﺌﻴﻦ", "باللاجئين"),
        ("ﷲ", "الله"),
        ("ﺓ", "ه"),
        ("ﻯ", "ي"),
        ("ﹰ", ""),  # isolated fathatan: a space and a haraka in NFKC
        ("ﱞ", ""),  # isolated shadda with dammatan
        ("ﷺ", "ﷺ"),  # a phrase in one sign stays
        ("﷽", "﷽"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("٣٫٥", "3.5"),
        ("١٬٥٠٠", "1,500"),
        ("٥٠٪", "50%"),  # the Arabic percent sign is in the digit block
        ("a\u200bb\u200cc\u200dd\u200ee\u200ff", "abcdef"),
        ("\u202ax\u202by\u202cz\u202d\u202e", "xyz"),
        ("\u2066x\u2067y\u2068z\u2069", "xyz"),
        ("\u061cx\ufeffy\u00adz\u2060", "xyz"),
        ("a\u00a0b\u2000c\u200ad\u202fe\u205ff\u3000g\th", "a b c d e f g h"),
        ("a\nb\r\nc", "a\nb\r\nc"),
        ("plain ASCII, unchanged.", "plain ASCII, unchanged."),
        ("", ""),
    ],
)
def test_normalize_table(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert build_layer(text).normalized == expected


def test_normalize_idempotent() -> None:
    text = "وَقَالَ ﻷ ١٢ ﷲ مدرسة\u200f"
    assert normalize(normalize(text)) == normalize(text)


def test_build_layer_identity_when_one_for_one() -> None:
    layer = build_layer("أعلن الجيش ١٢ مدرسة\tﺏ")
    assert layer == TextLayer("اعلن الجيش 12 مدرسه ب", None)


def test_build_layer_maps_removals() -> None:
    text = "مُحَمَّد"
    layer = build_layer(text)
    assert layer.normalized == "محمد"
    assert layer.to_original == (0, 2, 4, 7, 8)


def test_build_layer_maps_expansions_to_their_character() -> None:
    layer = build_layer("بﻻد")
    assert layer.normalized == "بلاد"
    assert layer.to_original == (0, 1, 1, 2, 3)


def test_build_layer_when_removal_and_expansion_cancel_out() -> None:
    # One removal and one expansion keep the length, but the map is no identity.
    layer = build_layer("ﻻَ")
    assert layer.normalized == "لا"
    assert layer.to_original == (0, 0, 2)


def test_build_layer_long_text_beyond_offset_table() -> None:
    text = "بَ" * 20_000
    layer = build_layer(text)
    assert layer.normalized == "ب" * 20_000
    assert layer.to_original is not None
    assert layer.to_original[-2:] == (39_998, 40_000)


def test_to_original_span_keeps_harakat() -> None:
    text = "قال مُحَمَّدٌ اليوم"
    layer = build_layer(text)
    start = layer.normalized.index("محمد")
    assert to_original_span(layer, start, start + 4, text=text) == (4, 13)
    assert text[4:13] == "مُحَمَّدٌ"


def test_to_original_span_keeps_no_invisible_mark_with_text() -> None:
    text = "محمد\u200f قال"
    layer = build_layer(text)
    assert to_original_span(layer, 0, 4, text=text) == (0, 4)
    # Without the text, the removed mark cannot be told from a haraka.
    assert to_original_span(layer, 0, 4) == (0, 5)


def test_to_original_span_never_cuts_a_ligature() -> None:
    text = "بﻻد"
    layer = build_layer(text)
    assert to_original_span(layer, 0, 2, text=text) == (0, 2)  # "بل" -> "بﻻ"
    assert to_original_span(layer, 2, 3, text=text) == (1, 2)  # "ا" -> "ﻻ"
    assert to_original_span(layer, 1, 1) == (1, 1)


def test_to_original_span_identity() -> None:
    layer = build_layer("abc")
    assert to_original_span(layer, 1, 3) == (1, 3)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (2, 1), (0, 4)])
def test_to_original_span_rejects_bad_spans(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not a span"):
        to_original_span(build_layer("abc"), start, end)


def test_to_normalized_offset_round_trips() -> None:
    text = "وَقَالَ ﻻ"
    layer = build_layer(text)
    assert layer.normalized == "وقال لا"
    assert [to_normalized_offset(layer, offset) for offset in range(len(text) + 1)] == [
        0,
        1,
        1,
        2,
        2,
        3,
        4,
        4,
        5,
        7,
    ]
    assert to_normalized_offset(layer, -3) == 0
    assert to_normalized_offset(layer, 99) == len(layer.normalized)
    assert to_normalized_offset(build_layer("abc"), 99) == 3


def test_is_boundary_inside_expansion() -> None:
    layer = build_layer("بﻻد")
    assert [is_boundary(layer, offset) for offset in range(-1, 6)] == [
        False,
        True,
        True,
        False,
        True,
        True,
        False,
    ]
    assert is_boundary(build_layer("abc"), 2)
    assert not is_boundary(build_layer("abc"), 4)


def test_expansion_interiors() -> None:
    text = "ﷲ بﻻد"
    layer = build_layer(text)
    assert layer.normalized == "الله بلاد"
    assert expansion_interiors(text, layer) == frozenset({1, 2, 3, 7})
    assert expansion_interiors("abc", build_layer("abc")) == frozenset()


def test_bulk_mapping_matches_to_original_span() -> None:
    text = "مُحَمَّد\u200f ﻻ بﻻد"
    layer = build_layer(text)
    ends = list(range(1, len(layer.normalized) + 1))
    starts = list(range(len(layer.normalized)))
    assert original_ends(text, layer, ends) == [
        to_original_span(layer, end - 1, end, text=text)[1] for end in ends
    ]
    assert original_starts(layer, starts) == [
        to_original_span(layer, start, start + 1)[0] for start in starts
    ]


def test_presentation_expansions_are_letters() -> None:
    # Tokens split only between letters and something else, so an expansion of letters
    # only is never cut by a token boundary.
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        letters = normalize(chr(cp))
        if len(letters) > 1:
            assert all(unicodedata.category(char).startswith("L") for char in letters), hex(cp)
