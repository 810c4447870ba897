"""Arabic date expressions, resolved against the publication date.

``find_dates(text, layer, published)`` finds أمس، أول أمس، صباح اليوم، الليلة الماضية،
يوم الأحد، صباح أمس الإثنين، مطلع هذا الأسبوع، الشهر الماضي، العام الجاري، منذ ثلاثة أيام،
27 ديسمبر الماضي، 5 مارس (آذار) 2019، الخامس من آذار، آذار/مارس 2019، 12-3-2019، عام 2014
and Hijri dates (15 رمضان 1440 هـ) and returns each as an ``EventDate`` whose span is the
whole expression in the original text. Relative expressions stay unresolved (``value`` is
None) when there is no publication date: rasd does not guess.

One compiled regex, an alternation of the kinds of expression over tries of the normalized
lexicon, matches an expression from its first word; it is tried only where a word that can
start one stands (or a number), found with string methods. The resolution functions that
follow are plain date arithmetic.

Conventions, each a choice the analyst's codebook leaves open:

- weeks start on Sunday, the first working day in most of the Levant, Iraq and the Gulf:
  ``مطلع هذا الأسبوع`` in an article of Tuesday 2019-03-05 is the week of 2019-03-03;
- a bare weekday (الأحد، يوم الأحد، فجر الأحد) is the latest such day on or before
  publication: the publication day itself when it is the publication weekday, as news tells
  the day's events; الأحد الماضي is strictly before it; ``اليوم الأحد`` is the
  publication day and ``أمس الإثنين`` the day before, unless the weekday falls a day or two
  earlier: then the story was written before the date its page carries, and the weekday
  wins (``اليوم الجمعة`` in Saturday's paper is Friday);
- a day and month without a year take the year that puts them on or before publication
  (after it with المقبل), a month alone likewise;
- a Hijri month without a day is dated to the first day of that Hijri month.
"""

from __future__ import annotations

import datetime
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, count
from typing import Final

from hijridate import Gregorian, Hijri

from rasd.events.numbers import document_words, normalized_span
from rasd.model import DatePrecision, EventDate, Span, TextLayer
from rasd.resources import bulk_load
from rasd.text import normalize, to_original_span

RESOURCE: Final = "calendar_ar.json"

_DAY = datetime.timedelta(days=1)

# Month names that are also common words or names: ماي (Maghrebi May; "my" in French
# loans), آب (August; أب "father"), أوت and غشت (August; غشت "she cheated"), جوان (June; a
# Kurdish given name). They count only next to a day number, a year or شهر.
_RISKY_MONTHS: Final = ("ماي", "ماى", "آب", "أوت", "غشت", "جوان")

# Words that may stand before the expression's head: the time of day (صباح أمس), the part of
# a period (مطلع هذا الأسبوع).
_TIMES_OF_DAY: Final = (
    "صباح",
    "صبيحة",
    "مساء",
    "فجر",
    "ظهر",
    "ظهيرة",
    "عصر",
    "ضحى",
    "ليلة",
    "ليل",
    "عشية",
    "منتصف ليلة",
    "منتصف ليل",
)
_PARTS: Final = (
    "مطلع",
    "مستهل",
    "بداية",
    "بدايات",
    "أوائل",
    "منتصف",
    "أواسط",
    "أواخر",
    "نهاية",
    "آخر",
)
_PAST: Final = (
    "الماضي",
    "الماضية",
    "المنصرم",
    "المنصرمة",
    "الفائت",
    "الفائتة",
    "المنقضي",
    "المنقضية",
)
_NEXT: Final = ("المقبل", "المقبلة", "القادم", "القادمة", "الآتي", "الآتية")
_CURRENT: Final = ("الجاري", "الجارية", "الحالي", "الحالية")

# اليوم that is not today: اليوم التالي (the next day), اليوم العالمي للمرأة (a named day),
# اليوم الذي (the day when).
_NOT_TODAY: Final = (
    "التالي",
    "السابق",
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "الأخير",
    "نفسه",
    "ذاته",
    "العالمي",
    "الوطني",
    "الدولي",
    "الذي",
    "التي",
    "المحدد",
    "المقرر",
    "الموعود",
    "المشهود",
)

