"""The matching form of Arabic text, with the offset map back to the original.

``normalize("أعلنَ الجيشُ")`` is ``"اعلن الجيش"``: alef variants become ``ا``, ``ى`` and
``ی`` become ``ي``, ``ک`` becomes ``ك``, ``ة`` becomes ``ه``; tatweel, harakat, Quranic marks
and invisible bidi or zero-width marks are removed; presentation forms become the letters
they show (``ﻷ`` -> ``لا``); Arabic-Indic and Persian digits become ASCII (``٫`` -> ``.``,
``٬`` -> ``,``); tabs and odd horizontal spaces become ``" "``. Line breaks stay as they are.

``build_layer`` also records where each normalized character came from, so a span found in
the normalized text maps back to the original (``to_original_span``, or in bulk
``original_starts`` and ``original_ends``) and an original offset maps forward
(``to_normalized_offset``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter

from rasd.model import TextLayer


def _chars(*ranges: tuple[int, int]) -> str:
    return "".join(chr(cp) for first, last in ranges for cp in range(first, last + 1))


def _first_of(char_class: str) -> re.Pattern[str]:
    """A regex for runs of ``char_class``, written so that sre can skip ahead.

    sre jumps from one candidate character to the next only when a pattern starts with a
    character class; ``[…]+`` starts with a repeat and is tried at every offset, three times
    slower (23 µs against 8 µs to scan a 3,000-character article).
    """
    return re.compile(f"{char_class}{char_class}*")


# Harakat and Quranic marks sit on the letter before them, so a span that ends at a letter
# takes them along: a name keeps its diacritics.
_HARAKAT = _chars((0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))
_HARAKAT_RUN = _first_of("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_REMOVED = _HARAKAT + _chars(
    (0x0640, 0x0640),  # tatweel
    (0x200B, 0x200F),  # zero-width space, joiners, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0x061C, 0x061C),  # Arabic letter mark
    (0xFEFF, 0xFEFF),  # byte order mark, zero-width no-break space
    (0x00AD, 0x00AD),  # soft hyphen
    (0x2060, 0x2060),  # word joiner
)
_PRESENTATION_FORMS = _chars((0xFB50, 0xFDFF), (0xFE70, 0xFEFE))

# Changes that keep the length. The letters news text writes both ways go through chained
# str.replace, one fast C scan each (0.5 µs on a 3,000-character article, where
# str.translate with a dict takes 160 µs); the rare ones only when a regex finds one.
_COMMON = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_RARE: dict[str, str] = {
    "ی": "ي",  # Persian yeh and keheh, typed on Persian keyboards
    "ک": "ك",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    **dict.fromkeys("\t\u00a0\u202f\u205f\u3000" + _chars((0x2000, 0x200A)), " "),
}
_RARE_RUN = _first_of(
    "[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\u0660-\u066c\u06a9\u06cc\u06f0-\u06f9]"
)


def _normalize_plain(text: str) -> str:
    """Normalise text that has no presentation forms, slowly (to build the table below)."""
    text = "".join(char for char in text if char not in _REMOVED)
    for old, new in chain(_COMMON, _RARE.items()):
        text = text.replace(old, new)
    return text


def _presentation_form(char: str) -> str:
    """What a presentation form becomes: its NFKC letters, normalised."""
    expansion = unicodedata.normalize("NFKC", char)
    if expansion == char:
        return char  # unassigned, or a sign of its own (﴾)
    letters = _normalize_plain(expansion)
    if " " in letters:
        if letters.strip():
            return char  # a phrase in one sign (ﷺ): there is no one word to match, keep it
        return ""  # an isolated haraka form (ﹰ) is a space and a haraka in NFKC
    return letters


# Each character that may change the length: removals, and presentation forms, most of
# which become one letter (ﺏ -> ب) but some several (ﻻ -> لا, ﷲ -> الله) or none (ﹰ).
_IRREGULAR: dict[str, str] = {
    **{char: _presentation_form(char) for char in _PRESENTATION_FORMS},
    **dict.fromkeys(_REMOVED, ""),
}
_IRREGULAR_RUN = _first_of(
    "[\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069"
    "\u061c\ufeff\u00ad\u2060\ufb50-\ufdff\ufe70-\ufefe]"
)
_EXPANDING = re.compile(
    "[" + "".join(re.escape(c) for c, letters in _IRREGULAR.items() if len(letters) > 1) + "]"
)


_NUMBERS: tuple[int, ...] = tuple(range(1 << 15))  # 1.2 MB; most articles are shorter


def _one_for_one(text: str) -> str:
    for old, new in _COMMON:
        text = text.replace(old, new)
    found = _RARE_RUN.search(text)
    if found is not None:
        for char in set("".join(_RARE_RUN.findall(text, found.start()))):
            text = text.replace(char, _RARE[char])
    return text


def _expand(match: re.Match[str]) -> str:
    return "".join(map(_IRREGULAR.__getitem__, match.group()))


def normalize(text: str) -> str:
    """The matching form of ``text``: ``normalize("وَالباغوزِ") == "والباغوز"``."""
    return _one_for_one(_IRREGULAR_RUN.sub(_expand, text))


def build_layer(text: str) -> TextLayer:
    """``normalize(text)`` and, unless that changed characters one for one, the offset map.

    ``layer.to_original[i]`` is the offset in ``text`` of ``layer.normalized[i]``, with one
    entry more, ``len(text)``; every letter of an expansion maps to the presentation form
    it came from.
    """
    pieces: list[str] = []
    to_original: list[int] = []
    one_for_one = True
    done = 0
    # Slices of a table of ints share its int objects; range() would create one per
    # character (30 µs of a 3,000-character article's 45).
    numbers: Sequence[int] = _NUMBERS if len(text) < len(_NUMBERS) else range(len(text) + 1)
    for match in _IRREGULAR_RUN.finditer(text):
        start, end = match.span()
        pieces.append(text[done:start])
        to_original.extend(numbers[done:start])
        for offset in range(start, end):
            letters = _IRREGULAR[text[offset]]
            pieces.append(letters)
            to_original.extend([offset] * len(letters))
            one_for_one = one_for_one and len(letters) == 1
        done = end
    if not pieces:
        return TextLayer(_one_for_one(text))
    pieces.append(text[done:])
    normalized = _one_for_one("".join(pieces))
    if one_for_one:
        return TextLayer(normalized)  # only presentation forms of one letter (ﺏ -> ب)
    to_original.extend(numbers[done : len(text) + 1])
    return TextLayer(normalized, tuple(to_original))


def _exact_end(text: str, end: int) -> int:
    harakat = _HARAKAT_RUN.match(text, end)
    return end if harakat is None else harakat.end()


def to_original_span(
    layer: TextLayer, start: int, end: int, *, text: str | None = None
) -> tuple[int, int]:
    """The original span of the normalized span ``[start, end)``.

    ``start`` maps to the original offset of ``normalized[start]``; ``end`` to one past the
    original character of ``normalized[end - 1]``, then over the harakat that follow it in
    ``text``. Without ``text``, which harakat are cannot be told, so the end runs on over
    everything normalisation removed up to the next kept character (harakat, but also
    tatweel or an invisible mark). A span never ends inside an original character: half of
    ``لا`` from ``ﻻ`` maps to all of ``ﻻ``. An empty span maps to an empty span.
    """
    if not 0 <= start <= end <= len(layer.normalized):
        raise ValueError(f"[{start}, {end}) is not a span of the normalized text")
    offsets = layer.to_original
    if offsets is None:
        return start, end
    if start == end:
        return offsets[start], offsets[start]
    if text is None:
        # to the next kept character after the one normalized[end - 1] came from
        return offsets[start], offsets[bisect_right(offsets, offsets[end - 1], end)]
    return offsets[start], _exact_end(text, offsets[end - 1] + 1)


def pick(values: Sequence[int], indices: Sequence[int]) -> list[int]:
    """``[values[i] for i in indices]``, in one C call (6 µs for 550 where map takes 19)."""
    if len(indices) > 1:
        return list(itemgetter(*indices)(values))
    return [values[index] for index in indices]


def original_starts(layer: TextLayer, starts: Sequence[int]) -> list[int]:
    """``to_original_span``'s start for many normalized offsets at once."""
    offsets = layer.to_original
    return list(starts) if offsets is None else pick(offsets, starts)


