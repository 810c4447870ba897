"""Actors to the knowledge base: named actors from ``actors.tsv``, generic agents, origins.

``resolve_actor`` reads an event argument (``قوات سوريا الديمقراطية``, ``جنود الجيش
العراقي``, ``مقاتلون من أوزبكستان``) and says who it is: the table's actor when the argument
names one, else the generic agent its words describe (``جنود``: military), with the country
its nationality adjective or country name gives (``العراقي``: IRQ), else the article's.
A nationality or origin is an attribute of the actor, never a place of the event (issue
6.3): ``مقاتلون من أوزبكستان`` are fighters from UZB, wherever they fought.

Everything is dict lookups on the normalized words of the argument, built once a process
from the reviewed tables (``resources/actors.tsv``, ``resources/agents.tsv``) and the
curated nationality table below, so a call costs microseconds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from rasd.model import Actor, Argument, Entity, TextLayer
from rasd.ner.known import KnownActor, known_names
from rasd.resources import bulk_load
from rasd.text import normalize, to_normalized_offset, to_original_span

AGENTS_RESOURCE = "agents.tsv"
PERSONS_RESOURCE = "persons.tsv"
_AGENT_COLUMNS = ("phrase", "role", "sector", "inter", "source", "en")

# The countries of the region's news and of the foreign actors in it: ISO 3166 alpha-3,
# Arabic names (CLDR's and the press's), and the nisba adjective of the nationality in its
# masculine singular (its other forms are derived: العراقية، عراقيون، العراقيين ...).
# Curated, not derived: CLDR has no demonyms, and names the press does not use (الأراضي
# الفلسطينية) or that are common words (مالي "financial", عمان also Amman) are left out.
COUNTRIES: tuple[tuple[str, str, str], ...] = (
    ("SYR", "سوريا|سورية", "سوري"),
    ("IRQ", "العراق", "عراقي"),
    ("LBN", "لبنان", "لبناني"),
    ("JOR", "الأردن", "أردني"),
    ("PSE", "فلسطين|قطاع غزة|الضفة الغربية", "فلسطيني"),
    ("ISR", "إسرائيل", "إسرائيلي"),
    ("EGY", "مصر", "مصري"),
    ("SAU", "السعودية|المملكة العربية السعودية", "سعودي"),
    ("YEM", "اليمن", "يمني"),
    ("OMN", "سلطنة عمان", "عماني"),
    ("ARE", "الإمارات|الإمارات العربية المتحدة", "إماراتي"),
    ("QAT", "قطر", "قطري"),
    ("BHR", "البحرين", "بحريني"),
    ("KWT", "الكويت", "كويتي"),
    ("IRN", "إيران", "إيراني"),
    ("TUR", "تركيا", "تركي"),
    ("LBY", "ليبيا", "ليبي"),
    ("TUN", "تونس", "تونسي"),
    ("DZA", "الجزائر", "جزائري"),
    ("MAR", "المغرب", "مغربي"),
    ("MRT", "موريتانيا", "موريتاني"),
    ("SDN", "السودان", "سوداني"),
    ("SSD", "جنوب السودان", "جنوب سوداني"),
    ("SOM", "الصومال", "صومالي"),
    ("ETH", "إثيوبيا", "إثيوبي"),
    ("ERI", "إريتريا", "إريتري"),
    ("DJI", "جيبوتي", ""),
    ("TCD", "تشاد", "تشادي"),
    ("NER", "النيجر", "نيجري"),
    ("NGA", "نيجيريا", "نيجيري"),
    ("AFG", "أفغانستان", "أفغاني"),
    ("PAK", "باكستان", "باكستاني"),
    ("IND", "الهند", "هندي"),
    ("CHN", "الصين", "صيني"),
    ("JPN", "اليابان", "ياباني"),
    ("KOR", "كوريا الجنوبية", "كوري جنوبي"),
    ("PRK", "كوريا الشمالية", "كوري شمالي"),
    ("RUS", "روسيا", "روسي"),
    ("UKR", "أوكرانيا", "أوكراني"),
    ("USA", "الولايات المتحدة|أمريكا|أميركا", "أمريكي|أميركي|أمريكاني"),
    ("GBR", "بريطانيا|المملكة المتحدة", "بريطاني"),
    ("FRA", "فرنسا", "فرنسي"),
    ("DEU", "ألمانيا", "ألماني"),
    ("ITA", "إيطاليا", "إيطالي"),
    ("ESP", "إسبانيا", "إسباني"),
    ("POL", "بولندا", "بولندي"),
    ("GRC", "اليونان", "يوناني"),
    ("NLD", "هولندا", "هولندي"),
    ("BEL", "بلجيكا", "بلجيكي"),
    ("SWE", "السويد", "سويدي"),
    ("NOR", "النرويج", "نرويجي"),
    ("DNK", "الدنمارك|الدانمرك", "دنماركي|دانمركي"),
    ("CAN", "كندا", "كندي"),
    ("AUS", "أستراليا", "أسترالي"),
    ("UZB", "أوزبكستان", "أوزبكي|أوزبكستاني"),
    ("TKM", "تركمانستان", "تركمانستاني"),
    ("TJK", "طاجيكستان", "طاجيكي|طاجيكستاني"),
    ("KAZ", "كازاخستان", "كازاخي|كازاخستاني"),
    ("KGZ", "قيرغيزستان", "قيرغيزي"),
    ("AZE", "أذربيجان", "أذربيجاني|أذري"),
    ("ARM", "أرمينيا", "أرميني"),
    ("GEO", "جورجيا", "جورجي"),
    ("CYP", "قبرص", "قبرصي"),
    ("CHE", "سويسرا", "سويسري"),
    ("AUT", "النمسا", "نمساوي"),
    ("SRB", "صربيا", "صربي"),
    ("BIH", "البوسنة|البوسنة والهرسك", "بوسني"),
    ("IRL", "أيرلندا", "أيرلندي"),
    ("THA", "تايلاند", "تايلاندي"),
    ("IDN", "إندونيسيا", "إندونيسي"),
    ("MYS", "ماليزيا", "ماليزي"),
    ("PHL", "الفلبين", "فلبيني"),
    ("NPL", "نيبال", "نيبالي"),
    ("BGD", "بنغلاديش", "بنغلاديشي"),
    ("LKA", "سريلانكا", "سريلانكي"),
    ("TLS", "تيمور الشرقية", "تيموري"),
    ("KEN", "كينيا", "كيني"),
    ("UGA", "أوغندا", "أوغندي"),
    ("SEN", "السنغال", "سنغالي"),
    ("BRA", "البرازيل", "برازيلي"),
    ("MEX", "المكسيك", "مكسيكي"),
    ("COL", "كولومبيا", "كولومبي"),
    ("VEN", "فنزويلا", "فنزويلي"),
    ("CUB", "كوبا", "كوبي"),
)

# The English short name and nationality adjective of each country of COUNTRIES, for the
# names readers see (إسرائيل: "Israel"; الشرطة in an Egyptian article: "Egyptian police").
# Curated beside COUNTRIES: CLDR, and pycountry, have names but no demonyms.
ENGLISH: Final[dict[str, tuple[str, str]]] = {
    "SYR": ("Syria", "Syrian"),
    "IRQ": ("Iraq", "Iraqi"),
    "LBN": ("Lebanon", "Lebanese"),
    "JOR": ("Jordan", "Jordanian"),
    "PSE": ("Palestine", "Palestinian"),
    "ISR": ("Israel", "Israeli"),
    "EGY": ("Egypt", "Egyptian"),
    "SAU": ("Saudi Arabia", "Saudi"),
    "YEM": ("Yemen", "Yemeni"),
    "OMN": ("Oman", "Omani"),
    "ARE": ("United Arab Emirates", "Emirati"),
    "QAT": ("Qatar", "Qatari"),
    "BHR": ("Bahrain", "Bahraini"),
    "KWT": ("Kuwait", "Kuwaiti"),
    "IRN": ("Iran", "Iranian"),
    "TUR": ("Turkey", "Turkish"),
    "LBY": ("Libya", "Libyan"),
    "TUN": ("Tunisia", "Tunisian"),
    "DZA": ("Algeria", "Algerian"),
    "MAR": ("Morocco", "Moroccan"),
    "MRT": ("Mauritania", "Mauritanian"),
    "SDN": ("Sudan", "Sudanese"),
    "SSD": ("South Sudan", "South Sudanese"),
    "SOM": ("Somalia", "Somali"),
    "ETH": ("Ethiopia", "Ethiopian"),
    "ERI": ("Eritrea", "Eritrean"),
    "DJI": ("Djibouti", "Djiboutian"),
    "TCD": ("Chad", "Chadian"),
    "NER": ("Niger", "Nigerien"),
    "NGA": ("Nigeria", "Nigerian"),
    "AFG": ("Afghanistan", "Afghan"),
    "PAK": ("Pakistan", "Pakistani"),
    "IND": ("India", "Indian"),
    "CHN": ("China", "Chinese"),
    "JPN": ("Japan", "Japanese"),
    "KOR": ("South Korea", "South Korean"),
    "PRK": ("North Korea", "North Korean"),
    "RUS": ("Russia", "Russian"),
    "UKR": ("Ukraine", "Ukrainian"),
    "USA": ("United States", "US"),
    "GBR": ("United Kingdom", "British"),
    "FRA": ("France", "French"),
    "DEU": ("Germany", "German"),
    "ITA": ("Italy", "Italian"),
    "ESP": ("Spain", "Spanish"),
    "POL": ("Poland", "Polish"),
    "GRC": ("Greece", "Greek"),
    "NLD": ("Netherlands", "Dutch"),
    "BEL": ("Belgium", "Belgian"),
    "SWE": ("Sweden", "Swedish"),
    "NOR": ("Norway", "Norwegian"),
    "DNK": ("Denmark", "Danish"),
    "CAN": ("Canada", "Canadian"),
    "AUS": ("Australia", "Australian"),
    "UZB": ("Uzbekistan", "Uzbek"),
    "TKM": ("Turkmenistan", "Turkmen"),
    "TJK": ("Tajikistan", "Tajik"),
    "KAZ": ("Kazakhstan", "Kazakh"),
    "KGZ": ("Kyrgyzstan", "Kyrgyz"),
    "AZE": ("Azerbaijan", "Azerbaijani"),
    "ARM": ("Armenia", "Armenian"),
    "GEO": ("Georgia", "Georgian"),
    "CYP": ("Cyprus", "Cypriot"),
    "CHE": ("Switzerland", "Swiss"),
    "AUT": ("Austria", "Austrian"),
    "SRB": ("Serbia", "Serbian"),
    "BIH": ("Bosnia and Herzegovina", "Bosnian"),
    "IRL": ("Ireland", "Irish"),
    "THA": ("Thailand", "Thai"),
    "IDN": ("Indonesia", "Indonesian"),
    "MYS": ("Malaysia", "Malaysian"),
    "PHL": ("Philippines", "Filipino"),
    "NPL": ("Nepal", "Nepali"),
    "BGD": ("Bangladesh", "Bangladeshi"),
    "LKA": ("Sri Lanka", "Sri Lankan"),
    "TLS": ("Timor-Leste", "Timorese"),
    "KEN": ("Kenya", "Kenyan"),
    "UGA": ("Uganda", "Ugandan"),
    "SEN": ("Senegal", "Senegalese"),
    "BRA": ("Brazil", "Brazilian"),
    "MEX": ("Mexico", "Mexican"),
    "COL": ("Colombia", "Colombian"),
    "VEN": ("Venezuela", "Venezuelan"),
    "CUB": ("Cuba", "Cuban"),
    # countries the gazetteer places events in that COUNTRIES has no Arabic names for
    # (مالي is also "financial"), so an article's country may be one of them
    "MLI": ("Mali", "Malian"),
    "BFA": ("Burkina Faso", "Burkinabe"),
    "CMR": ("Cameroon", "Cameroonian"),
    "CAF": ("Central African Republic", "Central African"),
    "COD": ("DR Congo", "Congolese"),
    "COG": ("Congo", "Congolese"),
    "MOZ": ("Mozambique", "Mozambican"),
    "TZA": ("Tanzania", "Tanzanian"),
    "RWA": ("Rwanda", "Rwandan"),
    "BDI": ("Burundi", "Burundian"),
    "ZAF": ("South Africa", "South African"),
    "GIN": ("Guinea", "Guinean"),
    "CIV": ("Ivory Coast", "Ivorian"),
    "GHA": ("Ghana", "Ghanaian"),
    "BEN": ("Benin", "Beninese"),
    "TGO": ("Togo", "Togolese"),
    "GMB": ("Gambia", "Gambian"),
    "SLE": ("Sierra Leone", "Sierra Leonean"),
    "LBR": ("Liberia", "Liberian"),
    "COM": ("Comoros", "Comorian"),
    "MDG": ("Madagascar", "Malagasy"),
    "ZWE": ("Zimbabwe", "Zimbabwean"),
    "AGO": ("Angola", "Angolan"),
    "MMR": ("Myanmar", "Myanmar"),
    "VNM": ("Vietnam", "Vietnamese"),
    "ROU": ("Romania", "Romanian"),
    "BGR": ("Bulgaria", "Bulgarian"),
    "HUN": ("Hungary", "Hungarian"),
    "CZE": ("Czech Republic", "Czech"),
    "PRT": ("Portugal", "Portuguese"),
    "FIN": ("Finland", "Finnish"),
    "BLR": ("Belarus", "Belarusian"),
    "ALB": ("Albania", "Albanian"),
    "XKX": ("Kosovo", "Kosovar"),
    "ARG": ("Argentina", "Argentine"),
    "CHL": ("Chile", "Chilean"),
    "PER": ("Peru", "Peruvian"),
    "NZL": ("New Zealand", "New Zealand"),
}

# Sectors whose members fight across borders: an agent of theirs takes a nationality in its
# English name only when its own words give one (طائرات حربية in a Lebanese article may be
# Israel's; مسلحون there are no "Lebanese gunmen" for it). Police, officials, protesters and
# civilians act at home, and the article's country is theirs.
_ABROAD_SECTORS: Final = frozenset(
    {"state-military", "rebel", "unidentified-armed", "militia", "criminal", "international"}
)

# ACLED codes a state's forces acting outside it as external forces.
_STATE_FORCES, _EXTERNAL = 1, 8

_WORD = re.compile(r"[^\W_]+")
# Proclitics a word may carry: conjunction, preposition, article (ل + ال is written لل).
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
_PREFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            (c + p + a).replace("لال", "لل")
            for c in _CONJUNCTIONS
            for p in _PREPOSITIONS
            for a in ("", "ال")
        }
    )
)
# A country after these is where something is, not where the actor is from.
_PLACE_PREPOSITIONS = frozenset(
    normalize(word) for word in ("في", "داخل", "إلى", "على", "نحو", "قرب", "شمال", "جنوب")
)


@dataclass(frozen=True, slots=True)
class Agent:
    """A row of the generic agents table."""

    phrase: str
    role: str
    sector: str
    inter: int
    en: str = ""  # the English noun of the phrase (police, gunmen)


# Sectors of the actor and agent tables whose members fight.
ARMED_SECTORS: Final = frozenset(
    {"state-military", "state-police", "rebel", "terrorist", "militia", "unidentified-armed"}
)


def fights(sector: str | None, id_: str | None, cameo: str | None) -> bool:
    """Whether an actor is armed: an armed sector, or a named actor outside those sectors
    that is a force all the same, the coalitions of armies (``IGOMIL``)."""
    return sector in ARMED_SECTORS or (id_ is not None and (cameo or "").endswith("MIL"))


def _stem(word: str) -> str:
    """A table word without its article: the written form its inflections are built on."""
    return word[2:] if word.startswith("ال") and len(word) >= 5 else word


def inflections(word: str) -> frozenset[str]:
    """The forms of a normalized table word the resolver matches, before proclitics.

    The written form says the class (see agents.tsv): -ون sound plural, -و its construct,
    -ي nisba, -ه (ة) feminine noun, anything else as written with tanween and dual.
    """
    if word.endswith("ون") and len(word) >= 5:
        stem = word[:-2]
        return frozenset(stem + end for end in ("", "ا", "ون", "ين", "و", "ي", "ان"))
    if word.endswith("و") and len(word) >= 4:
        stem = word[:-1]
        return frozenset(stem + end for end in ("", "ا", "ون", "ين", "و", "ي", "ان"))
    if word.endswith("ي") and len(word) >= 3:
        return frozenset(word + end for end in ("", "ا", "ون", "ين", "و", "ه", "ات", "ان", "تان"))
    if word.endswith("ه") and len(word) >= 3:
        return frozenset((word, word[:-1] + "ات", word[:-1] + "تان", word[:-1] + "تين"))
    return frozenset(word + end for end in ("", "ا", "ين", "ان"))


def _surfaces(forms: Iterable[str]) -> set[str]:
    return {prefix + form for form in forms for prefix in _PREFIXES}


class _Lexicon:
    """Multiword phrases of table words, looked up by the surface forms of text words."""

    __slots__ = ("_by_first", "_keys", "bare")

    def __init__(self) -> None:
        # surface -> the table words it may be, in table order: of two phrases as long, the
        # first row wins (انتحاريين is a form of both انتحاري and انتحاريون), whatever the
        # process's string hashing
        self._keys: dict[str, dict[str, None]] = {}
        # the forms as a name is written alone, with no proclitic but the article
        self.bare: set[str] = set()
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}

    def add(self, words: Sequence[str], value: object, forms: Iterable[str] | None = None) -> None:
        keys = tuple(_stem(word) for word in words)
        for index, word in enumerate(words):
            if forms is None or index:
                # الماني is ألماني, not ال + ماني: read the article both ways
                variants = inflections(word) | inflections(keys[index])
            else:
                variants = frozenset(forms)
            for surface in _surfaces(variants):
                self._keys.setdefault(surface, {})[keys[index]] = None
            if index == 0:
                self.bare |= set(variants) | {"ال" + form for form in variants}
        entries = self._by_first.setdefault(keys[0], [])
        entries.append((keys[1:], value))
        entries.sort(key=lambda entry: -len(entry[0]))  # longest phrase first

    def match(self, words: Sequence[str], at: int) -> tuple[int, object] | None:
        """The longest phrase starting at ``words[at]``: its length and value."""
        best: tuple[int, object] | None = None
        for first in self._keys.get(words[at], ()):
            for rest, value in self._by_first.get(first, ()):
                stop = at + 1 + len(rest)
                if best is not None and stop - at <= best[0]:
                    break
                if stop <= len(words) and all(
                    key in self._keys.get(words[at + 1 + i], ()) for i, key in enumerate(rest)
                ):
                    best = (stop - at, value)
                    break
        return best


@dataclass(frozen=True, slots=True)
class _Origin:
    country: str
    demonym: bool  # a nationality adjective, not a country name


class Tables:
    """The resolver's lookups: named actors and their English aliases, agents, countries."""

    __slots__ = (
        "agents",
        "countries",
        "english",
        "first_words",
        "located",
        "longest_english",
        "named",
        "persons",
        "role_sectors",
    )

    def __init__(
        self, agents: Sequence[Agent], persons: Iterable[tuple[Person, Sequence[str]]] = ()
    ) -> None:
        self.persons = Persons(persons)
        self.role_sectors = _role_sectors(agents)
        self.named = known_names()
        self.first_words = self.named.first_words
        self.english: dict[tuple[str, ...], KnownActor] = {}
        for actor in self.named.actors.values():
            for alias in actor.aliases_en:
                self.english.setdefault(tuple(_WORD.findall(alias)), actor)
        self.longest_english = max((len(words) for words in self.english), default=0)
        self.agents = _Lexicon()
        for agent in agents:
            self.agents.add(normalize(agent.phrase).split(), agent)
        self.countries = _Lexicon()
        # a country name with ب or ك on it (بالعراق) says where, not whose
        self.located: set[str] = set()
        for iso3, names, demonyms in COUNTRIES:
            for name in names.split("|"):
                words = normalize(name).split()
                forms = {words[0], _stem(words[0])}
                self.countries.add(words, _Origin(iso3, False), forms=forms)
                self.located |= {
                    prefix + form
                    for form in forms
                    for prefix in _PREFIXES
                    if set(prefix) & {"ب", "ك"}
                }
            for demonym in filter(None, demonyms.split("|")):
                self.countries.add(normalize(demonym).split(), _Origin(iso3, True))


