"""Who did it, to whom, and where: actor, target and location of an event trigger.

Arabic news reports an event in a few fixed shapes, which this module reads off the
tokens of the sentence without a parser:

- a verb, active: VSO (``هاجم مسلحون نقطة تفتيش``) or, after a complementizer, SVO
  (``أن مسلحين مجهولين اختطفوا نقيب الصيادلة``); the object may follow على/ضد
  (``أطلقوا النار على المتظاهرين``);
- a verb, passive: the noun phrase is the victim (``قُتل أربعة أشخاص``) and the actor
  comes after على يد / من قبل / برصاص / بنيران;
- a verbal noun: ``هجوم X على Y``, ``مقتل X`` (X the victim), ``مظاهرة X`` (X protests).

Noun phrases are short, as the gold standard's are (GSR annotators mark ``اشخاص`` in
``قتل أربعة اشخاص``): a head, its idafa chain, adjectives and a name, without the count.
Every span is an offset range of the original text; word tests run on normalized words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress
from operator import or_

from rasd.events.entities import overlapping
from rasd.events.lexicon import load_lexicon, noun_surfaces, verb_surfaces
from rasd.grounding import places
from rasd.grounding.actors import ARMED_SECTORS, Agent, resolve_actor, tables
from rasd.model import Argument, Entity, Location, Span, TextLayer, Token, Tokens
from rasd.text import normalize

__all__ = ["find_arguments", "find_location"]


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize(word) for word in text.split())


def _with_pronouns(text: str) -> frozenset[str]:
    """Prepositions with an attached pronoun: خلالها، منهم، عليه."""
    suffixes = ("ه", "ها", "هم", "هما", "هن", "نا", "ي")
    return frozenset(normalize(w) + s for w in text.split() for s in suffixes)


# Prepositions and particles written as words; each ends a noun phrase.
_PREPOSITIONS = _words(
    "في من على إلى الى عن مع ضد بين خلال عند لدى حتى منذ بعد قبل أمام داخل خارج قرب "
    "نحو حول عبر بسبب جراء إثر اثر وسط باتجاه تجاه لصالح بحق دون بدون علي عقب إزاء لـ ل ب"
)
_PRONOUN_PREPOSITIONS = _with_pronouns(
    "في من منه على علي الي إلي عن مع ضد بين خلال عند لدى بعد قبل أمام داخل لدي حول عبر ل ب"
)
# Words that end a clause or a phrase: complementizers, relatives, conjunctions, negation.
_CLAUSE_WORDS = _words(
    "أن إن ان أنه إنه انه أنها إنها انها أنهم انهم الذي التي الذين اللذين اللتين اللواتي "
    "ما مما بينما فيما حيث عندما حين لما إذ اذ كما لكن ولكن لأن لان كي لكي لم لن لا قد "
    "ثم أو او أم هو هي هم هذا هذه ذلك تلك وهو وهي وقد فقد وهذا بأن بان لكنه لكنها لكنهم "
    "ولكنه ولكنها ولكنهم"
)
# Time words between a verb and its subject (اغتالت قبل ظهر امس الثلاثاء ناشطاً).
_TIME_WORDS = _words(
    "أمس امس الأمس اليوم غدا صباح مساء فجر ظهر عصر ليل ليلة الليلة ليلا نهارا يوم أيام "
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الماضي الماضية الحالي "
    "الجاري المقبل الفائت أول الأول منتصف مطلع أواخر أوائل نهاية بداية لاحق لاحقا مؤخرا "
    "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر "
    "ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين عام العام سنة شهر الشهر "
    "أسبوع الأسبوع ساعة ساعات الساعة دقائق أيضا ايضا كذلك مجددا بالكامل جميعا"
)
_TIME_PREPOSITIONS = _words("قبل بعد منذ خلال")
# Nouns that name an event: as a subject (استهدف هجوم انتحاري موكبا) they name no actor.
_EVENT_NOUNS = _words(
    "هجوم هجمات هجوما تفجير تفجيرات انفجار انفجارات عملية عمليات غارة غارات سلسلة قصف "
    "ضربة ضربات اعتداء اعتداءات حادث حادثة هجومان انفجاران تفجيران"
)
# A subject is not shared across these (قال ... إن ... وقتلوا).
_COMPLEMENTIZERS = _words("أن إن ان أنه إنه انه أنها إنها انها بأن بان وأن وان حيث")
_SAYING_VERBS = _words(
    "قال قالت قالوا أعلن أعلنت أكد أكدت أضاف أضافت أوضح أوضحت ذكر ذكرت أفاد أفادت أشار "
    "أشارت صرح صرحت كشف كشفت نقل نقلت"
)
# Counts and quantifiers: the gold spans leave them out (``أربعة اشخاص`` -> ``اشخاص``).
_COUNT_FRAME_WORDS = _words("ما لا يقل يزيد")
_QUANTITY_WORDS = _words(
    "واحد واحدة اثنان اثنين اثنتين اثنتان ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة "
    "ثمان ثماني ثمانية تسع تسعة عشر عشرة عشرون عشرين ثلاثون ثلاثين أربعون أربعين خمسون "
    "خمسين ستون ستين سبعون سبعين ثمانون ثمانين تسعون تسعين مئة مائة مئتين مئات ألف آلاف "
    "ألفا عشرات نحو حوالي حوالى قرابة زهاء أكثر اكثر أقل اقل أحد احد إحدى احدى بعض عدد "
    "عددا عشرين ما يقل يزيد لا عدة"
)
# What is fired or set off: the object of أطلق/فجر, not the target (أطلقوا النار على ...).
_INSTRUMENTS = _words(
    "النار نار النيران الرصاص رصاص صاروخ صاروخا الصاروخ صواريخ الصواريخ قذيفة القذيفة "
    "قذيفتين قذائف القذائف قنبلة القنبلة قنابل القنابل عبوة العبوة عبوات نفسه نفسها نفسيهما "
    "أنفسهم الغاز غاز قنابلهم قذائفها قذائفه ضربة ضربات غارة غارات أسلحة الأسلحة أسلحتهم "
    "أسلحتها أسلحته سلاح السلاح رشاش رشاشات الرشاشات عبوات قنابل هاون"
)
_BOMB_ADJECTIVES = _words(
    "مفخخة مفخخا مفخخه ملغومة ناسفة ناسفا ناسف ناسفين مفخختين ملغوما مفخختان ناسفتان "
    "ناسفتين ملغومتان ملغومتين المفخخة المفخختين المفخختان الناسفة"
)
_TARGET_MARKERS = _words("على علي ضد باتجاه نحو تجاه")
# What a protest is against (احتجاجا على X، ضد X). Not أمام/قرب/عند/داخل/خارج/في: they
# say where it stands (اعتصموا أمام ضريح الحريري، أمام مقر النقابة), its site, not its target.
_PROTEST_MARKERS = _words("على علي ضد")
# Heads that are the count noun in ``ثمانية من قوات الأمن``.
_PARTITIVE = _words("من")
# ``قام/عمد ... بـ`` + a verbal noun: the actor is the subject of قام.
# ``شن/استأنف/واصل X هجومه``: verbs whose object is an event the subject carries out.
_LIGHT_STEMS = "قام عمد شن نفذ ارتكب استأنف بدأ واصل صعد أطلق قاد نظم شارك خاض جدد"


def _inflect(stems: str) -> frozenset[str]:
    """Past (شن، شنت، شنوا، شنا) and present (يشن، تشن، يشنون) forms of verb stems."""
    forms: set[str] = set()
    for stem in map(normalize, stems.split()):
        forms.update(stem + suffix for suffix in ("", "ت", "وا", "ا", "تا"))
        bare = stem[1:] if stem.startswith("ا") else stem
        for prefix in ("ي", "ت", "ن"):
            forms.update(prefix + bare + suffix for suffix in ("", "ون", "ان"))
    return frozenset(forms)


_LIGHT_VERBS = _inflect(_LIGHT_STEMS)
# ``تعرض لهجوم``، ``واجهت القوات ألغاما``: the subject of these verbs is the target.
_UNDERGO_VERBS = _inflect("تعرض واجه نجا") | _words("تعرضه تعرضها تعرضهم تعرضهما")
# Agent markers after a passive or a verbal noun.
_AGENT_MARKERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(normalize(w) for w in phrase.split())
    for phrase in (
        "على يد",
        "علي يد",
        "على أيدي",
        "من قبل",
        "برصاص",
        "بنيران",
        "بقصف",
        "بغارة",
        "بصاروخ",
        "شنه",
        "شنها",
        "شنهما",
        "شنتهما",
        "شنته",
        "شنتها",
        "شنوه",
        "نفذه",
        "نفذها",
        "نفذته",
        "نفذتها",
        "نفذوه",
        "تبناه",
        "تبنته",
        # a threat, call or decision issued, a protest organised: التهديد الذي أطلقه الزعيم
        "أطلقه",
        "أطلقها",
        "أطلقته",
        "أطلقتها",
        "أصدره",
        "أصدرها",
        "أصدرته",
        "أصدرتها",
        "وجهه",
        "وجهها",
        "وجهته",
        "وجهتها",
        "نظمه",
        "نظمها",
        "نظمته",
        "نظمتها",
        "نظموها",
    )
)
_AGENT_FIRST = frozenset(marker[0] for marker in _AGENT_MARKERS)
# Verbal nouns whose genitive is the victim (مقتل X), not the one who acts.
_VICTIM_NOUNS = _words(
    "مقتل قتل اغتيال اعتقال اختطاف خطف إصابة اصابة جرح إعدام اعدام استهداف تعذيب ضرب "
    "احتجاز أسر تصفية قصف تفجير مهاجمة اقتحام محاولة"
)
# Verbal nouns of protest: the genitive protests (مظاهرة الطلاب).
_PROTEST_NOUNS = _words(
    "مظاهرة مظاهرات تظاهرة تظاهرات تظاهر احتجاج احتجاجات اعتصام اعتصامات مسيرة مسيرات "
    "إضراب اضراب إضرابات تجمع تجمعات"
)
# Place words that head a location phrase (قرية الباغوز، ريف حلب، شرق سوريا).
_PLACE_HEADS = _words(
    "بلدة مدينة قرية محافظة منطقة ريف حي ناحية قضاء مخيم ولاية إقليم اقليم مقاطعة ضاحية "
    "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط داخل قرب أطراف محيط ضواحي طريق معبر "
    "منطقتي مدن قرى بلدات"
)
# Places named by a common noun: في المدينة، في المنطقة، في البلاد.
_PLACE_NOUNS = _words(
    "مدينه عاصمه بلاد البلاد منطقه مناطق محافظه شارع سوق مستشفي حدود الحدود طريق بلده قريه "
    "جنوبي شمالي شرقي غربي مكان موقع"
)
_LOCATION_PREPOSITIONS = _words("في ب قرب داخل بالقرب عند لدى جنوب شمال شرق غرب وسط أطراف")
# Parts of a town, or the capital, named before its name: في شوارع كراتشي، في العاصمة كاتماندو.
_PLACE_PARTS = _words("شوارع أحياء عاصمة العاصمة")
# Origin and dateline context: a place after these is not where the event happened.
_ORIGIN_WORDS = _words("من قادمين قادمون قادما الجنسية جنسية ومقرها مقرها الأصل أصل")
# Letters that end a nisba adjective or an agreeing plural (إسرائيلية، مجهولين، انتحاريون).
_ADJECTIVE_ENDINGS = ("ي", "يه", "يين", "يون", "يان", "ييه", "يا")
# Common adjectives that are not nisbas.
_ADJECTIVES = _words(
    "خاصة خاص مسلح مسلحة مسلحين مسلحون مجهول مجهولين مجهولون مجهولة كبير كبيرة صغير صغيرة "
    "الخاصة الخاص المسلح المسلحة المسلحين المسلحون المجهول المجهولين المجهولون الكبير الكبيرة "
    "انتحاري انتحارية انتحاريين انتحاريون الانتحاري الانتحارية مفخخة المفخخة ملغومة الملغومة "
    "ناسفة الناسفة مزدوج المزدوج متمردين متمردون المتمردة أجانب اجانب الأجانب آخرين آخرون "
    "آخر أخرى الأخرى الآخرين الخمسة الثلاثة الأربعة الستة السبعة العشرة الأول الثاني "
    "الوطنية الوطني الشعبية الشعبي العام العامة الجديد الجديدة السابق السابقة المحلية "
    "الدولي الدولية المركزية الخاصه المحتلة الموحدة المتحدة مشترك مشتركة المشتركة "
    "عنيف عنيفة عنيفين عنيفا شرس شرسة شرسين شرسا دامية دمويا ضخم ضخمة واسع واسعة "
    "محدود محدودة متفرقة متزامنة متزامنين منسقة مماثل مماثلة جديد جديدة جديدا حاشد حاشدة "
    "متواصل متواصلة مستمر مستمرة متكرر متكررة غاضب غاضبة غاضبين مفاجئ مفاجئة عنيفه"
)
# Words that begin with و as part of the word, not the conjunction.
_WAW_WORDS = _words(
    "وزير وزيرة وزراء وزارة وحدة وحدات وكالة وكالات ولاية ولايات وسط وفد وقت وادي وليد "
    "وائل وجه وضع واشنطن واقعة وسائل وثيقة وطن وطني وطنية ورقة ولي وكيل وجود وراء وفق وفقا "
    "وقوع وقف ولد والي"
)
# Verb stems (past tense, third person masculine) common in news; inflected below.
_VERB_STEMS = (
    "قال أعلن أكد أضاف أوضح ذكر أفاد أشار نقل صرح كشف أفادت قتل هاجم اغتال اختطف خطف فجر "
    "أطلق استهدف قصف اعتقل أصاب جرح شن نفذ كان وقع تعرض انفجر أدى أسفر داهم اقتحم ضرب "
    "تظاهر احتج اعتصم تبنى نجا لقي سقط أوقع طالب ندد رفع هتف أحرق اشتبك دمر أصيب قتلوا "
    "اغتيل اعتقل أسر احتجز أعدم عذب طعن رشق اعتدى تعدى هدد شهد جاء بدأ واصل تمكن حاول "
    "استشهد توفي لجأ عمد قام أوقف ألقى فر هرب زرع وجه أطلقت يعتقد صد حاصر سيطر"
)


@cache
def _verbs() -> frozenset[str]:
    """Inflected forms of ``_VERB_STEMS``: past (قتل، قتلت، قتلوا، قتلا) and present."""
    forms: set[str] = set()
    for stem in map(normalize, _VERB_STEMS.split()):
        forms.update(stem + suffix for suffix in ("", "ت", "وا", "ا", "تا", "ن", "ته", "تهم"))
        bare = stem[1:] if stem.startswith("ا") else stem
        for prefix in ("ي", "ت", "ن"):
            forms.update(prefix + bare + suffix for suffix in ("", "ون", "ان", "ن"))
    return frozenset(forms)


_WORD_CACHE = 1 << 16  # word tests are pure: news repeats its words, so remember them


@lru_cache(maxsize=_WORD_CACHE)
def is_place(name: str) -> bool:
    """``rasd.grounding.places.is_place``, remembered: ``_named_words`` asks it of two and
    three words at every untagged name, and it normalizes the phrase on each call."""
    return places.is_place(name)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """The tokens of one sentence as offsets and normalized words, and their entities."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]
    entity_of: dict[int, int]  # token position -> index into entities
    entity_starts: dict[int, int]  # index into entities -> its start offset
    labels: dict[int, str]  # index into entities -> its label

    def __len__(self) -> int:
        return len(self.words)


# The last sentence read, with the very objects it was read from: a sentence with several
# triggers (and find_location after find_arguments) reads its words once.
_LAST: list[tuple[str, object, Span, object, _Sentence]] = []


def _sentence_view(
    text: str, tokens: Sequence[Token], sentence: Span, entities: Sequence[Entity]
) -> _Sentence:
    if _LAST:
        last_text, last_tokens, last_sentence, last_entities, view = _LAST[0]
        if (
            last_text is text
            and last_tokens is tokens
            and last_entities is entities
            and last_sentence == sentence
        ):
            return view
    view = _read_sentence(text, tokens, sentence, entities)
    _LAST[:] = [(text, tokens, sentence, entities, view)]
    return view


@lru_cache(maxsize=_WORD_CACHE)
def _normal(word: str) -> str:
    """``normalize`` of one token; news repeats its words, so remember them."""
    return normalize(word)


def _read_sentence(
    text: str, tokens: Sequence[Token], sentence: Span, entities: Sequence[Entity]
) -> _Sentence:
    if isinstance(tokens, Tokens):
        all_starts: Sequence[int] = tokens.starts
        all_ends: Sequence[int] = tokens.ends
    else:
        all_starts = [t.start for t in tokens]
        all_ends = [t.end for t in tokens]
    first = bisect_left(all_starts, sentence.start)
    last = bisect_left(all_starts, sentence.end, first)
    starts = tuple(all_starts[first:last])
    ends = tuple(all_ends[first:last])
    # slices and the remembered normalize mapped in C: no Python frame per token
    words = tuple(map(_normal, map(text.__getitem__, map(slice, starts, ends))))
    entity_of: dict[int, int] = {}
    for index in overlapping(entities, sentence.start, sentence.end):
        ent = entities[index]
        lo = bisect_right(ends, ent.start)
        hi = bisect_left(starts, ent.end)
        for position in range(lo, hi):
            entity_of.setdefault(position, index)
    used = set(entity_of.values())
    entity_starts = {index: entities[index].start for index in used}
    labels = {index: entities[index].label for index in used}
    return _Sentence(text, starts, ends, words, entity_of, entity_starts, labels)


def _waw_inflected(word: str) -> bool:
    """A word of ``_WAW_WORDS`` with a case or number ending: وفدا، وزيرا، وزارات."""
    return any(
        word.endswith(ending) and word[: -len(ending)] in _WAW_WORDS
        for ending in ("ا", "ان", "ين", "ات", "ه")
    )


@lru_cache(maxsize=_WORD_CACHE)
def _strip_conjunction(word: str) -> str:
    """``وقوات`` -> ``قوات``; ``وزير`` stays (its و is a root letter). ف is a conjunction
    before the article or a verb (فالجيش، فقتلوا); before other nouns it is a letter of
    the word far more often (فلسطينيا، فصائل، فجر)."""
    if len(word) <= 3 or word in _WAW_WORDS or _waw_inflected(word):
        return word
    if word[0] == "و":
        return word[1:]
    if word[0] == "ف":
        rest = word[1:]
        if rest.startswith("ال") or rest in _verbs() or rest in _LIGHT_VERBS:
            return rest
    return word


