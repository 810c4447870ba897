"""Trigger candidates: where a sentence names an event, found with the PLOVER lexicon.

Matching runs over the normalized words of one sentence; each word is one dict lookup in
the compiled lexicon (``rasd.events.lexicon``), so the clitics (وقصفت، بالهجوم) cost
nothing here. Overlaps go to the longest pattern: ``هجوم انتحاري`` beats ``هجوم``. Spans are
mapped back to the original text, harakat and all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, count, pairwise
from typing import Final

from rasd.events.lexicon import (
    MAX_GAP,
    Compiled,
    Gap,
    Lexicon,
    Proclitic,
    load_lexicon,
    noun_surfaces,
    verb_surfaces,
)
from rasd.events.numbers import document_words, normalized_span
from rasd.model import PloverType, Span, TextLayer, Tokens
from rasd.text import normalize, to_original_span

# A run of letters of the normalized text (harakat and tatweel are gone there already).
# Written class-then-star so that sre skips ahead between words.
WORD: Final = re.compile("[\u0621-\u063a\u0641-\u064a][\u0621-\u063a\u0641-\u064a]*")
_SPLIT: Final = re.compile(f"({WORD.pattern})")
# Letters that ``rasd.events.numbers`` puts in words and ``WORD`` does not: where none is
# in a document, the two modules' letter words are the same.
_NOT_SHARED: Final = re.compile("[A-Za-z\u063b-\u0640\u0671-\u06d3]")
_DAMMA = "\u064f"
_NEAR = 25  # characters: a cue this close describes the trigger, not a list around it


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that names a PLOVER event, ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str
    event_type: PloverType
    mode: str | None
    context: tuple[str, ...]
    nominal: bool  # a masdar or noun (هجوم) rather than a verb (هاجم)
    passive: bool  # a passive verb (قُتل، اغتيل): its grammatical subject is the target
    weight: float  # how reliably the cue signals the type; the detector's confidence
    key: str = ""  # the lexicon pattern it matched, normalized


@dataclass(frozen=True, slots=True)
class ModeCue:
    """A word that says how violence was done without naming it: انتحاري، مفخخة، طائرة."""

    start: int
    end: int
    text: str
    mode: str


Word = tuple[int, int, str]  # normalized start, end, text


class _LastDocument:
    """The words of the last text layer read: every stage asks per sentence, so a document
    is scanned once and each sentence is two bisections and slices.

    Where the words come from ``rasd.events.numbers`` (shared with counts, dates and the
    flags), they include numbers and punctuation, which no pattern starts with: a
    sentence's slice is tested against the lexicon as it is, and only a sentence with a
    candidate drops them (``filtered``), not every sentence of the document.
    """

    __slots__ = ("ends", "filtered", "layer", "starts", "texts")

    def __init__(self, layer: TextLayer | None) -> None:
        self.layer = layer
        normalized = layer.normalized if layer is not None else ""
        if _NOT_SHARED.search(normalized) is None:
            # Without Latin letters or letters outside this module's class, the letter
            # runs of ``numbers`` are this module's words, the ones ``str.isalpha`` keeps.
            self.texts, self.starts, self.ends = document_words(normalized)
            self.filtered = True
            return
        # split with a group alternates gaps and words; their running lengths are the
        # offsets: all C loops, no match object per word
        parts = _SPLIT.split(normalized)
        bounds = list(accumulate(map(len, parts), initial=0))
        self.texts = parts[1::2]
        self.starts = bounds[1:-1:2]
        self.ends = bounds[2::2]
        self.filtered = False

    def words(self, first: int, last: int) -> tuple[list[Word], list[str]]:
        """The words from ``first`` up to ``last`` (indices into ``starts``) and their texts."""
        texts = self.texts[first:last]
        starts = self.starts[first:last]
        ends = self.ends[first:last]
        if self.filtered:
            keep = list(map(str.isalpha, texts))
            texts = list(compress(texts, keep))
            starts = list(compress(starts, keep))
            ends = list(compress(ends, keep))
        return list(zip(starts, ends, texts, strict=True)), texts


_last = _LastDocument(None)


def _document(layer: TextLayer) -> _LastDocument:
    global _last  # one slot, replaced whole: safe to read from several threads
    last = _last
    if last.layer is not layer:
        last = _last = _LastDocument(layer)
    return last


# The last sentence's words: the detector reads them, then the armed-attack rule
# (``sentence_words``) for each candidate the model turned down.
_last_words: tuple[TextLayer | None, int, int, list[Word]] = (None, 0, 0, [])


def sentence_words(layer: TextLayer, sentence: Span) -> list[Word]:
    """The normalized words of ``sentence`` (an original span), with normalized offsets.

    The list may be shared with other callers: read it, do not change it."""
    last = _last_words
    if last[0] is layer and last[1] == sentence.start and last[2] == sentence.end:
        return last[3]
    document = _document(layer)
    start, end = normalized_span(layer, sentence.start, sentence.end)
    first = bisect_left(document.starts, start)
    words, _ = document.words(first, bisect_left(document.starts, end, first))
    return _remember(layer, sentence, _clipped(words, end))


def _remember(layer: TextLayer, sentence: Span, words: list[Word]) -> list[Word]:
    global _last_words  # one slot, replaced whole: safe to read from several threads
    _last_words = (layer, sentence.start, sentence.end, words)
    return words


def _clipped(words: list[Word], end: int) -> list[Word]:
    """``words`` with a last word cut at ``end`` when the sentence ends inside it."""
    if words and words[-1][1] > end:
        start, _, text = words[-1]
        words[-1] = (start, end, text[: end - start])
    return words


def candidate_words(layer: TextLayer, sentence: Span, lexicon: Lexicon) -> list[Word] | None:
    """The sentence's words when one of them can start a trigger, else None (cheaply).

    Most sentences of a long article name no event: a set test over the sentence's word
    strings dismisses them before any per-word work.
    """
    found = candidates(layer, sentence, lexicon)
    return None if found is None else found[0]


def candidates(
    layer: TextLayer, sentence: Span, lexicon: Lexicon
) -> tuple[list[Word], list[str]] | None:
    """``candidate_words`` with the words' texts, which matching and the detector read.

    The words are remembered for ``sentence_words``: read them, do not change them."""
    document = _document(layer)
    start, end = normalized_span(layer, sentence.start, sentence.end)
    starts = document.starts
    first = bisect_left(starts, start)
    last = bisect_left(starts, end, first)
    if lexicon.triggers.keys().isdisjoint(document.texts[first:last]):
        return None
    words, texts = document.words(first, last)
    words = _remember(layer, sentence, _clipped(words, end))
    if words[-1][2] is not texts[-1]:
        texts[-1] = words[-1][2]
    return words, texts


def _match_rest(
    words: list[Word], at: int, rest: tuple[frozenset[str] | Gap | Proclitic, ...], step: int
) -> int | None:
    """The index of the last word matched by ``rest[step:]`` from word ``at``, or None."""
    if step == len(rest):
        return at - 1
    surfaces = rest[step]
    if isinstance(surfaces, Gap):  # the next word may come some words later
        following = rest[step + 1]
        assert not isinstance(following, Gap)  # the table never has two gaps in a row
        ends = (
            _gap_ends(words, at, surfaces.most)
            if surfaces.subject
            else range(at, min(at + surfaces.most + 1, len(words)))
        )
        for skip in ends:
            if _accepts(following, words[skip][2]):
                # a proclitic word is looked at, not taken: بقتل stays free for its trigger
                taken = skip if isinstance(following, Proclitic) else skip + 1
                last = _match_rest(words, taken, rest, step + 2)
                if last is not None:
                    return last
        return None
    if at < len(words) and _accepts(surfaces, words[at][2]):
        taken = at if isinstance(surfaces, Proclitic) else at + 1
        return _match_rest(words, taken, rest, step + 1)
    return None


def _accepts(element: frozenset[str] | Proclitic, word: str) -> bool:
    """Whether ``word`` is one of a pattern word's surfaces, or carries its proclitic."""
    if isinstance(element, Proclitic):
        return (
            word.startswith(element.letter)
            and len(word) > len(element.letter) + 1
            and word not in _NOT_PROCLITIC
        )
    return word in element


