"""PLOVER's auxiliary flags: whether a reported event did not happen, may happen, or will.

The cue must come before the trigger, in the same clause for the cues that bind tightly:

- ``negated``: a negative particle (لم، لن، لا، ما، ليس) one or two words before the
  trigger, or three with a light verb between (``لم تسجل أي إصابات``); ``عدم``، ``دون``
  and ``بدون`` before a masdar; a verb of denial (نفى، نفت، ينفي) earlier in the sentence;
  a verb of foiling (أحبط، إحباط، أفشل) a few words before in the clause.
  ``لا يزال``، ``ما زال`` ("still") and ``لا سيما`` are no negation.
- ``future``: ``سوف`` or ``سـ`` on an imperfect (``ستعتقل``), ``قد`` before an imperfect
  ("may"; ``قد قتل`` and ``كان قد`` are past), a threat, call, intent or hope earlier in the
  sentence (هدد ب، توعد، دعا إلى، طالب ب، يعتزم، ينوي، يخطط، من المقرر، من المتوقع), or
  ``المقبل``/``القادم`` in the clause.
- ``hypothetical``: إذا، لو، في حال، ما لم، شرط, or إن at the head of a clause in a
  sentence with no verb of saying before it (after قال, إن is "that"). A condition governs
  the clause after it too (``إذا هاجموا، سنرد``), so this cue may stand across a comma.

A clause ends at punctuation and at words that start a new one (لكن، بينما، في حين، ثم),
and the sentence-wide cues (denial, threat, call, condition) stop there too.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from rasd.events.numbers import sentence_words
from rasd.model import Span, TextLayer
from rasd.text import normalize, to_normalized_offset


@dataclass(frozen=True, slots=True)
class Flags:
    """The PLOVER flags of one event; ``historical`` is read from dates, elsewhere."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False


def _split(words: str) -> frozenset[str]:
    return frozenset(normalize(words).split())


def _with_conjunctions(words: str) -> frozenset[str]:
    return frozenset(prefix + word for word in _split(words) for prefix in ("", "و", "ف"))


_NEGATIONS: Final = _with_conjunctions("لم لن لا ليس ليست ليسوا لست")
_IN: Final = _with_conjunctions("في")
_STILL: Final = _split("زال يزال تزال زالت زالوا يزالون يزل سيما")
# Light verbs and determiners that may stand between a negation and its masdar.
_LIGHT: Final = _split(
    "وقوع حدوث تسجيل يتم تتم تم يقع تقع وقع يجر يجري تجري تسجل يسجل سجل يحدث تحدث "
    "أي يعد تعد ترد يرد"
)
_WITHOUT: Final = _with_conjunctions("عدم دون بدون")
_DENIALS: Final = _with_conjunctions("نفى نفت نفوا ينفي تنفي ينفون نفي")
# A foiled act did not happen: أحبطت الشرطة محاولة لتفجير سيارة مفخخة، إحباط هجوم.
_FOILED: Final = _with_conjunctions(
    "أحبط أحبطت أحبطوا يحبط تحبط إحباط احباط بإحباط أفشل أفشلت أفشلوا يفشل إفشال بإفشال"
)

_FUTURE_NEAR: Final = _with_conjunctions("سوف")
_MAY: Final = _with_conjunctions("قد")
_PAST_BEFORE_MAY: Final = _with_conjunctions("كان كانت كانوا يكون تكون")
# سيطر، سياسة، سيارة، ستار start with س + an imperfect prefix and are no future.
_NOT_FUTURE: Final = (
    *("سيطر", "سيا", "سيد", "سين", "سيم", "ستار", "ستو", "سته", "ستم", "ستون", "ستين"),
    *("سنو", "سنه", "سنين", "سنت"),  # سنوات، سنة، سنتين: years
)
_INTENT: Final = _with_conjunctions(
    "هدد هددت هددوا يهدد تهدد يهددون تهديد تهديدات توعد توعدت توعدوا يتوعد تتوعد دعا دعت "
    "دعوا يدعو تدعو دعوة دعوات الدعوات لدعوات طالب طالبت طالبوا يطالب تطالب يطالبون مطالبة "
    "حث حثت حثوا يحث تحث "  # urged: حث الوزير على الإفراج عنهم
    # readiness is no act yet: أعلنت استعدادها للإفراج عنهم، إسرائيل مستعدة لضمان الأمن بالقوة
    "مستعد مستعدة مستعدون مستعدين استعداد استعداده استعدادها استعدادهم استعدادات "
    # what is expected is yet to come: ينتظر أن يحل الوزير، يتوقع أن تبدأ المحادثات
    "ينتظر تنتظر يتوقع تتوقع نتوقع يرتقب ترتقب توقع توقعت توقعه "
    # an obligation is no act yet: يجب أن تفرج الحكومة عنهم، على النظام أن يوقف
    "يجب ينبغي يتعين يتوجب "
    "يعتزم تعتزم اعتزام "
    "ينوي تنوي نية يخطط تخطط يخططون عزم عزمها عزمه عزمهم يستعد تستعد تعهد تعهدت يتعهد "
    # a hope or wish is no event yet: عبر عن أمله في الإفراج عنهم
    "أمل أمله أملها أملهم يأمل تأمل نأمل آمل تمنى تمنت يتمنى تتمنى"
)
_TO: Final = _split("إلى الى")
_SCHEDULED: Final = _split("المقرر المتوقع المنتظر المزمع المرتقب")
_COMING: Final = _split("المقبل المقبلة القادم القادمة")

