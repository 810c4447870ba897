"""The text layer of the example article, against reviewed JSON (``pytest --update-golden``)."""

import json
from pathlib import Path

from rasd.text import analyze

ROOT = Path(__file__).parents[2]
ARTICLE = ROOT / "examples" / "baghouz_surrender_ar.txt"
GOLDEN = ROOT / "tests" / "golden" / "baghouz_text_layer.json"


def _render(text: str) -> str:
    """One sentence or token a line, so that a diff shows what changed."""
    _, sentences, tokens = analyze(text)
    sentence_lines = [
        json.dumps([s.start, s.end, text[s.start : s.end][:40]], ensure_ascii=False)
        for s in sentences
    ]
    token_lines = [
        json.dumps(
            [t.start, t.end, text[t.start : t.end], [c.kind for c in t.clitics]],
            ensure_ascii=False,
        )
        for t in tokens
    ]
    return (
        '{\n"source": "examples/baghouz_surrender_ar.txt",\n"sentences": [\n'
        + ",\n".join(sentence_lines)
        + '\n],\n"tokens": [\n'
        + ",\n".join(token_lines)
        + "\n]\n}\n"
    )


def test_golden_baghouz_text_layer(update_golden: bool) -> None:
    rendered = _render(ARTICLE.read_text(encoding="utf-8"))
    json.loads(rendered)
    if update_golden:
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == rendered
