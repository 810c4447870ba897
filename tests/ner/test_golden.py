"""Entities rasd extracts from the example article, against reviewed JSON.

Refresh with ``pytest --update-golden`` after retraining the model, and review the diff.
"""

import json
from pathlib import Path

from rasd.pipeline import extract

ROOT = Path(__file__).parents[2]
ARTICLE = ROOT / "examples" / "baghouz_surrender_ar.txt"
GOLDEN = ROOT / "tests" / "golden" / "baghouz_entities.json"


def _render() -> str:
    doc = next(extract([str(ARTICLE)]))
    lines = [
        json.dumps([e.start, e.end, e.text, e.label], ensure_ascii=False) for e in doc.entities
    ]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def test_golden_baghouz_entities(update_golden: bool) -> None:
    rendered = _render()
    text = ARTICLE.read_text(encoding="utf-8")
    for start, end, entity_text, _ in json.loads(rendered):
        assert text[start:end] == entity_text
    if update_golden:
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")
