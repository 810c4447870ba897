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
import itertools
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Final, overload

from rasd.events.arguments import (
    coercing_state,
    find_arguments,
    find_location,
    is_clash,
    opens_with_its_verb,
    overlaps,
    speaker,
)
from rasd.events.armed import armed_attack
from rasd.events.attribution import find_attribution, is_report_date
from rasd.events.counts import find_counts
from rasd.events.dates import days_before, find_dates, is_future
from rasd.events.detector import QUANTITY_WORDS, Detector, detect, participant_span
from rasd.events.entities import overlapping
from rasd.events.flags import event_flags
from rasd.events.sites import PlaceList, place_lists
from rasd.events.triggers import Trigger, find_triggers
from rasd.grounding.actors import fights, resolve_actor, tables
from rasd.grounding.places import (
    ARTICLES_COUNTRY,
    ARTICLES_TOWN,
    FROM_HEADLINE,
    NEAR,
    TOWN,
    Resolved,
    document_countries,
    great_circle_km,
    ground_location,
    is_place,
    resolve,
)
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
    "ASSAULT": frozenset({"killed", "injured", "casualties", "kidnapped"}),
    "COERCE": frozenset({"arrested", "kidnapped", "injured", "killed", "casualties", "displaced"}),
    "PROTEST": frozenset({"participants", "arrested", "injured", "killed", "casualties"}),
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
    # its counts were read in a headline, which may sum the events the body tells apart
    headline_counts: bool = False
    # its counts are a total over the towns of a list told in its sentence (انفجرت سيارتان
    # في A وB مما أدى إلى مقتل تسعة): a figure given for its town alone replaces them
    shared_counts: bool = False
    # the day the sentence before told, for a mention whose own sentence gives none: its
    # day when no mention of its event gives one (جرت أمس عملية تبادل للأسرى. وتم الإفراج
    # عن 58)
    carried_date: EventDate | None = None
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


def _its_dates(
    text: str,
    dates: Sequence[EventDate],
    trigger: Trigger,
    words_of_acts: Callable[[], Sequence[Trigger]],
) -> list[EventDate]:
    """The dates of the sentence that may date the trigger's act: not one told after it in
    a relative clause of a noun that names no act (وفرقت الشرطة المحتجين الذين وصلوا إلى
    الحاجز الحديدي الذي نصب الليلة الماضية: the night is the barrier's). A clause of a
    word of an act dates it (في الغارة التي شنتها الطائرات أمس)."""
    return [date for date in dates if not _of_another_noun(text, date, trigger, words_of_acts)]


def _of_another_noun(
    text: str,
    date: EventDate,
    trigger: Trigger,
    words_of_acts: Callable[[], Sequence[Trigger]],
) -> bool:
    if date.start is None or date.start < trigger.end:
        return False
    pronouns = list(_RELATIVE.finditer(text, trigger.end, date.start))
    pronoun = pronouns[-1] if pronouns else None  # the clause the date stands in
    if pronoun is None or _CLAUSE_BREAK.search(text, pronoun.end(), date.start):
        return False
    words = list(_WORD.finditer(text, trigger.end, pronoun.start()))[-_ANTECEDENT_WORDS:]
    if not words:
        return False  # the trigger's own noun: الهجوم الذي وقع أمس
    start = words[0].start()
    # a word of an act before the pronoun or in its clause: the clause tells an act
    return not any(start < t.end and t.start < date.start for t in words_of_acts())


_RELATIVE: Final = re.compile(
    r"(?<!\w)(?:الذي|الذى|التي|التى|الذين|اللذين|اللتين|اللذان|اللتان|اللواتي|اللاتي)(?!\w)"
)
_ANTECEDENT_WORDS = 3  # a noun and its adjectives before a relative pronoun: حاجز السلك الشائك


def _counts_for(
    counts: Sequence[Count], trigger: Trigger, triggers: Sequence[Trigger]
) -> list[Count]:
    """The counts of the sentence that belong to this trigger's event.

    A count goes to the nearest trigger whose type takes its kind, so that in ``قتل 3 واعتقل
    5`` the dead go to the killing and the detained to the arrests; a count that goes on
    from one of its kind with no trigger between (قتل 28 مسلحا و10 من الأمن و7 مدنيين في
    مواجهات) goes with it.
    """
    kinds = COUNT_KINDS.get(trigger.event_type, frozenset())
    mine: list[Count] = []
    owner: Trigger | None = None
    previous: Count | None = None
    for count in sorted(counts, key=lambda count: count.start):
        takers = [t for t in triggers if count.kind in COUNT_KINDS.get(t.event_type, frozenset())]
        if not takers:
            owner, previous = None, count
            continue
        if not (
            owner is not None
            and previous is not None
            and previous.kind == count.kind
            and not any(previous.end <= t.start < count.start for t in triggers)
        ):
            owner = min(takers, key=lambda t: abs((t.start + t.end) - (count.start + count.end)))
        previous = count
        if owner is trigger and count.kind in kinds:
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
        # مقاتلي / مقاتلو / مقاتلين are one word in construct and plural endings, and a
        # nisba is one word in either gender (إسرائيلية، الإسرائيلي)
        for ending in ("ين", "ون", "يه", "ي", "و"):
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


def _same_place(first: Location | None, second: Location | None, context: _Context) -> str | None:
    """How two mentions' places can be where one event happened, or None: either is
    missing or one phrase holds the other (``_ALIKE``), or one resolved place lies within
    the other (``_WITHIN``: the lead's مدينة العريش and a later paragraph's شمال سيناء)."""
    if first is None or second is None:
        return _ALIKE
    a, b = _normal(first.text), _normal(second.text)
    if a in b or b in a:
        return _ALIKE
    one, other = context.place(first.text), context.place(second.text)
    if one is None or other is None:
        return None
    if one[0] and other[0]:
        # the same part twice (شمال شرق نيجيريا، شمال شرق البلاد) is one place
        same = one[0] == other[0] and one[1].place.id == other[1].place.id
        return _WITHIN if same else None
    if one[0] or other[0]:
        # a part of a place holds only some of what lies within it: a town of its side of
        # a province or country (بلدة موبي in شمال شرق نيجيريا), no telling otherwise
        (part, coarse), town = (first, one), other
        if other[0]:
            (part, coarse), town = (second, other), one
        return _WITHIN if _on_its_side(part.text, coarse[1], town[1]) else None
    return _WITHIN if _within(one[1], other[1]) else None


# The side of a place each direction word names, as a (north, east) sign.
_SIDES: Final = {
    normalize(word): side
    for words, side in (
        (("شمال", "شمالي"), (1, 0)),
        (("جنوب", "جنوبي"), (-1, 0)),
        (("شرق", "شرقي"), (0, 1)),
        (("غرب", "غربي"), (0, -1)),
    )
    for word in words
}


def _on_its_side(phrase: str, whole: Resolved, town: Resolved) -> bool:
    """Whether a town lies in the side of a province or country a phrase names (شمال شرق
    نيجيريا): within it, and north (east, ...) of its centre on each direction word the
    phrase opens with. Only towns: a part of a town is no side of a country."""
    if _size(whole.place.kind) < 2 or _size(town.place.kind) > 1 or not _within(whole, town):
        return False
    words = [_bare(word) for word in _normal(phrase).split()]
    sides = [_SIDES[word] for word in itertools.takewhile(lambda w: w in _SIDES, words)]
    if not sides:
        return False
    north = town.place.lat - whole.place.lat
    east = town.place.lon - whole.place.lon
    return all(north * dn + east * de > 0 for dn, de in sides)


def _loosely_alike(first: _Mention, second: _Mention, context: _Context) -> bool:
    """Whether one of two places is a part of a country or larger and the other lies in
    that country: too loose a tie alone, enough with the same toll."""
    if first.location is None or second.location is None:
        return False
    one, other = context.place(first.location.text), context.place(second.location.text)
    if one is None or other is None or one[1].place.country != other[1].place.country:
        return False
    return any(r[0] or _size(r[1].place.kind) > 1 for r in (one, other))


_ALIKE: Final = "alike"
_WITHIN: Final = "within"


# How far from a place's point what lies within it may be, by the size of the place: a
# province or region holds towns a few hours' drive from its centre, a district less.
# Two towns are two places however near (مخيم البريج and غرب خان يونس are two strikes);
# only the gazetteer's duplicates of one town lie this close.
_WITHIN_KM: Final = {"admin1": 200.0, "region": 120.0, "admin2": 60.0}
_SAME_TOWN_KM: Final = 2.0


def _within(first: Resolved, second: Resolved) -> bool:
    """Whether one resolved place lies within the other."""
    coarse, fine = sorted((first, second), key=lambda r: -_size(r.place.kind))
    if coarse.place.id == fine.place.id:
        # one town twice (العريش، مدينة العريش); a part of it (شرق غزة، حي الزيتون) is
        # another place than another part
        return _size(coarse.place.kind) > 1 or first.precision == second.precision == TOWN
    if coarse.place.country != fine.place.country:
        return False
    if coarse.place.kind == "country":
        return True
    if coarse.place.kind == "admin1" and coarse.place.admin1_code and fine.place.admin1_code:
        # the gazetteer's province of the town, where it tells one: Alexandria lies 170 km
        # from the centre of the Delta's الشرقية, in a province of its own
        return coarse.place.admin1_code == fine.place.admin1_code
    km = great_circle_km(coarse.place.lat, coarse.place.lon, fine.place.lat, fine.place.lon)
    return km <= _WITHIN_KM.get(coarse.place.kind, _SAME_TOWN_KM)