_ORDINAL_UNITS: Final = (
    "",
    "الحادي",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
)
_NUMBER_WORDS: Final = {
    "ثلاثة": 3,
    "ثلاث": 3,
    "أربعة": 4,
    "أربع": 4,
    "خمسة": 5,
    "خمس": 5,
    "ستة": 6,
    "ست": 6,
    "سبعة": 7,
    "سبع": 7,
    "ثمانية": 8,
    "ثماني": 8,
    "ثمان": 8,
    "تسعة": 9,
    "تسع": 9,
    "عشرة": 10,
    "عشر": 10,
}
# Units of منذ/قبل N ...: the unit, and how many the word itself says (a dual is two, a
# singular one, a plural needs a number).
_UNITS: Final = {
    "يوم": ("day", 1),
    "يوما": ("day", 1),
    "يومين": ("day", 2),
    "يومان": ("day", 2),
    "أيام": ("day", 0),
    "أسبوع": ("week", 1),
    "أسبوعا": ("week", 1),
    "أسبوعين": ("week", 2),
    "أسبوعان": ("week", 2),
    "أسابيع": ("week", 0),
    "شهر": ("month", 1),
    "شهرا": ("month", 1),
    "شهرين": ("month", 2),
    "شهران": ("month", 2),
    "أشهر": ("month", 0),
    "شهور": ("month", 0),
    "عام": ("year", 1),
    "عاما": ("year", 1),
    "عامين": ("year", 2),
    "عامان": ("year", 2),
    "أعوام": ("year", 0),
    "سنة": ("year", 1),
    "سنتين": ("year", 2),
    "سنتان": ("year", 2),
    "سنوات": ("year", 0),
    "سنين": ("year", 0),
}
_BLOC_NOUNS: Final = ("قوى", "تيار", "فريق", "حركة", "تحالف", "معسكر", "ائتلاف", "كتلة", "جمهور")
_YEAR_WORDS: Final = ("عام", "العام", "لعام", "للعام", "سنة", "السنة", "لسنة", "للسنة")
# الأسبوع الماضي، للشهر المقبل، العام الجاري
_RELATIVE_UNITS: Final = (
    "الأسبوع",
    "للأسبوع",
    "الشهر",
    "للشهر",
    "العام",
    "للعام",
    "السنة",
    "للسنة",
)
# What follows a bare year that is a count, not a year: في 2000 منزل.
_COUNTED: Final = (
    "عام",
    "سنة",
    "يوم",
    "شهر",
    "ساعة",
    "دقيقة",
    "متر",
    "كيلومتر",
    "كلم",
    "دولار",
    "شخص",
    "مقاتل",
    "عنصر",
    "جندي",
    "مدني",
    "قتيل",
    "منزل",
    "طن",
    "ألف",
    "مليون",
    "مليار",
)


@dataclass(frozen=True, slots=True)
class Calendar:
    """Normalized month and weekday names: ``months["اذار"] == 3``, ``weekdays["الاحد"] == 6``.

    Weekdays are numbered as ``datetime.date.weekday()`` does (Monday 0, Sunday 6).
    """

    months: dict[str, int]
    weekdays: dict[str, int]
    hijri_months: dict[str, int]

    @classmethod
    def from_json(cls, data: bytes) -> Calendar:
        """From the JSON ``train/build_calendar.py`` writes."""
        raw = json.loads(data)

        def table(key: str) -> dict[str, int]:
            return {
                normalize(name): int(number) for number, names in raw[key].items() for name in names
            }

        return cls(table("months"), table("weekdays"), table("hijri_months"))

    @classmethod
    def load(cls) -> Calendar:
        """The committed lexicon, ``rasd/resources/calendar_ar.json``."""
        return cls.from_json(resources.files("rasd.resources").joinpath(RESOURCE).read_bytes())


# --- building the regex --------------------------------------------------------------------


def _phrase(words: str) -> str:
    """A normalized phrase as a regex, its spaces matching any run of spaces."""
    return " +".join(re.escape(word) for word in normalize(words).split())


def _trie(phrases: Iterable[str]) -> str:
    """An alternation of normalized phrases, factored by their first letters.

    sre tries the branches of an alternation one after another, but skips a branch at once
    when its first letter differs: a trie makes a miss cost a letter or two, not one
    comparison per phrase.
    """
    root: dict[str, dict[str, object]] = {}
    for phrase in {normalize(p) for p in phrases}:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})  # type: ignore[assignment]  # nested trie
        node[""] = {}

    def render(node: dict[str, dict[str, object]]) -> str:
        branches = []
        optional = "" in node
        for char in sorted(c for c in node if c):
            head = " +" if char == " " else re.escape(char)
            branches.append(head + render(node[char]))  # type: ignore[arg-type]  # nested trie
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return "(?:" + render(root) + ")"


def _ordinals() -> dict[str, int]:
    """Ordinal day words: الأول 1 … العاشر 10, الحادي عشر 11 … الحادي والثلاثين 31."""
    table = {"الأول": 1, "العاشر": 10, "العشرين": 20, "العشرون": 20, "الثلاثين": 30}
    table["الثلاثون"] = 30
    for unit, word in enumerate(_ORDINAL_UNITS):
        if unit >= 2:
            table[word] = unit
        if unit:
            table[f"{word} عشر"] = 10 + unit
            for tens, name in ((20, "العشرين"), (20, "العشرون"), (30, "الثلاثين")):
                if tens + unit <= 31:
                    table[f"{word} و{name}"] = tens + unit
    return {normalize(word): day for word, day in table.items()}