@dataclass(frozen=True, slots=True)
class Role:
    """A dated role of a person: ``IRQGOV`` from ``start`` to ``end`` (ISO days, None: open)."""

    code: str
    start: str | None
    end: str | None

    def holds_on(self, day: str) -> bool:
        """Whether the role ran on ``day``: an open end runs to today, an open start from ever."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A row of ``persons.tsv``: a person the press names, and the roles they held."""

    id: str
    name_ar: str
    name_en: str | None
    roles: tuple[Role, ...]


_PERSON_COLUMNS = ("id", "name_ar", "aliases_ar", "name_en", "roles")
_ROLE_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Code prefixes that are no country: international, transnational and non-governmental.
_NON_STATE = frozenset({"IGO", "IMG", "NGO"})


def _role(text: str, number: int) -> Role:
    code, start, end = text.split(" ")
    days = [day for day in (start, end) if day != "-"]
    if not _ROLE_CODE.match(code) or not all(_ISO_DAY.match(day) for day in days):
        raise ValueError(f"persons table line {number}: bad role {text!r}")
    role = Role(code, None if start == "-" else start, None if end == "-" else end)
    if role.start and role.end and role.end < role.start:
        raise ValueError(f"persons table line {number}: role {text!r} ends before it starts")
    return role


def _tsv_rows(
    lines: Iterable[str], columns: tuple[str, ...], table: str
) -> Iterator[tuple[int, list[str]]]:
    """The line number and fields of each row of a reviewed TSV table: ``#`` comments and
    blank lines skipped, the header checked, every row of the header's width."""
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        if not header_seen:
            if tuple(fields) != columns:
                raise ValueError(f"{table} table: expected header {columns}, got {fields}")
            header_seen = True
            continue
        if len(fields) != len(columns):
            raise ValueError(
                f"{table} table line {number}: {len(fields)} fields, not {len(columns)}"
            )
        yield number, fields


