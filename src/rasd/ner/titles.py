"""Person names after titles and roles: a rule read over the tagger's output.

The CRF learnt its names from ANERcorp, so a transliterated or uncommon name is an unknown
word to it, and it tags it O even where the sentence all but says it is a person: right
after a title (الكولونيل شون رايان) or a role (المتحدث باسم قوات سوريا الديمقراطية مصطفى
بالي). ``TitleRule.find`` reads those cues on a sentence's normalized words and returns the
name-like words after them; ``apply_titles`` writes them over the tagger's labels as PER,
as ``rasd.ner.known.apply_known`` writes the actor table's names.

A word is name-like when it is Arabic letters, not a function word and not one of the
frequent words that ANERcorp never has in a person's name (``ner_common_words.txt.gz``
in the resources, built by ``train/build_common_words.py``): a name is rare text, the words that
follow a title and are not names (قال، أمس، إن، لجنة) are common. An office (الرئيس,
وزير الخارجية) needs a name of two words, a rank or honorific (العقيد, الشيخ) one. Only
words the tagger left O become names. Cross-validated with the tagger on ANERcorp
(``train/build_ner.py --cv 5``, the common words counted on the training folds) the rule
adds a little to PER; it is there for the names the 2006 corpus never saw.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from rasd.resources import bulk_load
from rasd.text import normalize

COMMON_WORDS_RESOURCE: Final = "ner_common_words.txt.gz"
# A word is common when ANERcorp train has it at least this often, and outside a person's
# name at least this share of the time (``common_words``). Tuned by ``build_ner.py --cv 5``:
# PER F1 0.6950 with 2 (10,600 words), 0.6940 with 3, 0.6900 with 5; counting O words
# only (not ORG or LOC ones) lets the words of organisation names (لجنة، مجلس) through.
COMMON_MIN_COUNT: Final = 2
COMMON_MIN_OTHER_RATE: Final = 0.99
# The confidence of a name read after a title: about the rule's precision in --cv 5
# (0.68 of the words it tags are in a person's name).
TITLE_CONFIDENCE: Final = 0.7
# Most name words taken after one cue, the connectors of عبد الله / بن لادن not counted:
# two scored 0.6947 PER F1 in --cv 5, three 0.6939 (a verb after the name: قابوس تناقش).
_MAX_NAME = 2
# Most words between a cue and the name: adjectives and the organisation of a role
# (رئيس الوزراء الإسرائيلي السابق, الأمين العام للأمم المتحدة).
_MAX_DESCRIPTOR = 5


def _normalized(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalize(word) for word in words)


# Ranks and honorifics: written before a name, seldom without one (الكولونيل شون رايان).
_RANKS: Final = _normalized(
    (
        # military and police ranks
        "العقيد",
        "الكولونيل",
        "اللواء",
        "العميد",
        "الجنرال",
        "المقدم",
        "الرائد",
        "النقيب",
        "الملازم",
        "الرقيب",
        "المشير",
        "الأدميرال",
        "الميجور",
        "الكابتن",
        # honorifics and religious titles
        "الشيخ",
        "الشيخة",
        "الدكتور",
        "الدكتورة",
        "د.",
        "المهندس",
        "الأستاذ",
        "البروفيسور",
        "الأمير",
        "الأميرة",
        "السيد",
        "السيدة",
        "الحاج",
        "المطران",
        "البطريرك",
        "الكاردينال",
        "الأسقف",
        "الحاخام",
    )
)
# Offices and the heads of roles (رئيس الوزراء, وزير الخارجية, قائد الجيش: the rest of
# the role is read as the descriptor after them). An office is as often named alone, and
# then followed by any word (الملك يعلم, الرئيس السوري سعى): in ANERcorp a single rare
# word after one is a name one time in three, two are mostly a name.
_OFFICES: Final = _normalized(
    (
        "الرئيس",
        "الرئيسة",
        "رئيس",
        "رئيسة",
        "الوزير",
        "الوزيرة",
        "وزير",
        "وزيرة",
        "النائب",
        "نائب",
        "السفير",
        "السفيرة",
        "المستشار",
        "المستشارة",
        "المبعوث",
        "القاضي",
        "المحافظ",
        "محافظ",
        "الحاكم",
        "حاكم",
        "قائد",
        "القائد",
        "زعيم",
        "الزعيم",
        "مدير",
        "المدير",
        "عضو",
        "العضو",
        "الأمين",
        "أمين",
        "السناتور",
        "العاهل",
        "المحامي",
        "الملك",
        "الملكة",
        "السلطان",
        "الإمبراطور",
        "البابا",
        "الإمام",
        "المفتي",
    )
)
_TITLES: Final = _RANKS | _OFFICES

# Role words that take the organisation after a preposition: المتحدث باسم, مسؤول في.
_ROLES: Final = _normalized(
    (
        "المتحدث",
        "المتحدثة",
        "متحدث",
        "متحدثة",
        "الناطق",
        "الناطقة",
        "ناطق",
        "ناطقة",
        "مسؤول",
        "المسؤول",
        "مسؤولة",
        "المسؤولة",
    )
)
_DEMONSTRATIVES: Final = _normalized(("هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان"))
_ROLE_LINKS: Final = _normalized(("باسم", "في", "فى"))

# Words that are never a name, whatever the counts: prepositions, conjunctions, pronouns,
# particles and the verbs of saying that follow a title (قال الرئيس إن).
_FUNCTION_WORDS: Final = _normalized(
    (
        "في",
        "من",
        "إلى",
        "على",
        "عن",
        "مع",
        "منذ",
        "حتى",
        "لدى",
        "عند",
        "بعد",
        "قبل",
        "خلال",
        "أمام",
        "بين",
        "حول",
        "نحو",
        "ضد",
        "عبر",
        "دون",
        "غير",
        "بين",
        "لكن",
        "ولكن",
        "أو",
        "أم",
        "ثم",
        "بل",
        "إن",
        "أن",
        "إنه",
        "أنه",
        "إنها",
        "أنها",
        "لأن",
        "كما",
        "إذا",
        "إذ",
        "لا",
        "لم",
        "لن",
        "ما",
        "قد",
        "لقد",
        "هو",
        "هي",
        "هم",
        "هما",
        "نحن",
        "أنا",
        "أنت",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "هؤلاء",
        "الذي",
        "التي",
        "الذين",
        "كل",
        "بعض",
        "أي",
        "أمس",
        "اليوم",
        "غدا",
        "أيضا",
        "قال",
        "وقال",
        "قالت",
        "وقالت",
        "يقول",
        "ويقول",
        "تقول",
        "أكد",
        "وأكد",
        "أضاف",
        "وأضاف",
        "أوضح",
        "وأوضح",
        "أعلن",
        "وأعلن",
        "أشار",
        "وأشار",
        "كان",
        "وكان",
        "كانت",
        "يكون",
        "ليس",
        "بأن",
        "وأن",
        "وإن",
        "له",
        "لها",
        "لهم",
        "به",
        "بها",
        "فيه",
        "فيها",
        "منه",
        "منها",
        "عليه",
        "عليها",
        "إليه",
    )
)

# Words inside a name that join its parts: عبد الله, أبو بكر, أسامة بن لادن. The ال-word
# after one of them is part of the name.
_CONNECTORS: Final = _normalized(("عبد", "أبو", "أبي", "أبا", "بن", "ابن", "بنت", "آل"))

_PROCLITICS: Final = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
_ARABIC_WORD: Final = re.compile("[\u0621-\u064a]{2,}")


def _surfaces(words: Iterable[str]) -> dict[str, str]:
    """Each written form of a cue with proclitics (والرئيس، للرئيس) -> the cue."""
    forms: dict[str, str] = {}
    for word in sorted(words):
        for prefix in _PROCLITICS:
            if word.startswith("ال") and prefix.endswith("ل"):
                forms.setdefault(prefix + word[1:], word)  # ل + ال is written لل
            else:
                forms.setdefault(prefix + word, word)
    return forms


_TITLE_FORMS: Final = _surfaces(_TITLES)
_RANK_FORMS: Final = frozenset(_surfaces(_RANKS))
_ROLE_FORMS: Final = _surfaces(_ROLES)
_CUE_FORMS: Final = frozenset(_TITLE_FORMS) | frozenset(_ROLE_FORMS)


def _is_article_word(norm: str) -> bool:
    """A word with the article, or with ل + the article (للأمم): a descriptor, not a name."""
    return norm.startswith(("ال", "لل")) and len(norm) > 3


# Proclitics before a word with the article: والشعب, بالحكم, للفريق.
_ARTICLE_PREFIXES: Final = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال")
# Names that start with و, which is otherwise the conjunction: الرئيس ووزير is two people.
_WAW_NAMES: Final = _normalized(
    ("وليد", "وائل", "وفاء", "وديع", "وسام", "وحيد", "وجدي", "وداد", "وصفي", "وضاح", "ويليام")
)


def _descriptor_word(norm: str, tag: str, entities: bool) -> bool:
    """A word that may stand between a cue and the name (see ``_skip_descriptor``)."""
    if tag != "O":
        return entities and not tag.endswith("PER")
    return norm in _TITLE_FORMS or (_is_article_word(norm) and norm not in _FUNCTION_WORDS)


def common_words(
    sentences: Iterable[tuple[Sequence[str], Sequence[str]]],
    *,
    min_count: int = COMMON_MIN_COUNT,
    min_other_rate: float = COMMON_MIN_OTHER_RATE,
    labels: tuple[str, ...] = ("PER",),
) -> list[str]:
    """Normalized words of ``(words, IOB2 tags)`` sentences, frequent and seldom a person's.

    A word seen ``min_count`` times or more, outside a person's name at least
    ``min_other_rate`` of them, is not a name: after a title it is a verb, an adverb, the start
    of a clause or a word of an organisation's name (لجنة، مجلس). ``labels`` are the kinds of
    name that count (all four: words seldom in any name, أنه، جديد، الحصار).
    """
    seen: dict[str, list[int]] = {}
    for words, tags in sentences:
        for word, tag in zip(words, tags, strict=True):
            counts = seen.setdefault(normalize(word) or word, [0, 0])
            counts[0] += 1
            counts[1] += not tag.endswith(labels)
    return sorted(
        word
        for word, (total, other) in seen.items()
        if total >= min_count and other >= min_other_rate * total
    )


@dataclass(frozen=True, slots=True)
class TitledName:
    """A person's name read after a title or role: ``words[first:stop]`` of a sentence."""

    first: int
    stop: int


