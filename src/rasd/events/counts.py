"""Counts of people a sentence reports: killed, injured, arrested, kidnapped, surrendered,
displaced (fled, left, evacuated) and protest participants.

Arabic news writes a count in a few shapes, and each is read off the normalized words:

- number, then the noun it counts: ``150 مقاتلاً``، ``ثلاثة قتلى``، ``عشرات الجرحى``;
- a partitive: ``150 من مقاتلي التنظيم``، ``عدد من المتظاهرين``;
- a masdar or verb, then the number: ``مقتل 12 شخصاً``، ``اعتقلت الشرطة 20 متظاهراً``;
- number and noun, then the verb: ``نحو 150 من مقاتلي تنظيم داعش استسلموا``;
- a dual, which is a count of two: ``قتيلين``، ``مقتل جنديين``; a singular after a masdar,
  a count of one: ``مقتل شخص``.

The kind comes from the first of: the masdar or verb right before the number, a noun that
names the kind (``قتلى``، ``جرحى``، ``نازحين``), a verb right after the counted phrase, a
verb a few words before it, and last a noun of protest (``متظاهرين``), so that
``اعتقال 20 متظاهراً`` is 20 arrested, not 20 participants. A number with no kind is no
count: years, ages, money, distances and percentages are told by their unit and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import compress, count
from operator import methodcaller, or_
from typing import Final

from rasd.events.numbers import NUMBER_WORDS, read_number, sentence_words
from rasd.model import Count, CountKind, CountQualifier, Span, TextLayer
from rasd.text import normalize, to_normalized_offset, to_original_span

_CONJUNCTIONS: Final = ("", "و", "ف")
_PREPOSITIONS: Final = ("", "ب", "ل")


def _split(words: str) -> list[str]:
    """The normalized words of a space-separated list."""
    return normalize(words).split()


def _table(
    entries: Iterable[tuple[str, CountKind]], *, prefixes: Iterable[str] = _CONJUNCTIONS
) -> dict[str, CountKind]:
    """Normalized word -> value, with each proclitic prefix a word may carry."""
    prefixes = tuple(prefixes)
    return {prefix + normalize(word): value for word, value in entries for prefix in prefixes}


def _bases(table: dict[str, CountKind], entries: Iterable[tuple[str, CountKind]]) -> dict[str, str]:
    """Each prefixed word of ``table`` -> the word without its proclitics."""
    bases = {normalize(word) for word, _ in entries}
    found: dict[str, str] = {}
    for word in table:
        for cut in range(3):
            if word[cut:] in bases:
                found[word] = word[cut:]
                break
    return found


def _kind(kind: CountKind, words: str) -> list[tuple[str, CountKind]]:
    return [(word, kind) for word in words.split()]


_WITH_PREPOSITIONS: Final = tuple(c + p for c in _CONJUNCTIONS for p in _PREPOSITIONS)

# Nouns that name what happened to the people they count. جثث and شهداء are the dead;
# ضحايا is left out: it covers the injured too.
_KIND_NOUN_WORDS: Final = (
    *_kind(
        "killed",
        "قتيل قتيلا قتلى القتلى شهيد شهيدا شهداء الشهداء جثة جثث الجثث قتيلاً",
    ),
    *_kind(
        "injured",
        "جريح جريحا جرحى الجرحى مصاب مصابا مصابين المصابين مصابون المصابون",
    ),
    *_kind(
        "arrested",
        "معتقل معتقلا معتقلين المعتقلين موقوف موقوفا موقوفين الموقوفين "
        "محتجز محتجزا محتجزين المحتجزين",
    ),
    *_kind(
        "kidnapped",
        "رهينة رهائن الرهائن مخطوف مخطوفا مخطوفين المخطوفين مختطف مختطفا مختطفين المختطفين",
    ),
    *_kind(
        "displaced",
        "نازح نازحا نازحين النازحين نازحون النازحون لاجئ لاجئا لاجئين اللاجئين لاجئون "
        "مهجر مهجرين المهجرين",
    ),
    *_kind(
        "participants",
        "متظاهر متظاهرا متظاهرين المتظاهرين متظاهرون المتظاهرون محتج محتجا محتجين "
        "المحتجين محتجون المحتجون معتصم معتصمين المعتصمين",
    ),
)
_KIND_NOUNS: Final = _table(_KIND_NOUN_WORDS, prefixes=_WITH_PREPOSITIONS)
# The singular kind nouns that count one on their own: سقط قتيل.
_SINGULAR_KIND_NOUNS: Final = frozenset(
    prefix + normalize(word)
    for word in ("قتيل", "قتيلا", "جريح", "جريحا", "شهيد", "شهيدا", "رهينة")
    for prefix in _CONJUNCTIONS
)

# Masdars and verbs that say what happened to the people counted after them (مقتل 12)
# or before them (150 مقاتلاً استسلموا). خرج and شارك count protesters in a sentence about
# a protest and people leaving otherwise; ضم counts protesters only there.
_CUE_WORDS: Final = (
    *_kind(
        "killed",
        "مقتل قتل قتلت قتلوا يقتل تقتل استشهاد استشهد استشهدت استشهدوا مصرع حتف "
        "لقي لقيت لقوا يلقى إعدام أعدم أعدمت بحياة قتلا استشهدا لقيا قضوا",
    ),
    *_kind(
        "injured",
        "إصابة أصيب أصيبت أصيبوا يصاب جرح جرحت جرحوا إصابات أصيبا جرحا أصاب أصابت أصابوا",
    ),
    *_kind(
        "arrested",
        "اعتقال اعتقل اعتقلت اعتقلوا يعتقل تعتقل توقيف أوقف أوقفت أوقفوا احتجاز احتجز "
        "احتجزت احتجزوا القبض قبض اعتقالات اعتقلا أوقفا احتجزا",
    ),
    *_kind(
        "kidnapped",
        "خطف خطفت خطفوا اختطاف اختطف اختطفت اختطفوا يختطف خطفا اختطفا",
    ),
    *_kind(
        "surrendered",
        "استسلام استسلم استسلمت استسلموا يستسلم استسلما",
    ),
    *_kind(
        "displaced",
        "نزوح نزح نزحت نزحوا فرار فرت فروا هروب هرب هربت هربوا خروج خرج خرجت خرجوا "
        "غادر غادرت غادروا مغادرة إجلاء أجلي أجليت تهجير تشريد شرد",
    ),
    *_kind(
        "participants",
        "تظاهر تظاهرت تظاهروا احتشد احتشدت احتشدوا اعتصم اعتصموا شارك شاركت شاركوا "
        "مشاركة يشارك ضم ضمت تجمع تجمعوا",
    ),
)
_CUES: Final[dict[str, CountKind]] = {
    **_table(_CUE_WORDS, prefixes=_WITH_PREPOSITIONS),
    "فر": "displaced",  # not وفر, which is "provided"
}
_CUE_BASES: Final = _bases(_CUES, _CUE_WORDS)
_PROTEST_WORDS: Final = frozenset(
    normalize(word)
    for word in _split(
        "مظاهرة مظاهرات المظاهرة المظاهرات تظاهرة تظاهرات احتجاج احتجاجات الاحتجاجات "
        "مسيرة مسيرات المسيرة اعتصام الاعتصام احتجاجية متظاهرين المتظاهرين تظاهر"
    )
)
# Cues that mean protest only in a sentence about one (خرج الآلاف في مظاهرة).
_PROTEST_ONLY: Final = frozenset(
    normalize(word) for word in _split("شارك شاركت شاركوا مشاركة يشارك ضم ضمت تجمع تجمعوا")
)
_LEAVING: Final = frozenset(normalize(word) for word in _split("خروج خرج خرجت خرجوا"))
# Two-word cues: سلموا أنفسهم (surrendered), القبض على (arrested).
_SELF: Final = frozenset(normalize(word) for word in _split("نفسه نفسها أنفسهم أنفسهن"))
_HANDED: Final = frozenset(
    c + normalize(word) for word in _split("سلم سلمت سلموا تسليم يسلم") for c in _CONJUNCTIONS
)

# Fighters who leave a besieged place are surrendering or withdrawing, not displaced.
_COMBATANTS: Final = frozenset(
    p + normalize(word)
    for word in _split(
        "مقاتل مقاتلا مقاتلي مقاتلين مقاتلون المقاتلين مسلح مسلحا مسلحين المسلحين مسلحون "
        "عنصر عنصرا عناصر جندي جنديا جنود الجنود متشدد متشددا متشددين المتشددين"
    )
    for p in ("", "من")
)

# Singular people, counted as one after a masdar (مقتل شخص), and their duals (مقتل شخصين).
# Only nouns whose plural is broken: the -ين of مدنيين is a plural, of شخصين a dual.
_PEOPLE: Final = frozenset(
    normalize(word)
    for word in _split(
        "شخص جندي شرطي مدني طفل رجل امرأة مواطن عنصر مقاتل ناشط صحفي مسلح ضابط طالب فتى "
        "فتاة شاب مسن سائق مزارع مستوطن أسير قيادي مشتبه متهم محتج متظاهر"
    )
)
_DUAL_WORDS: Final[tuple[tuple[str, CountKind | None], ...]] = (
    ("قتيلين قتيلان شهيدين جثتين", "killed"),
    ("جريحين جريحان", "injured"),
    ("رهينتين", "kidnapped"),
    (
        "شخصين شخصان جنديين جنديان طفلين طفلان رجلين رجلان امرأتين ضابطين عنصرين "
        "شابين شقيقين أسيرين",
        None,
    ),
    # the nominative dual of a noun with a sound plural: مدنيين may be many, مدنيان is two
    (
        "شرطيان مدنيان مواطنان صحفيان صحافيان مسلحان مقاتلان ناشطان مستوطنان سائقان شابان",
        None,
    ),
)
_DUALS: Final = {
    prefix + normalize(dual): kind
    for words, kind in _DUAL_WORDS
    for dual in words.split()
    for prefix in _CONJUNCTIONS
}

# What a number counts when it is no people: units of time, money, distance, share, and
# things. A count of people never has one of these after its number.
_NOT_PEOPLE: Final = frozenset(
    normalize(word)
    for word in _split(
        "عام عاما أعوام سنة سنوات سنين شهر أشهر شهور يوم يوما أيام ساعة ساعات دقيقة دقائق "
        "أسبوع أسابيع كيلومتر كيلومترات كلم كم متر مترا أمتار ميل أميال دولار دولارا "
        "دولارات يورو جنيه ريال درهم دينار ليرة شيكل بالمئة بالمائة طن أطنان كيلوغرام "
        "كغ سيارة سيارات شاحنة شاحنات حافلة منزل منازل مبنى مباني صاروخ صواريخ قذيفة "
        "قذائف طائرة طائرات دبابة دبابات غارة غارات هجوم هجمات عملية عمليات انفجار قرية "
        "قرى بلدة مدينة مدن موقع مواقع مرة مرات درجة % / - :"
    )
)
# Month names after a number make it a day of the month (يومي 27 و28 شتنبر): the Gregorian
# names of the Mashreq, Morocco and Algeria, and the Syriac ones.
_MONTHS: Final = frozenset(
    prefix + normalize(word)
    for word in _split(
        "يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
        "يونيه يوليه شتنبر نونبر دجنبر يوليوز غشت جانفي فيفري أفريل ماي جوان جويلية أوت "
        "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين"
    )
    for prefix in ("", "/")
)
# Words before a number that make it a year, an age, a time or a label.
_NOT_COUNT_BEFORE: Final = frozenset(
    normalize(word)
    for word in _split(
        "عام العام لعام عامي سنة السنة العمر عمره عمرها الساعة رقم الرقم المادة القرار يوم يومي "
        "صفحة الطريق منذ / - :"
    )
)

_VAGUE: Final[dict[str, tuple[int, CountQualifier]]] = {
    # The smallest number each word can mean, as rasd.model.CountQualifier says: عشرات is
    # read as 24 and مئات as 200; آلاف as 2000, the plural read at its lowest, since
    # "thousands" is rarely said of fewer.
    **dict.fromkeys(("عشرات", "العشرات"), (24, "tens")),
    **dict.fromkeys(("مئات", "مئات", "المئات", "المئات", "مئات"), (200, "hundreds")),
    **dict.fromkeys(("الاف", "الالاف"), (2000, "thousands")),
    # عدة and بضعة: "several", three at the least.
    **dict.fromkeys(("عده", "بضعه", "بضع"), (3, "several")),
}
_VAGUE_WORDS: Final = {
    prefix + word: value for word, value in _VAGUE.items() for prefix in _WITH_PREPOSITIONS
}
_SCALES: Final = frozenset(("الاف", "الالاف", "الف"))

# Qualifiers before the number, longest first so that ما لا يقل عن wins over لا يقل عن.
_QUALIFIER_PHRASES: Final[tuple[tuple[str, CountQualifier], ...]] = (
    ("نحو", "about"),
    ("بنحو", "about"),
    ("لنحو", "about"),
    ("حوالي", "about"),
    ("بحوالي", "about"),
    ("قرابة", "about"),
    ("زهاء", "about"),
    ("ما يقارب", "about"),
    ("ما يقرب من", "about"),
    ("ما يناهز", "about"),
    ("ما لا يقل عن", "at_least"),
    ("لا يقل عن", "at_least"),
    ("على الأقل", "at_least"),
    ("أكثر من", "more_than"),
    ("ما يزيد على", "more_than"),
    ("ما يزيد عن", "more_than"),
    ("يزيد على", "more_than"),
    ("يزيد عن", "more_than"),
    ("أزيد من", "more_than"),
    ("أقل من", "less_than"),
    ("ما لا يزيد عن", "at_most"),
    ("ما لا يزيد على", "at_most"),
    ("لا يزيد عن", "at_most"),
    ("لا يزيد على", "at_most"),
    ("حتى", "at_most"),
)
_BEFORE: Final = tuple(
    sorted(
        ((tuple(normalize(phrase).split()), qualifier) for phrase, qualifier in _QUALIFIER_PHRASES),
        key=lambda entry: -len(entry[0]),
    )
)
_AFTER: Final[tuple[tuple[tuple[str, ...], CountQualifier], ...]] = (
    (("علي", "الاقل"), "at_least"),
    (("تقريبا",), "about"),
)
# The words the lexicons know without proclitics, to leave و، ب، ل out of a count's span.
_BARE_WORDS: Final = (
    frozenset(normalize(word) for word, _ in _CUE_WORDS)
    | frozenset(_VAGUE)
    | NUMBER_WORDS
    | frozenset(_split("قتيل قتيلا جريح جريحا شهيد شهيدا رهينة نحو حوالي"))
    | frozenset(word for word in _DUALS if word[0] not in _CONJUNCTIONS[1:])
    | frozenset(normalize(word) for word, _ in _KIND_NOUN_WORDS)
)
_STOPS: Final = frozenset(
    normalize(word) for word in _split('، , ؛ ; . : « » “ ” " ان انه انها لكن')
)
# A sentence with none of these words and no digit has no count.
_COUNT_WORDS: Final = (
    NUMBER_WORDS
    | frozenset("و" + word for word in NUMBER_WORDS)
    | frozenset(_VAGUE_WORDS)
    | frozenset(_DUALS)
    | _SINGULAR_KIND_NOUNS
    | _PEOPLE
    | frozenset(("عدد", "عددا", "وعدد"))
)
_DUAL_ENDING: Final = "يان"  # a nisba dual, a count the word lists cannot hold
_DIGIT: Final = re.compile(r"\d")
_DIGIT_WORD: Final = re.compile(r"و?\d")  # 4, و4 (و4 في كفرزيتا)
_MENTION_WORDS: Final = (
    frozenset(_VAGUE_WORDS) | frozenset(_DUALS) | frozenset(("عدد", "عددا", "وعدد"))
)
# A singular person counted as one: شخص, in the accusative after a verb (وقتلوا شرطيا) and
# definite after a masdar (استشهاد الشاب): one named victim.
_DEFINITE_PEOPLE: Final = frozenset("ال" + word for word in _PEOPLE)
_ACCUSATIVE_PEOPLE: Final = frozenset(word + "ا" for word in _PEOPLE)
_PEOPLE_FORMS: Final = _PEOPLE | _ACCUSATIVE_PEOPLE | _DEFINITE_PEOPLE
_ONE_WORDS: Final = _SINGULAR_KIND_NOUNS | _PEOPLE_FORMS
_WINDOW = 4  # words a verb may stand from the counted phrase (قتلت قوات الأمن 12 مسلحاً)

_Mention = tuple[int, int, int, CountQualifier, int, int]  # first, last, value, qualifier span

# Words a verb may stand apart from its count by without their counting towards _WINDOW:
# the day and time of the act (اعتقلت قوات الاحتلال أمس الأربعاء 49 فلسطينيا).
_TIME_WORDS: Final = frozenset(
    normalize(word)
    for word in _split(
        "اليوم أمس الأمس فجر صباح مساء ليلة ظهر عصر فجرا صباحا مساء ليلا السبت الأحد الاثنين "
        "الإثنين الثلاثاء الأربعاء الخميس الجمعة"
    )
)

# Totals over a period, which no single event has (أوقعت 150 قتيلا هذا الشهر، قتل 500 منذ
# بدء الحرب، الحصيلة الإجمالية): a word, then one of the words that may follow it.
_PERIOD_PHRASES: Final = {
    normalize(first): frozenset(normalize(word) for word in _split(following))
    for first, following in (
        ("منذ", "بدء بداية مطلع اندلاع انطلاق"),
        ("هذا", "الشهر العام"),
        ("هذه", "السنة"),
        (
            "خلال",
            "الشهر الأسبوع العام السنة الأشهر الشهور الأسابيع الأيام الأعوام السنوات "
            "الساعات الشهرين الأسبوعين",
        ),
        ("في", "الأشهر الشهور الأسابيع الأعوام السنوات"),
        ("الحصيلة", "الإجمالية"),
        ("حصيلة", "إجمالية"),
    )
}
# Words that make a period phrase after them a point in time (في وقت سابق هذا الشهر).
_POINT_IN: Final = frozenset(
    normalize(word) for word in _split("سابق مطلع أوائل أواخر منتصف بداية نهاية أول آخر")
)
_TOTAL_WORDS: Final = frozenset(normalize(word) for word in _split("إجمالي الإجمالي بإجمالي"))

# A toll told as a revision (ارتفعت الحصيلة إلى 20، ارتفع عدد القتلى إلى 20، بلغت حصيلة
# الجرحى 30): the toll word, and the verbs that revise it.
_TOLL_WORDS: Final = frozenset(
    c + normalize(word) for word in _split("عدد حصيلة الحصيلة") for c in _WITH_PREPOSITIONS
)
_RISING: Final = frozenset(
    c + normalize(word)
    for word in _split("ارتفع ارتفعت يرتفع ترتفع ارتفاع بلغ بلغت يبلغ تبلغ وصل وصلت يصل تصل")
    for c in ("", "و", "ف", "ل", "ول", "لي", "ولي")
)
_TO: Final = normalize("إلى")

# A perpetrator's claim: the verbs that make a figure the claimant's own (زعم الجيش أنه
# قتل 30، تبنى التنظيم الهجوم مؤكدا مقتل 30), and the parties whose «قال ... إنه قتل» is
# a claim of what they did. A relative clause between (تبنى الهجوم الذي أسفر عن مقتل 20)
# gives the attack's sourced toll, not the claim.
# (يدعي is left out: normalized it is also يدعى, "named": شاب يدعى فلان)
_CLAIM_WORDS: Final = frozenset(
    c + normalize(word)
    for word in _split(
        "زعم زعمت يزعم تزعم زاعما مزاعم ادعى ادعت مدعيا ادعاء تبنى تبنت يتبنى "
        "تبنيه تبنيها مسؤوليته مسؤوليتها مسؤوليتهم المسؤولية"
    )
    for c in _CONJUNCTIONS
)
_GROUPS: Final = frozenset(
    c + normalize(word)
    for word in _split(
        "التنظيم تنظيم الحركة حركة الجماعة جماعة الفصيل فصيل الميليشيا ميليشيا المتمردون "
        "المتمردين داعش"
    )
    for c in _CONJUNCTIONS
)
_SAID_IT: Final = frozenset(normalize(word) for word in _split("إنه إنها أنه أنها إنهم أنهم"))
_CLAUSES: Final = frozenset(
    c + normalize(word) for word in _split("الذي التي الذين اللذين") for c in _CONJUNCTIONS
)

# Kin after a singular victim (أصيب رجل وزوجته، قتل رجل وابنه): a count of two.
_KIN: Final = frozenset(
    "و" + normalize(word)
    for word in _split(
        "زوجته زوجها ابنه ابنها ابنته ابنتها شقيقه شقيقها شقيقته شقيقتها والده والدها "
        "والدته والدتها طفله طفلها طفلته طفلتها أمه أمها أبيه أبيها أخيه أخيها أخته أختها"
    )
)


_NUMBERISH: Final = NUMBER_WORDS | frozenset("و" + word for word in NUMBER_WORDS)


def _select(
    words: list[str], known: frozenset[str], *, digits: bool = False
) -> list[tuple[int, str]]:
    """(index, word) of the words in ``known`` (or written in digits), picked in C."""
    hits = map(known.__contains__, words)
    if digits:
        hits = map(or_, hits, map(bool, map(_DIGIT_WORD.match, words)))
    return [(index, words[index]) for index in compress(count(), hits)]


def _is_number(word: str) -> bool:
    return (
        word[0].isdigit() or word in NUMBER_WORDS or (word[0] == "و" and word[1:] in NUMBER_WORDS)
    )


def _numbers(words: list[str]) -> list[tuple[int, int, int]]:
    """(first, last, value) of each number phrase: ``خمسة وعشرين``، ``2.5 ألف``."""
    found: list[tuple[int, int, int]] = []
    done = -1  # the last word of the phrase read last
    for index, _ in _select(words, _NUMBERISH, digits=True):
        if index <= done:
            continue
        last = index
        while last + 1 < len(words) and (
            (_is_number(words[last + 1]) and not words[last + 1][0].isdigit())
            or (
                words[last + 1] == "و"
                and last + 2 < len(words)
                and _is_number(words[last + 2])
                and not words[last + 2][0].isdigit()
            )
        ):
            last += 2 if words[last + 1] == "و" else 1
        done = last
        phrase = " ".join(words[index : last + 1])
        value = read_number(phrase[1:] if phrase[0] == "و" and phrase[1:2].isdigit() else phrase)
        if value is not None and not (index == last and words[index] in _VAGUE_WORDS):
            found.append((index, last, value))
    return found


def _qualifier_before(words: list[str], first: int) -> tuple[CountQualifier, int] | None:
    """The qualifier that ends right before ``words[first]`` and the index it starts at."""
    for phrase, qualifier in _BEFORE:
        start = first - len(phrase)
        if start >= 0 and tuple(words[start:first]) == phrase:
            return qualifier, start
    return None


def _qualifier_after(words: list[str], after: int) -> tuple[CountQualifier, int] | None:
    """A qualifier that starts at ``words[after]`` (150 على الأقل), and its last index."""
    for phrase, qualifier in _AFTER:
        if tuple(words[after : after + len(phrase)]) == phrase:
            return qualifier, after + len(phrase) - 1
    return None


def _cue(word: str, protest: bool) -> CountKind | None:
    kind = _CUES.get(word)
    if kind is None:
        return None
    bare = _CUE_BASES.get(word, word)
    if bare in _PROTEST_ONLY and not protest:
        return None
    if bare in _LEAVING and protest:
        return "participants"
    return kind


def _verb_before(words: list[str], start: int, protest: bool) -> CountKind | None:
    seen = 0
    for index in range(start - 1, -1, -1):
        word = words[index]
        if word in _TIME_WORDS:
            continue
        seen += 1
        if seen > _WINDOW or word in _STOPS or _is_number(word):
            return None
        if word in _HANDED and not _SELF.isdisjoint(words[index + 1 : index + 2 + _WINDOW]):
            return "surrendered"  # سلم 30 مسلحاً أنفسهم
        kind = _cue(word, protest)
        if kind is not None:
            return kind
    return None


def _verb_after(words: list[str], after: int, protest: bool) -> CountKind | None:
    for index in range(after, min(after + _WINDOW, len(words))):
        word = words[index]
        if word in _STOPS or _is_number(word):
            return None
        if word in _HANDED and index + 1 < len(words) and words[index + 1] in _SELF:
            return "surrendered"
        kind = _cue(word, protest)
        if kind is not None:
            return kind
    return None


def _counted_noun(words: list[str], after: int) -> int | None:
    """The index of the noun a number counts, when one follows at ``after``."""
    if after >= len(words):
        return None
    if words[after] == "من" and after + 1 < len(words):
        after += 2 if words[after + 1] == "بين" and after + 2 < len(words) else 1
    word = words[after]
    if not ("\u0621" <= word[0] <= "\u06d3") or word in _STOPS or word in _CUES:
        return None
    if word in (
        *("في", "علي", "الي", "عن", "من", "و", "بين", "خلال", "منذ", "بعد", "قبل"),
        *("اثر", "جراء", "بسبب"),
    ):
        return None
    return after


class _Sentence:
    """The words of one sentence and what the counts need to know about them."""

    __slots__ = ("ends", "protest", "starts", "words")

    def __init__(self, words: list[str], starts: list[int], ends: list[int]) -> None:
        self.words, self.starts, self.ends = words, starts, ends
        self.protest = not _PROTEST_WORDS.isdisjoint(self.words)


def _kind_of(
    sentence: _Sentence, first: int, noun: int | None, head: int | None, hedge: int
) -> CountKind | None:
    """The kind of a count whose number starts at ``first``, its qualifier at ``hedge``
    (أكثر من 20), and counts ``words[noun]``."""
    words, protest = sentence.words, sentence.protest
    if head is not None:
        kind = _cue(words[head], protest)
        if kind is not None:
            return kind
    noun_kind = _KIND_NOUNS.get(words[noun]) if noun is not None else None
    if noun_kind is not None and noun_kind != "participants":
        return noun_kind
    after = _past_the_part(words, (noun if noun is not None else first) + 1)
    # the genitive after the noun (مقاتلي تنظيم داعش) lies within the window too
    kind = _verb_after(words, after, protest) or _verb_before(words, hedge, protest)
    if kind is None and noun_kind == "participants":
        return "participants"
    return kind


# What opens the part of a count told right after it: 14 مدنيا بينهم 6 أطفال وامرأتان قضوا
_AMONG: Final = frozenset(
    c + normalize(word) for word in _split("بينهم بينهن بينهما منهم منهن") for c in ("", "و")
)
_PART_WORDS = 4  # words of the part: بينهم 6 أطفال وامرأتان


def _among(words: list[str], first: int, used: set[int]) -> bool:
    """Whether the number at ``first`` counts some of the people the count right before it
    counts (14 مدنيا بينهم 6 أطفال، منهم 3 نساء): no toll of its own."""
    return first >= 2 and words[first - 1] in _AMONG and (first - 2) in used


def _past_the_part(words: list[str], at: int) -> int:
    """The word after the part of a count told at ``at`` (بينهم 6 أطفال وامرأتان), or
    ``at`` when none is told: the verb after the part tells the kind of the whole."""
    if at >= len(words) or words[at] not in _AMONG:
        return at
    end = at + 1
    while end < len(words) and end - at <= _PART_WORDS and words[end] not in _CUES:
        end += 1
    return end


def _head(words: list[str], start: int) -> int | None:
    """The index of the masdar or verb right before ``words[start]``: مقتل 12، القبض على 5."""
    if start >= 1 and words[start - 1] in _CUES:
        return start - 1
    if start >= 2 and words[start - 1] == "علي" and words[start - 2] in _CUES:
        return start - 2
    return None


def _mentions(sentence: _Sentence) -> list[tuple[int, int, int, CountQualifier, int | None]]:
    """(first, last, value, qualifier, noun) of each number or vague quantity."""
    words = sentence.words
    found: list[tuple[int, int, int, CountQualifier, int | None]] = []
    taken: set[int] = set()
    for first, last, value in _numbers(words):
        taken.update(range(first, last + 1))
        found.append((first, last, value, "exactly", None))
    for index, word in _select(words, _MENTION_WORDS):
        if index in taken:
            continue
        if word in _VAGUE_WORDS:
            value, qualifier = _VAGUE_WORDS[word]
            last = index
            if index + 1 < len(words) and words[index + 1] in _SCALES and qualifier != "several":
                # عشرات الآلاف: tens of thousands, still told by its vague word
                value, last = value * 1000, index + 1
                qualifier = "thousands" if qualifier == "exactly" else qualifier
            found.append((index, last, value, qualifier, None))
        elif (
            word in ("عدد", "عددا", "وعدد") and index + 1 < len(words) and words[index + 1] == "من"
        ):
            found.append((index, index, 3, "several", None))
        elif word in _DUALS:
            found.append((index, index, 2, "exactly", index))
    return sorted(found)


def find_counts(text: str, layer: TextLayer, span: Span, names: Sequence[Span] = ()) -> list[Count]:
    """Counts of people in ``text[span]``, a sentence; spans cover number and noun.

    ``names`` are the spans of the people the text names: a name right after a masdar or
    verb counts one (استشهاد محمد علي، اعتقل أحمد).

    ``مقتل 12 شخصاً`` is 12 killed over all three words, ``نحو 150 من مقاتلي`` before
    ``استسلموا`` 150 surrendered, qualifier ``about`` on ``نحو``; ``عشرات الجرحى`` 24
    injured, qualifier ``dozens``; ``قتيلين`` 2 killed; ``مقتل شخص`` 1 killed.
    """
    words, starts, ends = sentence_words(layer, span)
    named = [name for name in names if span.start <= name.start < span.end]
    if not words or (
        not named
        and _COUNT_WORDS.isdisjoint(words)
        and _ONE_WORDS.isdisjoint(words)
        and _DIGIT.search(layer.normalized, starts[0], ends[-1]) is None
        and layer.normalized.find(_DUAL_ENDING, starts[0], ends[-1]) < 0
    ):
        return []  # most sentences: no number, no quantity, no kind noun
    sentence = _Sentence(words, starts, ends)
    counts: list[Count] = []
    used: set[int] = set()
    for first, last, value, qualifier, dual in _mentions(sentence):
        if first in used:
            continue
        if dual is None and _not_people(words, first, last):
            continue
        noun = dual if dual is not None else _counted_noun(words, last + 1)
        if noun is not None and noun != dual and words[noun] in _NOT_PEOPLE:
            continue
        hedge = None if qualifier != "exactly" else _qualifier_before(words, first)
        hedge_start = hedge[1] if hedge is not None else first
        head = _head(words, hedge_start)
        if head is None and value == 1 and dual is None and not words[first][0].isdigit():
            continue  # أحد المتظاهرين is "one of the protesters", a count only after مقتل
        kind: CountKind | None = None
        if _joint(words, head, noun) or _joint_after(words, last + 1):
            kind = "casualties"  # مقتل وإصابة 76: the dead and the wounded together
        else:
            kind = _kind_of(sentence, first, noun, head, hedge_start)
        if dual is not None and kind is None:
            kind = _DUALS[words[dual]]
        toll = _toll_before(words, hedge_start)
        revised = toll is not None
        if kind is None and toll is not None:
            kind = toll
        if kind is None and counts and _joined_on(words, first):
            # 5 قتلى في اللطامنة و4 في كفرزيتا، مقتل 21 مسلحا وأربعة مدنيين: the kind of the
            # count the list goes on from
            kind = counts[-1].kind
        if kind is None or (
            kind == "displaced" and noun is not None and words[noun] in _COMBATANTS
        ):
            continue
        if _part_of_a_toll(words, last, noun, kind, qualifier) or _among(words, first, used):
            continue
        end = noun if noun is not None else last
        if kind == "casualties" and end + 1 < len(words) and words[end + 1] in _KIND_NOUNS:
            end += 1  # 18 قتيلا وجريحا: both nouns
        qualifier_first, qualifier_last = (first, last) if qualifier != "exactly" else (-1, -1)
        if hedge is not None:
            qualifier, qualifier_first, qualifier_last = hedge[0], hedge[1], first - 1
        elif qualifier == "exactly":
            after = _qualifier_after(words, end + 1) or _qualifier_after(words, last + 1)
            if after is not None:
                qualifier, qualifier_last = after
                qualifier_first = qualifier_last - (1 if qualifier == "at_least" else 0)
        start = head if head is not None and hedge is None else first
        used.update(range(start, end + 1))
        if _over_a_period(words, min(start, hedge_start), end):
            continue  # no event's toll
        count = _count(
            text,
            layer,
            sentence,
            kind,
            value,
            (start, end),
            qualifier,
            (qualifier_first, qualifier_last),
        )
        counts.append(_marked(count, words, min(start, hedge_start), revised))
    counts.extend(
        _marked(count, words, first, False)
        for count, first in (
            *_singulars(text, layer, sentence, used),
            *_named(text, layer, sentence, named, used),
        )
    )
    counts.sort(key=lambda count: count.start)
    return counts


def _marked(count: Count, words: list[str], first: int, revised: bool) -> Count:
    """The count with its ``claimed`` and ``revised`` flags, its phrase starting at ``first``."""
    claimed = _claimed(words, first)
    return replace(count, claimed=claimed, revised=revised) if claimed or revised else count


def _part_of_a_toll(
    words: list[str], last: int, noun: int | None, kind: CountKind, qualifier: CountQualifier
) -> bool:
    """Whether a number counts some of the people a toll told elsewhere counts: 3 من القتلى
    أطفال، نقل 10 من المصابين إلى المستشفى (not إصابة 3 من المعتقلين, of another kind, nor
    عدد من القتلى, the toll itself)."""
    return (
        qualifier == "exactly"
        and noun is not None
        and noun > last + 1
        and words[noun].startswith("ال")
        and kind in ("killed", "injured")
        and _KIND_NOUNS.get(words[noun]) == kind
    )


def _joined_on(words: list[str], first: int) -> bool:
    """Whether the number at ``first`` is joined by و to what comes before it: و4، وأربعة."""
    word = words[first]
    return (word[0] == "و" and (word[1:2].isdigit() or word[1:] in NUMBER_WORDS)) or (
        first > 0 and words[first - 1] == "و"
    )


def _joint(words: list[str], head: int | None, noun: int | None) -> bool:
    """Whether a count is of the dead and the wounded together: two cues of different kinds
    joined before it (مقتل وإصابة 76، قتل وجرح العشرات) or two kind nouns after it (20
    قتيلا وجريحا، بين قتيل وجريح)."""
    if head is not None and head > 0 and words[head][0] == "و":
        before = _CUES.get(words[head - 1])
        if {before, _CUES[words[head]]} == {"killed", "injured"}:
            if noun is not None and words[noun] in _OTHERS:
                return False  # قتل وجرح سبعة آخرون: the others are not the one killed
            # not when the first verb has people of its own: شخصا استشهد وجرح 7، 15 مدنيا
            # بينهم نساء قتلوا وأصيب 61 (a plural or dual verb agrees with its subject)
            if words[head - 1].endswith(("وا", "ا")):
                return False
            return head < 2 or not _people_word(words[head - 2])
    if noun is not None and noun + 1 < len(words):
        first, second = _KIND_NOUNS.get(words[noun]), _KIND_NOUNS.get(words[noun + 1])
        if {first, second} == {"killed", "injured"}:
            return words[noun + 1][0] == "و"
    return False


_OTHERS: Final = frozenset(normalize(word) for word in _split("آخرين آخرون الآخرين"))


def _joint_after(words: list[str], after: int) -> bool:
    """Whether the number before ``words[after]`` counts the dead and the wounded as one:
    ``20 بين قتيل وجريح``، ``30 ما بين قتلى وجرحى``."""
    if after < len(words) and words[after] == "ما":
        after += 1
    if not (after + 2 < len(words) and words[after] == "بين"):
        return False
    first, second = _KIND_NOUNS.get(words[after + 1]), _KIND_NOUNS.get(words[after + 2])
    return {first, second} == {"killed", "injured"}


def _people_word(word: str) -> bool:
    """Whether a word may name the people a verb after it counts: a number, a kind noun, a
    singular or dual person, or a sound plural (مدنيين، فلسطينيون)."""
    return (
        _is_number(word)
        or word in _KIND_NOUNS
        or word in _PEOPLE_FORMS
        or word in _DUALS
        or _nisba_dual(word)
        or (len(word) > 4 and word.endswith(("ين", "ون")))
    )


def _toll_before(words: list[str], start: int) -> CountKind | None:
    """The kind of a revised toll the number at ``start`` gives (ارتفعت حصيلة القتلى إلى
    20، بلغ عدد الجرحى 30): killed where the toll names no kind, as a bare حصيلة is the
    death toll; ``None`` when no toll word and revising verb stand before the number. The
    verb may also follow the toll, right before إلى (عدد القتلى في الاشتباكات ارتفع إلى 3)."""
    index = start - 1
    if index >= 0 and words[index] == _TO:
        index -= 1
    risen = index >= 0 and words[index] in _RISING and index + 1 < start
    if risen:
        index -= 1
    kinds: list[CountKind] = []
    for back in range(index, max(index - (6 if risen else 4), -1), -1):
        word = words[back]
        if word in _STOPS or _is_number(word):
            return None
        noun_kind = _KIND_NOUNS.get(word)
        if noun_kind is not None:
            kinds.append(noun_kind)
        if word in _TOLL_WORDS:
            if not (risen or (back > 0 and words[back - 1] in _RISING)):
                return None
            if kinds:
                return kinds[-1]
            return "killed" if "حصيل" in word else None
    return None


def _over_a_period(words: list[str], start: int, end: int) -> bool:
    """Whether the count at ``start..end`` is a total over a period (150 قتيلا هذا الشهر،
    منذ بدء الحرب قتل 500): a period phrase in its clause, before another count or cue."""
    for index in range(end + 1, min(end + 1 + _WINDOW + 2, len(words))):
        word = words[index]
        if word in _STOPS or _is_number(word) or word in _CUES or word in _RISING:
            break
        if _period_at(words, index):
            return True
    for index in range(start - 1, max(start - 1 - _WINDOW - 2, -1), -1):
        word = words[index]
        if word in _STOPS or _is_number(word):
            break
        if _period_at(words, index):
            return True
    return False


def _period_at(words: list[str], index: int) -> bool:
    word = words[index]
    if word in _TOTAL_WORDS:
        return True
    if index > 0 and words[index - 1] in _POINT_IN:
        return False  # في وقت سابق هذا الشهر، مطلع هذا العام: when one event happened
    following = _PERIOD_PHRASES.get(word[1:] if word[:1] == "و" else word)
    return following is not None and index + 1 < len(words) and words[index + 1] in following


def _claimed(words: list[str], first: int) -> bool:
    """Whether the count starting at ``first`` is a perpetrator's claim: a claim verb before
    it in the sentence (زعم الجيش أنه قتل 30), or «قال التنظيم إنه قتل 30», with no
    relative clause between that would give the attack's own toll."""
    claim = group = False
    for index in range(first):
        word = words[index]
        if word in _CLAUSES:
            claim = group = False
        elif word in _CLAIM_WORDS:
            claim = True
        elif word in _GROUPS:
            group = True
        elif group and word in _SAID_IT:
            # إنه قتل 30، إنها قتلت أمس 30: the party says what it did
            claim = claim or any(w in _CUES for w in words[index + 1 : min(first + 1, index + 4)])
    return claim