def _named(pattern: str, kind: str) -> str:
    """``pattern`` with its group names prefixed by ``kind``: one regex holds every kind."""
    pattern = re.sub(r"\(\?P<(\w+)>", rf"(?P<{kind}_\1>", pattern)
    return re.sub(r"\(\?P=(\w+)\)", rf"(?P={kind}_\1)", pattern)


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The compiled date regex and the tables its resolution reads."""

    # the regex of the kinds that can start with a word (after و or ف too), or a number
    regexes: dict[str, re.Pattern[str]]
    first_words: frozenset[str]  # the keys of regexes
    calendar: Calendar
    ordinals: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, tuple[str, int]]
    past: frozenset[str]
    next: frozenset[str]
    current: frozenset[str]


def _kinds(calendar: Calendar, ordinals: dict[str, int]) -> list[tuple[str, str, frozenset[str]]]:
    """Each kind of expression, in the order they are tried at one word: its name, its
    pattern, and the normalized words it can start with (``_NUMBER`` for a number)."""
    risky = {normalize(name) for name in _RISKY_MONTHS}
    month = _trie(calendar.months)
    safe_month = _trie(name for name in calendar.months if name not in risky)
    dual = rf"(?: *[/\-] *{month}| *\( *{month} *\))?"  # آذار/مارس, مارس (آذار)
    weekday = _trie(calendar.weekdays)
    hijri = _trie(calendar.hijri_months)
    # صفر is also "zero" (فاز 1 - صفر): without a year it needs شهر
    safe_hijri = _trie(name for name in calendar.hijri_months if name != normalize("صفر"))
    # 14 آذار and 8 آذار are also Lebanon's two political blocs: قوى 14 آذار
    blocs = "".join(f"(?<!{_phrase(word)} )" for word in _BLOC_NOUNS)
    time = _trie(_TIMES_OF_DAY)
    part = _trie(_PARTS)
    direction = _trie((*_PAST, *_NEXT, *_CURRENT))
    past_next = _trie((*_PAST, *_NEXT))
    ordinal = _trie(ordinals)
    year_word = _trie(_YEAR_WORDS)
    this_year = _trie(("هذا العام", "هذه السنة", "هذا العام الجاري"))
    year = r"(?:19|20)\d\d(?!\d)(?: *م(?!\w)| +ميلادي(?!\w)| +للميلاد)?"
    hijri_year = rf"1[34]\d\d(?!\d)(?: *(?:{_trie(('هـ', 'هجري', 'هجرية', 'للهجرة'))})(?!\w))?"
    of = _phrase("من")
    # a weekday or يوم before an explicit date: يوم الأحد 3 مارس، الأحد الموافق 3-3-2019
    before = (
        rf"(?:{time} +)?(?:{_phrase('يوم')} +)?"
        rf"(?:(?P<weekday>{weekday})(?: +{past_next})?[ ،,]+(?:{_phrase('الموافق')} +)?)?"
    )
    day = rf"(?:(?P<day>\d{{1,2}})(?!\d)(?: +{of})?|(?P<ordinal>{ordinal}) +{of})"
    year_part = (
        rf"(?: *,? *(?:{of} +)?(?:{year_word} +)?(?P<year>{year})"
        rf"| +(?:{of} +)?(?:{year_word} +(?P<yeardir>{direction})|(?P<thisyear>{this_year}))"
        rf"| +(?P<dir>{direction}))"
    )
    numeric = r"(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})(?![\d\w])"
    relative_unit = _trie(_RELATIVE_UNITS)
    unit = _trie(_UNITS)
    number = rf"(?:\d{{1,3}}|{_trie(_NUMBER_WORDS)})"
    about = _trie(("نحو", "حوالي", "زهاء", "قرابة"))
    not_today = _trie(_NOT_TODAY)
    counted = _trie(_COUNTED)
    preposition = "|".join(
        rf"(?<=[\sو]{re.escape(normalize(word))} )" for word in ("في", "منذ", "خلال", "حتى")
    )
    day_word = _phrase("يوم")
    kinds = {
        "numeric": before + numeric,
        "hijri_date": (
            rf"{before}(?:{day} +)?(?:{_phrase('شهر')} +)?(?P<month>{hijri})"
            rf" +(?:{of} +)?(?:{year_word} +)?(?P<year>{hijri_year})"
        ),
        "hijri_near": rf"{before}{day} +(?:{_phrase('شهر')} +)?(?P<month>{safe_hijri})"
        rf"(?: +(?P<dir>{direction}))?",
        "dmy": (
            rf"{blocs}{before}{day} +(?:{_phrase('شهر')} +)?(?P<month>{month}){dual}{year_part}?"
        ),
        "month": (
            rf"(?:{part} +)?(?:{_phrase('شهر')} +)?(?P<month>{month}){dual}{year_part}"
            rf"|(?:{part} +)?{_phrase('شهر')} +(?P<month2>{month}){dual}"
            rf"|{part} +(?P<month3>{safe_month}){dual}"
            rf"|(?:{preposition})(?P<month4>{safe_month}){dual}"
        ),
        "hijri_month": (
            rf"(?:{part} +)?{_phrase('شهر')} +(?P<month>{hijri})(?: +(?P<dir>{direction}))?"
            rf"|(?P<month2>{safe_hijri}) +(?P<dir2>{direction})"
        ),
        "year": (
            rf"(?:{part} +)?{year_word} +(?P<year>{year})"
            rf"|(?:{preposition})(?P<year2>(?:19|20)\d\d)(?![\d.,٪%])(?! *{counted}(?!\w))"
        ),
        "before_yesterday": (
            rf"(?:{time} +)?(?:{day_word} +)?"
            rf"(?:{_phrase('أول')} +(?:{of} +)?{_phrase('أمس')}|{_phrase('أمس الأول')})"
            rf"(?: +(?P<weekday>{weekday}))?"
        ),
        "yesterday": (
            rf"(?:{time} +)?(?:{day_word} +)?{_trie(('أمس', 'الأمس', 'بالأمس', 'البارحة'))}"
            rf"(?: +(?P<weekday>{weekday}))?|{_phrase('الليلة الماضية')}"
        ),
        "today": (
            rf"(?:{time} +)?(?:{_trie(('هذا', 'يوم'))} +)?{_phrase('اليوم')}"
            rf"(?: +(?P<weekday>{weekday})|(?! +{not_today}(?!\w)))"
            rf"|{_phrase('هذه الليلة')}"
        ),
        "tomorrow": (
            rf"(?:{time} +)?{_trie(('غدا',))}(?: +(?P<weekday>{weekday}))?"
            rf"|(?:{time}|{day_word}) +{_trie(('الغد', 'غد'))}(?: +(?P<weekday2>{weekday}))?"
            rf"|(?P<after>(?:{day_word} +)?{_phrase('بعد غد')})"
        ),
        "weekday": (
            rf"(?<!{_phrase('بين')} )(?<!{_phrase('كلا')} )"
            rf"(?:{time} +)?(?:{day_word} +)?(?P<weekday>{weekday})(?: +(?P<dir>{past_next}))?"
        ),
        "period": (
            rf"(?:{part} +)?(?:{_trie(('هذا', 'هذه'))} +(?P<this>{relative_unit})"
            rf"|(?P<unit>{relative_unit}) +(?:(?P<dir>{direction})"
            rf"|(?P<before>{_phrase('قبل')} +{_trie(('الماضي', 'الماضية'))})))"
            rf"|{part} +(?P<bare>{relative_unit})"
        ),
        "ago": (
            rf"{_trie(('منذ', 'قبل'))} +(?:{about} +)?(?:(?P<number>{number}) +)?"
            rf"(?P<unit>{unit})(?! *\d)(?! +(?:{of}(?!\w)|ال\w|{month}|{hijri}))"
        ),
    }
    # the words each kind can start with, from the same pieces as its pattern
    times = _firsts(_TIMES_OF_DAY)
    parts = _firsts(_PARTS)
    before_words = times | _firsts(("يوم",)) | _firsts(calendar.weekdays) | {_NUMBER}
    starts = {
        "numeric": before_words,
        "hijri_date": before_words
        | _firsts(ordinals)
        | _firsts(("شهر",))
        | _firsts(calendar.hijri_months),
        "hijri_near": before_words | _firsts(ordinals),
        "dmy": before_words | _firsts(ordinals),
        "month": parts | _firsts(("شهر",)) | _firsts(calendar.months),
        "hijri_month": parts | _firsts(("شهر",)) | _firsts(calendar.hijri_months),
        "year": parts | _firsts(_YEAR_WORDS) | {_NUMBER},
        "before_yesterday": times | _firsts(("يوم", "أول", "أمس")),
        "yesterday": times | _firsts(("يوم", "أمس", "الأمس", "بالأمس", "البارحة", "الليلة")),
        "today": times | _firsts(("هذا", "هذه", "يوم", "اليوم")),
        "tomorrow": times | _firsts(("يوم", "غدا", "بعد")),
        "weekday": times | _firsts(("يوم",)) | _firsts(calendar.weekdays),
        "period": parts | _firsts(("هذا", "هذه")) | _firsts(_RELATIVE_UNITS),
        "ago": _firsts(("منذ", "قبل")),
    }
    return [(kind, _named(pattern, kind), starts[kind]) for kind, pattern in kinds.items()]


def _firsts(phrases: Iterable[str]) -> frozenset[str]:
    """The normalized first words of ``phrases``."""
    return frozenset(normalize(phrase).split()[0] for phrase in phrases)


_NUMBER: Final = "0"  # the first word of an expression that starts with a number


@cache
@bulk_load
def _grammar() -> _Grammar:
    calendar = Calendar.load()
    ordinals = _ordinals()
    kinds = _kinds(calendar, ordinals)
    # Each word gets a regex of only the kinds that can start with it: sre tries the
    # alternatives of one regex one after another, 2 µs for all fourteen kinds.
    compiled: dict[tuple[str, ...], re.Pattern[str]] = {}
    regexes: dict[str, re.Pattern[str]] = {}
    for word in sorted(set().union(*(starts for _, _, starts in kinds))):
        names = tuple(kind for kind, _, starts in kinds if word in starts)
        if names not in compiled:
            body = "|".join(f"(?P<{kind}>{pattern})" for kind, pattern, _ in kinds if kind in names)
            # The expression starts after و/ف, which stay outside its span (وأمس -> أمس).
            compiled[names] = re.compile(rf"[وف]?(?:{body})(?!\w)")
        if word == _NUMBER:
            # every number that can begin a date is a word of its own: 5، 05، 2019
            numbers = (*map(str, range(10_000)), *(f"{n:02d}" for n in range(10)))
            regexes.update(dict.fromkeys(numbers, compiled[names]))
        else:
            for prefix in ("", "و", "ف"):
                regexes[prefix + word] = compiled[names]
    return _Grammar(
        regexes=regexes,
        first_words=frozenset(regexes),
        calendar=calendar,
        ordinals=ordinals,
        numbers={normalize(word): value for word, value in _NUMBER_WORDS.items()},
        units={normalize(word): value for word, value in _UNITS.items()},
        past=frozenset(normalize(word) for word in _PAST),
        next=frozenset(normalize(word) for word in _NEXT),
        current=frozenset(normalize(word) for word in _CURRENT),
    )


# Punctuation that news glues to words (الأحد، «أمس» آذار/مارس 12-3-2019) and line breaks:
# they become spaces, so that a word is what lies between two spaces.
_GLUED: Final = '.,،:;؛!?؟()[]«»"“”/-\n\r'


def _word_starts(normalized: str, grammar: _Grammar) -> tuple[tuple[int, str], ...]:
    """Where a date expression may start, in order: each word that can start one, and each
    number, with the word (its key in ``grammar.regexes``).

    Trying a regex at every word costs 100 µs on a 3,000-character article (sre spends
    about 150 ns on each attempt, and ``str.find`` 7 µs on each scan), so the words are
    looked up in a set by C-level iteration instead (40 µs): the punctuation becomes spaces
    (offsets stay), the text is split at single spaces, and a word's offset is the length
    of the words and spaces before it.
    """
    words = normalized
    for char in _GLUED:
        words = words.replace(char, " ")
    parts = words.split(" ")
    hits = list(compress(count(), map(grammar.first_words.__contains__, parts)))
    starts: list[tuple[int, str]] = []
    offset = done = 0
    for index in hits:
        offset += sum(map(len, parts[done:index])) + index - done
        starts.append((offset, parts[index]))
        done = index
    return tuple(starts)


_SEPARATORS: Final = frozenset(_GLUED + " ")


def _starts(
    normalized: str, grammar: _Grammar, start: int, end: int
) -> tuple[tuple[int, str], ...]:
    """``_word_starts`` of the whole text, those from ``start`` up to ``end``.

    The event coder asks for the dates of the few sentences that report an event, so only
    they are scanned: from the start of the word ``start`` falls in to the end of the word
    ``end - 1`` falls in, the very words the whole text splits into there.

    A word that starts a date is a run of letters or of digits between two separators,
    and ``rasd.events.numbers`` splits the whole text into those once (counts and the
    flags read them too), so the sentence is not scanned here; only a number with a
    separator in it (``1,500``، ``12.3``: one word there, two here) sends it to the scan.
    """
    if _GROUPED_DIGITS.search(normalized, max(start - 2, 0), end + _GROUPED_REACH) is None:
        return _shared_starts(normalized, grammar, start, end)
    first = start
    while first > 0 and normalized[first - 1] not in _SEPARATORS:
        first -= 1
    last = end
    while last < len(normalized) and normalized[last] not in _SEPARATORS:
        last += 1
    chunk = _word_starts(normalized[first:last], grammar)
    return tuple((first + at, word) for at, word in chunk if start <= first + at < end)


# Digits on both sides of a . or ,: one word of ``rasd.events.numbers``, two of a date.
_GROUPED_DIGITS: Final = re.compile(r"\d[.,]\d")
# How far past the span to look for one: a number that starts in the span and groups only
# further on starts with more digits than any number a date starts with (9999).
_GROUPED_REACH = 8


def _shared_starts(
    normalized: str, grammar: _Grammar, start: int, end: int
) -> tuple[tuple[int, str], ...]:
    """``_starts`` of a span with no grouped number in reach: the words of
    ``rasd.events.numbers`` that start a date and stand between two separators."""
    texts, starts, ends = document_words(normalized)
    first = bisect_left(starts, start)
    last = bisect_left(starts, end, first)
    size = len(normalized)
    found: list[tuple[int, str]] = []
    for index in compress(
        range(first, last), map(grammar.first_words.__contains__, texts[first:last])
    ):
        at, stop = starts[index], ends[index]
        if (at == 0 or normalized[at - 1] in _SEPARATORS) and (
            stop == size or normalized[stop] in _SEPARATORS
        ):
            found.append((at, texts[index]))
    return tuple(found)


# --- resolving ------------------------------------------------------------------------------

_Part = Callable[[str], "str | None"]
_Resolved = tuple["datetime.date | None", DatePrecision]
_Resolver = Callable[["_Grammar", _Part, "datetime.date | None"], "_Resolved | None"]


def _week_start(day: datetime.date) -> datetime.date:
    """The Sunday on or before ``day``."""
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def _month_start(day: datetime.date, months: int = 0) -> datetime.date:
    """The first day of the month ``months`` after (before, when negative) that of ``day``."""
    total = day.year * 12 + day.month - 1 + months
    return datetime.date(total // 12, total % 12 + 1, 1)


def _direction(grammar: _Grammar, word: str | None) -> int | None:
    """-1 for الماضي, 1 for المقبل, 0 for الجاري, None without an adjective."""
    if word is None:
        return None
    if word in grammar.past:
        return -1
    if word in grammar.next:
        return 1
    return 0


def _pick_year(key: tuple[int, ...], now: tuple[int, ...], year: int, direction: int | None) -> int:
    """The year of a (month, day) or (month,) written without one, seen from ``now``.

    On or before ``now`` by default, strictly before with الماضي, strictly after with
    المقبل, the current year with الجاري.
    """
    if direction == 0:
        return year
    if direction == 1:
        return year if key > now else year + 1
    if direction == -1:
        return year if key < now else year - 1
    return year if key <= now else year - 1


def _key(name: str) -> str:
    """A matched name as the lexicon keys it: its spaces single (كانون  الثاني)."""
    return " ".join(name.split())


def _day_number(grammar: _Grammar, part: _Part) -> int | None:
    digits = part("day")
    if digits is not None:
        return int(digits)
    ordinal = part("ordinal")
    return None if ordinal is None else grammar.ordinals[_key(ordinal)]


def _number_of(table: dict[str, int], *names: str | None) -> int:
    """The number of the first name given: a month, Hijri month or weekday."""
    return table[_key(next(name for name in names if name is not None))]


def _explicit_year(
    grammar: _Grammar, part: _Part, published: datetime.date | None
) -> tuple[int | None, bool]:
    """The year written after a month, and whether one was written at all.

    2019 and عام 2019 are years; من العام الماضي and هذا العام are relative to publication.
    """
    digits = part("year")
    if digits is not None:
        return int(digits[:4]), True
    if part("thisyear") is not None:
        return (None if published is None else published.year), True
    offset = _direction(grammar, part("yeardir"))
    if offset is not None:
        return (None if published is None else published.year + offset), True
    return None, False


def _numeric(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved | None:
    """12-3-2019 (day first, as Arabic writes it), 2019/03/04; 3/25/2019 read month first."""
    first, second, third = (part(name) or "" for name in ("a", "b", "c"))
    if len(first) == 4 and len(third) <= 2:
        year, month, day = int(first), int(second), int(third)
    elif len(third) == 4 and len(first) <= 2:
        day, month, year = int(first), int(second), int(third)
    else:
        return None
    if not 1900 <= year <= 2099:
        return None
    for month_, day_ in ((month, day), (day, month)):
        try:
            return datetime.date(year, month_, day_), "day"
        except ValueError:
            continue
    return None


def _dated(year: int | None, month: int, day: int) -> _Resolved | None:
    """The day, unresolved when the year is unknown; None when no year has that day."""
    try:
        if year is None:
            datetime.date(2000, month, day)  # a leap year: is there such a day at all?
            return None, "day"
        return datetime.date(year, month, day), "day"
    except ValueError:
        return None


def _day_month(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved | None:
    """27 ديسمبر الماضي، 5 مارس (آذار) 2019، الخامس من آذار، 3 كانون الثاني من العام الماضي."""
    day = _day_number(grammar, part)
    month = _number_of(grammar.calendar.months, part("month"))
    if day is None:
        return None
    year, written = _explicit_year(grammar, part, published)
    if not written and published is not None:
        now = (published.month, published.day)
        year = _pick_year((month, day), now, published.year, _direction(grammar, part("dir")))
    return _dated(year, month, day)


def _month(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved | None:
    """آذار/مارس 2019، مارس الماضي، شهر نيسان، مطلع أيار، في يناير."""
    names = (part("month"), part("month2"), part("month3"), part("month4"))
    month = _number_of(grammar.calendar.months, *names)
    year, written = _explicit_year(grammar, part, published)
    if not written and published is not None:
        direction = _direction(grammar, part("dir"))
        year = _pick_year((month,), (published.month,), published.year, direction)
    return (None if year is None else datetime.date(year, month, 1)), "month"


def _from_hijri(year: int, month: int, day: int) -> datetime.date | None:
    try:
        gregorian = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None  # outside hijridate's range (1343-1500 AH) or no such day
    return datetime.date(gregorian.year, gregorian.month, gregorian.day)


def _hijri(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved | None:
    """15 رمضان 1440 هـ (a day), رمضان 1440 (its first day, month precision)."""
    day = _day_number(grammar, part)
    month = _number_of(grammar.calendar.hijri_months, part("month"))
    value = _from_hijri(int((part("year") or "")[:4]), month, day or 1)
    if value is None:
        return None
    return value, "day" if day is not None else "month"


def _hijri_relative(
    grammar: _Grammar, part: _Part, published: datetime.date | None
) -> _Resolved | None:
    """15 رمضان, شهر رمضان, رمضان الماضي: in the Hijri year that fits publication."""
    day = _day_number(grammar, part)
    month = _number_of(grammar.calendar.hijri_months, part("month"), part("month2"))
    precision: DatePrecision = "month" if day is None else "day"
    if published is None:
        return None, precision
    try:
        now = Gregorian(published.year, published.month, published.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    direction = _direction(grammar, part("dir") or part("dir2"))
    if day is None:
        year = _pick_year((month,), (now.month,), now.year, direction)
    else:
        year = _pick_year((month, day), (now.month, now.day), now.year, direction)
    value = _from_hijri(year, month, day or 1)
    return None if value is None else (value, precision)


def _year(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved:
    """عام 2014، في 2014."""
    digits = part("year") or part("year2") or ""
    return datetime.date(int(digits[:4]), 1, 1), "year"


def _shifted(days: int) -> _Resolver:
    """The resolver of a word that names the day ``days`` after publication (أمس: -1).

    A weekday beside it (اليوم الجمعة، أمس الخميس) that falls a day or two before that day
    tells the day the writer meant: the story was written the evening before the date its
    page carries (a Friday's story in Saturday's paper, a feed's date in UTC). A weekday
    further off is a slip of the writer's, and the relative word stands."""

    def resolve(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved:
        if published is None:
            return None, "day"
        day = published + days * _DAY
        weekday = part("weekday")
        if weekday is not None:
            back = (day.weekday() - _number_of(grammar.calendar.weekdays, weekday)) % 7
            if back <= _WRITTEN_BEFORE_DAYS:
                day -= back * _DAY
        return day, "day"

    return resolve


_WRITTEN_BEFORE_DAYS = 2  # the most a story's weekday may fall before its relative day


def _tomorrow(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved:
    """غدا، صباح الغد (+1), بعد غد (+2)."""
    if published is None:
        return None, "day"
    return published + (2 if part("after") is not None else 1) * _DAY, "day"


def _weekday(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved:
    """يوم الأحد، الأحد الماضي: the latest before publication; الأحد المقبل: the next after."""
    if published is None:
        return None, "day"
    weekday = _number_of(grammar.calendar.weekdays, part("weekday"))
    direction = _direction(grammar, part("dir"))
    if direction == 1:
        return published + ((weekday - published.weekday()) % 7 or 7) * _DAY, "day"
    # News tells today's events by their weekday (فجر الأربعاء in Wednesday's paper is that
    # morning); only الماضي sends the publication weekday a week back.
    back = (published.weekday() - weekday) % 7
    return published - (back or 7 * (direction == -1)) * _DAY, "day"


def _period(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved:
    """هذا الأسبوع، الشهر الماضي، العام المقبل، مطلع الأسبوع، العام قبل الماضي."""
    word = part("this") or part("unit") or part("bare") or ""
    precision: DatePrecision = "week" if "اسبوع" in word else "month" if "شهر" in word else "year"
    if published is None:
        return None, precision
    offset = -2 if part("before") is not None else _direction(grammar, part("dir")) or 0
    if precision == "week":
        return _week_start(published) + 7 * offset * _DAY, precision
    if precision == "month":
        return _month_start(published, offset), precision
    return datetime.date(published.year + offset, 1, 1), precision


def _ago(grammar: _Grammar, part: _Part, published: datetime.date | None) -> _Resolved | None:
    """منذ ثلاثة أيام، قبل يومين، قبل أسبوع، منذ 15 عاما: counted back from publication."""
    unit, implied = grammar.units[part("unit") or ""]
    number = part("number")
    if number is not None and implied != 2:
        count = int(number) if number.isdigit() else grammar.numbers[number]
    elif implied:
        count = implied
    else:
        return None  # منذ أيام: a few days, no number to count
    precision = _PRECISIONS[unit]
    if published is None:
        return None, precision
    if unit == "day":
        return published - count * _DAY, precision
    if unit == "week":
        return _week_start(published - 7 * count * _DAY), precision
    if unit == "month":
        return _month_start(published, -count), precision
    return datetime.date(published.year - count, 1, 1), precision


_PRECISIONS: Final[dict[str, DatePrecision]] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
_RESOLVERS: Final[dict[str, _Resolver]] = {
    "numeric": _numeric,
    "hijri_date": _hijri,
    "hijri_near": _hijri_relative,
    "dmy": _day_month,
    "month": _month,
    "hijri_month": _hijri_relative,
    "year": _year,
    "before_yesterday": _shifted(-2),
    "yesterday": _shifted(-1),
    "today": _shifted(0),
    "tomorrow": _tomorrow,
    "weekday": _weekday,
    "period": _period,
    "ago": _ago,
}


def _date(
    text: str, layer: TextLayer, match: re.Match[str], published: datetime.date | None
) -> EventDate | None:
    """The EventDate of one match, or None when it names no real date (31 شباط)."""
    kind = match.lastgroup or ""

    def part(name: str) -> str | None:
        try:
            return match.group(f"{kind}_{name}")
        except IndexError:
            return None  # a part this kind does not have

    resolved = _RESOLVERS[kind](_grammar(), part, published)
    if resolved is None:
        return None
    value, precision = resolved
    start, end = to_original_span(layer, *match.span(kind), text=text)
    while end < len(text) and text[end] == "\u0640":
        end += 1  # the tatweel of هـ belongs to the abbreviation
    return EventDate(
        None if value is None else value.isoformat(), precision, start, end, text[start:end]
    )


def find_dates(
    text: str, layer: TextLayer, published: datetime.date | None, span: Span | None = None
) -> list[EventDate]:
    """Date expressions in text[span] (whole text when span is None), in text order,
    each an EventDate(value, precision, start, end, text) with start/end into the ORIGINAL text
    and text == text[start:end]. value is an ISO date (first day of the week/month/year for
    coarser precisions) or None when relative and published is None (never guess)."""
    grammar = _grammar()
    normalized = layer.normalized
    if span is None:
        start, end = 0, len(normalized)
    else:
        start, end = normalized_span(layer, span.start, span.end)
    if isinstance(published, datetime.datetime):
        published = published.date()
    dates = []
    done = start
    for at, word in _starts(normalized, grammar, start, end):
        if at < done:
            continue  # inside the expression found before
        match = grammar.regexes[word].match(normalized, at, end)
        if match is None:
            continue
        done = match.end()
        date = _date(text, layer, match, published)
        if date is not None:
            dates.append(date)
    return _overnight(text, dates)


_NIGHTS = ("ليل", "ليلة", "منتصف ليل", "منتصف ليلة")
_NIGHT_JOIN = re.compile(r"\s*(?:[-–—/]|على|و)?\s*")


def _overnight(text: str, dates: list[EventDate]) -> list[EventDate]:
    """``ليل الخميس - الجمعة``، ``ليلة الخميس على الجمعة``: one night, told by the two
    days it spans, is one date, the day it began."""
    joined: list[EventDate] = []
    for date in dates:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.text is not None
            and last.text.startswith(_NIGHTS)
            and last.end is not None
            and date.start is not None
            and date.end is not None
            and last.value is not None
            and date.value is not None
            and last.precision == date.precision == "day"
            and datetime.date.fromisoformat(date.value)
            == datetime.date.fromisoformat(last.value) + _DAY
            and _NIGHT_JOIN.fullmatch(text, last.end, date.start) is not None
        ):
            joined[-1] = EventDate(
                last.value, "day", last.start, date.end, text[last.start : date.end]
            )
            continue
        joined.append(date)
    return joined


def _bounds(date: EventDate) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day the date can mean."""
    if date.value is None:
        return None
    first = datetime.date.fromisoformat(date.value)
    if date.precision == "week":
        return first, first + 6 * _DAY
    if date.precision == "month":
        return first, _month_start(first, 1) - _DAY
    if date.precision == "year":
        return first, datetime.date(first.year, 12, 31)
    return first, first


def is_future(date: EventDate, published: datetime.date | None) -> bool:
    """Whether the date lies wholly after publication: غدا، الأحد المقبل، العام المقبل."""
    bounds = _bounds(date)
    if bounds is None or published is None:
        return False
    return bounds[0] > _as_date(published)


def days_before(date: EventDate, published: datetime.date | None) -> int | None:
    """How many days before publication the date lies: 1 for أمس, 0 when its period
    contains publication (هذا الأسبوع), negative after it (غدا is -1), None when unknown.

    A week, month or year counts from its last day, the latest it can mean: العام الماضي in
    an article of 2019-03-05 is 64 days before, so an event coder that calls events older
    than some threshold historical does not call last December's news historical.
    """
    bounds = _bounds(date)
    if bounds is None or published is None:
        return None
    published = _as_date(published)
    first, last = bounds
    if last < published:
        return (published - last).days
    if first > published:
        return (published - first).days
    return 0


def _as_date(day: datetime.date) -> datetime.date:
    """A date; a datetime (a date subclass that does not compare with dates) loses its time."""
    return day.date() if isinstance(day, datetime.datetime) else day
