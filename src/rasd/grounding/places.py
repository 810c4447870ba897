"""Places to coordinates: the compiled gazetteer, lookup of Arabic place phrases, resolution.

``resolve("بشرق سوريا")`` is eastern Syria at ACLED precision 2; ``resolve("الموصل")`` is
Mosul at precision 1; ``resolve("العراق")`` is Iraq's centroid at precision 3. Everything
is dict lookups on normalized names (``rasd.text.normalize``), so a call costs microseconds.

The gazetteer is ``resources/places.tsv.gz``, built by ``train/build_places.py`` from
GeoNames (cities500, admin1 and admin2 with Arabic names; CC BY 4.0), CLDR Arabic country
names and the curated ``resources/places_supplement.tsv``.
"""

from __future__ import annotations

import gzip
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from rasd.model import Entity, Location, TextLayer
from rasd.resources import bulk_load
from rasd.text import normalize, to_normalized_offset

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "places.tsv.gz"
# ANERcorp's frequent words that are almost never in a name (train/build_common_words.py)
NOT_NAMES_RESOURCE = "not_names.txt.gz"

# Precision on ACLED's geo_precision scale.
TOWN, NEAR, PROVINCE = 1, 2, 3

# Words that open a place phrase and say nothing about the place: prepositions written apart.
_PREPOSITIONS = frozenset({"في", "الي", "من", "عند", "داخل", "ضمن", "على", "علي", "نحو"})
# Words that make the place an approximation: near a town is precision 2.
_NEAR = frozenset(
    {"قرب", "بقرب", "محيط", "اطراف", "ضواحي", "مشارف", "حول", "جوار", "بالقرب", "مقربه", "طريق"}
)
_DIRECTIONS = frozenset({"شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي"})
# The centre of a town is the town (ACLED codes وسط بغداد as Baghdad, precision 1), and so
# are its streets and quarters and the capital named before its name (العاصمة كاتماندو).
_CENTRE = frozenset({"وسط", "قلب", "شوارع", "احياء", "العاصمه", "عاصمه"})
# Common nouns that name a kind of place, never one place: ``وسط المدينة``، ``شرق البلدة``،
# ``قرب المسجد`` refer back to a place named before. GeoNames carries some of them as names
# (المدينة is Medina, البلدة a village in Iran): read alone, they resolve to nothing.
_GENERIC_WORDS = (
    "مدينة مدن بلدة بلدات قرية قرى منطقة مناطق حي أحياء مخيم مخيمات سوق أسواق شارع شوارع "
    "طريق منزل منازل بيت مبنى مبان عمارة مسجد جامع كنيسة مدرسة جامعة مستشفى سجن مطار "
    "ميناء ساحة ميدان جسر حدود معبر مركز مقر سفارة فندق مطعم محكمة حاجز ثكنة قاعدة "
    "عاصمة بلاد دولة محافظة ولاية إقليم قضاء ناحية مديرية ريف ضاحية أطراف قطاع مكان "
    "موقع جبهة قصر قلعة برج جبل سد معسكر نادي مرفأ شاطئ مزرعة دير بحيرة حصن حمام"
)
_GENERIC = frozenset(normalize(word) for word in _GENERIC_WORDS.split())
# ``ريف حلب الشمالي``: a trailing direction adjective, either gender.
_DIRECTION_ADJECTIVES = frozenset(
    {
        "الشرقي",
        "الغربي",
        "الشمالي",
        "الجنوبي",
        "الشرقيه",
        "الغربيه",
        "الشماليه",
        "الجنوبيه",
        "الاوسط",
        "الشمالي الشرقي",
    }
)
# Heads: which kinds of place the phrase itself asks for (قرية الباغوز is a village, محافظة
# حلب the governorate, not the city). ريف X is the countryside around X: precision 2.
_TOWN_KINDS = frozenset({"city", "village"})
_DIVISION_KINDS = frozenset({"admin1", "admin2"})
_HEADS: dict[str, frozenset[str] | None] = {
    "مدينه": _TOWN_KINDS,
    "بلده": _TOWN_KINDS,
    "قريه": _TOWN_KINDS,
    "مخيم": _TOWN_KINDS,
    "حي": _TOWN_KINDS,
    "محافظه": _DIVISION_KINDS,
    "ولايه": _DIVISION_KINDS,
    "اقليم": _DIVISION_KINDS,
    "قضاء": _DIVISION_KINDS,
    "ناحيه": _DIVISION_KINDS,
    "مديريه": _DIVISION_KINDS,
    "منطقه": None,
    "ريف": None,
    # سلطنة عمان is Oman, not Amman; مملكة البحرين the kingdom.
    "سلطنه": frozenset({"country"}),
    "مملكه": frozenset({"country"}),
    "جمهوريه": frozenset({"country"}),
    "دوله": frozenset({"country"}),
}
# A facility named after its town is at the town (ACLED codes an airport strike at the
# town): مطار زوارة الدولي، ميناء الحديدة، قاعدة الجفرة، معبر رفح، سجن صيدنايا، قصر قرطاج.
_FACILITY_WORDS = "مطار ميناء مرفأ قاعدة معبر سجن قصر"
_FACILITIES = frozenset(normalize(word) for word in _FACILITY_WORDS.split())
# What follows a facility's town: مطار زوارة الدولي، قاعدة الجفرة الجوية.
_FACILITY_ADJECTIVE_WORDS = (
    "الدولي الدولية العسكري العسكرية الجوي الجوية البحري البحرية المدني المركزي"
)
_FACILITY_ADJECTIVES = frozenset(normalize(word) for word in _FACILITY_ADJECTIVE_WORDS.split())
# ``ناحية الرشاد (45 كلم جنوب كركوك)``، ``على بعد 30 كيلومترا شمال بغداد``: a distance from a
# reference town. The words between the place and the distance, and between the distance
# and the town, say nothing about either.
_DISTANCE_UNIT_WORDS = "كم كلم كيلومتر كيلومترا كيلومترات كيلومترين ميل ميلا أميال متر مترا أمتار"
_DISTANCE_UNITS = frozenset(normalize(word) for word in _DISTANCE_UNIT_WORDS.split())
_DISTANCE_FILLER_WORDS = (
    "على علي بعد مسافة نحو حوالي حوالى قرابة زهاء أكثر اكثر أقل اقل من تقع يقع تبعد يبعد "
    "التي الذي الواقعة الواقع"
)
_DISTANCE_FILLERS = frozenset(normalize(word) for word in _DISTANCE_FILLER_WORDS.split())
_DISTANCE_DIRECTIONS = (
    _DIRECTIONS
    | frozenset({"الي", "من", "عن", "الشمال", "الجنوب", "الشرق", "الغرب"})
    | _DIRECTION_ADJECTIVES
)
# Brackets and commas around a distance are written on its words: ``(45``، ``كركوك)``.
_DISTANCE_PUNCTUATION = str.maketrans(dict.fromkeys('()[]،,«»"', " "))
# ``شمال غربي البلاد``، ``جنوب البلاد``، ``في الشمال الغربي من البلاد``: a part of "the
# country", which is the one the article is about; ``وسط البلاد`` too (no town is meant).
_COUNTRY_PARTS = (
    _DIRECTIONS
    | _DIRECTION_ADJECTIVES
    | frozenset({"وسط", "الشمال", "الجنوب", "الشرق", "الغرب", "من"})
)
# Single-letter proclitics on the first word: و/ف then ب/ل/ك (وبالباغوز, لسوريا).
_PROCLITICS = ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل", "ك")
# Without a head, the kind the reader means: a country named is the country; a curated
# region is what analysts write; a town before a same-named division (حلب is the city).
_KIND_RANK = {"country": 0, "region": 1, "city": 2, "village": 2, "admin1": 3, "admin2": 4}
# A curated row exists because Arabic conflict news names it: weigh it like a town 100
# times its size, so الهول in Syria beats Hull, Massachusetts (GeoNames' الهول) unaided.
_CURATED_BONUS = 2.0
# Each step down the context list costs what a tenfold population does: the Raqqa of
# 530,000 in the second context country beats a Raqqa village of 600 in the first.
_CONTEXT_STEP = 1.0
# A town shares a country's name and is meant instead of it only when it is a major city:
# عمان (Amman, 1.3 million) in Jordanian context, not a hamlet called لبنان.
_CITY_OVER_COUNTRY = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: ``name_ar`` as written in its source, ``country`` ISO 3166 alpha-3."""

    id: str  # GeoNames id, or ``rasd:...`` for a curated row
    name_ar: str
    name_en: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    kind: str  # country, admin1, admin2, city, village or region
    population: int
    admin1_code: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    """A place and how precisely the phrase locates the event (ACLED geo_precision); ``how``
    says how the phrase was read when not by the gazetteer's own spelling of its name."""

    place: Place
    precision: int
    how: str | None = None


