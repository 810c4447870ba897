"""The sentence detector: stored weights applied in plain Python."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from rasd.events.detector import (
    Detector,
    Model,
    _weighted,
    bare_words,
    detect,
    load_detector,
    read_detector,
    sentence_features,
    structural_features,
)
from rasd.events.triggers import find_triggers, sentence_words
from rasd.model import Span
from rasd.text import analyze

TEXT = "قتل خمسة أشخاص في هجوم انتحاري أمس، واعتقلت الشرطة عشرة."


def test_model_applies_weights_bias_and_sigmoid() -> None:
    model = Model({"a": 1.0, "b": -0.5}, bias=0.25, threshold=0.5)
    assert math.isclose(model.probability(["a", "b", "a", "zzz"]), 1 / (1 + math.exp(-0.75)))


def test_detect_uses_the_stored_weights() -> None:
    layer, _, tokens = analyze(TEXT)
    sentence = Span(0, len(TEXT))
    triggers = find_triggers(TEXT, layer, tokens, sentence)
    features = sentence_features(
        "ASSAULT",
        [t for t in triggers if t.event_type == "ASSAULT"],
        sentence_words(layer, sentence),
        layer,
    )
    yes = Detector({"ASSAULT": Model({features[0]: 10.0}, bias=-5.0, threshold=0.5)})
    no = Detector({"ASSAULT": Model({features[0]: -10.0}, bias=-5.0, threshold=0.5)})
    accepted = detect(TEXT, layer, tokens, sentence, detector=yes)
    assert {t.event_type for t in accepted} == {"ASSAULT", "COERCE"}
    assert all(t.weight > 0.99 for t in accepted if t.event_type == "ASSAULT")
    assert {t.event_type for t in detect(TEXT, layer, tokens, sentence, detector=no)} == {"COERCE"}


def test_read_detector_round_trips_json() -> None:
    data = json.dumps(
        {
            "min_weight": 0.6,
            "models": {"PROTEST": {"bias": -1, "threshold": 0.4, "weights": {"x": 2}}},
        }
    )
    detector = read_detector(data)
    assert detector.min_weight == 0.6
    assert detector.models["PROTEST"] == Model({"x": 2.0}, -1.0, 0.4)


def test_shipped_detector_reports_a_plain_attack_and_not_a_threat() -> None:
    detector = load_detector()
    assert set(detector.models) == {"ASSAULT", "PROTEST"}
    report = "وقتل 15 شخصا وأصيب 30 آخرون في هجوم انتحاري بسيارة مفخخة أمس في الموصل."
    layer, _, tokens = analyze(report)
    assert any(
        t.event_type == "ASSAULT" for t in detect(report, layer, tokens, Span(0, len(report)))
    )
    protest = "تظاهر آلاف الطلاب أمس أمام مقر البرلمان احتجاجا على قرار الحكومة."
    layer, _, tokens = analyze(protest)
    found = detect(protest, layer, tokens, Span(0, len(protest)))
    assert any(t.event_type == "PROTEST" for t in found)
    gathering = "وتجمع نحو 500 متظاهر في محيط المحكمة العليا أمس."
    layer, _, tokens = analyze(gathering)
    found = detect(gathering, layer, tokens, Span(0, len(gathering)))
    assert any(t.event_type == "PROTEST" for t in found)


SENTENCES = [
    TEXT,
    "وقال مصدر أمني إن مسلحين أطلقوا النار على دورية للشرطة في مدينة الموصل أمس.",
    "وأدان الرئيس الهجوم الذي استهدف السفارة عام 2005 ودعا إلى عدم تكرار الهجمات.",
    "لم تقع أي اشتباكات، لكن المتظاهرين رددوا شعارات ضد الحكومة في قرية الزيتون.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_run_time_scoring_equals_the_trained_formula(text: str) -> None:
    # detect scores with split weights (no string per word); the trainer's formula is the
    # plain sum over sentence_features: both must give the same probability.
    layer, _, tokens = analyze(text)
    sentence = Span(0, len(text))
    words = sentence_words(layer, sentence)
    triggers = find_triggers(text, layer, tokens, sentence)
    for event_type, model in load_detector().models.items():
        of_type = [t for t in triggers if t.event_type == event_type]
        if not of_type:
            continue
        full = model.probability(sentence_features(event_type, of_type, words, layer))
        split = model.score(
            structural_features(of_type, words, layer), bare_words(w[2] for w in words)
        )
        assert math.isclose(full, split, rel_tol=1e-12)


def test_reported_speech_and_background_cues_reach_the_features() -> None:
    text = SENTENCES[2]
    layer, _, tokens = analyze(text)
    sentence = Span(0, len(text))
    assault = [t for t in find_triggers(text, layer, tokens, sentence) if t.event_type == "ASSAULT"]
    features = set(structural_features(assault, sentence_words(layer, sentence), layer))
    assert {"b:after-condemn", "b:noun:def", "year", "cue:condemn"} <= features


def _protest_features(text: str) -> set[str]:
    layer, _, tokens = analyze(text)
    sentence = Span(0, len(text))
    protest = [t for t in find_triggers(text, layer, tokens, sentence) if t.event_type == "PROTEST"]
    assert protest
    return set(structural_features(protest, sentence_words(layer, sentence), layer))


@pytest.mark.parametrize(
    "text",
    [
        "وتجمع نحو 500 متظاهر في محيط المحكمة العليا.",
        "واحتشد متظاهرون امام السجن.",
        "مليون متظاهر خرجوا للاحتجاج على قرار الحكومة.",
        "وتجمهر الناس في الشارع الرئيسي.",
    ],
)
def test_a_crowd_that_gathers_is_a_gathering(text: str) -> None:
    assert "p:gather" in _protest_features(text)


def test_a_counted_crowd_is_counted_and_a_definite_one_is_not() -> None:
    counted = _protest_features("وخرج مساء أمس مئات من المتظاهرين احتجاجا على القرار.")
    assert {"p:counted", "p:gather"} <= counted
    assert "p:counted" in _protest_features("وتجمع نحو 500 متظاهر أمام المحكمة.")
    # a detail of a protest already told: its people are definite and nobody gathers
    detail = _protest_features("وردد المتظاهرون هتافات ضد الحكومة.")
    assert "p:def:subject" in detail
    assert not {"p:gather", "p:counted"} & detail
    assert "p:def:oblique" in _protest_features("ورفع المتظاهرون لافتات وقالوا للمتظاهرين.")
    # تجمع as a noun with no crowd near it (تجمع اللجان) is no gathering
    committee = "واستقبل وفدا من تجمع اللجان الشعبية الداعمة للاحتجاجات."
    assert "p:gather" not in _protest_features(committee)


def test_only_protest_candidates_read_their_participants() -> None:
    text = "وقتل خمسة متظاهرين في هجوم على تجمع لمئات المتظاهرين."
    layer, _, tokens = analyze(text)
    sentence = Span(0, len(text))
    assault = [t for t in find_triggers(text, layer, tokens, sentence) if t.event_type == "ASSAULT"]
    features = structural_features(assault, sentence_words(layer, sentence), layer)
    assert not [f for f in features if f.startswith("p:")]


def _build_events() -> ModuleType:
    path = Path(__file__).parents[2] / "train" / "build_events.py"
    spec = importlib.util.spec_from_file_location("build_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_events", module)  # its dataclasses look themselves up
    spec.loader.exec_module(sys.modules["build_events"])
    return sys.modules["build_events"]


def _row(number: int, text: str, accept: int, total: int = 3) -> str:
    label = "yes" if accept == total else "difficult no" if accept else "easy no"
    return json.dumps(
        {
            "id": f"AAW_ARB_2008{number:04d}.0001-1",
            "event_type": "ASSAULT",
            "label": label,
            "accept": accept,
            "reject": total - accept,
            "total": total,
            "text": text,
        },
        ensure_ascii=False,
    )


FIXTURE = [
    (SENTENCES[1], 3),
    ("وقتل خمسة أشخاص في هجوم انتحاري بسيارة مفخخة في بغداد أمس.", 3),
    ("وفجر انتحاري نفسه قرب حاجز للشرطة فقتل ثلاثة جنود.", 3),
    ("وقصفت الطائرات مواقع المسلحين في البلدة فجر اليوم.", 3),
    (SENTENCES[2], 0),
    ("وهدد التنظيم بشن هجمات جديدة على المدينة.", 1),
    ("ونفت الشرطة وقوع أي هجوم على المركز.", 0),
    ("وتحدث الكتاب عن الاغتيالات في لبنان منذ عام 1975.", 1),
]


def test_training_twice_gives_identical_detector_that_detect_applies(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    build_events = _build_events()
    data = tmp_path / "assault.jsonl"
    data.write_text(
        "\n".join(_row(n, text, accept) for n, (text, accept) in enumerate(FIXTURE)), "utf-8"
    )
    examples = build_events.read_examples(data, "ASSAULT")
    assert [e.agreement for e in examples][4:6] == [0.0, pytest.approx(1 / 3)]
    first = build_events.build({"ASSAULT": examples}, 2)
    assert first == build_events.build({"ASSAULT": examples}, 2)
    detector = read_detector(first.decode())
    trained = build_events.fit(examples)
    for example in examples:
        text = example.text
        layer, _, tokens = analyze(text)
        found = detect(text, layer, tokens, Span(0, len(text)), detector=detector)
        weights = {t.weight for t in found if t.event_type == "ASSAULT"}
        probability = trained.probability(example.features)
        if probability >= detector.models["ASSAULT"].threshold:
            assert weights == {round(probability, 4)}
        else:
            assert not weights


def test_a_weighted_trigger_is_the_trigger_with_its_new_weight() -> None:
    # detect builds accepted triggers field by field: a field added to Trigger must be kept.
    text = "وقتل ثلاثة أشخاص في هجوم انتحاري."
    layer, _, tokens = analyze(text)
    triggers = find_triggers(text, layer, tokens, Span(0, len(text)))
    assert triggers
    for trigger in triggers:
        assert _weighted(trigger, 0.25) == replace(trigger, weight=0.25)


def test_document_splits_keep_each_document_in_one_fold_and_differ_by_seed() -> None:
    pytest.importorskip("sklearn")
    build_events = _build_events()
    examples = [
        build_events.Example(
            id=f"AAW_ARB_2008{document:04d}.0001-{sentence}",
            group=build_events.document_of(f"AAW_ARB_2008{document:04d}.0001-{sentence}"),
            text="",
            label=sentence == 0,
            features=(),
            lexicon=False,
            agreement=0.0,
        )
        for document in range(12)
        for sentence in range(1 + document % 3)
    ]
    tested_by_seed = []
    for seed in range(3):
        split = build_events.document_split(examples, 3, seed)
        tested = sorted(i for _, test in split for i in test)
        assert tested == list(range(len(examples)))  # each sentence scored once
        for train, test in split:
            assert not {examples[i].group for i in train} & {examples[i].group for i in test}
            assert sorted(train + test) == list(range(len(examples)))
        tested_by_seed.append([sorted(test) for _, test in split])
    assert build_events.document_split(examples, 3, 1) == build_events.document_split(
        examples, 3, 1
    )
    assert tested_by_seed[1] != tested_by_seed[2]


def test_the_first_of_the_splits_is_the_cross_validation_split(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    build_events = _build_events()
    data = tmp_path / "assault.jsonl"
    data.write_text(
        "\n".join(_row(n, text, accept) for n, (text, accept) in enumerate(FIXTURE * 2)), "utf-8"
    )
    examples = build_events.read_examples(data, "ASSAULT")
    readings = build_events.pipeline_readings(examples, "ASSAULT")
    figures = build_events.over_splits(examples, 2, 3, readings)
    assert len(figures) == 3 and all(0.0 <= f1 <= 1.0 for pair in figures for f1 in pair)
    cross_validated = build_events.cross_validate(examples, 2, "ASSAULT")
    # the pipeline row read off the two readings is the one that runs the pipeline per fold
    assert figures[0] == (cross_validated["detector"]["f1"], cross_validated["pipeline"]["f1"])