def _is_arabic_word(word: str) -> bool:
    return bool(word) and "\u0621" <= word[0] <= "\u064a"


@lru_cache(maxsize=_WORD_CACHE)
def _is_verb(word: str) -> bool:
    bare = _strip_conjunction(word)
    if word in _verbs() or bare in _verbs() or bare in _LIGHT_VERBS or bare in _UNDERGO_VERBS:
        return True
    if bare.startswith("ال") or len(bare) < 4:
        return False
    if bare.endswith("وا") or (bare[0] == "ي" and bare.endswith(("ون", "ان"))):
        return True
    return bare[0] == "ي" and len(bare) >= 5


def _has_preposition(word: str) -> bool:
    """A proclitic preposition: ``بالمتظاهرين``, ``للشرطة``, ``وبالقرب``."""
    bare = word[1:] if len(word) > 4 and word[0] in "وف" else word
    return len(bare) > 4 and bare.startswith(("بال", "كال", "لل"))


@lru_cache(maxsize=_WORD_CACHE)
def _is_quantity(word: str) -> bool:
    bare = _strip_conjunction(word)
    return word.isdigit() or word in _QUANTITY_WORDS or bare in _QUANTITY_WORDS


@lru_cache(maxsize=_WORD_CACHE)
def _is_adjective(word: str) -> bool:
    bare = word[2:] if word.startswith("ال") else word
    return (
        word in _ADJECTIVES
        or word in _BELONGING
        or (len(bare) >= 4 and bare.endswith(_ADJECTIVE_ENDINGS))
    )


@lru_cache(maxsize=_WORD_CACHE)
def _stops_phrase(word: str) -> bool:
    return (
        not _is_arabic_word(word)
        or word in _PREPOSITIONS
        or word in _PRONOUN_PREPOSITIONS
        or word in _CLAUSE_WORDS
        or word in _TIME_WORDS
        or _strip_conjunction(word) in _TIME_WORDS
        or _strip_conjunction(word) in _PREPOSITIONS  # ولدى انسحابهم، وفي المدينة
    )


def _can_head(view: _Sentence, at: int, *, counted: bool = False) -> bool:
    """Whether the token at ``at`` can start a noun phrase."""
    if at >= len(view.words):
        return False
    word = view.words[at]
    if at in view.entity_of:
        return True
    if _stops_phrase(word) or _has_preposition(word) or (_is_verb(word) and not counted):
        return False
    # بانفجار، بسيارة: a ب phrase is an adjunct; names after ب are entities, caught above.
    return len(word) >= 2 and not (word[0] == "ب" and len(word) > 3 and not _ba_word(word))


# Nouns whose ب is their own first letter, heads of parties: بعثة الأمم المتحدة، بلدية.
_BA_WORDS = _words("بعثة بعثات بلدية بلديات برلمان بنك بنوك بحرية بطريرك بابا بيان")


def _ba_word(word: str) -> bool:
    return word in _BA_WORDS or (word[:1] == "و" and word[1:] in _BA_WORDS)


# Adjectives of a count noun (عدد كبير، أعداد غفيرة): they say how many, not who.
_SIZE_ADJECTIVES = _words(
    "كبير كبيرا كبيرة كبيره محدود محدودا قليل قليلا صغير صغيرا غفير غفيرة غفيره ضخم ضخمة هائل هائلة"
)
_MAX_SUBJECT = 12  # tokens back from a verb to the start of its subject
_MAX_PHRASE = 5  # tokens after the head; GSR actor spans are 1-4 tokens long (median 2)


def _phrase(view: _Sentence, at: int, depth: int = 0) -> tuple[int, int] | None:
    """The noun phrase starting at token ``at``, as token positions [first, last), or None.

    Leading counts (``أربعة``، ``ثمانية من``، ``أحد``) are skipped. The phrase grows by
    the rules of the Arabic noun phrase: a definite noun takes only adjectives and a name in
    apposition; an indefinite noun in the construct state takes a genitive; a noun with
    tanween or the plural ن (``مسلحون``, ``مركزا``) takes only adjectives.
    """
    n = len(view.words)
    counted = False
    while at < n and (_is_quantity(view.words[at]) or view.words[at] in "«\"'(“"):
        # ما، لا، يقل، يزيد frame a count (ما لا يقل عن) but are none: «انفجر ما أسفر عن»
        # is no count before a noun أسفر
        counted = counted or (
            _is_quantity(view.words[at])
            and _strip_conjunction(view.words[at]) not in _COUNT_FRAME_WORDS
        )
        at += 1
        while at < n and view.words[at] in _SIZE_ADJECTIVES:
            at += 1  # عدد كبير من المتظاهرين: how many, then who
        if at < n and view.words[at] in _PARTITIVE and at + 1 < n:
            at += 1
    # A counted word is a noun even where it reads as a verb (ثلاثين طالبا), unless a
    # conjunction joins a new clause to the count (قتل 20 واصيب 70).
    counted = counted and at < n and view.words[at] == _strip_conjunction(view.words[at])
    if not (_can_head(view, at) or (counted and _can_head(view, at, counted=True))):
        return None
    last = at + 1
    if at in view.entity_of:
        last = _entity_end(view, at)
    owned = False  # past the owner of تابعة ل: طائرات تابعة لقوات حفتر
    while last < n and last - at <= _MAX_PHRASE:
        if _bracketed_adjective(view, last):
            last += 3  # القوات (الحكومية): the writer's gloss describes the head
            continue
        nxt = _next_word(view, last)
        if nxt is None:
            break
        step, word = nxt
        if step in view.entity_of and _takes_name(view.words[last - 1]):
            last = _entity_end(view, step)
            continue
        previous = view.words[last - 1]
        if owned and _is_site_head(word):
            break  # طائرات تابعة لقوات حفتر | مطار معيتيقة: the owner's name ends it
        owned = owned or previous in _BELONGING
        if view.text[view.ends[last - 1] - 1] == "ى":
            previous = previous[:-1] + "ء"  # مبنى البرلمان: a noun in ى, not a nisba in ي
        if not _continues(previous, word):
            break
        if last - 1 in view.entity_of and not (_is_adjective(word) and word.startswith("ال")):
            break  # a name is not in the construct state: اقتحم مسلحو حماس | منزل
        last = step + 1
    if depth < _MAX_DEPTH:
        last = _member_of(view, at, last, depth)
    return at, last


def _bracketed_adjective(view: _Sentence, at: int) -> bool:
    """Whether an adjective in brackets, as a writer glosses a quoted noun, is at ``at``."""
    words = view.words
    return (
        at + 2 < len(words)
        and words[at] == "("
        and words[at + 2] == ")"
        and words[at + 1].startswith("ال")
        and _is_adjective(words[at + 1])
    )


# ``بينهم`` after a group names who was among it: أربعة أشخاص، بينهم عنصران من الشرطة.
_AMONG = _words("بينهم بينهما بينها بينهن")


def _victims(view: _Sentence, phrase: tuple[int, int]) -> tuple[int, int]:
    """A victim phrase with the ones ``بينهم`` names among them, as annotators keep it."""
    return phrase[0], _among(view, phrase[1])


def _among(view: _Sentence, last: int) -> int:
    """Extend a phrase ending at ``last`` by the ones ``بينهم`` names among it."""
    at = last
    if at < len(view.words) and view.words[at] in ("،", ","):
        at += 1
    if at + 1 < len(view.words) and view.words[at] == "من":
        at += 1  # من بينهم
    if at + 1 >= len(view.words) or view.words[at] not in _AMONG:
        return last
    inner = _phrase(view, at + 1, _MAX_DEPTH - 1)
    return inner[1] if inner is not None else last


_MAX_DEPTH = 2  # مجموعة من طلاب من المسجد: two من phrases at most
# Indefinite heads that name a member of a body: ضابطا في الشرطة، مهاجما من حركة طالبان.
_MEMBER_PREPOSITIONS = _words("من في")


def _member_of(view: _Sentence, first: int, last: int, depth: int) -> int:
    """Extend an indefinite phrase by the body it belongs to: ``ضابطا في الشرطة``.

    Annotators keep ``ناشطاً في كتائب الاقصى`` and ``عناصر من الحرس الثوري`` whole: an
    indefinite noun says which body by من/في + a definite noun or a name. A place
    (``في بوساسو``، ``من جنوب لبنان``), a time or a count after من/في is not a body.
    """
    if last + 1 >= len(view.words) or view.words[last] not in _MEMBER_PREPOSITIONS:
        return last
    head = view.words[first]
    if head.startswith(("ال", "لل")) or first in view.entity_of:
        return last
    at = last + 1
    while at + 1 < len(view.words) and _is_quantity(view.words[at]) and view.words[last] == "من":
        at += 1  # مجموعة من حوالي ثلاثين طالبا
    word = view.words[at]
    entity = view.entity_of.get(at)
    if entity is not None:
        if view.labels.get(entity) == "LOC":
            return last
    elif (
        _is_place_word(word)
        or places.is_notable_place(word)  # مسلحين في العريش: a town the tagger missed
        or _event_noun(word)  # ضابط في الهجوم: an attack is no body
        or _stops_phrase(word)
        or not (word.startswith("ال") or word in _BODY_HEADS or at > last + 1)
    ):
        return last
    phrase = _phrase(view, last + 1, depth + 1)
    if phrase is None or phrase[0] != at:
        return last
    return phrase[1]


# Nouns that head the name of a body: ناشطا في كتائب الأقصى، عضو في حركة فتح.
_BODY_HEADS = _words(
    "كتائب حركة جماعة تنظيم حزب قوات جيش لجان مجلس سرايا ألوية لواء فصيل فصائل جبهة شرطة "
    "ميليشيا ميليشيات مليشيا عناصر أجهزة جهاز"
)


def _is_place_word(word: str) -> bool:
    bare = _strip_conjunction(word)
    bare = bare[2:] if bare.startswith("ال") else bare
    return bare in _PLACE_HEADS or bare in _PLACE_NOUNS


def _next_word(view: _Sentence, at: int) -> tuple[int, str] | None:
    """The next word at or after ``at``, across quotation marks inside a name (جنود «المارينز»)."""
    while at < len(view.words) and view.words[at] in '«»"“”':
        at += 1
    return (at, view.words[at]) if at < len(view.words) else None


def _entity_end(view: _Sentence, at: int) -> int:
    entity = view.entity_of[at]
    while at < len(view.words) and view.entity_of.get(at) == entity:
        at += 1
    return at


def _takes_name(previous: str) -> bool:
    """A name follows a title or a construct noun (النائب وليد عيدو، حركة طالبان)."""
    return not previous.endswith(("ون", "ين")) or previous.startswith("ال")


# Nouns that end in ي as a nisba does but head a construct: ولي العهد، والي الولاية.
_CONSTRUCT_IN_YA = _words("ولي والي قاضي محامي نادي")
# Participles of belonging whose ل phrase completes them: طائرة تابعة لقوات حفتر.
_BELONGING = _words("تابع تابعة تابعين تابعون تابعان تابعتين التابع التابعة التابعين")


def _continues(previous: str, word: str) -> bool:
    """Whether ``word`` extends the noun phrase that ``previous`` ends."""
    if _stops_phrase(word) or _is_verb(word):
        return False
    # و begins a conjunct; ف inside a noun phrase is a letter of a nisba (فرنسيا).
    if word[0] in "وف" and word not in _WAW_WORDS and (word[0] == "و" or not _is_adjective(word)):
        return False
    if previous in _BELONGING:
        return word[:1] == "ل" and not _is_verb(word[1:])  # تابعة لقوات حفتر: whose it is
    if _has_preposition(word):
        # ``مقرا للتطوع``، ``حافلة تابعة للشرطة``: the ل phrase completes the head.
        return word.startswith("لل") and not previous.startswith("لل")
    if _is_quantity(word):
        return False
    definite = word.startswith("ال")
    if word[0] == "ب" and len(word) > 3 and not _is_adjective(word):
        # بجروح، بسيارة: a ب phrase is an adjunct; باكستانيا is a nisba, not ب + noun.
        return False
    if (previous in _PLACE_HEADS or previous in _CONSTRUCT_IN_YA) and not _accusative(word):
        # قرية الباغوز، منطقة شعشاعة: a place head takes the name as genitive; ولي العهد:
        # a noun in ي, no nisba
        return True
    if _construct_plural(previous) and not _is_adjective(word) and not _accusative(word):
        return True  # مقاتلي داعش، مسلحي الحركة: a plural in the construct state lost its ن
    if previous.endswith(("ه", "ها", "هم", "هما")) and _possessed_agent(previous):
        # قصفت طائراته قاعدة الجفرة: a noun with its possessor's pronoun takes no genitive
        return definite and _is_adjective(word)
    if (
        previous.startswith(("ال", "لل"))
        or previous.endswith(("ون", "ين", "ان", "ا", "ي"))
        or _is_adjective(previous)
    ):
        # Not in the construct state: only an agreeing adjective follows; an accusative
        # after an accusative agrees with it (منزلا مهجورا).
        if _accusative(previous) and _accusative(word):
            return True
        if _accusative(previous) and _lam_owner(word):
            return True  # موكبا لسفارة الولايات المتحدة: whose it is completes the head
        return _is_adjective(word) and (definite == previous.startswith(("ال", "لل")))
    # Construct state: a genitive noun, definite or not, or an adjective; an accusative
    # with tanween (منزلا) is not a genitive: هاجم جنود | منزلا.
    return _is_adjective(word) or not _accusative(word)


def _lam_owner(word: str) -> bool:
    """``لسفارة``، ``لقوات``: ل on an indefinite noun (not لل, not a root ل, not a verb)."""
    return (
        len(word) > 4
        and word[0] == "ل"
        and word[1] != "ل"
        and word not in _LAM_WORDS
        and not word[1:].startswith("ا")
        and not _is_verb(word[1:])
    )


def _construct_plural(word: str) -> bool:
    """``مقاتلي``، ``مسلحو``: a participle's sound plural before its genitive, which lost its
    ن; not a nisba (``عسكري``، ``انتحاري``), which ends in ي too but is no participle."""
    return (
        len(word) >= 5
        and word[0] == "م"
        and word[-1] in "يو"
        and not word.startswith(("ال", "لل"))
        and not word.endswith(("يي", "وي"))
    )


def _accusative(word: str) -> bool:
    return len(word) > 3 and word[-1] == "ا" and word[-2] not in "اي"


def _arg(view: _Sentence, phrase: tuple[int, int] | None) -> Argument | None:
    if phrase is None:
        return None
    first, last = phrase
    start = view.starts[first]
    word = view.words[first]
    if first in view.entity_of:
        start = max(start, _entity_start(view, first))
    elif _strip_conjunction(word) != word:
        start += _original_prefix(view.text, start, 1)
    end = view.ends[last - 1]
    while last - 1 > first and view.words[last - 1] in '«»"“”':
        last -= 1
        end = view.ends[last - 1]
    entity = next((view.entity_of[p] for p in range(first, last) if p in view.entity_of), None)
    return Argument(start, end, view.text[start:end], entity)


def _entity_start(view: _Sentence, at: int) -> int:
    return view.entity_starts.get(view.entity_of.get(at, -1), view.starts[at])


def _original_prefix(text: str, start: int, letters: int) -> int:
    """How many original characters hold the first ``letters`` letters (harakat follow)."""
    at = start
    seen = 0
    while at < len(text) and seen < letters:
        at += 1
        seen += 1
        while at < len(text) and "\u064b" <= text[at] <= "\u065f":
            at += 1
    return at - start


def _token_at(view: _Sentence, offset: int) -> int:
    return max(0, bisect_right(view.starts, offset) - 1)


def _skip_time(view: _Sentence, at: int) -> int:
    """Past time words and commas (اغتالت قبل ظهر امس الثلاثاء ناشطاً)."""
    n = len(view.words)
    opened = False  # a comma before a time: the one after it closes the aside
    while at < n:
        word = view.words[at]
        if word in _COMMAS and not opened and at + 1 < n and _a_time_word(view, at + 1):
            at += 1  # اتهم المجلس، الأربعاء، قوات الدعم السريع: the time set off by commas
            opened = True
        elif word in _COMMAS and opened and _a_time_word(view, at - 1):
            at += 1
            opened = False
        elif _a_time_word(view, at):
            at += 1
        else:
            break
    return at


_COMMAS = frozenset("،,")


def _a_time_word(view: _Sentence, at: int) -> bool:
    """A time word (أمس، الأربعاء) or a time preposition before one (قبل ظهر)."""
    word = view.words[at]
    if word in _TIME_WORDS or _strip_conjunction(word) in _TIME_WORDS:
        return True
    return (
        word in _TIME_PREPOSITIONS
        and at + 1 < len(view.words)
        and view.words[at + 1] in _TIME_WORDS
    )


def _prepositional_target(
    view: _Sentence, at: int, limit: int, *, protest: bool = False
) -> Argument | None:
    """An NP after على/ضد/باتجاه/نحو within ``limit`` tokens (أطلقوا النار على المتظاهرين).

    A protest's target follows على/ضد only (احتجاجا على القرار): the building it stands
    before is where it is, and the search goes on past it.
    """
    markers = _PROTEST_MARKERS if protest else _TARGET_MARKERS
    for position in range(at, min(len(view.words), at + limit)):
        word = view.words[position]
        if protest and _strip_conjunction(word) in _OUSTER_DEMANDS:
            # للمطالبة برحيل الرئيس، مطالبين بإسقاط الحكومة: whom they would see go
            return _arg(view, _phrase(view, position + 1))
        if word in markers:
            after = position + 1
            if after + 1 < len(view.words) and view.words[after] in _ON_BOARD:
                after += 1  # على متن 3 قطارات: what is on board is the target
            phrase = _phrase(view, after)
            if not protest and phrase is not None and _settlement(view, phrase[0]):
                return None  # هجومها على قرية الباغوز: the village is where, not whom
            return _arg(view, phrase)
        if _has_preposition(word) and word[-1] != "ه" and _strip_conjunction(word)[:3] == "بال":
            # بالمتظاهرين after a verb of attack: the ب object.
            continue
        if word in _CLAUSE_WORDS or word in _CLAUSE_PUNCTUATION:
            return None
    return None


# Heads of a populated place: an attack "on" one (على قرية، على مدينة) happened there; the
# village is the event's location (find_location), its people or fighters the target.
_SETTLEMENT_HEADS = _words(
    "بلدة مدينة قرية محافظة منطقة ريف حي ناحية قضاء مخيم ولاية إقليم اقليم مقاطعة ضاحية "
    "مدن قرى بلدات مناطق أحياء منطقتي"
)


