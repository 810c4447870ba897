"""Trigger candidates: where a sentence names an event, found with the PLOVER lexicon.

Matching runs over the normalized words of one sentence; each word is one dict lookup in
the compiled lexicon (``rasd.events.lexicon``), so the clitics (وقصفت، بالهجوم) cost
nothing here. Overlaps go to the longest pattern: ``هجوم انتحاري`` beats ``هجوم``. Spans are
mapped back to the original text, harakat and all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import Final

from rasd.events.lexicon import MAX_GAP, Compiled, Lexicon, load_lexicon
from rasd.model import PloverType, Span, TextLayer, Tokens
from rasd.text import to_normalized_offset, to_original_span

# A run of letters of the normalized text (harakat and tatweel are gone there already).
# Written class-then-star so that sre skips ahead between words.
WORD: Final = re.compile("[\u0621-\u063a\u0641-\u064a][\u0621-\u063a\u0641-\u064a]*")
_SPLIT: Final = re.compile(f"({WORD.pattern})")
_DAMMA = "\u064f"
_NEAR = 25  # characters: a cue this close describes the trigger, not a list around it


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that names a PLOVER event, ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str
    event_type: PloverType
    mode: str | None
    context: tuple[str, ...]
    nominal: bool  # a masdar or noun (هجوم) rather than a verb (هاجم)
    passive: bool  # a passive verb (قُتل، اغتيل): its grammatical subject is the target
    weight: float  # how reliably the cue signals the type; the detector's confidence
    key: str = ""  # the lexicon pattern it matched, normalized


@dataclass(frozen=True, slots=True)
class ModeCue:
    """A word that says how violence was done without naming it: انتحاري، مفخخة، طائرة."""

    start: int
    end: int
    text: str
    mode: str


Word = tuple[int, int, str]  # normalized start, end, text


class _LastDocument:
    """The words of the last text layer read: every stage asks per sentence, so a document
    is scanned once (one ``finditer``) and each sentence is two bisections and slices."""

    __slots__ = ("layer", "starts", "texts", "words")

    def __init__(self, layer: TextLayer | None) -> None:
        self.layer = layer
        # split with a group alternates gaps and words; their running lengths are the
        # offsets: all C loops, no match object per word
        parts = _SPLIT.split(layer.normalized if layer is not None else "")
        bounds = list(accumulate(map(len, parts), initial=0))
        self.texts = parts[1::2]
        self.starts = bounds[1:-1:2]
        self.words: list[Word] = list(zip(self.starts, bounds[2::2], self.texts, strict=True))


_last = _LastDocument(None)


def _document(layer: TextLayer) -> _LastDocument:
    global _last  # one slot, replaced whole: safe to read from several threads
    last = _last
    if last.layer is not layer:
        last = _last = _LastDocument(layer)
    return last


def _bounds(layer: TextLayer, sentence: Span, document: _LastDocument) -> tuple[int, int]:
    start = to_normalized_offset(layer, sentence.start)
    end = to_normalized_offset(layer, sentence.end)
    return bisect_left(document.starts, start), bisect_left(document.starts, end)


def sentence_words(layer: TextLayer, sentence: Span) -> list[Word]:
    """The normalized words of ``sentence`` (an original span), with normalized offsets."""
    document = _document(layer)
    first, last = _bounds(layer, sentence, document)
    return _clipped(document.words[first:last], to_normalized_offset(layer, sentence.end))


def _clipped(words: list[Word], end: int) -> list[Word]:
    """``words`` with a last word cut at ``end`` when the sentence ends inside it."""
    if words and words[-1][1] > end:
        start, _, text = words[-1]
        words[-1] = (start, end, text[: end - start])
    return words


def candidate_words(layer: TextLayer, sentence: Span, lexicon: Lexicon) -> list[Word] | None:
    """The sentence's words when one of them can start a trigger, else None (cheaply).

    Most sentences of a long article name no event: a set test over the sentence's word
    strings dismisses them before any per-word work.
    """
    document = _document(layer)
    first, last = _bounds(layer, sentence, document)
    if lexicon.triggers.keys().isdisjoint(document.texts[first:last]):
        return None
    return _clipped(document.words[first:last], to_normalized_offset(layer, sentence.end))


def _match_rest(
    words: list[Word], at: int, rest: tuple[frozenset[str] | None, ...], step: int
) -> int | None:
    """The index of the last word matched by ``rest[step:]`` from word ``at``, or None."""
    if step == len(rest):
        return at - 1
    surfaces = rest[step]
    if surfaces is None:  # a gap: the next word may come up to MAX_GAP words later
        following = rest[step + 1]
        assert following is not None  # the table never has two gaps in a row
        for skip in range(at, min(at + MAX_GAP + 1, len(words))):
            if words[skip][2] in following:
                last = _match_rest(words, skip + 1, rest, step + 2)
                if last is not None:
                    return last
        return None
    if at < len(words) and words[at][2] in surfaces:
        return _match_rest(words, at + 1, rest, step + 1)
    return None


def match_words(
    words: list[Word], table: dict[str, tuple[Compiled, ...]]
) -> list[tuple[int, int, int]]:
    """(first word, last word, entry) for each match, overlaps resolved: longest wins.

    Longest counts words, then characters; matches over the very same words all stay (a
    pattern may signal two types: رشق is ASSAULT and, at a protest, PROTEST riot).
    """
    found: list[tuple[int, int, int]] = []
    texts = [word[2] for word in words]
    hits = table.keys() & texts
    if not hits:
        return found
    for index, text in enumerate(texts):
        if text not in hits:
            continue
        for pattern in table[text]:
            last = _match_rest(words, index + 1, pattern.rest, 0) if pattern.rest else index
            if last is not None:
                found.append((index, last, pattern.entry))
    if len(found) < 2:
        return found
    found.sort(key=lambda m: (m[0] - m[1], words[m[0]][0] - words[m[1]][1], m[0]))
    taken: set[int] = set()
    kept: list[tuple[int, int, int]] = []
    for first, last, entry in found:
        span = range(first, last + 1)
        if taken.isdisjoint(span):
            kept.append((first, last, entry))
            taken.update(span)
        elif any(k[0] == first and k[1] == last for k in kept):
            kept.append((first, last, entry))
    kept.sort()
    return kept


def find_mode_cues(
    text: str, layer: TextLayer, sentence: Span, *, lexicon: Lexicon | None = None
) -> list[ModeCue]:
    """The mode cues in one sentence, in text order: ``انتحاري`` -> suicide-attack."""
    return _mode_cues(text, layer, sentence_words(layer, sentence), lexicon or load_lexicon())


def _mode_cues(text: str, layer: TextLayer, words: list[Word], lexicon: Lexicon) -> list[ModeCue]:
    cues: list[ModeCue] = []
    for first, last, index in match_words(words, lexicon.cues):
        mode = lexicon.entries[index].mode
        if mode is not None:
            start, end = to_original_span(layer, words[first][0], words[last][1], text=text)
            cues.append(ModeCue(start, end, text[start:end], mode))
    return cues


def _damma_first(text: str, start: int) -> bool:
    """Whether the verb at ``start`` has a damma on its first letter (after و/ف): قُتل."""
    if text[start : start + 1] in ("و", "ف") and text[start + 1 : start + 2] != _DAMMA:
        start += 1
    return text[start + 1 : start + 2] == _DAMMA


def _cue_mode(start: int, mode: str | None, cues: list[ModeCue]) -> str | None:
    """An ASSAULT trigger's mode once the sentence's cues are heard.

    A suicide cue near an explosive wins (انتحاري يقود سيارة مفخخة is a suicide attack);
    otherwise a trigger without a mode takes the nearest cue's.
    """
    for cue in cues:
        if cue.mode == "suicide-attack" and (
            mode is None or (mode == "explosives" and abs(cue.start - start) <= _NEAR)
        ):
            return "suicide-attack"
    if mode is not None or not cues:
        return mode
    return min(cues, key=lambda cue: abs(cue.start - start)).mode


def find_triggers(
    text: str,
    layer: TextLayer,
    tokens: Tokens,
    sentence: Span,
    *,
    lexicon: Lexicon | None = None,
) -> list[Trigger]:
    """Trigger candidates in one sentence, in text order (overlaps resolved: longest wins).

    ``tokens`` (the document's, from ``rasd.text.analyze``) is part of the stage contract;
    the lexicon carries its own clitic forms, so matching needs only the text layer.
    """
    del tokens  # matching reads the normalized words; see the docstring
    lexicon = lexicon or load_lexicon()
    words = candidate_words(layer, sentence, lexicon)
    return [] if words is None else triggers_in(text, layer, words, lexicon)


def triggers_in(text: str, layer: TextLayer, words: list[Word], lexicon: Lexicon) -> list[Trigger]:
    """``find_triggers`` over a sentence's words already read (``sentence_words``)."""
    matches = match_words(words, lexicon.triggers)
    if not matches:
        return []
    cues: list[ModeCue] | None = None
    triggers: list[Trigger] = []
    seen: set[tuple[int, int, str]] = set()
    for first, last, index in matches:
        entry = lexicon.entries[index]
        if (first, last, entry.event_type) in seen:
            continue  # the same words as verb and masdar (قتل): the first row wins
        seen.add((first, last, entry.event_type))
        start, end = to_original_span(layer, words[first][0], words[last][1], text=text)
        mode = entry.mode
        if entry.event_type == "ASSAULT":
            if cues is None:
                cues = _mode_cues(text, layer, words, lexicon)
            mode = _cue_mode(start, mode, cues)
        # Harakat, where the writer gave them, tell the passive: قُتل، اُعتقل.
        passive = entry.pos == "passive" or (entry.pos == "verb" and _damma_first(text, start))
        triggers.append(
            Trigger(
                start=start,
                end=end,
                text=text[start:end],
                event_type=entry.event_type,
                mode=mode,
                context=entry.context,
                nominal=entry.pos == "noun",
                passive=passive,
                weight=entry.weight,
                key=entry.key,
            )
        )
    return triggers