# Why a place was chosen (``Location.reason``), in words a reader of ``rasd extract --format
# text`` follows: where the event's sentence names it, then how grounding read it.
NAMED_IN_SENTENCE = "named in the sentence"
OPENS_SENTENCE = "the place the sentence opens with"
NAMED_BEFORE = "named before the event in its sentence"
FROM_HEADLINE = "from the headline"
ARTICLES_COUNTRY = "the article's country"
ARTICLES_TOWN = "the town the article is about"
_CAPITAL_OF_ARTICLE = "the capital of the article's country"
_CAPITAL_OF_ADJECTIVE = "the capital of the country its adjective names"
_SPELLED_OTHERWISE = "a place of the article's countries spelled otherwise"


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a phrase names once its modifiers are peeled off."""

    places: tuple[Place, ...]
    kinds: frozenset[str] | None  # the kinds a head asks for, None when it asks nothing
    approximate: bool  # near, countryside of, or a direction of the place


# Foreign and local names reach Arabic in several spellings: a long vowel written or not
# (كابول، كابل), g as غ or ج (شبرغان، شبرجان), a compound in one word or two (كفرزيتا، كفر
# زيتا). A name's skeleton drops what varies; names of two letters are too short
# to compare so.
_SKELETON_DROP = str.maketrans({"ا": None, "و": None, "ي": None, " ": None, "غ": "ج"})
_SKELETON_LETTERS = 3


def skeleton(normalized: str) -> str:
    """A normalized name less its article, spaces, medial long vowels, with غ as ج."""
    bare = normalized.removeprefix("ال")
    return bare[:1] + bare[1:].translate(_SKELETON_DROP) if bare else ""


# GeoNames has no Arabic name for many towns (ترهونة، موبي، بن قردان): a name the gazetteer
# lacks is matched by its consonants to the Latin names of towns of the article's countries.
# Both sides are reduced to classes of consonants the two scripts write alike: vowels, و،
# ي، ع and the article go; ق، ك، غ، خ are k (and g, q, c, kh, gh), ج is j or, in Egypt and
# for foreign names, g.
_ARABIC_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "x", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "k", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ڤ": "k", "پ": "b", "گ": "k",
}  # fmt: skip
_LATIN_DIGRAPHS = (
    ("tch", "x"), ("sch", "x"), ("sh", "x"), ("ch", "x"), ("kh", "k"), ("gh", "k"),
    ("th", "t"), ("dh", "d"), ("ph", "f"), ("dj", "j"), ("zh", "j"),
)  # fmt: skip
_LATIN_CONSONANTS = str.maketrans(
    {"p": "b", "g": "k", "q": "k", "c": "k", "v": "f", "x": "k", "a": None, "e": None,
     "i": None, "o": None, "u": None, "y": None, "w": None}
)  # fmt: skip
# The Latin article: Al Qurnah, Ad Dumayr, Ash Shakhurah, El Mahalla, ez-Zor.
_LATIN_ARTICLE = re.compile(r"\b[ae](?:l|sh|th|dh|[tdrzsn])[\s-]+")
_TRANSLITERATED_LETTERS = 3  # consonants, or two for a town of _NOTABLE_POPULATION


def latin_key(name: str) -> str:
    """The consonant classes of a Latin place name (``Tarhuna`` -> ``trhn``)."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    letters = "".join(c for c in decomposed if "a" <= c <= "z" or c in " -")
    letters = _LATIN_ARTICLE.sub(" ", " " + letters).replace("-", " ")
    words = []
    for word in letters.split():
        word = _collapse(word)  # Mahalla: a geminate is not written in Arabic
        for digraph, letter in _LATIN_DIGRAPHS:
            word = word.replace(digraph, letter.upper())
        if len(word) > 2 and word.endswith("h"):
            word = word[:-1]  # Tarhunah: ة
        words.append(word.translate(_LATIN_CONSONANTS).lower())
    return "".join(words)


