"""Lists of places a sentence gives one act: «قصف الجيش بلدات A وB وC جنوب البلاد».

ACLED codes an event per place and day, so an act told of several towns at once is one
event in each (a list of strikes on separate villages is separate events). A list is two
or more places the gazetteer knows, joined by و (``وA``، ``، وفي B``), each perhaps with
the place it lies in (``تقوع في بيت لحم``، ``شويكة شمالها``، ``جنوب لبنان``): those
parents locate the members and are no members themselves.
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
_LONGEST_NAME = 3  # words


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
        if word.startswith(_BI):  # the Token made only then: its clitics tell the ب
            token = self._tokens[self._first + i]
            skip = token.name.start - token.start
            if skip and normalize(self.text[token.start : token.name.start]).endswith("ب"):
                found = self.member(i, skip=skip)  # بحلب، وبالسويس: as the tokenizer split them
                if found is not None:
                    return found
        if word in _HEADS:
            return self.member(i)
        return None

    def member(self, i: int, skip: int = 0) -> tuple[int, Location] | None:
        """A place at token ``i``: one the gazetteer knows, or a name of a word or two it
        lacks that a town's head opens (ضاحية X، بلدة X) or the place it lies in follows
        (X في بيت لحم، X جنوب لبنان) or another member (X ولبونا): villages are the names a
        gazetteer lacks most."""
        known = self.place(i, skip)
        if known is not None or i >= self.n:
            return known
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
        if rest in _OPENERS:
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
        while k < self.n:
            word = self.words[k]
            if word in ("،", ","):
                # «A، وB في بيت لحم»: a parent after a comma places the members after it
                k += 1
                placed = len(members)
                continue
            if word.startswith(_DIRECTIONS) or word == "في":
                parent = self.place(k + 1)
                if word.startswith(_DIRECTIONS) and parent is None and len(word) <= 7:
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
