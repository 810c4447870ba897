"""Actor, target and location figures of ``rasd.events.arguments`` on the GSR dev set.

For each ``yes`` row with gold spans, the sentence is a document; each distinct gold verb
gives a trigger (the verb token that names the event), ``find_arguments`` runs on it, and
the predicted actor and target are scored by token F1 against the annotators' spans for
that verb (the best of them, since annotators disagree). A row scores the mean over its
verbs. Documents are sorted by id and halved: rules were developed on the first half of
ASSAULT, so the second half is the honest figure.

    .venv/bin/python train/eval_arguments.py --data ../shared/data [--show 20]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rasd.events.arguments import find_arguments
from rasd.model import Argument, Span, TextLayer, Tokens
from rasd.pipeline import extract_text
from rasd.text import analyze, normalize


def _trigger_finder() -> Callable[..., list[Any]] | None:
    """The trigger stage's ``find_triggers`` where it is built; it says noun or passive."""
    try:
        module = importlib.import_module("rasd.events.triggers")
    except ImportError:  # the word-shape heuristic below stands in
        return None
    finder: Callable[..., list[Any]] | None = getattr(module, "find_triggers", None)
    return finder


find_triggers = _trigger_finder()

_PUNCT = re.compile(r"[«»\"“”().,:؛،!?؟\[\]]")


# Stems of words that name an event; among a multi-word gold verb they pick the trigger.
def _normalized(words: str) -> tuple[str, ...]:
    return tuple(normalize(word) for word in words.split())


_EVENT_STEMS = _normalized(
    "قتل مقتل هجوم هجمات هاجم اغتيال اغتال اغتيل خطف فجر تفجير انفجار انفجر اطلاق أطلق "
    "قصف أصاب أصيب إصابة جرح ضرب تعذيب استهدف اعتقال اعتقل اعتداء تظاهر مظاهر احتج اعتصام "
    "مسيرة إضراب غارة اشتباك ضربة هاجم اقتحم"
)
_NOMINAL = _normalized(
    "مقتل هجوم هجمات هجوما اغتيال اختطاف اعتقال تفجير انفجار اطلاق إطلاق إصابة اصابة "
    "تعذيب ضرب غارة اشتباك اشتباكا مظاهرة تظاهرة احتجاج اعتصام مسيرة إضراب اعتداء "
    "اعتداءات ضربة ضربات عملية محاولة"
)


def _clean(tokens: Sequence[str]) -> list[str]:
    return [w for w in (normalize(_PUNCT.sub("", t)) for t in tokens) if w]


def _f1(predicted: list[str], gold: list[str]) -> float:
    if not predicted and not gold:
        return 1.0
    if not predicted or not gold:
        return 0.0
    remaining = list(gold)
    common = 0
    for word in predicted:
        if word in remaining:
            remaining.remove(word)
            common += 1
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def _ws_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]


def _covered(text: str, arg: Argument | None) -> list[str]:
    if arg is None:
        return []
    return _clean([w for s, e, w in _ws_tokens(text) if s < arg.end and e > arg.start])


def _trigger_word(verb: Sequence[str]) -> str:
    for word in verb:
        bare = normalize(word)
        if any(stem in bare for stem in _EVENT_STEMS):
            return word
    return verb[0]


def _is_nominal(word: str) -> bool:
    bare = normalize(_PUNCT.sub("", word))
    for prefix in ("و", "ف"):
        if bare.startswith(prefix) and len(bare) > 4:
            bare = bare[1:]
    if bare.startswith(("ال", "بال", "لل")):
        return True
    for prefix in ("", "ب", "ل"):
        rest = bare[len(prefix) :]
        if bare.startswith(prefix) and (rest in _NOMINAL or (prefix and rest in _EVENT_STEMS)):
            return True
    return False


def _flags(
    text: str,
    layer: TextLayer,
    tokens: Tokens,
    sentence: Span,
    found: tuple[int, int],
    trigger_word: str,
    event_type: str,
) -> tuple[bool, bool, str]:
    """(nominal, passive, event type) of the trigger: the trigger stage's, else the word's
    shape and the type of the file the row comes from."""
    if find_triggers is not None:
        for trigger in find_triggers(text, layer, tokens, sentence):
            if trigger.start < found[1] and trigger.end > found[0]:
                return trigger.nominal, trigger.passive, trigger.event_type
    return _is_nominal(trigger_word), False, event_type