def arabic_keys(normalized: str) -> tuple[str, ...]:
    """The consonant classes of a normalized Arabic name, each reading of its ج."""
    words = []
    for word in normalized.split():
        word = word.removeprefix("ال") if len(word) > 4 else word
        words.append(word[:-1] if len(word) > 2 and word.endswith("ه") else word)  # ة
    letters = "".join(words)
    if not letters or any(c not in _ARABIC_CONSONANTS and c not in "اويعءئؤ" for c in letters):
        return ()
    key = "".join(_ARABIC_CONSONANTS.get(c, "") for c in letters)
    if key.count("j") > 3:
        return ()
    options = [("j", "k") if c == "j" else (c,) for c in key]
    return tuple(dict.fromkeys("".join(o) for o in itertools.product(*options)))


def _collapse(word: str) -> str:
    """Doubled letters as one."""
    return "".join(c for i, c in enumerate(word) if i == 0 or word[i - 1] != c)


def _latin_place(line: str) -> Place:
    """The town of a T line of the compiled gazetteer."""
    _, id_, country, admin1, code, lat, lon, pop, name_en, _ = line.split("\t")
    return Place(
        id_, "", name_en, float(lat), float(lon), country, admin1 or None, "city",
        int(pop), code or None,
    )  # fmt: skip


def _names_by_skeleton(by_name: dict[str, tuple[Place, ...]]) -> dict[str, list[str]]:
    """The names of ``by_name`` by their skeleton, of ``_SKELETON_LETTERS`` or more, in order."""
    names = list(by_name)
    bares = [name.removeprefix("ال") for name in names]
    # ``skeleton`` of every name in one translation: no name holds a line break
    rests = "\n".join([bare[1:] for bare in bares]).translate(_SKELETON_DROP).split("\n")
    found: dict[str, list[str]] = {}
    for name, bare, rest in zip(names, bares, rests, strict=True):
        if len(rest) + 1 >= _SKELETON_LETTERS:  # the first letter stays, whatever it is
            key = bare[0] + rest
            if key in found:
                found[key].append(name)
            else:
                found[key] = [name]
    return found