# ولو is "even if", طالما "as long as" or "often": no condition on the event.
# فإذاً ("so") reads as فإذا once the tanween is gone, so only إذا and وإذا count.
_CONDITIONS: Final = frozenset(_split("إذا وإذا لو لولا شرط بشرط شريطة"))
# إن is a condition only before the verbs it usually governs (إن لم، إن كان); before a noun
# it is the emphatic إنّ.
_CONDITIONAL_VERBS: Final = _split("لم كان كانت كانوا تم وقع حدث استمر استمرت")
_CONDITION_PAIRS: Final = frozenset(
    {("في", "حال"), ("في", "حاله"), ("وفي", "حال"), ("وفي", "حاله"), ("ما", "لم")}
)
_SPEECH: Final = _with_conjunctions(
    "قال قالت قالوا يقول تقول أكد أكدت أضاف أضافت أوضح أوضحت أعلن أعلنت ذكر ذكرت أفاد "
    "أفادت أشار أشارت صرح صرحت اعتبر اعتبرت رأى يرى"
)

_PUNCTUATION: Final = frozenset('،,.:؛;«»“”"()[]!?؟-–—')
_CLAUSE_WORDS: Final = _split("لكن لكنه لكنها ولكن بينما فيما حين ثم حيث الذي التي الذين")
_CONTRAST: Final = _split("لكن لكنه لكنها ولكن بينما حين")
_CLAUSE_STOPS: Final = _CLAUSE_WORDS | _PUNCTUATION
_SENTENCE_STOPS: Final = _CONTRAST | (_PUNCTUATION - {"،", ","})
# Every word a cue starts or ends with, to tell at once that a sentence has none.
_ANY_CUE: Final = (
    _NEGATIONS
    | _WITHOUT
    | _DENIALS
    | _FOILED
    | _FUTURE_NEAR
    | _MAY
    | _INTENT
    | _SCHEDULED
    | _COMING
    | _CONDITIONS
    | frozenset(("ما", "حال", "حاله", "لم", "ان", "وان"))
)
_NONE: Final = Flags()
_GOVERNS = 5  # words from a threat or call to what it threatens or calls for
_DENIES = 10  # words from a denial or a condition to the event it governs
_NEAR = 2  # words a negative particle may stand before its verb
_FAR = 3  # ... with a light verb between (لم تسجل أي إصابات)


def _trigger_index(starts: list[int], layer: TextLayer, trigger: Span) -> int:
    return max(bisect_right(starts, to_normalized_offset(layer, trigger.start)) - 1, 0)


def _clause_start(words: list[str], index: int, *, stops: frozenset[str]) -> int:
    """The first word of the stretch before ``words[index]`` that ``stops`` do not cut."""
    at = index
    while at > 0 and words[at - 1] not in stops:
        at -= 1
    return at


def _negated(words: list[str], clause: int, sentence_start: int, index: int) -> bool:
    for at in range(index - 1, max(clause, index - 1 - _FAR) - 1, -1):
        word = words[at]
        distance = index - at
        between = words[at + 1 : index]
        # في ما is فيما ("while": في ما استشهد فلسطينيان), no negation
        spelled_apart = word == "ما" and at > 0 and words[at - 1] in _IN
        if word in _NEGATIONS or (word == "ما" and distance == 1 and not spelled_apart):
            if at + 1 < len(words) and words[at + 1] in _STILL:
                return False
            if distance <= _NEAR or all(w in _LIGHT for w in between):
                return True
        if word in _WITHOUT and (distance == 1 or all(w in _LIGHT for w in between)):
            return True
    if any(word in _FOILED for word in words[max(clause, index - _GOVERNS) : index]):
        return True
    return any(word in _DENIALS for word in words[max(sentence_start, index - _DENIES) : index])


def _imperfect(word: str) -> bool:
    """Whether ``word`` looks like an imperfect verb: يقتل، نعتقل، تتظاهر."""
    if word[:1] in "وف" and len(word) > 4:
        word = word[1:]
    return len(word) >= 4 and (word[0] in "ين" or word.startswith("تت"))


