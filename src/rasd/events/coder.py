"""The event coder: from a document's sentences, triggers and entities to PLOVER events.

``code_events(doc)`` reads one Arabic document that has its text layer, tokens and
entities, and returns its events. For each sentence it takes the triggers the detector
accepts, then reads each trigger's arguments (actor, target, place), its date, the counts
near it, who reports it, and PLOVER's flags. Mentions of the same event in one article
(the lead and a later paragraph both report the surrender) become one event whose
``evidence`` lists every mention, with the fields the first mention lacks filled from the
later ones.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Final

from rasd.events.arguments import find_arguments, find_location
from rasd.events.armed import armed_attack
from rasd.events.attribution import find_attribution, is_report_date
from rasd.events.counts import find_counts
from rasd.events.dates import days_before, find_dates, is_future
from rasd.events.detector import QUANTITY_WORDS, Detector, detect, participant_span
from rasd.events.entities import overlapping
from rasd.events.flags import event_flags
from rasd.events.triggers import Trigger
from rasd.grounding.actors import fights, resolve_actor
from rasd.grounding.places import resolve
from rasd.model import (
    Argument,
    Count,
    CountKind,
    Document,
    Entity,
    Event,
    EventDate,
    Evidence,
    Location,
    PloverType,
    Span,
    TextLayer,
    Tokens,
)
from rasd.text import normalize, to_normalized_offset

# The counts that belong to an event of each type: the dead and wounded of an attack, the
# people held in a crackdown, the crowd of a protest.
COUNT_KINDS: dict[str, frozenset[CountKind]] = {
    "ASSAULT": frozenset({"killed", "injured", "kidnapped"}),
    "COERCE": frozenset({"arrested", "kidnapped", "injured", "killed", "displaced"}),
    "PROTEST": frozenset({"participants", "arrested", "injured", "killed"}),
    "RETREAT": frozenset({"surrendered", "displaced"}),
    "MOBILIZE": frozenset({"participants"}),
    "AID": frozenset({"displaced"}),
}

# An event dated this long before publication is background, not news (ACLED codes what
# happened in the reporting period; PLOVER's historical flag marks the rest).
HISTORICAL_DAYS = 31

# Actors whose violence PLOVER files under the terrorism context.
_TERRORIST = tuple(
    normalize(name)
    for name in (
        "داعش",
        "تنظيم الدولة",
        "الدولة الإسلامية",
        "القاعدة",
        "جبهة النصرة",
        "هيئة تحرير الشام",
        "بوكو حرام",
        "الشباب",
        "انتحاري",
        "إرهابي",
    )
)
_SECURITY = tuple(
    normalize(word)
    for word in ("قوات", "الجيش", "جيش", "الشرطة", "شرطة", "الأمن", "جنود", "عسكري", "مقاتل")
)


@lru_cache(maxsize=1 << 14)
def _normal(phrase: str) -> str:
    """``normalize`` of an argument or place; merging compares each mention with every
    event before it, and the same parties recur through an article."""
    return normalize(phrase)


@dataclass(slots=True)
class _Mention:
    """One trigger read with its arguments: a draft event before mentions are merged."""

    trigger: Trigger
    sentence: Span
    actor: Argument | None
    target: Argument | None
    location: Location | None
    date: EventDate | None
    counts: list[Count]
    attribution: Argument | None
    negated: bool
    hypothetical: bool
    future: bool
    mode: str | None = None
    lasting: bool = False  # the sentence says it went on for weeks or more
    continuation: bool = False  # only what protesters of a protest told elsewhere did
    evidence: list[Evidence] = field(default_factory=list)


def _published(doc: Document) -> datetime.date | None:
    if not doc.published:
        return None
    try:
        return datetime.date.fromisoformat(doc.published[:10])
    except ValueError:
        return None


def _nearest(dates: Sequence[EventDate], trigger: Trigger) -> EventDate | None:
    """The date expression of the sentence closest to the trigger, earlier ones on ties."""
    best: EventDate | None = None
    best_distance = 0
    for date in dates:
        if date.start is None or date.end is None:
            continue
        distance = (
            trigger.start - date.end if date.end <= trigger.start else date.start - trigger.end
        )
        distance = max(distance, 0)
        if best is None or distance < best_distance:
            best, best_distance = date, distance
    return best


def _counts_for(
    counts: Sequence[Count], trigger: Trigger, triggers: Sequence[Trigger]
) -> list[Count]:
    """The counts of the sentence that belong to this trigger's event.

    A count goes to the nearest trigger whose type takes its kind, so that in ``قتل 3 واعتقل
    5`` the dead go to the killing and the detained to the arrests.
    """
    kinds = COUNT_KINDS.get(trigger.event_type, frozenset())
    mine: list[Count] = []
    for count in counts:
        if count.kind not in kinds:
            continue
        takers = [t for t in triggers if count.kind in COUNT_KINDS.get(t.event_type, frozenset())]
        nearest = min(takers, key=lambda t: abs((t.start + t.end) - (count.start + count.end)))
        if nearest is trigger:
            mine.append(count)
    return mine


def _context(event_type: PloverType, trigger: Trigger, mention: _Mention) -> tuple[str, ...]:
    labels = set(trigger.context)
    parties = " ".join(
        _normal(argument.text) for argument in (mention.actor, mention.target) if argument
    )
    if event_type in ("ASSAULT", "MOBILIZE", "RETREAT", "COERCE") and any(
        word in parties for word in _TERRORIST
    ):
        labels.add("terrorism")
    if event_type in ("ASSAULT", "MOBILIZE", "RETREAT") and any(
        word in parties for word in _SECURITY
    ):
        labels.add("military")
    return tuple(sorted(labels))


def _historical(date: EventDate | None, published: datetime.date | None) -> bool:
    if date is None or date.value is None or published is None:
        return False
    before = days_before(date, published)
    if before is None:
        return False
    if date.precision == "year":
        return int(date.value[:4]) < published.year
    if date.precision == "month":
        return before > HISTORICAL_DAYS + 31
    return before > HISTORICAL_DAYS


# Heads that many parties share (قوات سوريا الديمقراطية, قوات الأمن): no evidence alone
# that two readings name the same party.
_GENERIC_HEADS = frozenset(normalize(w) for w in ("قوات", "عناصر", "أفراد", "جنود", "من", "في"))


def _content_words(argument: Argument) -> frozenset[str]:
    return _content_words_of(argument.text)


@lru_cache(maxsize=1 << 14)
def _content_words_of(text: str) -> frozenset[str]:
    """``_content_words`` by the argument's text: merging compares every pair of mentions."""
    words = set()
    for word in _normal(text).split():
        word = word.removeprefix("ال")
        if word in _GENERIC_HEADS or len(word) < 2:
            continue
        # مقاتلي / مقاتلو / مقاتلين are one word in construct and plural endings
        for ending in ("ين", "ون", "ي", "و"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        words.add(word)
    return frozenset(words)


def _compatible(first: Argument | None, second: Argument | None) -> bool:
    """Whether two argument readings can name the same party: one is missing, they share
    a word that is not a generic head, or both are a participant noun (المحتجين and
    المتظاهرين of one protest)."""
    if first is None or second is None:
        return True
    if _content_words(first) & _content_words(second):
        return True
    return _participants(first.text) and _participants(second.text)


@lru_cache(maxsize=1 << 12)
def _participants(text: str) -> bool:
    return " " not in text and participant_span(text) is not None


def _same_place(first: Location | None, second: Location | None) -> bool:
    if first is None or second is None:
        return True
    a, b = _normal(first.text), _normal(second.text)
    return a in b or b in a


def _same_event(first: _Mention, second: _Mention) -> bool:
    """Whether a later mention reports the same event as an earlier one of the article.

    Same type and flags, no conflict in mode, date, place or actor, and across sentences
    targets that can be the same: an article's lead and its later paragraphs usually report
    one event more than once, each time with some fields missing.
    """
    if first.trigger.event_type != second.trigger.event_type:
        return False
    # the event told so far has a mention in this sentence: the headline's bombing, then
    # the lead's «قتل 12 شخصا وأصيب 30 آخرون»
    same_sentence = _told_in(first, second.sentence)
    one_protest = same_sentence and first.trigger.event_type == "PROTEST"
    # one sentence tells one protest by all its acts (تظاهروا وقطعوا الطرق): a march and
    # the roads it blocked are one event, coded by its most telling mode
    if (
        first.mode
        and second.mode
        and first.mode != second.mode
        and not (one_protest and _DEMO in (first.mode, second.mode))
        and _REFINES.get(first.mode) != second.mode
        and _REFINES.get(second.mode) != first.mode
    ):
        return False
    if (first.negated, first.future, first.hypothetical) != (
        second.negated,
        second.future,
        second.hypothetical,
    ):
        return False
    if first.date and second.date and first.date.value != second.date.value:
        return False
    if not (
        _same_place(first.location, second.location) and _compatible(first.actor, second.actor)
    ):
        return False
    if _swapped(first, second) or _swapped(second, first):
        return False
    if one_protest:
        # what they protest (احتجاجا على زيارة بوش) and where (أمام مقر النقابة) are
        # read as targets of different triggers of the one protest
        return True
    # In one sentence, an attack and the casualties it caused (قتل ثلاثة جنود وأصيب خمسة في
    # هجوم شنه مسلحون) are one event; otherwise different targets are different events
    # (اقتحموا منزل X وقتلوا Y: two assaults).
    if same_sentence and (_casualties(first) or _casualties(second)):
        return True
    return _compatible(first.target, second.target)


# Modes that say more of the same act: a drone strike is an air strike. Mentions in these
# two modes can be one event, coded by the finer one. Not suicide attacks and explosives:
# mines and car bombs met with suicide attacks are two ways of fighting (the seed article).
_REFINES: Final = {"drone": "aerial"}
_DEMO: Final = "demo"  # PROTEST's mode when the text says no more than that people protested


def _swapped(first: _Mention, second: _Mention) -> bool:
    """Whether the one who acts in one mention is acted on in the other: the SDF's
    offensive and the mines ISIS met the SDF with (واجهت قوات سوريا الديمقراطية ألغاما)
    are two events, whatever else they share."""
    if first.actor is None or second.target is None:
        return False
    actor = _content_words(first.actor)
    if second.actor is not None and actor & _content_words(second.actor):
        return False  # the same one acts in both; a misread target is no swap
    return bool(actor & _content_words(second.target))


_POSSESSIVES: Final = ("هما", "هم", "هن", "ها", "ه")


def _refers_back(argument: Argument) -> bool:
    """Whether an argument is one word with a possessive suffix (دوريتهما، مقرهم): it
    points back to the party named before it, a better reading than itself."""
    word = argument.text
    return " " not in word and len(word) > 4 and word.endswith(_POSSESSIVES)


def _finer(place: Location | None, than: Location) -> bool:
    """Whether ``place`` names where an event happened more precisely than ``than``: a
    town over its region or country, by the gazetteer's ACLED precision."""
    if place is None:
        return False
    mine, theirs = resolve(place.text), resolve(than.text)
    return mine is not None and (theirs is None or mine.precision < theirs.precision)


def _casualties(mention: _Mention) -> bool:
    """Whether a mention only counts the dead and wounded of an event (مقتل 15 شخصا)."""
    return bool(mention.counts) and all(c.kind in ("killed", "injured") for c in mention.counts)


def _merge(into: _Mention, other: _Mention) -> None:
    into.evidence.extend(other.evidence)
    into.continuation = into.continuation and other.continuation
    if (
        into.mode is None
        or (into.mode == _DEMO and other.mode is not None)
        or _REFINES.get(other.mode or "") == into.mode
    ):
        into.mode = other.mode
    if (
        _casualties(into)
        and not _casualties(other)
        and other.target is not None
        and not _refers_back(other.target)
    ):
        into.target = other.target  # what was attacked, not the count of its victims
    into.actor = into.actor or other.actor
    into.target = into.target or other.target
    if into.location is None or _finer(other.location, into.location):
        into.location = other.location  # the headline's قطاع غزة, the lead's خان يونس
    into.attribution = into.attribution or other.attribution
    into.date = into.date or other.date
    known = {count.kind for count in into.counts}
    into.counts.extend(count for count in other.counts if count.kind not in known)


_RELATIVES = frozenset(
    normalize(word) for word in ("من", "الذي", "التي", "الذين", "اللذين", "اللتين", "ما", "مما")
)


def _in_a_name(trigger: Trigger, entities: Sequence[Entity]) -> bool:
    """Whether the trigger starts inside a person's name or a name of the actor table: the
    طالب of جلال طالباني and the تحرير of هيئة تحرير الشام name someone, they report
    nothing. A person is a name of two words or more, and other organisations and places
    are left alone: the tagger sometimes takes in a word of the event (سيارتين مفخختين as
    a person, اجتماع للمجلس المركزي as an organisation)."""
    for index in overlapping(entities, trigger.start, trigger.start + 1):
        entity = entities[index]
        if entity.start > trigger.start:
            continue
        if entity.kb_id is not None or (entity.label == "PER" and " " in entity.text):
            return True
    return False


def _describes_a_state(layer: TextLayer, trigger: Trigger) -> bool:
    """Whether a verb trigger is an imperfect in a relative clause: من تحتجزهم داعش (those
    ISIS holds), الذين يقاتلون: a state the text describes, not an event it reports."""
    if trigger.nominal:
        return False
    start = to_normalized_offset(layer, trigger.start)
    end = to_normalized_offset(layer, trigger.end)
    verb = layer.normalized[start:end].split(" ", 1)[0].removeprefix("و").removeprefix("ف")
    if not verb.startswith(("ي", "ت", "ن")):
        return False
    before = layer.normalized[max(0, start - 12) : start].split()
    return bool(before) and before[-1] in _RELATIVES


_INTO_THE_AIR: Final = re.compile(r"[^.،,؛:!?]{0,60}?\bفي الهواء\b")


def _into_the_air(layer: TextLayer, trigger: Trigger) -> bool:
    """Whether a shooting trigger fires into the air (أطلقوا النار في الهواء): a warning,
    a celebration or a protest, not an attack on anyone."""
    if trigger.mode != "firearms":
        return False
    end = to_normalized_offset(layer, trigger.end)
    return _INTO_THE_AIR.match(layer.normalized, end, end + 80) is not None


# «أوقفت قوات سوريا الديمقراطية الهجوم لأسابيع»، «يحاصر المدينة منذ أشهر»: an event that
# has gone on for weeks or more began long before the news, background to it.
_LASTING: Final = re.compile(
    r"[^.،,؛:!?]{0,50}?(?<!\S)(?:[وف]?ل|لمده |طيله |طوال |منذ )(?:عده |بضعه |ثلاثه |اربعه |"
    r"خمسه |سته |سبعه |ثمانيه |تسعه |عشره )?(?:اسابيع|اشهر|شهور|سنوات|اعوام|سنين|عقود)(?!\S)"
)


def _lasting(layer: TextLayer, trigger: Trigger) -> bool:
    """Whether the words after a trigger, in its clause, say it lasted weeks or more."""
    end = to_normalized_offset(layer, trigger.end)
    return _LASTING.match(layer.normalized, end, end + 90) is not None


# Past verbs of turning out, each opening a count of who did: خرج آلاف المتظاهرين.
_TURNED_OUT: Final = frozenset(
    prefix + normalize(verb) + ending
    for verb in ("خرج", "تظاهر", "احتشد", "تجمع", "اعتصم", "شارك", "سار", "تدفق")
    for ending in ("", "ت", "وا")
    for prefix in ("", "و", "ف")
)


def _crowd_turned_out(text: str, layer: TextLayer, sentence: Span, trigger: Trigger) -> bool:
    """Whether a PROTEST candidate the sentence model turned down opens with a crowd that
    turned out, counted, in the past and affirmed: «خرج آلاف المتظاهرين إلى شوارع
    الخرطوم أمس». The model learnt from 44 protests and misses plain reports like it."""
    for count in find_counts(text, layer, sentence):
        if count.kind != "participants":
            continue
        first = _normal(text[count.start : count.end]).split(" ", 1)[0]
        if first in _TURNED_OUT:
            flags = event_flags(text, layer, sentence, Span(trigger.start, trigger.end))
            return not (flags.negated or flags.future or flags.hypothetical)
    return False


# Triggers that tell what the protesters of a protest already told did: chants, banners,
# and the protesters themselves when named as known (المتظاهرون). Annotators code no
# protest in a sentence that only continues one (وردد المتظاهرون شعارات مناهضة للحكومة).
_CHANTS: Final = ("هتف", "هتافات", "ردد", "لافتات")


def _continues_a_protest(mention: _Mention) -> bool:
    trigger = mention.trigger
    if trigger.event_type != "PROTEST":
        return False
    key = trigger.key.split("/", 1)[0].split(" ", 1)[0]
    if key.startswith(_CHANTS):
        return True
    words = _normal(trigger.text).split()
    return len(words) == 1 and _definite_participants(words[0])


def _counted(layer: TextLayer, trigger: Trigger) -> bool:
    """Whether a count comes right before the trigger (عشرات الآلاف من المتظاهرين، 500
    متظاهر): a crowd described afresh, a protest told here."""
    start = to_normalized_offset(layer, trigger.start)
    before = layer.normalized[max(0, start - 30) : start].split()
    if before and before[-1] == "من":
        before = before[:-1]
    return bool(before) and (before[-1] in QUANTITY_WORDS or before[-1].isdigit())


def _definite_participants(word: str) -> bool:
    """المتظاهرون، والمحتجين: participants named as already known."""
    skip = participant_span(word)
    return skip is not None and word[skip:].startswith("ال")


def _protesters(trigger: Trigger) -> Argument | None:
    """The trigger itself as the actor when it is a participant noun (المتظاهرون)."""
    if " " in trigger.text:
        return None
    skip = participant_span(trigger.text)
    if skip is None:
        return None
    return Argument(trigger.start + skip, trigger.end, trigger.text[skip:])


_WORD: Final = re.compile(r"[\u0621-\u064a\u064b-\u065f]+")


def _dispersed(text: str, sentence: Span, trigger: Trigger) -> Argument | None:
    """The protesters a crowd-control event disperses: the participant noun of the trigger
    (وفرقت الشرطة المتظاهرين، لتفريق المحتجين), else the first of its sentence (أطلقت
    الغاز المسيل للدموع على المحتجين). ACLED codes them as the target."""
    within = _WORD.finditer(text, trigger.start, trigger.end)
    for match in (*within, *_WORD.finditer(text, sentence.start, sentence.end)):
        skip = participant_span(match.group())
        if skip is not None:
            return Argument(match.start() + skip, match.end(), match.group()[skip:])
    return None


def _in_trigger_object(argument: Argument, trigger: Trigger) -> bool:
    """Whether an argument overlaps the trigger's last word: the object of a pattern with
    a gap (علقت إسرائيل عملياتها، أطلق مسلحون النار) or the trigger itself, never a
    party to the event. The gap's subject (لقي ثلاثة جنود حتفهم) may be one."""
    last = trigger.start + trigger.text.rfind(" ") + 1
    return argument.start < trigger.end and argument.end > last


def _read_sentence(
    doc: Document,
    layer: TextLayer,
    tokens: Tokens,
    sentence: Span,
    previous: Span | None,
    published: datetime.date | None,
    detector: Detector | None,
) -> list[_Mention]:
    text = doc.text
    entities: Sequence[Entity] = doc.entities

    def rescue(trigger: Trigger) -> bool:
        if trigger.event_type == "PROTEST":
            return _crowd_turned_out(text, layer, sentence, trigger)
        return armed_attack(text, layer, tokens, sentence, trigger, entities)

    triggers = [
        trigger
        for trigger in detect(text, layer, tokens, sentence, detector=detector, rescue=rescue)
        if not _describes_a_state(layer, trigger)
        and not _in_a_name(trigger, entities)
        and not _into_the_air(layer, trigger)
    ]
    if not triggers:
        return []
    dates = [
        date
        for date in find_dates(text, layer, published, sentence)
        if not is_future(date, published)
    ]
    if len(dates) > 1:
        # «أعلن أمس مقتل اثنين ... في هجوم أول من أمس»: the day of the announcement dates
        # the events only when the sentence gives no other day
        of_events = [
            date
            for date in dates
            if date.start is None or not is_report_date(layer, sentence, date.start)
        ]
        dates = of_events or dates
    counts = find_counts(text, layer, sentence)
    attribution = find_attribution(text, layer, sentence, entities, before=previous)
    mentions: list[_Mention] = []
    for trigger in triggers:
        trigger_span = Span(trigger.start, trigger.end)
        actor, target = find_arguments(
            text,
            layer,
            tokens,
            sentence,
            trigger_span,
            nominal=trigger.nominal,
            passive=trigger.passive,
            entities=entities,
            event_type=trigger.event_type,
        )
        if target is not None and _in_trigger_object(target, trigger):
            target = None  # أوقف الجيش إطلاق النار: what is halted is no target
        if actor is not None and _in_trigger_object(actor, trigger):
            actor = None  # أخلي سبيل ريكاردي، إطلاق سراحهما: the idiom's own word acts not
        if trigger.event_type == "PROTEST" and trigger.nominal:
            actor = _protesters(trigger) or actor  # وسار المتظاهرون: they are who protests
        if trigger.mode == "crowd-control" and target is None:
            target = _dispersed(text, sentence, trigger)
        flags = event_flags(text, layer, sentence, trigger_span)
        mention = _Mention(
            trigger=trigger,
            sentence=sentence,
            actor=actor,
            target=target,
            location=find_location(text, layer, tokens, sentence, trigger_span, entities),
            date=_nearest(dates, trigger),
            counts=_counts_for(counts, trigger, triggers),
            attribution=attribution,
            negated=flags.negated,
            hypothetical=flags.hypothetical,
            future=flags.future,
            mode=trigger.mode,
            lasting=_lasting(layer, trigger),
        )
        mention.continuation = _continues_a_protest(mention) and not _counted(layer, trigger)
        mention.evidence.append(
            Evidence(sentence.start, sentence.end, trigger.start, trigger.end, trigger.text)
        )
        mentions.append(mention)
    return mentions


def _default_date(published: datetime.date | None) -> EventDate | None:
    """An event the article does not date happened around publication: its week, no span."""
    if published is None:
        return None
    return EventDate(published.isoformat(), "week")


def _grounded(argument: Argument | None, entities: Sequence[Entity]) -> Argument | None:
    """The argument with the knowledge-base id of the entity it refers to, when known."""
    if argument is None or argument.entity is None or argument.kb_id is not None:
        return argument
    kb_id = entities[argument.entity].kb_id
    return argument if kb_id is None else replace(argument, kb_id=kb_id)


def _to_event(
    mention: _Mention, published: datetime.date | None, entities: Sequence[Entity]
) -> Event:
    trigger = mention.trigger
    lasted = mention.lasting and mention.date is None and published is not None
    historical = lasted or _historical(mention.date, published)
    # an event that went on for weeks did not happen in the week of publication: undated
    date = mention.date or (None if lasted else _default_date(published))
    confidence = trigger.weight
    if mention.actor is None and mention.target is None:
        confidence *= 0.8  # an event nobody is named in is the least useful reading
    return Event(
        event_type=trigger.event_type,
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
        mode=mention.mode,
        context=_context(trigger.event_type, trigger, mention),
        actor=_grounded(mention.actor, entities),
        target=_grounded(mention.target, entities),
        location=mention.location,
        date=date,
        counts=tuple(sorted(mention.counts, key=lambda count: count.start)),
        attribution=_grounded(mention.attribution, entities),
        negated=mention.negated,
        hypothetical=mention.hypothetical,
        future=mention.future,
        historical=historical,
        evidence=tuple(mention.evidence),
    )


def code_events(doc: Document, *, detector: Detector | None = None) -> tuple[Event, ...]:
    """The events an Arabic document reports, in the order they are first mentioned.

    ``detector`` replaces the committed sentence detector (cross-validation trains one per
    fold).
    """
    layer = doc.layer
    tokens = doc.tokens
    if layer is None or not isinstance(tokens, Tokens) or not doc.sentences:
        return ()
    published = _published(doc)
    merged: list[_Mention] = []
    previous: Span | None = None
    for sentence in doc.sentences:
        mentions = _read_sentence(doc, layer, tokens, sentence, previous, published, detector)
        for mention in mentions:
            # a mention of the same sentence first: «احتجاجا على ...» belongs to the strike
            # it is said of, not to a protest of an earlier paragraph
            same = next(
                (m for m in merged if _told_in(m, sentence) and _same_event(m, mention)),
                None,
            ) or next((m for m in merged if _same_event(m, mention)), None)
            if same is None:
                merged.append(mention)
            else:
                _merge(same, mention)
        previous = sentence
    # «وردد المتظاهرون شعارات» with no protest told in the article: the protest is reported
    # elsewhere, and a reader of this text codes none
    told = [mention for mention in merged if not mention.continuation]
    told = _without_demands(told)
    _name_the_perpetrator(doc, told)
    return tuple(_to_event(mention, published, doc.entities) for mention in told)


def _without_demands(mentions: list[_Mention]) -> list[_Mention]:
    """The mentions less the demands of a protest: ACLED codes a protest, not what it asked
    for. A request made by protesters (وطالب المتظاهرون بالإفراج) or told in a sentence
    that tells a protest (تظاهر المئات مطالبين برحيل الحكومة) is the protest's demand."""
    protested = {
        e.sentence_start
        for mention in mentions
        if mention.trigger.event_type == "PROTEST"
        for e in mention.evidence
    }

    def demand(mention: _Mention) -> bool:
        if mention.trigger.event_type != "REQUEST":
            return False
        if mention.actor is not None and _participants(mention.actor.text):
            return True
        return any(e.sentence_start in protested for e in mention.evidence)

    return [mention for mention in mentions if not demand(mention)]


def _name_the_perpetrator(doc: Document, mentions: Sequence[_Mention]) -> None:
    """Give agentless attacks the one perpetrator the article names for its attacks.

    A wire story names the attacker once (the headline's «غارات إسرائيلية», the lead's «شنت
    حركة الشباب هجوما») and tells the rest passively (قتل 20 جنديا، أصيب مدنيون). When every
    attack of the article with an actor names the same party, by a shared word that is not
    a generic head, the attacks told without one in other sentences are that party's; two
    sides named, or an unnamed attack whose victims are that party, and no attack takes an
    actor.
    """
    attacks = [
        mention
        for mention in mentions
        if mention.trigger.event_type == "ASSAULT"
        and not (mention.negated or mention.future or mention.hypothetical)
    ]
    named = [mention.actor for mention in attacks if mention.actor is not None]
    # a sentence that names the attacker of one of its attacks and not of another tells of
    # two sides (mortars fired, then aircraft striking the launch site): none is lent there
    named_in = {e.sentence_start for m in attacks if m.actor is not None for e in m.evidence}
    agentless = [
        mention
        for mention in attacks
        if mention.actor is None and all(e.sentence_start not in named_in for e in mention.evidence)
    ]
    if not (named and agentless):
        return
    first = named[0]
    words = _content_words(first)
    if not words or not all(words & _content_words(actor) for actor in named[1:]):
        return
    # resolved last: the one step that reads the actor tables
    if not all(_armed_party(doc, actor) for actor in named):
        return
    for mention in agentless:
        if mention.target is None or not _content_words(mention.target) & words:
            mention.actor = first


def _armed_party(doc: Document, argument: Argument) -> bool:
    """Whether an argument names an armed party the actor tables know (حركة الشباب، الاحتلال
    الإسرائيلي، طيران التحالف), not a word that only describes attackers (مسلحون، منفصل) or
    a party that does not fight (محتجون)."""
    if doc.layer is None:
        return False
    actor = resolve_actor(doc.text, doc.layer, argument, doc.entities)
    if actor is None or actor.sector == "unidentified-armed":
        return False
    # a state named as the attacker (إسرائيل، الاحتلال الإسرائيلي) has a country, no sector
    return fights(actor.sector, actor.id, actor.cameo) or (
        actor.sector is None and actor.country is not None
    )


def _told_in(mention: _Mention, sentence: Span) -> bool:
    return any(e.sentence_start == sentence.start for e in mention.evidence)


def with_events(doc: Document) -> Document:
    """``doc`` with its ``events`` filled."""
    return replace(doc, events=code_events(doc))
