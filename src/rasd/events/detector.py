"""Which trigger candidates report an event: a sentence detector for ASSAULT and PROTEST.

The gold standard (gsr-dev) calls a sentence "yes" only when every annotator agreed it
reports such an event. Its hard negatives name violence too: background (في عام 2005),
commentary (جريمة الاغتيال النكراء), plans and threats (خطط لاغتيال), denials (نفى), and
generic talk of attacks (الهجمات الانتحارية أصبحت متكررة). So the decision is learned over
features of the sentence around its triggers: which lexicon patterns fired and how, cues of
negation, futurity, calls and threats, condemnation, reported speech, recency (أمس، فجر
اليوم), a year in the text, casualty counts, and the sentence's words. The weights are
trained by ``train/build_events.py`` (logistic regression, scikit-learn at build time) and
stored in ``resources/event_detector.json``; here they are applied in plain Python, only to
sentences that have a candidate, so a sentence costs microseconds.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Final

from rasd.events.lexicon import Lexicon, load_lexicon
from rasd.events.triggers import Trigger, Word, candidates, triggers_in
from rasd.model import Span, TextLayer, Tokens
from rasd.resources import bulk_load
from rasd.text import normalize, to_normalized_offset

RESOURCE = "event_detector.json"
TRAINED: Final = ("ASSAULT", "PROTEST")
# Other types pass on lexicon weight alone; below this a pattern is too ambiguous alone
# (ضرب، دعم، منع). Not tuned: the gold standard has no labels for them.
MIN_WEIGHT = 0.5


def _words(*groups: str) -> frozenset[str]:
    return frozenset(normalize(word) for group in groups for word in group.split())


def _with_conjunction(words: frozenset[str]) -> frozenset[str]:
    return words | {"و" + word for word in words} | {"ف" + word for word in words}


# Cue words, normalized; a leading و/ف is allowed on each.
CUES: Final[dict[str, frozenset[str]]] = {
    name: _with_conjunction(_words(words))
    for name, words in {
        "neg": "لم لن لا ليس ليست دون بدون نفى نفت نفوا ينفي تنفي عدم",
        "future": "سوف سيتم ستتم يعتزم تعتزم ينوي تنوي قرر قررت مستقبلا",
        "call": "دعا دعت يدعو تدعو طالب طالبت يطالب تطالب ناشد يجب ينبغي حث حثت لتنظيم",
        "threat": "هدد هددت يهدد تهدد توعد توعدت تهديد تهديدات حذر حذرت يحذر تحذير",
        "modal": "قد يمكن ضرورة يجب ينبغي سوف لعل ربما",
        "attempt": "محاولة محاولات حاول حاولت خطط خططت يخطط التخطيط مخطط أحبط أحبطت "
        "إحباط لمنع نجا نجت",
        "condemn": "أدان أدانت يدين تدين ندد نددت يندد استنكر استنكرت جريمة الجريمة "
        "النكراء الإرهاب الإرهابية إدانة",
        "accuse": "اتهم اتهمت متهم المتهم بتهمة بتهم اتهام المتهمين التورط بالتورط",
        "claim": "تبنت تبنى تبني المسؤولية مسؤوليتها مسؤوليته",
        "report": "قال قالت أعلن أعلنت أفاد أفادت ذكر ذكرت أكد أكدت أوضح أوضحت بحسب "
        "وفقا حسب حسبما مصدر مصادر شهود بيان ونقلت",
        "recent": "أمس اليوم الليلة فجر صباح مساء ظهر الأحد الاثنين الإثنين الثلاثاء "
        "الأربعاء الخميس الجمعة السبت",
        "history": "عام سنة منذ ذكرى الذكرى السابق سابق سابقة الأخيرة",
        "generic": "عمليات سلسلة ظاهرة متكررة مستوى مستويات عدد",
        "casualty": "قتلى قتيلا قتيل قتيلين جرحى جريحا مقتل مصرع إصابة بجروح أصيب أصيبوا "
        "قتلوا قتلا ضحايا",
        "crowd": "مئات آلاف الآلاف عشرات الآلاف المئات حشد حشود جموع",
        "dispersal": "فرقت تفريق لتفريق الشرطة الأمن مكافحة الشغب",
        "media": "صحيفة الصحف مقال كتاب فيلم الإنترنت موقع",
    }.items()
}
_BEFORE: Final = ("neg", "future", "call", "threat", "attempt")


def _index(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """word -> the cue lists it is on, in CUES order: one dict hit per word."""
    found: dict[str, list[str]] = {}
    for name in names:
        for word in sorted(CUES[name]):
            found.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in found.items()}


_CUE_INDEX: Final = _index(CUES)
_NEAR_CUES: Final = _index(_BEFORE)
# The feature names of each cue word, built once rather than for every sentence.
_CUE_FEATURES: Final = {
    word: tuple("cue:" + n for n in names) for word, names in _CUE_INDEX.items()
}
_BEFORE_FEATURES: Final = {
    word: tuple("before:" + n for n in names) for word, names in _NEAR_CUES.items()
}
_YEAR: Final = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DIGITS: Final = re.compile(r"\d")
# A number before a casualty noun: 15 قتيلا، 30 شخصا، 5 من عناصر
_COUNT: Final = re.compile(
    normalize(r"\d+\s+(?:من\s+)?(?:قتيل|جريح|شخص|أشخاص|مدني|جندي|جنود|عنصر|عناصر|آخر|مسلح)")
)
WORD_FEATURES = True
SPEECH: Final = _with_conjunction(
    _words(
        "قال قالت قالوا يقول تقول أكد أكدت أضاف أضافت أوضح أوضحت أشار أشارت ذكر ذكرت "
        "أفاد أفادت أعلن أعلنت أعلنوا صرح صرحت زعم زعمت"
    )
)
COMPLEMENTS: Final = _with_conjunction(_words("أن إن أنه إنه أنها إنها أنهم إنهم بأن بأنه"))
RELATIVES: Final = _words("الذي التي الذين اللذين اللتين اللواتي اللاتي")
BACKGROUND: Final = _with_conjunction(_words("منذ سبق سبقت سابق السابق الماضية ذكرى"))
_CLAUSE_OPENERS: Final = _words("ثم كما وقد فقد لقد قد حيث بعدما عندما حين")
_ADJ_SPECIFIC: Final = _words("انتحاري انتحارية مسلح مسلحة صاروخي جوي جوية بسيارة بعبوة")
NUMBERS: Final = _with_conjunction(
    _words(
        "اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشر ثلاث أربع خمس ست سبع "
        "ثماني تسع عشرات مئات آلاف عشرين ثلاثين أربعين خمسين"
    )
)
VICTIMS: Final = _words(
    "قتيلا قتلى قتيل جريحا جرحى شخصا أشخاص أشخاصا مدنيين مدنيا جنود جنديا جنديين شرطيا "
    "عناصر عنصرا مسلحين مسلحا آخرين آخرون مواطنين مواطنا"
)
PLACE_HEADS: Final = _words("مدينة بلدة قرية محافظة منطقة حي شارع ناحية قضاء مخيم مدينتي")
_PLACE_PREPOSITIONS: Final = _words("في قرب بالقرب شمال جنوب شرق غرب وسط")
_PREFIXES: Final = ("وبال", "بال", "وال", "فال", "لل", "ال", "وب", "ب", "و", "ف", "ل", "س")
# The people of a protest, read off a normalized word: its proclitics, whether it is
# definite, its stem and its case ending (المتظاهرون, للمحتجين, ومعتصمين).
_PARTICIPANT_STEMS = "(?:متظاهر|محتج|معتصم|مضرب)"
_PARTICIPANT: Final = re.compile(
    r"^[وف]?(?:(?P<definite>[بك]?ال|لل)|[بلك])?" + _PARTICIPANT_STEMS + "(?P<case>ون|ين|ا|ات)?$"
)
# A participant noun with no proclitic but the article: the protesters themselves.
_PARTICIPANT_BARE: Final = re.compile("^(?:ال)?" + _PARTICIPANT_STEMS + "(?:ون|ين|ا|ات)?$")


@lru_cache(maxsize=1 << 15)
def participant_span(word: str) -> int | None:
    """How many letters of ``word`` (original text) precede the participant noun it is
    (``والمتظاهرون`` -> 1), or None when it is none."""
    for skip in range(3):
        if _PARTICIPANT_BARE.match(normalize(word[skip:])):
            return skip
    return None


# Words that count the people after them: مئات المتظاهرين، الآلاف من المحتجين، نحو 500.
QUANTITY_WORDS: Final = _with_conjunction(
    _words(
        "مئات المئات آلاف الآلاف ألوف الألوف عشرات العشرات مليون ملايين ألف عدد نحو حوالي "
        "قرابة زهاء أكثر آلافا"
    )
)
# Nouns of a crowd that gathers, besides the participant nouns.
_CROWD: Final = _with_conjunction(
    _words(
        "الناس أنصار مناصرو مناصري المواطنون مواطنون مواطنين الطلاب طلاب السكان سكان الأهالي "
        "أهالي العمال عمال الآلاف المئات"
    )
)
_CROWD_WINDOW = 3  # words before or after a gathering verb where its crowd may stand
# Verbs of gathering: a crowd that comes together is the protest itself (تجمع نحو 500
# متظاهر، احتشد متظاهرون), where ردد المتظاهرون هتافات tells a detail of one already told.
GATHERING: Final = _with_conjunction(
    _words(
        "تجمع تجمعت تجمعوا يتجمع يتجمعون احتشد احتشدت احتشدوا يحتشد يحتشدون تجمهر تجمهرت "
        "تجمهروا اعتصم اعتصمت اعتصموا يعتصم يعتصمون تظاهر تظاهرت تظاهروا يتظاهر يتظاهرون "
        "خرج خرجت خرجوا نزل نزلت نزلوا تدفق تدفقت تدفقوا"
    )
)


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic regression over sparse binary features: P = σ(bias + Σ weights).

    ``weights`` are keyed by the full feature names (``ASSAULT|t:قتل/يقتل``); ``plain`` and
    ``lexical`` are the same weights split for run time, the type prefix dropped and the
    word features (``w:``) keyed by the bare word, so that scoring a sentence builds no
    feature string for its words.
    """

    weights: dict[str, float]
    bias: float
    threshold: float
    plain: dict[str, float] = field(init=False, repr=False, compare=False)
    lexical: dict[str, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        plain: dict[str, float] = {}
        lexical: dict[str, float] = {}
        for key, weight in self.weights.items():
            name = key.split("|", 1)[1] if "|" in key else key
            if name.startswith("w:"):
                lexical[name[2:]] = weight
            else:
                plain[name] = weight
        object.__setattr__(self, "plain", plain)
        object.__setattr__(self, "lexical", lexical)

    def probability(self, features: Iterable[str]) -> float:
        weights = self.weights
        return _sigmoid(self.bias + sum(weights.get(feature, 0.0) for feature in set(features)))

    def score(self, features: Iterable[str], words: Iterable[str]) -> float:
        """``probability`` of unprefixed features plus the sentence's bare words."""
        # map over dict.get with a default runs in C; the sums add in the same order
        total = self.bias + sum(map(self.plain.get, set(features), repeat(0.0)))
        return _sigmoid(total + sum(map(self.lexical.get, words, repeat(0.0))))


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score)) if score > -30 else 0.0