class TitleRule:
    """The cues and the common words that decide what after them is a name."""

    __slots__ = ("_common",)

    def __init__(self, common: Iterable[str]) -> None:
        self._common = frozenset(common) | _FUNCTION_WORDS

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> TitleRule:
        """One normalized common word a line, as ``train/build_common_words.py`` writes them."""
        return cls(line.strip() for line in lines if line.strip())

    @classmethod
    def load(cls, path: Path | None = None) -> TitleRule:
        """The committed common words, or those at ``path``."""
        if path is None:
            data = resources.files("rasd.resources").joinpath(COMMON_WORDS_RESOURCE).read_bytes()
        else:
            data = path.read_bytes()
        return cls.from_lines(gzip.decompress(data).decode("utf-8").splitlines())

    def is_name_like(self, norm: str) -> bool:
        """Whether a normalized word may be (part of) a name: rare Arabic, no article."""
        if norm in self._common or _ARABIC_WORD.fullmatch(norm) is None:
            return False
        if any(
            norm.startswith(prefix) and len(norm) - len(prefix) >= 2 for prefix in _ARTICLE_PREFIXES
        ):
            return False  # and not بالي (Bali), which only looks like ب + ال
        if norm[0] == "و" and norm not in _WAW_NAMES:
            return False
        # a preposition before a common word: بزيارة, لمجموعة (but بالي is not ب + إلى)
        rest = norm[1:]
        return not (
            norm[0] in "بلكف" and len(rest) > 2 and rest in self._common and rest[:2] != "ال"
        )

    def find(self, norms: Sequence[str], tagged: Sequence[tuple[str, float]]) -> list[TitledName]:
        """Untagged names right after a title or role in a sentence of normalized words.

        ``tagged`` is the tagger's ``(label, probability)`` per word; only words it left O
        become names.
        """
        found: list[TitledName] = []
        if _CUE_FORMS.isdisjoint(norms):
            return found  # most sentences: one set operation
        size = len(norms)
        at = 0
        while at < size:
            if norms[at] not in _CUE_FORMS:
                at += 1
                continue
            cue, least = self._cue_end(norms, at)
            if cue < 0:
                at += 1
                continue
            # a definite title is a whole noun phrase: what the tagger tagged after it is
            # its name (الرئيس جورج), not the organisation of a role (رئيس فنزويلا)
            entities = not _TITLE_FORMS.get(norms[at], "").startswith("ال")
            start = self._skip_descriptor(norms, tagged, cue, entities=entities)
            stop, words = self._name_end(norms, tagged, start)
            # a role names its organisation before the person: المتحدث باسم X
            if words >= least and (start > cue or norms[at] in _TITLE_FORMS):
                found.append(TitledName(start, stop))
                at = stop
            else:
                at = cue
        return found

    def _cue_end(self, norms: Sequence[str], at: int) -> tuple[int, int]:
        """Where the words after a cue at ``at`` start (-1 where none is there), and how
        many name words the cue needs: one after a rank or role, two after an office."""
        norm = norms[at]
        if at and norms[at - 1] in _DEMONSTRATIVES:
            return -1, 0  # هذا المفتي: the office as a noun, not a title
        if norm in _RANK_FORMS:
            return at + 1, 1
        if norm in _TITLE_FORMS:
            return at + 1, 2
        if norm in _ROLE_FORMS:
            # المتحدث (الرسمي) باسم X: the link may follow an adjective
            for link in range(at + 1, min(at + 3, len(norms))):
                if norms[link] in _ROLE_LINKS:
                    return link + 1, 1
                if not _is_article_word(norms[link]):
                    break
        return -1, 0

    def _skip_descriptor(
        self,
        norms: Sequence[str],
        tagged: Sequence[tuple[str, float]],
        at: int,
        *,
        entities: bool,
    ) -> int:
        """Past what stands between a cue and the name: adjectives, titles, organisations.

        الرئيس الأمريكي السابق, رئيس الوزراء الإسرائيلي, المتحدث باسم قوات سوريا
        الديمقراطية: words with the article, entities the tagger found (not persons) and
        further titles. A bare noun is passed when what follows it is, as the head of a
        construct (وزارة الخارجية, حركة حماس). Entities are passed only with ``entities``.
        """
        size = len(norms)
        limit = min(size, at + _MAX_DESCRIPTOR)
        while at < limit:
            if _descriptor_word(norms[at], tagged[at][0], entities):
                at += 1
            elif (
                at + 1 < size
                and norms[at] not in _FUNCTION_WORDS
                and tagged[at][0] == "O"
                and not self.is_name_like(norms[at])
                and _descriptor_word(norms[at + 1], tagged[at + 1][0], entities)
            ):
                at += 2
            else:
                break
        return at

    def _name_end(
        self, norms: Sequence[str], tagged: Sequence[tuple[str, float]], at: int
    ) -> tuple[int, int]:
        """The end of the name starting at ``at`` and its words: up to two left O.

        An article word is part of the name after a connector (عبد الله, أبو بكر) or as
        its last word when it is a nisba family name (أبو بكر البغدادي).
        """
        size = len(norms)
        stop = at
        words = 0
        index = at
        while index < size and words < _MAX_NAME and tagged[index][0] == "O":
            norm = norms[index]
            if norm in _CONNECTORS:
                index += 1
                continue
            if norm.startswith("ال"):
                after_connector = index > at and norms[index - 1] in _CONNECTORS
                if after_connector and norm not in _FUNCTION_WORDS:
                    pass
                elif stop > at and norm.endswith("ي") and len(norm) > 4:
                    return index + 1, words + 1
                else:
                    break
            elif not self.is_name_like(norm):
                break
            words += 1
            index += 1
            stop = index
        return stop, words


@cache
@bulk_load
def title_rule() -> TitleRule:
    """The rule with the committed common words, read once a process."""
    return TitleRule.load()


def apply_titles(
    tagged: Sequence[tuple[str, float]], names: Sequence[TitledName]
) -> list[tuple[str, float]]:
    """The tagger's ``(label, probability)`` per word, with the names after titles as PER.

    A name that runs on into a person the tagger found (العقيد جورج بوش with only بوش
    tagged) is one name: that person's first label becomes I-PER.
    """
    result = list(tagged)
    for name in names:
        for index in range(name.first, name.stop):
            inside = "B-PER" if index == name.first else "I-PER"
            result[index] = (inside, TITLE_CONFIDENCE)
        stop = name.stop
        if stop < len(result) and result[stop][0] == "B-PER":
            result[stop] = ("I-PER", result[stop][1])
    return result
