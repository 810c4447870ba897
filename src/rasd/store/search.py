"""What full-text search indexes and asks: normalised words without their proclitics.

Arabic writes و، ب، ل، ف، ك and the article ال onto the next word, so a reader searching
سيارة مفخخة must also find بسيارة مفخخة. Text and query go through the same steps: rasd's
normalisation (harakat and tatweel gone, alef, ya and ta marbuta unified), then the
proclitics stripped from each word when a stem of three letters or more is left. Stripping
a letter that was the word's own (بشكل -> شكل) happens on both sides alike, so it costs a
little precision and no recall.
"""

from __future__ import annotations

import re

from rasd.text import normalize

_WORD = re.compile(r"\w+")
# longest first: وبال before وال before و; only where a stem of three letters or more is left
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "وب", "ول", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_MIN_STEM = 3
_STRIP = re.compile(r"(?<!\w)(?:" + "|".join(_PROCLITICS) + r")(?=\w{" + str(_MIN_STEM) + "})")


def stem(word: str) -> str:
    """A normalised word without its proclitics: ``بالموصل`` -> ``موصل``."""
    return _STRIP.sub("", word, count=1)


def index_text(text: str) -> str:
    """What the full-text index stores for ``text``: one regex pass, no per-word Python."""
    return _STRIP.sub("", normalize(text))


def index_normalized(flat: str) -> str:
    """``index_text`` of a text already normalised (``flat`` is ``normalize(text)``)."""
    return _STRIP.sub("", flat)


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``, normalised."""
    return _WORD.findall(index_text(text))


def fts_query(query: str) -> str:
    """A user's words as an FTS5 query: every stem required, each a quoted term."""
    return " ".join(f'"{word}"' for word in stems(query))


def snippet(text: str, query: str, width: int = 80) -> str:
    """About ``width`` characters of ``text`` (normalised) around the first query word found."""
    flat = " ".join(normalize(text).split())
    first = len(flat)
    for word in stems(query):
        found = flat.find(word)
        if 0 <= found < first:
            first = found
    if first == len(flat):
        first = 0
    start = max(0, first - width // 3)
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > first else end
    return ("… " if start else "") + flat[start:end] + (" …" if end < len(flat) else "")
