"""Golden readings of a handful of gold-standard dev sentences per type (ASSAULT, PROTEST).

The sentences stay in the corpus (``gsr-dev/`` under ``$RASD_DATA_DIR``, else
``../shared/data``): the golden file keeps their ids and what rasd read in them, the event
types, modes, flags and argument spans, never the sentences. Chosen by rule, not by result:
the first six ``yes``, three ``easy no`` and two ``difficult no`` rows of each file. The
test skips where the corpus is not installed. Refresh with ``pytest --update-golden`` after
a change to the lexicon, the detector or the argument rules, and review the diff: it shows
what the change did to real sentences.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from rasd.evaluate import reported
from rasd.pipeline import extract_text

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "gsr_dev_events.json"
CHOSEN = {"yes": 6, "easy no": 3, "difficult no": 2}


def _data() -> Path:
    return Path(os.environ.get("RASD_DATA_DIR") or ROOT.parent / "shared" / "data")


def _chosen(path: Path) -> list[dict[str, Any]]:
    wanted = dict(CHOSEN)
    rows = []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        if wanted.get(row["label"], 0) > 0:
            wanted[row["label"]] -= 1
            rows.append(row)
    return rows


def _span(argument: Any) -> str | None:
    return None if argument is None else str(argument.text)


def _reading(row: dict[str, Any]) -> dict[str, Any]:
    doc = extract_text(row["text"], doc_id=row["id"])
    return {
        "id": row["id"],
        "label": row["label"],
        "events": [
            {
                "event_type": event.event_type,
                "mode": event.mode,
                "trigger": event.evidence[0].trigger,
                "actor": _span(event.actor),
                "target": _span(event.target),
                "location": _span(event.location),
                "reported": reported(event),
            }
            for event in doc.events
        ],
    }


def test_golden_gsr_dev_sentences(update_golden: bool) -> None:
    folder = _data() / "gsr-dev"
    if not (folder / "assault.jsonl").is_file():
        pytest.skip(f"the event gold standard is not installed in {folder}")
    readings = {
        name: [_reading(row) for row in _chosen(folder / f"{name}.jsonl")]
        for name in ("assault", "protest")
    }
    rendered = orjson.dumps(readings, option=orjson.OPT_INDENT_2).decode() + "\n"
    if update_golden:
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")
    # what the readings say: each type reports events of its kind in most yes sentences
    for name, rows in readings.items():
        found = [
            any(e["event_type"] == name.upper() and e["reported"] for e in row["events"])
            for row in rows
            if row["label"] == "yes"
        ]
        assert sum(found) >= len(found) // 2, name