def _future_prefix(word: str) -> bool:
    """Whether ``word`` is an imperfect with the future سـ: ستعتقل، سيقتل."""
    if word[:1] in "وف":
        word = word[1:]
    return (
        len(word) >= 4 and word[0] == "س" and word[1] in "يتن" and not word.startswith(_NOT_FUTURE)
    )


def _future(words: list[str], clause: int, sentence_start: int, index: int) -> bool:
    trigger = words[index]
    if _future_prefix(trigger):
        return True
    for at in range(index - 1, clause - 1, -1):
        word = words[at]
        if word in _FUTURE_NEAR or (index - at <= _FAR and _future_prefix(word)):
            return True
        if (
            word in _MAY
            and index - at <= _FAR
            and at + 1 < len(words)
            and _imperfect(words[at + 1])
            and not (at > 0 and words[at - 1] in _PAST_BEFORE_MAY)
        ):
            return True
    # a call's object after a comma: دعا مجلس الأمن الجمعة، إلى هدنة إنسانية
    if (
        index - 1 == clause
        and words[clause] in _TO
        and any(word in _INTENT for word in words[sentence_start:index])
    ):
        return True
    # a threat or call governs the masdar or clause right after it: هدد بمهاجمة
    for at in range(max(clause, index - _GOVERNS), index):
        word = words[at]
        if word in _INTENT or (word in _SCHEDULED and at > 0 and words[at - 1] == "من"):
            return True
    end = index + 1
    while end < len(words) and end - index <= 6 and words[end] not in _PUNCTUATION:
        end += 1
    return any(word in _COMING for word in words[clause:end])


def _conditional_in(text: str, layer: TextLayer, starts: list[int], at: int) -> bool:
    """Whether the normalized ``ان`` at word ``at`` is written إن: the conditional."""
    offsets = layer.to_original
    original = starts[at] if offsets is None else offsets[starts[at]]
    return text[original : original + 1] == "إ"


def _hypothetical(
    text: str, layer: TextLayer, words: list[str], starts: list[int], first: int, index: int
) -> bool:
    speech = not _SPEECH.isdisjoint(words[:first])
    for at in range(max(first, index - _DENIES), index):
        word = words[at]
        if word in _SPEECH:
            speech = True
        if word in _CONDITIONS or (word, words[at + 1]) in _CONDITION_PAIRS:
            return True
        if (
            word in ("ان", "وان")
            and not speech
            and (at == first or words[at - 1] in _PUNCTUATION)
            and words[at + 1] in _CONDITIONAL_VERBS
            and _conditional_in(text, layer, starts, at)
        ):
            return True
    return False


def event_flags(text: str, layer: TextLayer, sentence: Span, trigger: Span) -> Flags:
    """The flags of the event whose trigger is ``text[trigger]``, in ``text[sentence]``.

    ``لم يقتل أحد`` is negated, ``ستعتقل الشرطة`` future, ``إذا هاجمت القوات`` hypothetical;
    in ``قتل شخص ولم يصب أحد`` the trigger ``قتل`` is none of them.
    """
    # The armed-attack rule reads a candidate's flags before the coder does: remember the
    # sentence's.
    memo = _LAST_FLAGS[0]
    if not (memo[0] is text and memo[1] is layer and memo[2] == sentence):
        memo = (text, layer, sentence, {})
        _LAST_FLAGS[0] = memo
    key = (trigger.start, trigger.end)
    flags = memo[3].get(key)
    if flags is None:
        flags = memo[3][key] = _flags(text, layer, sentence, trigger)
    return flags


# The last sentence's flags by trigger span, with the very objects they were read from.
_LAST_FLAGS: list[
    tuple[str | None, TextLayer | None, Span | None, dict[tuple[int, int], Flags]]
] = [(None, None, None, {})]


def _flags(text: str, layer: TextLayer, sentence: Span, trigger: Span) -> Flags:
    words, starts, _ = sentence_words(layer, sentence)
    if not words:
        return Flags()
    index = _trigger_index(starts, layer, trigger)
    if _ANY_CUE.isdisjoint(words[: index + 8]) and not any(
        map(_future_prefix, words[max(index - _FAR, 0) : index + 1])
    ):
        return _NONE  # most events: no cue anywhere near
    clause = _clause_start(words, index, stops=_CLAUSE_STOPS)
    # the sentence-wide cues go back across commas to the last contrast (لكن، بينما)
    sentence_start = _clause_start(words, index, stops=_SENTENCE_STOPS)
    return Flags(
        negated=_negated(words, clause, sentence_start, index),
        hypothetical=_hypothetical(text, layer, words, starts, sentence_start, index),
        future=_future(words, clause, sentence_start, index),
    )