def _gap_ends(words: list[Word], at: int, most: int = MAX_GAP) -> Iterator[int]:
    """Where the word after a gap opening at ``at`` may stand: the gap holds the verb's
    subject (وأوقفت [قوات سوريا الديمقراطية بالفعل] الهجوم, أطلق [مسلحون] النار).

    Up to ``most`` words, time words and adverbs not counted. A gap ends at a clause
    word (أن، الذي، لكن) or a prepositional phrase (بالهجوم); the word after it is no
    object of a preposition (علق الوزير على الهجوم: he commented on it) nor the genitive
    of a construct head (أوقفت الشرطة منفذي الهجوم: an arrest); and a definite word then
    an indefinite count or participle means the object has begun (أوقفت الشرطة ثلاثة
    مشتبهين), so nothing after it is.
    """
    counted = 0
    definite = False  # the last word of the subject so far is definite
    governed = False  # the previous word governs the next: a preposition, a construct head
    for skip in range(at, min(at + most + _FREE_WORDS + 1, len(words))):
        if not governed:
            yield skip
        word = words[skip][2]
        if word in _GAP_FREE:
            governed = False
            continue
        counted += 1
        if counted > most or word in _GAP_STOPS or word.startswith(_PREPOSITION_ARTICLE):
            return
        if word in _QUANTIFIERS:
            yield from _quantified(words, skip + 1)
            if counted > 1:
                return  # after the subject, the object: أغلق المتظاهرون عددا من الشوارع
            continue  # first in the gap, the subject's count may be: لقي أربعة أشخاص مصرعهم
        governed = word in _GAP_PREPOSITIONS or _construct_head(word)
        if word in _GAP_PREPOSITIONS:
            definite = False
        elif word.startswith(("ال", "وال")):
            definite = True
        elif definite and _object_like(word):
            return
        else:
            definite = False  # a name after a title (الرئيس محمود عباس) goes on


