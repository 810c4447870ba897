"""Named actors rasd knows by name: the curated table ``resources/actors.tsv``.

The CRF learnt its names from ANERcorp's 2003-2006 news, so the actors of later conflicts
(قوات سوريا الديمقراطية, formed in 2015) are unknown words to it, and the multiword name of
an organisation comes out as a country inside it (سوريا, LOC). Where a sentence spells a
name of the table, that reading wins over the tagger's, and the entity carries the table's
id as ``kb_id``. The first word may carry proclitics (``وقوات``, ``للمرصد``); the table
lists each name once, without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress, count
from pathlib import Path
from typing import Any

from rasd.resources import bulk_load
from rasd.text import normalize

ACTORS_RESOURCE = "actors.tsv"
# The confidence of an entity read from the table: its spelling is sure, but a name can
# still be a common word (حماس is also "zeal").
KNOWN_CONFIDENCE = 0.95
# The columns every table has; the committed one adds ``_OPTIONAL`` for grounding.
_COLUMNS = ("id", "label", "sector", "country", "name_en", "names_ar")
_OPTIONAL = ("cameo", "inter", "aliases_en")


@dataclass(frozen=True, slots=True)
class KnownActor:
    """One row of the table: an actor and what is known about it.

    ``cameo`` is its CAMEO-style code (``SYRREB``), ``inter`` its ACLED actor type (1 state
    forces ... 8 external/other), ``aliases_en`` the English names the press uses (``SDF``);
    a table without those columns leaves them empty.
    """

    id: str
    label: str
    sector: str
    country: str | None
    name_en: str
    cameo: str | None = None
    inter: int | None = None
    aliases_en: tuple[str, ...] = ()
    names_ar: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KnownMatch:
    """A name of the table spelled by ``words[first:stop]`` of a sentence."""

    first: int
    stop: int
    actor: KnownActor


_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "لب")


def _surfaces(first: str) -> set[str]:
    """How the first word of a name may be written with proclitics before it."""
    forms = {prefix + first for prefix in _PROCLITICS}
    if first.startswith("ال"):
        # ل + ال is written لل: للمرصد
        forms |= {prefix + "ل" + first[1:] for prefix in ("", "و", "ف")}
        forms -= {"ل" + first, "ول" + first, "فل" + first}
    return forms


# An adjective after a match that makes it a longer name the table does not list:
# مجلس الأمن القومي is not the UN Security Council, القاعدة العسكرية is a base.
_CONTINUATIONS = frozenset(
    normalize(word)
    for word in (
        "القومي",
        "الوطني",
        "الأعلى",
        "العسكري",
        "العسكرية",
        "الجوية",
        "البحرية",
        "الداخلي",
        "المركزي",
        "الإقليمي",
        "المحلي",
        "الشعبي",
        "الثوري",
        "العربي",
        "العربية",
        "الإسلامي",
        "الإسلامية",
        "الجديد",
        "الجديدة",
    )
)


def _continues_name(word: str) -> bool:
    return word in _CONTINUATIONS


# Armies and executives are named by description (الجيش الإسرائيلي, البيت الأبيض), which
# news NER corpora do not tag as organisations; the table keeps them for actor grounding.
_DESCRIBED = frozenset({"state-military", "state-executive"})


def _check_header(fields: Sequence[str]) -> tuple[str, ...]:
    """The header's columns: the required ones, in order, each optional one at most once."""
    required = tuple(field for field in fields if field not in _OPTIONAL)
    optional = [field for field in fields if field in _OPTIONAL]
    if required != _COLUMNS or len(set(optional)) != len(optional):
        raise ValueError(f"actors table: expected header {_COLUMNS} (+ {_OPTIONAL}), got {fields}")
    return tuple(fields)


def _row(row: dict[str, str], number: int) -> tuple[KnownActor, Sequence[str]]:
    inter = row.get("inter", "")
    if inter and not (inter.isdigit() and 1 <= int(inter) <= 8):
        raise ValueError(f"actors table line {number}: inter {inter!r} is not an ACLED code 1-8")
    names = row["names_ar"].split("|")
    actor = KnownActor(
        row["id"],
        row["label"],
        row["sector"],
        row["country"] or None,
        row["name_en"],
        cameo=row.get("cameo") or None,
        inter=int(inter) if inter else None,
        aliases_en=tuple(alias for alias in row.get("aliases_en", "").split("|") if alias),
        names_ar=tuple(names),
    )
    return actor, names