def read_persons(lines: Iterable[str]) -> list[tuple[Person, tuple[str, ...]]]:
    """Rows of the persons TSV (``#`` comments, a header): each person and its aliases."""
    rows: list[tuple[Person, tuple[str, ...]]] = []
    for number, fields in _tsv_rows(lines, _PERSON_COLUMNS, "persons"):
        id_, name_ar, aliases, name_en, roles = fields
        person = Person(
            id_, name_ar, name_en or None, tuple(_role(r, number) for r in roles.split("|"))
        )
        rows.append((person, tuple(alias for alias in aliases.split("|") if alias)))
    return rows


def _key(words: Iterable[str]) -> tuple[str, ...]:
    """A name's words without their articles: the dictionary wrote أنور سادات for السادات."""
    return tuple(word[2:] if word.startswith("ال") and len(word) >= 5 else word for word in words)


class Persons:
    """People by their aliases' words, matched ignoring each word's article."""

    __slots__ = ("_firsts", "_longest", "_names", "by_id")

    def __init__(self, rows: Iterable[tuple[Person, Sequence[str]]]) -> None:
        self.by_id: dict[str, Person] = {}
        self._names: dict[tuple[str, ...], Person] = {}
        for person, aliases in rows:
            self.by_id[person.id] = person
            for alias in aliases:
                self._names.setdefault(_key(alias.split()), person)
        # every written form of a first word (proclitics, article) -> its key
        self._firsts: dict[str, str] = {}
        for first in {key[0] for key in self._names}:
            for surface in _surfaces((first, "ال" + first)):
                self._firsts.setdefault(surface, first)
        self._longest = max((len(key) for key in self._names), default=0)

    def find(self, words: Sequence[str]) -> tuple[int, int, Person] | None:
        """The first, longest alias in the normalized words: its word range and person."""
        for at, word in enumerate(words):
            first = self._firsts.get(word)
            if first is None:
                continue
            rest = _key(words[at + 1 : at + self._longest])
            for length in range(len(rest), -1, -1):
                person = self._names.get((first, *rest[:length]))
                if person is not None:
                    return at, at + 1 + length, person
        return None

    @property
    def first_words(self) -> frozenset[str]:
        """The first words of the aliases as written alone (with the article or not)."""
        return frozenset(
            form for first in set(self._firsts.values()) for form in (first, "ال" + first)
        )

    def __len__(self) -> int:
        return len(self._names)


