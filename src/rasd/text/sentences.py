"""Sentence spans of news text, with offsets into the original text.

A sentence ends after ``. ! ? ؟ …`` (or a run of them) that whitespace or the end follows,
together with the closing quotes and brackets right after (``بشرية“.`` and ``."`` stay
with their sentence), and at every line break: news text puts headlines, bylines and
paragraphs on lines of their own. ``،`` and ``؛`` end no sentence, nor does a decimal point
(``3.5``), nor the period of an abbreviation: a single letter (``د.`` ``م.`` ``U.S.``,
initials) or one of a short list (``Mr.``, ``Dr.``, ``Jan.``). A single letter right
after digits is a unit or an era, not an initial: ``عام 2019م.`` ends its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, pairwise
from operator import sub
from typing import Final

from rasd.model import Span, TextLayer
from rasd.text.normalize import original_ends, original_starts

# Multi-letter abbreviations written with a period; single letters need no list. Arabic
# ones (ق.م ص.ب أ.د) end in a single letter.
_ABBREVIATIONS: Final = (
    *("Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "vs"),
    *("Gen", "Col", "Lt", "Capt", "Maj", "Sgt", "Gov", "Sen", "Rep", "Rev"),
    *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
)
# The listed ones are Latin: the lookbehinds for them run only after a Latin letter.
_NOT_ABBREVIATION = (
    r"(?<!(?<!\w)[^\W\d_]\.)"
    r"(?:(?<![A-Za-z]\.)|"
    + "".join(rf"(?<!(?<![^\W\d_]){word}\.)" for word in _ABBREVIATIONS)
    + ")"
)
_TERMINATORS = ".!?؟…"
_CLOSERS = "»”“\"')\\]"
# The pattern starts with a character class, so sre skips ahead to candidates; it takes
# the whitespace after a break along, so each sentence starts where a match ends.
_BREAK: Final = re.compile(
    f"[{_TERMINATORS}\\n]"
    f"(?:(?<=\\n)|{_NOT_ABBREVIATION}[{_TERMINATORS}]*[{_CLOSERS}]*(?=\\s|\\Z))"
    r"\s*"
)


def _cuts(normalized: str) -> list[int]:
    cuts = [0]
    cuts.extend(match.end() for match in _BREAK.finditer(normalized))
    if cuts[-1] != len(normalized):
        cuts.append(len(normalized))
    return cuts


def split_sentences(text: str, layer: TextLayer) -> tuple[Span, ...]:
    """The sentences of ``text``, whose text layer is ``layer``, as spans of ``text``.

    Spans are in order, do not overlap, are never empty, hold no whitespace at either end
    and together cover every token.
    """
    normalized = layer.normalized
    cuts = _cuts(normalized)
    pieces = [normalized[start:end] for start, end in pairwise(cuts)]
    stripped = list(map(len, map(str.strip, pieces)))
    leading = list(map(sub, map(len, pieces), map(len, map(str.lstrip, pieces))))
    starts = list(map(sum, zip(cuts, leading, strict=False)))
    ends: Sequence[int] = list(map(sum, zip(starts, stripped, strict=True)))
    starts = list(compress(starts, stripped))
    ends = list(compress(ends, stripped))
    return tuple(map(Span, original_starts(layer, starts), original_ends(text, layer, ends)))