@dataclass(frozen=True, slots=True)
class Detector:
    """The trained models per type; a type without one passes on lexicon weight."""

    models: dict[str, Model]
    min_weight: float = MIN_WEIGHT


@lru_cache(maxsize=1 << 16)
def _prefix(surface: str) -> str:
    for prefix in _PREFIXES:
        if surface.startswith(prefix) and len(surface) - len(prefix) >= 3:
            return prefix
    return ""


def _best(triggers: list[Trigger]) -> Trigger:
    """The candidate the decision leans on: the most reliable, the first on a tie."""
    best = triggers[0]
    for trigger in triggers[1:]:
        if trigger.weight > best.weight:
            best = trigger
    return best


def _tense(trigger: Trigger, surface: str) -> str:
    """past / imperfect / future of a verbal trigger, read off its surface and pattern."""
    bare = surface[1:] if surface[:1] in "وف" and len(surface) > 3 else surface
    if bare[:1] == "س" and bare[1:2] in "يتن" and len(bare) > 4:
        return "future"
    past = trigger.key.split("/", 1)[0].split("|", 1)[0].split(" ", 1)[0]
    if past and bare.startswith(past[:2]) and not past.startswith(("ي", "ت", "ن")):
        return "past"
    return "imperfect" if bare[:1] in "يتن" else "past"


