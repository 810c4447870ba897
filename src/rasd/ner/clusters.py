"""Word classes for the NER features: a normalized word -> class id table.

Built by ``train/build_clusters.py`` from unlabelled news text; a missing table means no
class features, so the tagger still works without it.
"""

from __future__ import annotations

import gzip
from importlib import resources
from pathlib import Path

RESOURCE = "ner_clusters.txt.gz"


def load_clusters(path: Path | None = None) -> dict[str, str]:
    """``{word: class}`` from ``word<TAB>class`` lines; empty when there is no table."""
    if path is None:
        resource = resources.files("rasd.resources").joinpath(RESOURCE)
        if not resource.is_file():
            return {}
        data = resource.read_bytes()
    else:
        data = path.read_bytes()
    table: dict[str, str] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        word, _, cluster = line.partition("\t")
        table[word] = cluster
    return table