_SIZES: Final = {"country": 4, "admin1": 3, "region": 2, "admin2": 2}


def _size(kind: str) -> int:
    return _SIZES.get(kind, 1)


class _Countries(Sequence[str]):
    """An article's countries (``places.document_countries``), read the first time a place
    name needs them: most names the gazetteer reads alone."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._found: tuple[str, ...] | None = None

    def read(self) -> tuple[str, ...]:
        """The countries, read on the first call."""
        if self._found is None:
            doc = self._doc
            found = document_countries(doc.text, doc.layer, doc.entities) if doc.layer else []
            self._found = tuple(found)
        return self._found

    def __len__(self) -> int:
        return len(self.read())

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self.read()[index]


class _Context:
    """What reading places asks of the whole article: its countries, read once."""

    def __init__(self, doc: Document) -> None:
        self.lazy_countries = _Countries(doc)

    @property
    def countries(self) -> tuple[str, ...]:
        return self.lazy_countries.read()

    def place(self, phrase: str) -> tuple[str, Resolved] | None:
        """The place a phrase names and the part of it the phrase names ("" for all of it:
        شرق غزة is the east of Gaza, شمال سيناء the province), or None when unknown."""
        found = resolve(phrase, context_countries=self.countries)
        words = _normal(phrase).split()
        if found is None or len(words) < 2 or _bare(words[0]) not in _PARTS:
            return None if found is None else ("", found)
        whole = resolve(" ".join(words[1:]), context_countries=self.countries)
        if whole is not None and whole.place.id == found.place.id:
            return _bare(words[0]), found
        return "", found


_PARTS: Final = frozenset(
    normalize(w)
    for w in (
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "وسط",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        "ريف",
        "قرب",
        "محيط",
        "أطراف",
        "ضواحي",
        "أحياء",
        "مشارف",
    )
)


def _bare(word: str) -> str:
    """A word less the proclitic of a place phrase (في، ب، و): بريف، وشمال."""
    for clitic in ("وب", "وفي", "و", "ب", "ل"):
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            rest = word[len(clitic) :]
            if rest in _PARTS:
                return rest
    return word


def _same_event(first: _Mention, second: _Mention, context: _Context) -> str | None:
    """Why a later mention reports the same event as an earlier one of the article, or
    None when it reports another.

    Same type and flags, no conflict in mode, date, place or actor, and across sentences
    targets that can be the same: an article's lead and its later paragraphs usually report
    one event more than once, each time with some fields missing. Told at one place on one
    day by the same actor, two mentions are one event whatever their targets: ACLED's unit
    is the type, the place and the day.
    """
    if first.trigger.event_type != second.trigger.event_type:
        return None
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
        and (same_sentence or not _same_casualties(first, second))
    ):
        # two sources tell one strike's weapon apart (غارة إسرائيلية، أطلق 3 صواريخ
        # موجهة) but not its dead and wounded, counted alike
        return None
    if (first.negated, first.future, first.hypothetical) != (
        second.negated,
        second.future,
        second.hypothetical,
    ):
        return None
    if first.date and second.date and first.date.value != second.date.value:
        return None
    same_toll = _same_toll(first, second)
    place = _same_place(first.location, second.location, context)
    if place is None and same_toll and _loosely_alike(first, second, context):
        place = _WITHIN  # the headline's «وسط السودان» and the lead's village, one toll
    if (
        place is None
        and same_toll
        and first.date
        and second.date
        and _unknown_place(first, second, context)
    ):
        # a locality the gazetteer lacks (منطقة بيت معصار) and the town, the same dead
        # the same day: one attack told again
        place = _WITHIN
    if place is None or not _compatible(first.actor, second.actor):
        return None
    if place == _WITHIN and _tolls_differ(first, second):
        # a province's dead and a town's: a total over the town's and others', or another
        # event of the province
        return None
    if place == _WITHIN and (first.date is None) != (second.date is None) and not same_toll:
        # a region's event of a day the text gives, and a town's it does not date: the
        # West Bank's arrests of yesterday are not today's in one of its towns
        return None
    if _swapped(first, second) or _swapped(second, first):
        return None
    if one_protest:
        # what they protest (احتجاجا على زيارة بوش) and where (أمام مقر النقابة) are
        # read as targets of different triggers of the one protest
        return "one protest told by its acts in one sentence"
    # In one sentence, an attack and the casualties it caused (قتل ثلاثة جنود وأصيب خمسة في
    # هجوم شنه مسلحون) are one event; otherwise different targets are different events
    # (اقتحموا منزل X وقتلوا Y: two assaults).
    if same_sentence and (_casualties(first) or _casualties(second)):
        return "an attack and its casualties in one sentence"
    if _compatible_targets(first.target, second.target) or _by_its_town(first, second):
        return "the same event told again" if not same_sentence else "one sentence"
    if same_toll or (not same_sentence and _same_casualties(first, second)):
        return "the same toll told again"
    if not same_sentence and _placed_alike(first, second):
        return "same type, place and day (ACLED's unit)"
    return None


def _by_its_town(first: _Mention, second: _Mention) -> bool:
    """Whether one mention names the act by the town it took place in (تفجير المقدادية),
    the other's town: no other target to tell them apart."""
    return any(
        one.location is not None
        and other.target is not None
        and other.location is not None
        and other.location.reason == _TOWN_ATTACKED
        and _normal(other.target.text) == _normal(one.location.text).removeprefix("مدينه ")
        for one, other in ((first, second), (second, first))
    )


def _unknown_place(first: _Mention, second: _Mention, context: _Context) -> bool:
    """Whether the gazetteer knows one of two mentions' places and not the other."""
    if first.location is None or second.location is None:
        return False
    one, other = context.place(first.location.text), context.place(second.location.text)
    return (one is None) != (other is None)


def _tolls_differ(first: _Mention, second: _Mention) -> bool:
    mine = {c.value for c in first.counts if c.kind == "killed"}
    theirs = {c.value for c in second.counts if c.kind == "killed"}
    return bool(mine and theirs) and not mine & theirs


def _same_toll(first: _Mention, second: _Mention) -> bool:
    """Whether two mentions give the same number of dead (or, with none, of wounded) of
    more than one: «قتل سبعة جنود» in the lead and «سبعة جنود قتلوا» in a later paragraph
    report one attack, whatever each calls its target."""
    for kind in ("killed", "injured"):
        mine = {c.value for c in first.counts if c.kind == kind}
        theirs = {c.value for c in second.counts if c.kind == kind}
        if mine and theirs:
            return bool(mine & theirs) and max(mine & theirs) > 1
    return False


def _same_casualties(first: _Mention, second: _Mention) -> bool:
    """Whether two mentions give the same dead and the same wounded, both told and more
    than one person in all: «استشهد شخص وجرح 7» told again (استشهاد محمد، وإصابة 7)."""
    tolls = []
    for mention in (first, second):
        killed = {c.value for c in mention.counts if c.kind == "killed"}
        injured = {c.value for c in mention.counts if c.kind == "injured"}
        if len(killed) != 1 or len(injured) != 1:
            return False
        tolls.append((killed.pop(), injured.pop()))
    return tolls[0] == tolls[1] and sum(tolls[0]) > 1


def _compatible_targets(first: Argument | None, second: Argument | None) -> bool:
    """Targets that can be one: ``_compatible``, or one refers back to the others already
    counted (قتل 7 جنود وأصيب آخرون: آخرين is no new party)."""
    if first is not None and _normal(first.text) in _OTHERS:
        return True
    if second is not None and _normal(second.text) in _OTHERS:
        return True
    return _compatible(first, second)


_OTHERS: Final = frozenset(
    normalize(w) for w in ("آخرون", "آخرين", "الآخرين", "أخرى", "آخر", "آخرتين", "آخران")
)


def _placed_alike(first: _Mention, second: _Mention) -> bool:
    """Whether both mentions name where and both when it happened, alike (checked by
    ``_same_event``): then nothing but a target tells them apart."""
    return (
        first.location is not None
        and second.location is not None
        and first.date is not None
        and second.date is not None
    )


def _affinity(first: _Mention, second: _Mention) -> int:
    """How strongly the text ties a mention to an earlier event it can be: a shared target,
    an identical toll, the same place phrase and day. The strongest tie is taken, so that
    a paragraph about the second of two attacks joins the second."""
    score = 0
    if (
        first.target is not None
        and second.target is not None
        and _content_words(first.target) & _content_words(second.target)
    ):
        score += 3
    tolls = {(c.kind, c.value) for c in first.counts if c.kind in ("killed", "injured")}
    if any((c.kind, c.value) in tolls for c in second.counts):
        score += 2
    if (
        first.location is not None
        and second.location is not None
        and _normal(first.location.text) == _normal(second.location.text)
    ):
        score += 1
    if first.date is not None and second.date is not None:
        score += 1
    if first.actor is not None and second.actor is not None:
        score += 1
    return score


# Modes that say more of the same act: a drone strike is an air strike, a curfew a measure
# of the state of emergency it is declared with. Mentions in these two modes can be one
# event, coded by the finer one. Not suicide attacks and explosives:
# mines and car bombs met with suicide attacks are two ways of fighting (the seed article).
_REFINES: Final = {"drone": "aerial", "curfew": "martial-law"}
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