def _settlement(view: _Sentence, at: int) -> bool:
    """Whether the phrase at ``at`` is headed by a settlement noun (قرية الباغوز)."""
    word = _strip_conjunction(view.words[at])
    return (word[2:] if word.startswith("ال") else word) in _SETTLEMENT_HEADS


# Punctuation that ends a clause; quotes, brackets and numbers inside a phrase do not.
_CLAUSE_PUNCTUATION = frozenset("،,.:;؛!?؟")
_ON_BOARD = _words("متن طول")


def _preceding_subject(
    view: _Sentence, verb: int, *, among: bool = False
) -> tuple[int, int] | None:
    """The NP that ends right before the verb and starts a clause (أن مسلحين ... اختطفوا)."""
    end = verb
    while end > 0 and view.words[end - 1] in ("قد", "وقد", "فقد"):
        end -= 1
    if end > 2 and view.words[end - 1] == _LEAST and view.words[end - 2] in _LEAST_BY:
        end -= 2  # 28 شخصا على الأقل قتلوا: how many, hedged, then the verb
    if end > 1 and view.words[end - 1] in ("،", ","):
        end -= 1  # مهاجما انتحاريا من حركة طالبان، فجر حافلة
    for first in range(end - 1, max(-1, end - 1 - _MAX_SUBJECT), -1):
        word = view.words[first]
        if _governed(word):
            continue
        if first == 0 or (
            _clause_start(view.words[first - 1])
            # وفي الضفة الغربية، اعتقلت: a phrase after a preposition is where, not who
            and not _governed(view.words[first - 1])
        ):
            phrase = _phrase(view, first)
            if phrase is not None and among:
                phrase = _victims(view, phrase)
            if phrase is not None and phrase[1] == end:
                joined = view.words[verb] != _strip_conjunction(view.words[verb])
                return None if joined and _in_the_accusative(view, phrase) else phrase
        if word in _CLAUSE_PUNCTUATION and not (among and view.words[first + 1] in _AMONG):
            return None
    if end < verb:
        return _kana_subject(view, end)
    return None


_LEAST = normalize("الأقل")
_LEAST_BY = _words("على في")
_KANA = _words("كان كانت وكان وكانت فكان فكانت")


def _kana_subject(view: _Sentence, end: int) -> tuple[int, int] | None:
    """The subject between كان and قد, whatever its length: ``وكان المبعوث الأممي إلى
    اليمن مارتن غريفيث قد التقى``. Arabic news tells what had happened before this way."""
    for at in range(end - 1, max(-1, end - 1 - _MAX_SUBJECT), -1):
        word = view.words[at]
        if word in _KANA:
            first = at + 1
            return (first, end) if first < end and _can_head(view, first) else None
        if word in _CLAUSE_PUNCTUATION or word in _CLAUSE_WORDS or _is_verb(word):
            return None
    return None


def _governed(word: str) -> bool:
    """Whether ``word`` is a preposition, with or without و/ف (وفي، وعلى); not من and نحو,
    which also count (نحو 150 من مقاتلي)."""
    return word in _GOVERNING or (word[:1] in "وف" and word[1:] in _GOVERNING)


_GOVERNING = _PREPOSITIONS - _words("من نحو")


def _clause_start(word: str) -> bool:
    return (
        word in _CLAUSE_WORDS
        or not _is_arabic_word(word)
        or _is_verb(word)
        or word in ("بأن", "بان", "وأن", "وان")
    )


def _agent_phrase(view: _Sentence, at: int, limit: int) -> Argument | None:
    """The NP after على يد / من قبل / برصاص / شنه ... within ``limit`` tokens."""
    words = view.words
    for position in range(at, min(len(words), at + limit)):
        word = words[position]
        if word in _AGENT_FIRST:  # one set test spares a slice per marker at most words
            for marker in _AGENT_MARKERS:
                size = len(marker)
                if marker[0] == word and words[position : position + size] == marker:
                    return _arg(view, _phrase(view, position + size))
        if word in _RELATIVES and position + 1 < len(words) and words[position + 1] in _AGENT_FIRST:
            continue  # الهجوم الذي شنته الحركة: the relative clause names who attacked
        if word in _CLAUSE_WORDS or word in ".:؛;":
            return None
    return None


def _joined_feminine(view: _Sentence, at: int) -> bool:
    """A feminine past joined by و to a clause before it (صدت هجوما ... وأسرت): its
    subject is that clause's, a plural of things or a force, told by the ت."""
    word = view.words[at]
    return word[:1] in "وف" and word.endswith("ت") and word != _strip_conjunction(word)


def _pronoun_suffix(word: str) -> bool:
    """A verb that carries its subject: قتلوا، فجرا، تظاهروا. Not a verb whose own three
    letters end in ا (ودعا الحزب، نجا، بدا): the suffix needs a stem of three before it."""
    bare = _strip_conjunction(word)
    return bare.endswith(("وا", "ا")) and len(bare) >= 4


def find_arguments(
    text: str,
    layer: TextLayer,
    tokens: Tokens | Sequence[Token],
    sentence: Span,
    trigger: Span,
    *,
    nominal: bool,
    passive: bool,
    entities: Sequence[Entity],
    event_type: str | None = None,
) -> tuple[Argument | None, Argument | None]:
    """(actor, target) of the event whose trigger is ``text[trigger]`` in ``sentence``.

    Spans are original offsets without proclitics that are not part of the name
    (``وقوات الأمن`` -> ``قوات الأمن``); ``Argument.entity`` indexes ``entities``. A
    pronoun subject without an antecedent NP in the clause gives ``None``. ``event_type``
    (the trigger's PLOVER type) says which role a verbal noun's genitive plays: the
    victim of ``مقتل X`` (ASSAULT, COERCE), the one who acts in ``انسحاب X`` (RETREAT,
    PROTEST, MOBILIZE, ...).
    """
    # The armed-attack rule reads the arguments of a candidate the model turned down, and
    # the coder reads them again once the rule accepts it: remember the sentence's readings.
    key = (trigger.start, trigger.end, nominal, passive, event_type)
    memo = _LAST_ARGUMENTS[0]
    if not (memo[0] is text and memo[1] is tokens and memo[2] is entities and memo[3] == sentence):
        memo = (text, tokens, entities, sentence, {})
        _LAST_ARGUMENTS[0] = memo
    readings = memo[4]
    if key not in readings:
        readings[key] = _arguments(
            text, layer, tokens, sentence, trigger, nominal, passive, entities, event_type
        )
    return readings[key]


_ArgumentsKey = tuple[int, int, bool, bool, "str | None"]
_Readings = dict[_ArgumentsKey, tuple["Argument | None", "Argument | None"]]
# The last sentence's argument readings, with the very objects they were read from.
_LAST_ARGUMENTS: list[tuple[str | None, object, object, Span | None, _Readings]] = [
    (None, None, None, None, {})
]


def _arguments(
    text: str,
    layer: TextLayer,
    tokens: Tokens | Sequence[Token],
    sentence: Span,
    trigger: Span,
    nominal: bool,
    passive: bool,
    entities: Sequence[Entity],
    event_type: str | None,
) -> tuple[Argument | None, Argument | None]:
    view = _sentence_view(text, tokens, sentence, entities)
    if not len(view.words):
        return None, None
    at = _token_at(view, trigger.start)
    while (
        at + 1 < len(view.words)
        and view.ends[at] < trigger.end
        and not _is_arabic_word(view.words[at])
    ):
        at += 1  # «مقتل: the trigger is the word, not the quotation mark
    if nominal or _ta_marbuta(view, at):
        end = bisect_left(view.starts, trigger.end, at + 1)
        actor, target = _nominal(view, at, end, event_type)
    elif passive or _reads_passive(view, at):
        actor, target = _passive(view, at)
    elif event_type == "PROTEST":
        actor, target = _protest_verb(view, at)
    else:
        actor, target = _active(view, at)
    if (nominal or _feminine_participle(_strip_conjunction(view.words[at]))) and _circumstantial(
        view, at
    ):
        # مطالبين بتولي الحريري: the one asked for after ب is no actor; the clause's is.
        # مطالبين رئيس الوزراء: what the participle takes, as its verb would, is the target.
        taken = actor if actor and _token_at(view, actor.start) == at + 1 else None
        actor = _main_subject(view, at)
        if target is None and event_type != "PROTEST":
            target = taken
        if target and actor and target.start < actor.end and actor.start < target.end:
            target = None  # the subject read as the object too
    if event_type == "ACCUSE":
        target = _attacker_condemned(view, at, nominal) or target
    if nominal and event_type == "CONSULT" and actor is None and _in_an_adjunct(view, at):
        actor, target = _meeting_in_adjunct(view, at, target)
    if event_type == "ASSAULT" and _fired(view.words[at]):
        # بصواريخ الغراد after استهدفت X: who fires the weapon is the verb's subject
        actor = _firing_subject(view, at) or actor
    actor, target = _checked_actor(view, actor, target)
    last = bisect_left(view.starts, trigger.end, at + 1) - 1
    # what a protest is against may be an event (احتجاجا على زيارة غل), as annotators mark it
    events_ok = event_type == "PROTEST"
    # a protest is not its own actor (مظاهرات احتجاج مماثلة): a gathering is its people
    own = _PROTEST_NOUNS - _GATHERINGS if event_type == "PROTEST" else frozenset()
    actor = _sane(view, actor, at, last, own=own)
    if actor is not None and not _party(text, layer, view, actor, entities, event_type):
        actor = None
    if actor is None and event_type not in (None, "ASSAULT", "PROTEST"):
        # أبلغتها قرار حكومة السودان بإعلان 15 دبلوماسيا أشخاصا غير مرغوب فيهم: who decided
        actor = _decision_owner(view, at)
        if actor is not None and not _party(text, layer, view, actor, entities, event_type):
            actor = None
    if actor is None and event_type == "ASSAULT":
        # بصواريخ الغراد after استهدفت X: who fires the weapon is the verb's subject
        actor = _cause_actor(view, last)
        if actor is not None and not _party(text, layer, view, actor, entities, event_type):
            actor = None
    if event_type == "ASSAULT" and target is None:
        target = _passing(view, last + 1)
    target = _sane(view, target, at, last, events_ok=events_ok)
    if event_type == "ASSAULT" and target is not None and _a_town(view, target):
        # استهدف الطيران مدينة كفرزيتا ... لترتفع حصيلة القتلى إلى 5 مدنيين: the town is
        # where; who was hit are the people the sentence counts, as analysts code them
        target = _counted_people(view, _token_at(view, target.end - 1) + 1) or target
    return actor, target


# لدى مرور دورية، أثناء مرور موكبه: when what was hit went by.
_WHEN_PASSING = _words("لدى عند أثناء خلال حين لحظة")
_PASSING = _words("مرور عبور")
_PASSING_REACH = 6  # tokens from the trigger to لدى مرور: the time and place between


def _passing(view: _Sentence, after: int) -> Argument | None:
    """``انفجرت سيارة مفخخة لدى مرور حافلة تقل جنودا``، ``فجر نفسه لدى مرور دورية``: an
    explosion timed to the passing of a vehicle or convoy names it as what was attacked."""
    for position in range(after, min(len(view.words) - 2, after + _PASSING_REACH)):
        word = view.words[position]
        if word in _CLAUSE_PUNCTUATION or word in _CLAUSE_WORDS:
            return None
        if _strip_conjunction(word) in _WHEN_PASSING and view.words[position + 1] in _PASSING:
            return _arg(view, _phrase(view, position + 2))
    return None


def _attacker_condemned(view: _Sentence, at: int, nominal: bool) -> Argument | None:
    """Who made the attack condemned, by the attack's nationality: the accused, not the
    one hit. The attack is the verb's object (أدانت السعودية الاعتداء الإسرائيلي على قطر)
    or the noun's, after ل (وإدانتها للهجوم الإسرائيلي على قطر)."""
    nouns = (at + 1,) if nominal else (_skip_time(view, _subject(view, at)[1]), at + 1)
    for noun in nouns:
        if noun >= len(view.words):
            continue
        word = view.words[noun]
        if word.startswith("لل"):
            word = "ال" + word[2:]  # للهجوم: ل + the attack, the noun's object
        if _attack_noun(word):
            return _attacking_nation(view, noun)
    return None


def _a_town(view: _Sentence, arg: Argument) -> bool:
    """Whether the argument is a settlement (مدينة كفرزيتا، اللطامنة), not people or a site."""
    at = _token_at(view, arg.start)
    return _settlement(view, at) or is_place(arg.text)


def _counted_people(view: _Sentence, at: int) -> Argument | None:
    """The first people counted from token ``at`` on (5 مدنيين، ثلاثة أشخاص): not a toll
    word (قتيلين), a weapon, a time or a place."""
    for start in range(at, len(view.words)):
        word = view.words[start]
        if not (word.isdigit() or _strip_conjunction(word) in _NUMBER_WORDS):
            continue
        phrase = _phrase(view, start)
        if phrase is None or phrase[0] == start:
            continue
        head = _bare_head(view.words[phrase[0]])
        if (
            phrase[0] in view.entity_of
            or head in _NOT_PARTIES
            or head in _TIME_HEADS
            or _settlement(view, phrase[0])
            or _is_place_word(view.words[phrase[0]])
        ):
            continue
        return _arg(view, phrase)
    return None


# Number words that count (ثلاثة أشخاص), not the vaguer quantities (بعض، عدد، نحو).
_NUMBER_WORDS = _QUANTITY_WORDS - _words(
    "نحو حوالي حوالى قرابة زهاء أكثر اكثر أقل اقل أحد احد إحدى احدى بعض عدد عددا ما يقل يزيد لا عدة"
)


_DECISIONS = _words("قرار قرارات")
_MAX_DECISION = 16  # tokens from قرار X to the act it decides, its objects between


def _decision_owner(view: _Sentence, at: int) -> Argument | None:
    """The genitive of قرار before the trigger at ``at`` in its clause (قرار حكومة السودان
    بإعلان ...، بقرار من وزير الداخلية): the owner of a decision does what it decides."""
    for position in range(at - 1, max(-1, at - 1 - _MAX_DECISION), -1):
        word = view.words[position]
        if word in ".؛;:" or word in _COMPLEMENTIZERS:
            return None
        bare = _strip_conjunction(word)
        bare = bare[1:] if bare[:1] == "ب" and bare[1:] in _DECISIONS else bare
        if bare not in _DECISIONS or position + 1 >= at:
            continue
        owner = position + 1
        if view.words[owner] == "من" and owner + 1 < at:
            owner += 1  # بقرار من الوزير
        phrase = _phrase(view, owner)
        return _arg(view, phrase) if phrase is not None and phrase[1] <= at else None
    return None


def _fired(word: str) -> bool:
    """بصواريخ، بالقذائف، والقنابل: a weapon noun, the instrument of an attack verb."""
    bare = _strip_conjunction(word)
    if bare[:1] == "ب" and not bare.startswith("ال"):
        bare = bare[1:]
    return bare in _INSTRUMENTS or (bare.startswith("ال") and bare[2:] in _INSTRUMENTS)


def _attack_noun(word: str) -> bool:
    """هجوم، بغارة، غارتين، استهداف، القصف: a noun that names an attack, dual included."""
    if _event_noun(word):
        return True
    bare = _strip_conjunction(word)
    if bare[:1] in "بل" and not bare.startswith("ال"):
        bare = bare[1:]
    bare = bare[2:] if bare.startswith(("ال", "لل")) else bare
    if bare.endswith(("تين", "تان")):
        bare = bare[:-3] + "ه"  # غارتين -> غاره, as normalized
    return bare in _EVENT_NOUNS or bare in _ATTACK_VICTIM_NOUNS


# Verbal nouns of attack whose genitive may be the attacker (استهداف الطيران لمنازل).
_ATTACK_VICTIM_NOUNS = _words("استهداف قصف")


def _firing_subject(view: _Sentence, at: int) -> Argument | None:
    """The subject of the verb the weapon noun at ``at`` follows with only the subject
    between: ``استهدفت فصائل المعارضة بصواريخ``."""
    for verb in range(at - 1, max(-1, at - 2 - _MAX_PHRASE), -1):
        if not _is_verb(view.words[verb]) or _strip_conjunction(view.words[verb]) in _SAYING_VERBS:
            continue
        subject = _phrase(view, verb + 1)
        return _arg(view, subject) if subject is not None and subject[1] == at else None
    return None


# Words that give the cause of what the victims suffered: قتل 14 مدنيا إثر استهداف ...،
# استشهد اثنان جراء غارتين، قتلوا خلال الهجوم الذي شنته ...
_CAUSE_WORDS = _words("إثر اثر جراء جرّاء بسبب خلال أثناء اثناء عقب في")
_MAX_CAUSE_GAP = 12  # tokens from the victims' event to the attack that caused it


def _cause_actor(view: _Sentence, last: int) -> Argument | None:
    """Who carried out the attack a casualty report gives as its cause, read as the attack
    noun's own actor: its genitive (إثر استهداف طيران التحالف لمنازل), its relative
    clause (جراء غارتين شنهما الاحتلال، الهجوم الذي شنته الحركة) or its nationality
    adjective (في غارة إسرائيلية). ``last``: the victims' trigger's last token."""
    n = len(view.words)
    for position in range(last + 1, min(n, last + 1 + _MAX_CAUSE_GAP)):
        word = view.words[position]
        if word in ".:؛;" or word in _COMPLEMENTIZERS:
            return None
        if _strip_conjunction(word) in _CAUSE_WORDS and position + 1 < n:
            position += 1
        elif word[:1] != "ب":
            continue
        if _attack_noun(view.words[position]):
            actor, _ = _nominal(view, position, position + 1, "ASSAULT")
            return _checked_actor(view, actor, None)[0] or _attacking_nation(view, position)
    return None


def _attacking_nation(view: _Sentence, at: int) -> Argument | None:
    """The nationality adjective of the attack noun at ``at`` (غارة إسرائيلية، قصف روسي):
    the state whose forces attacked."""
    countries = tables().countries
    for position in range(at + 1, min(len(view.words), at + 3)):
        word = view.words[position]
        if countries.match((word,), 0) is not None:
            return _arg(view, (position, position + 1))
        if not _is_adjective(word):
            break
    return None


