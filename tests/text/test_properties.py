"""Invariants of the text layer for any text: offsets hold, spans are what they claim."""

from bisect import bisect_right
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.model import Span, TextLayer, Token
from rasd.text import analyze
from rasd.text.normalize import is_boundary, normalize, to_normalized_offset, to_original_span

# Characters the text layer treats specially, so that generated text meets them often.
_SPECIAL = (
    "ابتثجحخدذرسشصعغفقكلمنهويءأإآٱىةیکپگ"  # letters and their variants
    "وفبكلال"  # clitic letters, twice as likely
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u06d6\u06db\u06ed"  # harakat
    "\u0640"  # tatweel
    "ﻻﻷﷲﺑﺎﻟﻼﺓﻯﹰﱞﷺ﷽"  # presentation forms
    "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳٫٬٪٭.,%"  # digits, separators and signs of the digit block
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\u061c\ufeff\u00ad\u2060"
    " \t\n\r\u00a0\u2003\u202f\u3000"
    ".!?؟…،؛:\"'»«”“()[]-/"
    "aZé\u0301hw"
)
arabic_text = st.text(alphabet=st.sampled_from(_SPECIAL), max_size=80)
# Pieces of news text, so that sentences, clitics and URLs meet their edge cases.
_PIECES = (
    *("الباغوز", "والباغوز", "للمرصد", "وللمرصد", "بالي", "قواته", "بينهما", "ثابتة"),
    *("ألمانيا", "مُحَمَّدٌ", "ﷲ", "ﻟﻼﺟﺌﻴﻦ", "بﻻد", "2019م", "٣٫٥", "1,500.5", "د.", "U.S."),
    *("Mr.", "http://x.co/الباغوز", "www.a.b.", ". ", "؟! ", "… ", ".", "،", "\n", "\n\n"),
    *(" ", "  ", "\t", "”", "“", "«", "»", '"', "(", ")", "\u200f", "\u064e", "\u0640"),
)
news_text = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)
any_text = st.one_of(st.text(max_size=40), arabic_text, news_text)
EXAMPLES = settings(max_examples=200)

_KINDS = {"conjunction": ("و", "ف"), "preposition": ("ب", "ك", "ل"), "article": ("ال", "ل")}
_PRONOUNS = ("هما", "هم", "هن", "ها", "كما", "كم", "كن", "ه")


def _check_span(text: str, layer: TextLayer, start: int, end: int) -> None:
    assert 0 <= start < end <= len(text)
    normalized_start = to_normalized_offset(layer, start)
    normalized_end = to_normalized_offset(layer, end)
    assert normalize(text[start:end]) == layer.normalized[normalized_start:normalized_end]
    assert normalize(text[start:end])
    assert is_boundary(layer, normalized_start)
    assert is_boundary(layer, normalized_end)


@EXAMPLES
@given(any_text)
def test_offset_map_is_monotone_and_covers_both_ends(text: str) -> None:
    layer, _, _ = analyze(text)
    assert layer.normalized == normalize(text)
    offsets = layer.to_original or tuple(range(len(text) + 1))
    assert len(offsets) == len(layer.normalized) + 1
    assert offsets[-1] == len(text)
    assert all(a <= b for a, b in pairwise(offsets))
    assert all(0 <= offset <= len(text) for offset in offsets)
    if layer.to_original is None:
        assert len(layer.normalized) == len(text)


@EXAMPLES
@given(any_text)
def test_to_original_span_round_trips(text: str) -> None:
    layer, _, _ = analyze(text)
    size = len(layer.normalized)
    for start in range(size):
        for end in (start + 1, size):
            original = to_original_span(layer, start, end, text=text)
            assert original[0] <= original[1] <= to_original_span(layer, start, end)[1]
            if is_boundary(layer, start) and is_boundary(layer, end):
                assert normalize(text[original[0] : original[1]]) == layer.normalized[start:end]


@EXAMPLES
@given(any_text)
def test_tokens_are_what_they_claim(text: str) -> None:
    layer, _, tokens = analyze(text)
    previous_end = 0
    for token in tokens:
        assert type(token) is Token
        assert previous_end <= token.start
        previous_end = token.end
        _check_span(text, layer, token.start, token.end)
        assert not any(char.isspace() for char in normalize(text[token.start : token.end]))
    # every non-space character of the normalized text is in a token
    covered = sum(
        to_normalized_offset(layer, t.end) - to_normalized_offset(layer, t.start) for t in tokens
    )
    assert covered == sum(not char.isspace() for char in layer.normalized)


@EXAMPLES
@given(any_text)
def test_clitics_lie_inside_their_token(text: str) -> None:
    layer, _, tokens = analyze(text)
    for token in tokens:
        previous_end = token.start
        for clitic in token.clitics:
            assert token.start <= clitic.start < clitic.end <= token.end
            assert previous_end <= clitic.start
            previous_end = clitic.end
            _check_span(text, layer, clitic.start, clitic.end)
            clitic_text = normalize(text[clitic.start : clitic.end])
            if clitic.kind == "pronoun":
                assert clitic_text in _PRONOUNS
                assert clitic.end == token.end
            else:
                assert clitic_text in _KINDS[clitic.kind]
        if token.clitics:
            stem = token.stem
            assert stem.start < stem.end
            assert len(normalize(text[stem.start : stem.end])) >= 2


@EXAMPLES
@given(any_text)
def test_sentences_cover_every_token_once(text: str) -> None:
    layer, sentences, tokens = analyze(text)
    previous_end = 0
    for sentence in sentences:
        assert type(sentence) is Span
        assert previous_end <= sentence.start
        previous_end = sentence.end
        _check_span(text, layer, sentence.start, sentence.end)
        stripped = normalize(text[sentence.start : sentence.end])
        assert stripped == stripped.strip()
    starts = [sentence.start for sentence in sentences]
    for token in tokens:
        index = bisect_right(starts, token.start) - 1
        assert index >= 0
        assert sentences[index].start <= token.start and token.end <= sentences[index].end
    assert bool(sentences) == bool(tokens)