def _finer(place: Location | None, than: Location, countries: Sequence[str] = ()) -> bool:
    """Whether ``place`` names where an event happened more precisely than ``than``: a
    town over its region or country, by the gazetteer's ACLED precision, each name read
    as of the article's ``countries`` (بلدة موب, Mubi of Nigeria)."""
    if place is None:
        return False
    mine = resolve(place.text, context_countries=countries)
    theirs = resolve(than.text, context_countries=countries)
    if mine is None:
        return False
    if theirs is None or mine.precision != theirs.precision:
        return theirs is None or mine.precision < theirs.precision
    # a province over a part of its country (ولاية الجزيرة، وسط السودان)
    return _size(mine.place.kind) < _size(theirs.place.kind)


def _casualties(mention: _Mention) -> bool:
    """Whether a mention only counts the dead and wounded of an event (مقتل 15 شخصا)."""
    return bool(mention.counts) and all(
        c.kind in ("killed", "injured", "casualties") for c in mention.counts
    )


def _merge(into: _Mention, reason: str, other: _Mention, countries: Sequence[str] = ()) -> None:
    # the first evidence joins for this reason; the others keep why they joined it
    into.evidence.extend(
        e if e.joined and i else replace(e, joined=reason) for i, e in enumerate(other.evidence)
    )
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
        and not other.trigger.passive  # واصيب ثالث: its subject is a victim too
        and other.target is not None
        and not _refers_back(other.target)
    ):
        into.target = other.target  # what was attacked, not the count of its victims
    into.actor = into.actor or other.actor
    into.target = into.target or other.target
    if into.location is None or _finer(other.location, into.location, countries):
        into.location = other.location  # the headline's قطاع غزة, the lead's خان يونس
    into.attribution = into.attribution or other.attribution
    into.date = into.date or other.date
    into.carried_date = into.carried_date or other.carried_date
    # a revised toll (ارتفعت الحصيلة إلى 20) replaces the figure of its kind, and so does
    # the body's figure a headline's (5 قتلى في اشتباكات وانفجار sums two events the body
    # tells apart); a claim (قال التنظيم إنه قتل 30) leaves room for the sourced figure
    revised = {count.kind for count in other.counts if count.revised}
    if into.shared_counts and not other.shared_counts and not other.headline_counts:
        # the town's own figures over the total of the list it was told in
        revised |= {count.kind for count in other.counts if not count.claimed}
        into.shared_counts = not revised
    if not other.headline_counts and other.counts:
        if into.headline_counts:
            # not a headline's revised toll (ارتفاع حصيلة القتلى إلى 50) by the first one
            kept = {count.kind for count in into.counts if count.revised}
            revised |= {c.kind for c in other.counts if not c.claimed and c.kind not in kept}
        into.headline_counts = False  # its counts are the body's from here on
    into.counts[:] = [count for count in into.counts if count.kind not in revised]
    known = {count.kind for count in into.counts if not count.claimed}
    added = [count for count in other.counts if count.kind not in known]
    into.counts.extend(added)
    into.shared_counts = into.shared_counts or (bool(added) and other.shared_counts)


_BODY_STARTED: Final = re.compile(r"[.!?؟]\s*\n")


def _is_headline(text: str, sentence: Span) -> bool:
    """Whether a sentence is a headline: a short line of its own with no closing
    punctuation, before any sentence of the body has ended."""
    line = text[sentence.start : sentence.end].rstrip()
    after = text[sentence.end : sentence.end + 2]
    return (
        bool(line)
        and line[-1] not in '.!?؟:،,»"”'
        and (not after or "\n" in after)
        and len(line.split()) <= _HEADLINE_WORDS
        and _BODY_STARTED.search(text, 0, sentence.start) is None
    )


_HEADLINE_WORDS = 16  # a longer line without a full stop is a lead cut short


def _may_revise(layer: TextLayer, sentence: Span) -> bool:
    """Whether a sentence has a toll word a revision needs (عدد، حصيلة): most sentences
    that tell no event are read no further."""
    start = to_normalized_offset(layer, sentence.start)
    end = to_normalized_offset(layer, sentence.end)
    told = layer.normalized[start:end]
    return "عدد" in told or "حصيل" in told


def _revise(mentions: Sequence[_Mention], counts: Sequence[Count]) -> None:
    """A sentence that tells no event but revises a toll (وارتفعت حصيلة القتلى إلى 9): the
    new figure replaces that of the event told last with a figure of its kind."""
    for count in counts:
        if not count.revised or count.claimed:
            continue
        told = [m for m in mentions if any(c.kind == count.kind for c in m.counts)]
        if told:
            last = max(told, key=lambda m: m.evidence[-1].sentence_start)
            last.counts[:] = [c for c in last.counts if c.kind != count.kind] + [count]


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
    for verb in ("خرج", "تظاهر", "احتشد", "تجمع", "تجمهر", "اعتصم", "شارك", "سار", "تدفق")
    for ending in ("", "ت", "وا")
    for prefix in ("", "و", "ف")
)


def _crowd_turned_out(text: str, layer: TextLayer, sentence: Span, trigger: Trigger) -> bool:
    """Whether a PROTEST candidate the sentence model turned down opens with a crowd that
    turned out, counted, in the past and affirmed: «خرج آلاف المتظاهرين إلى شوارع
    الخرطوم أمس», or is such a verb with its crowd counted in words (تجمهر عدد محدود في
    الوقفة). The model learnt from 44 protests and misses plain reports like it."""
    counted = any(
        count.kind == "participants"
        and _normal(text[count.start : count.end]).split(" ", 1)[0] in _TURNED_OUT
        for count in find_counts(text, layer, sentence)
    )
    if not counted and not trigger.nominal and _normal(trigger.text) in _TURNED_OUT:
        end = to_normalized_offset(layer, trigger.end)
        after = layer.normalized[end : end + 20].split(" ", 2)
        counted = len(after) > 1 and after[1] in QUANTITY_WORDS
    if not counted:
        return False
    flags = event_flags(text, layer, sentence, Span(trigger.start, trigger.end))
    return not (flags.negated or flags.future or flags.hypothetical)


# The nouns of a protest (احتجاجات، مظاهرة، اعتصام، إضراب). The singular احتجاج is also an
# objection (إثر احتجاج اللاعبين على الحكم), so the plural only.
_PROTEST_NOUN: Final = re.compile(
    r"^[وف]?(?P<article>[بل]?ال|لل)?[بل]?(?:تظاهره|تظاهرات|مظاهره|مظاهرات|احتجاجات|اعتصام|"
    r"اعتصامات|اضراب|اضرابات|وقفه|وقفات)$"
)


def _variants(words: str) -> frozenset[str]:
    return frozenset(
        prefix + normalize(word) for word in words.split() for prefix in ("", "و", "ف")
    )


# Verbs and nouns before a protest noun that assert it took place: a place saw it (شهدت
# المدينة احتجاجات), it broke out, came back or grew (اندلعت، تجددت، تصاعد).
_TOOK_PLACE: Final = _variants(
    "شهد شهدت تشهد يشهد شهدتا اندلع اندلعت اندلاع تجدد تجددت تجدد تصاعد تصاعدت عم عمت"
)
# Words after which a protest named afresh (indefinite) happened before or around what
# the sentence reports: بعد احتجاجات في المدينة أمس، وسط احتجاجات عنيفة.
_AROUND: Final = _variants("بعد إثر اثر عقب جراء وسط")
# Words that make the protest after them called for, planned, prevented or background
# (دعوات للمشاركة في احتجاجات، تعتزم تنظيم اعتصام، منذ بدء الاحتجاجات، ذكرى المظاهرات).
_NOT_TAKEN_PLACE: Final = _variants(
    "دعا دعت دعوا يدعو تدعو يدعون دعوة دعوات الدعوة الدعوات للمشاركة المشاركة بالمشاركة "
    "يعتزم تعتزم يعتزمون تنوي ينوي ينوون المقرر مقرر المزمع مزمع المرتقب المرتقبة "
    "مرتقبة يستعد تستعد يستعدون للتحضير التحضير تحضيرا لتنظيم تنظيم حظر منع لمنع "
    "يمنع تمنع منذ بدء بداية ذكرى الذكرى سابقة السابقة لتهدئة تهدئة لقمع الذي التي "
    "الذين اللتين اللذين"
)
# A protest named after بعد or وسط is one of its own when the clause places or dates it
# (بعد احتجاجات في المدينة أمس), not the protest of the sentence's story told again.
_WHERE_OR_WHEN_AFTER: Final = re.compile(
    r"[^.،,؛:!?]{0,40}?(?<!\S)(?:في|امس|اليوم|يوم|مساء|صباح|ليل|ليله)(?!\S)"
)
_ASSERTION_WINDOW: Final = 5  # words before a protest noun where its verb, a call or a plan stand
_BACKGROUND_AFTER: Final = re.compile(r"[^.،,؛:!?]{0,40}?(?<!\S)(?:منذ|ذكري|ذكرى|قبل)(?!\S)")


