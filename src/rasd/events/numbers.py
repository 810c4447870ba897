"""Arabic numbers, written in digits or words, and the words of a sentence to look them up.

``read_number`` reads what news text writes: ``150``, ``١٥٠`` (the text layer makes it
``150``), ``1,500``, ``2.5 ألف``, and number words in every gender and case: ``ثلاثة``,
``ثلاث``, ``ثلاثين``, ``ثلاثون``, ``خمسة عشر``, ``ثلاث مئة``, ``ثلاثمائة``, ``مئتين``,
``ألفين``, ``واحد وعشرين``, ``مليون``. Vague quantities (``عشرات``، ``مئات``) are not numbers:
``rasd.events.counts`` reads them as qualified counts.

``sentence_words`` gives the normalized words of a span, which counts, attribution and the
flags all scan: one regex pass, no per-word objects.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from itertools import accumulate
from typing import Final

from rasd.model import Span, TextLayer
from rasd.text import normalize, to_normalized_offset

# A word is a run of Arabic letters, a number with its separators, or one other character
# (punctuation, a quote, %). Latin words count as one word each. re.split with one group
# yields (gap, word) pairs with no Python per word, where finditer and match.span() take
# three times as long. The lookahead fails a space before the four alternatives are tried,
# a fifth off the split.
_WORD: Final = re.compile(
    r"(?=\S)([\u0621-\u064a\u0671-\u06d3]+|\d+(?:[.,]\d+)*|[A-Za-z]+|[^\s\w])"
)


@lru_cache(maxsize=8)
def document_words(normalized: str) -> tuple[list[str], list[int], list[int]]:
    """The words of a whole normalized text with their starts and ends (see ``_WORD``)."""
    # Counts, attribution and flags read every sentence of a document: split the whole
    # text once (90 µs an article) rather than each sentence again (7 µs a sentence, three
    # readers); the str key hashes once.
    pieces = _WORD.split(normalized)
    offsets = list(accumulate(map(len, pieces), initial=0))
    return pieces[1::2], offsets[1:-1:2], offsets[2:-1:2]


# The last span mapped: the detector, counts, dates, attribution and the flags all map the
# same sentence, one after the other.
_last_span: tuple[TextLayer | None, int, int, int, int] = (None, 0, 0, 0, 0)


def normalized_span(layer: TextLayer, start: int, end: int) -> tuple[int, int]:
    """``to_normalized_offset`` of an original ``start`` and ``end``."""
    global _last_span  # one slot, replaced whole: safe to read from several threads
    last = _last_span
    if last[0] is layer and last[1] == start and last[2] == end:
        return last[3], last[4]
    mapped = to_normalized_offset(layer, start), to_normalized_offset(layer, end)
    _last_span = (layer, start, end, *mapped)
    return mapped


# The last span's words: counts, attribution and the flags of each trigger read the same
# sentence one after the other.
_last_words: tuple[TextLayer | None, int, int, tuple[list[str], list[int], list[int]]] = (
    None,
    0,
    0,
    ([], [], []),
)


def sentence_words(layer: TextLayer, span: Span) -> tuple[list[str], list[int], list[int]]:
    """The normalized words of ``span`` with their starts and ends in ``layer.normalized``.

    The lists may be shared with other callers: read them, do not change them."""
    global _last_words  # one slot, replaced whole: safe to read from several threads
    last = _last_words
    if last[0] is layer and last[1] == span.start and last[2] == span.end:
        return last[3]
    found = _sentence_words(layer, span)
    _last_words = (layer, span.start, span.end, found)
    return found


def _sentence_words(layer: TextLayer, span: Span) -> tuple[list[str], list[int], list[int]]:
    words, starts, ends = document_words(layer.normalized)
    start, end = normalized_span(layer, span.start, span.end)
    first = bisect_left(starts, start)
    last = bisect_right(ends, end, first)
    return words[first:last], starts[first:last], ends[first:last]


def _forms(value: int, *words: str) -> dict[str, int]:
    return {normalize(word): value for word in words}


# Units and tens in every gender and case; the masculine form of 3-10 ends in ة
# (ثلاثة رجال), the feminine has none (ثلاث نساء), and the case ending is -ون/-ين or -ان/-ين.
_UNITS: Final = {
    **_forms(1, "واحد", "واحدة", "أحد", "إحدى"),
    **_forms(2, "اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
    **_forms(3, "ثلاث", "ثلاثة"),
    **_forms(4, "أربع", "أربعة"),
    **_forms(5, "خمس", "خمسة"),
    **_forms(6, "ست", "ستة"),
    **_forms(7, "سبع", "سبعة"),
    **_forms(8, "ثمان", "ثماني", "ثمانية"),
    **_forms(9, "تسع", "تسعة"),
    **_forms(10, "عشر", "عشرة"),
}
_TENS: Final = {
    normalize(stem + ending): value
    for value, stem in [
        (20, "عشر"),
        (30, "ثلاث"),
        (40, "أربع"),
        (50, "خمس"),
        (60, "ست"),
        (70, "سبع"),
        (80, "ثمان"),
        (90, "تسع"),
    ]
    for ending in ("ون", "ين")
}
_HUNDRED_FORMS: Final = ("مئة", "مائة", "مئه", "مائه")
_HUNDREDS: Final = {
    **_forms(200, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مائتا", "مئتي", "مائتي"),
    # ثلاثمائة is written as one word or two (ثلاث مئة); the two-word form multiplies.
    **{
        normalize(unit + hundred): value * 100
        for unit, value in [
            ("ثلاث", 3),
            ("أربع", 4),
            ("خمس", 5),
            ("ست", 6),
            ("سبع", 7),
            ("ثمان", 8),
            ("ثماني", 8),
            ("تسع", 9),
        ]
        for hundred in _HUNDRED_FORMS
    },
}
# Words that multiply what comes before them (ثلاثة آلاف) or stand for one of themselves.
_MULTIPLIERS: Final = {
    **_forms(100, *_HUNDRED_FORMS),
    **_forms(1000, "ألف", "ألفا", "آلاف", "الاف"),  # ألفاً: عشرين ألفاً is 20,000
    **_forms(1_000_000, "مليون", "مليونا", "ملايين"),
    **_forms(1_000_000_000, "مليار", "مليارات"),
}
# Duals are a number of their own: ألفان = 2000.
_DUALS: Final = {
    **_forms(2000, "ألفان", "ألفين", "ألفي"),
    **_forms(2_000_000, "مليونان", "مليونين"),
    **_forms(2_000_000_000, "ملياران", "مليارين"),
}
_VALUES: Final = {**_UNITS, **_TENS, **_HUNDREDS, **_DUALS}
NUMBER_WORDS: Final = frozenset(_VALUES) | frozenset(_MULTIPLIERS)

# 1,500 and 1.500 group thousands; 2.5 and 2,5 are decimals.
_GROUPED: Final = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_DECIMAL: Final = re.compile(r"\d+(?:[.,]\d+)?")


def _digits(word: str) -> float | None:
    if _GROUPED.fullmatch(word):
        return float(re.sub(r"[.,]", "", word))
    if _DECIMAL.fullmatch(word):
        return float(word.replace(",", "."))
    return None


@cache
def _word_value(word: str) -> tuple[float, bool] | None:
    """(value, multiplies) of one normalized word, a leading و taken off when it is not
    part of the word (واحد is a word, وعشرين is و + عشرين)."""
    number = _digits(word)
    if number is not None:
        return number, False
    for candidate in (word, word[1:] if word.startswith("و") else ""):
        if candidate in _VALUES:
            return float(_VALUES[candidate]), False
        if candidate in _MULTIPLIERS:
            return float(_MULTIPLIERS[candidate]), True
    return None


def read_number(words: str) -> int | None:
    """The value of an Arabic number phrase, or ``None`` when it is not one.

    ``read_number("ثلاث مئة وخمسين") == 350``, ``read_number("2.5 ألف") == 2500``,
    ``read_number("عشرات") is None``. A value that is not a whole number is ``None``.
    """
    parts = normalize(words).replace("و ", "و").split()
    if not parts:
        return None
    total = 0.0
    group = 0.0  # the part below the last multiplier of a thousand or more
    for part in parts:
        if part == "و":
            continue
        found = _word_value(part)
        if found is None:
            return None
        value, multiplies = found
        if not multiplies:
            group += value
        elif value < 1000:
            group = (group or 1) * value
        else:
            total += (group or 1) * value
            group = 0
    total += group
    if total <= 0 or total != int(total):
        return None
    return int(total)
