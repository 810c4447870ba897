"""The model file reader gives exactly what crfsuite's own dump (``info()``) gives."""

from importlib import resources
from pathlib import Path

import numpy as np
import pycrfsuite  # type: ignore[import-untyped]
import pytest

from rasd.ner.crfsuite_file import read_model
from rasd.ner.tagger import MODEL_RESOURCE


def _dumped(data: bytes) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    info = tagger.info()
    labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
    label_of = {label: i for i, label in enumerate(labels)}
    attributes = list(dict.fromkeys(attribute for attribute, _ in info.state_features))
    row_of = {attribute: i for i, attribute in enumerate(attributes)}
    matrix = np.zeros((len(attributes), len(labels)))
    for (attribute, label), weight in info.state_features.items():
        matrix[row_of[attribute], label_of[label]] = weight
    transitions = np.zeros((len(labels), len(labels)))
    for (source, target), weight in info.transitions.items():
        transitions[label_of[source], label_of[target]] = weight
    return labels, attributes, matrix, transitions


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool((a.view(np.int64) == b.view(np.int64)).all())


def _check(data: bytes) -> None:
    labels, attributes, matrix, transitions = _dumped(data)
    model = read_model(data)
    assert list(model.labels) == labels
    assert list(model.attributes) == attributes
    # bit for bit, -0.0 included: the decoder's sums must not move by an ulp
    assert _same_bits(model.matrix, matrix)
    assert _same_bits(model.transitions, transitions)


def test_committed_model_reads_as_crfsuite_dumps_it() -> None:
    _check(resources.files("rasd.resources").joinpath(MODEL_RESOURCE).read_bytes())


def test_small_trained_model_reads_as_crfsuite_dumps_it(tmp_path: Path) -> None:
    # odd attribute strings, a label never seen as a transition's source, tiny weights
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append(
        [{"w=قال": 1.0, "x:y": 1.0}, {"w=مصطفى": 1.0, "w|w+1=a|b": 2.0}, {"BOS": 1.0}],
        ["O", "B-PER", "I-PER"],
    )
    trainer.append([{"w=في": 1.0}, {"w=دمشق": 1.0, "sfx=ق": 0.5}], ["O", "B-LOC"])
    trainer.set_params({"c1": 0.01, "c2": 0.001, "max_iterations": 30})
    path = tmp_path / "small.crfsuite"
    trainer.train(str(path))
    _check(path.read_bytes())


def test_not_a_model_is_refused() -> None:
    with pytest.raises(ValueError, match="not a crfsuite model"):
        read_model(b"CQDB" + bytes(60))
    with pytest.raises(ValueError, match="too short"):
        read_model(b"lCRF")
