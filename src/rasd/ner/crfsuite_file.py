"""Read a crfsuite model file (``.crfsuite``) straight into numpy.

``pycrfsuite.Tagger.info()`` prints the model with crfsuite's dump and parses the text
line by line with regular expressions: about 0.5 s for the NER model, most of loading it.
The file itself is a header, one array of fixed-size feature records and two string
tables (crfsuite's "CQDB"), which numpy reads in a few milliseconds. The weights are then
rounded as the dump prints them (``%f``, six decimals), so that the decoder sums the very
numbers it summed when it read the dump (``tests/ner/test_crfsuite_file.py`` checks the
result against ``info()``).

The layout, all little-endian (crfsuite's ``crf1d_model.c`` and ``cqdb.c``):

- header: ``b"lCRF"``, file size, ``b"FOMC"``, version, feature count (unused), label
  count, attribute count, then the offsets of the features, the label table, the
  attribute table, and two reference chunks that decoding by hand does not need;
- features: ``b"FEAT"``, chunk size, count, then per feature its type (0: attribute to
  label, 1: label to label), source id, destination id (``uint32`` each) and weight
  (``float64``);
- a string table: ``b"CQDB"``, size, flags, byte-order mark, the number of ids and the
  offset of the "backward" array, which holds for each id the offset of its record:
  the id, the length of the string with its NUL, the string.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

Array = np.ndarray[Any, np.dtype[np.float64]]

_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = np.dtype([("type", "<u4"), ("source", "<u4"), ("target", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True, slots=True)
class CrfModel:
    """A model's labels (by id), the attributes that have a weight, the state weights
    ``matrix[attribute, label]`` and the transitions ``[from, to]``."""

    labels: tuple[str, ...]
    attributes: tuple[str, ...]
    matrix: Array
    transitions: Array


def read_model(data: bytes) -> CrfModel:
    """The model in a ``.crfsuite`` file's bytes; ``ValueError`` if they are not one."""
    if len(data) < _HEADER.size:
        raise ValueError("not a crfsuite model: too short")
    header = _HEADER.unpack_from(data, 0)
    magic, _, kind, _, _, label_count, _, features_at, labels_at, attributes_at = header[:10]
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError("not a crfsuite model (a linear-chain CRF file)")
    chunk, _, count = struct.unpack_from("<4sII", data, features_at)
    if chunk != b"FEAT":
        raise ValueError("crfsuite model: no feature chunk where the header says")
    features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=features_at + 12)
    labels = _strings(data, labels_at)
    if len(labels) != label_count:
        raise ValueError("crfsuite model: label table does not match the header")
    # the weights as the dump prints them, and as the decoder has always summed them
    weights = np.array([float(f"{w:f}") for w in features["weight"].tolist()])
    state = features["type"] == _STATE
    sources = features["source"][state].astype(np.intp)
    # attributes in the order the dump lists them (by id), those with a weight only
    used, rows = np.unique(sources, return_inverse=True)
    names = _strings(data, attributes_at)
    matrix = np.zeros((len(used), len(labels)))
    matrix[rows, features["target"][state].astype(np.intp)] = weights[state]
    transitions = np.zeros((len(labels), len(labels)))
    moves = features["type"] == _TRANSITION
    transitions[features["source"][moves], features["target"][moves]] = weights[moves]
    return CrfModel(labels, tuple(map(names.__getitem__, used.tolist())), matrix, transitions)


def _strings(data: bytes, at: int) -> tuple[str, ...]:
    """The strings of the CQDB table at offset ``at``, by id."""
    chunk, _, _, _, count, backward = struct.unpack_from("<4sIIIII", data, at)
    if chunk != b"CQDB":
        raise ValueError("crfsuite model: no string table where the header says")
    offsets = np.frombuffer(data, dtype="<u4", count=count, offset=at + backward).tolist()
    found: list[str] = []
    for offset in offsets:
        start = at + offset + 8
        size = int.from_bytes(data[start - 4 : start], "little")
        found.append(data[start : start + size - 1].decode("utf-8"))
    return tuple(found)