def _protest_took_place(text: str, layer: TextLayer, sentence: Span, trigger: Trigger) -> bool:
    """Whether a protest noun the sentence model turned down stands where the sentence
    asserts the protest happened (شهدت المدينة احتجاجات، اندلعت مظاهرات، بعد احتجاجات في
    المدينة أمس), not called for, planned, prevented or background, and affirmed."""
    noun = _PROTEST_NOUN.match(_normal(trigger.text.split(" ", 1)[0]))
    if noun is None:
        return False
    start = to_normalized_offset(layer, trigger.start)
    sentence_start = to_normalized_offset(layer, sentence.start)
    clause = _CLAUSE_BREAK.split(layer.normalized[sentence_start:start])[-1].split()
    if not clause:
        return False
    indefinite = noun.group("article") is None
    end = to_normalized_offset(layer, trigger.end)
    around = (
        indefinite
        and clause[-1] in _AROUND
        and _WHERE_OR_WHEN_AFTER.match(layer.normalized, end, end + 60) is not None
    )
    # the verb may have its subject and a day between (شهدت مدينة صفاقس أمس احتجاجات)
    seen = not _TOOK_PLACE.isdisjoint(clause[-_ASSERTION_WINDOW:])
    if not (seen or around):
        return False
    if not _NOT_TAKEN_PLACE.isdisjoint(clause[-_ASSERTION_WINDOW:]):
        return False
    if _BACKGROUND_AFTER.match(layer.normalized, end, end + 60):
        return False
    flags = event_flags(text, layer, sentence, Span(trigger.start, trigger.end))
    return not (flags.negated or flags.future or flags.hypothetical)


# Deaths that are no violence: accidents, disasters, disease.
_NOT_VIOLENCE: Final = tuple(
    normalize(word)
    for word in (
        "حادث",
        "حوادث",
        "السير",
        "مروري",
        "غرق",
        "زلزال",
        "الزلزال",
        "فيضان",
        "فيضانات",
        "سيول",
        "السيول",
        "انهيار",
        "وباء",
        "الوباء",
        "كورونا",
        "الكوليرا",
        "مرض",
        "تسمم",
        "إعصار",
        "عاصفة",
        "صاعقة",
        "الحر",
    )
)
_BACKGROUND: Final = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|(?<!\S)منذ(?!\S)")
_TOLL_NEAR = 60  # characters between a killing word and the dead it counts
_TOLL_MOST = 1000  # dead of one attack; more is a war's running total


_LEAD_SENTENCES = 5  # the headline, and the lead that tells the news (after page furniture)


def _in_the_lead(doc: Document, sentence: Span) -> bool:
    """Whether a sentence is an article's headline or lead: what the news is. A sentence
    read alone has no lead, and the deaths it mentions may be any story's background."""
    sentences = doc.sentences
    return len(sentences) > 1 and any(
        s.start == sentence.start for s in sentences[:_LEAD_SENTENCES]
    )


def _deaths_told(text: str, layer: TextLayer, sentence: Span, trigger: Trigger) -> bool:
    """Whether an ASSAULT candidate the sentence model turned down counts people killed,
    in the past and affirmed: «أسفرت عن مقتل أكثر من 100 مدني»، «عقب مقتل شخصين في
    احتجاجات». Told in an article's lead, such deaths are its news, and ACLED codes every
    reported killing; the model learnt from sentences read alone, whose annotators turn
    down killings told inside accusations, reports and recollections. Deaths in an
    accident, a disaster or an epidemic are no attack, nor a war's running total, nor
    what a relative clause recalls (الهجوم الذي أسفر عن مقتل 15)."""
    if trigger.event_type != "ASSAULT":
        return False
    killed = [
        count
        for count in find_counts(text, layer, sentence)
        if count.kind == "killed"
        and count.value < _TOLL_MOST
        and min(abs(count.start - trigger.end), abs(trigger.start - count.end)) <= _TOLL_NEAR
    ]
    if not killed:
        return False
    start = to_normalized_offset(layer, sentence.start)
    end = to_normalized_offset(layer, sentence.end)
    told = layer.normalized[start:end]
    words = set(told.split())
    if any(word.removeprefix("ال") in words or word in words for word in _NOT_VIOLENCE):
        return False
    if _BACKGROUND.search(told):
        return False  # a year, a running total: what the news recalls, not what it reports
    at = to_normalized_offset(layer, trigger.start)
    if set(layer.normalized[max(start, at - 40) : at].split()) & _RELATIVES:
        return False  # «الهجوم الذي أسفر عن مقتل 15»: an event the sentence refers to
    flags = event_flags(text, layer, sentence, Span(trigger.start, trigger.end))
    return not (flags.negated or flags.future or flags.hypothetical)


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


def _dispersed(text: str, sentence: Span, trigger: Trigger) -> Argument | None:
    """The protesters a crowd-control event disperses: the participant noun of the trigger
    (وفرقت الشرطة المتظاهرين، لتفريق المحتجين), else the first of its sentence (أطلقت
    الغاز المسيل للدموع على المحتجين). ACLED codes them as the target."""
    return _first_participants(text, trigger.start, trigger.end) or _first_participants(
        text, sentence.start, sentence.end
    )


def _first_participants(text: str, start: int, end: int) -> Argument | None:
    """The first participant noun between ``start`` and ``end``, less its proclitics."""
    for word in _WORD.finditer(text, start, end):
        skip = participant_span(word.group())
        if skip is not None:
            return Argument(word.start() + skip, word.end(), word.group()[skip:])
    return None


def _in_trigger_object(argument: Argument, trigger: Trigger) -> bool:
    """Whether an argument overlaps the trigger's last word: the object of a pattern with
    a gap (علقت إسرائيل عملياتها، أطلق مسلحون النار) or the trigger itself, never a
    party to the event. The gap's subject (لقي ثلاثة جنود حتفهم) may be one."""
    last = trigger.start + trigger.text.rfind(" ") + 1
    return argument.start < trigger.end and argument.end > last


def _subject_in_trigger(text: str, argument: Argument, trigger: Trigger) -> bool:
    """Whether the argument is the subject a verb's pattern names as its last word
    (تراجعت القوات إلى المطار: the forces fell back), a generic agent of the tables."""
    if trigger.nominal or trigger.passive:
        return False
    last = trigger.start + trigger.text.rfind(" ") + 1
    if argument.start != last:
        return False
    word = normalize(text[last : trigger.end])
    word = word[2:] if word.startswith("ال") else word
    agents = tables().agents
    return agents.match((word,), 0) is not None or agents.match(("ال" + word,), 0) is not None


def _read_sentence(
    doc: Document,
    layer: TextLayer,
    tokens: Tokens,
    sentence: Span,
    previous: Span | None,
    published: datetime.date | None,
    detector: Detector | None,
    countries: Sequence[str] = (),
) -> list[_Mention]:
    text = doc.text
    entities: Sequence[Entity] = doc.entities

    def rescue(trigger: Trigger) -> bool:
        if trigger.event_type == "PROTEST":
            return _crowd_turned_out(text, layer, sentence, trigger) or _protest_took_place(
                text, layer, sentence, trigger
            )
        if armed_attack(text, layer, tokens, sentence, trigger, entities):
            return True
        return _in_the_lead(doc, sentence) and _deaths_told(text, layer, sentence, trigger)

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
        if not is_future(date, published) and not _period_of_a_total(text, date)
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
    candidates: list[Trigger] = []

    def words_of_acts() -> list[Trigger]:
        # the lexicon's words of acts, read the first time a relative clause needs them
        if not candidates:
            candidates.extend(find_triggers(text, layer, tokens, sentence) or triggers)
        return candidates

    names = [Span(e.start, e.end) for e in entities if e.label == "PER"]
    counts = find_counts(text, layer, sentence, names)
    attribution = find_attribution(text, layer, sentence, entities, before=previous)
    mentions: list[_Mention] = []
    moved: dict[tuple[str, Location | None], Location | None] = {}
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
        if (
            actor is not None
            and _in_trigger_object(actor, trigger)
            and not _subject_in_trigger(text, actor, trigger)
        ):
            actor = None  # أخلي سبيل ريكاردي، إطلاق سراحهما: the idiom's own word acts not
        if trigger.event_type == "PROTEST" and trigger.nominal:
            actor = _protesters(trigger) or actor  # وسار المتظاهرون: they are who protests
        if trigger.mode == "crowd-control" and target is None:
            target = _dispersed(text, sentence, trigger)
        flags = event_flags(text, layer, sentence, trigger_span)
        location = find_location(text, layer, tokens, sentence, trigger_span, entities, countries)
        mention = _Mention(
            trigger=trigger,
            sentence=sentence,
            actor=actor,
            target=target,
            location=_in_headline(
                doc, sentence, _town_attacked(text, trigger, target, location, countries)
            ),
            date=_nearest(_its_dates(text, dates, trigger, words_of_acts), trigger),
            counts=_counts_for(counts, trigger, triggers),
            attribution=attribution,
            negated=flags.negated,
            hypothetical=flags.hypothetical,
            future=flags.future,
            mode=trigger.mode,
            lasting=_lasting(layer, trigger),
        )
        mention.continuation = _continues_a_protest(mention) and not _counted(layer, trigger)
        told_at = mention.location
        _part_at_a_town(text, mention, countries)
        if mention.location is not told_at:
            moved[(trigger.event_type, told_at)] = mention.location
        mention.headline_counts = bool(mention.counts) and _is_headline(text, sentence)
        mention.evidence.append(
            Evidence(sentence.start, sentence.end, trigger.start, trigger.end, trigger.text)
        )
        mentions.append(mention)
    for mention in mentions:
        # the sentence's other words of an act moved to the town of its toll's part
        mention.location = moved.get(
            (mention.trigger.event_type, mention.location), mention.location
        )
    _leave_the_next_acts_place(mentions)
    if any(m.trigger.event_type in _BY_PLACE and m.location is not None for m in mentions):
        mentions = _by_place(text, mentions, place_lists(text, tokens, sentence), countries)
    return mentions


