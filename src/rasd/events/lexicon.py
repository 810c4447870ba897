"""The PLOVER trigger lexicon: ``resources/event_triggers.tsv``, compiled for fast lookup.

The table is written in ordinary Arabic, one reviewed pattern a row, and normalised here
(``rasd.text.normalize``), so it matches the text layer. A pattern is a run of words:

- ``a|b`` lists alternatives for one word;
- ``قتل/يقتل`` (past/imperfect, third person masculine singular) stands for the verb's
  common inflections: قتل، قتلت، قتلوا، قتلا، قتلتا، يقتل، تقتل، يقتلون، يقتلان، نقتل ...;
- ``…`` stands for the verb's subject between it and its object (أطلق مسلحون مجهولون
  النار): up to ``MAX_GAP`` words (``STATEMENT_GAP`` for the types the lexicon decides
  alone), time words and adverbs not counted, and no clause
  boundary, preposition before the object or construct head of it (``rasd.events.triggers``
  checks the gap); the word after it is the object as written, without a proclitic;
- ``ب`` as a word of its own, last in a pattern, requires the next word to carry the
  proclitic ب (هدد … ب: هدد التنظيم بشن هجمات), which a list of surfaces cannot name; that
  word is looked at, not made part of the trigger (بقتل stays an ASSAULT trigger).

Arabic writes clitics onto the word, so every form is expanded at load into the surfaces it
takes in text: a verb with و/ف and, in the imperfect, س/ل in front and an object pronoun
behind (وقصفت، سيهاجم، قتلوهم); a noun with و/ف, ب/ك/ل and the article in front
(بالهجوم، والمتظاهرون، للاعتداء) or a possessive pronoun behind (هجومهم، عبوتها). Lookup
is then one dict hit per word, which keeps a 550-word article under a millisecond;
expanding at match time instead costs a dozen slices and hits a word.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final, Literal, cast, get_args

from rasd.model import PloverType
from rasd.resources import bulk_load
from rasd.text import normalize

RESOURCE = "event_triggers.tsv"

Pos = Literal["verb", "passive", "noun", "cue"]

COLUMNS: Final = ("pattern", "type", "mode", "context", "pos", "weight", "source", "note")
EVENT_TYPES: Final[frozenset[str]] = frozenset(get_args(PloverType))
# The PLOVER 2.0 modes per type (plover-acled.md). COERCE crowd-control follows the coding
# note there: dispersing a demonstration with tear gas is COERCE, its mode crowd-control.
MODES: Final[dict[str, frozenset[str]]] = {
    "ASSAULT": frozenset(
        [
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ]
    ),
    "PROTEST": frozenset(["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"]),
    "COERCE": frozenset(
        [
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
            "crowd-control",
        ]
    ),
    "RETREAT": frozenset(["withdraw", "release", "disarm", "ceasefire", "access", "resign"]),
    "CONSULT": frozenset(["visit", "third-party", "multilateral", "phone"]),
    "REQUEST": frozenset(["assist", "change", "yield", "meet"]),
    "REJECT": frozenset(["assist", "change", "yield", "meet"]),
    "ACCUSE": frozenset(["disapprove", "investigate", "allege"]),
    "THREATEN": frozenset(["restrict", "arrest", "relations", "expel", "territory", "violence"]),
    "SANCTION": frozenset(["convict", "expel", "withdraw", "discontinue"]),
    "MOBILIZE": frozenset(["troops", "weapons", "police", "militia"]),
}
CONTEXTS: Final = frozenset(
    [
        "military",
        "intelligence",
        "executive",
        "legislative",
        "election",
        "political_institutions",
        "pro_democracy",
        "pro_autocracy",
        "economic",
        "legal",
        "reparations",
        "human_rights",
        "rights_freedoms",
        "repression",
        "human_security",
        "gender",
        "lgbt",
        "religion_ethnicity",
        "inequality",
        "diplomatic",
        "territory",
        "peacekeeping",
        "health",
        "asylum",
        "migration",
        "disasters",
        "natural_resource",
        "environment",
        "technology",
        "terrorism",
        "cbrn",
        "cyber",
        "misinformation",
        "crime",
        "corruption",
        "illegal_drugs",
        "trafficking",
    ]
)
SOURCES: Final = frozenset({"petrarch", "curated"})
GAP: Final = "…"
MAX_GAP = 3  # words a … may skip: أطلق [مسلحون مجهولون] النار; time words are free
# A statement's subject is mostly a named body, often of four words (أعلنت [حركة الشباب
# المجاهدين الإسلامية] انسحابها، أعربت [وزارة الخارجية في الكويت] عن): the types the lexicon
# decides alone skip one word more. ASSAULT and PROTEST keep MAX_GAP: their detector was
# fitted on the candidates as those gaps find them.
STATEMENT_GAP = 4
_GAP_AS_FITTED: Final = frozenset({"ASSAULT", "PROTEST"})

_VERB_PREFIXES: Final = ("", "و", "ف")
_IMPERFECT_PREFIXES: Final = ("", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل")
_OBJECT_PRONOUNS: Final = ("", "ه", "ها", "هم", "هما", "هن", "كم", "نا", "ني")
_POSSESSIVES: Final = ("", "ه", "ها", "هم", "هما", "هن", "كم", "نا")
_NOUN_PREFIXES: Final = tuple(
    conjunction + ("لل" if preposition == "ل" and article else preposition + article)
    for conjunction in ("", "و", "ف")
    for preposition in ("", "ب", "ل", "ك")
    for article in ("", "ال")
)

_OBJECT_PREFIXES: Final = ("", "ال")

# Surfaces a verb's expansion makes that are, in news text, always another word: the
# particle ليت with a pronoun (ليتهم is no ل+يتهم), a ministry with its owner (وزارته is no
# و+زارت+ه; the ة rule of ``rasd.events.triggers`` cannot see it under the possessive) and
# a surname (طالباني is no طالبا+ني).
OTHER_WORDS: Final = frozenset(
    normalize(word)
    for word in [
        *("ليتهم", "ليته", "ليتها", "ليتنا", "ليتكم"),
        *("وزارته", "وزارتها", "وزارتهم", "وزارتهما", "وزارتنا", "وزارتكم"),
        "طالباني",
    ]
)


class LexiconError(ValueError):
    """A row of the trigger table that is not a valid PLOVER fact."""


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One row of the trigger table: a pattern and the PLOVER coding it signals."""

    pattern: str  # as written in the table
    event_type: PloverType
    mode: str | None
    context: tuple[str, ...]
    pos: Pos
    weight: float
    source: str
    note: str
    key: str  # the normalized pattern: a stable name for features