def _quantified(words: list[Word], at: int) -> Iterator[int]:
    """The word a quantifier counts: right after it, or after its من."""
    if at < len(words):
        yield at
        if words[at][2] == "من" and at + 1 < len(words):
            yield at + 1


def _construct_head(word: str) -> bool:
    """An indefinite participle plural in construct (منفذي، مقاتلو) or a noun that heads
    its own genitive (أحد، منفذ): the word after it belongs to it."""
    if word.startswith("ال"):
        return False
    return word in _HEADS or (len(word) >= 5 and word[0] == "م" and word[-1] in "يو")


def _object_like(word: str) -> bool:
    """An indefinite object or participle: مشتبهين، منفذي، شخصا."""
    if len(word) >= 5 and word[0] == "م" and word.endswith(("ين", "ي", "ا")):
        return True
    return len(word) >= 4 and word[-1] == "ا" and word[-2] != "ا"


def _normalized(words: str) -> frozenset[str]:
    return frozenset(normalize(words).split())


def _with_conjunction(words: str) -> frozenset[str]:
    return frozenset(prefix + word for word in _normalized(words) for prefix in ("", "و", "ف"))


# Words in ب whose ب is no proclitic before a word of its own, or one that opens no
# complement of the verb (بسبب، بعد، بين), or a noun in ب (بلاده): تهدد سلامة بلاده is no
# threat to do.
_NOT_PROCLITIC: Final = _normalized(
    "بين بينما بعد بعدما بعض بل بلا بسبب بشأن بدون بدوره بدورها بالتالي بالنسبة "
    "بلاد بلاده بلادها بلادهم بلادنا بلد بلده بلدها بلدهم بلدنا بلدكم"
)

# Time words and adverbs that may stand in a gap without counting (ولا تعد كلمة).
_GAP_FREE: Final = _normalized(
    "أمس اليوم الليلة ليلة ليل صباح مساء فجر ظهر عصر يوم الأحد الاثنين الإثنين الثلاثاء "
    "الأربعاء الخميس الجمعة السبت الماضي الماضية أول الأول مطلع هذا هذه الأسبوع الشهر "
    "بالفعل فعلا مجددا أيضا مؤقتا بالخطأ للمرة رسميا كذلك لاحقا مؤخرا حاليا مرة أخرى"
)
_FREE_WORDS = 4  # the most free words a gap takes on top of MAX_GAP
# Words that end the clause a gap is in.
_GAP_STOPS: Final = _normalized(
    "أن إن أنه إنه أنها إنها أنهم بأن وأن الذي التي الذين اللذين اللتين اللواتي لكن ولكن "
    "بينما فيما حيث عندما حين بعدما لما لم لن لا ما قد وقد ثم أو كما"
)
_GAP_PREPOSITIONS: Final = _normalized(
    "في على عن إلى الى مع ضد بين خلال عند لدى حتى منذ بعد قبل أمام داخل خارج قرب نحو حول "
    "عبر عقب إثر وسط من"
)
_PREPOSITION_ARTICLE: Final = ("بال", "لل", "كال", "وبال", "ولل", "فبال", "فلل")
_HEADS: Final = _normalized("أحد إحدى منفذ مدبر مرتكب قائد زعيم عناصر أفراد")
# Quantifiers open the object: what they count may follow them, nothing after it may.
_QUANTIFIERS: Final = _normalized(
    "اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة ثلاث أربع خمس ست سبع ثماني تسع عشر "
    "عشرات مئات آلاف عددا عدد بعض كل جميع"
)


def match_words(
    words: list[Word], table: dict[str, tuple[Compiled, ...]], texts: list[str] | None = None
) -> list[tuple[int, int, int]]:
    """(first word, last word, entry) for each match, overlaps resolved: longest wins.

    Longest counts words, then characters; matches over the very same words all stay (a
    pattern may signal two types: رشق is ASSAULT and, at a protest, PROTEST riot).
    ``texts`` are the words' strings when the caller has them already.
    """
    found: list[tuple[int, int, int]] = []
    if texts is None:
        texts = [word[2] for word in words]
    hits = table.keys() & texts
    if not hits:
        return found
    for index in compress(count(), map(hits.__contains__, texts)):
        for pattern in table[texts[index]]:
            last = _match_rest(words, index + 1, pattern.rest, 0) if pattern.rest else index
            if last is not None:
                found.append((index, last, pattern.entry))
    if len(found) < 2:
        return found
    if all(first == last for first, last, _ in found):
        found.sort()  # one word each: no overlap but on the very same word, and those all stay
        return found
    found.sort(key=lambda m: (m[0] - m[1], words[m[0]][0] - words[m[1]][1], m[0]))
    taken: set[int] = set()
    kept: list[tuple[int, int, int]] = []
    for first, last, entry in found:
        span = range(first, last + 1)
        if taken.isdisjoint(span):
            kept.append((first, last, entry))
            taken.update(span)
        elif any(k[0] == first and k[1] == last for k in kept):
            kept.append((first, last, entry))
    kept.sort()
    return kept