def trigger_features(trigger: Trigger, index: int, texts: list[str]) -> list[str]:
    """Linguistic features of the best trigger: how the sentence frames its event.

    A past verb opening its clause (وقتل، فجر) narrates; a definite masdar (الهجوم) points
    back at an event already told; a plural masdar (الهجمات) generalises; a trigger after
    قال ... أن sits in reported speech, after الذي/التي in a relative clause, after
    منذ/كان قد/سبق in the background, after لم/لن/نفى under negation, after سوف/هدد/دعا
    in the future or a call.
    """
    features: list[str] = []
    surface = texts[index] if index < len(texts) else ""
    before = texts[max(0, index - 4) : index]
    previous = texts[index - 1] if index > 0 else ""
    if trigger.nominal:
        prefix = _prefix(surface)
        features.append(f"b:noun:{'def' if prefix.endswith(('ال', 'لل')) else 'indef'}")
        if surface.endswith("ات"):
            features.append("b:plural")
        if index + 1 < len(texts) and texts[index + 1] in _ADJ_SPECIFIC:
            features.append("b:noun+adj")
    else:
        tense = _tense(trigger, surface)
        features.append(f"b:{'passive' if trigger.passive else 'verb'}:{tense}")
        if index == 0 or surface[:1] in "وف" or previous in _CLAUSE_OPENERS:
            features.append(f"b:clause-start:{tense}")
    if index <= 1:
        features.append("b:first")
    if previous in RELATIVES or (len(before) > 1 and before[-2] in RELATIVES):
        features.append("b:relative")
    window = set(before)
    for name in ("neg", "future", "call", "threat", "attempt", "modal"):
        if not CUES[name].isdisjoint(window):
            features.append(f"b:{name}")
    preceding = set(texts[:index])
    if not SPEECH.isdisjoint(preceding):
        features.append("b:speech")
        if not COMPLEMENTS.isdisjoint(preceding):
            features.append("b:speech+that")
    if not CUES["condemn"].isdisjoint(preceding):
        features.append("b:after-condemn")
    if not BACKGROUND.isdisjoint(preceding) or "كان قد" in " ".join(before):
        features.append("b:background")
    return features