@dataclass(frozen=True, slots=True)
class Gap:
    """A ``…`` of a pattern. Before an object noun (أطلق … النار، أوقف … الهجوم) it is the
    verb's subject, checked as such (``rasd.events.triggers``), and the object is written
    without a proclitic; before a preposition (حكم … على، أفرج … عن) it may hold anything
    the verb takes first (بالسجن 12 عاما), up to ``most`` words."""

    subject: bool
    most: int = MAX_GAP


@dataclass(frozen=True, slots=True)
class Proclitic:
    """A ``ب`` of a pattern: a word that carries the proclitic ب before a word of its own
    (هدد بشن، لوح بفرض، اعترف بالدولة); ``rasd.events.triggers`` tests it."""

    letter: str


PROCLITIC: Final = Proclitic("ب")


@dataclass(frozen=True, slots=True)
class Compiled:
    """A pattern from its first word on: the entry and, per later word, its surfaces.

    ``rest`` holds a frozenset of accepted surfaces per word, a ``Gap`` or a ``Proclitic``.
    """

    entry: int
    rest: tuple[frozenset[str] | Gap | Proclitic, ...]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled table: first-word surface -> the patterns that start there."""

    entries: tuple[LexiconEntry, ...]
    triggers: dict[str, tuple[Compiled, ...]]
    cues: dict[str, tuple[Compiled, ...]]

    def __len__(self) -> int:
        return len(self.entries)


def verb_forms(past: str, imperfect: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The past and imperfect inflections of a verb given as its 3ms forms (normalized).

    ``verb_forms("قتل", "يقتل")`` -> (قتل، قتلت، قتلوا، قتلا، قتلتا), (يقتل، تقتل،
    يقتلون، يقتلان، تقتلان، نقتل، يقتلوا). The passive of a sound verb is written the same
    without harakat (قُتل), so these cover it.
    """
    pasts = (past, past + "ت", past + "وا", past + "ا", past + "تا")
    if not imperfect.startswith("ي"):
        return pasts, (imperfect,)
    stem = imperfect[1:]
    imperfects = (
        imperfect,
        "ت" + stem,
        imperfect + "ون",
        imperfect + "ان",
        "ت" + stem + "ان",
        "ن" + stem,
        imperfect + "وا",
    )
    return pasts, imperfects