def _score_row(row: dict[str, object], show: bool, event_type: str) -> tuple[float, float] | None:
    text = str(row["text"])
    spans = row["gold_spans"]["spans"]  # type: ignore[index]
    by_verb: dict[tuple[str, ...], list[dict[str, list[str]]]] = {}
    for span in spans:
        if span.get("verb"):
            by_verb.setdefault(tuple(span["verb"]), []).append(span)
    if not by_verb:
        return None
    doc = extract_text(text)
    layer, sentences, tokens = analyze(text)
    whole = Span(0, len(text))
    words = _ws_tokens(text)
    actor_scores: list[float] = []
    target_scores: list[float] = []
    for verb, group in by_verb.items():
        trigger_word = _trigger_word(verb)
        found = next(((s, e) for s, e, w in words if w == trigger_word), None)
        if found is None:
            found = next(((s, e) for s, e, w in words if trigger_word in w), None)
        if found is None:
            continue
        sentence = next((s for s in sentences if s.start <= found[0] < s.end), whole)
        nominal, passive, kind = _flags(
            text, layer, tokens, sentence, found, trigger_word, event_type
        )
        actor, target = find_arguments(
            text,
            layer,
            tokens,
            sentence,
            Span(*found),
            nominal=nominal,
            passive=passive,
            entities=doc.entities,
            event_type=kind,
        )
        a_pred, t_pred = _covered(text, actor), _covered(text, target)
        a = max(_f1(a_pred, _clean(g["source_actor"])) for g in group)
        t = max(_f1(t_pred, _clean(g["target_actor"])) for g in group)
        actor_scores.append(a)
        target_scores.append(t)
        if show and (a < 1 or t < 1):
            print(f"{row['id']} V={trigger_word} {kind} nominal={nominal} passive={passive}")
            print("   ", text[:200])
            print(f"   A={' '.join(a_pred)!r} {a:.2f} | T={' '.join(t_pred)!r} {t:.2f}")
            for g in group:
                print(
                    f"   gold A={' '.join(g['source_actor'])!r} T={' '.join(g['target_actor'])!r}"
                )
    if not actor_scores:
        return None
    return sum(actor_scores) / len(actor_scores), sum(target_scores) / len(target_scores)


def _halves(rows: list[dict[str, object]]) -> tuple[list[dict[str, object]], ...]:
    docs = sorted({str(row["id"]).rsplit("-", 1)[0] for row in rows})
    first = set(docs[: len(docs) // 2])
    return (
        [r for r in rows if str(r["id"]).rsplit("-", 1)[0] in first],
        [r for r in rows if str(r["id"]).rsplit("-", 1)[0] not in first],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("RASD_DATA_DIR", "../shared/data"))
    parser.add_argument("--show", type=int, default=0, help="print errors of the first half")
    parser.add_argument("--half", type=int, default=0, help="which half --show prints (1 or 2)")
    parser.add_argument("--file", default="assault", help="which file --show prints")
    args = parser.parse_args()
    for name in ("assault", "protest"):
        path = Path(args.data) / "gsr-dev" / f"{name}.jsonl"
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        rows = [r for r in rows if r["label"] == "yes" and r.get("gold_spans")]
        rows.sort(key=lambda r: r["id"])
        for half, part in zip(("first", "second"), _halves(rows), strict=True):
            shown = args.show and args.half == (1 if half == "first" else 2) and name == args.file
            scores = [
                s for r in part if (s := _score_row(r, bool(shown), name.upper())) is not None
            ]
            actor = sum(s[0] for s in scores) / max(1, len(scores))
            target = sum(s[1] for s in scores) / max(1, len(scores))
            print(
                f"{name.upper():8} {half:6} half: rows={len(scores):3} actor F1={actor:.3f} "
                f"target F1={target:.3f} mean={(actor + target) / 2:.3f}"
            )


if __name__ == "__main__":
    main()
