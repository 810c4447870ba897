"""Lists of places a sentence gives one act: «قصف الجيش بلدات A وB وC جنوب البلاد».

ACLED codes an event per place and day, so an act told of several towns at once is one
event in each (a list of strikes on separate villages is separate events). A list is two
or more places the gazetteer knows, joined by و (``وA``، ``، وفي B``), each perhaps with
the place it lies in (``تقوع في بيت لحم``، ``شويكة شمالها``، ``جنوب لبنان``): those
parents locate the members and are no members themselves. A list goes on past the words
news lists carry (``، وكذلك في C``، ``كما في C``، ``إضافة إلى C``) and the glosses of a
member (``المحلة العمالية الشهيرة، شمالي البلاد``، ``والإسكندرية (شمالاً)``); a square or
street is a member placed by the town told after it (``ميدان "X" وسط القاهرة``), and one of
a town's squares (``أحد ميادين مدينة X``) is the town.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from rasd.grounding.places import is_place as _is_place
from rasd.model import Location, Span, Token, Tokens
from rasd.text import normalize

# Words that head a list of places (مناطق A وB، محافظتي A وB) or one place (بلدة كفركلا).
_PLURAL_HEADS: Final = frozenset(
    normalize(word)
    for head in (
        "بلدات",
        "قرى",
        "مدن",
        "مخيمات",
        "أحياء",
        "مناطق",
        "محافظات",
        "ولايات",
        "بلدتي",
        "قريتي",
        "مدينتي",
        "محافظتي",
        "منطقتي",
        "ميادين",
        "ساحات",
        "شوارع",
    )
    for word in (head, "ال" + head)
)
_HEADS: Final = _PLURAL_HEADS | frozenset(
    normalize(word)
    for head in (
        "بلدة",
        "قرية",
        "مدينة",
        "مخيم",
        "حي",
        "منطقة",
        "ضاحية",
        "محافظة",
        "ولاية",
        "ناحية",
    )
    for word in (head, "ال" + head)
)
_DIRECTIONS: Final = tuple(
    normalize(word)
    for word in ("شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي")
)
# What may open a list: a preposition of place before its first member.
_OPENERS: Final = frozenset(normalize(word) for word in ("في", "على", "داخل", "قرب"))
# What may open a later member too: ومن حمص، وكذلك من أحد أحياء حلب.
_MEMBER_OPENERS: Final = _OPENERS | {"من"}
_LONGEST_NAME = 3  # words
# Words that carry a list on past a comma: «في A وB، وكذلك في C»، «كما في C»، «وأيضا C».
_CONTINUERS: Final = frozenset(
    normalize(word) for word in ("وكذلك", "كذلك", "كما", "وكما", "وأيضا", "أيضا", "وكذا")
)
# Two-word ones: «، إضافة إلى C»، «فضلا عن C».
_CONTINUER_PAIRS: Final = frozenset(
    (normalize(first), normalize(second))
    for first, second in (
        ("إضافة", "إلى"),
        ("بالإضافة", "إلى"),
        ("وبالإضافة", "إلى"),
        ("فضلا", "عن"),
        ("علاوة", "على"),
    )
)
# «أحد ميادين مدينة المحلة»، «إحدى قرى ريف حلب»: a part of the place that follows.
_ONE_OF: Final = frozenset(normalize(word) for word in ("أحد", "إحدى"))
# Heads of a square or street, named by no gazetteer: a member where the town it lies in
# follows (ميدان "طلعت حرب" الشهير وسط القاهرة، ساحة الشهداء في بيروت).
_SITE_HEADS: Final = frozenset(normalize(word) for word in ("ميدان", "ساحة", "شارع", "دوار"))
# Adjectives a place may carry (المحلة العمالية الشهيرة، القاهرة الكبرى): besides the nisba
# ones (ـية، ـي) a few of fame, size and age.
_ADJECTIVES: Final = frozenset(
    normalize(word)
    for word in ("الشهير", "الشهيرة", "الكبرى", "الكبير", "الكبيرة", "القديمة", "الجديدة")
)
# What a direction may point in besides a place: a gloss, no parent (شمالي البلاد).
_REGIONS: Final = frozenset(
    normalize(word) for word in ("البلاد", "الدولة", "المدينة", "المحافظة", "الإقليم", "القطاع")
)
_QUOTES: Final = frozenset('"«»“”')
_GLOSS_WORDS = 8  # the longest parenthetical a member may carry: والشرقية (دلتا النيل/شمالاً)


_BI: Final = ("ب", "وب", "فب")  # a word that may open with the preposition ب


@lru_cache(maxsize=1 << 14)
def _normal(word: str) -> str:
    return normalize(word)


@lru_cache(maxsize=1 << 14)
def is_place(name: str) -> bool:
    """``places.is_place``, once a phrase: a list is read word by word, names recur."""
    return _is_place(name)


def _wordlike(word: str) -> bool:
    """A word of letters, not punctuation nor the tatweel of «بيروت ـ الجنوب»."""
    return word[:1].isalpha() and word[0] != "ـ"


def _a_name_word(word: str) -> bool:
    return _wordlike(word) and word not in _OPENERS and not word.startswith(_DIRECTIONS)


def _adjective(word: str) -> bool:
    """Whether a word may be an adjective of the place before it (العمالية، الشهير)."""
    return word.startswith("ال") and (word.endswith(("يه", "ي")) or word in _ADJECTIVES)


@dataclass(frozen=True, slots=True)
class PlaceList:
    """Two or more places one act is told of, and the span from the first to the end of
    the list's last word (its parents included)."""

    members: tuple[Location, ...]
    span: Span
    parents: tuple[Location | None, ...]  # the place each member lies in, when told


