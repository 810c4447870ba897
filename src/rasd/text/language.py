"""The language of a document, offline: ISO 639-1, or None when it cannot be told.

Most input is Arabic, and counting scripts settles it: when most letters of the first
2,000 characters are Arabic script and those only Persian, Urdu or Kurdish write are under
1% of them, the text is Arabic. Anything else goes to lingua, restricted to the languages
of news in the region, on at most 600 characters: lingua takes 1.5 ms on a whole article,
the census 20 µs.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from lingua import LanguageDetector

_SAMPLE = 2_000
_LINGUA_SAMPLE = 600
_MIN_LETTERS = 3
# Persian, Urdu and Kurdish letters come up in Arabic text in foreign names (گوگل) and
# from Persian keyboards (ی ک); in Persian or Urdu text they are 5-10% of the letters.
_MAX_NON_ARABIC_SHARE = 0.01

_ARABIC_SCRIPT = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u0870-\u0887\u0889-\u088e\u08a0-\u08c9\ufb50-\ufdff\ufe70-\ufefc"
)
# Written with a character class first so that sre skips ahead (see normalize._first_of).
_ARABIC_RUN: Final = re.compile(f"[{_ARABIC_SCRIPT}][{_ARABIC_SCRIPT}]*")
_OTHER_LETTER_RUN: Final = re.compile(f"[^\\W\\d_{_ARABIC_SCRIPT}][^\\W\\d_{_ARABIC_SCRIPT}]*")
# U+06xx Arabic, U+08xx Arabic Extended, U+FBxx-U+FExx presentation forms.
_ARABIC_HIGH_BYTES: Final = (0x06, 0x08, 0xFB, 0xFC, 0xFD, 0xFE)
_EXACT_BELOW = 200
_NOT_ARABIC_LANGUAGE: Final = re.compile("[پچژگکیۀےٹڈڑںھێۆڕڵە]")

_LANGUAGES = (
    "ARABIC",
    "ENGLISH",
    "FRENCH",
    "PERSIAN",
    "URDU",
    "TURKISH",
    "HEBREW",
    "SPANISH",
    "GERMAN",
    "RUSSIAN",
)
# The detector holds Rust state that neither pickles nor survives a fork safely, so each
# process builds its own, on first use; the process id tells a forked child to rebuild.
_detector: tuple[int, LanguageDetector] | None = None


def _lingua() -> LanguageDetector:
    global _detector
    if _detector is None or _detector[0] != os.getpid():
        from lingua import Language, LanguageDetectorBuilder

        languages = [getattr(Language, name) for name in _LANGUAGES]
        _detector = (os.getpid(), LanguageDetectorBuilder.from_languages(*languages).build())
    return _detector[1]


def _letters(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _arabic_script(sample: str) -> int:
    """About how many characters of ``sample`` are Arabic script.

    Counting the UTF-16 high bytes of the Arabic blocks takes 4 µs where the regex takes
    36; it also counts Arabic punctuation, digits and harakat, which is close enough on a
    long sample. A short one, where those could decide, gets the exact count.
    """
    high_bytes = sample.encode("utf-16-le", "surrogatepass")[1::2]
    count = sum(map(high_bytes.count, _ARABIC_HIGH_BYTES))
    return count if count >= _EXACT_BELOW else _letters(_ARABIC_RUN, sample)


def identify_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``: ``"ar"``, ``"en"``, ``"fa"``, ...

    None when it cannot be told: fewer than three letters, or lingua undecided.
    """
    sample = text[:_SAMPLE]
    arabic = _arabic_script(sample)
    other = _letters(_OTHER_LETTER_RUN, sample)
    if arabic + other < _MIN_LETTERS:
        return None
    if arabic > other:
        marked = len(_NOT_ARABIC_LANGUAGE.findall(sample))
        if marked <= _MAX_NON_ARABIC_SHARE * arabic:
            return "ar"
    language = _lingua().detect_language_of(_lingua_sample(text))
    if language is None:
        return None
    return str(language.iso_code_639_1.name).lower()


def _lingua_sample(text: str) -> str:
    """The first 600 characters or so, cut at a space so that no word is cut."""
    if len(text) <= _LINGUA_SAMPLE:
        return text
    cut = text.rfind(" ", 0, _LINGUA_SAMPLE)
    return text[: cut if cut > 0 else _LINGUA_SAMPLE]
