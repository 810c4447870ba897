"""Armed attacks the sentence detector misses: an armed actor's past attack predicate.

The detector (``rasd.events.detector``) learnt from gsr-dev, whose sentences with هجوم or
هاجم are mostly not attack reports: verbal attacks (شنت اللجنة هجوما شديدا على الحكومة),
plans (قد تشن هجوما), commentary. Its positives are mostly bombings with casualty counts,
so a plain report of an offensive with no mode and no count (واستأنفت قوات سوريا
الديمقراطية هجومها على قرية الباغوز) scores low. What makes such a sentence a report is its
grammar: a past, affirmed attack predicate whose agent is an armed actor,

- an attack verb in the past opening its clause or after its subject: هاجمت قوات X قرية،
  ومسلحون قصفوا;
- or an attack noun that is the object of a past light verb: شن/نفذ/استأنف/واصل/بدأ X
  هجوما/غارة/حملة عسكرية;

and its agent a named armed group or force of the actor table (sectors rebel, terrorist,
militia, state military and police; coalitions of armies) or a generic armed agent
(قوات، الجيش، مسلحون، عناصر الشرطة; ``resources/agents.tsv``), at the head of the subject
phrase, not a word inside it (حامية عسكرية is a barracks, not soldiers). The coder accepts
such a candidate whatever the sentence model says; negated, future and hypothetical events
are left to the model, since the flags would only mark them unreported.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from operator import itemgetter
from typing import Final

from rasd.events.arguments import find_arguments
from rasd.events.flags import event_flags
from rasd.events.lexicon import noun_surfaces
from rasd.events.triggers import Trigger, Word, sentence_words
from rasd.grounding.actors import fights, resolve_actor
from rasd.model import Argument, Entity, Span, TextLayer, Tokens
from rasd.text import normalize, to_normalized_offset

# Below this lexicon weight a verb is too often something else (ضرب مثلا، اقتحم المنزل);
# a noun under a light verb is an act whatever its weight (نفذت القوات عملية عسكرية).
MIN_WEIGHT: Final = 0.5


def _forms(stems: str) -> frozenset[str]:
    """The past forms of verb stems, with و/ف: شن، شنت، شنوا، شنا، وشنت ..."""
    forms: set[str] = set()
    for stem in normalize(stems).split():
        for ending in ("", "ت", "وا", "ا", "تا"):
            forms.update(prefix + stem + ending for prefix in ("", "و", "ف"))
    return frozenset(forms)


# Verbs whose object is an attack the subject carries out: شن هجوما، استأنف هجومه.
LIGHT_VERBS: Final = _forms("شن نفذ استأنف واصل بدأ جدد صعد خاض")
# The attack nouns such a verb takes (the lexicon's weapons are no object of شن), in every
# written form (هجومها، والهجوم، هجوما): one set lookup per candidate.
_ATTACK_NOUNS: Final = frozenset(
    surface
    for noun in normalize(
        "هجوم هجمات هجمة هجومين هجومان قصف غارة غارات ضربة ضربات عملية عمليات اعتداء "
        "اعتداءات اشتباك اشتباكات معارك معركة قتال كمين حملة حملات"
    ).split()
    for surface in noun_surfaces(noun)
)
_RELATIVES: Final = frozenset(normalize("الذي التي الذين اللذين اللتين اللواتي").split())
# Subordinators that background the clause after them (عندما هاجم مسلحون البرلمان: the
# sentence is about something else), and particles that open a new clause.
_SUBORDINATORS: Final = frozenset(
    prefix + word
    for word in normalize("عندما حين حينما بعدما لما منذ كلما").split()
    for prefix in ("", "و", "ف")
)
_OPENERS: Final = frozenset(normalize("ثم وقد فقد لقد قد كما حيث").split())
# Verbal nouns written like a bare past verb: after one of them, وخطف is a second noun
# (بين قتل وخطف المسلحين، مأساة خطف وقتل أحد أشقائه), not a verb opening a clause.
_MASDARS: Final = frozenset(
    normalize("قتل خطف اختطاف اغتيال تعذيب ضرب اعتقال قصف تفجير نهب حرق ذبح").split()
)
# Words that end the clause a light verb governs: its noun is not further off.
_CLAUSE_ENDS: Final = frozenset(
    normalize(
        "أن إن أنه إنه أنها إنها بأن الذي التي الذين لكن ولكن بينما فيما حيث عندما لم لن لا"
    ).split()
)
# Fights, and the past verbs that say one took place (دارت اشتباكات، اندلعت معارك).
_CLASH_NOUNS: Final = frozenset(
    surface
    for noun in normalize("اشتباك اشتباكات معارك معركة قتال مواجهات مواجهة").split()
    for surface in noun_surfaces(noun)
)
_HAPPENED: Final = _forms("دار اندلع وقع جرى تجدد اشتعل")
_LIGHT_REACH = 8  # words from a light verb to its object: the subject and a time between


def _head_of(argument: Argument, layer: TextLayer, start: int) -> bool:
    """Whether the original offset ``start`` lies in the first word of ``argument``."""
    first = to_normalized_offset(layer, argument.start)
    last = to_normalized_offset(layer, argument.end)
    space = layer.normalized.find(" ", first, last)
    head_end = last if space < 0 else space
    return to_normalized_offset(layer, start) < head_end


def is_armed(text: str, layer: TextLayer, argument: Argument, entities: Sequence[Entity]) -> bool:
    """Whether an actor argument names an armed actor at its head (see the module); one
    word with a possessive is read by its noun (أن طائراتها دمرت: the ministry's aircraft)."""
    word = argument.text
    if " " not in word:
        for suffix in _POSSESSIVES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                cut = argument.end - len(suffix)
                noun = Argument(argument.start, cut, text[argument.start : cut])
                if _armed_noun(text, layer, noun, entities):
                    return True
                break
    return _armed_noun(text, layer, argument, entities)


_POSSESSIVES: Final = ("هما", "هم", "ها", "ه")


def _armed_noun(
    text: str, layer: TextLayer, argument: Argument, entities: Sequence[Entity]
) -> bool:
    found = resolve_actor(text, layer, argument, entities)
    if found is None or not _head_of(argument, layer, found.start):
        return False
    return fights(found.sector, found.id, found.cameo)


def _index(words: list[Word], layer: TextLayer, trigger: Trigger) -> int:
    return bisect_left(words, to_normalized_offset(layer, trigger.start), key=itemgetter(0))


def _narrates(words: list[Word], at: int) -> bool:
    """A past verb that is no relative or temporal clause (الذي اختطفته، عندما هاجم) nor a
    verbal noun in a list (قتل وخطف)."""
    previous = words[at - 1][2] if at else ""
    if previous in _RELATIVES or previous in _SUBORDINATORS or previous in _MASDARS:
        return False
    return not (at > 1 and words[at - 2][2] in _SUBORDINATORS and previous in _OPENERS)


def _verb_frame(words: list[Word], at: int, actor: Argument, layer: TextLayer) -> bool:
    """A past attack verb that reports: it opens its clause (وقصفت، ثم هاجم) or follows
    its subject (مسلحون خطفوا)."""
    previous = words[at - 1][2] if at else ""
    if at == 0 or words[at][2][:1] in "وف" or previous in _OPENERS:
        return True
    actor_end = to_normalized_offset(layer, actor.end)
    return words[at - 1][1] <= actor_end and to_normalized_offset(layer, actor.start) < words[at][0]


def _clash_frame(words: list[Word], at: int) -> bool:
    """A fight that broke out between two sides: a past verb of happening opens the clause
    of a clash noun, and بين follows it: ``دارت اشتباكات عنيفة بين قوات النظام وفصائل
    المعارضة``، ``اندلعت معارك بين الجيش والمسلحين``. The sides are checked by the caller."""
    if words[at][2] not in _CLASH_NOUNS:
        return False
    if not any(words[position][2] in _HAPPENED for position in range(max(0, at - 2), at)):
        return False
    return any(words[position][2] == "بين" for position in range(at + 1, min(at + 4, len(words))))


def _light_verb_frame(words: list[Word], at: int) -> bool:
    """An attack noun that is the object of a past light verb before it in its clause:
    ``واستأنفت قوات سوريا الديمقراطية مطلع هذا الأسبوع هجومها``."""
    if words[at][2] not in _ATTACK_NOUNS:
        return False
    for position in range(at - 1, max(-1, at - 1 - _LIGHT_REACH), -1):
        word = words[position][2]
        if word in LIGHT_VERBS:
            before = words[position - 1][2] if position else ""
            return before not in _RELATIVES and before not in _SUBORDINATORS
        if word in _CLAUSE_ENDS:
            return False
    return False


def armed_attack(
    text: str,
    layer: TextLayer,
    tokens: Tokens,
    sentence: Span,
    trigger: Trigger,
    entities: Sequence[Entity],
) -> bool:
    """Whether an ASSAULT candidate is an armed actor's past, affirmed attack (see the
    module): ``هاجمت قوات سوريا الديمقراطية قرية الباغوز أمس`` is; ``شنت اللجنة الدولية
    للحقوقيين هجوما شديدا على الحكومة`` (no armed agent) and ``قد تشن القوات هجوما``
    (no past) are not."""
    if trigger.event_type != "ASSAULT" or trigger.passive:
        return False
    if not trigger.nominal and trigger.weight < MIN_WEIGHT:
        return False
    words = sentence_words(layer, sentence)
    at = _index(words, layer, trigger)
    if at >= len(words):
        return False
    if trigger.nominal:
        if not (_light_verb_frame(words, at) or _clash_frame(words, at)):
            return False
    elif not (_past(words[at][2], trigger) and _narrates(words, at)):
        return False
    span = Span(trigger.start, trigger.end)
    flags = event_flags(text, layer, sentence, span)
    if flags.negated or flags.future or flags.hypothetical:
        return False
    # the arguments last: a sentence the model turned down has not been parsed yet
    actor, _ = find_arguments(
        text,
        layer,
        tokens,
        sentence,
        span,
        nominal=trigger.nominal,
        passive=False,
        entities=entities,
        event_type="ASSAULT",
    )
    if actor is None or not is_armed(text, layer, actor, entities):
        return False
    return trigger.nominal or _verb_frame(words, at, actor, layer)


def _past(surface: str, trigger: Trigger) -> bool:
    """Whether a verb trigger's surface is its pattern's past: هاجمت، وقصفوا، وشن (not
    يهاجم، ستشن)."""
    past = trigger.key.split("/", 1)[0].split("|", 1)[0].split(" ", 1)[0]
    if past[:1] in ("ي", "ت", "ن"):
        return False  # a pattern written in the imperfect (يفجر)
    stem = past[:3]
    return surface.startswith(stem) or (surface[:1] in "وف" and surface[1:].startswith(stem))
