"""Who reports what a sentence says: the source phrase of ``قال مصدر عسكري``.

Arabic news names its source in a few ways, each read off the normalized words:

- a verb of saying, then its subject: ``قال مصدر عسكري، إن``، ``وأفادت مصادر أمنية بأن``,
  ``ذكرت وكالة الأنباء الفرنسية``; with ``نقل ... عن`` the source is the one quoted;
- a preposition: ``وفقاً لوكالة رويترز``، ``بحسب المرصد السوري لحقوق الإنسان``,
  ``نقلاً عن مسؤول``، ``على حد قول``، ``حسبما أفاد``، ``في بيان للجيش``.

The source phrase ends at the first word that cannot continue a noun phrase: إن/أن, a
preposition (في، على، عن، إلى، ب), punctuation or a quote, a time word (أمس، اليوم، يوم
الأحد), an indefinite word after a definite one (``أعلن الجيش مقتل``: ``مقتل`` starts the
object), at most six words; an entity that starts inside it is taken whole, and a person's
name ends it (``الكولونيل شون رايان``, not the title after it).

For an outlet named by its kind and its name (``وكالة رويترز``، ``صحيفة “الشرق الأوسط”``),
the source is the name, ``رويترز``: that is what an entity and the knowledge base know.
The preposition before a source is left out: ``لوكالة`` -> ``وكالة``; in ``للمرصد`` the
second ل is the article (its alef dropped), kept as ``Token.name`` keeps it: ``لمرصد``.
A sentence that continues a quote (``وأضاف أن``، ``لكنه أضاف``، or one that opens with a
quote) takes the source of the sentence before it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import compress, count
from typing import Final

from rasd.events.entities import overlapping
from rasd.events.numbers import sentence_words
from rasd.model import Argument, Entity, Span, TextLayer
from rasd.text import normalize, to_normalized_offset, to_original_span


def _split(words: str) -> list[str]:
    return normalize(words).split()


def _with_conjunctions(words: str) -> frozenset[str]:
    return frozenset(prefix + word for word in _split(words) for prefix in ("", "و", "ف"))


_SPEECH_VERBS: Final = _with_conjunctions(
    "قال قالت قالوا يقول تقول أفاد أفادت أفادوا يفيد تفيد ذكر ذكرت ذكروا يذكر تذكر "
    "أعلن أعلنت أعلنوا يعلن تعلن أكد أكدت أكدوا يؤكد تؤكد أوضح أوضحت يوضح توضح أشار أشارت "
    "يشير تشير صرح صرحت يصرح نقل نقلت نقلوا كشف كشفت زعم زعمت أضاف أضافت أضافوا يضيف تضيف"
)
# Verbs that only carry a quote on, at the start of a sentence (تابع is also "affiliated").
_CONTINUING: Final = _SPEECH_VERBS | _with_conjunctions("تابع تابعت واستطرد استطرد")
_QUOTING: Final = _with_conjunctions("نقل نقلت نقلوا")
# Words that may stand before the verb of a sentence that continues a quote.
_LEAD_INS: Final = frozenset(_split("لكن لكنه لكنها ولكن ولكنه ولكنها كما ثم وكان وكانت قد"))
_OPENING_QUOTES: Final = frozenset("«“\"'‘")

_ACCORDING: Final = _with_conjunctions("وفقا طبقا استنادا")  # + ل
_BY: Final = frozenset(_split("بحسب وبحسب حسب وحسب"))
_AS_SAID: Final = frozenset(_split("حسبما وحسبما كما وكما"))  # + verb
_STATEMENT: Final = frozenset(_split("بيان تصريح تصريحات بيانا"))  # في بيان ل / صادر عن
_DOCUMENTS: Final = frozenset(_split("بيان تقرير تصريح تصريحات إحصاءات إحصائيات أرقام"))
_OUTLETS: Final = frozenset(_split("وكالة صحيفة قناة موقع تلفزيون إذاعة شبكة مجلة يومية وكالات"))

_STOPS: Final = frozenset(
    _split(
        "أن إن ان أنه إنه أنها إنها أنهم إنهم أنهما بأن بأنه بأنها بأنهم في على عن إلى من "
        "مع عند لدى خلال بعد قبل منذ حول أمس اليوم الليلة صباح مساء يوم فجر ليل أول "
        "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت أيضا كذلك مؤخرا "
        "الذي التي الذين اللذين له لها لهم لنا لي إنه بينما حيث لكن لكنه فيما وفي "
        "للصحفيين للصحافيين للصحافة عليه عليها عنه عنها هذا هذه ذلك تلك ما لا لم لن قد"
    )
) | frozenset("،,.:؛;«»“”\"'()[]-–—!?؟")
# و-initial nouns: و is part of the word, not a conjunction that ends the phrase.
_WAW_NOUNS: Final = frozenset(
    _split("وزير وزيرة وزارة وزراء وكالة وكالات ولاية وحدة وحدات وسائل وفد والي واشنطن وليد")
)
# Titles before a name: الكولونيل شون رايان, الرئيس بشار الأسد.
_TITLES: Final = frozenset(
    _split(
        "الرئيس الوزير الكولونيل العقيد اللواء العميد الجنرال الشيخ الدكتور النائب السفير "
        "المتحدث الناطق الأمين الملك الأمير رئيس وزير"
    )
)
_MAX_WORDS = 6
# The words a source cue starts with, and those a continued quote starts with.
_CUE_WORDS: Final = (
    _SPEECH_VERBS | _ACCORDING | _BY | _AS_SAID | _STATEMENT | frozenset(("نقلا", "ونقلا", "حد"))
)
_LEADS: Final = _CONTINUING | _LEAD_INS


_TAKE_LAM: Final = _ACCORDING | _STATEMENT | _DOCUMENTS | _OUTLETS


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "فال", "بال", "لل"))


class _Sentence:
    """The words of a sentence and, for each word, the entity that starts at it."""

    __slots__ = ("ends", "entity_ends", "starts", "words")

    def __init__(self, layer: TextLayer, span: Span, entities: Sequence[Entity]) -> None:
        self.words, self.starts, self.ends = sentence_words(layer, span)
        # word index -> (normalized end of the entity that starts in that word, is a person)
        self.entity_ends: dict[int, tuple[int, bool]] = {}
        if not self.words:
            return
        first, last = self.starts[0], self.ends[-1]
        for index in overlapping(entities, span.start, span.end):
            ent = entities[index]
            start = to_normalized_offset(layer, ent.start)
            end = min(to_normalized_offset(layer, ent.end), last)
            if start < first:
                continue
            # the first word that ends after the entity starts (the ends are in order)
            at = bisect_right(self.ends, start)
            if at < len(self.ends):
                self.entity_ends[at] = (end, ent.label.upper().startswith("PER"))


def _phrase(sentence: _Sentence, first: int) -> tuple[int, int] | None:
    """The (first, last) words of the noun phrase that starts at ``first``, if one does."""
    words = sentence.words
    if first >= len(words):
        return None
    if words[first] in _STOPS:
        return None
    last = first
    entity_end = -1
    index = first
    name = 0  # the words of a name after a title, once one starts
    closed = False
    while index < len(words) and index - first < _MAX_WORDS:
        word = words[index]
        if index in sentence.entity_ends:
            end, person = sentence.entity_ends[index]
            entity_end = max(entity_end, end)
            while last + 1 < len(words) and sentence.ends[last + 1] <= entity_end:
                last += 1
            last = max(last, index)
            if person:
                return first, last  # a name ends the source: الكولونيل شون رايان
            index = last + 1
            continue
        if index > first:
            previous = words[index - 1]
            if name:
                # a name runs on over indefinite words and one definite surname (بشار
                # الأسد); a definite word after that is an appositive (المتحدث باسم ...)
                if closed or (_definite(word) and name > 1) or word in _STOPS:
                    break
                closed = _definite(word)
                name += 1
            elif previous == "باسم" or word == "باسم":
                if word in _STOPS:
                    break
            elif previous in _TITLES and _definite(previous) and not _definite(word):
                if word in _STOPS or not "\u0621" <= word[0] <= "\u064a":
                    break
                name = 1
            elif not _continues(previous, word):
                break
        last = index
        index += 1
    return first, last


def _continues(previous: str, word: str) -> bool:
    """Whether ``word`` continues a noun phrase that ``previous`` ends."""
    if word in _STOPS or (word[0] == "و" and word not in _WAW_NOUNS):
        return False
    if not "\u0621" <= word[0] <= "\u064a":
        return False  # a number, a Latin word, punctuation
    if word[0] == "ب" and not _definite(word) and word != "باسم":
        return False
    if word.startswith("لل") or (word[0] == "ل" and word[1:] in _OUTLETS):
        return False  # قال لوكالة ...: to whom, not who
    # after a definite word an indefinite one is no adjective: it starts the object
    return not (_definite(previous) and not _definite(word) and word[0] != "ل" and word != "باسم")


def _outlet_name(sentence: _Sentence, first: int, last: int) -> tuple[int, int]:
    """``رويترز`` for ``وكالة رويترز`` / ``وكالة “رويترز”``; other phrases unchanged."""
    words = sentence.words
    bare = words[first][1:] if words[first][0] in "لب" else words[first]
    name = first + 1
    if bare not in _OUTLETS or name >= len(words):
        return first, last
    if words[name] in _OPENING_QUOTES:
        name += 1
    if name >= len(words) or _definite(words[name]) or words[name] in _STOPS:
        return first, last
    found = _phrase(sentence, name)
    return found if found is not None else (first, last)


def _document_source(sentence: _Sentence, first: int, last: int) -> tuple[int, int]:
    """``الجيش`` for ``بيان الجيش`` / ``تقرير للمرصد``: the source of a document."""
    words = sentence.words
    bare = (
        words[first][1:]
        if words[first][0] in "لب" and words[first][1:] in _DOCUMENTS
        else words[first]
    )
    if bare in _DOCUMENTS and first < last:
        return first + 1, last
    after = first + 1
    if bare in _DOCUMENTS and after < len(words) and words[after][0] == "ل":
        return _phrase(sentence, after) or (first, last)  # بحسب بيان للجيش: the army's
    return first, last


def _argument(
    text: str,
    layer: TextLayer,
    sentence: _Sentence,
    found: tuple[int, int],
    entities: Sequence[Entity],
) -> Argument:
    first, last = _outlet_name(sentence, *_document_source(sentence, *found))
    word = sentence.words[first]
    # ل is a preposition after a cue that takes one (وفقا لمصدر، في بيان لوزارة); elsewhere
    # ل and ب begin the word itself: بيان، لجنة، لواء
    governed = first > 0 and sentence.words[first - 1] in _TAKE_LAM
    cut = 1 if governed and word[0] in "لب" and not _definite(word) and len(word) > 3 else 0
    if word.startswith("لل"):
        cut = 1  # للمرصد -> المرصد; its article's alef is gone after ل
    start, end = to_original_span(
        layer, sentence.starts[first] + cut, sentence.ends[last], text=text
    )
    entity = next(
        (index for index, ent in enumerate(entities) if ent.start < end and ent.end > start),
        None,
    )
    return Argument(start, end, text[start:end], entity)


def _source_at(sentence: _Sentence, index: int) -> tuple[int, int] | None:
    """The source phrase a cue at ``words[index]`` introduces, if it does."""
    words = sentence.words
    word = words[index]
    after = index + 1
    if word in _SPEECH_VERBS:
        found = _phrase(sentence, after)
        if found is not None and word in _QUOTING:
            quoted = _quoted_after(sentence, found[1] + 1)
            return quoted or found
        return found
    if word in _ACCORDING and after < len(words):
        if words[after] == "ل" or words[after] == "لـ":
            after += 1
        elif not words[after].startswith("ل"):
            return None
        return _phrase(sentence, after)
    if word in _BY:
        return _phrase(sentence, after)
    if word in _AS_SAID and after < len(words) and words[after] in _SPEECH_VERBS:
        return _phrase(sentence, after + 1)
    if word in ("نقلا", "ونقلا") and after < len(words) and words[after] == "عن":
        return _phrase(sentence, after + 1)
    if word == "حد" and index > 0 and words[index - 1] == "علي" and after < len(words):
        return _phrase(sentence, after + 1)  # على حد قول / تعبير
    if word in _STATEMENT and index > 0 and words[index - 1] == "في" and after < len(words):
        if words[after] in ("صادر", "صادره") and after + 1 < len(words):
            return _quoted_after(sentence, after + 1)
        if words[after][0] == "ل" and words[after] not in _STOPS:
            return _phrase(sentence, after)
    return None


def _quoted_after(sentence: _Sentence, index: int) -> tuple[int, int] | None:
    """The phrase after ``عن`` at ``words[index]``: نقلت رويترز عن مسؤول."""
    if index < len(sentence.words) and sentence.words[index] == "عن":
        return _phrase(sentence, index + 1)
    return None


def _continues_quote(sentence: _Sentence) -> bool:
    """Whether the sentence goes on with the last speaker: وأضاف أن، لكنه أضاف، «..."""
    words = sentence.words
    if not words:
        return False
    if words[0] in _OPENING_QUOTES:
        return True
    index = 0
    while index < len(words) - 1 and words[index] in _LEAD_INS:
        index += 1
    return words[index] in _CONTINUING and _phrase(sentence, index + 1) is None


def find_attribution(
    text: str,
    layer: TextLayer,
    span: Span,
    entities: Sequence[Entity],
    before: Span | None = None,
) -> Argument | None:
    """Who reports what ``text[span]`` says, or ``None`` when the sentence does not say.

    ``قال مصدر عسكري، إن ...`` -> ``مصدر عسكري``; ``وفقاً لوكالة “رويترز”`` -> ``رويترز``;
    ``بحسب المرصد السوري لحقوق الإنسان`` -> the whole name, ``entity`` its index in
    ``entities`` when one overlaps. ``before`` is the sentence before, whose source a
    sentence that continues a quote (``وأضاف أن``) takes.
    """
    words, _, _ = sentence_words(layer, span)
    if _CUE_WORDS.isdisjoint(words) and (
        before is None or not words or not (words[0] in _OPENING_QUOTES or words[0] in _LEADS)
    ):
        return None  # most sentences name no source
    sentence = _Sentence(layer, span, entities)
    for index in compress(count(), map(_CUE_WORDS.__contains__, words)):
        found = _source_at(sentence, index)
        if found is not None:
            return _argument(text, layer, sentence, found, entities)
    if before is not None and _continues_quote(sentence):
        return find_attribution(text, layer, before, entities)
    return None


# Words that open what is reported: after one, a date belongs to the event, not the report.
_COMPLEMENTIZERS: Final = frozenset(
    _split("أن إن ان أنه إنه أنها إنها أنهم إنهم بأن بأنه بأنها بأنهم")
) | frozenset('،,:«“"')
_REPORT_WINDOW = 4  # words between a verb of saying and its date: the subject and its title


def is_report_date(layer: TextLayer, sentence: Span, start: int) -> bool:
    """Whether the date at ``start`` (an original offset) dates the report, not the event:
    ``أعلن أمس مقتل``، ``قالت الشرطة الباكستانية امس ان``. It follows a verb of saying
    within a few words, with nothing between them that opens what is said."""
    words, starts, _ = sentence_words(layer, sentence)
    at = bisect_right(starts, to_normalized_offset(layer, start)) - 1
    for index in range(at - 1, max(at - 1 - _REPORT_WINDOW, -1), -1):
        word = words[index]
        if word in _COMPLEMENTIZERS:
            return False
        if word in _SPEECH_VERBS:
            return True
    return False
