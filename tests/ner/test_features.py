"""Feature extraction: clitic stems, shapes, gazetteer words and phrases, context."""

import pytest

from rasd.ner.features import FeatureExtractor, Gazetteer, Lexicon

GAZETTEER = Gazetteer.from_lines(
    [
        "GEO\tالباغوز",
        "LOC\tاردن",
        "ORG\tقوات سوريا الديمقراطيه",
        "PER\tمصطفي",
    ]
)


def _features(words: list[str], feature_set: str = "gazetteer") -> list[list[str]]:
    return FeatureExtractor(GAZETTEER, {}, feature_set).sentence_features(words)


def test_features_one_list_per_word() -> None:
    assert [len(f) > 0 for f in _features(["قال", "مصطفى", "بالي"])] == [True, True, True]
    assert _features([]) == []


def test_features_normalize_and_strip_clitics() -> None:
    (own,) = _features(["وبالباغوزِ"])
    assert "w=وبالباغوز" in own
    assert "cl=وبال" in own
    assert "st=باغوز" in own


def test_features_gazetteer_word_and_stem() -> None:
    words = ["الباغوز", "والباغوز", "الأردن", "مصطفى"]
    hits = [[f for f in feats if f.startswith(("g=", "gs="))] for feats in _features(words)]
    assert hits == [["g=GEO"], ["gs=GEO"], ["gs=LOC"], ["g=PER"]]


def test_features_gazetteer_phrase_with_proclitic() -> None:
    feats = _features(["وقال", "فصيل", "لقوات", "سوريا", "الديمقراطية", "،"])
    phrase = [[f for f in token if f.startswith("mg=")] for token in feats]
    assert phrase == [[], [], ["mg=B-ORG"], ["mg=I-ORG"], ["mg=I-ORG"], []]


@pytest.mark.parametrize(
    ("word", "shape"),
    [
        ("2019", "sh=year"),
        ("150", "sh=digit"),
        ("1,500", "sh=number"),
        ("Reuters", "sh=latin"),
        ("،", "sh=punct"),
        ("رويترز", "sh=arabic"),
    ],
)
def test_features_shape(word: str, shape: str) -> None:
    (own,) = _features([word])
    assert shape in own


def test_features_context_window() -> None:
    feats = _features(["قال", "الرئيس", "مصطفى", "بالي", "امس"], "base")
    middle = feats[2]
    assert {"-2w=قال", "-1w=الرئيس", "+1w=بالي", "+2w=امس"} <= set(middle)
    assert "BOS" in feats[0] and "EOS" in feats[-1]


def test_features_clusters_only_in_full_set() -> None:
    extractor = FeatureExtractor(GAZETTEER, {"بالي": "3.17"}, "full")
    (own,) = extractor.sentence_features(["بالي"])
    assert {"c0=3", "c1=3.17"} <= set(own)
    (base,) = _features(["بالي"], "base")
    assert not any(f.startswith("c0=") for f in base)


def test_features_unknown_set_raises() -> None:
    with pytest.raises(ValueError, match="feature set"):
        FeatureExtractor(GAZETTEER, {}, "nonsense")


def test_features_cache_gives_same_result() -> None:
    extractor = FeatureExtractor(GAZETTEER, {}, "gazetteer")
    words = ["قال", "مصطفى", "بالي", "في", "الباغوز"]
    assert extractor.sentence_features(words) == extractor.sentence_features(list(words))


def test_lexicon_of_training_mentions() -> None:
    lexicon = Lexicon.build(
        [
            (["قال", "عادل", "إمام", "في", "بغداد"], ["O", "B-PER", "I-PER", "O", "B-LOC"]),
            (["علي", "الطاولة", "في", "المكتب"], ["O", "O", "O", "O"]),
            (["قال", "علي", "في", "المكتب"], ["O", "B-PER", "O", "O"]),
        ]
    )
    assert Lexicon.from_lines(lexicon.to_lines()) == lexicon
    assert lexicon.entries[("علي",)] == (("PER", "h"),)
    hits = lexicon.hits(["وعادل", "إمام", "ببغداد"])
    assert hits[0] == ["lxh=B-PER", "lxm=B", "+1lxh=I-PER"]
    assert "lxh=I-PER" in hits[1] and "lxh=B-LOC" in hits[2]


def test_lexicon_rate_low_for_common_words() -> None:
    sentences = [(["في", "المكتب"], ["O", "O"])] * 3 + [(["في"], ["B-PER"])]
    assert Lexicon.build(sentences).entries[("في",)] == (("PER", "l"),)


def test_lexicon_features_appended_by_extractor() -> None:
    lexicon = Lexicon.build([(["بغداد"], ["B-LOC"])])
    extractor = FeatureExtractor(GAZETTEER, {}, "full", lexicon)
    (own,) = extractor.sentence_features(["وبغداد"])
    assert own[-1] == "lxh=B-LOC"