# Nouns for the members of a force; with a possessive (جنوده، قواتها، عناصرهم) they are
# the force of someone named before.
_MEMBER_NOUNS = _words("جنود قوات عناصر مقاتلي مقاتلو أفراد افراد رجال")
# Buildings named at the head of a phrase: what is hit, never who acts (مستودع أسلحة لحزب
# الله: the depot is the party's, not the party); sites (_FACILITY_HEADS: مطار، قاعدة) too.
_BUILDING_HEADS = _words(
    "مستودع مستودعات مخزن مخازن مبنى مباني منزل منازل بيت بيوت مدرسة مستشفى مسجد سوق "
    "طرق شوارع إطارات اطارات سيارة سيارات"
)


def _party(
    text: str,
    layer: TextLayer,
    view: _Sentence,
    arg: Argument,
    entities: Sequence[Entity],
    event_type: str | None,
) -> bool:
    """Whether an argument names one who can act: a named entity, or a party the actor
    tables know (a named actor, a person, a generic agent such as مسلحون or الشرطة, a
    country or nationality) at its head, after a count or a member noun at most.

    Whatever else a parser reads as a subject is no actor: a place (مناطق متفرقة، مخيم
    نازحين), a weapon after ب (بصواريخ الغراد), a count (العديد), an adjective (منفصل), a
    verb (حالت). A force's members with a possessive (طائراتها، جنوده) are its party.
    """
    first = _token_at(view, arg.start)
    if first in view.entity_of and entities[view.entity_of[first]].kb_id is not None:
        return True  # a name of the actors table, whatever its first word (الدعم السريع)
    head = _strip_conjunction(view.words[first])
    bare = head[2:] if head.startswith("ال") else head
    if bare in _PLACE_HEADS or head in _PLACE_NOUNS or bare in _PLACE_NOUNS:
        return False
    if (
        bare in _NOT_PARTIES
        or bare in _BUILDING_HEADS
        or bare in _FACILITY_HEADS
        or bare in _PLACE_PARTS
    ):
        return False
    if first in view.entity_of or event_type == "PROTEST":
        return True  # a crowd is named by its count or its people (الآلاف، الصرب)
    if head in _GROUPS_NAMED_BEFORE:
        return True
    return resolve_actor(text, layer, arg, entities) is not None or _possessed_agent(bare)


# A group the article has named, referred to again by its kind (قتلت الجماعة، أعلن التنظيم).
_GROUPS_NAMED_BEFORE = _words("الجماعة التنظيم الحركة المجموعة الفصيل الخلية الجبهة")


def _possessed_agent(word: str) -> bool:
    """طائراتها، جنوده، قواتهم: a generic agent of the tables with a possessive pronoun."""
    agents = tables().agents
    return any(
        word.endswith(suffix) and agents.match((word[: -len(suffix)],), 0) is not None
        for suffix in _POSSESSIVES
        if len(word) > len(suffix) + 2
    )


# Gatherings name the people gathered (أطلقت قذيفة على تجمع للمواطنين، تجمع المهنيين).
_GATHERINGS = _words("تجمع تجمعات حشد")


def _circumstantial(view: _Sentence, at: int) -> bool:
    """Whether the trigger at ``at`` is a حال (circumstantial accusative) of the clause
    before it: a participle or verbal noun, indefinite and accusative (مطالبين، مرددين،
    رافعين، مطالبا، احتجاجا، تنديدا، مطالبات), joined to the clause by a comma or و.

    A حال describes the main clause's subject as it acts, so that subject is its actor.
    """
    word = view.words[at]
    bare = _strip_conjunction(word)
    previous = view.words[at - 1] if at else ""
    if at in view.entity_of or bare.startswith(("ال", "لل")) or len(bare) < 5:
        return False
    if bare.endswith("وا") or _is_verb(word):
        return False  # وهتفوا، وطالبوا: a verb in ا has its own subject
    if not (bare != word or previous in ("،", ",")):
        return False
    if bare.endswith("ين") or (_accusative(bare) and not bare.endswith(("ها", "نا"))):
        return True  # not معاركها: a possessive makes it definite, and a حال is not
    if previous in ("،", ",") and _feminine_participle(bare):
        return True  # أعلنت الحركة انسحابها، متوعدة القوات بالرد: the movement threatens
    # مطالبات، منددات: a feminine participle; not مظاهرات، مسيرات (events, not people)
    return bare.endswith("ات") and bare[0] == "م" and bare not in _PROTEST_NOUNS


# Nouns of the pattern of a feminine participle (م...ة) that name an event or a place.
_NOT_PARTICIPLES = _words("مجزرة مذبحة منطقة مدينة محافظة مديرية مدرسة مؤسسة منظمة معركة")


def _feminine_participle(bare: str) -> bool:
    """``متوعدة``، ``مؤكدة``، ``مطالبة``: an indefinite feminine participle (م...ة), which
    after a comma is a حال of the clause's feminine subject; not an event noun of that
    pattern (مظاهرة، مواجهة، محاولة، مداهمة) nor a place or body (منطقة، منظمة)."""
    if len(bare) < 5 or bare[0] != "م" or bare[-1] != "ه":
        return False
    nouns = (
        _NOT_PARTICIPLES | _PROTEST_NOUNS | _CLASH_NOUNS | _EVENT_NOUNS | _VICTIM_NOUNS
    ) | _RAID_NOUNS
    return bare not in nouns and bare not in _PLACE_HEADS


def _main_subject(view: _Sentence, at: int) -> Argument | None:
    """The subject of the main verb before the حال at ``at``, None where it has none: no
    actor is better than the wrong one. A relative clause's verb (الذين حملوا، لافتات
    كتبت: after a relative or an indefinite noun) describes a noun; the main verb is
    further back."""
    for position in range(at - 1, -1, -1):
        word = view.words[position]
        bare = _strip_conjunction(word)
        if position in view.entity_of or not (
            _is_verb(word) or _finite_verb(word) or bare in _trigger_verbs()
        ):
            continue
        if position and (_describes(view, position - 1) or _conditional(view, position)):
            continue
        phrase, _ = _subject(view, position)
        if phrase is not None and phrase[1] <= at and not _not_an_actor(view, phrase):
            head = _strip_conjunction(view.words[phrase[0]])
            if phrase[0] not in view.entity_of and head[:1] in "بل" and len(head) > 3:
                return None  # وبدوره، أكد: a ب phrase before the verb is no subject
            return _arg(view, phrase)
        return _antecedent(view, position) if _pronoun_suffix(word) else None
    return None


_CONDITIONS = _words("إذا اذا لو لولا")


def _conditional(view: _Sentence, verb: int) -> bool:
    """Whether the verb at ``verb`` is a condition's (إذا تأخرت، ما لم يعقد البرلمان جلسة):
    a حال after it describes the one who set the condition, not the condition's subject."""
    previous = _strip_conjunction(view.words[verb - 1]) if verb else ""
    if previous in _CONDITIONS:
        return True
    return previous == "لم" and verb > 1 and _strip_conjunction(view.words[verb - 2]) == "ما"


def _describes(view: _Sentence, before: int) -> bool:
    """Whether the verb after ``before`` opens a relative clause: after الذين/التي, or
    after an indefinite noun (لافتات كتبت عليها)."""
    word = view.words[before]
    if word in _RELATIVES:
        return True
    return (
        before not in view.entity_of
        and _is_arabic_word(word)
        and not word.startswith(("ال", "لل"))
        and word == _strip_conjunction(word)
        and not _stops_phrase(word)
        and not _is_verb(word)
        and not _has_preposition(word)
        and word[:1] != "ب"
    )


def _ta_marbuta(view: _Sentence, at: int) -> bool:
    """A word in ة is a noun, never a verb: ``وإصابة 45 آخرين`` is read as ``مقتل X``."""
    return view.text[view.ends[at] - 1] == "ة" and len(view.words[at]) > 3


# Victims counted as nouns: a phrase they head names who suffered, never who acted
# (موقعة 11 قتيلا، أسفر عن سقوط 35 قتيلا).
_CASUALTY_NOUNS = _words(
    "قتيل قتيلا قتيلان قتيلين قتلى القتلى جريح جريحا جريحان جريحين جرحى الجرحى ضحية ضحايا "
    "الضحايا مصاب مصابا مصابين مصابون المصابين"
)


# Passive participles that name the one acted upon (a suspect, the accused, the wanted):
# as the subject of an unvowelled verb, the verb is passive and they are its target.
_PATIENTS = _words("مشتبه متهم متهمين متهمون مطلوب مطلوبين مطلوبون")


def _checked_actor(
    view: _Sentence, actor: Argument | None, target: Argument | None
) -> tuple[Argument | None, Argument | None]:
    """No event, bomb or casualty count as the actor: ``بدأ الهجوم``، ``انفجار سيارة
    مفخخة``، ``موقعة 11 قتيلا`` name no one who acts; the dead are the target."""
    if target is not None and _bomb(view, target):
        target = None  # جرح الوزير في تفجير سيارة مفخخة: the car bomb was no one's target
    if actor is None:
        return actor, target
    first = _token_at(view, actor.start)
    head = _strip_conjunction(view.words[first])
    head = head[2:] if head.startswith("ال") else head
    if head in _CASUALTY_NOUNS or view.words[first] in _CASUALTY_NOUNS:
        return None, target or actor
    if head in _PATIENTS:
        return None, actor  # واعتقل مشتبه به: the suspect is arrested, the verb passive
    if head in _EVENT_NOUNS or head in _INSTRUMENTS or _bomb(view, actor):
        return None, target
    if _member_noun(view, actor):
        actor = _speaker(view, first) or actor  # قال الجيش الأميركي إن جنوده قتلوا
    return actor, target


def _member_noun(view: _Sentence, arg: Argument) -> bool:
    """``جنوده``، ``قواتها``: one word, a force's members with a possessive pronoun."""
    first = _token_at(view, arg.start)
    if _token_at(view, arg.end - 1) != first:
        return False
    word = _strip_conjunction(view.words[first])
    return any(
        word.endswith(suffix) and word[: -len(suffix)] in _MEMBER_NOUNS for suffix in _POSSESSIVES
    )


def _speaker(view: _Sentence, at: int) -> Argument | None:
    """The subject of the saying verb whose complement begins before ``at``: the owner of
    ``جنوده`` in ``وقال الجيش الأميركي إن جنوده قتلوا``."""
    if at < 1 or _strip_conjunction(view.words[at - 1]) not in _COMPLEMENTIZERS:
        return None
    for position in range(at - 2, max(-1, at - 2 - _MAX_PHRASE - 2), -1):
        if _strip_conjunction(view.words[position]) in _SAYING_VERBS:
            phrase = _phrase(view, _skip_time(view, position + 1))
            if phrase is not None and phrase[1] == at - 1:
                return _arg(view, phrase)
            return None
    return None


def _bomb(view: _Sentence, arg: Argument) -> bool:
    """Whether an argument is a weapon: قذائف الهاون، سيارة مفخخة، عبوة ناسفة."""
    first = _token_at(view, arg.start)
    last = _token_at(view, arg.end - 1) + 1
    # انفجار سيارتين مفخختين: the phrase may stop before its bomb adjective
    after = last < len(view.words) and view.words[last] in _BOMB_ADJECTIVES
    return after or _is_instrument(view, (first, last))


def _protest_verb(view: _Sentence, at: int) -> tuple[Argument | None, Argument | None]:
    """``تظاهر مئات الطلاب أمام البرلمان احتجاجا على قرار``: what the protesters protest
    against is the target, not the verb's object (``أغلقوا شوارع``) nor the site they
    stand before (البرلمان)."""
    actor, _ = _active(view, at)
    _, after = _subject(view, at)
    return actor, _prepositional_target(view, after, _PROTEST_REACH, protest=True)


_PROTEST_REACH = 8  # tokens from a protest verb's subject to أمام/ضد/احتجاجا على
# A protest's demand that someone go (مطالبين برحيل، للمطالبة بإسقاط، يهتفون بسقوط): the
# one to go is whom it is against, as analysts code it.
_OUSTER_DEMANDS = _words(
    "برحيل بإسقاط باسقاط بسقوط بإقالة باقالة باستقالة بتنحي بتنحية بمحاكمة بطرد"
)


def _reads_passive(view: _Sentence, at: int) -> bool:
    """``قتل 20 شخصا`` and ``شخصين قتلا``: a verb of harm with a count or no subject after."""
    word = _strip_conjunction(view.words[at])
    if word in ("اغتيل", "اصيب", "اصيبوا", "اصيبت", "جرح", "اعدم", "استشهد", "توفي"):
        return True
    if word not in ("قتل", "قتلت", "قتلا", "قتلوا", "جرحوا", "جرحا", "خطف", "اعتقل"):
        return False
    after = _skip_time(view, at + 1)
    if _pronoun_suffix(word):
        # شخصين قتلا: nothing follows; جنوده قتلوا خمسة مسلحين: an object follows.
        return _phrase(view, after) is None
    if after < len(view.words) and _is_quantity(view.words[after]):
        # أن قوات الأمن قتلت 6 مسلحين: a subject before the verb acts on the count after
        return _preceding_subject(view, at) is None
    if after >= len(view.words) or _no_object_follows(view.words[after]):
        # خطف في وسط المدينة من قبل مسلحين، الذي قتل مع 9 آخرين: an active قتل or خطف
        # takes its object next; a preposition or the clause's end says qutila, khutifa.
        return True
    if view.words[after] in ("شخص", "مدني", "جندي", "طفل"):
        return True
    # قتل عنصر من الدرك وأصيب أربعة آخرون: the toll joined to it is told in the passive,
    # unless an object follows the subject (قتل مسلحون جنديين وأصيب ثلاثة)
    phrase = _phrase(view, after)
    return (
        phrase is not None
        and phrase[1] < len(view.words)
        and view.words[phrase[1]][:1] in "وف"
        and _strip_conjunction(view.words[phrase[1]]) in _JOINED_PASSIVES
        and not any(_indefinite_object(view, p) for p in range(phrase[0] + 1, phrase[1]))
    )


def _indefinite_object(view: _Sentence, at: int) -> bool:
    """An indefinite noun in the accusative or oblique case (جنديين، شرطيا): an object."""
    word = view.words[at]
    return (
        at not in view.entity_of
        and not word.startswith(("ال", "لل"))
        and len(word) > 3
        and word.endswith(("ا", "ين"))
    )


# The passives of harm a toll joins to a killing (قتل ثلاثة وأصيب خمسة).
_JOINED_PASSIVES = _words("أصيب أصيبت أصيبوا جرح جرحت جرحوا")


def _no_object_follows(word: str) -> bool:
    """A word no object of a verb begins with: a preposition, a clause word, punctuation."""
    return (
        word in _PREPOSITIONS
        or word in _PRONOUN_PREPOSITIONS
        or word in _CLAUSE_PUNCTUATION
        or word in _AGENT_FIRST  # قتل برصاص قناص
        or _strip_conjunction(word) in _PREPOSITIONS
    )


def _active(view: _Sentence, at: int) -> tuple[Argument | None, Argument | None]:
    actor_phrase, object_at = _subject(view, at)
    if actor_phrase is not None and _not_an_actor(view, actor_phrase):
        actor_phrase = None  # سيارة مفخخة فجرت، استهدف هجوم انتحاري: no one is named
    target = _object(view, object_at)
    actor = _arg(view, actor_phrase)
    if actor_phrase is None and (_pronoun_suffix(view.words[at]) or _joined_feminine(view, at)):
        actor = _antecedent(view, at)
    elif actor_phrase is None and at and view.words[at - 1] in _THAT_IT:
        actor = _reporter(view, at - 1)
    return actor, target


# أنّ with the pronoun of the one who speaks: وأعلن الجيش في بيان أنه أوقف.
_THAT_IT = _words("أنه إنه انه بأنه بانه وأنه أنها إنها انها بأنها بانها أنهم إنهم انهم بأنهم")


def _reporter(view: _Sentence, at: int) -> Argument | None:
    """The subject of the saying verb before ``أنه`` at ``at``, a few words back, the
    pronoun's antecedent: الجيش in ``وأعلن الجيش في بيان أنه أوقف``."""
    for position in range(at - 1, max(-1, at - 1 - _MAX_SUBJECT), -1):
        word = view.words[position]
        if _strip_conjunction(word) in _SAYING_VERBS:
            return _arg(view, _phrase(view, _skip_time(view, position + 1)))
        if word in _CLAUSE_PUNCTUATION:
            return None
    return None


def _subject(view: _Sentence, at: int) -> tuple[tuple[int, int] | None, int]:
    """The subject phrase of the verb at ``at`` (before or after it) and where its object is."""
    after = _skip_time(view, at + 1)
    if at and view.words[at - 1] in _THAT_IT:
        return None, after  # أنه أوقف 12 شخصا: the pronoun of أنه acts, 12 are the object
    preceding = (
        _preceding_subject(view, at)
        or _relative_head(view, at)
        or _subject_before_relative(view, at)
    )
    if preceding is not None:
        return preceding, after
    if _attack_subject(view, at):
        return None, after
    following = _phrase(view, after)
    if following is not None and _is_instrument(view, following):
        return None, after
    if following is not None and _joined_feminine(view, at) and _is_quantity(view.words[after]):
        return None, after  # وأسرت 8 من عناصرها: the forces named before took eight
    joined = view.words[at] != _strip_conjunction(view.words[at])
    if following is not None and joined and _in_the_accusative(view, following):
        return None, after  # وأصابت شابا: the one hit, the subject the clause's before
    if following is not None and not _pronoun_suffix(view.words[at]):
        return following, _skip_time(view, following[1])
    return None, after


def _in_the_accusative(view: _Sentence, phrase: tuple[int, int]) -> bool:
    """An indefinite noun phrase in the accusative (شخصا، شابا، 30 فلسطينياً) is a verb's
    object, never its subject: «اعتقلت القوات 30 شخصا، وأصابت شابا» names no one who hit
    before وأصابت, and the one hit after it. A name is not read so (فرنسا، كندا); a nisba
    in -يا only with its tanween written (فلسطينياً, not سوريا)."""
    head = phrase[0]
    word = _strip_conjunction(view.words[head])
    if head in view.entity_of or word.startswith("ال") or word.endswith(("ها", "نا")):
        return False  # طائراتها، قواتنا: a possessive, not tanween
    if word.endswith("يا") and len(word) > 3:
        return "\u064b" in view.text[view.starts[head] : view.ends[head]]
    return _accusative(word)


def _attack_subject(view: _Sentence, at: int) -> bool:
    """``عملية انتحارية بسيارة مفخخة استهدفت قافلة``: an attack, not a person, targets."""
    if _strip_conjunction(view.words[at]) not in _TARGETING_VERBS:
        return False
    for position in range(at - 1, max(-1, at - _MAX_TARGETING_GAP), -1):
        word = view.words[position]
        if _event_noun(word):
            return True
        if word in _CLAUSE_WORDS or word in ".:؛;" or _is_verb(word):
            return False
    return False


