"""The committed tagger on the seed article, pickling, and reproducible training."""

import importlib.util
import pickle
from pathlib import Path
from types import ModuleType

import pytest

from rasd.ner.features import FeatureExtractor, Gazetteer
from rasd.ner.scoring import entity_spans
from rasd.ner.tagger import NerTagger
from rasd.text import analyze

ROOT = Path(__file__).parents[2]
ARTICLE = ROOT / "examples" / "baghouz_surrender_ar.txt"
LABELS = {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "ORG", "LOC", "MISC")}


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


@pytest.fixture(scope="module")
def article_entities(tagger: NerTagger) -> set[tuple[str, str]]:
    """(type, entity text with its tokens joined by spaces) over the seed article."""
    text = ARTICLE.read_text("utf-8")
    _, sentences, tokens = analyze(text)
    found: set[tuple[str, str]] = set()
    for sentence in sentences:
        words = [
            text[start:end]
            for start, end in zip(tokens.starts, tokens.ends, strict=True)
            if sentence.start <= start and end <= sentence.end
        ]
        tags = [label for label, _ in tagger.tag(words)]
        for start, end, kind in entity_spans(tags):
            found.add((kind, " ".join(words[start:end])))
    return found


def _missed(kind: str, name: str, why: str) -> object:
    # Misses of the committed model (issue 4), left visible rather than special-cased in
    # the tagger; a retrained model that finds one shows up as XPASS.
    return pytest.param(kind, name, marks=pytest.mark.xfail(reason=why, strict=False))


SEED_ENTITIES = [
    _missed("PER", "مصطفى بالي", "foreign-looking names after a title are untagged"),
    _missed("PER", "شون رايان", "transliterated English names are not in the gazetteers"),
    _missed("ORG", "قوات سوريا الديمقراطية", "ANERcorp (2006) predates the SDF: سوريا as LOC"),
    _missed("ORG", "للمرصد السوري لحقوق الإنسان", "not in ANERcorp or the gazetteers"),
    ("LOC", "الباغوز"),
    ("ORG", "رويترز"),
]


@pytest.mark.parametrize(("kind", "name"), SEED_ENTITIES)
def test_tagger_finds_seed_entities(
    article_entities: set[tuple[str, str]], kind: str, name: str
) -> None:
    assert (kind, name) in article_entities


def test_tagger_labels_and_probabilities(tagger: NerTagger) -> None:
    words = ["وقال", "الكولونيل", "شون", "رايان", "المتحدث", "باسم", "قوات", "التحالف"]
    result = tagger.tag(words)
    assert len(result) == len(words)
    assert all(label in LABELS and 0.0 <= prob <= 1.0 for label, prob in result)
    assert tagger.tag([]) == []


def test_tagger_pickles(tagger: NerTagger) -> None:
    words = ["قال", "المرصد", "السوري", "في", "دمشق"]
    clone = pickle.loads(pickle.dumps(tagger))
    assert clone.tag(words) == tagger.tag(words)


def _build_ner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_ner", ROOT / "train" / "build_ner.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXTURE_CORPUS = """\
قال O
الرئيس O
مصطفى B-PERS
بالي I-PERS
في O
دمشق B-LOC

وصلت O
قوات B-ORG
سوريا I-ORG
الديمقراطية I-ORG
إلى O
الباغوز B-LOC

ذكرت O
وكالة O
رويترز B-ORG
أن O
الدولار B-MISC
ارتفع O
"""


def test_training_twice_gives_identical_model(tmp_path: Path) -> None:
    build_ner = _build_ner()
    corpus = tmp_path / "train.txt"
    corpus.write_text(FIXTURE_CORPUS * 3, "utf-8")
    sentences = build_ner.read_conll(corpus)
    assert sentences[0][1][2:4] == ["B-PER", "I-PER"]  # ANERcorp's PERS is PER here
    extractor = FeatureExtractor(Gazetteer.from_lines(["LOC\tدمشق"]), {}, "full")
    xseqs = [extractor.sentence_features(words) for words, _ in sentences]
    yseqs = [tags for _, tags in sentences]
    params = {**build_ner.PARAMS, "max_iterations": 30}
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    build_ner.train_model(xseqs, yseqs, params, first)
    build_ner.train_model(xseqs, yseqs, params, second)
    assert first.read_bytes() == second.read_bytes()

    trained = NerTagger(first.read_bytes(), extractor)
    labels = [label for label, _ in trained.tag(["قال", "الرئيس", "مصطفى", "بالي"])]
    assert labels[2:] == ["B-PER", "I-PER"]


def test_jackknifed_lexicon_leaves_each_part_out(tmp_path: Path) -> None:
    build_ner = _build_ner()
    corpus = tmp_path / "train.txt"
    corpus.write_text(FIXTURE_CORPUS, "utf-8")
    sentences = build_ner.read_conll(corpus)
    extractor = FeatureExtractor(Gazetteer.from_lines([]), {}, "full")
    xseqs = [extractor.sentence_features(words) for words, _ in sentences]
    # Three sentences, three parts: no mention recurs, so no part finds a lexicon entry.
    parts = build_ner.jackknifed(xseqs, sentences, 3)
    assert not any(f.startswith(("lx", "-1lx", "+1lx")) for s in parts for w in s for f in w)
    full = build_ner.with_lexicon(xseqs, sentences, build_ner.Lexicon.build(sentences))
    assert "lxh=B-PER" in full[0][2]