def bare_words(texts: Iterable[str]) -> set[str]:
    """The sentence's words for the bag-of-words features, a leading و/ف dropped."""
    return set(map(_bare, texts))


@lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    return word[1:] if word[:1] in "وف" and len(word) > 3 else word


def structural_features(triggers: list[Trigger], words: list[Word], layer: TextLayer) -> list[str]:
    """Every feature of ``sentence_features`` but the words, without the type prefix."""
    texts = [word[2] for word in words]
    starts = [word[0] for word in words]
    return [
        *_candidate_features(triggers, texts, starts, layer),
        *_context_features(words, texts, layer),
    ]


def _candidate_features(
    triggers: list[Trigger], texts: list[str], starts: list[int], layer: TextLayer
) -> list[str]:
    """The features of the candidates of one type and of the words around them."""
    features = [f"n={min(len(triggers), 3)}"]
    best = _best(triggers)
    features.append(f"maxw>={int(best.weight * 10) / 10}")
    for trigger in triggers:
        features.extend(
            _pattern_features(trigger.key, trigger.mode, trigger.passive, trigger.nominal)
        )
        index = bisect_left(starts, to_normalized_offset(layer, trigger.start))
        if trigger is best:
            features.extend(trigger_features(trigger, index, texts))
        if index < len(texts):
            features.extend(_surface_features(texts[index]))
        if index > 0:
            features.append(_previous_feature(texts[index - 1]))
        for word in _NEAR_CUES.keys() & texts[max(0, index - 4) : index]:
            features.extend(_BEFORE_FEATURES[word])
    if best.event_type == "PROTEST":
        features.extend(participant_features(texts, starts, layer))
    return features