class KnownNames:
    """The table's names, keyed by their normalized words, for longest-match lookup."""

    __slots__ = ("_firsts", "_longest", "_names", "_trie", "actors")

    def __init__(self, rows: Iterable[tuple[KnownActor, Sequence[str]]]) -> None:
        self._names: dict[tuple[str, ...], KnownActor] = {}
        # every actor of the table by its id, names or not
        self.actors: dict[str, KnownActor] = {}
        for actor, names in rows:
            self.actors.setdefault(actor.id, actor)
            for name in names:
                words = tuple(normalize(name).split())
                if words:
                    self._names.setdefault(words, actor)
        # every written form of a first word -> the first words it may be
        self._firsts: dict[str, tuple[str, ...]] = {}
        for first in sorted({words[0] for words in self._names}):
            for surface in sorted(_surfaces(first)):
                self._firsts[surface] = (*self._firsts.get(surface, ()), first)
        self._longest = max((len(words) for words in self._names), default=0)
        # the names as a trie of words: first word -> (actor or None, next words)
        self._trie = _trie(self._names)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> KnownNames:
        """Read the TSV: comment lines start with ``#``, then a header, then one actor a row."""
        rows: list[tuple[KnownActor, Sequence[str]]] = []
        header: tuple[str, ...] = ()
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if not header:
                header = _check_header(fields)
                continue
            if len(fields) != len(header):
                raise ValueError(
                    f"actors table line {number}: {len(fields)} fields, not {len(header)}"
                )
            rows.append(_row(dict(zip(header, fields, strict=True)), number))
        return cls(rows)

    @classmethod
    def load(cls, path: Path | None = None) -> KnownNames:
        if path is None:
            text = resources.files("rasd.resources").joinpath(ACTORS_RESOURCE).read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        return cls.from_lines(text.splitlines())

    @property
    def first_words(self) -> frozenset[str]:
        """The normalized first words of the names: ``قوات`` is a name's start in ``لقوات``."""
        return frozenset(first for firsts in self._firsts.values() for first in firsts)

    def __len__(self) -> int:
        return len(self._names)

    def find(self, norms: Sequence[str], *, described: bool = False) -> list[KnownMatch]:
        """Names of the table in a sentence of normalized words, longest first, no overlaps.

        A name led by a descriptor that the table also lists without it (حركة حماس and
        حماس, وكالة رويترز and رويترز) is matched from the second word, as news NER
        corpora tag it: the descriptor is not part of the name. Names of armies and
        executives (الجيش الإسرائيلي) are skipped unless ``described``: grounding reads
        them, NER does not.
        """
        matches: list[KnownMatch] = []
        firsts_of = self._firsts
        if firsts_of.keys().isdisjoint(norms):
            return matches  # most sentences: one set operation
        size = len(norms)
        names, trie = self._names, self._trie
        # only the words that may start a name are tried: most sentences have none or few
        candidates = compress(count(), map(firsts_of.__contains__, norms))
        resume = 0
        for at in candidates:
            if at < resume:
                continue
            found: KnownMatch | None = None
            for first in firsts_of[norms[at]]:
                # the lengths of the names that start here, walking the trie
                ending: list[tuple[int, KnownActor]] = []
                limit = min(self._longest, size - at)
                node, length = trie.get(first), 1
                while node is not None:
                    actor, following = node
                    if actor is not None:
                        ending.append((length, actor))
                    if length >= limit:
                        break
                    node = following.get(norms[at + length])
                    length += 1
                for length, actor in reversed(ending):  # the longest first
                    if found is not None and at + length <= found.stop:
                        break
                    stop = at + length
                    if stop < size and _continues_name(norms[stop]):
                        continue
                    if length > 1 and names.get(tuple(norms[at + 1 : stop])) is actor:
                        found = KnownMatch(at + 1, stop, actor)
                    else:
                        found = KnownMatch(at, stop, actor)
            if found is None:
                continue
            if found.actor.sector in _DESCRIBED and not described:
                resume = found.stop  # read for grounding later, not an entity in its own right
            else:
                matches.append(found)
                resume = found.stop
        return matches


_TrieNode = tuple[KnownActor | None, dict[str, Any]]


def _trie(names: dict[tuple[str, ...], KnownActor]) -> dict[str, _TrieNode]:
    """``names`` as a trie: first word -> (the actor of that one-word name or None, the
    trie of the words that may follow)."""
    root: dict[str, Any] = {}
    for words, actor in names.items():
        children = root
        for depth, word in enumerate(words, 1):
            node = children.setdefault(word, [None, {}])
            if depth == len(words):
                node[0] = actor
            children = node[1]

    def frozen(children: dict[str, Any]) -> dict[str, _TrieNode]:
        return {word: (node[0], frozen(node[1])) for word, node in children.items()}

    return frozen(root)


@cache
@bulk_load
def known_names() -> KnownNames:
    """The committed table, read once a process."""
    return KnownNames.load()


def apply_known(
    tagged: Sequence[tuple[str, float]], matches: Sequence[KnownMatch]
) -> list[tuple[str, float]]:
    """The tagger's ``(label, probability)`` per word, with the table's names written over.

    A known name replaces what the tagger read in its words (سوريا, LOC, inside قوات
    سوريا الديمقراطية), and a tagger entity cut by it loses its part inside the name.
    Where the tagger already reads an entity of the name's type there, its reading stands:
    its span follows the annotation it learnt (الأمم المتحدة للطفولة is one name).
    """
    result = list(tagged)
    for match in matches:
        label = match.actor.label
        if any(tag[2:] == label for tag, _ in tagged[match.first : match.stop]):
            continue
        for index in range(match.first, match.stop):
            inside = "B-" if index == match.first else "I-"
            result[index] = (inside + label, KNOWN_CONFIDENCE)
        stop = match.stop
        # an entity that ran on into the words after the name starts again after it
        if stop < len(result) and result[stop][0].startswith("I-"):
            tag, probability = result[stop]
            result[stop] = ("B-" + tag[2:], probability)
    return result
