"""Committed artifacts come with their recipe: the manifest names each one's sha256."""

import hashlib
import json
from pathlib import Path

import pytest

RESOURCES = Path(__file__).resolve().parent.parent / "src" / "rasd" / "resources"
MANIFEST = json.loads((RESOURCES / "manifest.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_manifest_matches_the_committed_artifact(name: str) -> None:
    entry = MANIFEST[name]
    data = (RESOURCES / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"], (
        f"{name} changed without its manifest"
    )
    assert len(data) == entry["size"]
    assert entry["build"].startswith("python train/")
    assert len(data) < 25_000_000


def test_every_artifact_is_in_the_manifest() -> None:
    # Built artifacts; curated tables (.tsv) are reviewed by hand, the schema is generated
    # by rasd.schema and checked by its own test.
    built = {".crfsuite", ".gz", ".json"}
    unbuilt = {"manifest.json", "record.schema.json"}
    shipped = {p.name for p in RESOURCES.iterdir() if p.suffix in built} - unbuilt
    assert shipped <= set(MANIFEST)