def _crowd_after(texts: list[str], starts: list[int], normalized: str, index: int) -> bool:
    """Whether a crowd stands within a few words of the verb at ``index``: a participant
    noun, a crowd noun (الناس، أنصار), a quantity word or a number (تجمع نحو 500 متظاهر،
    مليون متظاهر خرجوا)."""
    first = max(0, index - _CROWD_WINDOW)
    end = min(index + 1 + _CROWD_WINDOW, len(texts))
    for at in range(first, end):
        word = texts[at]
        if _PARTICIPANT.match(word) or word in _CROWD or word in QUANTITY_WORDS:
            return True
    stop = starts[end] if end < len(starts) else len(normalized)
    return _DIGITS.search(normalized[starts[first] : stop]) is not None


def participant_features(texts: list[str], starts: list[int], layer: TextLayer) -> list[str]:
    """How a protest sentence names its people: counted (مئات المتظاهرين، 500 متظاهر) or
    gathering (تجمع، احتشد، اعتصم) tells a new protest; a definite participant noun that
    nothing counts (وردد المتظاهرون هتافات) points back at one already told.
    """
    features: list[str] = []
    normalized = layer.normalized
    if not GATHERING.isdisjoint(texts):
        for index, word in enumerate(texts):
            if word in GATHERING and _crowd_after(texts, starts, normalized, index):
                features.append("p:gather")
                break
    for index, word in enumerate(texts):
        found = _PARTICIPANT.match(word)
        if found is None:
            continue
        previous = texts[index - 1] if index else ""
        counted = (
            previous in QUANTITY_WORDS
            or (previous == "من" and index > 1 and texts[index - 2] in QUANTITY_WORDS)
            or (index > 0 and _DIGITS.search(normalized[starts[index - 1] : starts[index]]))
        )
        if counted:
            features.append("p:counted")
        elif found["definite"]:
            features.append(f"p:def:{'subject' if found['case'] == 'ون' else 'oblique'}")
        else:
            features.append("p:indef")
    return features


# The feature strings of a pattern, a word and the word before a trigger: the same few
# hundred recur in every article, so each is built once.
@lru_cache(maxsize=1 << 12)
def _pattern_features(key: str, mode: str | None, passive: bool, nominal: bool) -> tuple[str, ...]:
    pos = "pos:passive" if passive else f"pos:{'noun' if nominal else 'verb'}"
    return f"t:{key}", f"mode:{mode}", pos


@lru_cache(maxsize=1 << 16)
def _surface_features(surface: str) -> tuple[str, str]:
    return f"pre:{_prefix(surface)}", f"plural:{surface.endswith(('ات', 'ين', 'ون'))}"


@lru_cache(maxsize=1 << 16)
def _previous_feature(word: str) -> str:
    return f"prev:{word}"


def _context_features(words: list[Word], texts: list[str], layer: TextLayer) -> list[str]:
    """The features of the sentence whatever its candidates: one reading serves every type."""
    features: list[str] = []
    word_set = set(texts)
    for word in _CUE_INDEX.keys() & word_set:
        features.extend(_CUE_FEATURES[word])
    sentence = layer.normalized[words[0][0] : words[-1][1]] if words else ""
    # _COUNT and _YEAR both need a digit: one scan for it spares two in most sentences
    digits = _DIGITS.search(sentence) is not None
    if (digits and _COUNT.search(sentence)) or (
        not NUMBERS.isdisjoint(word_set)
        and any(
            texts[i] in NUMBERS and not VICTIMS.isdisjoint(texts[i + 1 : i + 3])
            for i in range(len(texts) - 1)
        )
    ):
        features.append("count")
    if not PLACE_HEADS.isdisjoint(word_set) and any(
        texts[i] in _PLACE_PREPOSITIONS and texts[i + 1] in PLACE_HEADS
        for i in range(len(texts) - 1)
    ):
        features.append("place")
    if digits and _YEAR.search(sentence):
        features.append("year")
    if digits:
        features.append("digits")
    if "«" in sentence or "\u201c" in sentence:
        features.append("quote")
    if "؟" in sentence:
        features.append("question")
    features.append(f"len={min(len(words) // 10, 5)}")
    return features


def sentence_features(
    event_type: str,
    triggers: list[Trigger],
    words: list[Word],
    layer: TextLayer,
) -> list[str]:
    """The features of a sentence for ``event_type``, given its candidates of that type.

    ``words`` are the sentence's normalized words (``sentence_words``); the triggers carry
    original offsets, mapped to the normalized text here to find the words around them.
    The names carry the type (``ASSAULT|cue:neg``), so one vocabulary can hold both models.
    """
    features = structural_features(triggers, words, layer)
    if WORD_FEATURES:
        features.extend(f"w:{word}" for word in sorted(bare_words(word[2] for word in words)))
    return [f"{event_type}|{feature}" for feature in features]


