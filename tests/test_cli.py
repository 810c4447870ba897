"""The rasd command as a user meets it: exit codes, output records, messages."""

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from rasd.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "baghouz_surrender_ar.txt"
runner = CliRunner()


def records(output: bytes | str) -> list[dict[str, object]]:
    data = output.encode() if isinstance(output, str) else output
    return [orjson.loads(line) for line in data.splitlines() if line.strip()]


def test_extract_example_writes_one_arabic_record() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    (record,) = records(result.stdout)
    assert record["id"] == str(EXAMPLE)
    assert record["language"] == "ar"
    assert record["errors"] == []
    assert "tokens" not in record
    text = record["text"]
    assert isinstance(text, str)
    first = record["sentences"][0]  # type: ignore[index]
    assert text[first["start"] : first["end"]] == "استسلام بعض مقاتلي داعش في شرق سوريا"
    assert "1 document (1 processed, 0 skipped)" in result.stderr


def test_extract_tokens_flag_writes_tokens_with_clitics() -> None:
    result = runner.invoke(app, ["extract", "--tokens", str(EXAMPLE)])
    (record,) = records(result.stdout)
    text = str(record["text"])
    tokens = record["tokens"]
    assert isinstance(tokens, list)
    by_text = {text[t["start"] : t["end"]]: t for t in tokens}
    token = by_text["والباغوز"]
    assert [c["kind"] for c in token["clitics"]] == ["conjunction", "article"]


def test_extract_text_format_is_readable() -> None:
    result = runner.invoke(app, ["extract", "--format", "text", str(EXAMPLE)])
    assert result.exit_code == 0
    assert "استسلام بعض مقاتلي داعش في شرق سوريا" in result.stdout
    assert "sentences" in result.stdout


def test_extract_text_format_shows_events_under_their_sentence() -> None:
    result = runner.invoke(
        app, ["extract", "--format", "text", "--published", "2019-03-05", str(EXAMPLE)]
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # the surrender is first reported in the headline, sentence 1
    headline = next(i for i, line in enumerate(lines) if "استسلام بعض مقاتلي داعش" in line)
    assert lines[headline + 2].strip().startswith("event: RETREAT")
    block = "\n".join(lines[headline + 2 : headline + 12])
    assert "place: الباغوز -> Al-Baghuz" in block
    # the headline's «شرق سوريا» is the article's village: the place line says why
    assert "precision 1; the town the article is about, in «شرق سوريا»" in block
    assert "date: 2019-03-04 (day) from «صباح أمس الإثنين»" in block
    assert "surrendered: about 150" in block
    assert "according to: مصدر عسكري" in block


def test_extract_output_file_and_published_default(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["extract", str(EXAMPLE), "--output", str(out), "--published", "2019-03-05"]
    )
    assert result.exit_code == 0
    (record,) = records(out.read_bytes())
    assert record["published"] == "2019-03-05"
    assert f"written to {out}" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "does-not-exist.txt"], "no such file or directory: does-not-exist.txt"),
        (["extract", "--published", "yesterday-ish", str(EXAMPLE)], "--published"),
        (["extract", "-", "-"], "standard input"),
    ],
)
def test_extract_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_extract_unwritable_output_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLE), "--output", str(tmp_path / "no" / "x")])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def test_extract_reads_jsonl_from_stdin() -> None:
    line = orjson.dumps({"id": "s1", "text": "قال مصدر عسكري إن المعركة انتهت."}).decode()
    result = runner.invoke(app, ["extract", "-"], input=line + "\n")
    assert result.exit_code == 0, result.output
    (record,) = records(result.stdout)
    assert record["id"] == "s1" and record["language"] == "ar"