def role_on(person: Person, day: str | None) -> Role | None:
    """The person's role on ``day`` (the latest begun, if several), or with no day the latest.

    Of roles begun the same day, the one that ends first: the dictionary often lists a
    broad role (ELI, elite) beside the office held over part of it.

    None when no role of theirs ran on the day: the person is known, their role then is not.
    """
    roles = person.roles if day is None else [r for r in person.roles if r.holds_on(day)]
    if not roles:
        return None
    latest = max(role.start or "" for role in roles)
    begun = [role for role in roles if (role.start or "") == latest]
    return min(begun, key=lambda role: role.end or "9999-12-31")  # the narrower: more specific


def code_country(code: str | None) -> str | None:
    """The ISO3 country a CAMEO-style code starts with; None for IGO, IMG, NGO or no code."""
    if not code or len(code) < 3 or code[:3] in _NON_STATE:
        return None
    return code[:3]


def read_agents(lines: Iterable[str]) -> list[Agent]:
    """Rows of the agents TSV: ``#`` comments, a header, then one phrase a row."""
    agents: list[Agent] = []
    for number, fields in _tsv_rows(lines, _AGENT_COLUMNS, "agents"):
        phrase, role, sector, inter, _source, en = fields
        if not (inter.isdigit() and 1 <= int(inter) <= 8):
            raise ValueError(f"agents table line {number}: inter {inter!r} is not 1-8")
        agents.append(Agent(phrase, role, sector, int(inter), en))
    return agents


