"""The core data model every stage reads and writes.

Frozen, slotted dataclasses: they pickle for worker processes and Dask, satisfy mypy, and
orjson serialises them natively. Every span is a half-open range of Python ``str`` offsets
(Unicode code points) into ``Document.text``, the original text, whatever normalisation
happened inside a stage. This module imports nothing from rasd.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

# Bump the minor version when fields are added, the major version when a field changes
# meaning or disappears. Every output record carries it.
SCHEMA_VERSION = "2.4"

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

CliticKind = Literal["conjunction", "preposition", "article", "pronoun"]

DatePrecision = Literal["day", "week", "month", "year"]

# "casualties" is the dead and the wounded told as one figure (مقتل وإصابة 76): a figure of
# neither kind.
CountKind = Literal[
    "killed",
    "injured",
    "casualties",
    "arrested",
    "kidnapped",
    "surrendered",
    "displaced",
    "participants",
]

# How a reported figure is hedged: نحو 150 is "about", ما لا يقل عن 20 "at_least",
# عشرات "tens", مئات "hundreds", آلاف "thousands" (value is rasd's reading: 24 for عشرات,
# 200 for مئات, 2000 for آلاف; عشرات الآلاف is "tens" of 24,000). The qualifier is kept so
# that other conventions can be applied: the ACLED export writes 10, 100 and 1000.
# "dozens" is a dozen's plural (دزينة), 12 in ACLED's convention.
CountQualifier = Literal[
    "exactly",
    "about",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "several",
    "tens",
    "dozens",
    "hundreds",
    "thousands",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Clitic:
    """A clitic inside a token: ``و`` and ``ب`` and ``ال`` in ``وبالباغوز``."""

    start: int
    end: int
    kind: CliticKind


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace- and punctuation-delimited token, with the clitics found inside it.

    ``clitics`` holds the proclitics (conjunction, preposition, article) and the enclitic
    pronoun that the text layer is confident of; the stem is what lies between them.
    """

    start: int
    end: int
    clitics: tuple[Clitic, ...] = ()

    @property
    def stem(self) -> Span:
        """The token without its clitics: ``باغوز`` in ``بالباغوز``."""
        start, end = self.start, self.end
        for clitic in self.clitics:
            if clitic.kind == "pronoun":
                end = min(end, clitic.start)
            else:
                start = max(start, clitic.end)
        return Span(start, end)

    @property
    def name(self) -> Span:
        """The token as a name is written alone: without proclitics other than the article.

        ``بالباغوز`` -> ``الباغوز``, ``وإسرائيل`` stays whole unless ``و`` was split off.
        """
        start = self.start
        for clitic in self.clitics:
            if clitic.kind in ("conjunction", "preposition"):
                start = max(start, clitic.end)
        return Span(start, self.stem.end)