def test_fixture_folder_one_record_per_document(fixture_folder: Path) -> None:
    """Issue 3's acceptance folder: 16 documents, bad ones named, Arabic ones tagged ar."""
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["extract", str(fixture_folder), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        recs = records(result.stdout)
        assert len(recs) == 16
        assert all(r["id"] for r in recs)
        bad = [r for r in recs if r["errors"]]
        good = [r for r in recs if not r["errors"]]
        assert len(bad) == 6
        for r in bad:
            assert all(e["message"] and "\n" not in e["message"] for e in r["errors"])  # type: ignore[union-attr]
        assert all(r["language"] == "ar" for r in good)
        assert "16 documents (10 processed, 6 skipped)" in result.stderr
        ids = [r["id"] for r in recs]
        if jobs == "1":
            serial_ids = ids
        else:
            assert ids == serial_ids


def test_console_script_never_shows_a_traceback(tmp_path: Path) -> None:
    """The installed `rasd` on junk input: exit 0, records, no traceback."""
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.bin").write_bytes(os.urandom(2048))
    (junk / "b.jsonl").write_text('{"id": 1, "text": 5}\n[1, 2]\nnot json\n', encoding="utf-8")
    (junk / "c.txt").write_bytes(b"")
    rasd = Path(sys.executable).parent / "rasd"
    result = subprocess.run(
        [str(rasd), "extract", str(junk)], capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    recs = records(result.stdout)
    assert len(recs) == 5
    assert all(r["errors"] for r in recs)


def _gsr(folder: Path, name: str, rows: list[dict[str, object]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    return path


GSR_ASSAULT: dict[str, object] = {
    "id": "AAW_ARB_20080424.0001-1",
    "event_type": "ASSAULT",
    "label": "yes",
    "text": "وقتل ثلاثة أشخاص في انفجار سيارة مفخخة في مدينة الموصل أمس.",
    "gold_spans": {
        "spans": [
            {
                "source_actor": ["سيارة", "مفخخة"],
                "target_actor": ["ثلاثة", "أشخاص"],
                "source_role": {"main": "None", "role": "UAF"},
                "target_role": {"main": "IRQ", "role": "CVL"},
            }
        ]
    },
}


def test_eval_geo_prints_the_figures(tmp_path: Path) -> None:
    _gsr(tmp_path / "data" / "gsr-dev", "assault.jsonl", [GSR_ASSAULT])
    annotation = {"id": GSR_ASSAULT["id"], "file": "assault.jsonl", "place": "مدينة الموصل",
                  "lat": 36.345, "lon": 43.145, "country": "IRQ", "precision": 1}  # fmt: skip
    missing = {**annotation, "id": "AAW_ARB_20080424.0001-9"}
    geo = _gsr(tmp_path, "geo.jsonl", [annotation, missing])
    args = ["eval", "geo", str(geo), "--data", str(tmp_path / "data"), "--details"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "within 50 km, all rows" in result.stdout
    assert "1/1" in result.stdout  # the one sentence found, placed in Mosul
    assert "1 annotated sentences not found" in result.stderr


def test_eval_geo_reads_the_data_folder_from_the_environment(tmp_path: Path) -> None:
    geo = _gsr(tmp_path, "geo.jsonl", [])
    result = runner.invoke(app, ["eval", "geo", str(geo)], env={"RASD_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    missing = runner.invoke(
        app, ["eval", "geo", str(geo)], env={"RASD_DATA_DIR": str(tmp_path / "nowhere")}
    )
    assert missing.exit_code == 2
    assert "no such data folder" in missing.stderr


def test_eval_actors_prints_the_figures(tmp_path: Path) -> None:
    path = _gsr(tmp_path, "assault.jsonl", [GSR_ASSAULT])
    result = runner.invoke(app, ["eval", "actors", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "country" in result.stdout and "role" in result.stdout
    assert "2 coded gold actors" in result.stdout


@pytest.mark.parametrize("command", ["geo", "actors"])
def test_eval_grounding_bad_input_exits_2(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, ["eval", command, str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    result = runner.invoke(
        app, ["eval", command, str(bad), *(["--data", str(tmp_path)] if command == "geo" else [])]
    )
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.stderr


def test_export_writes_what_ingest_stored(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    text = (
        "قتل خمسة أشخاص وأصيب عشرة آخرون في هجوم انتحاري بسيارة مفخخة استهدف سوقا في مدينة "
        "الموصل أمس، بحسب مصدر أمني."
    )
    source.write_bytes(orjson.dumps({"id": "a", "text": text, "published": "2019-03-05"}) + b"\n")
    db = str(tmp_path / "events.db")
    assert runner.invoke(app, ["ingest", str(source), "--db", db, "-q"]).exit_code == 0
    csv_path = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", db, "--format", "acled", "-o", str(csv_path)])
    assert result.exit_code == 0, result.output
    import csv

    with csv_path.open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["event_type"], row["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Suicide bomb",
    )
    assert (row["country"], row["location"], row["fatalities"]) == ("Iraq", "Mosul", "5")
    geo_path = tmp_path / "events.geojson"
    result = runner.invoke(app, ["export", "--db", db, "-f", "geojson", "-o", str(geo_path)])
    assert result.exit_code == 0
    (feature,) = orjson.loads(geo_path.read_bytes())["features"]
    assert feature["geometry"]["type"] == "Point"
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "x" / "no.db"), "-o", "o"])
    assert missing.exit_code == 2
