"""Build ``src/rasd/resources/persons.tsv``: people with dated roles, from UniversalPetrarch.

``petrarch-ar/actor_dict_ar_v4.txt`` lists actors by lemmatised name (words joined by
``_``), each with a code (``[IRQGOV]``) or dated role lines under it (``[IRQGOV
20101221-20140908]``, ``[TURGOV >20140828]`` from a day on, ``[RUSGOV <19530305]`` until
one). Most dated entries are people, but places and organisations carry dates too (copied
from the entry above: كابل as AFG 2001-2014), and many names are machine-translated (ألف
عمر كوناري is Alpha Oumar Konaré, "alpha" read as the numeral). This script keeps an entry
only when it reads as a person's name in Arabic:

1. leading titles and descriptions are dropped (رئيس وزير بريطاني غوردن براون is غوردن
   براون), as long as two words stay;
2. two to six words stay, all Arabic letters, none an organisation or office word;
3. the first word is a given name that Arabic news annotators tagged as a person (a word
   of ANERcorp's PERS names or the ANERgazet person list), and at least one other word
   is a name too (or a name particle: بن، أبو، عبد، آل): a translated common word is not;
4. at least one role survives: a well-formed code whose first three letters are an ISO
   3166 alpha-3 country (a row of the committed gazetteer) or IGO/NGO/IMG, and dates that
   are real and ordered (``18000101`` as an end means open; a role ending before it starts
   is dropped).

Lemmatisation is undone where it can be: a lone ``ال`` is the family word آل, a lone ``ل``
joins the next word. The article the lemmatiser took off a surname (أنور سادات for أنور
السادات) is not restored: matching ignores the article of every word. Entries of the same
name are merged, their roles united. The dictionary gives no English names.

    .venv/bin/python train/build_persons.py --data ../shared/data [--report]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rasd.grounding.actors import COUNTRIES, inflections
from rasd.grounding.places import gazetteer
from rasd.text import normalize

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "src" / "rasd" / "resources"
TABLE = RESOURCES / "persons.tsv"
GAZETTEER = RESOURCES / "places.tsv.gz"

_ROLE_LINE = re.compile(r"^\s*\[([A-Z]*)\s*(?:(\d{8})-(\d{8})|>\s*(\d{8})|<\s*(\d{8}))\s*\]\s*$")
_NAME_LINE = re.compile(r"^\s*([^\s\[]+)\s*(?:\[[^\]]*\])?\s*$")
_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_ARABIC_WORD = re.compile("^[\u0621-\u064a\u0670]+$")
_NON_STATE = ("IGO", "NGO", "IMG")
# An end date this early means "open": the dictionary's filler for a role still held.
_OPEN_BEFORE = "19000101"
_MIN_WORDS, _MAX_WORDS = 2, 6

# Titles, offices and descriptions that lead a name in the dictionary (lemmatised forms).
_TITLE_WORDS = (
    "رئيس رئيسة وزير وزيرة وزراء نائب خارجية داخلية دفاع مالية عدل برلمان مجلس حكومة "
    "دكتور دكتورة شيخ شيخة أمير أميرة ملك ملكة شاه سمو جلالة فخامة معالي سيد سيدة حاج "
    "إمام آية مرشد مفتي قاضي جنرال أدميرال بابا مشير لواء ركن عقيد عميد مقدم رائد نقيب فريق "
    "طيار بحري أول مستشار مستشارة أسبق سفير قائد زعيم مدير أمين عام سابق سابقة حالي رئاسة "
    "ولي عهد مبعوث ممثل متحدث ناطق باسم زعيمة عضو نائبة قنصل محافظ عمدة الذي التي"
)
_TITLES = frozenset(normalize(word) for word in _TITLE_WORDS.split())
# Words that make the entry an organisation, a place or an office, not a person.
_NOT_NAME_WORDS = (
    "حركة منظمة حزب جيش قوة قوات حكومة مجلس وزارة شرطة سفارة مؤتمر جامعة إدارة نظام "
    "مسؤول اتحاد محكمة جبهة تنظيم تحالف شركة صحيفة مجلة وكالة قناة إذاعة لجنة هيئة "
    "جمعية مكتب مركز معهد بنك صندوق دولة جمهورية مملكة ولاية إمارة سلطنة مدينة "
    "محافظة منطقة جماعة كتائب كتيبة لواء ميليشيا مليشيا ائتلاف برلمان رئاسة نقابة "
    "حرس سرية صليب مستوطنة معبر جبل سجن خادم فتح"
)
_NOT_NAMES = frozenset(normalize(word) for word in _NOT_NAME_WORDS.split())
# Entries the filters keep that review found not to be people, or garbled beyond use.
_REVIEWED_OUT = frozenset(
    normalize(name)
    for name in (
        "لو موند",
        "كنغز كروس",
        "نوم بنه",
        "قصبري ديميتري خريستوفياس",
        "حصري حسني مبارك",
        "الوزيرطارق وطارق متري",
        "نيكاراغوا دانييل اورتيغا",
    )
)
_PARTICLES = frozenset(normalize(word) for word in ("بن", "ابن", "بنت", "أبو", "أبي", "عبد", "آل"))
_KUNYA = frozenset(normalize(word) for word in ("أبو", "أبي", "بن", "عبد"))


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    start: str | None  # ISO date, None: since before the dictionary knows
    end: str | None  # ISO date, None: open

    def render(self) -> str:
        return f"{self.code} {self.start or '-'} {self.end or '-'}"


@dataclass(slots=True)
class Entry:
    name: str  # as the dictionary writes it, `_` joins
    roles: list[str] = field(default_factory=list)  # the raw bracketed role lines


def read_entries(lines: Iterable[str]) -> list[Entry]:
    """The dictionary's entries with the dated role lines under each."""
    entries: list[Entry] = []
    current: Entry | None = None
    for line in lines:
        if not line.strip():
            continue
        if line.lstrip().startswith("["):
            if current is not None:
                current.roles.append(line.strip())
            continue
        match = _NAME_LINE.match(line)
        current = Entry(match.group(1)) if match else None
        if current is not None:
            entries.append(current)
    return entries