def _leave_the_next_acts_place(mentions: Sequence[_Mention]) -> None:
    """Take from a mention the place named after it when another act of its kind is told
    between them, and found the same place: the place is that act's (وجاء إطلاق سراح
    الثلاثة بعيد إطلاق سراح هدية في مصر: Egypt is where Hadia was freed). The first is
    placed by the article's account instead."""
    for mention in mentions:
        place = mention.location
        if place is None or place.start < mention.trigger.end or mention.mode is None:
            continue
        if mention.trigger.event_type in _BY_PLACE:
            continue  # strikes and their tolls told of places are read by ``_by_place``
        if any(
            other is not mention
            and other.trigger.event_type == mention.trigger.event_type
            and other.mode == mention.mode
            and mention.trigger.end <= other.trigger.start < place.start
            and other.location is not None
            and (other.location.start, other.location.end) == (place.start, place.end)
            for other in mentions
        ):
            mention.location = None


# The types ACLED codes an event of in each place an act is told of.
_BY_PLACE: Final = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# characters from a count to the place it is given for (5 مدنيين بينهم نساء وأطفال في B)
_TOLL_REACH: Final = 48


def _by_place(
    text: str,
    mentions: list[_Mention],
    lists: Sequence[PlaceList],
    countries: Sequence[str] = (),
) -> list[_Mention]:
    """The mentions of a sentence with one event in each place of a list the act is told
    of: «قصف الجيش بلدات A وB وC» is three attacks, «قتل 5 في A و4 في B» two with their
    tolls. The first place keeps the mentions that name any place of the list; each other
    place takes a copy of the first of them of each type, with the tolls given for it. A
    village the gazetteer lacks is placed by the place the list says it lies in (ACLED
    codes it at the nearest place it can), and a list of provinces or countries is told
    as a summary of what happened there: no event of its own in each."""
    copies: dict[int, list[_Mention]] = {}
    for spans, members, places in _acts_by_list(lists, countries):
        users = [
            m
            for m in mentions
            if m.trigger.event_type in _BY_PLACE
            and m.location is not None
            and any(m.location.start < span.end and m.location.end > span.start for span in spans)
        ]
        for mention in users:
            mention.location = places[0]
        for event_type in dict.fromkeys(m.trigger.event_type for m in users):
            # the act the list is told of, by the first word of it that tells the act and
            # who did it (ونشرت لقطات من التظاهرات ...، كما تظاهر مصريون في A وB), else the
            # first; «ردد المتظاهرون» goes on with a protest, no act of its own
            told = [m for m in users if m.trigger.event_type == event_type]
            source = next((m for m in told if m.actor and not m.continuation), told[0])
            # the sentence's tolls of the act, whichever of its words each was read with
            # and wherever it was placed (ففي محافظة ديالى انفجرت سيارتان في A وB مما أدى إلى
            # مقتل تسعة)
            typed = [m for m in mentions if m.trigger.event_type == event_type]
            tolls = _tolls_by_place(text, [c for m in typed for c in m.counts], members, places)
            if tolls:
                for mention in typed:
                    mention.counts = []
            parts = [
                replace(
                    source,
                    location=place,
                    counts=tolls.get(index, []),
                    evidence=list(source.evidence),
                )
                for index, place in enumerate(places[1:], start=1)
            ]
            if tolls:
                source.counts = tolls.get(0, [])
            for mention in typed:
                mention.shared_counts = not tolls and bool(mention.counts)
            copies.setdefault(id(source), []).extend(parts)
    if not copies:
        return mentions
    return [part for m in mentions for part in (m, *copies.get(id(m), ()))]


def _acts_by_list(
    lists: Sequence[PlaceList], countries: Sequence[str]
) -> list[tuple[list[Span], Sequence[Location], list[Location]]]:
    """A sentence's lists of towns an act is told of, each with its members and places, and
    the spans that name them: its own, and those of a later list of the same places (استهدف
    A وB وC ... مقتل 5 في B، و3 في A وقتيلين في C: the second list tells the tolls of the
    first's strikes, no act of its own)."""
    acts: list[tuple[list[Span], Sequence[Location], list[Location]]] = []
    for found in lists:
        places = _near_listed(
            [
                _where(member, parent)
                for member, parent in zip(found.members, found.parents, strict=True)
            ],
            countries,
        )
        if sum(not _coarse(place) for place in places) < 2:
            continue
        names = {_place_words(place.text) for place in places}
        told = next(
            (act for act in acts if names <= {_place_words(p.text) for p in (*act[1], *act[2])}),
            None,
        )
        if told is not None:
            told[0].append(found.span)
        else:
            acts.append(([found.span], found.members, places))
    return acts


def _period_of_a_total(text: str, date: EventDate) -> bool:
    """Whether a week, month or year closes a count right before it (أعمال عنف أوقعت نحو
    150 قتيلا هذا الشهر): the period of a total, no day of the events told with it."""
    if date.precision not in ("week", "month", "year") or date.start is None:
        return False
    return _COUNTED_BEFORE.search(text, max(0, date.start - 40), date.start) is not None


_COUNTED_BEFORE: Final = re.compile(r"\d+ \w+ $")


def _part_at_a_town(text: str, mention: _Mention, countries: Sequence[str]) -> None:
    """A toll over a region told with the part of it at one town (15 فلسطينيا استشهدوا في
    وسط القطاع بينهم 10 في محيط مدرسة في مخيم النصيرات): the event is the town's, with the
    town's dead; the others are those of strikes the article tells elsewhere."""
    killed = [count for count in mention.counts if count.kind == "killed"]
    location = mention.location
    if len(killed) != 1 or location is None:
        return
    part = _PART_AT.search(text, killed[0].end, mention.sentence.end)
    if part is None or not 0 < int(part.group(1)) < killed[0].value:
        return
    if not (location.reason or "").startswith(ARTICLES_TOWN):
        found = resolve(location.text, context_countries=countries)
        if found is not None and found.precision == TOWN:
            return  # the toll is a town's already
    end = min(part.end() + _TOLL_REACH, mention.sentence.end)
    for words in _NEXT_WORDS.finditer(text, part.end(), end):
        for stop in (2, 1):
            if not words.group(stop):
                continue
            name = text[words.start(1) : words.end(stop)]
            if not is_place(name):
                continue
            found = resolve(name, context_countries=countries)
            if found is None or found.precision != TOWN or found.how is not None:
                continue
            mention.location = Location(words.start(1), words.end(stop), name, reason=_PART_TOLD_AT)
            mention.counts = [
                replace(
                    killed[0],
                    value=int(part.group(1)),
                    start=part.start(1),
                    end=part.end(1),
                    text=part.group(1),
                    qualifier="exactly",
                    qualifier_start=None,
                    qualifier_end=None,
                )
                if count is killed[0]
                else count
                for count in mention.counts
            ]
            return


_PART_AT: Final = re.compile(r"(?:بينهم|منهم) (\d+) (?:في|ب)")
_PART_TOLD_AT: Final = "the town a part of the toll is told at"


def _town_attacked(
    text: str,
    trigger: Trigger,
    target: Argument | None,
    location: Location | None,
    countries: Sequence[str],
) -> Location | None:
    """Where an act told by its noun took place when the noun names the town (تفجير
    المقدادية، أما تفجير بعقوبة فخلف قتيلين): the town, over no place or one the sentence
    does not name (the article's town or country)."""
    if not trigger.nominal or (location is not None and location.reason not in _ARTICLES_PLACES):
        return location
    if target is not None and 0 <= target.start - trigger.end <= 1:
        names = [(target.start, target.end)]
    else:
        # the one or two words right after the noun, the longer name first
        words = _NEXT_WORDS.match(text, trigger.end)
        if words is None:
            return location
        names = [(words.start(1), words.end(w)) for w in (2, 1) if words.group(w)]
    for start, end in names:
        if not is_place(text[start:end]):
            continue  # most words after an act's noun name no place
        found = resolve(text[start:end], context_countries=countries)
        if found is not None and found.precision == TOWN and found.how is None:
            return Location(start, end, text[start:end], reason=_TOWN_ATTACKED)
    return location


_NEXT_WORDS: Final = re.compile(r" (\w+)( \w+)?")
_ARTICLES_PLACES: Final = frozenset((ARTICLES_TOWN, ARTICLES_COUNTRY))
_TOWN_ATTACKED: Final = "the town the act's noun names"


def _where(member: Location, parent: Location | None) -> Location:
    """A list member's place: itself, or the place it lies in when the gazetteer lacks it."""
    if parent is None or is_place(member.text):
        return replace(member, reason=_LISTED)
    return replace(parent, reason=f"where the list puts {member.text}, a place the gazetteer lacks")


_LISTED: Final = "one of the places the sentence tells the act of"


