"""The numpy decoder gives crfsuite's answers: same best path, same marginals."""

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.ner.clusters import load_clusters
from rasd.ner.features import FeatureExtractor, Gazetteer
from rasd.ner.tagger import NerTagger
from rasd.text import analyze

ARTICLE = Path(__file__).parents[2] / "examples" / "baghouz_surrender_ar.txt"


@cache
def _tagger() -> NerTagger:
    return NerTagger.load()


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return _tagger()


def _sentences() -> list[list[str]]:
    text = ARTICLE.read_text("utf-8")
    _, sentences, tokens = analyze(text)
    return [
        [
            text[s:e]
            for s, e in zip(tokens.starts, tokens.ends, strict=True)
            if span.start <= s < span.end
        ]
        for span in sentences
    ]


def _agree(ours: list[tuple[str, float]], theirs: list[tuple[str, float]]) -> None:
    assert [label for label, _ in ours] == [label for label, _ in theirs]
    for (_, mine), (_, reference) in zip(ours, theirs, strict=True):
        # crfsuite's dump prints weights with six decimals
        assert mine == pytest.approx(reference, abs=1e-4)


def test_document_at_once_equals_crfsuite_sentence_by_sentence(tagger: NerTagger) -> None:
    sentences = _sentences()
    together = tagger.tag_many(sentences)
    assert len(together) == len(sentences)
    for words, ours in zip(sentences, together, strict=True):
        _agree(ours, tagger.tag_crfsuite(words))


def test_empty_and_one_word_sentences(tagger: NerTagger) -> None:
    assert tagger.tag([]) == []
    assert tagger.tag_many([]) == []
    result = tagger.tag_many([[], ["دمشق"], []])
    assert result[0] == [] and result[2] == []
    _agree(result[1], tagger.tag_crfsuite(["دمشق"]))


_TEXT = (
    "قال مصطفى بالي المتحدث باسم قوات سوريا الديمقراطية في الباغوز إن نحو 150 من مقاتلي "
    "تنظيم داعش استسلموا وأكدت وكالة رويترز أن الأمم المتحدة والعراق ودمشق ومحمد علي"
)
_WORDS = tuple(_TEXT.split())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=30), max_size=6))
def test_any_batch_equals_crfsuite(sentences: list[list[str]]) -> None:
    tagger = _tagger()
    for words, ours in zip(sentences, tagger.tag_many(sentences), strict=True):
        _agree(ours, tagger.tag_crfsuite(words))


def test_a_word_cache_cleared_mid_document_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rasd.ner.decoder as decoder

    monkeypatch.setattr(decoder, "_CACHE_SIZE", 7)  # cleared again and again
    tagger = NerTagger.load()
    sentences = _sentences()
    for words, ours in zip(sentences, tagger.tag_many(sentences), strict=True):
        _agree(ours, tagger.tag_crfsuite(words))


def test_a_long_sentence_equals_crfsuite(tagger: NerTagger) -> None:
    # hundreds of positions: the passes are rescaled many times over, never underflow
    words = [word for sentence in _sentences() for word in sentence][:400]
    (ours,) = tagger.tag_many([words])
    _agree(ours, tagger.tag_crfsuite(words))


def test_tag_document_gives_the_norms_of_each_sentence(tagger: NerTagger) -> None:
    sentences = [[], *_sentences()[:5], []]
    tags, norms = tagger.tag_document(sentences)
    assert tags == tagger.tag_many(sentences)
    assert [list(words) for words in norms] == [tagger.norms(words) for words in sentences]


@pytest.mark.parametrize("feature_set", ["base", "gazetteer"])
def test_smaller_feature_sets_equal_crfsuite(tagger: NerTagger, feature_set: str) -> None:
    # no phrase or lexicon features: words that start gazetteer phrases match nothing
    extractor = FeatureExtractor(Gazetteer.load(), load_clusters(), feature_set)
    smaller = NerTagger(tagger._model, extractor)
    sentences = _sentences()[:8]
    for words, ours in zip(sentences, smaller.tag_many(sentences), strict=True):
        _agree(ours, smaller.tag_crfsuite(words))