# Roles of dated people the agents table has no word for: elites (former officials,
# notables) are civilians in ACLED's coding unless acting for a state or group.
_EXTRA_ROLES: dict[str, tuple[str, int | None]] = {
    "ELI": ("elite", 7),
    "HRI": ("ngo", 7),
    "IGO": ("international", 8),
}


def _role_sectors(agents: Sequence[Agent]) -> dict[str, tuple[str, int | None]]:
    """A CAMEO role's sector and ACLED inter: the agents table's commonest for the role."""
    counts: dict[str, Counter[tuple[str, int | None]]] = {}
    for agent in agents:
        counts.setdefault(agent.role, Counter())[(agent.sector, agent.inter)] += 1
    found = {role: counter.most_common(1)[0][0] for role, counter in counts.items()}
    return {**_EXTRA_ROLES, **found}


@cache
@bulk_load
def tables() -> Tables:
    """The committed tables, read once a process."""
    folder = resources.files("rasd.resources")
    agents = read_agents(folder.joinpath(AGENTS_RESOURCE).read_text("utf-8").splitlines())
    persons = read_persons(folder.joinpath(PERSONS_RESOURCE).read_text("utf-8").splitlines())
    return Tables(agents, persons)


def _words(layer: TextLayer, start: int, end: int) -> tuple[list[str], list[tuple[int, int]]]:
    """The normalized words of the original span ``[start, end)`` and their normalized spans."""
    first = to_normalized_offset(layer, start)
    last = to_normalized_offset(layer, end)
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(layer.normalized, first, last):
        words.append(match.group())
        spans.append(match.span())
    return words, spans