class Gazetteer:
    """Places by normalized Arabic name, and each country's bounding box."""

    __slots__ = (
        "_bounds",
        "_by_id",
        "_by_name",
        "_capitals",
        "_countries",
        "_demonyms",
        "_latin_by_id",
        "_latin_index",
        "_latin_places",
        "_skeleton_names",
        "_skeletons",
        "_spelled",
        "demonym_forms",
    )

    def __init__(
        self,
        by_name: dict[str, tuple[Place, ...]],
        bounds: dict[str, tuple[float, float, float, float]],
        capitals: dict[str, Place] | None = None,
        spelled: Sequence[str] = (),
        *,
        by_id: dict[str, Place] | None = None,
        country_names: Sequence[str] | None = None,
    ) -> None:
        self._by_name = by_name
        self._bounds = bounds
        self._capitals = capitals or {}
        # Towns with no Arabic name: their T lines as read. Most articles never ask for one
        # (only a name the gazetteer lacks does): the lines are indexed by ``latin_key`` when
        # first asked, and a key's lines made places when that key is.
        self._spelled = spelled
        self._latin_index: dict[str, list[str]] | None = None
        self._latin_places: dict[str, tuple[Place, ...]] = {}
        self._latin_by_id: dict[str, str] | None = None
        self._by_id = by_id  # the places of the Arabic names; built when first asked if None
        self._countries: dict[str, Place] | None = None  # by ISO3, built when first asked
        # names by skeleton, built when first asked; a skeleton's places when that one is
        self._skeleton_names: dict[str, list[str]] | None = None
        self._skeletons: dict[str, tuple[Place, ...]] = {}
        self._demonyms = _demonyms(by_name, country_names)
        # the forms with a country, also with the conjunction: the words to look for
        named = {form for form, country in self._demonyms.items() if country}
        self.demonym_forms = frozenset(named | {"و" + form for form in named})

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Read the compiled gazetteer (``places.tsv.gz`` by default)."""
        by_name: dict[str, list[Place]] = {}
        bounds: dict[str, tuple[float, float, float, float]] = {}
        capital_ids: dict[str, str] = {}  # the country's ISO3 -> its capital's id
        by_id: dict[str, Place] = {}
        country_names: list[str] = []  # the names of the countries' own rows
        # one decompression and one split: a line at a time through a text stream costs
        # more than the parsing
        lines = gzip.decompress((path or RESOURCE).read_bytes()).decode("utf-8").split("\n")
        # the T lines stay as read, parsed when a Latin-only town is first asked for
        spelled = [line for line in lines if line.startswith("T")]
        for line in lines:
            if not line or line[0] == "T":
                continue
            fields = line.split("\t")
            if fields[0] == "B":
                box = tuple(map(float, fields[2:6]))
                bounds[fields[1]] = (box[0], box[1], box[2], box[3])
                continue
            if fields[0] == "C":
                capital_ids[fields[1]] = fields[2]
                continue
            _, id_, kind, country, admin1, code, lat, lon, pop, name_en, name_ar, names = fields
            place = Place(
                id_, name_ar, name_en, float(lat), float(lon), country,
                admin1 or None, kind, int(pop), code or None,
            )  # fmt: skip
            by_id[id_] = place
            split_names = names.split("|")
            if kind == "country":
                country_names.extend(split_names)
            for name in split_names:
                if name in by_name:
                    by_name[name].append(place)
                else:
                    by_name[name] = [place]
        capitals = {iso3: by_id[id_] for iso3, id_ in capital_ids.items() if id_ in by_id}
        return cls(
            {name: tuple(places) for name, places in by_name.items()},
            bounds,
            capitals,
            spelled,
            by_id=by_id,
            country_names=country_names,
        )

    def bounds(self, country: str) -> tuple[float, float, float, float] | None:
        """(min lat, min lon, max lat, max lon) of the country's GeoNames cities."""
        return self._bounds.get(country)

    def place(self, place_id: str) -> Place | None:
        """The place of a gazetteer id, or None."""
        if self._by_id is None:
            self._by_id = {place.id: place for places in self._by_name.values() for place in places}
        found = self._by_id.get(place_id)
        if found is not None or not self._spelled:
            return found
        if self._latin_by_id is None:
            self._latin_by_id = {line.split("\t", 2)[1]: line for line in self._spelled}
        line = self._latin_by_id.get(place_id)
        return _latin_place(line) if line is not None else None

    def _latin(self, key: str) -> tuple[Place, ...]:
        """The towns with no Arabic name whose Latin name has this key (``latin_key``)."""
        found = self._latin_places.get(key)
        if found is not None:
            return found
        if self._latin_index is None:
            index: dict[str, list[str]] = {}
            for line in self._spelled:
                for each in line[line.rindex("\t") + 1 :].split("|"):
                    if each in index:
                        index[each].append(line)
                    else:
                        index[each] = [line]
            self._latin_index = index
        lines = self._latin_index.get(key, ())
        found = self._latin_places[key] = tuple(map(_latin_place, lines))
        return found

    def capital(self, iso3: str) -> Place | None:
        """The country's capital city, by ISO 3166 alpha-3 code; None if unknown."""
        return self._capitals.get(iso3)

    def country(self, iso3: str) -> Place | None:
        """The country itself (its centroid), by ISO 3166 alpha-3 code; None if unknown."""
        if self._countries is None:
            self._countries = {
                place.country: place
                for places in reversed(self._by_name.values())
                for place in reversed(places)
                if place.kind == "country"
            }  # reversed: the first row of a country wins, as the file lists it
        return self._countries.get(iso3)

    def exact(self, normalized: str) -> tuple[Place, ...]:
        """Places of exactly this normalized name, with or without the article ال.

        Both spellings count: GeoNames files Khartoum city as خرطوم and the state as الخرطوم,
        and the city must stay a candidate when the text writes الخرطوم.
        """
        other = normalized[2:] if normalized.startswith("ال") else "ال" + normalized
        found = self._by_name.get(normalized, ())
        more = self._by_name.get(other, ())
        if not more:
            return found
        if not found:
            return more
        seen = {place.id for place in found}
        return found + tuple(place for place in more if place.id not in seen)

    def alike(self, normalized: str) -> tuple[Place, ...]:
        """Places whose name is spelled like this one (``skeleton``): كابول and كابل,
        شبرجان and شبرغان, كفرزيتا and كفر زيتا. Loose: only for the article's countries."""
        key = skeleton(normalized)
        found_alike = self._alike(key) if len(key) >= _SKELETON_LETTERS else ()
        return found_alike + self.spelled(normalized)

    def _alike(self, key: str) -> tuple[Place, ...]:
        """The places of the names of this skeleton, each once, in the names' order."""
        places = self._skeletons.get(key)
        if places is not None:
            return places
        if self._skeleton_names is None:
            self._skeleton_names = _names_by_skeleton(self._by_name)
        found: dict[str, Place] = {}
        for name in self._skeleton_names.get(key, ()):
            found.update((place.id, place) for place in self._by_name[name])
        places = self._skeletons[key] = tuple(found.values())
        return places

    def spelled(self, normalized: str) -> tuple[Place, ...]:
        """Towns with no Arabic name whose Latin name has this name's consonants (ترهونة:
        Tarhuna); a name of two consonants only for a large town (موبي: Mubi)."""
        found: list[Place] = []
        for key in arabic_keys(normalized):
            if len(key) >= _TRANSLITERATED_LETTERS:
                found.extend(self._latin(key))
            elif len(key) == _TRANSLITERATED_LETTERS - 1:
                large = self._latin(key)
                found.extend(p for p in large if p.population >= _NOTABLE_POPULATION)
        return tuple(dict.fromkeys(found))

    def demonym_country(self, normalized: str) -> str | None:
        """The ISO3 country a nationality word names (العراقية -> IRQ), else None."""
        return self._demonyms.get(normalized) or None

    def is_demonym(self, normalized: str) -> bool:
        """Whether the phrase is a nationality (سوري، العراقيين): never a location (issue 6.3).

        GeoNames transliterates Surrey as سوري; an Arabic article writing سوري means Syrian.
        """
        return normalized in self._demonyms

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a raw or normalized place phrase, best-known spelling first.

        Handles ال or its absence, proclitics (بالموصل), a preposition (في حلب), heads
        (مدينة، قرية، محافظة، ريف X), directions (شرق X، ريف حلب الشمالي) and proximity (قرب X).
        """
        reading = self._read(normalize(name).strip())
        return list(reading.places) if reading is not None else []

    def _read(self, phrase: str) -> _Reading | None:
        return _read(self, phrase)


@lru_cache(maxsize=65536)
def _read_cached(gazetteer: Gazetteer, phrase: str, loose: bool = False) -> _Reading | None:
    words = phrase.split()
    if not words or gazetteer.is_demonym(phrase):
        return None
    reading = _peel(gazetteer, tuple(words), None, approximate=False, depth=0, loose=loose)
    if loose:
        return reading
    if reading is None and not _DISTANCE_UNITS.isdisjoint(words):
        return _read_distance(gazetteer, phrase)
    return reading


def _read_distance(gazetteer: Gazetteer, phrase: str) -> _Reading | None:
    """A place given by its distance from a town: the place if known, else near the town.

    ``ناحية الرشاد (45 كلم جنوب كركوك)`` with الرشاد unknown is near Kirkuk (ACLED codes an
    event a few km or more from a town at the town, precision 2); ``الموصل (370 كلم شمال
    بغداد)`` is Mosul; ``على بعد 30 كلم غرب بغداد`` alone is near Baghdad.
    """
    words = phrase.translate(_DISTANCE_PUNCTUATION).split()
    unit = next(index for index, word in enumerate(words) if word in _DISTANCE_UNITS)
    head = words[:unit]
    while head and (head[-1] in _DISTANCE_FILLERS or head[-1].isdigit()):
        head.pop()
    if head:
        reading = _read(gazetteer, " ".join(head))
        if reading is not None:
            return reading
    town = words[unit + 1 :]
    while town and town[0] in _DISTANCE_DIRECTIONS:
        town.pop(0)
    reading = _read(gazetteer, " ".join(town)) if town else None
    if reading is None:
        return None
    return _Reading(reading.places, reading.kinds, approximate=True)


@lru_cache(maxsize=4096)
def _names_the_country(phrase: str) -> bool:
    """Whether a normalized phrase is a part of "the country": ``بشمال غربي البلاد``."""
    words = phrase.split()
    while len(words) > 2 and words[0] in _PREPOSITIONS:
        words.pop(0)
    if len(words) < 2 or words[-1] != "البلاد":
        return False
    first = words[0]
    if first not in _COUNTRY_PARTS:
        first = next(
            (first[len(c) :] for c in _PROCLITICS if first.startswith(c) and len(first) > 3), ""
        )
    parts = [first, *words[1:-1]]
    return all(part in _COUNTRY_PARTS for part in parts) and parts != ["من"]


def _read(gazetteer: Gazetteer, phrase: str) -> _Reading | None:
    return _read_cached(gazetteer, phrase)


def _read_loosely(gazetteer: Gazetteer, phrase: str) -> _Reading | None:
    """The reading of ``phrase`` with names matched by their skeleton (``Gazetteer.alike``)."""
    return _read_cached(gazetteer, phrase, loose=True)


def _peel(
    gazetteer: Gazetteer,
    words: tuple[str, ...],
    kinds: frozenset[str] | None,
    *,
    approximate: bool,
    depth: int,
    loose: bool = False,
) -> _Reading | None:
    """The longest reading of ``words``: the whole phrase first, then one modifier less."""
    if len(words) == 1 and words[0].removeprefix("ال") in _GENERIC:
        return None  # وسط المدينة: the town meant is the one named before, not Medina
    name = " ".join(words)
    found = gazetteer.alike(name) if loose else gazetteer.exact(name)
    if found:
        return _Reading(found, kinds, approximate)
    if depth > 4 or not words:
        return None
    first, rest = words[0], words[1:]
    if rest:
        if first in _PREPOSITIONS:
            return _peel(
                gazetteer, rest, kinds, approximate=approximate, depth=depth + 1, loose=loose
            )
        if first in _NEAR:
            if rest[0] == "من":  # بالقرب من X
                rest = rest[1:]
            return _peel(gazetteer, rest, kinds, approximate=True, depth=depth + 1, loose=loose)
        if first in _DIRECTIONS:
            return _peel(gazetteer, rest, kinds, approximate=True, depth=depth + 1, loose=loose)
        if first in _CENTRE:
            return _peel(
                gazetteer, rest, kinds, approximate=approximate, depth=depth + 1, loose=loose
            )
        if first in _HEADS:
            head_kinds = _HEADS[first]
            return _peel(
                gazetteer,
                rest,
                head_kinds or kinds,
                approximate=approximate or first == "ريف",
                depth=depth + 1,
                loose=loose,
            )
        if first in _FACILITIES:
            while len(rest) > 1 and rest[-1] in _FACILITY_ADJECTIVES:
                rest = rest[:-1]
            return _peel(
                gazetteer, rest, kinds, approximate=approximate, depth=depth + 1, loose=loose
            )
        last = words[-1]
        if last in _DIRECTION_ADJECTIVES:
            return _peel(
                gazetteer, words[:-1], kinds, approximate=True, depth=depth + 1, loose=loose
            )
    for clitic in _PROCLITICS:
        if first.startswith(clitic) and len(first) - len(clitic) >= 2:
            stripped = (first[len(clitic) :], *rest)
            reading = _peel(
                gazetteer, stripped, kinds, approximate=approximate, depth=depth + 1, loose=loose
            )
            if reading is not None:
                return reading
    return None


def _demonyms(
    by_name: dict[str, tuple[Place, ...]], country_names: Sequence[str] | None = None
) -> dict[str, str]:
    """Nationality words of the countries and the country each names (issue 6.3).

    سوريا -> سوري، السوريون، سوريين ... -> SYR. A form two countries could give is kept
    without a country (empty string): it is still a nationality, never a place.
    ``country_names`` are the names with a country among their places, when known: the
    only ones read (most names are towns'), in the index's order.
    """
    stems: dict[str, set[str]] = {}
    if country_names is None:
        named = list(by_name)
    else:
        of_countries = set(country_names)
        named = [name for name in by_name if name in of_countries]
    for name in named:
        places = by_name[name]
        countries = {place.country for place in places if place.kind == "country"}
        if " " in name or not countries:
            continue
        bare = name.removeprefix("ال")
        found: list[str] = []
        for ending in ("يا", "ا", "ه"):
            if bare.endswith(ending) and len(bare) > len(ending) + 2:
                found.append(bare[: -len(ending)])
                break
        else:
            found.append(bare)
        if bare.endswith("ستان"):
            found.append(bare[:-4])
        for stem in found:
            stems.setdefault(stem, set()).update(countries)
    forms: dict[str, set[str]] = {}
    for stem, countries in stems.items():
        # يا: the indefinite accusative (قتل جنديا باكستانيا)
        for suffix in ("ي", "يه", "يا", "يون", "يين", "يان", "يتين"):
            forms.setdefault(stem + suffix, set()).update(countries)
            forms.setdefault("ال" + stem + suffix, set()).update(countries)
    # سورية is the country as much as the feminine nationality: a country's name wins.
    names = {n for n in named if any(p.kind == "country" for p in by_name[n])}
    return {
        form: next(iter(countries)) if len(countries) == 1 else ""
        for form, countries in forms.items()
        if form not in names
    }


@cache
@bulk_load
def gazetteer() -> Gazetteer:
    """The committed gazetteer, loaded once per process."""
    return Gazetteer.load()


def choose(
    places: Sequence[Place],
    *,
    kinds: frozenset[str] | None,
    context_countries: Sequence[str],
    near: Sequence[tuple[float, float]] = (),
) -> Place | None:
    """The place the phrase most likely means (see ``resolve``)."""
    if kinds is not None:
        wanted = [place for place in places if place.kind in kinds]
        places = wanted or places
    elif any(place.kind == "country" for place in places):
        # A country named alone is the country, even where a village shares its name, unless
        # the article is about a city of that name elsewhere: عمان amid Jordanian context is
        # Amman, and Oman only where Oman is in context too (سلطنة عمان is always Oman).
        country = next(place for place in places if place.kind == "country")
        city = _city_in_context(places, country, context_countries)
        return city or country
    context = list(context_countries)
    if context:
        # the article's countries are the prior: a name that is also a town abroad is
        # that town only when the text names its country (كابول in an article about
        # Afghanistan is not Kābūl in Israel), or when it is well known and near
        places = [
            p
            for p in places
            if p.kind == "country"  # سلطنة عمان: a country is named by its own name
            or p.country in context
            or near_countries(p, context, FAR_KM if _notable_abroad(p) else NEIGHBOUR_KM)
        ]
    if not places:
        return None

    def key(place: Place) -> tuple[bool, int, bool, float, str]:
        size = math.log10(place.population + 1)
        if place.id.startswith("rasd:"):
            size += _CURATED_BONUS
        if place.country in context:
            size -= _CONTEXT_STEP * context.index(place.country)
        # of two villages of one name, the one near the article's other places
        far = bool(near) and not _near_any(place, near)
        return (place.country not in context, _KIND_RANK.get(place.kind, 5), far, -size, place.id)

    return min(places, key=key)


def _city_in_context(
    places: Sequence[Place], country: Place, context_countries: Sequence[str]
) -> Place | None:
    """The largest town sharing a country's name, if the context is its country, not that one."""
    if country.country in context_countries:
        return None
    towns = [
        place
        for place in places
        if place.kind in _TOWN_KINDS
        and place.country in context_countries
        and place.population >= _CITY_OVER_COUNTRY
    ]
    return max(towns, key=lambda place: place.population, default=None)


# Of several places of a name in the article's country, one this near one of the article's
# other places (``near``) is meant before a larger one farther away.
NEAR_PLACES_KM = 150.0


def _near_any(place: Place, near: Sequence[tuple[float, float]]) -> bool:
    return any(
        great_circle_km(place.lat, place.lon, lat, lon) <= NEAR_PLACES_KM for lat, lon in near
    )


def resolve(
    name: str,
    *,
    context_countries: Sequence[str] = (),
    near: Sequence[tuple[float, float]] = (),
) -> Resolved | None:
    """The place a location phrase names, and the precision it names it with; None if unknown.

    Candidates are disambiguated by the article's countries (ISO3, most frequent first),
    then by kind (a country or division over a same-named town only when the phrase says
    so: محافظة حلب), then by population. Precision: a town 1; near or part of a town or a
    curated region (قرب الباغوز، ريف حلب، شرق سوريا) 2; a country or division named alone 3,
    also with a direction (شمال الأنبار), whose coordinates are the division's. A place
    given by its distance from a town is the place when known, else near the town: ``ناحية
    الرشاد (45 كلم جنوب كركوك)`` is Kirkuk at 2. A part of "the country" (``شمال غربي البلاد``)
    is the first context country at 3.

    ``near`` are the points of the article's other places: of several towns of a name, one
    near them is meant.
    """
    return _resolve(name, tuple(context_countries), tuple(near))


@lru_cache(maxsize=65536)
def _resolve(
    name: str, context: tuple[str, ...], near: tuple[tuple[float, float], ...] = ()
) -> Resolved | None:
    phrase = normalize(name).strip()
    exact = reading = _read(gazetteer(), phrase)
    place = None
    how: str | None = None
    if exact is not None:
        place = choose(exact.places, kinds=exact.kinds, context_countries=context, near=near)
    if place is None and context:
        # a name the gazetteer spells otherwise, or whose namesakes lie abroad: a place
        # of the article's countries spelled alike (كابول is Kabul beside Afghanistan)
        loose = _read_loosely(gazetteer(), phrase)
        if loose is not None:
            local = [p for p in loose.places if p.country in context and p.kind != "country"]
            place = choose(local, kinds=loose.kinds, context_countries=context, near=near)
            reading = loose
            how = _SPELLED_OTHERWISE
    if reading is None or place is None:
        if exact is not None:
            return None
        return _the_capital(phrase, context) or _the_country(phrase, context)
    if place.kind == "region":
        precision = NEAR
    elif place.kind in _TOWN_KINDS:
        precision = NEAR if reading.approximate else TOWN
    else:
        precision = PROVINCE
    return Resolved(place, precision, how)


def _the_country(phrase: str, context: tuple[str, ...]) -> Resolved | None:
    """The article's first country for a part of "the country" (``شمال غربي البلاد``).

    ACLED codes a region of a country at its centroid or the country's, precision 3.
    """
    if not context or not _names_the_country(phrase):
        return None
    country = gazetteer().country(context[0])
    return Resolved(country, PROVINCE, ARTICLES_COUNTRY) if country is not None else None


# ``العاصمة``، ``وسط العاصمة``، ``بالعاصمة الليبية``: the capital named by the word alone.
_CAPITAL = "العاصمه"


def _the_capital(phrase: str, context: tuple[str, ...]) -> Resolved | None:
    """The capital "the capital" names: of the country its adjective names (العاصمة
    الليبية), else of the article's first country; near it with a direction (شرق العاصمة).

    ACLED codes the capital named so at the city, precision 1.
    """
    words = phrase.split()
    while len(words) > 1 and (words[0] in _PREPOSITIONS or words[0] in _CENTRE - {_CAPITAL}):
        words.pop(0)
    approximate = False
    while len(words) > 1 and (words[0] in _DIRECTIONS or words[0] in _NEAR):
        approximate = True
        words.pop(0)
    first = words[0] if words else ""
    if first != _CAPITAL:
        first = next(
            (first[len(c) :] for c in _PROCLITICS if first.startswith(c) and len(first) > 6), ""
        )
    if first != _CAPITAL or len(words) > 2:
        return None
    found = gazetteer()
    country = found.demonym_country(words[1]) if len(words) == 2 else None
    if len(words) == 2 and country is None:
        return None  # العاصمة كابول is read as the town; العاصمة الإدارية is no capital
    how = _CAPITAL_OF_ADJECTIVE if country is not None else _CAPITAL_OF_ARTICLE
    country = country or (context[0] if context else None)
    capital = found.capital(country) if country is not None else None
    if capital is None:
        return None
    return Resolved(capital, NEAR if approximate else TOWN, how)


def is_place(name: str) -> bool:
    """Whether the gazetteer reads the phrase as a place (``وسط المدينة`` is none)."""
    return _read(gazetteer(), normalize(name).strip()) is not None


def names_the_country(name: str) -> bool:
    """Whether the phrase is a part of the article's country: ``شمال غربي البلاد``.

    Not ``is_place``: which country is meant is known only in the article's context.
    """
    return _names_the_country(normalize(name).strip())


# A name the NER missed is taken for a place only when it is well known: a country or
# province, a curated row, or a town of this many people (كراتشي، بعقوبة، السليمانية).
_NOTABLE_POPULATION = 100_000
_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "نا", "ي", "كم")