def find_mode_cues(
    text: str, layer: TextLayer, sentence: Span, *, lexicon: Lexicon | None = None
) -> list[ModeCue]:
    """The mode cues in one sentence, in text order: ``انتحاري`` -> suicide-attack."""
    return _mode_cues(text, layer, sentence_words(layer, sentence), lexicon or load_lexicon())


def _mode_cues(
    text: str,
    layer: TextLayer,
    words: list[Word],
    lexicon: Lexicon,
    texts: list[str] | None = None,
) -> list[ModeCue]:
    cues: list[ModeCue] = []
    for first, last, index in match_words(words, lexicon.cues, texts):
        mode = lexicon.entries[index].mode
        if mode is not None:
            start, end = to_original_span(layer, words[first][0], words[last][1], text=text)
            cues.append(ModeCue(start, end, text[start:end], mode))
    return cues


# The marks normalisation removes after a letter (harakat, dagger alef).
_MARKS = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670"


def _ends_in_ta_marbuta(text: str, layer: TextLayer, word: Word) -> bool:
    """Whether the word, as written, ends in ة: the mark of a noun, never of a verb, which
    normalisation merges with the pronoun ه that verb patterns take as a clitic."""
    if not word[2].endswith("ه"):
        return False  # ة normalises to ه: only those words need the original looked at
    start, end = to_original_span(layer, word[0], word[1], text=text)
    return text[start:end].rstrip(_MARKS).endswith("ة")


def _damma_first(text: str, start: int) -> bool:
    """Whether the verb at ``start`` has a damma on its first letter (after و/ف): قُتل."""
    if text[start : start + 1] in ("و", "ف") and text[start + 1 : start + 2] != _DAMMA:
        start += 1
    return text[start + 1 : start + 2] == _DAMMA


def _cue_mode(start: int, mode: str | None, cues: list[ModeCue]) -> str | None:
    """An ASSAULT trigger's mode once the sentence's cues are heard.

    A suicide cue near an explosive wins (انتحاري يقود سيارة مفخخة is a suicide attack);
    otherwise a trigger without a mode takes the nearest cue's.
    """
    for cue in cues:
        if cue.mode == "suicide-attack" and (
            mode is None or (mode == "explosives" and abs(cue.start - start) <= _NEAR)
        ):
            return "suicide-attack"
        if cue.mode == "drone" and mode in (None, "aerial") and abs(cue.start - start) <= _NEAR:
            return "drone"  # غارة شنتها طائرة إسرائيلية من دون طيار: the aircraft was a drone
    if mode is not None or not cues:
        return mode
    return min(cues, key=lambda cue: abs(cue.start - start)).mode


# Words that govern a noun and never a finite verb: a "verb" right after one is its masdar
# or another noun (على طلب، من ثمنها، في تعاون). من and ما are left out (من يتهم: who
# accuses), as are منذ and the adverbs بعد and قبل (منذ اغتيل).
_NOUN_GOVERNORS: Final = _normalized(
    "في على عن إلى الى مع حول ضد بين خلال عبر لدى عند عقب إثر اثر جراء بسبب رغم نحو بدون دون"
)
# بعد and قبل take a finite verb only through أن (بعد أن أدانته); a verb with its object
# pronoun right after them is a masdar with a possessive (بعد إدانته).
_BEFORE_AFTER: Final = _normalized("بعد قبل وبعد وقبل")
_OBJECT_SUFFIXES: Final = ("ه", "ها", "هم", "هما", "هن")
_TO: Final = _normalized("إلى الى على")
_QUOTES: Final = frozenset('«"“')
_REQUEST_REACH = 4  # words back from a demanded thing to the demand


# The types the trained sentence detector decides (``rasd.events.detector``): their verbs
# name the same event as their masdar (مما أدى إلى فتح الجنود النار، خلال تجمع للمطالبة),
# and the detector was fitted on their candidates as the lexicon finds them, a call for a
# strike (دعت إلى الإضراب) included. The context rules below leave them alone.
_DETECTED: Final = frozenset({"ASSAULT", "PROTEST"})


def _governed_verb(
    text: str, layer: TextLayer, words: list[Word], first: int, event_type: str
) -> bool:
    """Whether a verb reading of word ``first`` is ruled out by what stands before it: a
    preposition, which takes a noun (على طلب، من ثمنها), or an opening quote before a form
    in وا, which is then the imperative of a slogan («أوقفوا الهدر»), not a past tense."""
    if first > 0 and event_type not in _DETECTED and words[first - 1][2] in _NOUN_GOVERNORS:
        return True
    if (
        first > 0
        and event_type not in _DETECTED
        and words[first - 1][2] in _BEFORE_AFTER
        and words[first][2].endswith(_OBJECT_SUFFIXES)
    ):
        return True  # بعد إدانتهم، قبل اعتقاله: a masdar and its possessive, not أدانتهم
    if not words[first][2].endswith("وا"):
        return False
    start, _ = to_original_span(layer, words[first][0], words[first][1], text=text)
    before = text[:start].rstrip()
    return before[-1:] in _QUOTES