def _iso(day: str) -> str | None:
    try:
        return date(int(day[:4]), int(day[4:6]), int(day[6:])).isoformat()
    except ValueError:
        return None


def parse_role(line: str, countries: frozenset[str], today: str) -> Role | None:
    """A role line as a ``Role``, or None when its code or dates are not usable."""
    match = _ROLE_LINE.match(line)
    if match is None:
        return None
    code, start, end, since, until = match.groups()
    if not _CODE.match(code or "") or not (code[:3] in countries or code[:3] in _NON_STATE):
        return None
    if since:
        first, last, valid = _iso(since), None, True
    elif until:
        first, last = None, _iso(until)
        valid = last is not None
    else:
        first = _iso(start)
        last = None if end < _OPEN_BEFORE else _iso(end)
        valid = first is not None and (end < _OPEN_BEFORE or (last is not None and last >= first))
    if not valid or (since and first is None):
        return None
    if first is not None and first == last:
        return None  # a role of one day: the dictionary's filler (19700101-19700101)
    if first is not None and first > today:
        return None  # the dictionary's 22000101 filler
    return Role(code, first, last)


def unlemmatise(name: str) -> list[str]:
    """The words of a dictionary name as text writes them: ال alone is آل, ل joins on."""
    words: list[str] = []
    glue = ""
    for word in name.split("_"):
        if not word:
            continue
        if word == "ل":
            glue = "ل"
            continue
        if word == "ال":
            word = "آل"
        if glue:
            word = "لل" + word[2:] if word.startswith("ال") else glue + word
            glue = ""
        words.append(word)
    return words