def is_notable_place(name: str) -> bool:
    """Whether ``name`` is a place news names without introduction: safe to read untagged."""
    return _notable(normalize(name).strip())


@lru_cache(maxsize=65536)
def _notable(phrase: str) -> bool:
    if any(
        phrase.endswith(suffix) and phrase[: -len(suffix)] in _GENERIC
        for suffix in _PRONOUN_SUFFIXES
    ):
        return False  # منزله is his house, not Al Manzalah
    reading = _read(gazetteer(), phrase)
    if reading is None:
        return False
    if reading.approximate or reading.kinds is not None:
        return False  # one word: no head, no direction
    if phrase in not_names():
        # بأنه is "that he" before it is Baneh, الحصار "the siege" before Hisar: only a
        # country or a curated place is read from such a word untagged
        return any(
            place.kind == "country" or place.id.startswith("rasd:") for place in reading.places
        )
    return any(
        place.kind == "country"
        or place.id.startswith("rasd:")
        or (place.kind in _TOWN_KINDS and place.population >= _NOTABLE_POPULATION)
        for place in reading.places
    )


@cache
def not_names() -> frozenset[str]:
    """Normalized words news uses as words, almost never in a name (أنه، جديد، خمس)."""
    path = RESOURCE.with_name(NOT_NAMES_RESOURCE)
    return frozenset(gzip.decompress(path.read_bytes()).decode("utf-8").split())