def _not_an_actor(view: _Sentence, phrase: tuple[int, int]) -> bool:
    """A bomb or an event as the grammatical subject: annotators name no actor for it."""
    head = _strip_conjunction(view.words[phrase[0]])
    head = head[2:] if head.startswith("ال") else head
    return _is_instrument(view, phrase) or head in _EVENT_NOUNS


def _relative_head(view: _Sentence, at: int) -> tuple[int, int] | None:
    """``3 مسلحين اطلقوا النار``: an indefinite plural and the verb that describes it.

    Arabic attaches a relative clause to an indefinite noun without الذين; a plural verb
    right after an indefinite plural phrase has that phrase as its subject.
    """
    verb = _strip_conjunction(view.words[at])
    if at < 2 or not verb.endswith("وا") or verb != view.words[at]:
        return None
    for first in range(at - 1, max(-1, at - 4), -1):
        phrase = _phrase(view, first)
        if phrase is not None and phrase[1] == at:
            head = view.words[phrase[0]]
            if not head.startswith("ال") and head.endswith(("ين", "ون")):
                return phrase
    return None


def _subject_before_relative(view: _Sentence, at: int) -> tuple[int, int] | None:
    """``إن الرياض التي تقود التحالف، أطلقت سراح``: a subject, the relative clause that
    describes it, a comma, and the verb it is the subject of (a verb with no و: one joined
    by و after a comma starts a clause of its own). Not a topic the clause takes up again
    by a pronoun (إن الدبلوماسيين الذين خطفوا، أطلق سراحهم: they were released)."""
    if (
        at < 3
        or view.words[at - 1] not in ("،", ",")
        or _strip_conjunction(view.words[at]) != view.words[at]
    ):
        return None
    if any(word.endswith(("هم", "هما", "هن", "ها")) for word in view.words[at : at + 2]):
        return None
    for relative in range(at - 2, max(0, at - 2 - _MAX_SUBJECT), -1):
        word = view.words[relative]
        if word in _CLAUSE_PUNCTUATION:
            return None
        if word not in _RELATIVES:
            continue
        for first in range(relative - 1, max(-1, relative - 1 - _MAX_PHRASE), -1):
            if first and not (
                _clause_start(view.words[first - 1]) or view.words[first - 1] in _COMPLEMENTIZERS
            ):
                continue
            phrase = _phrase(view, first)
            if phrase is not None and phrase[1] == relative:
                return phrase
        return None
    return None


_MAX_ANTECEDENT = 3  # earlier verbs tried for the subject of a pronoun verb


def _antecedent(view: _Sentence, at: int) -> Argument | None:
    """The subject a pronoun verb shares with the verb it is joined to.

    ``اقتحم مسلحو حماس منزل ... وقتلوا قائدا``: وقتلوا has no subject of its own; the
    verb before it, in the same sentence and not across a complementizer, has one.
    """
    word = view.words[at]
    previous = view.words[at - 1] if at else ""
    if word == _strip_conjunction(word) and previous not in ("ثم", "،", ","):
        return None
    tried = 0
    for position in range(at - 1, -1, -1):
        earlier = view.words[position]
        if earlier in _COMPLEMENTIZERS:
            return None
        if not _is_verb(earlier) or _strip_conjunction(earlier) in _SAYING_VERBS:
            continue
        phrase, _ = _subject(view, position)
        if phrase is not None and not _not_an_actor(view, phrase):
            return _arg(view, phrase)
        if not _pronoun_suffix(earlier):
            return None
        tried += 1
        if tried == _MAX_ANTECEDENT:
            return None
    return None


def _is_instrument(view: _Sentence, phrase: tuple[int, int]) -> bool:
    """صاروخا، النار، سيارة مفخخة: what is fired or set off, not who or what is hit."""
    first, last = phrase
    return view.words[first] in _INSTRUMENTS or view.words[last - 1] in _BOMB_ADJECTIVES


def _past_weapons(view: _Sentence, at: int) -> int:
    """Past the weapons a verb is done with, named before its object: ``استهدفت بصواريخ
    الغراد وقذائف المدفعية مواقع``، ``قصف بالصواريخ الفراغية مدينة``. An indefinite weapon
    takes one genitive (صواريخ الغراد); adjectives follow any; و joins another weapon."""
    n = len(view.words)
    if at >= n or not (_fired(view.words[at]) and _strip_conjunction(view.words[at])[:1] == "ب"):
        return at
    while True:
        definite = _strip_conjunction(view.words[at]).lstrip("ب").startswith("ال")
        at += 1
        if not definite and at < n and view.words[at].startswith("ال"):
            at += 1  # صواريخ الغراد، قذائف الهاون
        while at < n and _is_adjective(view.words[at]):
            at += 1
        if not (at < n and view.words[at][:1] == "و" and _fired(view.words[at])):
            return at


def _object(view: _Sentence, at: int) -> Argument | None:
    """The object at ``at``: an NP, or after an instrument, the NP after على/ضد."""
    at = _past_weapons(view, _skip_time(view, at))
    if at + 1 < len(view.words) and view.words[at] in _RELEASE_NOUNS:
        at = _skip_time(view, at + 1)  # أطلقت سراح 249 أسيرا: who is set free follows سراح
    phrase = _phrase(view, at)
    if phrase is not None and _event_noun(view.words[phrase[0]]):
        # شن مسلحون هجوما على نقطة: the attack is no target; what it is on is.
        return _prepositional_target(view, _past_modifiers(view, phrase[1]), 6)
    if phrase is not None and not _is_instrument(view, phrase):
        return _arg(view, _victims(view, phrase))
    start = phrase[1] if phrase is not None else at
    return _prepositional_target(view, _skip_time(view, start), _WEAPONS_REACH)


# Tokens from what is fired to على: the weapons may be several, named at length (فتحوا
# أسلحتهم الرشاشة وقاذفات الـ«آر بي جي 7» على مقر); a clause word still stops the search.
_WEAPONS_REACH = 10


def _passive(view: _Sentence, at: int) -> tuple[Argument | None, Argument | None]:
    after = _skip_time(view, at + 1)
    following = _phrase(view, after)
    target_phrase = following
    if following is None or _pronoun_suffix(view.words[at]):
        target_phrase = (
            _preceding_subject(view, at, among=True) or _before_relative(view, at) or following
        )
    if target_phrase is not None:
        target_phrase = _victims(view, target_phrase)
    rest = following[1] if following is not None else after
    target = _arg(view, target_phrase) or _attack_on(view, rest)
    return _agent_phrase(view, rest, 16) or _borrowed_actor(view, at), target


# Words that make a clause the result of the one before: ما أدى إلى مقتل، أسفر عن سقوط.
_RESULT_WORDS = _words(
    "أدى أدت ادى ادت يؤدي تؤدي أسفر أسفرت اسفر اسفرت يسفر تسفر تسبب تسببت أوقع أوقعت موقعا "
    "موقعة مخلفا مخلفة"
)
_WHEN_WORDS = _words("عندما حين حينما لدى اثر إثر بعدما")


def _borrowed_actor(view: _Sentence, at: int) -> Argument | None:
    """The actor of a victim's event where another clause names it.

    ``قامت دبابة بقصف منزل، ما أدى إلى مقتل ثلاثة``: the death is the shelling's result,
    so its actor is the shelling's. ``قتل ثمانية ... عندما فجر انتحاري نفسه``: the clause
    that says when says who.
    """
    for position in range(at - 1, max(-1, at - 4), -1):
        if _strip_conjunction(view.words[position]) in _RESULT_WORDS:
            return _earlier_actor(view, position)
    for position in range(at + 1, min(len(view.words), at + _MAX_ATTACK_GAP + 6)):
        word = view.words[position]
        if word in ".:؛;" or word in _COMPLEMENTIZERS:
            return None
        if _strip_conjunction(word) in _WHEN_WORDS and position + 1 < len(view.words):
            verb = position + 1
            if view.words[verb] in ("ان", "أن"):
                verb += 1
            if verb < len(view.words) and _strip_conjunction(view.words[verb]) in _UNDERGO_VERBS:
                return None  # عندما تعرضت قافلته لهجوم: who underwent it did not do it
            if verb < len(view.words) and _is_verb(view.words[verb]):
                phrase, _ = _subject(view, verb)
                if phrase is not None and not _not_an_actor(view, phrase):
                    return _arg(view, phrase)
            return None
    return None


def _earlier_actor(view: _Sentence, at: int) -> Argument | None:
    """The subject of the nearest verb before ``at`` that is not one of saying or result."""
    for position in range(at - 1, -1, -1):
        word = view.words[position]
        if word in _COMPLEMENTIZERS or word in ".:؛;":
            return None
        bare = _strip_conjunction(word)
        if not _is_verb(word) or bare in _SAYING_VERBS or bare in _RESULT_WORDS:
            continue
        phrase, _ = _subject(view, position)
        if phrase is not None and not _not_an_actor(view, phrase):
            return _arg(view, phrase)
        return None
    return None


def _before_relative(view: _Sentence, at: int) -> tuple[int, int] | None:
    """``النائب انطوان غانم الذي قتل``: the noun a relative pronoun before the verb refers to."""
    if at < 2 or view.words[at - 1] not in _RELATIVES:
        return None
    best = None
    for first in range(at - 2, max(-1, at - 2 - _MAX_PHRASE), -1):
        phrase = _phrase(view, first)
        if phrase is not None and phrase[1] == at - 1:
            word = view.words[first]
            if best is None or word.startswith("ال") or first in view.entity_of:
                best = phrase  # a title or a name, not the verb before it (لتطال)
            if first == 0 or _clause_start(view.words[first - 1]):
                break
    return best


_RELATIVES = _words("الذي التي الذين اللذين اللتين اللواتي")
_MAX_ATTACK_GAP = 10  # tokens from a victim's verb to في هجوم ... على


def _attack_on(view: _Sentence, at: int) -> Argument | None:
    """``قتل 20 في هجوم انتحاري على الطائفة اليزيدية``: the victims' verb names no one, the
    attack they died in says whom it was on."""
    for position in range(at, min(len(view.words), at + _MAX_ATTACK_GAP)):
        word = view.words[position]
        if word in _CLAUSE_PUNCTUATION or word in _CLAUSE_WORDS:
            return None
        if _event_noun(word):
            return _prepositional_target(view, position + 1, 5) or _targeted(view, position)
    return None


def _event_noun(word: str) -> bool:
    """هجوم، بهجوم، الانفجار، وتفجير: a word that names an attack."""
    bare = _strip_conjunction(word)
    if bare[:1] in "بل" and not bare.startswith("ال"):
        bare = bare[1:]
    bare = bare[2:] if bare.startswith(("ال", "لل")) else bare
    return bare in _EVENT_NOUNS


def _past_modifiers(view: _Sentence, at: int) -> int:
    """Past what describes an attack: ``انتحاري بسيارة مفخخة، امس،`` before its object."""
    n = len(view.words)
    while at < n:
        word = view.words[at]
        timed = _skip_time(view, at)
        if timed > at:
            at = timed
        elif (
            _is_adjective(word)
            or word in ("،", ",")
            or (word[:1] == "ب" and at not in view.entity_of)
        ):
            at += 1
        else:
            break
    return at


# Verbs whose subject is an attack and whose object is what it hit (هجوم استهدف موكبا).
_TARGETING_VERBS = _words(
    "استهدف استهدفت استهدفا طال طالت ضرب ضربت أصاب أصابت هز هزت يستهدف تستهدف"
)
_MAX_TARGETING_GAP = 6  # tokens between an attack noun and استهدف


def _targeted(view: _Sentence, at: int) -> Argument | None:
    """What the attack named at ``at`` hit: ``تفجير انتحاري استهدف سيارات للجيش`` and
    ``واستهدف هجوم انتحاري بسيارة مفخخة، امس، موكبا``."""
    n = len(view.words)
    if at and _strip_conjunction(view.words[at - 1]) in _TARGETING_VERBS:
        return _object(view, _past_modifiers(view, at + 1))
    for position in range(at + 1, min(n, at + 1 + _MAX_TARGETING_GAP)):
        word = view.words[position]
        if _strip_conjunction(word) in _TARGETING_VERBS:
            return _object(view, position + 1)
        if word in _CLAUSE_WORDS or word in ".:؛;":
            return None
    return None


# Types whose verbal noun's genitive is the one who acts: انسحاب القوات، تظاهر الطلاب.
_ACTOR_GENITIVE_TYPES = frozenset(
    {"RETREAT", "PROTEST", "MOBILIZE", "AGREE", "CONSULT", "CONCEDE", "COOPERATE", "REJECT"}
)
# Types whose victim nouns (مقتل، اعتقال) take the victim as genitive.
_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
# Release nouns: what is released is the genitive (إطلاق سراح X) or follows عن (الإفراج عن X).
_RELEASE_NOUNS = _words("سراح إفراج افراج")
_RELEASE_OBJECT = _words("عن")
# Nouns that begin with ل as a root letter, not the preposition: اجتماع لجنة، هجوم لواء.
_LAM_WORDS = _words("لجنة لجان لواء ألوية لبنان لندن ليبيا لاجئ لاجئين لاجئون لاعب لاعبين")
_POSSESSIVES = ("هما", "هم", "هن", "ها", "ه")
_MAX_GOVERNOR = 18  # tokens back from a verbal noun to the verb whose object it is
_DEMONSTRATIVES = _words("هذا هذه ذلك تلك")


def _nominal(
    view: _Sentence, at: int, end: int, event_type: str | None
) -> tuple[Argument | None, Argument | None]:
    word = _strip_conjunction(view.words[at])
    bare = word[1:] if word[:1] in "بل" and not word.startswith("ال") else word
    bare = bare[2:] if bare.startswith("ال") else bare
    stem = _possessed(bare)
    after = _past_trigger(view, at, end, bare)
    if bare in _CLASH_NOUNS:
        sides = _between(view, after)
        if sides is not None:  # اشتباكات بين قوات النظام وفصائل المعارضة: the two sides
            return sides
    release = bare in _RELEASE_NOUNS or any(
        view.words[p] in _RELEASE_NOUNS for p in range(at + 1, after)
    )
    genitive = None
    if stem is None and not view.words[at].startswith(("ال", "بال", "لل")):
        genitive = _genitive(view, after)
    rest = genitive[1] if genitive is not None else after
    if genitive is not None and view.words[genitive[0]] in _INSTRUMENTS:
        genitive = None
    key = stem or bare
    victim = (key in _VICTIM_NOUNS or _normal(key) in _VICTIM_NOUNS) and (
        event_type is None or event_type in _VICTIM_TYPES
    )
    if genitive is not None:
        split = _lam_object(view, genitive)
        if split is not None:  # اعتقال الشرطة للصحفي: agent, then ل + the one it acts on
            return _arg(view, split[0]), _lam_arg(view, split[1])
    if event_type == "SANCTION" and key in _SENTENCE_NOUNS:
        # وبالسجن المؤبد: a definite noun, after its conjunction too, has no genitive
        sentenced = None if word.startswith(("ال", "بال", "لل")) else genitive
        return _sentence_arguments(view, at, rest, sentenced, possessive=stem is not None)
    if event_type == "COERCE" and genitive is not None and key in _RAID_NOUNS:
        if word.startswith("ال"):
            pass  # والحصار الإسرائيلي: a definite noun has no genitive; the adjective says whose
        elif (acting := _raiding_force(view, genitive, key)) is not None:
            return acting  # مداهمة قوات الأمن للمنزل: the forces raid the house
        else:
            if key in _PLACE_RAIDS and _describing(view, genitive, rest):
                genitive = None  # حصار شامل على كوريا الشمالية: a word for how, then whom
            victim = True  # مداهمة مخبأ، اعتقال ناشطين: the genitive is what is acted on
    agent = _agent_phrase(view, rest, 8) or _light_verb_subject(view, at)
    if agent is None and event_type == "ASSAULT" and not victim:
        agent = _attacker_after_from(view, rest)
    if stem is not None:  # هجومها، مقتله: the possessor is the subject of the governing verb
        possessor = _governing_subject(view, at)
        if victim:
            return agent or _borrowed_actor(view, at), possessor
        agent = agent or possessor
    if release:
        released = _lam_arg(view, genitive) or _after_marker(view, rest, _RELEASE_OBJECT)
        return agent, released
    protest = bare in _PROTEST_NOUNS or bare[:-1] in _PROTEST_NOUNS  # اعتصاما
    if protest or event_type in _ACTOR_GENITIVE_TYPES:
        target = _prepositional_target(view, rest, _PROTEST_REACH, protest=True)
        return _lam_arg(view, genitive) or agent, target
    undergoer = _undergoer(view, at)  # read only where it is used: it scans back a clause
    if undergoer is not None:
        return agent, undergoer
    against = _prepositional_target(view, rest, 4)
    if victim and agent is None and against is not None and _lam_genitive(view, genitive):
        # قصف صاروخي لقوات الحكومة على حي: ل names who shelled, على what was hit
        return _lam_arg(view, genitive), against
    if victim:
        agent = agent or _borrowed_actor(view, at)
        if agent is None and event_type == "COERCE" and key in _RAID_NOUNS:
            agent = _raid_in_action(view, at)
        victims = _victims(view, genitive) if genitive is not None else None
        return agent, _lam_arg(view, victims) or against or _targeted(view, at)
    if against is not None:
        return agent or _lam_arg(view, genitive), against
    # هجوم لـX / هجوم X: the genitive of an attack is who attacks.
    return agent or _lam_arg(view, genitive), _targeted(view, at)


# Nouns of a sentence handed down (قضت المحكمة بالإعدام، بالسجن المؤبد) and of a conviction
# (بعد إدانتهم بقتل): a court's acts, whose object is the one sentenced.
_SENTENCE_NOUNS = _words("سجن إعدام اعدام حبس إدانة ادانة")
# Verbs by which a court hands a sentence down; their subject is the court.
_SENTENCING_VERBS = frozenset(
    verb_surfaces(normalize("قضى/يقضي|قضت|حكم/يحكم|أصدر/يصدر|عاقب/يعاقب"))
)
# A verdict as the verb's object: قضى حكما بالسجن is serving the sentence, not passing it.
_VERDICTS = _words("حكم حكما الحكم أحكام احكام الأحكام عقوبة العقوبة")
_SENTENCE_REACH = 8  # tokens from بالسجن to على: بالسجن لمدة 35 سنة على
# Tokens back from a sentence to its court's verb, across the sentences it conjoins (قضت
# المحكمة بالإعدام على سبعة، وبالسجن المؤبد على 12 آخرين، بعد إدانتهم).
_MAX_COURT = 30