def _requested(words: list[Word], first: int, lexicon: Lexicon) -> bool:
    """Whether the noun at ``first`` is what a demand asks for (طالب بالإفراج عن،
    للمطالبة بانسحاب، دعا الطرفين إلى وقف إطلاق النار): the REQUEST is the event, the
    release or the ceasefire is not (yet)."""
    if first == 0:
        return False
    reach = 1
    if words[first][2].startswith(("ب", "وب")) or words[first - 1][2] in _TO:
        reach = _REQUEST_REACH
    for at in range(first - 1, max(first - 1 - reach, -1), -1):
        found = lexicon.triggers.get(words[at][2], ())
        if any(lexicon.entries[c.entry].event_type == "REQUEST" for c in found):
            return True
    return False


def _surfaces(words: str) -> frozenset[str]:
    return frozenset(
        surface for word in normalize(words).split() for surface in noun_surfaces(word)
    )


# The press: a meeting, a call or talks with one is an interview, not a consultation between
# parties (في لقاء مع موفد الجزيرة، في اتصال هاتفي أجرته معه «الشرق الأوسط»).
_PRESS: Final = _surfaces(
    "صحيفة جريدة مجلة قناة تلفزيون إذاعة موفد مراسل صحفيين صحافيين صحفي صحافي"
)
_PRESS_PAIRS: Final = {
    normalize(first): _surfaces(second)
    for first, second in (("الشرق", "الأوسط"), ("وكالة", "الصحافة الأنباء"))
}
_PRESS_PAIR_FIRSTS: Final = {
    surface: normalize(first) for first in ("الشرق", "وكالة") for surface in _surfaces(first)
}
_EAST: Final = normalize("الشرق")
_PRESS_REACH = 3  # words after a CONSULT trigger where the press names its interviewer
_IN: Final = _normalized("في خلال")


def _press_at(text: str, layer: TextLayer, words: list[Word], at: int) -> bool:
    """Whether word ``at`` opens the name of a newspaper, a channel or a reporter; الشرق
    الأوسط only in quotes («الشرق الأوسط»), where it is the paper and not the region."""
    word = words[at][2]
    if word in _PRESS:
        return True
    first = _PRESS_PAIR_FIRSTS.get(word)
    if first is None or at + 1 >= len(words) or words[at + 1][2] not in _PRESS_PAIRS[first]:
        return False
    if first != _EAST:
        return True
    start, _ = to_original_span(layer, words[at][0], words[at][1], text=text)
    return text[:start].rstrip()[-1:] in _QUOTES


def _interview(text: str, layer: TextLayer, words: list[Word], first: int, last: int) -> bool:
    """Whether a CONSULT trigger is the press interviewing someone: the press within a few
    words after it (لقاء مع موفد الجزيرة، التقت «الشرق الأوسط» أبو عبد الله), or named
    just before في and the trigger (قال لـ«الشرق الأوسط» في اتصال هاتفي)."""
    after = range(last + 1, min(last + 1 + _PRESS_REACH, len(words)))
    if any(_press_at(text, layer, words, at) for at in after):
        return True
    if first > 0 and words[first - 1][2] in _IN:
        before = range(max(first - 3, 0), first - 1)
        return any(_press_at(text, layer, words, at) for at in before)
    return False


# What a source asks not to have done: طلب عدم ذكر اسمه، عدم الكشف عن هويته.
_WITHHELD: Final = _normalized("ذكر الكشف كشف نشر الإفصاح الافصاح الإشارة تحديد")


def _anonymity(words: Sequence[Word], last: int) -> bool:
    """Whether ``عدم`` and a word of disclosure follow within three words (طلب عدم ذكر
    اسمه، وطلب مسؤول عدم الكشف عن هويته)."""
    for at in range(last + 1, min(last + 4, len(words) - 1)):
        if words[at][2] == "عدم":
            return words[at + 1][2] in _WITHHELD
    return False


# The stances a masdar in the accusative of purpose gives as the reason of another act
# (اعتصموا رفضا لاعتقاله، أضربوا تضامنا مع الأسرى، تظاهروا تنديدا بالغارة): the act is
# the event, the stance its motive. PROTEST's احتجاجا is the detector's to weigh.
_STANCES: Final = frozenset({"SUPPORT", "REJECT", "ACCUSE"})
_SAID: Final = _STANCES | {"REQUEST"}


# Adjuncts that give a stance as the cause or the time of another act (عزل ضباط بسبب رفضهم
# قتل المتظاهرين، استسلموا بعد رفضهم الانسحاب): the act is the news, the stance its story.
_CAUSES: Final = _with_conjunction("بعد إثر اثر عقب بسبب جراء رغم")