# Words before ``من`` that make what follows an origin, not a place where something
# happened: مقاتلون من أوزبكستان، عناصر من جنسيات عربية، لاجئين قادمين من العراق.
_ORIGIN_NOUNS = (
    "مقاتل",
    "عناصر",
    "جهادي",
    "متطوع",
    "مرتزق",
    "اجانب",
    "اجنبي",
    "جنسي",
    "ينحدر",
    "قادم",
    "رعايا",
    "مهاجر",
    "لاجئ",
    "المقاتل",
    "الجهادي",
    "المتطوع",
    "المرتزق",
    "الاجانب",
    "القادم",
    "اللاجئ",
    "المهاجر",
    "وافد",
    "الوافد",
)
_ORIGIN_FROM = frozenset({"من", "منها", "منهم", "مثل", "بينها", "بينهم"})
_ORIGIN_FILLER = frozenset({"دول", "بلدان", "مختلفه", "عده", "عديده", "اخري", "شتي", "عربيه"})


def is_origin(normalized: str, start: int) -> bool:
    """Whether the place starting at ``start`` of the normalized text is where people come from.

    ``المقاتلين من دول مختلفة منها أوزبكستان وتركمانستان``: both countries are origins
    (issue 6.3), and so never event locations nor article context.
    """
    words = normalized[max(0, start - 120) : start].split()
    listed = False  # the word after this one (towards the place) was و: a list goes on
    for steps, word in enumerate(reversed(words)):
        if steps >= 8:
            break
        if word == "و":
            listed = True
            continue
        if word in _ORIGIN_FILLER:
            continue
        if word in _ORIGIN_FROM:
            before = words[max(0, len(words) - steps - 4) : len(words) - steps - 1]
            if any(w.removeprefix("و").startswith(_ORIGIN_NOUNS) for w in before):
                return True
            continue  # من دول مختلفة منها: the people may stand before an earlier من
        if listed or word.endswith(("،", ",")):
            listed = False  # an earlier item: أوزبكستان in منها أوزبكستان وتركمانستان
            continue
        return False
    return False