def _sentence_arguments(
    view: _Sentence,
    at: int,
    rest: int,
    genitive: tuple[int, int] | None,
    *,
    possessive: bool,
) -> tuple[Argument | None, Argument | None]:
    """(court, sentenced) of a sentence or conviction noun at ``at``.

    The court is the subject of the verb that hands the sentence down (قضت محكمة جنايات
    القاهرة بالإعدام شنقا على سبعة متهمين، وبالسجن المؤبد على 12 آخرين). The sentenced
    are a conviction's genitive (إدانة أربعة شبان) or follow على or بحق; a possessive (بعد
    إدانتهم) names them by a pronoun only. Without a court's verb, the possessor of a
    conviction is the subject of the clause's verb (أعدم الجندي بعد إدانته): the one
    convicted, not one who acts.
    """
    court = _court(view, at)
    if possessive:
        return court, None if court is not None else _governing_subject(view, at)
    sentenced = _arg(view, genitive) or _prepositional_target(view, rest, _SENTENCE_REACH)
    return court, sentenced or _after_marker(view, rest, _AGAINST)


_AGAINST = _words("بحق")


def _court(view: _Sentence, at: int) -> Argument | None:
    """The subject of the sentencing verb (قضت، حكمت، أصدرت) the noun at ``at`` completes,
    in the same clause: after the verb, else before it (المحكمة قضت)."""
    for position in range(at - 1, max(-1, at - 1 - _MAX_COURT), -1):
        word = view.words[position]
        if word in _COMPLEMENTIZERS or word in ".:؛;" or word in _RELATIVES:
            return None
        if word not in _SENTENCING_VERBS or (word in _VERDICTS and not _opens(view, position)):
            continue  # حكما بالسجن: the verdict, not the dual verb
        first = _skip_time(view, position + 1)
        if first < at and _strip_conjunction(view.words[first]) in _VERDICTS:
            return None  # كان يقضي حكما بالسجن، أُصدر حكم: no court is named
        phrase = _phrase(view, first)
        if phrase is not None and phrase[0] < at:
            return _arg(view, (phrase[0], min(phrase[1], at)))
        return _arg(view, _preceding_subject(view, position))
    return None


# Verbal nouns of a raid, a search, a siege, a seizure or an arrest: their genitive is what
# or whom they are done to (مداهمة مخبأ، اعتقال ناشطين) unless a force does them.
_RAID_NOUNS = _words("مداهمة مداهمات دهم اقتحام تفتيش حصار مصادرة اعتقال اعتقالات احتجاز توقيف")
# Of these, the ones done to a place: a definite force after them is who does them
# (مداهمة الشرطة، حصار الجيش); an arrest's is arrested (توقيف ضباط، اعتقال الجنود).
_PLACE_RAIDS = _words("مداهمة مداهمات دهم اقتحام تفتيش حصار")
# Sectors of the agents table that raid and arrest; the state's executive too where a ل
# object says what it acted on (اعتقال السلطات للناشط).
_RAIDING_SECTORS = ARMED_SECTORS | {"state-intelligence"}
_ORDERING_SECTORS = _RAIDING_SECTORS | {"state-executive"}
_DURING = _words("خلال أثناء اثناء إبان ابان")


def _force(view: _Sentence, at: int, sectors: frozenset[str]) -> int:
    """How many words from ``at`` name a generic agent of ``sectors`` (قوات الأمن، الشرطة،
    مسلحين); 0 where none does."""
    found = tables().agents.match(view.words, at)
    if found is None or not isinstance(found[1], Agent) or found[1].sector not in sectors:
        return 0
    return found[0]


def _raiding_force(
    view: _Sentence, genitive: tuple[int, int], key: str
) -> tuple[Argument | None, Argument | None] | None:
    """(force, object) where the genitive of a raid or arrest noun is a force that acts:
    one followed by ل and what it acts on (مداهمة قوات الأمن للمنزل، اعتقال السلطات
    لناشطين), or a definite one after a raid on a place (اقتحام الجيش، حصار الشرطة).
    None where the genitive is what is acted on."""
    first, last = genitive
    size = _force(view, first, _ORDERING_SECTORS)
    if not size:
        return None
    end = first + size
    for position in range(end, min(last + 1, len(view.words))):
        word = view.words[position]
        if position not in view.entity_of and _lam_object_word(word):
            taken = _phrase(view, position) or (position, position + 1)
            return _arg(view, (first, position)), _lam_arg(view, taken)
        if position >= last:
            break
    definite = any(view.words[p].startswith("ال") for p in range(first, end))
    if key in _PLACE_RAIDS and definite and _force(view, first, _RAIDING_SECTORS):
        return _arg(view, genitive), None
    return None


def _describing(view: _Sentence, genitive: tuple[int, int], rest: int) -> bool:
    """Whether a one-word "genitive" describes the noun before it and على after it says
    whom it is done to (حصار شامل على، حصار اعتبارا من أمس على): no genitive then."""
    first, last = genitive
    return (
        last - first == 1
        and first not in view.entity_of
        and not view.words[first].startswith("ال")
        and _prepositional_target(view, rest, 4) is not None
    )


def _lam_object_word(word: str) -> bool:
    """``للمنزل``، ``لمخيم``: ل and what is acted on; not ل and a masdar of purpose
    (لمواصلة مسيرتهم، للمطالبة): an event's word, or a مفاعلة."""
    if not (word.startswith("لل") or _lam_owner(word)):
        return False
    bare = word[2:] if word.startswith("لل") else word[1:]
    purpose = len(bare) == 6 and bare[0] == "م" and bare[2] == "ا" and bare[-1] == "ه"
    return not purpose and word not in load_lexicon().triggers


def _raid_in_action(view: _Sentence, at: int) -> Argument | None:
    """The force whose action a raid was the occasion of: ``قتلت قوات الأمن 6 مسلحين ...
    خلال مداهمة مخبأ لهم`` (the forces raided). Only a state force: ``قتل مسلحون شرطيا
    خلال مداهمة`` tells of the gunmen's attack on a raid, not of a raid by them."""
    if at < 1 or _strip_conjunction(view.words[at - 1]) not in _DURING:
        return None
    actor = _earlier_actor(view, at - 1)
    if actor is None:
        return None
    first = _token_at(view, actor.start)
    return actor if _force(view, first, _STATE_FORCES) else None


_STATE_FORCES = frozenset({"state-military", "state-police", "state-intelligence"})


def _opens(view: _Sentence, at: int) -> bool:
    """Whether the word at ``at`` opens its clause: first, or after punctuation."""
    return at == 0 or view.words[at - 1] in _CLAUSE_PUNCTUATION


# Fights that name their two sides after بين: اشتباكات بين الجيش ومسلحين.
_CLASH_NOUNS = _words("اشتباك اشتباكات معارك معركة قتال مواجهات مواجهة")


def is_clash(word: str) -> bool:
    """Whether a trigger word names a fight between two sides (اشتباكات، معارك), which no
    one party is the perpetrator of."""
    return _strip_conjunction(_normal(word)) in _CLASH_NOUNS


def _between(view: _Sentence, after: int) -> tuple[Argument | None, Argument | None] | None:
    """The two sides after ``بين`` (an adjective or two may come first: اشتباكات عنيفة
    بين), the first as actor and the one after و as target; None without بين."""
    at = after
    while at < len(view.words) and at - after < 2 and _is_adjective(view.words[at]):
        at += 1
    at = _past_adjunct(view, at)
    if at + 1 >= len(view.words) or view.words[at] != "بين":
        return None
    first = _phrase(view, at + 1)
    if first is None:
        return None
    second = None
    following = first[1]
    if following < len(view.words) and view.words[following][:1] == "و":
        second = _phrase(view, following)
    return _arg(view, first), _arg(view, second)


_MAX_ADJUNCT = 12  # tokens of a where/when phrase between a fight noun and its بين


def _past_adjunct(view: _Sentence, at: int) -> int:
    """Where ``بين`` is when a phrase of place or time comes first (اشتباكات بمصر بين،
    اشتباكات على مشارف البلدة (50 كلم جنوب العاصمة) بين): ``at`` itself when none does,
    or where no بين follows the phrase within the clause."""
    n = len(view.words)
    if at >= n:
        return at
    opener = view.words[at]
    bare = _strip_conjunction(opener)
    if not (
        (opener in _PREPOSITIONS and opener != "بين")
        or bare in _TIME_WORDS
        or (opener[:1] == "ب" and not opener.startswith("بين") and len(opener) > 3)
    ):
        return at
    for position in range(at + 1, min(n, at + _MAX_ADJUNCT)):
        word = view.words[position]
        if word == "بين":
            return position
        if word in _CLAUSE_PUNCTUATION or word in _COMPLEMENTIZERS or word in _CLAUSE_WORDS:
            return at
        if _is_verb(word) or (word[:1] == "و" and _is_verb(word[1:])):
            return at
    return at


@lru_cache(maxsize=_WORD_CACHE)
def _possessed(bare: str) -> str | None:
    """``هجومها`` -> ``هجوم``, ``استقالته`` -> ``استقاله``: a known event noun with a
    possessive pronoun; None for any other word (``مظاهره`` ends in ه, and is no pronoun)."""
    for suffix in _POSSESSIVES:
        if bare.endswith(suffix) and len(bare) > len(suffix) + 2:
            stem = bare[: -len(suffix)]
            for candidate in (stem, stem[:-1] + "ه" if stem.endswith("ت") else stem):
                if candidate in _EVENT_NOUNS or candidate in _VICTIM_NOUNS:
                    return candidate
                if candidate in _PROTEST_NOUNS or candidate in _OTHER_EVENT_NOUNS:
                    return candidate
    return None


# Verbal nouns of other event types that take a possessive: انسحابها، استسلامهم.
_OTHER_EVENT_NOUNS = _words(
    "انسحاب استسلام استقالة حملة حملات عمليات عملياتها قتال زيارة مشاركة اجتماع رفض دعم "
    "تهديد تهديدات اتهام اتهامات إدانة تنديد مطالبة دعوة حشد انتشار تقدم"
)


def _past_trigger(view: _Sentence, at: int, end: int, bare: str) -> int:
    """The token after a verbal noun and what describes it (هجوم انتحاري مزدوج، سيارات
    ملغومة، إطلاق سراح): where its genitive would begin."""
    after = at + 1
    plural = bare.endswith(("ين", "ان", "ون"))
    while after < len(view.words) and after not in view.entity_of:
        word = view.words[after]
        if (after < end and word in _RELEASE_NOUNS) or (
            _is_adjective(word)
            and not word.startswith("ال")
            and (plural or not word.endswith(("ين", "ون")))  # مقتل جنديين: a noun, not an adjective
        ):
            after += 1
        else:
            break
    return after


def _genitive(view: _Sentence, after: int) -> tuple[int, int] | None:
    """The genitive of an indefinite verbal noun at ``after``, if one is there.

    Not an instrument (هجوم بسيارة مفخخة), not a conjunct (سيارات ملغومة وكمائن: a second
    object, not the first one's agent), not an agreeing adjective (معركة شرسة).
    """
    if after >= len(view.words):
        return None
    word = view.words[after]
    if any(marker[0] == word for marker in _AGENT_MARKERS):
        return None  # هجوم شنه مسلحون: the agent follows its own marker
    if after not in view.entity_of:
        if word[:1] == "ب" and not _is_quantity(word):
            return None
        if word[:1] == "و" and word not in _WAW_WORDS and len(word) > 3:
            return None
    return _phrase(view, after)


