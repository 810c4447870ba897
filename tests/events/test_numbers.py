"""Reading Arabic numbers written in digits and words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.events.numbers import read_number, sentence_words
from rasd.model import Span
from rasd.text import build_layer

_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("150", 150),
        ("١٥٠", 150),
        ("1,500", 1500),
        ("1.500", 1500),
        ("١٬٥٠٠", 1500),
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("ثلاثين", 30),
        ("ثلاثون", 30),
        ("خمسة عشر", 15),
        ("أحد عشر", 11),
        ("اثنا عشر", 12),
        ("ثلاث مئة", 300),
        ("ثلاثمائة", 300),
        ("ثلاثمئة", 300),
        ("مائة", 100),
        ("مئة وخمسون", 150),
        ("مئتين", 200),
        ("مائتي ألف", 200_000),
        ("ألفين", 2000),
        ("عشرين", 20),
        ("عشرين ألفاً", 20_000),
        ("واحد وعشرين", 21),
        ("خمسة و عشرون", 25),
        ("ثلاثة آلاف وخمسمائة", 3500),
        ("مليون", 1_000_000),
        ("2.5 ألف", 2500),
        ("1.5 مليون", 1_500_000),
        ("ثلاثةُ", 3),
    ],
)
def test_read_number_values(words: str, value: int) -> None:
    assert read_number(words) == value


@pytest.mark.parametrize("words", ["", "عشرات", "مقاتلا", "2.5", "ثلاثة رجال", "الف باء"])
def test_read_number_rejects_what_is_no_whole_number(words: str) -> None:
    assert read_number(words) is None


@given(st.integers(min_value=1, max_value=10**9))
def test_read_number_digits_any_form(number: int) -> None:
    assert read_number(str(number)) == number
    assert read_number(f"{number:,}") == number
    assert read_number(str(number).translate(_INDIC)) == number


_UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_HUNDREDS = ["", "مئة", "مئتان", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة"]


@given(
    st.integers(min_value=0, max_value=len(_HUNDREDS) - 1),
    st.integers(min_value=2, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_read_number_compound_words(hundreds: int, tens: int, units: int) -> None:
    # Arabic says the units before the tens: خمسة وعشرون is 25.
    words = " و".join(w for w in (_HUNDREDS[hundreds], _UNITS[units], _TENS[tens]) if w)
    assert read_number(words) == hundreds * 100 + tens * 10 + units


def test_sentence_words_are_normalized_with_offsets() -> None:
    text = "قُتِلَ ١٥٠ شخصاً، أمس."
    layer = build_layer(text)
    words, starts, ends = sentence_words(layer, Span(0, len(text)))
    assert words == ["قتل", "150", "شخصا", "،", "امس", "."]
    assert [layer.normalized[s:e] for s, e in zip(starts, ends, strict=True)] == words