# Verbs that take a stance as their object, not as a motive: وجه انتقادا، لقي ترحيبا.
_STANCE_TAKERS: Final = _with_conjunction(
    "وجه وجهت وجهوا يوجه توجه أبدى أبدت أبدوا يبدي تبدي لقي لقيت يلقى تلقى أثار أثارت "
    "يثير تثير واجه واجهت يواجه تواجه أظهر أظهرت يظهر تظهر"
)
_TAKER_REACH = 3  # words back to such a verb: its subject may stand between (وجه الوزير انتقادا)


def _of_purpose(word: str, key: str) -> bool:
    """Whether ``word`` is the indefinite accusative (tanween's alef, no article) of the
    first word of the pattern ``key``: رفضا، ورفضا، تضامنا of رفض، تضامن. A verb's past
    is its masdar's letters (رفض/يرفض), and its dual رفضا reads the same: in news the
    accusative of purpose is the common reading."""
    if word[:1] in ("و", "ف") and len(word) > 3:
        word = word[1:]
    if not word.endswith("ا") or word.startswith("ال"):
        return False
    first = key.split(maxsplit=1)[0]
    return any(word[:-1] == form.split("/")[0] for form in first.split("|"))


# What carries a slogan's words: a call or stance verb right after one is what the slogan
# says (ترديد عبارات تحث الآخرين على الإضراب، لافتات تطالب برحيله، شعارات تدين الاعتداء).
_SLOGANS: Final = _surfaces("عبارات عبارة شعارات شعار هتافات هتاف لافتات لافتة يافطات")
# Object pronouns on the preposition or noun of a release (أفرج عنهم، أطلق سراحه): the
# released were named before.
_RELEASED_BEFORE: Final = ("ه", "ها", "هم", "هما", "هن")


def _imperfect_verb(word: str) -> bool:
    """Whether a verb trigger is an imperfect: يعتقل، تحتجزهم، وتعتقل."""
    if word[:1] in ("و", "ف") and len(word) > 4:
        word = word[1:]
    return word[:1] in ("ي", "ت", "ن")


# The acts whose object a participle of demand right after them names: يعتقل مطالبين
# بالإفراج عن المعتقلين (arrests people demanding), no request of the sentence's own.
_DONE_TO: Final = frozenset({"COERCE", "ASSAULT"})


def _without_demanders(triggers: list[Trigger], text: str) -> list[Trigger]:
    """``triggers`` less a participle of demand (مطالبين، مطالبا) that is the object of the
    arrest or attack verb right before it: the people arrested, not a demand made."""
    if len(triggers) < 2:
        return triggers
    kept = [triggers[0]]
    for before, trigger in pairwise(triggers):
        if (
            trigger.event_type == "REQUEST"
            and trigger.nominal
            and before.event_type in _DONE_TO
            and not before.nominal
            and before.end < trigger.start
            and text[before.end : trigger.start].isspace()
        ):
            continue
        kept.append(trigger)
    return kept


def _released_after_arrest(triggers: list[Trigger]) -> list[Trigger]:
    """``triggers`` less a release of people the sentence told arrested before it (اعتقلت
    عددا من المحتجين قبل أن تفرج عنهم، سبق اعتقاله وإطلاق سراحه): the end of that
    detention, which ACLED codes as the arrest. An imperfect tells a detention still going
    on (من تحتجزهم داعش), whose end is news of its own."""
    arrested = None
    kept = []
    for trigger in triggers:
        if (
            trigger.event_type == "COERCE"
            and trigger.mode == "arrest"
            and arrested is None
            and (trigger.nominal or not _imperfect_verb(normalize(trigger.text)))
        ):
            arrested = trigger.start
        elif (
            trigger.event_type == "RETREAT"
            and trigger.mode == "release"
            and arrested is not None
            and arrested < trigger.start
            and normalize(trigger.text).endswith(_RELEASED_BEFORE)
        ):
            continue
        kept.append(trigger)
    return kept


# A release or withdrawal in ل of purpose is what another act aims at (مفاوضات للإفراج عن
# الرهائن، الهيئة الناشطة لإطلاق سراحه، تمهيدا لانسحاب القوات), not yet done.
_AIM: Final = ("ل", "ول", "فل")
# Verbs whose ل gives a result that came (أدى لاستقالة الوزير), not an aim.
_LED_TO: Final = _with_conjunction("أدى أدت أدوا يؤدي تؤدي أفضى أفضت قاد قادت دفع دفعت")


# What a source declines to give: رفض المتحدث التعليق، رفضوا الإفصاح عن هويتهم.
_COMMENT: Final = _normalized(
    "التعليق الإدلاء الادلاء التحدث الحديث الكشف الإفصاح الافصاح تأكيد الرد الإجابة الاجابة الخوض"
)
_DECLINE_REACH = 8  # words from رفض to what was declined: رفض مصدر في الوزارة، التعليق