def _lam_object(
    view: _Sentence, genitive: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``اعتقال الشرطة للصحفي``، ``استهداف طيران التحالف لمنازل``: a definite agent (by
    its article, a name, or a definite genitive of its own) and a ل object inside one
    phrase."""
    first, last = genitive
    # the agent may go on before its object, by definite genitives or a ب qualifier
    # (طيران التحالف بقيادة السعودية لمنازل)
    for position in range(first + 1, min(last + _MAX_QUALIFIER + 1, len(view.words))):
        word = view.words[position]
        if position >= last and (_stops_phrase(word) or _is_verb(word)):
            return None
        if position in view.entity_of or not _lam_object_word(word):
            if position >= last and not (word.startswith("ال") or word[:1] == "ب"):
                return None
            continue
        if word.startswith("لل") or _definite(view, first, position):
            after = last if position < last else (_phrase(view, position) or (0, last + 1))[1]
            return (first, position), (position, after)
    return None


_MAX_QUALIFIER = 4  # tokens after an agent's phrase to its ل object (التحالف بقيادة السعودية)


def _definite(view: _Sentence, first: int, stop: int) -> bool:
    """Whether the phrase ``first``..``stop`` is definite: its head has the article, is a
    name, or heads a construct whose last word is (طيران التحالف، قوات النظام)."""
    head = view.words[first]
    last = stop - 1
    if head.startswith("ال") or first in view.entity_of:
        return True
    return last > first and (view.words[last].startswith("ال") or last in view.entity_of)


def _lam_genitive(view: _Sentence, phrase: tuple[int, int] | None) -> bool:
    """Whether a verbal noun's genitive is introduced by ل (قصف لقوات النظام، للدعم السريع)."""
    if phrase is None:
        return False
    word = view.words[phrase[0]]
    return word[:1] == "ل" and len(word) > 3 and word not in _LAM_WORDS and not _is_verb(word[1:])


def _lam_arg(view: _Sentence, phrase: tuple[int, int] | None) -> Argument | None:
    """The argument of ``phrase`` without a leading preposition ل (هجوم لمسلحين -> مسلحين)."""
    arg = _arg(view, phrase)
    if arg is None or phrase is None:
        return arg
    word = view.words[phrase[0]]
    if (
        word[:1] == "ل"
        and not word.startswith(("لل", "ال"))
        and len(word) > 3
        and word not in _LAM_WORDS
        and phrase[0] not in view.entity_of
        and arg.start == view.starts[phrase[0]]
    ):
        start = arg.start + _original_prefix(view.text, arg.start, 1)
        return Argument(start, arg.end, view.text[start : arg.end], arg.entity)
    return arg


def _after_marker(view: _Sentence, at: int, markers: frozenset[str]) -> Argument | None:
    """The NP right after one of ``markers`` at ``at`` or the token after it."""
    for position in range(at, min(len(view.words), at + 2)):
        if view.words[position] in markers:
            return _arg(view, _phrase(view, position + 1))
    return None


def _governing_subject(view: _Sentence, at: int) -> Argument | None:
    """The subject of the verb whose object is the noun at ``at``: ``واستأنفت قوات سوريا
    الديمقراطية ... هجومها``, ``الجيش يواصل عملياته``."""
    for position in range(at - 1, max(-1, at - 1 - _MAX_GOVERNOR), -1):
        word = view.words[position]
        if word in _COMPLEMENTIZERS or word in ".:؛;":
            return None
        if not _is_verb(word):
            continue
        following = _phrase(view, _skip_time(view, position + 1))
        if following is not None and following[0] < at and not _pronoun_suffix(word):
            return _arg(view, (following[0], min(following[1], at)))
        return _arg(view, _preceding_subject(view, position) or _relative_head(view, position))
    return None


def _undergoer(view: _Sentence, at: int) -> Argument | None:
    """The subject of تعرض/واجه before ``لهجوم``: after the verb, else before it.

    The attack may be one of several objects (واجهت القوات ألغاما وسيارات ملغومة وكمائن),
    so the verb is looked for across the clause, not across another verb.
    """
    for position in range(at - 1, max(-1, at - 1 - _MAX_GOVERNOR), -1):
        word = view.words[position]
        if _strip_conjunction(word) in _UNDERGO_VERBS:
            between = _phrase(view, _skip_time(view, position + 1))
            if (
                between is not None
                and between[0] < at
                and not _accusative(view.words[between[0]])
                and not _event_noun(view.words[between[0]])
            ):
                return _arg(view, (between[0], min(between[1], at)))
            return _arg(view, _preceding_subject(view, position))
        if word in _COMPLEMENTIZERS or word in ".:؛;" or _is_verb(word):
            return None
    return None


def _light_verb_subject(view: _Sentence, at: int) -> Argument | None:
    """``قام عدد من جنود المارينز بقتل``: the subject of قام, after it or before it."""
    for position in range(at - 1, max(-1, at - 12), -1):
        word = view.words[position]
        if _strip_conjunction(word) in _LIGHT_VERBS:
            between = _phrase(view, _skip_time(view, position + 1))
            if between is not None and between[0] < at:
                return _arg(view, (between[0], min(between[1], at)))
            return _arg(view, _preceding_subject(view, position))
        if (word in _CLAUSE_WORDS and word not in _DEMONSTRATIVES) or word in _CLAUSE_PUNCTUATION:
            return None  # مطلع هذا الأسبوع is a time, not a new clause
    return None


# --- location ---------------------------------------------------------------------------


def find_location(
    text: str,
    layer: TextLayer,
    tokens: Tokens | Sequence[Token],
    sentence: Span,
    trigger: Span,
    entities: Sequence[Entity],
    countries: Sequence[str] = (),
) -> Location | None:
    """Where the event happened: a LOC entity or place phrase near the trigger.

    The nearest place after the trigger in its clause wins, then the nearest before it;
    a phrase the gazetteer knows beats one it does not (``وسط المدينة``، ``مقاطعة البضائع``
    name no place: the town named before is meant). A place fronted at the sentence start
    (``وفي بغداد، أحرق متظاهرون ...``) frames the sentence and beats a place far after the
    trigger. Not a place of origin (``من أوزبكستان``، ``الجنسية``), not a dateline (``بيروت -
    رويترز``), not a reference point (``الحلة (100 كم جنوب بغداد)``), not a place that is
    the subject of a verb of saying (``قالت سوريا``). A place the gazetteer lacks takes the
    distance after it along (``ناحية الرشاد (45 كلم جنوب كركوك)``), and a distance after no
    place is a place itself (``على بعد 30 كلم غرب بغداد``): grounding reads the town.
    ``countries``, the article's (``places.document_countries``), are where a name spelled
    otherwise than the gazetteer's is read (``بمدينة شبرجان``: Sheberghan) and what
    ``العاصمة`` and ``البلاد`` name.
    """
    view = _sentence_view(text, tokens, sentence, entities)
    if not len(view.words):
        return None
    at = _token_at(view, trigger.start)
    candidates = _sites(view, entities, countries)
    if not candidates:
        return None
    after = [c for c in candidates if c[0] > at]
    before = [c for c in candidates if c[0] < at]
    chosen = min(after, key=lambda c: c[0]) if after else None
    reason = places.NAMED_IN_SENTENCE
    frame = _frame(view, before, at)
    if frame is not None and (chosen is None or chosen[0] - at > _FRAME_REACH):
        chosen, reason = frame, places.OPENS_SENTENCE
    if chosen is None and before:
        chosen, reason = max(before, key=lambda c: c[0]), places.NAMED_BEFORE
    if chosen is None:
        return None
    start, end = chosen[1], chosen[2]
    return Location(start, end, text[start:end], reason=reason)


# The last sentence's sites, with the view they were read from: one reading per sentence.
_LAST_SITES: list[
    tuple[str, tuple[int, ...], Sequence[Entity], Sequence[str], list[tuple[int, int, int]]]
] = []


def _sites(
    view: _Sentence, entities: Sequence[Entity], countries: Sequence[str] = ()
) -> list[tuple[int, int, int]]:
    """The sentence's candidate places; those the gazetteer knows, when there are any:
    read in the article's countries, loosely spelled (``بمدينة شبرجان``) or the capital."""
    text = view.text
    if _LAST_SITES:
        last_text, last_starts, last_entities, last_countries, last_sites = _LAST_SITES[0]
        # the same text, entities and sentence are the same article's: its countries too
        # (compared by identity, so that countries read lazily are read only when needed)
        if (
            last_text is text
            and last_entities is entities
            and last_starts == view.starts
            and last_countries is countries
        ):
            return last_sites
    candidates = _candidates(view, entities)
    known = [c for c in candidates if _known(text[c[1] : c[2]], countries)]
    if not known:
        # شمال غرب البلاد beats a town the gazetteer lacks (في بلدة كوهات شمال غرب البلاد),
        # not one it knows: the country is read from the article, which may name none.
        known = [c for c in candidates if places.names_the_country(text[c[1] : c[2]])]
    sites = _less_appositions(view, known) or candidates
    _LAST_SITES[:] = [(text, view.starts, entities, countries, sites)]
    return sites


def _less_appositions(
    view: _Sentence, sites: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """The sites less one right after a town that says where the town lies: a part of the
    country (في مدينة عطبرة شمال شرقي البلاد، إثر مظاهرات) or a direction from another
    place (مدينة ترهونة جنوب شرق طرابلس، ما أسفر عن مقتل): the town is the place, however
    near the other is to the trigger."""
    text = view.text
    towns = {
        _token_at(view, end - 1)
        for position, start, end in sites
        if not _locates(view, position, text[start:end])
    }
    return [
        site
        for site in sites
        if site[0] - 1 not in towns or not _locates(view, site[0], text[site[1] : site[2]])
    ]


def _locates(view: _Sentence, position: int, phrase: str) -> bool:
    """Whether a site phrase can say where a town before it lies: a part of the country,
    or a direction from a place (a bare one: وشمال بغداد is another place)."""
    return view.words[position] in _COMPASS or places.names_the_country(phrase)


def _known(name: str, countries: Sequence[str]) -> bool:
    """Whether the gazetteer reads a place phrase, exactly or in the article's countries."""
    if is_place(name):
        return True
    return bool(countries) and places.resolve(name, context_countries=tuple(countries)) is not None


def _candidates(view: _Sentence, entities: Sequence[Entity]) -> list[tuple[int, int, int]]:
    """The place phrases, less reference points, with what a distance says of them.

    A place the gazetteer does not know takes the distance after it along (``ناحية الرشاد
    (45 كلم جنوب كركوك)``), so grounding can place it near the town; a distance after no
    place is a site of its own (``انفجار على بعد 30 كلم غرب بغداد``).
    """
    found = list(_places(view, entities))
    distances = _distances(view)
    if not distances:
        return [
            c for c in found if not _reference_point(view, c[0]) and not _of_a_source(view, c[0])
        ]
    towns = {at for distance in distances for at in range(distance.town, distance.end)}
    candidates: list[tuple[int, int, int]] = []
    attached: set[int] = set()  # the distances that follow a place
    for position, start, end in found:
        if position in towns or _reference_point(view, position) or _of_a_source(view, position):
            continue
        last = _token_at(view, end - 1)
        distance = next((d for d in distances if d.link == last + 1), None)
        if distance is not None:
            attached.add(distance.link)
            if not is_place(view.text[start:end]):
                end = _distance_end(view, distance)
        candidates.append((position, start, end))
    for distance in distances:
        if distance.link not in attached and _stands_alone(view, distance):
            start = view.starts[distance.first]
            candidates.append((distance.first, start, _distance_end(view, distance)))
    return candidates


# Tokens from the trigger within which a place after it beats the sentence's frame.
_FRAME_REACH = 6
# ``وفي بغداد،``: a fronted place phrase opens the sentence within this many tokens.
_FRAME_START = 2
_DISTANCE_UNITS = _words(
    "كم كلم كيلومتر كيلومترا كيلومترات كيلومترين ميل ميلا أميال اميال متر مترا أمتار"
)
_DIRECTION_WORDS = _words(
    "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الشمال الجنوب الشرق الغرب من الى إلى"
)


def _frame(
    view: _Sentence, before: Sequence[tuple[int, int, int]], at: int
) -> tuple[int, int, int] | None:
    """The place the sentence opens with (``وفي X،`` ``بمدينة X``), if it frames the trigger.

    Not across a complementizer: in ``وفي مدريد قال متحدث إن جنديين قتلا في هرات`` Madrid
    is where it was said.
    """
    first = min(before, key=lambda c: c[0], default=None)
    if first is None or first[0] > _FRAME_START:
        return None
    if any(_strip_conjunction(w) in _COMPLEMENTIZERS for w in view.words[first[0] : at]):
        return None
    return first


@dataclass(frozen=True, slots=True)
class _Distance:
    """A distance from a town, as token positions: ``(45 كلم جنوب كركوك)``، ``التي تبعد نحو
    90 كيلومترا شمال العاصمة مقديشو``."""

    link: int  # the first token after the place it qualifies: ( ، التي تبعد ...
    first: int  # the distance's first token: على بعد، نحو، the number, the unit
    town: int  # the reference town's first token
    end: int  # after the town's last token
    bracketed: bool  # opened by a bracket: it qualifies a place named before


# Words of a distance before its unit: ``على بعد``، ``نحو``، ``أكثر من``، the number.
_DISTANCE_WORDS = _words("على علي بعد مسافة نحو حوالي حوالى قرابة زهاء أكثر اكثر أقل اقل من")
# Words that tie a distance to the place before it: ``(``، ``الواقعة على بعد``، ``التي تبعد``.
_DISTANCE_LINKS = _words("( ، , - التي الذي الواقعة الواقع تقع يقع تبعد يبعد وتقع ويقع وهي")
_TOWARDS = _DIRECTION_WORDS | _words("عن")
_MAX_DISTANCE_WORDS = 4  # على بعد أكثر من 20 كلم


def _distances(view: _Sentence) -> list[_Distance]:
    """The distances from a named town in the sentence, in order."""
    words = view.words
    if _DISTANCE_UNITS.isdisjoint(words):
        return []
    found: list[_Distance] = []
    for unit, word in enumerate(words):
        if word not in _DISTANCE_UNITS:
            continue
        town = unit + 1
        while town < len(words) and town - unit <= _MAX_DISTANCE_WORDS and words[town] in _TOWARDS:
            town += 1
        end = _town_end(view, town)
        if end is None:
            continue
        first = unit
        while first > 0 and unit - first < _MAX_DISTANCE_WORDS:
            previous = words[first - 1]
            if not (previous in _DISTANCE_WORDS or _is_quantity(previous)):
                break
            first -= 1
        link = first
        while link > 0 and first - link < 3 and words[link - 1] in _DISTANCE_LINKS:
            link -= 1
        bracketed = "(" in words[link:first]
        found.append(_Distance(link, first, town, end, bracketed))
    return found


def _town_end(view: _Sentence, at: int) -> int | None:
    """After the last token of the town a distance is measured from, if a place starts at ``at``."""
    if at >= len(view.words):
        return None
    index = view.entity_of.get(at)
    if index is not None:
        return _entity_end(view, at) if view.labels[index] == "LOC" else None
    named = _named_words(view, at)
    return at + named if named else None


def _distance_end(view: _Sentence, distance: _Distance) -> int:
    """Where the distance ends in the original: after its town, and its bracket if opened."""
    closes = distance.end < len(view.words) and view.words[distance.end] == ")"
    return view.ends[distance.end if distance.bracketed and closes else distance.end - 1]


def _stands_alone(view: _Sentence, distance: _Distance) -> bool:
    """A distance is a site of its own when it qualifies no name before it.

    ``(120 كم شمال بغداد)`` qualifies a place named before, read or not: it is no site.
    """
    if distance.bracketed:
        return False
    before = distance.link - 1
    index = view.entity_of.get(before)
    return index is None or view.labels[index] != "LOC"


# Who a report is told by: an official or a source «in» a place (بحسب مسؤول في كابول، قال
# مصدر أمني في المدينة، مراسل الجزيرة في غزة) names where they are, not where it happened.
# Not residents or journalists: they are as often the victims (قتل صحفيون في غزة).
_SOURCE_NOUNS = _words(
    "مسؤول مسؤولون مسؤولين مسؤولا المسؤول مصدر مصادر المصدر المصادر متحدث المتحدث ناطق "
    "الناطق مراسل مراسلة المراسل مراسلنا مراسلو شهود الشهود"
)
_SOURCE_REACH = 3  # words between the source noun and في (أمني، محلي، باسم الشرطة)
_ATTRIBUTING = _words(
    "بحسب حسب وبحسب وحسب وفق وفقا ووفق ووفقا قال قالت وقال وقالت أفاد أفادت وأفاد وأفادت ذكر "
    "ذكرت وذكر وذكرت أكد أكدت وأكد وأكدت أوضح وأوضح أعلن وأعلن نقلا ونقلا عن"
)


def _of_a_source(view: _Sentence, position: int) -> bool:
    """Whether the place at ``position`` is where a report's source is: في or من right
    before it, a source noun at most a few words before that, in the same phrase, and a
    word of saying or attribution before the noun (بحسب مسؤول في، قال مصدر أمني في، وفقا
    لمصادر في)."""
    if position < 2 or view.words[position - 1] not in ("في", "من"):
        return False
    for back in range(position - 2, max(position - 3 - _SOURCE_REACH, -1), -1):
        word = view.words[back]
        bare = word[1:] if word[:1] in "ول" and word[1:] in _SOURCE_NOUNS else word
        if bare in _SOURCE_NOUNS:
            # told by them (بحسب مسؤول، قال مصدر، نقلا عن): not an official killed there
            said = view.words[max(0, back - _SOURCE_REACH) : back]
            return any(w in _ATTRIBUTING for w in said) or word[:1] == "ل"
        if word in ("في", "من", "،", ",", "."):
            return False
    return False


def _reference_point(view: _Sentence, position: int) -> bool:
    """A place a distance is measured from: ``(370 كلم شمال بغداد)``, ``على بعد 5 كم من X``."""
    back = position - 1
    while back >= 0 and back >= position - 4 and view.words[back] in _DIRECTION_WORDS:
        back -= 1
    return back >= 0 and view.words[back] in _DISTANCE_UNITS


def _places(view: _Sentence, entities: Sequence[Entity]) -> Iterable[tuple[int, int, int]]:
    """(token position, start, end) of each place phrase the sentence introduces as a site."""
    words = view.words
    seen: set[int] = set()
    covered = 0  # tokens up to here belong to a phrase already yielded
    second_direction = -1  # غربي in شمال غربي البلاد: read with the first, not on its own
    entity_of = view.entity_of
    # A cheap first test for ``_introduced``, from two facts remembered per word: a ب on
    # the word, or a preposition (or a quote) before it.
    could = list(map(_opens_with_b, words))
    for position, introduces in enumerate(map(_introduces_next, words[:-1]), 1):
        could[position] = could[position] or introduces
    # Only a place entity, a place head or a word that could be introduced opens a site:
    # the other words are not visited at all.
    visit = list(map(or_, could, map(_is_site_head, words)))
    for position, index in entity_of.items():
        if entities[index].label == "LOC":
            visit[position] = True
    first = _dateline_end(view)
    for position in compress(range(first, len(words)), visit[first:]):
        entity = entity_of.get(position)
        word = words[position]
        head = _site_head(word)
        if entity is not None and entities[entity].label == "LOC" and entity not in seen:
            seen.add(entity)
            ent = entities[entity]
            if _introduced(view, position, ent.text) and not _origin(view, position):
                last = _compound_end(view, position, _entity_end(view, position))
                yield position, _place_start(view, position, ent), max(ent.end, view.ends[last - 1])
        elif (
            head in _SITE_HEADS
            and position != second_direction
            and position + 1 < len(view.words)
            and not _origin(view, position)
        ):
            nxt = position + 1
            if head in _COMPASS and words[nxt] in _COMPASS and nxt + 1 < len(words):
                nxt += 1  # شمال غربي البلاد، جنوب شرق بغداد: one direction in two words
                second_direction = position + 1
            named = _named_words(view, nxt) if nxt not in view.entity_of else 0
            if not named and nxt not in view.entity_of and _names_next(head, words[nxt]):
                named = 1
            common = words[nxt].startswith("ال") and head not in _FACILITY_HEADS
            if named or nxt in view.entity_of or common:
                last = _entity_end(view, nxt) if nxt in view.entity_of else nxt + max(named, 1)
                last = _compound_end(view, nxt, last)
                start = view.starts[position] + (len(word) - len(head) if head != word else 0)
                yield position, start, view.ends[last - 1]
                covered = last
                if nxt in view.entity_of:
                    seen.add(view.entity_of[nxt])
        elif (
            entity is None
            and position >= covered
            and could[position]
            and (named := _named_words(view, position))
            and _introduced(view, position, "")
            and not _origin(view, position)
        ):
            last = position + named
            yield position, _untagged_start(view, position), view.ends[last - 1]
            covered = last
            seen.update(view.entity_of[at] for at in range(position, last) if at in view.entity_of)


_COMPASS = _words("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي")


# A facility named after its town opens a site as a place head does (قصفت مطار زوارة), not
# one named by a common noun (قاعدة المطار).
_FACILITY_HEADS = _words("مطار ميناء مرفأ قاعدة سجن")
_SITE_HEADS = _PLACE_HEADS | _FACILITY_HEADS


@lru_cache(maxsize=_WORD_CACHE)
def _is_site_head(word: str) -> bool:
    return _site_head(word) in _SITE_HEADS


@lru_cache(maxsize=_WORD_CACHE)
def _site_head(word: str) -> str:
    """The word a place head may be, its conjunction and a ب before the head taken off."""
    bare = _strip_conjunction(word)
    return bare[1:] if bare[:1] in "ب" and bare[1:] in _SITE_HEADS else bare


# The first words of compound place names (بن قردان، عين العرب، كفر نبل، دير الزور): a
# place the NER cut after one of them goes on with the next word.
_NAME_OPENERS = _words(
    "بن بني أبو ابو أم ام عين دير كفر رأس راس تل بئر بير سيدي بيت خان جسر مرج وادي جبل"
)


def _compound_end(view: _Sentence, first: int, last: int) -> int:
    """After a place's last token, one word on when the place is one opener word alone."""
    if last - first != 1 or last >= len(view.words):
        return last
    word = view.words[first]
    if (
        word not in _NAME_OPENERS
        and _strip_conjunction(word).removeprefix("ب") not in _NAME_OPENERS
    ):
        return last
    return last + 1 if _is_arabic_word(view.words[last]) else last


# Heads only a name follows: the word after مدينة is the town's name, known or not
# (بمدينة شبرجان: grounding reads it among the article's countries).
_TOWN_HEADS = _words("مدينة بلدة قرية مخيم")


@lru_cache(maxsize=_WORD_CACHE)
def _names_next(head: str, word: str) -> bool:
    """Whether one word after a place head is a name: any word after a town's head, else
    one the gazetteer knows (كمين قرب جنة، قصفت مطار زوارة), not a common word that is
    also some village's name."""
    if not _is_arabic_word(word) or len(word) < 3:
        return False
    if normalize(word) in places.not_names():
        return False
    return head in _TOWN_HEADS or is_place(word)


_QUOTES = frozenset('«»"“”')


_MAX_NAME_WORDS = 3  # ديرا إسماعيل خان
# ``بالقرب من X``: near words whose place follows من.
_NEAR_WORDS = _words("بالقرب قرب مقربة بمقربة")


def _named_words(view: _Sentence, position: int) -> int:
    """How many words from ``position`` name a place the NER left untagged, 0 if none.

    A name of several words the gazetteer knows (``جب جنين``، ``ديرا اسماعيل خان``,
    longest first), or one well-known place (``في كراتشي``، ``شرق بعقوبة``) that is not the
    first word of a longer name (``مخيم عين الحلوة``، ``سن الفيل``: ال continues it).
    """
    first = _strip_conjunction(view.words[position])
    if first in _PREPOSITIONS or first in _NEAR_WORDS:
        return 0  # من بيشاور، شرق بعقوبة: the phrase around a name is read elsewhere
    for size in range(min(_MAX_NAME_WORDS, len(view.words) - position), 1, -1):
        last = position + size - 1
        if not _is_arabic_word(view.words[last]):
            continue
        if is_place(view.text[view.starts[position] : view.ends[last]]):
            return size
    if _notable_clitic(view.words[position]) < 0:
        return 0
    following = view.words[position + 1] if position + 1 < len(view.words) else ""
    return 0 if following.startswith("ال") else 1


@lru_cache(maxsize=_WORD_CACHE)
def _notable_clitic(word: str) -> int:
    """Letters of ب/و/ف before a well-known place name in ``word``; -1 if it names none."""
    if len(word) < 3 or not _is_arabic_word(word):
        return -1
    for clitic in ("وب", "فب", "و", "ف", "ب"):
        rest = word[len(clitic) :]
        if word.startswith(clitic) and len(rest) >= 3 and places.is_notable_place(rest):
            return len(clitic)
    return 0 if places.is_notable_place(word) else -1


def _untagged_start(view: _Sentence, position: int) -> int:
    """Where the name starts in the original: after a ب or و written on it (بكراتشي)."""
    start = view.starts[position]
    skip = max(_notable_clitic(view.words[position]), 0)
    return start + _original_prefix(view.text, start, skip)


def _place_start(view: _Sentence, position: int, ent: Entity) -> int:
    """Take a place head before the name along: ``مدينة الموصل``, ``ريف حلب``, ``بالقرب من``."""
    words = view.words
    if position > 1 and words[position - 1] == "من" and words[position - 2] in _NEAR_WORDS:
        return view.starts[position - 2]
    if position > 0 and _strip_conjunction(view.words[position - 1]) in _PLACE_HEADS:
        word = view.words[position - 1]
        return view.starts[position - 1] + (1 if word != _strip_conjunction(word) else 0)
    return ent.start


@lru_cache(maxsize=_WORD_CACHE)
def _opens_with_b(word: str) -> bool:
    """Whether a place word carries a ب that may introduce it (بالموصل، وبغداد)."""
    return word[:1] == "ب" or word[:2] in ("وب", "فب")


@lru_cache(maxsize=_WORD_CACHE)
def _introduces_next(previous: str) -> bool:
    """Whether a word may introduce a place after it: في، قرب، وفي, an opening quote."""
    return (
        previous in _LOCATION_PREPOSITIONS
        or previous[1:] in _LOCATION_PREPOSITIONS
        or previous in _QUOTES
    )


def _introduced(view: _Sentence, position: int, name: str) -> bool:
    """A place word after في/ب/قرب/شمال... or with ب/في attached (بالموصل).

    A ب that begins the name itself (بولندا، بغداد، بيروت) introduces nothing: it counts
    only where the gazetteer knows the name without it (ببغداد) or not with it.
    """
    word = view.words[position]
    if word.startswith(("بال", "وبال", "وب", "فب")):
        return True
    if word[:1] == "ب":
        whole = name or word
        if not is_place(whole) or is_place(whole[1:]):
            return True
    back = position - 1
    while back > 0 and view.words[back] in _QUOTES:  # في بلدة «بيت حانون»
        back -= 1
    previous = view.words[back] if back >= 0 else ""
    bare_previous = _strip_conjunction(previous)
    if previous[:1] in "وف" and previous[1:] in _LOCATION_PREPOSITIONS:
        return True  # وفي، فعند: too short for _strip_conjunction
    if previous == "من" and back > 0 and view.words[back - 1] in _NEAR_WORDS:
        return True  # بالقرب من بيشاور
    return (
        previous in _LOCATION_PREPOSITIONS
        or bare_previous in _LOCATION_PREPOSITIONS
        or bare_previous in _PLACE_HEADS
        or bare_previous[1:] in _PLACE_HEADS
        or bare_previous in _PLACE_PARTS
    )


def _origin(view: _Sentence, position: int) -> bool:
    previous = view.words[position - 1] if position else ""
    nxt = view.words[position + 1] if position + 1 < len(view.words) else ""
    if previous == "من" and position > 1 and view.words[position - 2] in _NEAR_WORDS:
        previous = ""  # بالقرب من بيشاور is near it, not from it
    return previous in _ORIGIN_WORDS or nxt in _ORIGIN_WORDS


def _dateline_end(view: _Sentence) -> int:
    """Tokens of a dateline at the start: ``بيروت - رويترز``, ``(رويترز) -``, ``مدريد ـ``."""
    for position in range(min(len(view.words), 8)):
        if view.text[view.starts[position] : view.ends[position]] in ("-", "ـ", "–", "—", ":"):
            return position + 1
    return 0


# --- sanity: what no argument can be --------------------------------------------------
#
# Whatever rule read an argument, some words can never be a party to an event. Each class
# below is closed (a grammatical class, listed whole) or is the code's own list of event
# words; a reading that starts with one of them is dropped (None), never guessed around.

# Closed class: particles, conjunctions, temporal and other subordinators, and preposition
# + ما compounds. They open a clause or an adjunct, never a noun phrase naming a party
# (التقى عندما ...، اعتقلته طالما ...، بل يهدد ...، نددوا بما رأوه).
_FUNCTION_WORDS = (
    _PREPOSITIONS
    | _CLAUSE_WORDS
    | _words(
        "الذي التي الذين اللذين اللتين اللواتي اللاتي اللائي عندما حينما طالما بينما كلما "
        "ريثما بعدما قبلما حالما مثلما لما حين إذ إذا اذا لو لولا كأن كأنما إنما انما بل "
        "لكن ولكن أي اي حسب فحسب فقط أيضا ايضا كذلك هناك هنا ثمة إلا الا سوى غير عما بما "
        "مما فيما كما لدى نحو منذ مذ لقد ولقد"
    )
)
# Closed class: adverbs of time and manner, written as their own word (وفجأة يحاصرها).
_ADVERBS = _words(
    "فجأة معا حاليا سابقا لاحقا مؤخرا فورا دائما أبدا ابدا جدا تماما خصوصا عادة غالبا "
    "أحيانا احيانا مجددا مرارا التوالي الفور"
)
# Closed class: nouns of time and of a stretch of time, and direction words that head a
# place phrase (صباح أمس، لمدة تقرب من 24 ساعة، غرب المدينة): when or where, never who.
# Definite الغرب/الشرق (the West, the East) may be parties, so only the bare construct
# forms are listed; not مكان: annotators mark the spot shells fell on as the target.
_TIME_HEADS = _TIME_WORDS - _words("أول الأول") | _words(
    "مدة المدة فترة الفترة وقت الوقت لحظة اللحظة أثناء اثناء غضون طيلة طوال"
)
_PLACE_PHRASE_HEADS = _words(
    "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط أطراف محيط أنحاء أرجاء جانب"
)
# The code's own lists of nouns that name an event or a weapon: an event is no party to an
# event (الضرب، تعذيب النقابيين), nor is what is fired (نيران المدفعية، لغما أرضيا). Not the
# protest nouns nor حشد: a gathering is its people (أطلقت قذيفة على تجمع للمواطنين).
_NOT_PARTIES = (
    _EVENT_NOUNS
    | _VICTIM_NOUNS
    | (_OTHER_EVENT_NOUNS - _words("حشد"))
    | frozenset(w[2:] if w.startswith("ال") else w for w in _INSTRUMENTS)
    | _words("لغم لغما ألغام الغام مدفعية")
    # a toll is no party: أوقعت نحو 150 قتيلا (the victims are named where they are counted)
    | _CASUALTY_NOUNS
    # an adjective of a bomb left alone is none (انفجرت سيارتان مفخختان)
    | _BOMB_ADJECTIVES
)
# Closed class: adjectives of manner and scope that describe an event (حصار شامل، اجتماع
# طارئ، محادثات مكثفة، مفاوضات غير مباشرة): after the event noun they agree with it, and
# they never name a party.
_EVENT_ADJECTIVES = _words(
    "شامل شاملة طارئ طارئة طاريء طارئه عاجل عاجلة مكثف مكثفة مباشر مباشرة موسع موسعة "
    "مغلق مغلقة مفتوح مفتوحة سري سرية علني علنية رسمي رسمية كامل كاملة جزئي جزئية "
    "مطول مطولة قصير قصيرة طويل طويلة مشترك مشتركة ثنائي ثنائية مماثل مماثلة نادر نادرة"
)


@cache
def _trigger_verbs() -> frozenset[str]:
    """Every surface of the trigger lexicon's verbs: an argument is never one of them.

    Less the gathering nouns a verb is written as (تجمع، تظاهر): a gathering is its people.
    """
    forms: set[str] = set()
    for entry in load_lexicon().entries:
        if entry.pos in ("verb", "passive"):
            forms.update(verb_surfaces(entry.key.split()[0]))
    for noun in _PROTEST_NOUNS | _words("حشد"):
        forms -= noun_surfaces(noun)
    return frozenset(forms)


def _bare_head(word: str) -> str:
    """The word without و/ف, a ب/ل preposition, ال and a possessive pronoun, for tests
    against the noun lists (والنيران -> نيران، لتصريحات -> تصريحات, توقيته -> توقيت)."""
    if word[:1] in "وف" and word not in _WAW_WORDS and len(word) > 2:
        word = word[1:]
    if word.startswith("لل") and len(word) > 4:
        return word[2:]  # للسجناء: ل + ال
    if word[:1] in "بل" and len(word) > 3 and word not in _LAM_WORDS:
        word = word[1:]
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _sane(
    view: _Sentence,
    arg: Argument | None,
    first: int,
    last: int,
    *,
    events_ok: bool = False,
    own: frozenset[str] = frozenset(),
) -> Argument | None:
    """The argument, or None where its first word cannot begin a party's name.

    ``first``, ``last``: the trigger's first and last tokens. Not a function word, an
    adverb, a time or a direction (on any word, named or not: وفي باريس is no name); then,
    where the word is no named entity, not a verb, not an event or a weapon noun, not one
    of ``own`` (the nouns of the trigger's own event), and not an adjective of the trigger
    noun right after it. ``events_ok``: an event noun may be the argument (the target of
    a protest).
    """
    if arg is None:
        return None
    at = _token_at(view, arg.start)
    word = view.words[at]
    bare = word[1:] if word[:1] in "وف" and word not in _WAW_WORDS and len(word) > 2 else word
    if bare in _FUNCTION_WORDS or word in _FUNCTION_WORDS or bare in _ADVERBS:
        return None
    head = _bare_head(word)
    if bare in _TIME_HEADS or head in _TIME_HEADS or bare in _PLACE_PHRASE_HEADS:
        return None
    if at in view.entity_of:
        return arg
    if _is_verb(word) or _finite_verb(word):
        return None  # احتجاجات عمت العراق: the verb of a relative clause, read as a genitive
    if not events_ok and (bare in _trigger_verbs() or word in _trigger_verbs()):
        return None  # a verb of the lexicon is written as its masdar too (رفض القضاء)
    if head in own or bare in own:
        return None  # مظاهرات احتجاج مماثلة: the event named again, not who protests
    if not events_ok and (
        head in _NOT_PARTIES or bare in _NOT_PARTIES or _possessed(head) is not None
    ):
        return None
    if at == last + 1 and _agrees_with(view, arg, at, first):
        return None
    return arg


# Past verbs of a doubled or defective root, three letters in ت (عمّت، جرت، شنّت): too
# short for a shape, and some too rare in the corpus for the list of words that are no names.
_SHORT_VERBS = _words("عمت شنت جرت مرت تمت ظلت حلت دعت بدت سادت ردت مضت")


@lru_cache(maxsize=_WORD_CACHE)
def _finite_verb(word: str) -> bool:
    """A finite verb by its shape, among words news uses and never in a name
    (``places.not_names``, so رفعت، طلعت، أولمرت and عمر stay names): a past in ت
    (انطلقت، شهدت، استمرت), an imperfect of three or four letters (يعد، تشهد), or a short
    past of ``_SHORT_VERBS``. Not a plural in ات/وت/يت, not a word in م (مؤقت), not a
    nisba or an accusative (تركي، يوما), not a gathering (تجمع: its people)."""
    bare = _strip_conjunction(word)
    if bare in _SHORT_VERBS:
        return True
    if bare.startswith("ال") or not (bare in places.not_names() or word in places.not_names()):
        return False
    if bare.endswith("ت"):
        return len(bare) >= 3 and not bare.endswith(("ات", "وت", "يت")) and bare[0] != "م"
    return (
        3 <= len(bare) <= 4
        and bare[0] in "يت"
        and bare[-1] not in "ايهى"
        and bare not in _GATHERINGS
        and bare not in _PROTEST_NOUNS
    )


def _agrees_with(view: _Sentence, arg: Argument, at: int, trigger: int) -> bool:
    """Whether the one-word argument at ``at`` reads as an adjective of the trigger noun
    before it: an event adjective (حصار شامل، مفاوضات غير مباشرة), or a feminine singular
    adjective (a nisba or a participle in م) after a plural in ات or a noun in ة, definite
    as the noun is (المساعدات الإنسانية، محادثات مكثفة)."""
    if _token_at(view, arg.end - 1) != at:
        return False
    word = view.words[at]
    stem = word.removeprefix("ال")
    if stem in _EVENT_ADJECTIVES:
        return True
    if view.text[view.ends[at] - 1] != "ة":
        return False
    noun = _strip_conjunction(view.words[trigger])
    if noun[:1] in "بل" and not noun.startswith("ال"):
        noun = noun[1:]
    feminine = noun.endswith("ات") or view.text[view.ends[trigger] - 1] == "ة"
    definite = noun.startswith("ال") == word.startswith("ال")
    shaped = _is_adjective(word) or (stem.startswith("م") and len(stem) >= 5)
    return feminine and definite and shaped


# The state's arms that arrest, disperse and impose curfews.
_COERCING_SECTORS = frozenset(
    {"state-police", "state-military", "state-intelligence", "state-executive", "state-judiciary"}
)


def coercing_state(
    text: str,
    layer: TextLayer,
    tokens: Tokens | Sequence[Token],
    sentence: Span,
    trigger: Span,
    entities: Sequence[Entity],
    target: Argument | None,
) -> Argument | None:
    """The state force a sentence names beside an arrest or dispersal it tells without an
    agent: the nearest before the trigger, else the nearest after it.

    News names who arrests in a clause of its own and tells the arrest in another: a
    coordinated verb (منعت قوات الأمن الوقفة واعتقلت محتجين), a purpose (استخدم الأمن
    الغاز لتفريق المحتجين), a relative clause (القنابل التي أطلقتها القوى الأمنية), an
    announcement (أعلن الجيش اعتقال، قال المتحدث باسم الشرطة إنه اعتقل). Only the state
    arrests, disperses and imposes curfews: a police, army, intelligence or executive
    phrase there is the one that did, unless it is the target (اعتقال ضابط في الجيش).
    """
    view = _sentence_view(text, tokens, sentence, entities)
    at = _token_at(view, trigger.start)
    last = bisect_left(view.starts, trigger.end, at + 1) - 1
    before: Argument | None = None
    position = 0
    while position < len(view.words):
        phrase = None if at <= position <= last else _phrase(view, position)
        arg = _arg(view, phrase)
        if phrase is None or arg is None or (target and overlaps(arg, target)):
            position += 1
            continue
        actor = resolve_actor(text, layer, arg, entities)
        if (
            actor is None
            or actor.sector not in _COERCING_SECTORS
            or actor.start >= view.ends[position]
        ):
            position += 1  # the phrase's head is no state force (مذكرة الشرطة: its owner)
            continue
        if position > last:
            return before or arg
        before = arg
        position = phrase[1]
    return before


def overlaps(first: Argument | Span, second: Argument | Span) -> bool:
    """Whether two spans of the text share a character."""
    return first.start < second.end and second.start < first.end


# Words that make a verbal noun an adjunct of time to the clause's verb (خلال اتصال، بعد لقاء).
_ADJUNCT_WORDS = _words("خلال أثناء في عقب بعد إثر لدى")
_PARTNER_REACH = 4  # tokens from a meeting's noun to مع and the one met
_WITH = _words("مع ومع")


def _in_an_adjunct(view: _Sentence, at: int) -> bool:
    return at > 0 and _strip_conjunction(view.words[at - 1]) in _ADJUNCT_WORDS


def _meeting_in_adjunct(
    view: _Sentence, at: int, target: Argument | None
) -> tuple[Argument | None, Argument | None]:
    """Who met whom when a call or meeting is the time of what the clause tells: «أدان
    الرئيس، خلال اتصال هاتفي مع الملك، الهجوم» -- the clause's subject called, the one
    after مع was called."""
    actor = _main_subject(view, at - 1)
    for position in range(at + 1, min(len(view.words) - 1, at + 1 + _PARTNER_REACH)):
        if view.words[position] in _WITH:
            return actor, _arg(view, _phrase(view, position + 1)) or target
        if view.words[position] in _CLAUSE_PUNCTUATION:
            break
    return actor, target


def speaker(
    text: str,
    layer: TextLayer,
    tokens: Tokens | Sequence[Token],
    sentence: Span,
    entities: Sequence[Entity],
) -> Argument | None:
    """Who speaks in a sentence: the subject of its first saying verb (وقال مجلس السيادة في
    بيان، قال المتحدث باسم الحركة), when it names a party."""
    view = _sentence_view(text, tokens, sentence, entities)
    for at, word in enumerate(view.words[:_MAX_SUBJECT]):
        if _strip_conjunction(word) in _SAYING_VERBS:
            arg = _arg(view, _phrase(view, _skip_time(view, at + 1)))
            if arg is not None and _party(text, layer, view, arg, entities, None):
                return arg
            return None
    return None


def opens_with_its_verb(
    text: str,
    layer: TextLayer,
    tokens: Tokens | Sequence[Token],
    sentence: Span,
    trigger: Span,
    entities: Sequence[Entity],
) -> bool:
    """Whether the trigger, a verb joined by و or ف, opens its sentence with no party of
    its own after it (وهدد بشن هجوم، ودعا البيان): the sentence goes on with what the one
    who spoke before did. «وهدد قائد الجيش» names its own."""
    view = _sentence_view(text, tokens, sentence, entities)
    at = _token_at(view, trigger.start)
    word = view.words[at] if at < len(view.words) else ""
    if any(_is_arabic_word(w) for w in view.words[:at]) or word == _strip_conjunction(word):
        return False
    arg = _arg(view, _phrase(view, _skip_time(view, at + 1)))
    if arg is None or _strip_conjunction(view.words[_token_at(view, arg.start)]) in _STATEMENTS:
        return True
    return not _party(text, layer, view, arg, entities, None)


# What is issued, not who issues it: «ودعا البيان» is the issuer's call.
_STATEMENTS = _words("البيان بيان البلاغ الرسالة التقرير")


def _attacker_after_from(view: _Sentence, rest: int) -> Argument | None:
    """``لهجمات من 3 زوارق تابعة لميليشيات الحوثيين``، ``هجوم من مسلحين``: an attack
    from a force is the force's, when the phrase after من names an armed party (a
    generic armed agent or a named armed actor); هجوم من الجو names none."""
    if rest + 1 >= len(view.words) or view.words[rest] != "من":
        return None
    phrase = _phrase(view, rest + 1)
    if phrase is None:
        return None
    words = view.words[phrase[0] : phrase[1]]
    found = tables()
    for at in range(len(words)):
        matched = found.agents.match(words, at)
        if (
            matched is not None
            and isinstance(matched[1], Agent)
            and (matched[1].sector in ARMED_SECTORS)
        ):
            return _arg(view, phrase)
    named = found.named.find(words, described=True)
    if any(match.actor.sector in ARMED_SECTORS for match in named):
        return _arg(view, phrase)
    return None