def read_detector(data: str) -> Detector:
    """A detector from its JSON: {"models": {type: {"bias", "threshold", "weights"}}}."""
    raw = json.loads(data)
    models = {
        name: Model(
            weights={key: float(value) for key, value in model["weights"].items()},
            bias=float(model["bias"]),
            threshold=float(model["threshold"]),
        )
        for name, model in raw["models"].items()
    }
    return Detector(models, float(raw.get("min_weight", MIN_WEIGHT)))


@cache
@bulk_load
def load_detector(path: Path | None = None) -> Detector:
    """The trained detector from ``path`` or the packaged artifact; no models without one."""
    if path is None:
        resource = resources.files("rasd.resources").joinpath(RESOURCE)
        if not resource.is_file():
            return Detector({})
        return read_detector(resource.read_text("utf-8"))
    return read_detector(path.read_text("utf-8"))


def sentence_probabilities(
    triggers: list[Trigger],
    words: list[Word],
    layer: TextLayer,
    detector: Detector,
    texts: list[str] | None = None,
) -> dict[str, float]:
    """P(the sentence reports an event of the type), per trained type with a candidate.

    ``texts`` are the words' strings when the caller has them already."""
    found: dict[str, float] = {}
    bare: set[str] = set()
    strings: list[str] = []
    starts: list[int] = []
    context: list[str] = []
    for event_type, model in detector.models.items():
        of_type = [trigger for trigger in triggers if trigger.event_type == event_type]
        if of_type:
            if not starts:  # the sentence is read once for all types
                strings = [word[2] for word in words] if texts is None else texts
                starts = [word[0] for word in words]
                bare = bare_words(strings)
                context = _context_features(words, strings, layer)
            features = [*_candidate_features(of_type, strings, starts, layer), *context]
            found[event_type] = model.score(features, bare if WORD_FEATURES else ())
    return found


def _weighted(trigger: Trigger, weight: float) -> Trigger:
    """``replace(trigger, weight=weight)`` without its reading of the fields on each call."""
    return Trigger(
        trigger.start,
        trigger.end,
        trigger.text,
        trigger.event_type,
        trigger.mode,
        trigger.context,
        trigger.nominal,
        trigger.passive,
        weight,
        trigger.key,
    )


def detect(
    text: str,
    layer: TextLayer,
    tokens: Tokens,
    sentence: Span,
    *,
    detector: Detector | None = None,
    lexicon: Lexicon | None = None,
    rescue: Callable[[Trigger], bool] | None = None,
) -> list[Trigger]:
    """The triggers that report an event, each with its confidence in ``.weight``.

    For ASSAULT and PROTEST the trained model decides per sentence and every candidate of
    the type gets its probability; other types pass when their lexicon weight reaches
    ``min_weight``. Negated, future or hypothetical events are still returned when the
    model says the sentence reports them (the coder flags them). A candidate the model
    turns down is still accepted, at the threshold's confidence, when ``rescue`` says its
    grammar reports the event (``rasd.events.armed``: an armed actor's past attack).
    """
    del tokens  # the stage contract; matching reads the text layer (see find_triggers)
    detector = detector or load_detector()
    lexicon = lexicon or load_lexicon()
    found = candidates(layer, sentence, lexicon)
    if found is None:
        return []
    words, texts = found
    triggers = triggers_in(text, layer, words, lexicon, texts)
    if not triggers:
        return []
    probabilities = sentence_probabilities(triggers, words, layer, detector, texts)
    accepted: list[Trigger] = []
    for trigger in triggers:
        model = detector.models.get(trigger.event_type)
        if model is None:
            if trigger.weight >= detector.min_weight:
                accepted.append(trigger)
            continue
        probability = probabilities[trigger.event_type]
        if probability >= model.threshold:
            accepted.append(_weighted(trigger, round(probability, 4)))
        elif rescue is not None and rescue(trigger):
            accepted.append(_weighted(trigger, model.threshold))
    return accepted