def place_lists(text: str, tokens: Sequence[Token], sentence: Span) -> list[PlaceList]:
    """The lists of places in a sentence, in order."""
    starts = tokens.starts if isinstance(tokens, Tokens) else [t.start for t in tokens]
    ends = tokens.ends if isinstance(tokens, Tokens) else [t.end for t in tokens]
    first = bisect.bisect_left(starts, sentence.start)
    last = bisect.bisect_left(starts, sentence.end)
    reader = _Reader(text, tokens, first, starts[first:last], ends[first:last])
    found: list[PlaceList] = []
    i = 0
    while i < reader.n:
        place = reader.opened_place(i)
        if place is None:
            i += 1
            continue
        members, parents, end, i = reader.rest_of_list(place)
        if len(members) >= 2:
            found.append(PlaceList(tuple(members), Span(members[0].start, end), tuple(parents)))
    return found


class _Reader:
    """A sentence's tokens as columns (the ``Token`` of one is made only for its clitics)."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        first: int,
        starts: Sequence[int],
        ends: Sequence[int],
    ) -> None:
        self.text = text
        self._tokens = tokens
        self._first = first
        self.starts = starts
        self.ends = ends
        self.n = len(starts)
        self.words = [_normal(text[a:b]) for a, b in zip(starts, ends, strict=True)]

    def opened_place(self, i: int) -> tuple[int, Location] | None:
        """The place at token ``i`` when a preposition or a head opens it: (next, place)."""
        word = self.words[i]
        if word in _OPENERS or word.removeprefix("و") in _OPENERS:
            return self.member(i + 1)
        found = self.after_bi(i)
        if found is not None:
            return found
        if word in _HEADS:
            return self.member(i)
        return None

    def after_bi(self, i: int) -> tuple[int, Location] | None:
        """The member of a word that opens with the preposition ب (بحلب، وبالسويس), as the
        tokenizer split its clitics (the ``Token`` is made only then)."""
        if not self.words[i].startswith(_BI):
            return None
        token = self._tokens[self._first + i]
        skip = token.name.start - token.start
        if skip and normalize(self.text[token.start : token.name.start]).endswith("ب"):
            return self.member(i, skip=skip)
        return None

    def member(self, i: int, skip: int = 0) -> tuple[int, Location] | None:
        """A place at token ``i``: one the gazetteer knows, or a name of a word or two it
        lacks that a town's head opens (ضاحية X، بلدة X) or the place it lies in follows
        (X في بيت لحم، X جنوب لبنان) or another member (X ولبونا): villages are the names a
        gazetteer lacks most."""
        if i >= self.n:
            return None
        if not skip and self.words[i] in _ONE_OF:
            return self.place(i + 2)  # من أحد ميادين مدينة المحلة: the town
        known = self.place(i, skip)
        if known is not None:
            return known
        if self.words[i][skip:] in _SITE_HEADS:
            return self.site(i, skip)
        name_at, start = self.head(i, skip)
        one_town = name_at > i and self.words[i][skip:] not in _PLURAL_HEADS
        for n in (1, 2):
            end = name_at + n
            words = self.words[name_at:end]
            if end > self.n or not all(_a_name_word(w) for w in words):
                continue
            if n == 2 and words[1].startswith("و"):
                break
            if one_town or self.parent_at(end) or self.sibling_at(end):
                stop = self.ends[end - 1]
                return end, Location(start, stop, self.text[start:stop])
        return None

    def site(self, i: int, skip: int) -> tuple[int, Location] | None:
        """A square or street at token ``i`` (its head), a member when the town it lies in
        follows its name and glosses (ميدان "طلعت حرب" الشهير وسط القاهرة): the town places
        it, as ACLED codes a protest in a square at its town."""
        at = i + 1
        ends: list[int] = []
        if at < self.n and self.words[at] in _QUOTES:
            close = next(
                (
                    k
                    for k in range(at + 2, min(at + 2 + _LONGEST_NAME, self.n))
                    if self.words[k] in _QUOTES
                ),
                None,
            )
            if close is not None:
                ends.append(close + 1)
        else:
            for k in range(at, min(at + _LONGEST_NAME, self.n)):
                word = self.words[k]
                if not _a_name_word(word) or _adjective(word) or word.startswith("و"):
                    break
                ends.append(k + 1)
        start = self.starts[i] + skip
        for end in ends:
            if self.town_after(self.past_glosses(end)):
                stop = self.ends[end - 1]
                return end, Location(start, stop, self.text[start:stop])
        return None

    def town_after(self, k: int) -> bool:
        """Whether token ``k`` opens a place the gazetteer knows that the name before it
        lies in: وسط القاهرة، في تعز."""
        if k >= self.n:
            return False
        word = self.words[k]
        return (word.startswith(_DIRECTIONS) or word == "في") and self.place(k + 1) is not None

    def past_glosses(self, k: int) -> int:
        """The token after the glosses a member may carry at token ``k``: adjectives
        (المحلة العمالية الشهيرة), a parenthetical (والإسكندرية (شمالاً)), أيضا."""
        while k < self.n:
            word = self.words[k]
            if word == "(":
                close = next(
                    (
                        j
                        for j in range(k + 1, min(k + 2 + _GLOSS_WORDS, self.n))
                        if self.words[j] == ")"
                    ),
                    None,
                )
                if close is None:
                    return k
                k = close + 1
            elif _adjective(word) or word == "ايضا":
                k += 1
            else:
                return k
        return k

    def continued(self, k: int) -> tuple[int, Location] | None:
        """The member a word that carries the list on at token ``k`` joins: وكذلك في C،
        كما في C، إضافة إلى C. A clause it opens (كما تظاهر آخرون في C) tells an act of
        its own: only a preposition or a place the gazetteer knows may follow."""
        word = self.words[k]
        if word in _CONTINUERS:
            at = k + 1
        elif k + 1 < self.n and (word, self.words[k + 1]) in _CONTINUER_PAIRS:
            at = k + 2
        else:
            return None
        if at >= self.n:
            return None
        if self.words[at] in _MEMBER_OPENERS:
            return self.member(at + 1)
        return self.after_bi(at) or self.place(at)

    def head(self, i: int, skip: int) -> tuple[int, int]:
        """Where the name at token ``i`` starts, past a head word, and where its place
        phrase does: a town's head is part of it (بلدة كفركلا), a list's is not (بلدات)."""
        word = self.words[i][skip:]
        if word not in _HEADS or i + 1 >= self.n:
            return i, self.starts[i] + skip
        if word in _PLURAL_HEADS:
            return i + 1, self.starts[i + 1]
        return i + 1, self.starts[i] + skip

    def sibling(self, k: int) -> tuple[int, Location] | None:
        """The member و at token ``k`` joins: ولبونا، و في الخليل، وفي الخليل، وبحماة, or
        the town of the next toll (قتل 5 في حلب و4 في إدلب)."""
        at, skip = (k + 1, 0) if self.words[k] == "و" else (k, 1)
        if at >= self.n:
            return None
        rest = self.words[at][skip:]
        if rest in _MEMBER_OPENERS:
            return self.member(at + 1)
        if rest.isdigit():
            # و3 في إدلب، و3 مدنيين في إدلب
            for opener in (at + 1, at + 2):
                if opener < self.n and self.words[opener] in _OPENERS:
                    return self.member(opener + 1)
            return None
        if rest.startswith("بال"):
            return self.member(at, skip + 1) or self.member(at, skip)  # وبالسويس
        return self.member(at, skip)

    def sibling_at(self, k: int) -> bool:
        """Whether token ``k`` joins another member to the list (رميش ولبونا)."""
        return k < self.n and self.words[k].startswith("و") and bool(self.sibling(k))

    def parent_at(self, k: int) -> bool:
        """Whether token ``k`` opens the place the name before it lies in."""
        if k >= self.n:
            return False
        word = self.words[k]
        if word.startswith(_DIRECTIONS):
            return True
        return word == "في" and self.place(k + 1) is not None

    def place(self, i: int, skip: int = 0) -> tuple[int, Location] | None:
        """The longest place the gazetteer knows starting at token ``i`` (less ``skip``
        characters of proclitics), a head word before its name included."""
        if i >= self.n:
            return None
        name_at, start = self.head(i, skip)
        for n in range(_LONGEST_NAME, 0, -1):
            end = name_at + n
            words = self.words[name_at:end]
            if end > self.n or not all(_wordlike(w) and w not in _OPENERS for w in words):
                continue
            name_start = self.starts[name_at] + (0 if name_at > i else skip)
            stop = self.ends[end - 1]
            if is_place(self.text[name_start:stop]):
                return end, Location(start, stop, self.text[start:stop])
        return None

    def rest_of_list(
        self, opened: tuple[int, Location]
    ) -> tuple[list[Location], list[Location | None], int, int]:
        """The members of the list a place opens, the place each lies in, the end of the
        list's last word and the token after it. A parent places the members told since
        the last parent or comma: «A وB جنوب لبنان»، «A، وB في بيت لحم»."""
        k, place = opened
        members = [place]
        parents: list[Location | None] = [None]
        placed = 0  # the members before this one have their parent
        end = place.end
        after_comma = False
        while k < self.n:
            word = self.words[k]
            if word in ("،", ","):
                # «A، وB في بيت لحم»: a parent after a comma places the members after it
                k += 1
                placed = len(members)
                after_comma = True
                continue
            if not after_comma and self.past_glosses(k) > k:
                k = self.past_glosses(k)
                continue
            after_comma = False
            further = self.continued(k)
            if further is not None:
                k, place = further
                members.append(place)
                parents.append(None)
                end = place.end
                continue
            if word.startswith(_DIRECTIONS) or word == "في":
                parent = self.place(k + 1)
                if word.startswith(_DIRECTIONS) and parent is None:
                    if k + 1 < self.n and self.words[k + 1] in _REGIONS:
                        k, end = k + 2, self.ends[k + 1]  # شمالي البلاد
                        placed = len(members)
                        continue
                    if len(word) <= 7:
                        k, end = k + 1, self.ends[k]  # شمالها
                        placed = len(members)
                        continue
                if parent is None:
                    break
                k, end = parent[0], parent[1].end
                where = parent[1]
                if word != "في":  # جنوب لبنان: the direction is part of where
                    begin = self.starts[k - 1 - _words(where)]
                    where = Location(begin, end, self.text[begin:end])
                parents[placed:] = [where] * (len(members) - placed)
                placed = len(members)
                continue
            if word.startswith("و"):
                sibling = self.sibling(k)
                if sibling is None:
                    break
                k, place = sibling
                members.append(place)
                parents.append(None)
                end = place.end
                continue
            break
        return members, parents, end, k


def _words(location: Location) -> int:
    return len(location.text.split())