def document_countries(
    text: str,
    layer: TextLayer,
    entities: Sequence[Entity],
    actor_countries: Sequence[str] = (),
) -> list[str]:
    """ISO3 countries of the article, most telling first: the context ``resolve`` weighs.

    First the countries of its LOC entities, most frequent first (ties: first named): a
    country named counts for itself; another place counts for its country when its
    candidates lie in one, or one of them outweighs the others tenfold (لندن is London).
    Origins (مقاتلون من أوزبكستان) do not count, nor a name a country shares with a major
    city elsewhere (عمان). Then the countries of the article's nationality words (المعارضة
    الأردنية): weaker evidence than a place, never a location (issue 6.3), but what tells
    Amman from Oman and Tripoli from Tripoli when the places alone cannot.

    ``actor_countries`` are the countries of the named actors the article resolves to (حزب
    الله: LBN), most named first: a place with a candidate in one of them counts for it,
    however much larger a namesake elsewhere (الجديدة is Jdeideh beside Hezbollah, not El
    Jadida), and they follow the places' countries in the list, before nationalities.
    """
    places = gazetteer()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    ambiguous = False  # a place the LOC countries alone may not settle
    datelines = _datelines(text)
    dated: list[str] = []  # countries of datelines: where the newsroom is, weaker evidence
    readings: list[tuple[Entity, tuple[Place, ...]]] = []
    for ent in entities:
        if ent.label != "LOC":
            continue
        start = to_normalized_offset(layer, ent.start)
        if is_origin(layer.normalized, start):
            continue
        reading = _read(places, normalize(ent.text).strip())
        if any(begin <= ent.start < end for begin, end in datelines):
            country = _reading_country(reading.places) if reading is not None else None
            if country is not None:
                dated.append(country)
            continue
        if reading is not None:
            readings.append((ent, reading.places))
    # What the text says outright: the countries it names, its places of one country, its
    # actors' and its nationalities' countries. A name that is also a small town abroad
    # counts for that town's country only near these (an article about Gaza names the
    # Zeitoun quarter, not Żejtun in Malta).
    named = list(
        dict.fromkeys(c for _, found in readings if (c := _one_country(found)) is not None)
    )
    anchors = [*named, *actor_countries, *_nationalities(places, layer.normalized)]
    for ent, found in readings:
        country = _hinted_country(found, [*actor_countries, *named])
        if country is not None and country not in actor_countries:
            # decided by the article's other places: the nationalities may still tell
            ambiguous = ambiguous or _reading_country(found) is None
        if country is None:
            country = _reading_country(found)
            if (
                country is not None
                and anchors
                and country not in anchors
                and not _plausible_abroad(found, country, anchors)
            ):
                country = None
        if country is None:
            ambiguous = True
            continue
        counts[country] += 1
        first.setdefault(country, ent.start)
    ranked = sorted(counts, key=lambda country: (-counts[country], first[country]))
    ranked += [country for country in dict.fromkeys(actor_countries) if country not in counts]
    ranked += [country for country in dict.fromkeys(dated) if country not in ranked]
    if ranked and not ambiguous:
        return ranked  # the nationalities would only follow: nothing left to decide
    return ranked + [c for c in _nationalities(places, layer.normalized) if c not in ranked]