def _declined_comment(layer: TextLayer, words: Sequence[Word], last: int) -> bool:
    """Whether a refusal ending at word ``last`` is a source declining to comment (رفض
    مصدر في إدارة الإعلام، التعليق على النبأ): the first masdar of the clause after it."""
    for at in range(last + 1, min(last + 1 + _DECLINE_REACH, len(words))):
        between = layer.normalized[words[at - 1][1] : words[at][0]]
        if any(mark in _BREAKS and mark not in "،," for mark in between):
            return False
        if words[at][2] in _COMMENT:
            return True
    return False


# Whom one prays to: دعوا الله is a prayer, no call on anyone.
_PRAYED_TO: Final = _normalized("الله لله ربه ربهم ربنا ربي")


# Condemnation and conviction share their words (أدان، إدانة). A crime after ب makes it a
# conviction (أدانته المحكمة بقتل، بعد إدانتهم بالتورط، أُدين بتهمة التجسس); condemnation
# takes its object bare (أدانت حماس الغارة) and an adverb in ب (أدان بشدة، بأشد العبارات).
_CONVICTION_WORDS: Final = frozenset(
    {surface for word in normalize("إدانة").split() for surface in noun_surfaces(word)}
    | verb_surfaces(normalize("أدان/يدين|أدين|أدينت|أدينوا|أدينا"))
)
# What one is convicted of, in ب: a charge, a crime (the masdars a court names).
_CRIMES: Final = _normalized(
    "تهمة تهم اتهامات جريمة جرائم جرم قتل القتل تورط التورط انتماء الانتماء الضلوع ضلوع "
    "المشاركة مشاركة ارتكاب تجسس التجسس التخابر تخابر الخيانة خيانة الإرهاب إرهاب الفساد "
    "فساد اختلاس الاختلاس الاحتيال احتيال السرقة سرقة الاغتصاب اغتصاب الاعتداء اعتداء "
    "التحريض تحريض حيازة التآمر تآمر التزوير تزوير الرشوة رشوة تمويل تهريب التهريب الاتجار "
    "اتجار الشروع خطف الخطف اختطاف الاختطاف تفجير التخطيط تخطيط العضوية عضوية تعذيب التعذيب "
    "إهانة الإساءة"
)
# What one professes (دان ب): يدينون بالإسلام، يدين بمذهب الانتحاري، يدينون بالولاء له.
_FAITH: Final = frozenset(
    prefix + word
    for word in _normalized("دين الدين مذهب المذهب الإسلام المسيحية اليهودية الولاء عقيدة")
    for prefix in ("ب", "وب")
)
_COUNTED: Final = _normalized("عدة عدد جملة")  # بعدة اتهامات: the crime after the count
_CONVICTION_REACH = 6  # words from أدان to its crime: أدانت محكمة أميركية جنديا سابقا بقتل
# Acts a crime in ب may belong to instead: أدانت الحكومة قيام الجيش بقتل مدنيين.
_DEEDS: Final = _normalized("قيام قيامه قيامها إقدام إقدامه إقدامها")
_BREAKS: Final = frozenset("،,.:;؛!?؟")


def _crime(layer: TextLayer, words: list[Word], last: int, lexicon: Lexicon) -> int | None:
    """The crime a conviction word ending at word ``last`` names: the first word in ب
    within reach, in the same clause, with no other event's word between (أدانت المنظمة
    اعتقال الصحفي بتهمة التحريض: the charge is the arrest's); None for a condemnation."""
    for at in range(last + 1, min(last + 1 + _CONVICTION_REACH, len(words))):
        between = layer.normalized[words[at - 1][1] : words[at][0]]
        word = words[at][2]
        if any(mark in _BREAKS for mark in between) or word in _GAP_STOPS:
            return None
        if word.startswith("و") and word[1:2] == "ب":
            word = word[1:]
        if word[:1] != "ب" or word in _NOT_PROCLITIC:
            if word in _DEEDS or word in lexicon.triggers:
                return None
            continue
        if word[1:] in _COUNTED and at + 1 < len(words):
            at, word = at + 1, "ب" + words[at + 1][2]
        return at if word[1:] in _CRIMES else None
    return None


def find_triggers(
    text: str,
    layer: TextLayer,
    tokens: Tokens,
    sentence: Span,
    *,
    lexicon: Lexicon | None = None,
) -> list[Trigger]:
    """Trigger candidates in one sentence, in text order (overlaps resolved: longest wins).

    ``tokens`` (the document's, from ``rasd.text.analyze``) is part of the stage contract;
    the lexicon carries its own clitic forms, so matching needs only the text layer.
    """
    del tokens  # matching reads the normalized words; see the docstring
    lexicon = lexicon or load_lexicon()
    words = candidate_words(layer, sentence, lexicon)
    return [] if words is None else triggers_in(text, layer, words, lexicon)