def _with_pronouns(form: str, pronouns: Iterable[str]) -> Iterator[str]:
    for pronoun in pronouns:
        if not pronoun:
            yield form
        elif form.endswith("وا"):
            yield form[:-1] + pronoun  # قتلوا + ه -> قتلوه
        elif form.endswith("ه"):
            yield form[:-1] + "ت" + pronoun  # عبوة + ها -> عبوتها
        else:
            yield form + pronoun


def verb_surfaces(word: str) -> set[str]:
    """Every surface of one pattern word read as a verb (normalized)."""
    surfaces: set[str] = set()
    for alternative in word.split("|"):
        if "/" in alternative:
            past, _, imperfect = alternative.partition("/")
            pasts, imperfects = verb_forms(past, imperfect)
        else:
            pasts, imperfects = (alternative,), ()
            if alternative[:1] in "يتن" and len(alternative) > 3:
                pasts, imperfects = (), (alternative,)
        for forms, prefixes in ((pasts, _VERB_PREFIXES), (imperfects, _IMPERFECT_PREFIXES)):
            for form in forms:
                for inflected in _with_pronouns(form, _OBJECT_PRONOUNS):
                    surfaces.update(prefix + inflected for prefix in prefixes)
    return surfaces


def noun_surfaces(word: str, *, prefixes: tuple[str, ...] | None = None) -> set[str]:
    """Every surface of one pattern word read as a noun (normalized); the article optional.

    ``prefixes`` replaces the proclitic combinations (``_NOUN_PREFIXES``) allowed in front.
    """
    prefixes = _NOUN_PREFIXES if prefixes is None else prefixes
    surfaces: set[str] = set()
    for alternative in word.split("|"):
        base = (
            alternative[2:]
            if alternative.startswith("ال") and len(alternative) > 4
            else alternative
        )
        forms = [base]
        if base[-1] not in "هاء":
            forms.append(base + "ا")  # the accusative's alef: هجوما، انتحاريا
        for form in forms:
            for prefix in prefixes:
                surfaces.add(prefix + form)
        for prefix in prefixes:
            if not prefix.endswith(("ال", "لل")):
                surfaces.update(
                    prefix + inflected for inflected in _with_pronouns(base, _POSSESSIVES)
                )
    return surfaces


def object_surfaces(word: str) -> set[str]:
    """The surfaces of the word right after a gap: the verb's object (or the preposition
    it governs), with the article, a possessive or tanween but no proclitic.

    ``أوقفت الشرطة مشتبها بالهجوم`` is an arrest: بالهجوم, after a preposition, is not
    what أوقف halts, as الهجوم in ``أوقفت القوات الهجوم`` is.
    """
    return noun_surfaces(word, prefixes=_OBJECT_PREFIXES)