# A dateline: the place a paragraph opens with, a dash, the outlet, a colon: «بيروت -
# وكالات:»، «الرياض - الشرق الأوسط:». Syria is reported from Beirut, Yemen from Riyadh.
_DATELINE = re.compile(r"(?m)^[ \t]*([^\s:،,.\-–—ـ][^:\n\-–—ـ]{0,30}?)[ \t]*[-–—ـ][^:\n]{1,40}:")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the place of each dateline in ``text`` (بيروت - وكالات:)."""
    return _datelines(text)


def _datelines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the place of each dateline in ``text``."""
    if "\n" not in text and ":" not in text[:80]:
        return []
    return [match.span(1) for match in _DATELINE.finditer(text)]


def _hinted_country(places: Sequence[Place], actor_countries: Sequence[str]) -> str | None:
    """The first of the actors' countries that one of a name's candidates lies in, or None."""
    if not actor_countries:
        return None
    candidates = {place.country for place in places}
    return next((country for country in actor_countries if country in candidates), None)


def _one_country(places: Sequence[Place]) -> str | None:
    """The country a name names outright: a country's own name (not also a major city's:
    عمان), or candidates all in one."""
    if any(place.kind == "country" for place in places):
        return _reading_country(places)
    countries = {place.country for place in places}
    return next(iter(countries)) if len(countries) == 1 else None


def _plausible_abroad(places: Sequence[Place], country: str, anchors: Sequence[str]) -> bool:
    """Whether a name's candidates in ``country``, which the text does not name, may count
    for it: one lies near a country the text names, or one is well known (a country, a
    province, a curated row, a town of ``_NOTABLE_POPULATION``)."""
    return any(
        place.country == country and (_notable_abroad(place) or near_countries(place, anchors))
        for place in places
    )


def _notable_abroad(place: Place) -> bool:
    return (
        place.kind in ("country", "admin1", "region")
        or place.id.startswith("rasd:")
        or place.population >= _NOTABLE_POPULATION
    )


# A place this far from every country the article names is on another continent, or across
# a sea: a reader takes a name there only when the text says so.
FAR_KM = 1000.0


# A village abroad is read only this near a country the article names: across its border.
NEIGHBOUR_KM = 300.0


def near_countries(place: Place, countries: Sequence[str], km: float = FAR_KM) -> bool:
    """Whether ``place`` lies within ``km`` of one of ``countries`` (their boxes)."""
    found = gazetteer()
    for country in countries:
        if country == place.country:
            return True
        box = found.bounds(country)
        if box is None:
            continue
        lat = min(max(place.lat, box[0]), box[2])
        lon = min(max(place.lon, box[1]), box[3])
        if great_circle_km(place.lat, place.lon, lat, lon) <= km:
            return True
    return False


# A word of Arabic letters: finding the words costs less than splitting at what is between.
_LETTERS = re.compile("[\u0621-\u064a]+")
# Tenfold the people: a candidate this much larger than every other country's decides it.
_DOMINANT = 1.0


def _reading_country(places: Sequence[Place]) -> str | None:
    """The one country a name's candidates point to, or None when they disagree."""
    countries = {place.country for place in places if place.kind == "country"}
    if countries:
        cities = {
            place.country
            for place in places
            if place.kind in _TOWN_KINDS and place.population >= _CITY_OVER_COUNTRY
        }
        return next(iter(countries)) if len(countries | cities) == 1 else None
    countries = {place.country for place in places}
    if len(countries) == 1:
        return next(iter(countries))
    sizes: dict[str, float] = {}
    for place in places:
        size = math.log10(place.population + 1) + (
            _CURATED_BONUS if place.id.startswith("rasd:") else 0.0
        )
        sizes[place.country] = max(sizes.get(place.country, 0.0), size)
    best, runner_up = sorted(sizes.values(), reverse=True)[:2]
    if best - runner_up < _DOMINANT:
        return None
    return max(sizes, key=sizes.__getitem__)


# The last text's nationalities: the events stage and grounding read one article's in turn.
_LAST_NATIONALITIES: list[tuple[str, list[str]]] = []


def _nationalities(places: Gazetteer, normalized: str) -> list[str]:
    """Countries of the nationality words in ``normalized``, most frequent first."""
    if _LAST_NATIONALITIES and _LAST_NATIONALITIES[0][0] is normalized:
        return list(_LAST_NATIONALITIES[0][1])
    found = _read_nationalities(places, normalized)
    _LAST_NATIONALITIES[:] = [(normalized, found)]
    return list(found)


def _read_nationalities(places: Gazetteer, normalized: str) -> list[str]:
    words = _LETTERS.findall(normalized)
    found = places.demonym_forms.intersection(words)  # one C-level pass: most texts have few
    if not found:
        return []
    counts: Counter[str] = Counter()
    for word in words:
        if word in found:
            country = places.demonym_country(word.removeprefix("و"))
            if country is not None:
                counts[country] += 1
    return [country for country, _ in counts.most_common()]


EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km between two points on a spherical Earth (haversine, stable when close)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def article_points(
    entities: Sequence[Entity], countries: Sequence[str]
) -> tuple[tuple[float, float], ...]:
    """Where the article's places are: its place names read as the gazetteer spells them,
    less countries (their centroids say nothing of a town's whereabouts)."""
    points: dict[tuple[float, float], None] = {}
    for entity in entities:
        if entity.label != "LOC":
            continue
        resolved = resolve(entity.text, context_countries=countries)
        if resolved is None or resolved.how is not None or resolved.place.kind == "country":
            continue
        points[(resolved.place.lat, resolved.place.lon)] = None
    return tuple(points)


def is_town(location: Location) -> bool:
    """Whether a grounded location is a town or near one (not a region, province or
    country): its gazetteer entry is a town."""
    if location.gazetteer_id is None:
        return False
    place = gazetteer().place(location.gazetteer_id)
    return place is not None and place.kind in _TOWN_KINDS


def ground_location(
    location: Location, countries: Sequence[str], near: Sequence[tuple[float, float]] = ()
) -> Location:
    """``location`` with its place filled in when the gazetteer knows it; unchanged if not.

    Its ``reason`` says how the phrase was read when grounding chose the place (the
    article's country for ``البلاد``, the capital for ``العاصمة``).
    """
    resolved = resolve(location.text, context_countries=countries, near=near)
    if resolved is None:
        return location
    place = resolved.place
    reason = location.reason
    if resolved.how is not None:
        reason = f"{reason}, read as {resolved.how}" if reason else resolved.how
    return replace(
        location,
        name_ar=place.name_ar or None,
        name_en=place.name_en,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
        gazetteer_id=place.id,
        precision=resolved.precision,
        reason=reason,
    )