def _near_listed(places: list[Location], countries: Sequence[str]) -> list[Location]:
    """The places of a list, a village the gazetteer lacks placed near the town listed
    closest to it (استهدف كفرزيتا واللطامنة: the villages struck together are neighbours;
    ACLED codes a village it cannot find at the nearest place it can, precision 2)."""
    grounded = [ground_location(place, countries) for place in places]
    towns = [
        index
        for index, place in enumerate(grounded)
        if place.gazetteer_id is not None and place.precision == TOWN
    ]
    if not towns or len(towns) == len(places):
        return places
    near: list[Location] = []
    for index, place in enumerate(places):
        if grounded[index].gazetteer_id is not None:
            near.append(place)
            continue
        town = grounded[min(towns, key=lambda at: (abs(at - index), at))]
        near.append(
            replace(
                place,
                name_ar=town.name_ar,
                name_en=town.name_en,
                lat=town.lat,
                lon=town.lon,
                country=town.country,
                admin1=town.admin1,
                gazetteer_id=town.gazetteer_id,
                precision=NEAR,
                reason=f"{place.reason}; a village the gazetteer lacks, placed at "
                f"{town.text}, listed with it",
            )
        )
    return near


def _coarse(place: Location) -> bool:
    """Whether a place is a province or a country (محافظتي ديالى ونينوى)."""
    found = resolve(place.text)
    return found is not None and found.place.kind in ("country", "admin1")


def _tolls_by_place(
    text: str, counts: Sequence[Count], members: Sequence[Location], places: Sequence[Location]
) -> dict[int, list[Count]]:
    """The counts given each for one place of a list, by the index of the place: the one
    place the text names after a count and before the next one (قتل 5 في A و4 في B;
    استهدف A وB وC ... لترتفع الحصيلة إلى 5 مدنيين بينهم أطفال في مدينة B، و4 في A وقتيلين
    في C). Empty when they are not all so given: a total stays with the first place."""
    # a member by its name or by the place it lies in (تقوع في بيت لحم)
    names = [
        {_place_words(member.text), _place_words(place.text)} - {()}
        for member, place in zip(members, places, strict=True)
    ]
    ordered = sorted(counts, key=lambda count: count.start)
    owners: dict[int, list[Count]] = {}
    for at, count in enumerate(ordered):
        end = count.end + _TOLL_REACH
        if at + 1 < len(ordered):
            end = min(end, ordered[at + 1].start)
        words = _place_words(text[count.end : max(end, count.end)])
        named = {index for index, known in enumerate(names) if any(_holds(words, n) for n in known)}
        if len(named) != 1:
            return {}
        owners.setdefault(named.pop(), []).append(count)
    return owners


def _place_words(phrase: str) -> tuple[str, ...]:
    """A place phrase's words, less the prepositions before them and the words that head
    a place (في مدينة كفرزيتا: كفرزيتا)."""
    words = []
    for word in _LETTERS.findall(_normal(phrase)):
        for clitic in ("وب", "وفي", "و", "ب"):
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic) :]
                break
        if word not in _PLACE_HEADS:
            words.append(word)
    return tuple(words)


_LETTERS: Final = re.compile(r"\w+")