def strip_titles(
    words: list[str], demonyms: frozenset[str], countries: frozenset[str] = frozenset()
) -> list[str]:
    """The name without the titles and nationality around it, keeping two words at least.

    رئيس وزير بريطاني غوردن براون is غوردن براون; سعود الفيصل وزير خارجية سعودي is سعود
    الفيصل: a description after the name ends it.
    """

    def described(word: str) -> bool:
        norm = normalize(word)
        forms = {norm, norm.removeprefix("ال"), norm.removeprefix("ل")}
        return bool(forms & (_TITLES | demonyms | countries))

    while len(words) > _MIN_WORDS and (described(words[0]) or normalize(words[0]) == "الله"):
        words = words[1:]  # آية الله خامنئي: the title is two words
    for at in range(_MIN_WORDS, len(words)):
        if described(words[at]):
            return words[:at]
    return words


@dataclass(frozen=True, slots=True)
class Places:
    """What names a place rather than a person: country names, and the gazetteer's names."""

    countries: frozenset[str]
    is_place: Callable[[str], bool]


def person_name(
    words: list[str],
    given: frozenset[str],
    common: frozenset[str],
    demonyms: frozenset[str],
    places: Places,
) -> tuple[str, ...] | None:
    """The name's words if they read as a person's name in Arabic, else None.

    A word of a name is a given name, a name particle, or a word that is not common in
    Arabic news (a transliteration: كرزاي، ميدفيديف); a common word that is no name (ألف in
    ألف عمر كوناري, دور in دور باكوياني) marks a machine translation.
    """
    words = strip_titles(words, demonyms, places.countries)
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return None
    norms = [normalize(word) for word in words]
    if not all(_ARABIC_WORD.match(word) for word in norms):
        return None
    for word in norms:
        bare = word.removeprefix("ال")
        if {word, bare} & (_NOT_NAMES | _TITLES | demonyms):
            return None
        named = word in given or bare in given or word in _PARTICLES
        if not named and (word in common or bare in common):
            return None
    if norms[-1] in _PARTICLES or any(word.startswith("وال") for word in norms):
        return None  # cut short (حمد بن خليفة آل) or two names run together (والنمسوي)
    if any(word[:1] == "ل" and word[1:] in given | common | _NOT_NAMES for word in norms):
        return None  # لمحمد، لحرس: a preposition glued on, a phrase not a name
    if " ".join(norms) in _REVIEWED_OUT or places.is_place(" ".join(norms)):
        return None  # أم درمان، جبل نفوسة
    if norms[0] == "الله":
        return None  # آية الله الخميني less its title: no given name left
    if norms[0] in _PARTICLES and len(norms) == _MIN_WORDS and norms[1] in given:
        return None  # أبو بلال: a kunya many men go by
    if norms[0] in _PARTICLES and norms[0] not in _KUNYA:
        return None  # آل خليفة is a family, ابن/بنت X a relation: no one person
    return tuple(words)


def given_names(data: Path) -> frozenset[str]:
    """Words that Arabic news annotators tagged as (parts of) person names."""
    names: set[str] = set()
    gazetteer = data / "anercorp" / "gazetteer" / "pers.txt"
    for line in gazetteer.read_text("utf-8").splitlines():
        names.update(normalize(word) for word in line.split())
    for line in (data / "anercorp" / "train.txt").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].endswith("-PERS"):
            names.add(normalize(parts[0]))
    names -= _TITLES | _NOT_NAMES
    return frozenset(name for name in names if len(name) >= 2)


def common_words() -> frozenset[str]:
    """Frequent words of Arabic news that annotators do not tag as names (rasd's NER list)."""
    with gzip.open(RESOURCES / "ner_common_words.txt.gz", "rt", encoding="utf-8") as lines:
        return frozenset(normalize(line.strip()) for line in lines if line.strip())