def _not_people(words: list[str], first: int, last: int) -> bool:
    """Whether the number at ``first..last`` is a year, an age, a time, money or a share."""
    if first > 0 and words[first - 1] in _NOT_COUNT_BEFORE:
        return True
    after = last + 1
    if after < len(words) and (words[after] in _NOT_PEOPLE or words[after] in _MONTHS):
        return True
    if after + 1 < len(words) and words[after] == "في" and words[after + 1] in ("المئه", "المائه"):
        return True
    word = words[first]
    return first == last and word.isdigit() and len(word) == 4 and 1900 <= int(word) <= 2100


def _singulars(
    text: str, layer: TextLayer, sentence: _Sentence, used: set[int]
) -> list[tuple[Count, int]]:
    """Counts of one, each with the index of its first word: ``مقتل شخص``، ``سقط قتيل``،
    ``وقتلوا شرطيا``، ``شخصا استشهد``، ``مقتل الشاب``; of two: ``أصيب رجل وزوجته``،
    ``استشهد فلسطينيان``."""
    words = sentence.words
    counts: list[tuple[Count, int]] = []

    def add(kind: CountKind, value: int, first: int, last: int) -> None:
        count = _count(text, layer, sentence, kind, value, (first, last), "exactly", (-1, -1))
        counts.append((count, first))
        used.update(range(first, last + 1))

    # only the words that may count someone are read, picked in C: kind nouns, people
    # nouns and what may be a nisba's dual (most words of a sentence are none of these)
    hits = map(or_, map(_SINGULAR_STARTS.__contains__, words), map(_ENDS_LIKE_A_DUAL, words))
    for index in compress(count(), hits):
        if index in used:
            continue
        word = words[index]
        if word in _SINGULAR_KIND_NOUNS:
            if not (index > 0 and _is_number(words[index - 1])) and not _joint_noun(words, index):
                add(_KIND_NOUNS[word], 1, index, index)
            continue
        person = word in _PEOPLE_FORMS
        if not (person or _nisba_dual(word)):
            continue
        value, last = 1 if person else 2, index
        if person and index + 1 < len(words) and words[index + 1] in _KIN:
            value, last = 2, index + 1
        verb = _verb_of(words, index, used, accusative=word in _ACCUSATIVE_PEOPLE)
        if verb is not None:
            cue = _cue(words[verb], sentence.protest)
            if cue is not None and cue != "participants":
                add(cue, value, verb, last)
                continue
        if word in _DEFINITE_PEOPLE or (
            index > 0 and (_is_number(words[index - 1]) or index - 1 in used)
        ):
            # a verb after a definite noun is its own act (الشاب قتل زوجته); a word after a
            # number or a count describes it (استشهد شابان فلسطينيان وأصيب ثالث)
            continue
        after = last + 1
        if after < len(words) and words[after][0] != "و" and words[after] not in _LEAVING:
            cue = _cue(words[after], sentence.protest)
            if cue is not None and cue != "participants":
                add(cue, value, index, after)  # شخصا استشهد، فلسطينيان استشهدا
    return counts