def original_ends(text: str, layer: TextLayer, ends: Sequence[int]) -> list[int]:
    """``to_original_span``'s end, with ``text``, for many normalized ends at once.

    An end maps to ``to_original[end]`` except next to a removal that is not a haraka or
    inside an expansion; those few are worked out one by one.
    """
    offsets = layer.to_original
    if offsets is None:
        return list(ends)
    fixes: dict[int, int] = {}
    for match in _IRREGULAR_RUN.finditer(text):
        first = bisect_left(offsets, match.start())
        last = bisect_left(offsets, match.end(), first)
        for end in range(max(first, 1), last + 1):
            exact = _exact_end(text, offsets[end - 1] + 1)
            if exact != offsets[end]:
                fixes[end] = exact
    if not fixes:
        return pick(offsets, ends)
    exact_ends = list(offsets)
    for end, exact in fixes.items():
        exact_ends[end] = exact
    return pick(exact_ends, ends)


def expansion_interiors(text: str, layer: TextLayer) -> frozenset[int]:
    """The normalized offsets inside an expansion: 1 for ``ﻻ`` (between ``ل`` and ``ا``)."""
    offsets = layer.to_original
    if offsets is None or _EXPANDING.search(text) is None:
        return frozenset()
    interiors: set[int] = set()
    for match in _EXPANDING.finditer(text):
        first = bisect_left(offsets, match.start())
        interiors.update(range(first + 1, bisect_left(offsets, match.end(), first)))
    return frozenset(interiors)


def to_normalized_offset(layer: TextLayer, original_offset: int) -> int:
    """The normalized offset of an original one: that of the first kept character from it.

    It counts the normalized characters that come from before ``original_offset``, so it
    serves starts and (exclusive) ends alike; offsets outside the text are clamped.
    """
    offsets = layer.to_original
    if offsets is None:
        return min(max(original_offset, 0), len(layer.normalized))
    return bisect_left(offsets, original_offset, 0, len(offsets) - 1)


def is_boundary(layer: TextLayer, offset: int) -> bool:
    """Whether the normalized ``offset`` falls between original characters.

    False inside an expansion (between ``ل`` and ``ا`` of ``ﻻ``) and outside the text.
    """
    if not 0 <= offset <= len(layer.normalized):
        return False
    offsets = layer.to_original
    if offsets is None or offset in (0, len(layer.normalized)):
        return True
    return offsets[offset] != offsets[offset - 1]