def _proclitics(word: str, bare: set[str] | frozenset[str]) -> int:
    """How many letters of conjunction and preposition lead ``word`` (و، ب، ل in ولقوات)."""
    for cut in range(min(4, len(word) - 2)):
        if word[cut:] in bare:
            return cut
    if word.startswith(("لل", "ولل", "فلل")):
        return word.index("لل") + 1  # ل + ال: the span keeps the ل of the article
    return 0


def _original(
    text: str,
    layer: TextLayer,
    spans: Sequence[tuple[int, int]],
    first: int,
    stop: int,
    cut: int = 0,
) -> tuple[int, int]:
    """The original span of words ``first`` to ``stop``, less ``cut`` leading letters."""
    return to_original_span(layer, spans[first][0] + cut, spans[stop - 1][1], text=text)


def _named(
    actor: KnownActor, start: int, end: int, origin: str | None, countries: Sequence[str]
) -> Actor:
    country = actor.country or origin
    return Actor(
        id=actor.id,
        name_en=actor.name_en,
        cameo=actor.cameo,
        sector=actor.sector,
        inter=_inter(actor.inter, country, countries),
        country=country,
        start=start,
        end=end,
    )


def _inter(inter: int | None, country: str | None, countries: Sequence[str]) -> int | None:
    """State forces outside their country are external forces, as ACLED codes them."""
    if inter == _STATE_FORCES and country and countries and countries[0] != country:
        return _EXTERNAL
    return inter