def triggers_in(
    text: str,
    layer: TextLayer,
    words: list[Word],
    lexicon: Lexicon,
    texts: list[str] | None = None,
) -> list[Trigger]:
    """``find_triggers`` over a sentence's words already read (``sentence_words``), and
    their texts when the caller has them."""
    if texts is None:
        texts = [word[2] for word in words]
    matches = match_words(words, lexicon.triggers, texts)
    if not matches:
        return []
    cues: list[ModeCue] | None = None
    triggers: list[Trigger] = []
    seen: set[tuple[int, int, str]] = set()
    charges: set[int] = set()  # the words naming what a conviction was for
    for first, last, index in matches:
        entry = lexicon.entries[index]
        if (first, last, entry.event_type) in seen:
            continue  # the same words as verb and masdar (قتل): the first row wins
        if entry.pos != "noun" and _ends_in_ta_marbuta(text, layer, words[first]):
            continue  # وزارة (ministry) normalises as وزاره (and visited him): no verb
        if entry.pos != "noun" and _governed_verb(text, layer, words, first, entry.event_type):
            continue  # على طلب: the noun; «أوقفوا الهدر»: a slogan's imperative
        if (
            entry.pos == "noun"
            and entry.event_type not in _DETECTED
            and entry.event_type != "REQUEST"
            and _requested(words, first, lexicon)
        ):
            continue  # طالبوا بالإفراج عنه: a demand, not a release
        if (
            entry.pos != "passive"
            and entry.event_type in _STANCES
            and _of_purpose(texts[first], entry.key)
            and _STANCE_TAKERS.isdisjoint(texts[max(first - _TAKER_REACH, 0) : first])
        ):
            continue  # رفضا لاعتقاله: the motive of the act it follows
        if (
            entry.pos == "noun"
            and entry.event_type in _STANCES
            and first > 0
            and texts[first - 1] in _CAUSES
        ):
            continue  # استسلموا بعد رفضهم الانسحاب: why or when another act was done
        if (
            entry.event_type == "CONSULT"
            and entry.mode != "visit"
            and _interview(text, layer, words, first, last)
        ):
            continue  # في لقاء مع موفد الجزيرة: an interview, no meeting of parties
        if (
            entry.event_type == "REQUEST"
            and last + 1 < len(words)
            and words[last + 1][2] in _PRAYED_TO
        ):
            continue  # دعوا الله: a prayer
        if entry.event_type == "REQUEST" and _anonymity(words, last):
            continue  # طلب عدم ذكر اسمه: a source asking for anonymity
        if entry.event_type == "REJECT" and _declined_comment(layer, words, last):
            continue  # رفض المتحدث التعليق: a source declining to comment
        if (
            entry.event_type in _SAID
            and entry.pos == "verb"
            and first > 0
            and texts[first - 1] in _SLOGANS
        ):
            continue  # شعارات تطالب برحيله، لافتات تندد: what a slogan says
        if (
            entry.event_type == "RETREAT"
            and entry.pos == "noun"
            and texts[first].startswith(_AIM)
            and (first == 0 or texts[first - 1] not in _LED_TO)
        ):
            continue  # جهود للإفراج عن الرهائن، حملة لإطلاق سراحه: the aim of another act
        if entry.mode == "third-party" and texts[first].startswith(("ب", "وب")):
            continue  # تبادل للأسرى بوساطة قبلية: the manner of the act it qualifies
        if (
            entry.event_type in ("ACCUSE", "SANCTION")
            and texts[first] in _CONVICTION_WORDS
            and last + 1 < len(words)
            and texts[last + 1] in _FAITH
        ):
            continue  # يدينون بالإسلام، يدين بمذهب: professes a faith
        if entry.event_type in ("ACCUSE", "SANCTION") and texts[first] in _CONVICTION_WORDS:
            crime = _crime(layer, words, last, lexicon)
            if crime is not None:
                charges.add(crime)
            if (entry.event_type == "SANCTION") != (crime is not None):
                continue  # أدانته المحكمة بقتل: a conviction; أدانت حماس الغارة: condemnation
        if entry.event_type == "ACCUSE" and first in charges:
            continue  # أدين بعدة اتهامات: the charges a court upheld, no one accusing
        seen.add((first, last, entry.event_type))
        start, end = to_original_span(layer, words[first][0], words[last][1], text=text)
        mode = entry.mode
        if entry.event_type == "ASSAULT":
            if cues is None:
                cues = _mode_cues(text, layer, words, lexicon, texts)
            mode = _cue_mode(start, mode, cues)
        # Harakat, where the writer gave them, tell the passive: قُتل، اُعتقل.
        passive = entry.pos == "passive" or (entry.pos == "verb" and _damma_first(text, start))
        triggers.append(
            Trigger(
                start=start,
                end=end,
                text=text[start:end],
                event_type=entry.event_type,
                mode=mode,
                context=entry.context,
                nominal=entry.pos == "noun",
                passive=passive,
                weight=entry.weight,
                key=entry.key,
            )
        )
    return _without_demanders(_released_after_arrest(triggers), text)