class Tokens(Sequence[Token]):
    """A document's tokens, stored as columns; ``Token`` objects are made on access.

    An article has about 550 tokens, and building 550 frozen objects costs more than
    finding them, so the tokenizer fills plain lists and stages that read tokens get
    ``Token`` views, as spaCy's ``Doc`` stores token structs and hands out ``Token``
    views. Clitic rows are sorted by ``clitic_owners`` (the index of their token).
    It compares equal to any sequence of the same tokens, a tuple included.
    """

    __slots__ = ("clitic_ends", "clitic_kinds", "clitic_owners", "clitic_starts", "ends", "starts")

    def __init__(
        self,
        starts: Sequence[int] = (),
        ends: Sequence[int] = (),
        *,
        clitic_owners: Sequence[int] = (),
        clitic_starts: Sequence[int] = (),
        clitic_ends: Sequence[int] = (),
        clitic_kinds: Sequence[CliticKind] = (),
    ) -> None:
        if len(starts) != len(ends):
            raise ValueError("token starts and ends differ in length")
        if not len(clitic_owners) == len(clitic_starts) == len(clitic_ends) == len(clitic_kinds):
            raise ValueError("clitic columns differ in length")
        self.starts = tuple(starts)
        self.ends = tuple(ends)
        self.clitic_owners = tuple(clitic_owners)
        self.clitic_starts = tuple(clitic_starts)
        self.clitic_ends = tuple(clitic_ends)
        self.clitic_kinds = tuple(clitic_kinds)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Token, ...]: ...

    def __getitem__(self, index: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(index, slice):
            return tuple(self._token(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("token index out of range")
        return self._token(index)

    def __iter__(self) -> Iterator[Token]:
        return map(self._token, range(len(self)))

    def _token(self, index: int) -> Token:
        first = bisect_left(self.clitic_owners, index)
        if first == len(self.clitic_owners) or self.clitic_owners[first] != index:
            return Token(self.starts[index], self.ends[index])
        last = bisect_right(self.clitic_owners, index, first)
        clitics = tuple(
            Clitic(self.clitic_starts[i], self.clitic_ends[i], self.clitic_kinds[i])
            for i in range(first, last)
        )
        return Token(self.starts[index], self.ends[index], clitics)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Tokens({len(self)} tokens, {len(self.clitic_owners)} clitics)"

    def __getstate__(self) -> tuple[tuple[object, ...], ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state: tuple[tuple[object, ...], ...]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention: ``text == Document.text[start:end]``."""

    start: int
    end: int
    text: str
    label: str
    confidence: float
    kb_id: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """Who an argument is, resolved against rasd's actor tables.

    A named actor (قوات سوريا الديمقراطية) has the table's ``id``; a generic agent (جنود الجيش
    العراقي, مسلحون) has none, only its role and the country the text or its context gives.
    ``start``/``end`` is the alias or agent word that matched.
    """

    start: int
    end: int
    id: str | None = None
    name_en: str | None = None
    cameo: str | None = None  # CAMEO-style code: country and role, "SYRREB", "IRQMIL"
    sector: str | None = None
    inter: int | None = None  # ACLED inter code: 1 state forces ... 8 external/other
    country: str | None = None  # ISO 3166 alpha-3: where the actor is from
    # A person's dated role (persons.tsv) and the day it was chosen for; as_of None with a
    # role: no date was known and the latest role is given.
    role_start: str | None = None  # ISO date
    role_end: str | None = None  # None: still held, or no role
    as_of: str | None = None


@dataclass(frozen=True, slots=True)
class Argument:
    """An event participant or source as the text names it (a name, pronoun or phrase)."""

    start: int
    end: int
    text: str
    entity: int | None = None  # index into Document.entities when it refers to one
    kb_id: str | None = None
    actor: Actor | None = None  # filled by grounding


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened: the span, and once grounded, the place it resolves to."""

    start: int
    end: int
    text: str
    name_ar: str | None = None
    name_en: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    gazetteer_id: str | None = None
    precision: int | None = None  # ACLED geo_precision: 1 town, 2 near/part of region, 3 province+
    # why this place was chosen, for a reader: "named in the sentence", "the article's country"
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: the resolved date and the span that says so.

    ``value`` is an ISO 8601 date: the day itself, or the first day of the week, month or
    year that ``precision`` names. It is ``None`` when the span is relative (أمس) and the
    document has no publication date to resolve it against: rasd does not guess.
    """

    value: str | None
    precision: DatePrecision | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people the text reports: ``نحو 150 مقاتلاً`` surrendered, about 150."""

    kind: CountKind
    value: int
    start: int
    end: int
    text: str
    qualifier: CountQualifier = "exactly"
    qualifier_start: int | None = None  # the span of نحو, ما لا يقل عن ... when there is one
    qualifier_end: int | None = None
    # The perpetrator's own figure (تبنى التنظيم الهجوم وقال إنه قتل 30 جنديا): kept, but
    # no event's reported toll, which is the sourced figure ACLED codes.
    claimed: bool = False
    # A revised toll of the event (ارتفعت الحصيلة إلى 20، ارتفع عدد القتلى إلى 20): it
    # replaces the figure of its kind the event was first told with.
    revised: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where the text reports an event: the sentence, and the word that names it."""

    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    joined: str | None = None  # why this mention joined the event's first: None for the first


@dataclass(frozen=True, slots=True)
class Event:
    """One event the document reports, PLOVER-coded, every field tied to its evidence.

    The flags are PLOVER's auxiliary flags: ``negated`` (نفى، لم يقع), ``hypothetical``
    (إذا، في حال), ``future`` (threats, calls, سوف), ``historical`` (background long before
    publication). ``evidence`` has one entry per mention of the event in the document,
    the first being the one its fields were read from.
    """

    event_type: PloverType
    confidence: float
    mode: str | None = None
    context: tuple[str, ...] = ()
    actor: Argument | None = None
    target: Argument | None = None
    location: Location | None = None
    date: EventDate | None = None
    counts: tuple[Count, ...] = ()
    attribution: Argument | None = None  # according to whom
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Why a document was skipped (an error) or what was odd about it (a warning)."""

    code: str  # a code from rasd.codes
    stage: str  # the stage that noticed: "source", "decode", "language", "pipeline", ...
    message: str  # one line, for a person


@dataclass(frozen=True, slots=True)
class TextLayer:
    """The text as matching sees it, and the way back to the original.

    ``normalized`` is ``Document.text`` with harakat, tatweel and invisible marks removed
    and letter variants unified; ``to_original[i]`` is the offset in ``Document.text`` of
    ``normalized[i]`` (one entry more, for the end). ``None`` means the identity map: the
    normalisation changed letters one for one and removed nothing.
    """

    normalized: str
    to_original: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One news document and everything rasd found in it.

    ``origin`` says where rasd read it (a path, with a line or item number); ``source`` is
    the outlet that published it, when known. A document with ``errors`` was skipped: its
    ``text`` may be empty and later stages leave it alone.
    """

    id: str
    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO 8601 date or date-time
    language: str | None = None  # ISO 639-1, "und" when it cannot be told
    encoding: str | None = None  # how the bytes were decoded, when rasd decoded them
    sentences: tuple[Span, ...] = ()
    tokens: Sequence[Token] = ()  # a Tokens from the text layer
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    layer: TextLayer | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors


# Fields of Document that are internal working state, not part of the output record.
INTERNAL_FIELDS = frozenset({"layer"})