def _origin(words: Sequence[str], found: Tables) -> str | None:
    """The country the words say the actor is from: a nationality, or a country not after في."""
    at = 0
    while at < len(words):
        matched = found.countries.match(words, at)
        if matched is None:
            at += 1
            continue
        length, value = matched
        assert isinstance(value, _Origin)
        located = words[at] in found.located or (at > 0 and words[at - 1] in _PLACE_PREPOSITIONS)
        if value.demonym or not located:
            return value.country
        at += length
    if any(word.endswith(_OCCUPATION) for word in words):
        return _OCCUPIER  # قوات الاحتلال، طائرات الاحتلال: Arabic news's name for Israel's forces
    return None


# "The occupation" unqualified is Israel in Arabic news, whatever the article's country; a
# nationality beside it (قوات الاحتلال الأمريكي) is found first and says whose it is.
_OCCUPATION = ("الاحتلال", "للاحتلال")  # with its proclitics: والاحتلال، بالاحتلال
_OCCUPIER = "ISR"


def _find_named(words: Sequence[str], found: Tables) -> tuple[int, int, KnownActor] | None:
    """The first table name in the words: Arabic (with proclitics), then English aliases."""
    for match in found.named.find(words, described=True):
        return match.first, match.stop, match.actor
    for at in range(len(words)):
        for length in range(min(found.longest_english, len(words) - at), 0, -1):
            actor = found.english.get(tuple(words[at : at + length]))
            if actor is not None:
                return at, at + length, actor
    return None


def _person(
    person: Person,
    start: int,
    end: int,
    on: str | None,
    found: Tables,
    countries: Sequence[str],
) -> Actor:
    """A person as the actor they were on ``on``: their role then gives code, country, sector.

    With no role that day the person is still who the text names, with no code; their
    country is kept when all their roles are in one.
    """
    role = role_on(person, on)
    if role is None:
        homes = {code_country(r.code) for r in person.roles}
        country = next(iter(homes)) if len(homes) == 1 else None
        return Actor(start, end, person.id, person.name_en, country=country, as_of=on)
    country = code_country(role.code)
    sector, inter = found.role_sectors.get(role.code[3:6], (None, None))
    return Actor(
        id=person.id,
        name_en=person.name_en,
        cameo=role.code,
        sector=sector,
        inter=_inter(inter, country, countries),
        country=country,
        start=start,
        end=end,
        role_start=role.start,
        role_end=role.end,
        as_of=on,
    )