def _named(
    text: str, layer: TextLayer, sentence: _Sentence, names: Sequence[Span], used: set[int]
) -> list[tuple[Count, int]]:
    """Counts of one named victim or detainee, each with the index of its cue: the name
    right after the masdar or verb (استشهاد محمد علي، واعتقلت أحمد)."""
    firsts = {to_normalized_offset(layer, name.start) for name in names}
    at = [index for index, start in enumerate(sentence.starts) if start in firsts]
    # the tagger may take the masdar into the name (استشهاد محمد): the name is what follows
    at = [index + 1 if sentence.words[index] in _CUES else index for index in at]
    counts: list[tuple[Count, int]] = []
    for index in at:
        if not 0 < index < len(sentence.words) or index in used or index - 1 in used:
            continue
        cue = _cue(sentence.words[index - 1], sentence.protest)
        if cue in ("killed", "injured", "arrested", "kidnapped"):
            count = _count(text, layer, sentence, cue, 1, (index - 1, index), "exactly", (-1, -1))
            counts.append((count, index - 1))
            used.update((index - 1, index))
    return counts


def _verb_of(words: list[str], index: int, used: set[int], *, accusative: bool) -> int | None:
    """The index of the cue a singular person is counted by: right before it (مقتل شخص),
    or, for the object of a verb, after the verb and its subject (قتلت القوات شابا)."""
    reach = 3 if accusative else 1
    for back in range(index - 1, max(index - 1 - reach, -1), -1):
        word = words[back]
        if back in used or word in _STOPS or _is_number(word) or word in _LEAVING:
            return None
        if word in _CUES:
            return back
    return None