def gazetteer_countries() -> frozenset[str]:
    """The ISO3 countries of the committed gazetteer (its bounding-box rows)."""
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as lines:
        return frozenset(line.split("\t")[1] for line in lines if line.startswith("B\t"))


def demonym_words() -> frozenset[str]:
    """Nationality adjectives, in all their forms, normalized: descriptions, not names."""
    forms = {form for form in gazetteer().demonym_forms if not form.startswith("و")}
    for _iso3, _names, demonyms in COUNTRIES:
        for demonym in filter(None, demonyms.split("|")):
            for word in normalize(demonym).split():
                forms |= inflections(word)
    return frozenset(form.removeprefix("ال") for form in forms) | frozenset(forms)


def place_names() -> Places:
    """Country names (a description before a name) and a test for whole place names."""
    countries = set()
    for _iso3, names, _demonyms in COUNTRIES:
        for name in names.split("|"):
            countries.add(normalize(name).removeprefix("ال"))
            countries.add(normalize(name))
    return Places(frozenset(countries), lambda phrase: bool(gazetteer().exact(phrase)))


def person_id(norm_name: str) -> str:
    """A stable id: the same name gives the same id on every build."""
    return "per-" + hashlib.sha1(norm_name.encode("utf-8")).hexdigest()[:10]


def build(data: Path, today: str) -> tuple[list[str], dict[str, int]]:
    """The table's rows and the counts of what each filter kept."""
    path = data / "petrarch-ar" / "actor_dict_ar_v4.txt"
    entries = read_entries(path.read_text("utf-8").splitlines())
    countries = gazetteer_countries()
    given, demonyms = given_names(data), demonym_words()
    common, places = common_words(), place_names()
    stats = {"entries": len(entries), "dated": 0, "named": 0, "with_roles": 0, "roles": 0}
    persons: dict[str, tuple[str, list[Role]]] = {}
    for entry in entries:
        if not any(re.search(r"\d{8}", line) for line in entry.roles):
            continue
        stats["dated"] += 1
        words = person_name(unlemmatise(entry.name), given, common, demonyms, places)
        if words is None:
            continue
        stats["named"] += 1
        roles = [
            role
            for role in (parse_role(line, countries, today) for line in entry.roles)
            if role is not None
        ]
        if not roles:
            continue
        stats["with_roles"] += 1
        name = " ".join(words)
        key = normalize(name)
        _, known = persons.setdefault(key, (name, []))
        known.extend(role for role in roles if role not in known)
    rows = []
    for keys in same_people(persons):
        key = keys[0]  # the canonical name; the others are its aliases
        name = persons[key][0]
        roles = []
        for other in keys:
            roles.extend(role for role in persons[other][1] if role not in roles)
        roles.sort(key=lambda role: (role.start or "", role.end or "9999", role.code))
        stats["roles"] += len(roles)
        rendered = "|".join(role.render() for role in roles)
        rows.append(f"{person_id(key)}\t{name}\t{'|'.join(keys)}\t\t{rendered}")
    stats["merged"] = len(persons) - len(rows)
    stats["persons"] = len(rows)
    return rows, stats


# Spellings of one name that the dictionary keeps as separate entries: a letter more or less
# (نور/نوري المالكي، عمر/عمرو موسى، ستيف/ستيفن هادلي) or letters that transliterate one
# foreign sound (توني/طوني، رودريجيث/رودريغيز، كوندوليزا/كوندوليسا). A letter added or
# left out costs 1, one of these sounds 0.5, any other letter more than the limit: سلمان and
# سلطان are two princes.
_SPELLING_LIMIT = 1.0
_SOUNDS = ("تط", "سصزث", "دض", "كق", "جغي", "فو", "اويى")


def _sound_cost(one: str, other: str) -> float:
    if one == other:
        return 0.0
    return 0.5 if any(one in sound and other in sound for sound in _SOUNDS) else 2.0