def _holds(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    return any(words[at : at + len(name)] == name for at in range(len(words) - len(name) + 1))


_PLACE_HEADS: Final = frozenset(
    normalize(word)
    for word in ("في", "مدينة", "بلدة", "قرية", "مخيم", "حي", "منطقة", "ضاحية", "ناحية")
)


def _in_headline(doc: Document, sentence: Span, location: Location | None) -> Location | None:
    """``location``, its reason "from the headline" when its sentence is the headline."""
    if location is None or location.reason is None or len(doc.sentences) < 2:
        return location
    if sentence != doc.sentences[0] or not _is_headline(doc.text, sentence):
        return location
    return replace(location, reason=FROM_HEADLINE)


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
    date = mention.date or mention.carried_date or (None if lasted else _default_date(published))
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
    context = _Context(doc)
    # the article's countries, where its place names are read (grounding reads them again
    # with the actors' countries)
    countries = context.lazy_countries
    merged: list[_Mention] = []
    previous: Span | None = None
    days: dict[int, list[EventDate]] = {}
    for index, sentence in enumerate(doc.sentences):
        mentions = _read_sentence(
            doc, layer, tokens, sentence, previous, published, detector, countries
        )
        if any(m.date is None for m in mentions):
            carried = _day_told_before(doc, index, published, days)
            for mention in mentions:
                # what is hoped for or was not done happened on no day told before
                untold = mention.future or mention.hypothetical or mention.negated
                mention.carried_date = None if mention.date or untold else carried
        if not mentions and merged and _may_revise(layer, sentence):
            _revise(merged, find_counts(doc.text, layer, sentence))
        # a sentence's mentions of one event first («احتجاجا على ...» belongs to the strike
        # it is said of, not to a protest of an earlier paragraph), then each as a whole
        # joins the event of the article the text ties it to most strongly
        told_here: list[_Mention] = []
        for mention in mentions:
            chosen = _event_of(told_here, mention, context)
            if chosen is None:
                told_here.append(mention)
            else:
                _merge(*chosen, mention, context.lazy_countries)
        for mention in told_here:
            chosen = _event_of(merged, mention, context)
            if chosen is None:
                merged.append(mention)
            else:
                _merge(*chosen, mention, context.lazy_countries)
        previous = sentence
    # «وردد المتظاهرون شعارات» with no protest told in the article: the protest is reported
    # elsewhere, and a reader of this text codes none
    told = [mention for mention in merged if not mention.continuation]
    told = _without_demands(told)
    told = _with_protests_met_with_force(doc, told, published, context)
    told = _without_summaries(told, context)
    told = _with_protest_casualties(doc.text, told, context)
    _name_the_perpetrator(doc, told)
    _name_the_coercer(doc, told)
    _name_the_speaker(doc, told)
    _name_the_group(doc, told)
    return tuple(_to_event(mention, published, doc.entities) for mention in told)


def _with_protest_casualties(
    text: str, mentions: list[_Mention], context: _Context
) -> list[_Mention]:
    """The events less the dead and wounded of a protest that no one is said to have
    attacked (قتل محتج وأصيب 11 في مظاهرات بالبصرة): they are the protest's casualties,
    counted on the protest told at that place and day, no assault of their own."""
    protests = [m for m in mentions if m.trigger.event_type == "PROTEST" and not m.negated]
    if not protests:
        return mentions
    kept: list[_Mention] = []
    for mention in mentions:
        protest = (
            next((p for p in protests if _protest_of(p, mention, context)), None)
            if _casualties(mention)
            and mention.trigger.event_type == "ASSAULT"
            and mention.actor is None
            and all(
                _IN_A_PROTEST.search(text, e.sentence_start, e.sentence_end)
                for e in mention.evidence
            )
            else None
        )
        if protest is None:
            kept.append(mention)
            continue
        known = {count.kind for count in protest.counts}
        protest.counts.extend(c for c in mention.counts if c.kind not in known)
        protest.evidence.extend(
            replace(e, joined="the casualties of the protest") for e in mention.evidence
        )
    return kept


def _protest_of(protest: _Mention, casualties: _Mention, context: _Context) -> bool:
    return (
        protest.location is not None
        and casualties.location is not None
        and _same_place(protest.location, casualties.location, context) is not None
        and (
            protest.date is None
            or casualties.date is None
            or protest.date.value == casualties.date.value
        )
    )


# The dead and wounded told in a protest: وأصيب 11 في مظاهرات، خلال الاحتجاجات
_IN_A_PROTEST: Final = re.compile(
    r"(?:في|خلال) (?:ال)?(?:مظاهرات|تظاهرات|احتجاجات|مظاهرة|تظاهرة|احتجاج)"
)


def _day_told_before(
    doc: Document, index: int, published: datetime.date | None, days: dict[int, list[EventDate]]
) -> EventDate | None:
    """The day the sentence before ``index`` gives an event, when it gives one and it is
    not the day of a report (أعلن أمس): the narrative goes on in that day until the text
    names another. The headline gives none: it tells the whole story. After a sentence that
    gives no day, the story's own day goes on, the first its lead gives (the lead's «مساء
    الجمعة 20 سبتمبر» dates «كما تظاهر مصريون في ...» paragraphs on, past the background
    «عام 2011» between them), not the week of publication."""
    before = index - 1
    if before < 0 or doc.layer is None:
        return None
    found = _event_days(doc, before, published, days)
    if found:
        return found[0] if len(found) == 1 else None
    body = (at for at in range(before) if not _is_headline(doc.text, doc.sentences[at]))
    lead = next(
        (
            told
            for at in itertools.islice(body, _LEAD)
            if (told := _event_days(doc, at, published, days))
        ),
        [],
    )
    return lead[0] if len(lead) == 1 else None


# The sentences of an article's lead, where it tells the story's day: its first sentence
# of the body and, when that one only sums the story up, the next.
_LEAD = 2


def _event_days(
    doc: Document, index: int, published: datetime.date | None, days: dict[int, list[EventDate]]
) -> list[EventDate]:
    """The days a sentence gives events: past ones, no report's (أعلن أمس), none in the
    headline."""
    if index not in days:
        sentence = doc.sentences[index]
        assert doc.layer is not None
        days[index] = (
            []
            if _is_headline(doc.text, sentence)
            else [
                date
                for date in find_dates(doc.text, doc.layer, published, sentence)
                if date.precision == "day"
                and date.value is not None
                and date.start is not None
                and not is_future(date, published)
                and not is_report_date(doc.layer, sentence, date.start)
            ]
        )
    return days[index]


def _without_summaries(mentions: list[_Mention], context: _Context) -> list[_Mention]:
    """The events less the day's totals over others: «ارتفعت حصيلة غارات اليوم على ريف
    إدلب إلى 12 قتيلا» over the strikes on its towns the article codes one by one, 5, 4 and
    3 killed. An event placed at a province, region or country whose dead are the sum of
    those of two or more events of its type and day placed within it is their total, no
    event of its own (ACLED codes the strikes); its mentions join the first of them."""
    tolled = [m for m in mentions if any(c.kind in ("killed", "injured") for c in m.counts)]
    if len(tolled) < 3:
        return mentions  # a total and two parts, each with its toll, or nothing to sum
    kept: list[_Mention] = []
    for mention in mentions:
        parts = _parts(mention, tolled, context) if mention in tolled else []
        if not _sums_up(mention, parts):
            kept.append(mention)
            continue
        reason = f"the day's total over {len(parts)} events told place by place"
        parts[0].evidence.extend(replace(e, joined=reason) for e in mention.evidence)
    return kept


def _sums_up(total: _Mention, parts: Sequence[_Mention]) -> bool:
    if len(parts) < 2:
        return False
    for kind in ("killed", "injured"):
        figure = max((c.value for c in total.counts if c.kind == kind), default=None)
        if figure is None:
            continue
        each = [max((c.value for c in p.counts if c.kind == kind), default=0) for p in parts]
        return all(each) and sum(each) == figure  # one part's dead are that part's toll
    return False


def _parts(summary: _Mention, mentions: Sequence[_Mention], context: _Context) -> list[_Mention]:
    """The events of a total's type and day told at places within its place. A total the
    text does not date («11 مدنيا قتلوا في ريف حماة») sums the strikes it tells the days
    of; a village the gazetteer lacks is within it when told in one list with a town that
    is (استهدف كفرزيتا واللطامنة)."""
    if summary.trigger.event_type not in _BY_PLACE or summary.location is None:
        return []
    where = context.place(summary.location.text)
    if where is None or (where[1].precision == TOWN and where[0] != _COUNTRYSIDE):
        return []
    alike = [
        m
        for m in mentions
        if m is not summary
        and m.trigger.event_type == summary.trigger.event_type
        and m.location is not None
        and (m.negated, m.future, m.hypothetical)
        == (summary.negated, summary.future, summary.hypothetical)
        and (summary.date is None or (m.date is not None and m.date.value == summary.date.value))
    ]
    within = [m for m in alike if _finer_within(m.location, summary.location, context)]
    lists = {
        m.sentence for m in within if m.location and (m.location.reason or "").startswith(_LISTED)
    }
    return [
        m
        for m in alike
        if m in within
        or (
            m.sentence in lists
            and m.location is not None
            and (m.location.reason or "").startswith(_LISTED)
            and context.place(m.location.text) is None
        )
    ]


def _finer_within(place: Location | None, than: Location, context: _Context) -> bool:
    if place is None:
        return False
    mine, theirs = context.place(place.text), context.place(than.text)
    if mine is None or theirs is None or mine[1].place.id == theirs[1].place.id:
        return False
    if theirs[0] == _COUNTRYSIDE and _size(theirs[1].place.kind) == 1:
        # a town's countryside (ريف حماة الشمالي): the towns and villages around it
        return _size(mine[1].place.kind) == 1 and (
            great_circle_km(
                mine[1].place.lat, mine[1].place.lon, theirs[1].place.lat, theirs[1].place.lon
            )
            <= _WITHIN_KM["admin2"]
        )
    return _size(mine[1].place.kind) < _size(theirs[1].place.kind) and _within(mine[1], theirs[1])


_COUNTRYSIDE: Final = normalize("ريف")


def _event_of(
    events: Sequence[_Mention], mention: _Mention, context: _Context
) -> tuple[_Mention, str] | None:
    """The event told so far that a mention reports again, with the reason, or None."""
    best: tuple[int, _Mention, str] | None = None
    for event in events:
        reason = _same_event(event, mention, context)
        if reason is None:
            continue
        affinity = _affinity(event, mention)
        if best is None or affinity > best[0]:
            best = (affinity, event, reason)
    return None if best is None else (best[1], best[2])


# What a protest says rather than does: its demands, and the stance it takes (ندد
# المتظاهرون بالغارة، عبر المشاركون فيها عن تأييدهم، رفضوا القرار).
_PROTESTERS_SAY: Final = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT"})


def _without_demands(mentions: list[_Mention]) -> list[_Mention]:
    """The mentions less the demands of a protest or a sanction: ACLED codes a protest, not
    what it asked for. A request made by protesters (وطالب المتظاهرون بالإفراج) or told in
    a sentence that tells a protest (تظاهر المئات مطالبين برحيل الحكومة) or a sanction is
    the protest's demand or the sanction's terms."""
    # a sanction's terms are the sanction too: أعلنتهم أشخاصا غير مرغوب فيهم وطالبت
    # بمغادرتهم البلاد خلال 48 ساعة
    protested = {
        e.sentence_start
        for mention in mentions
        if mention.trigger.event_type in ("PROTEST", "SANCTION")
        for e in mention.evidence
    }

    def demand(mention: _Mention) -> bool:
        if mention.trigger.event_type not in _PROTESTERS_SAY:
            return False
        if mention.actor is not None and _participants(mention.actor.text):
            return True
        return any(e.sentence_start in protested for e in mention.evidence)

    return [mention for mention in mentions if not demand(mention)]


def _asserted(mention: _Mention) -> bool:
    return not (mention.negated or mention.future or mention.hypothetical)


# The interventions that are done to a crowd: dispersal, tear gas, and, when protesters are
# their object, arrests and shootings. ACLED codes a protest met with force as the protest
# and the intervention; the text that tells the intervention asserts the protest.
_FORCE_ON_A_CROWD: Final = frozenset({"crowd-control"})
_PROTESTER_OBJECT_WORDS: Final = 4  # words between an arrest or shooting and its object


def _with_protests_met_with_force(
    doc: Document, mentions: list[_Mention], published: datetime.date | None, context: _Context
) -> list[_Mention]:
    """The mentions with the protest that each intervention against protesters was met
    with (فرقت الشرطة المتظاهرين، أطلقت الغاز المسيل للدموع لتفريق المحتجين), where no
    protest of its place and day is told already: the sentence model reads the
    intervention's sentence as a crackdown only, and ACLED codes both.

    The protest is the protesters', at the intervention's place and day, its evidence the
    participant noun. Background (older than a month, or lasting for weeks) gets none, and
    neither does an article that names no protest outside the intervention's sentence: a
    dispersal told in passing (وكانت الشرطة فرقت المتظاهرين) is coded as the dispersal
    alone, as gsr-dev's sentence annotators code it.
    """
    protests = [m for m in mentions if m.trigger.event_type == "PROTEST" and _asserted(m)]
    told_in: frozenset[int] | None = None  # the sentences that name a protest, when read
    result: list[_Mention] = []
    for mention in mentions:
        protest = None
        if (
            mention.trigger.event_type in ("COERCE", "ASSAULT")
            and _asserted(mention)
            and not mention.lasting
            and not _historical(mention.date, published)
        ):
            protest = _protest_met(doc, mention)
        same = (
            None
            if protest is None
            else next((p for p in protests if _same_protest(p, protest, published, context)), None)
        )
        if same is not None and protest is not None and same.location is None:
            # a protest told without its place happened where it was dispersed
            same.location = protest.location
        elif protest is not None and same is None:
            if told_in is None:
                told_in = _sentences_naming_a_protest(doc)
            if told_in - {protest.sentence.start}:
                protests.append(protest)
                result.append(protest)
        result.append(mention)
    return result


def _sentences_naming_a_protest(doc: Document) -> frozenset[int]:
    """The starts of the sentences with a protest word (احتجاجات، المتظاهرون، اعتصام),
    whatever the sentence model made of them."""
    if doc.layer is None or not isinstance(doc.tokens, Tokens):
        return frozenset()
    layer, tokens = doc.layer, doc.tokens
    return frozenset(
        sentence.start
        for sentence in doc.sentences
        if any(
            trigger.event_type == "PROTEST"
            for trigger in find_triggers(doc.text, layer, tokens, sentence)
        )
    )


def _same_protest(
    first: _Mention, second: _Mention, published: datetime.date | None, context: _Context
) -> bool:
    """Whether a protest told already is the one an intervention implies: its day (an
    undated one's is the publication's), and a place that can be the same."""
    default = _default_date(published)
    first_date, second_date = first.date or default, second.date or default
    if first_date and second_date and first_date.value != second_date.value:
        return False
    return _same_place(first.location, second.location, context) is not None


def _protest_met(doc: Document, mention: _Mention) -> _Mention | None:
    """The protest an intervention was used against, read off the first of its sentences
    that names the protesters or their gathering as its object, or None."""
    crowd_control = mention.trigger.event_type == "COERCE" and mention.mode in _FORCE_ON_A_CROWD
    if not crowd_control and mention.mode not in ("arrest", "firearms", None):
        return None
    text = doc.text
    for evidence in mention.evidence:
        at = Span(evidence.trigger_start, evidence.trigger_end)
        for word in _WORD.finditer(text, evidence.sentence_start, evidence.sentence_end):
            skip = participant_span(word.group())
            # a gathering noun is the object of a dispersal only (فرقت الشرطة التظاهرة);
            # an arrest after one (اعتقال ناشطين بعد تظاهرة) may be days later
            gathering = (
                crowd_control and skip is None and _GATHERING_NOUN.match(normalize(word.group()))
            )
            if skip is None and not gathering:
                continue
            span = Span(word.start(), word.end())
            if not (
                _object_of(text, at, span)
                or (crowd_control and skip is not None and _in_clause_with(text, at, span))
                or (mention.target is not None and overlaps(mention.target, span))
            ):
                continue
            actor = _participants_in(text, evidence, span if skip is not None else None)
            trigger = Trigger(
                span.start,
                span.end,
                word.group(),
                "PROTEST",
                _DEMO,
                (),
                nominal=True,
                passive=False,
                weight=_MET_WITH_FORCE_WEIGHT,
                key="met-with-force",
            )
            sentence = Span(evidence.sentence_start, evidence.sentence_end)
            protest = _Mention(
                trigger=trigger,
                sentence=sentence,
                actor=actor,
                target=None,
                location=mention.location,
                date=mention.date,
                counts=[],
                attribution=mention.attribution,
                negated=False,
                hypothetical=False,
                future=False,
                mode=_DEMO,
            )
            protest.evidence.append(
                Evidence(sentence.start, sentence.end, span.start, span.end, word.group())
            )
            return protest
    return None


def _participants_in(text: str, evidence: Evidence, word: Span | None) -> Argument | None:
    """The protesters of a protest met with force: the participant noun that tells it, or
    for a dispersed gathering (فرقت الشرطة التظاهرة) the first one of its sentence."""
    if word is None:
        return _first_participants(text, evidence.sentence_start, evidence.sentence_end)
    return _first_participants(text, word.start, word.end)


_WORD: Final = re.compile(r"[^\s.،,؛;:!?()\[\]«»\"“”]+")
# The nouns of a gathering that is dispersed (فرقت الشرطة التظاهرة، لتفريق مظاهرة).
_GATHERING_NOUN: Final = re.compile(
    r"^[وف]?(?:[بل]?ال|لل|[بل])?(?:تظاهره|مظاهره|تظاهرات|مظاهرات|احتجاج|احتجاجات|اعتصام|"
    r"اعتصامات|تجمع|تجمعات|مسيره|مسيرات|وقفه|وقفات)(?:هم|ها)?$"
)
_MET_WITH_FORCE_WEIGHT: Final = 0.6
_CLAUSE_BREAK: Final = re.compile(r"[.،,؛;:!?]")


def _in_clause_with(text: str, at: Span, word: Span) -> bool:
    """Whether a participant noun stands in the clause of a crowd-control trigger."""
    if word.start < at.end and word.end > at.start:
        return True
    between = text[at.end : word.start] if word.start >= at.end else text[word.end : at.start]
    return _CLAUSE_BREAK.search(between) is None


def _object_of(text: str, at: Span, word: Span) -> bool:
    """Whether a participant noun is in an intervention's trigger (تفريق المتظاهرين) or
    a few words after it, in its clause (أطلقت الغاز المسيل للدموع على المتظاهرين)."""
    if word.start < at.end and word.end > at.start:
        return True
    if word.start < at.end:
        return False
    between = text[at.end : word.start]
    return _CLAUSE_BREAK.search(between) is None and len(between.split()) <= _PROTESTER_OBJECT_WORDS


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
    # an attacker named by a pronoun (طائراته، قواتها) is the party named before: it
    # takes the article's perpetrator as an unnamed attack does
    # a clash names its two sides, the first only by its place in the sentence: it says
    # nothing of who carried out the one-sided attacks
    named = [
        m.actor
        for m in attacks
        if m.actor is not None and not _refers_back(m.actor) and not is_clash(m.trigger.text)
    ]
    # a sentence that names the attacker of one of its attacks and not of another tells of
    # two sides (mortars fired, then aircraft striking the launch site): none is lent there
    named_in = {
        e.sentence_start
        for m in attacks
        if m.actor is not None and not _refers_back(m.actor) and not is_clash(m.trigger.text)
        for e in m.evidence
    }
    agentless = [
        mention
        for mention in attacks
        if (mention.actor is None or _refers_back(mention.actor))
        and all(e.sentence_start not in named_in for e in mention.evidence)
        and not is_clash(mention.trigger.text)  # a clash is two sides'
    ]
    if not (named and agentless):
        return
    first = named[0]
    words = _content_words(first)
    side = _side(doc, first)
    if not all(
        (words & _content_words(actor)) or (side is not None and _side(doc, actor) == side)
        for actor in named[1:]
    ):
        return
    # resolved last: the one step that reads the actor tables
    if not all(_armed_party(doc, actor) for actor in named):
        return
    for mention in agentless:
        target = mention.target
        if target is None or not (
            _content_words(target) & words or (side is not None and _side(doc, target) == side)
        ):
            mention.actor = first


def _side(doc: Document, argument: Argument) -> str | None:
    """The party an argument names, however it is worded: a named actor's id, else the
    state whose forces or name it is (غارة إسرائيلية، جيش الاحتلال الإسرائيلي، إسرائيل are
    all Israel's); None for anyone else (مسلحون، محتجون)."""
    if doc.layer is None:
        return None
    actor = resolve_actor(doc.text, doc.layer, argument, doc.entities)
    if actor is None:
        return None
    if actor.id is not None and not (actor.sector or "").startswith("state-"):
        return actor.id
    if actor.sector is None or actor.sector.startswith("state-"):
        return actor.country
    return None


def _name_the_coercer(doc: Document, mentions: Sequence[_Mention]) -> None:
    """Give an arrest, dispersal or curfew told without an agent the state force a
    sentence telling it names (``coercing_state``). Read once the mentions are merged: the
    force is the event's actor, not a reading that keeps apart mentions of one event."""
    if doc.layer is None or not isinstance(doc.tokens, Tokens):
        return
    for mention in mentions:
        if mention.actor is not None or mention.trigger.event_type != "COERCE":
            continue
        for told in mention.evidence:
            sentence = Span(told.sentence_start, told.sentence_end)
            trigger = Span(told.trigger_start, told.trigger_end)
            force = coercing_state(
                doc.text, doc.layer, doc.tokens, sentence, trigger, doc.entities, mention.target
            )
            if force is not None:
                mention.actor = force
                break


# Events that are what someone says: a threat, a call, an accusation, a stance.
_SPOKEN: Final = frozenset({"THREATEN", "REQUEST", "ACCUSE", "REJECT", "SUPPORT", "APPEAL"})
_SPEAKER_REACH: Final = 4  # sentences back to the one who spoke, a paragraph or so


def _name_the_speaker(doc: Document, mentions: Sequence[_Mention]) -> None:
    """Give a threat or call told by a verb that opens its sentence with و and names no
    party (وهدد بشن هجوم، ودعا البيان) the one who spoke in the sentences before: «وقال
    مجلس السيادة في بيان ... ودعا البيان المجتمع الدولي» -- the council called."""
    if doc.layer is None or not isinstance(doc.tokens, Tokens):
        return
    starts = [sentence.start for sentence in doc.sentences]
    for mention in mentions:
        if (
            mention.actor is not None
            or mention.trigger.event_type not in _SPOKEN
            or mention.trigger.nominal
        ):
            continue
        trigger = Span(mention.trigger.start, mention.trigger.end)
        if not opens_with_its_verb(
            doc.text, doc.layer, doc.tokens, mention.sentence, trigger, doc.entities
        ):
            continue
        index = bisect_left(starts, mention.sentence.start)
        for earlier in reversed(doc.sentences[max(0, index - _SPEAKER_REACH) : index]):
            found = speaker(doc.text, doc.layer, doc.tokens, earlier, doc.entities)
            if found is not None:
                mention.actor = found
                break


# A group referred to again by its kind (أعلن التنظيم، قتلت الجماعة), with the word that
# heads its name as the article first gave it (تنظيم داعش، جماعة بوكو حرام).
_GROUP_WORDS: Final = {
    normalize(word): normalize(word[2:])
    for word in ("التنظيم", "الجماعة", "الحركة", "الجبهة", "الفصيل", "المجموعة")
}


def _name_the_group(doc: Document, mentions: Sequence[_Mention]) -> None:
    """Give an actor or target named by its kind alone (التنظيم، الجماعة) the named actor
    the article last named with that head before it (تنظيم داعش ... أبرم التنظيم اتفاقا:
    the Islamic State): the span stays the text's, the table row is the antecedent's."""
    named = [entity for entity in doc.entities if entity.kb_id is not None]
    if not named:
        return
    for mention in mentions:
        mention.actor = _group_antecedent(named, mention.actor)
        mention.target = _group_antecedent(named, mention.target)


def _group_antecedent(named: Sequence[Entity], argument: Argument | None) -> Argument | None:
    if argument is None or argument.kb_id is not None:
        return argument
    words = normalize(argument.text).split()
    if len(words) != 1:
        return argument
    word = words[0][1:] if words[0][:1] in "وف" and words[0][1:] in _GROUP_WORDS else words[0]
    head = _GROUP_WORDS.get(word)
    if head is None:
        return argument
    actors = tables().named.actors
    for entity in reversed(named):
        if entity.end > argument.start:
            continue
        row = actors.get(entity.kb_id or "")
        names = (entity.text, *(row.names_ar if row is not None else ()))
        if any(normalize(name).split()[0] in (head, "ال" + head) for name in names):
            return replace(argument, kb_id=entity.kb_id)  # داعش is تنظيم داعش in the table
    return argument


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