def resolve_actor(
    text: str,
    layer: TextLayer,
    argument: Argument,
    entities: Sequence[Entity],
    context_countries: Sequence[str] = (),
    on: str | None = None,
) -> Actor | None:
    """Who ``argument`` is, or None when its words name no actor the tables know.

    In order: the table row of the entity the argument refers to (or of its ``kb_id``); a
    table name inside the argument's words; the first generic agent word in them, with the
    country of a nationality or country name in them (``جنود الجيش العراقي``, ``مقاتلون من
    أوزبكستان``), else the first of ``context_countries``; a bare country or nationality
    (``إسرائيل``) is that country's actor with no role. ``context_countries`` are the
    article's countries, most prominent first (``places.document_countries``).

    A person of the persons table (``نوري المالكي``, named by the entity's ``kb_id`` or in
    the words) is the actor of their role on ``on`` (the event's ISO date, else the
    publication's; None: their latest role).
    """
    found = tables()
    words, spans = _words(layer, argument.start, argument.end)
    origin = _origin(words, found) if words else None
    kb_id = argument.kb_id
    entity = entities[argument.entity] if argument.entity is not None else None
    if entity is not None and entity.kb_id:
        kb_id = entity.kb_id
    actor = found.named.actors.get(kb_id) if kb_id else None
    person = found.persons.by_id.get(kb_id) if kb_id else None
    if actor is not None or person is not None:
        start, end = (entity.start, entity.end) if entity else (argument.start, argument.end)
        if person is not None:
            return _person(person, start, end, on, found, context_countries)
        assert actor is not None
        return _named(actor, start, end, origin, context_countries)
    if not words:
        return None
    named = _find_named(words, found)
    if named is not None:
        first, stop, actor = named
        cut = _proclitics(words[first], found.first_words)
        start, end = _original(text, layer, spans, first, stop, cut)
        return _named(actor, start, end, origin, context_countries)
    dated = found.persons.find(words)
    if dated is not None:
        first, stop, person = dated
        cut = _proclitics(words[first], found.persons.first_words)
        start, end = _original(text, layer, spans, first, stop, cut)
        return _person(person, start, end, on, found, context_countries)
    for at in range(len(words)):
        matched = found.agents.match(words, at)
        if matched is None:
            continue
        length, agent = matched
        assert isinstance(agent, Agent)
        country = origin or (context_countries[0] if context_countries else None)
        if agent.sector == "international":
            country = None  # المبعوث الأممي، قوات حفظ السلام: of no country of the article
        cut = _proclitics(words[at], found.agents.bare)
        start, end = _original(text, layer, spans, at, at + length, cut)
        home = None if agent.sector in _ABROAD_SECTORS else country
        return Actor(
            id=None,
            name_en=agent_name(agent, origin or home),
            cameo=(country or ("IGO" if agent.sector == "international" else "")) + agent.role,
            sector=agent.sector,
            inter=_inter(agent.inter, country, context_countries),
            country=country,
            start=start,
            end=end,
        )
    return _country_actor(text, layer, words, spans, found)


def _country_actor(
    text: str,
    layer: TextLayer,
    words: Sequence[str],
    spans: Sequence[tuple[int, int]],
    found: Tables,
) -> Actor | None:
    """A country named as an actor (إسرائيل ردت، الأميركيون): its code, no role."""
    for at in range(len(words)):
        matched = found.countries.match(words, at)
        if matched is None:
            continue
        length, value = matched
        assert isinstance(value, _Origin)
        cut = _proclitics(words[at], found.countries.bare)
        start, end = _original(text, layer, spans, at, at + length, cut)
        name = ENGLISH.get(value.country)
        return Actor(
            start,
            end,
            name_en=name[0] if name else None,
            cameo=value.country,
            country=value.country,
        )
    return None


def agent_name(agent: Agent, country: str | None) -> str | None:
    """The English name of a generic agent: its noun, after the country's nationality
    adjective when it has one ("Egyptian police", "gunmen")."""
    if not agent.en:
        return None
    name = ENGLISH.get(country or "")
    return f"{name[1]} {agent.en}" if name else agent.en
