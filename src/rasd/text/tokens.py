"""Tokens, with offsets into the original text, and the clitics the text layer is sure of.

A token is a URL, a number (``1,500.5``), a run of letters of one script, or any other
single non-space character; digits and letters part (``2019م`` is ``2019`` + ``م``).
Arabic writes clitics onto words and, without a lexicon, their segmentation is ambiguous
(``بالي`` is a name, not ``ب`` + ``ال`` + ``ي``), so a token records only what the text
layer can be sure of:

- a proclitic chain that ends in the article, ``(و|ف)?(ب|ك|ل)?ال`` or ``(و|ف)?لل``, before
  a stem of two letters or more: ``والباغوز`` = ``و`` + ``ال`` + ``باغوز``, ``للمرصد`` =
  ``ل`` (preposition) + ``ل`` (the article, its alef dropped after ``ل``) + ``مرصد``; not
  where the alef carries a hamza (``ألمانيا``, ``ألقى``: no article);
- on a word without the article, an enclitic pronoun ``هما هم هن ها كما كم كن``, or ``ه``
  after ``ت`` (``قواته``, not ``ثابتة``), leaving a stem of three letters or more.

A clitic analysis that would cut inside an original character (a ligature such as ``ﷲ``)
is dropped. ``proclitic_splits`` lists every reading, sure or not, for lexicon lookups.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, compress, count
from operator import add, itemgetter
from typing import Final

from rasd.model import CliticKind, TextLayer, Tokens
from rasd.text.normalize import expansion_interiors, original_ends, original_starts, pick

# The Arabic-script letters; other letters make words of their own, so a change of script
# ends a word and every Arabic word starts after a character outside this class.
_ARABIC = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u0870-\u0887\u0889-\u088e\u08a0-\u08c9"
)
_ARABIC_LETTER = f"[{_ARABIC}]"
_OTHER_LETTER = f"[^\\W\\d_{_ARABIC}]"
# Combining marks continue a word (decomposed Latin, Hebrew points); Arabic harakat are
# gone from the normalized text already.
_MARK = (
    "[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_URL_TRAILER = "[.,;:!?؟،؛…)\\]}»\"'”“’]"
_ARABIC_LETTERS: Final = frozenset(
    chr(cp) for cp in range(0x0620, 0x08CA) if re.fullmatch(_ARABIC_LETTER, chr(cp))
)

_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")


def _chain_clitics(chain: str) -> tuple[tuple[int, int, CliticKind], ...]:
    """The clitics of a proclitic chain, as offsets into it: ``وبال`` -> و, ب, ال."""
    clitics: list[tuple[int, int, CliticKind]] = []
    at = 0
    if chain[0] in _CONJUNCTIONS:
        clitics.append((0, 1, "conjunction"))
        at = 1
    if len(chain) - at == 3 or chain[at:] == "لل":
        clitics.append((at, at + 1, "preposition"))
        at += 1
    clitics.append((at, len(chain), "article"))
    return tuple(clitics)


_CHAINS: Final = {
    conjunction + preposition + article: _chain_clitics(conjunction + preposition + article)
    for conjunction in ("", *_CONJUNCTIONS)
    for preposition, article in [("", "ال"), ("ل", "ل"), *((p, "ال") for p in _PREPOSITIONS)]
}
_CHAIN_ENDS: Final = {key: tuple(c[1] for c in value) for key, value in _CHAINS.items()}
_CHAIN_SIZES: Final = {key: len(value) for key, value in _CHAINS.items()}
# Where the article's alef is, to check it carries no hamza (0: a letter that is no alef).
_ALEF_AT: Final = {key: len(key) - 2 if key.endswith("ال") else 0 for key in _CHAINS}
_HAMZA_ALEFS: Final = frozenset("أإآﺃﺄﺇﺈﺁﺂ")
# One regex finds the tokens and, at the start of an Arabic word, the proclitic chain,
# so that no Python runs per token. Its second group always takes part, empty where there
# is no chain, so re.split yields (gap, token, chain) triples of strings. Greedy (ب|ك|ل)?
# tries the longest chain first.
_TOKEN: Final = re.compile(
    "(("
    "(?:و(?:[بكل]?ال|لل)|ف(?:[بكل]?ال|لل)|بال|كال|ل(?:ال|ل)|ال)"
    f"(?={_ARABIC_LETTER}{_ARABIC_LETTER})|"
    f")(?:{_ARABIC_LETTER}{_ARABIC_LETTER}*"  # first: most tokens are Arabic words
    f"|(?i:https?://|www\\.)\\S+?(?={_URL_TRAILER}*(?:\\s|\\Z))"
    r"|\d+(?:[.,]\d+)*"
    f"|{_OTHER_LETTER}+(?:{_MARK}+{_OTHER_LETTER}*)*"
    r"|\S"
    "))"
)
_PRONOUN: Final = re.compile(f"(ه(?:ما|م|ن|ا|(?<=ته))|كما|كم|كن)(?!{_ARABIC_LETTER})")
# A ه that was ة in the original is the feminine ending (ثابتة), not the pronoun.
_TA_MARBUTA: Final = frozenset("ةﺓﺔ")
_MIN_PROCLITIC_STEM = 2
_MIN_PRONOUN_STEM = 3


# Every chain of optional و/ف, ب/ك/ل and ال, shortest first (in that nesting order
# among chains of a length): the readings of ``proclitic_splits`` in their order.
_PROCLITIC_PREFIXES: Final = tuple(
    sorted(
        (
            conjunction + preposition + article
            for conjunction in ("", *_CONJUNCTIONS)
            for preposition in ("", *_PREPOSITIONS)
            for article in ("", "ال")
            if conjunction + preposition + article
        ),
        key=len,
    )
)


def proclitic_splits(word: str) -> list[tuple[str, str]]:
    """Every (proclitics, rest) reading of a normalized word, the most stripped last.

    Each of و/ف, then ب/ك/ل, then ال is optional and the rest keeps two letters or more;
    the unsplit word comes first: ``proclitic_splits("واسرائيل")`` (from ``وإسرائيل``) is
    ``[("", "واسرائيل"), ("و", "اسرائيل")]``. Meant for lexicon lookups, so it includes
    the readings ``tokenize`` is unsure of.
    """
    size = len(word) - _MIN_PROCLITIC_STEM
    return [("", word)] + [
        (prefix, word[len(prefix) :])
        for prefix in _PROCLITIC_PREFIXES
        if len(prefix) <= size and word.startswith(prefix)
    ]


def _split(normalized: str) -> tuple[list[int], list[int], list[int], list[str]]:
    """Token starts and ends, and the index and text of each proclitic chain; normalized."""
    pieces = _TOKEN.split(normalized)
    lengths = list(map(len, pieces))
    del lengths[2::3]  # a chain lies inside its token
    offsets = list(accumulate(lengths, initial=0))
    found = pieces[2::3]
    return (
        offsets[1:-1:2],
        offsets[2::2],
        list(compress(count(), found)),
        list(filter(None, found)),
    )


def _sure_proclitics(
    text: str, layer: TextLayer, starts: list[int], owners: list[int], chains: list[str]
) -> tuple[list[int], list[int], list[str]]:
    """The chains whose article's alef has no hamza and that cut no ligature."""
    chain_starts = pick(starts, owners)
    alefs = original_starts(layer, list(map(add, chain_starts, map(_ALEF_AT.__getitem__, chains))))
    keep = list(map(_HAMZA_ALEFS.isdisjoint, map(text.__getitem__, alefs)))
    interiors = expansion_interiors(text, layer)
    if interiors:
        # A ligature across a clitic boundary (ﻟﻼﺟﺌﻴﻦ, ﷲ) leaves no clean place to cut.
        keep = [
            keep_chain and not any(start + end in interiors for end in _CHAIN_ENDS[chain])
            for keep_chain, start, chain in zip(keep, chain_starts, chains, strict=True)
        ]
    if all(keep):
        return owners, chain_starts, chains
    return (
        list(compress(owners, keep)),
        list(compress(chain_starts, keep)),
        list(compress(chains, keep)),
    )