def _parse_row(row: dict[str, str], line: int) -> LexiconEntry:
    missing = [column for column in COLUMNS if row.get(column) is None]
    if missing:
        raise LexiconError(f"line {line}: missing {', '.join(missing)}")
    event_type, mode, pos = row["type"], row["mode"] or None, row["pos"]
    if event_type not in EVENT_TYPES:
        raise LexiconError(f"line {line}: {event_type!r} is not a PLOVER type")
    if mode is not None and mode not in MODES.get(event_type, frozenset()):
        raise LexiconError(f"line {line}: {mode!r} is not a mode of {event_type}")
    context = tuple(filter(None, row["context"].split(",")))
    if not set(context) <= CONTEXTS:
        raise LexiconError(f"line {line}: unknown context in {row['context']!r}")
    if pos not in get_args(Pos):
        raise LexiconError(f"line {line}: {pos!r} is not a part of speech")
    if row["source"] not in SOURCES:
        raise LexiconError(f"line {line}: {row['source']!r} is not a source")
    try:
        weight = float(row["weight"])
    except ValueError as err:
        raise LexiconError(f"line {line}: weight {row['weight']!r}") from err
    if not 0.0 <= weight <= 1.0 or not row["pattern"].strip():
        raise LexiconError(f"line {line}: weight out of [0, 1] or empty pattern")
    return LexiconEntry(
        pattern=row["pattern"],
        event_type=cast(PloverType, event_type),
        mode=mode,
        context=context,
        pos=cast(Pos, pos),
        weight=weight,
        source=row["source"],
        note=row["note"],
        key=normalize(row["pattern"]),
    )


def read_entries(data: str) -> tuple[LexiconEntry, ...]:
    """The rows of a trigger table (``#`` lines are comments), validated."""
    lines = [line for line in data.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise LexiconError(f"the header must be {', '.join(COLUMNS)}")
    return tuple(_parse_row(row, number) for number, row in enumerate(reader, start=2))


# Prepositions a pattern may have after a gap: the gap before them is no subject.
_PREPOSITIONS: Final = frozenset(normalize("عن إلى الى على في مع ب ل من").split())


def _compile_rest(
    words: list[str], most: int = MAX_GAP
) -> Iterator[frozenset[str] | Gap | Proclitic]:
    """The words of a pattern after its first: surfaces, each gap with its kind and length
    (``most`` words), and the proclitic ب."""
    for at in range(1, len(words)):
        word = words[at]
        if word == PROCLITIC.letter:
            yield PROCLITIC
        elif word == GAP:
            following = words[at + 1] if at + 1 < len(words) else ""
            yield Gap(_PREPOSITIONS.isdisjoint(following.split("|")), most)
        elif words[at - 1] == GAP and _PREPOSITIONS.isdisjoint(word.split("|")):
            yield frozenset(object_surfaces(word))
        else:
            yield frozenset(noun_surfaces(word))


def compile_lexicon(entries: tuple[LexiconEntry, ...]) -> Lexicon:
    """Expand every pattern into its surfaces and index it by its first word."""
    triggers: dict[str, list[Compiled]] = {}
    cues: dict[str, list[Compiled]] = {}
    for index, entry in enumerate(entries):
        words = entry.key.split()
        verbal = entry.pos in ("verb", "passive")
        first = verb_surfaces(words[0]) - OTHER_WORDS if verbal else noun_surfaces(words[0])
        most = MAX_GAP if entry.event_type in _GAP_AS_FITTED else STATEMENT_GAP
        rest = tuple(_compile_rest(words, most))
        compiled = Compiled(index, rest)
        table = cues if entry.pos == "cue" else triggers
        for surface in first:
            table.setdefault(surface, []).append(compiled)
    return Lexicon(
        entries,
        {surface: tuple(found) for surface, found in triggers.items()},
        {surface: tuple(found) for surface, found in cues.items()},
    )


@cache
@bulk_load
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The compiled trigger lexicon, from ``path`` or the packaged table (once per process)."""
    if path is None:
        data = resources.files("rasd.resources").joinpath(RESOURCE).read_text("utf-8")
    else:
        data = path.read_text("utf-8")
    return compile_lexicon(read_entries(data))