def same_people(persons: dict[str, tuple[str, list[Role]]]) -> list[list[str]]:
    """The normalized names grouped by person, canonical name first, groups sorted.

    Two entries are one person when they share the family name (the last word, without its
    article), held roles in one country at the same time, and one name is the other with
    words left out (نوري المالكي, نوري كامل المالكي) or with one word spelt differently
    (مواتينوس/موراتينوس). فهد بن عبد العزيز and فهد بن محمد بن عبد العزيز held no role at
    the same time: two princes. The canonical name is the one with the most roles, then the
    shortest: the name the press uses.
    """
    keys = sorted(persons)
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_family: dict[str, list[str]] = {}
    for key in keys:
        by_family.setdefault(key.split()[-1].removeprefix("ال"), []).append(key)
    for group in by_family.values():
        for index, one in enumerate(group):
            for other in group[index + 1 :]:
                if _one_name(one, other) and _overlap(persons[one][1], persons[other][1]):
                    parent[root(other)] = root(one)
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(root(key), []).append(key)

    def rank(key: str) -> tuple[int, int, str]:
        return (-len(persons[key][1]), len(key), key)

    return sorted(sorted(group, key=rank) for group in groups.values())


def _one_name(one: str, other: str) -> bool:
    # the article is no part of the comparison: جبير and الجبير are one family
    short, long = sorted(
        ([word.removeprefix("ال") for word in name.split()] for name in (one, other)), key=len
    )
    if len(short) < 2:
        return False
    if len(short) == len(long):
        different = [(a, b) for a, b in zip(short, long, strict=True) if a != b]
        if not different:
            return True  # the same words, one with an article the other lacks
        return len(different) == 1 and _spelling_cost(*different[0]) <= _SPELLING_LIMIT
    at = 0  # the short name's words in order in the long one
    for word in long:
        if at < len(short) and word == short[at]:
            at += 1
    return at == len(short) and short[0] == long[0]


def _spelling_cost(one: str, other: str) -> float:
    """An edit distance where letters that spell one foreign sound cost half (_SOUNDS)."""
    previous = [float(column) for column in range(len(other) + 1)]
    for row, letter in enumerate(one, 1):
        current = [float(row)]
        for column, wanted in enumerate(other, 1):
            current.append(
                min(
                    previous[column] + 1,
                    current[column - 1] + 1,
                    previous[column - 1] + _sound_cost(letter, wanted),
                )
            )
        previous = current
    return previous[-1]


def _overlap(one: list[Role], other: list[Role]) -> bool:
    """Whether a role of each was held in the same country on some day."""
    return any(
        a.code[:3] == b.code[:3]
        and (a.start or "") <= (b.end or "9999")
        and (b.start or "") <= (a.end or "9999")
        for a in one
        for b in other
    )


HEADER = """\
# People with dated roles, built by train/build_persons.py from UniversalPetrarch's Arabic
# actor dictionary (petrarch-ar/actor_dict_ar_v4.txt, MIT, Open Event Data Alliance).
# Do not edit by hand: change the build script's filters and rebuild.
# name_ar: the name as the dictionary gives it, titles dropped, lemmatisation undone where
#   it can be (the article a lemmatiser took off a surname is not restored: matching
#   ignores the article of each word). aliases_ar: normalized names, separated by |.
# name_en: empty, the dictionary has no English names.
# roles: CODE START END separated by |; dates ISO, - for open (END - : still held).
#   CODE is CAMEO-style: ISO3 country (or IGO/NGO/IMG) + role(s): IRQGOV, EGYGOVLEG.
id\tname_ar\taliases_ar\tname_en\troles
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", "../shared/data")
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--today", default="2025-01-01", help="roles starting later are dropped")
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no such data folder: {args.data}")
    rows, stats = build(args.data, args.today)
    args.out.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(" ".join(f"{key}={value}" for key, value in stats.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