def _pronouns(
    text: str, layer: TextLayer, starts: list[int], ends: list[int], with_article: set[int]
) -> list[tuple[int, int, int]]:
    """(token, start, end) for each sure enclitic pronoun; normalized offsets."""
    normalized = layer.normalized
    offsets = layer.to_original
    found: list[tuple[int, int, int]] = []
    # One regex over the text beats str.endswith per word (26 µs against 53 an article).
    for match in _PRONOUN.finditer(normalized):
        start, end = match.span()
        token = bisect_left(ends, end)
        if (
            token < len(ends)
            and ends[token] == end
            and start - starts[token] >= _MIN_PRONOUN_STEM
            and token not in with_article
            and normalized[starts[token]] in _ARABIC_LETTERS  # a word, not a URL
            and text[start if offsets is None else offsets[start]] not in _TA_MARBUTA
            and (offsets is None or offsets[start] != offsets[start - 1])  # no ligature cut
        ):
            found.append((token, start, end))
    return found


def tokenize(text: str, layer: TextLayer) -> Tokens:
    """The tokens of ``text``, whose text layer is ``layer``, with offsets into ``text``.

    ``normalize(text[token.start:token.end])`` is the normalized text the token was read
    from; a token's end takes along the harakat after it. Clitic offsets are original too.
    """
    starts, ends, owners, chains = _split(layer.normalized)
    owners, chain_starts, chains = _sure_proclitics(text, layer, starts, owners, chains)
    pronouns = _pronouns(text, layer, starts, ends, set(owners))

    # Every clitic as (owner, start, end, kind): one to three a chain, one a pronoun. No
    # token has both (pronouns only go on words without the article), so sorting by owner
    # keeps each chain's clitics in order.
    rows: list[tuple[int, int, int, CliticKind]] = [
        (owner, chain_start + start, chain_start + end, kind)
        for owner, chain_start, chain in zip(owners, chain_starts, chains, strict=True)
        for start, end, kind in _CHAINS[chain]
    ]
    if pronouns:
        rows.extend((token, start, end, "pronoun") for token, start, end in pronouns)
        rows.sort(key=itemgetter(0))
    clitic_owners, clitic_starts, clitic_ends, kinds = (
        zip(*rows, strict=True) if rows else ((), (), (), ())
    )
    all_ends = original_ends(text, layer, [*ends, *clitic_ends])
    return Tokens(
        original_starts(layer, starts),
        all_ends[: len(ends)],
        clitic_owners=clitic_owners,
        clitic_starts=original_starts(layer, clitic_starts),
        clitic_ends=all_ends[len(ends) :],
        clitic_kinds=kinds,
    )