# What ``_singulars`` reads: a word of neither is no count of one or two.
_SINGULAR_STARTS: Final = _SINGULAR_KIND_NOUNS | _PEOPLE_FORMS
_ENDS_LIKE_A_DUAL: Final = methodcaller("endswith", "يان")  # as ``_nisba_dual`` asks


def _nisba_dual(word: str) -> bool:
    """Whether a word reads as the nominative dual of a nisba (فلسطينيان، مدنيان): two
    people, told apart from words such as بيان by its length and indefinite form."""
    return len(word) >= 6 and word.endswith("يان") and not word.startswith(("ال", "وال"))


def _joint_noun(words: list[str], index: int) -> bool:
    """Whether a singular kind noun is half of a joint figure: بين قتيل وجريح. Alone it
    counts one, whatever follows it: انتشال جثمان شهيد ومصابين is one dead."""
    between = ("بين", "وبين")
    return (index > 0 and words[index - 1] in between) or (
        index > 1 and words[index - 2] in between and words[index][0] == "و"
    )


def _proclitics(word: str) -> int:
    """How many letters of proclitics (و، ف، ب، ل) ``word`` starts with, by the lexicons."""
    for cut in range(3):
        if word[cut:] in _BARE_WORDS or word[cut : cut + 1].isdigit():
            return cut
    return 0


def _count(
    text: str,
    layer: TextLayer,
    sentence: _Sentence,
    kind: CountKind,
    value: int,
    words: tuple[int, int],
    qualifier: CountQualifier,
    qualifier_words: tuple[int, int],
) -> Count:
    first = sentence.starts[words[0]] + _proclitics(sentence.words[words[0]])
    start, end = to_original_span(layer, first, sentence.ends[words[1]], text=text)
    if qualifier_words[0] < 0:
        return Count(kind, value, start, end, text[start:end], qualifier)
    first = sentence.starts[qualifier_words[0]] + _proclitics(sentence.words[qualifier_words[0]])
    qualifier_start, qualifier_end = to_original_span(
        layer, first, sentence.ends[qualifier_words[1]], text=text
    )
    return Count(
        kind, value, start, end, text[start:end], qualifier, qualifier_start, qualifier_end
    )
