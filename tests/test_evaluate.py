from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd import evaluate
from rasd.cli import app
from rasd.evaluate import GoldFormatError, Sentence, evaluate_ner, predicted_tags, read_conll
from rasd.model import Document, Entity
from rasd.settings import Settings

GOLD = """\
وقال O
مصطفى B-PERS
بالي I-PERS
إن O
وإسرائيل B-LOC
ردت O

وأكدت O
قوات B-ORG
سوريا I-ORG
الديمقراطية I-ORG
ذلك O
"""


def test_read_conll_maps_pers_to_per(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text(GOLD, encoding="utf-8")
    first, second = read_conll(path)
    assert first.tokens[:3] == ("وقال", "مصطفى", "بالي")
    assert first.tags[:3] == ("O", "B-PER", "I-PER")
    assert second.tags == ("O", "B-ORG", "I-ORG", "I-ORG", "O")


def test_read_conll_rejects_a_line_without_a_tag(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("كلمة\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold\.txt:1"):
        list(read_conll(path))


def test_predicted_spans_are_widened_to_the_gold_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = [Sentence(("وقال", "مصطفى", "بالي", "إن", "وإسرائيل"), ("O",) * 5)]
    text = "وقال مصطفى بالي إن وإسرائيل"

    def fake_extract(text_in: str, *, doc_id: str, settings: Settings) -> Document:
        assert text_in == text
        entities = (
            Entity(5, 15, "مصطفى بالي", "PER", 0.9),
            Entity(20, 27, "إسرائيل", "LOC", 0.9),  # without its و, as rasd reports it
        )
        return Document(id=doc_id, text=text_in, origin=doc_id, entities=entities)

    monkeypatch.setattr(evaluate, "extract_text", fake_extract)
    assert predicted_tags(sentences, Settings()) == [["O", "B-PER", "I-PER", "O", "B-LOC"]]


def test_evaluate_ner_runs_the_shipped_model(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text(GOLD, encoding="utf-8")
    figures = evaluate_ner(path)
    assert set(figures) >= {"micro"}
    assert figures["micro"]["gold"] == 3
    assert 0.0 <= figures["micro"]["f1"] <= 1.0


def test_cli_eval_ner_prints_a_table(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text(GOLD, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "ner", str(path)])
    assert result.exit_code == 0, result.output
    assert "micro" in result.stdout and "precision" in result.stdout


def test_cli_eval_ner_bad_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "ner", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr
