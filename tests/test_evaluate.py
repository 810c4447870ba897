import math
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from rasd import evaluate
from rasd.cli import app
from rasd.evaluate import (
    ActorResult,
    GeoGold,
    GoldActor,
    GoldFormatError,
    Sentence,
    actor_country,
    actor_role,
    evaluate_actors,
    evaluate_geo,
    evaluate_ner,
    geo_result,
    gold_actors,
    great_circle_km,
    gsr_published,
    predicted_location,
    predicted_tags,
    read_conll,
    read_geo_annotations,
    token_span,
)
from rasd.model import Actor, Argument, Document, Entity, Event, Location
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


# --- rasd eval geo / rasd eval actors -----------------------------------------------------

MOSUL = (36.345, 43.145)
BAGHDAD = (33.3152, 44.3661)


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(orjson.dumps(row) + b"\n" for row in rows))
    return path


def _gold(lat: float, lon: float, **fields: object) -> GeoGold:
    row: dict[str, object] = {
        "id": "s1",
        "file": "assault.jsonl",
        "place": "الموصل",
        "lat": lat,
        "lon": lon,
        "country": "IRQ",
        "precision": 1,
    }
    row.update(fields)
    return GeoGold(**row)  # type: ignore[arg-type]


def test_great_circle_known_distances() -> None:
    # Baghdad to Mosul is about 355 km; a degree of latitude about 111.2 km.
    assert 345 < great_circle_km(*BAGHDAD, *MOSUL) < 365
    assert great_circle_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.01)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)
    assert great_circle_km(10, 179.9, 10, -179.9) < 25  # across the antimeridian


coordinates = st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False))


@given(coordinates, coordinates)
def test_great_circle_is_a_symmetric_bounded_distance(
    a: tuple[float, float], b: tuple[float, float]
) -> None:
    distance = great_circle_km(*a, *b)
    assert 0 <= distance <= math.pi * 6371.0088 + 1e-6
    assert distance == pytest.approx(great_circle_km(*b, *a), abs=1e-6)
    assert great_circle_km(*a, *a) == pytest.approx(0, abs=1e-6)


def test_gsr_published_reads_the_day_of_the_id() -> None:
    assert gsr_published("AAW_ARB_20080110.0023-9") == "2008-01-10"
    assert gsr_published("e6874d82b9c4_34") is None


def test_read_geo_annotations_checks_rows(tmp_path: Path) -> None:
    good = {"id": "a", "file": "assault.jsonl", "place": "الموصل", "lat": 36.3, "lon": 43.1}
    path = _write_jsonl(tmp_path / "geo.jsonl", [{**good, "country": "IRQ", "precision": 1}])
    (row,) = read_geo_annotations(path)
    assert (row.id, row.precision, row.note) == ("a", 1, "")
    _write_jsonl(path, [{**good, "country": "IRQ", "precision": 4}])
    with pytest.raises(GoldFormatError, match="out of range"):
        read_geo_annotations(path)
    _write_jsonl(path, [good])
    with pytest.raises(GoldFormatError, match=r"geo\.jsonl:1"):
        read_geo_annotations(path)


def test_geo_result_scores_distance_country_and_precision() -> None:
    gold = _gold(*MOSUL)
    near = Location(0, 6, "الموصل", lat=36.34, lon=43.13, country="IRQ", precision=2)
    result = geo_result(gold, near)
    assert result.covered and result.within and result.country_agrees
    assert not result.precision_agrees
    far = geo_result(gold, Location(0, 5, "بغداد", lat=BAGHDAD[0], lon=BAGHDAD[1], country="IRQ"))
    assert far.covered and not far.within and far.country_agrees
    unresolved = geo_result(gold, Location(0, 3, "حي سومر"))
    assert not unresolved.covered and not unresolved.within and not unresolved.country_agrees


def _event(kind: str, location: Location | None, **fields: object) -> Event:
    return Event(kind, 0.9, location=location, **fields)  # type: ignore[arg-type]


def test_predicted_location_prefers_the_type_and_coordinates() -> None:
    bare = Location(0, 1, "أ")
    placed = Location(2, 3, "ب", lat=1.0, lon=2.0)
    other = Location(4, 5, "ج", lat=5.0, lon=6.0)
    doc = Document(
        "d",
        "text",
        "d",
        events=(
            _event("PROTEST", other),
            _event("ASSAULT", bare),
            _event("ASSAULT", placed, negated=True),
        ),
    )
    assert predicted_location(doc, "ASSAULT") is placed  # the placed one, though negated
    assert predicted_location(doc, "PROTEST") is other
    assert predicted_location(doc, "COERCE") is other  # no event of the type: any event
    assert predicted_location(Document("d", "t", "d"), "ASSAULT") is None


def _fake_pipeline(answers: dict[str, Document]) -> object:
    def fake_extract(text: str, *, doc_id: str, settings: Settings) -> Document:
        assert settings.published == gsr_published(doc_id)
        return answers[doc_id]

    return fake_extract


def test_evaluate_geo_arithmetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = ["AAW_ARB_20080110.0001-1", "AAW_ARB_20080110.0001-2", "AAW_ARB_20080110.0001-3"]
    _write_jsonl(
        tmp_path / "data" / "gsr-dev" / "assault.jsonl",
        [{"id": i, "event_type": "ASSAULT", "label": "yes", "text": "نص"} for i in ids],
    )
    annotations = _write_jsonl(
        tmp_path / "geo.jsonl",
        [
            {"id": i, "file": "assault.jsonl", "place": "الموصل", "lat": MOSUL[0],
             "lon": MOSUL[1], "country": "IRQ", "precision": 1}
            for i in [*ids, "not-in-the-corpus"]
        ],
    )  # fmt: skip
    mosul = Location(0, 1, "الموصل", lat=36.34, lon=43.13, country="IRQ", precision=1)
    baghdad = Location(0, 1, "بغداد", lat=33.3, lon=44.4, country="IRQ", precision=2)
    answers = {
        ids[0]: Document(ids[0], "نص", ids[0], events=(_event("ASSAULT", mosul),)),
        ids[1]: Document(ids[1], "نص", ids[1], events=(_event("ASSAULT", baghdad),)),
        ids[2]: Document(ids[2], "نص", ids[2]),
    }
    monkeypatch.setattr(evaluate, "extract_text", _fake_pipeline(answers))
    figures = evaluate_geo(annotations, tmp_path / "data")
    assert (figures.rows, figures.missing, figures.covered, figures.within) == (3, 1, 2, 1)
    assert figures.coverage == pytest.approx(2 / 3)
    assert figures.accuracy == pytest.approx(1 / 3)
    assert figures.accuracy_covered == pytest.approx(1 / 2)
    assert figures.country_accuracy == pytest.approx(2 / 3)
    assert figures.precision_agreement == pytest.approx(1 / 2)


def test_evaluate_geo_runs_the_pipeline(tmp_path: Path) -> None:
    text = "وقتل ثلاثة أشخاص في انفجار سيارة مفخخة في مدينة الموصل أمس."
    _write_jsonl(
        tmp_path / "gsr-dev" / "assault.jsonl",
        [{"id": "AAW_ARB_20080424.0001-1", "event_type": "ASSAULT", "label": "yes", "text": text}],
    )
    annotations = _write_jsonl(
        tmp_path / "geo.jsonl",
        [{"id": "AAW_ARB_20080424.0001-1", "file": "assault.jsonl", "place": "مدينة الموصل",
          "lat": MOSUL[0], "lon": MOSUL[1], "country": "IRQ", "precision": 1}],
    )  # fmt: skip
    figures = evaluate_geo(annotations, tmp_path)
    (result,) = figures.results
    assert result.location is not None and result.location.country == "IRQ"
    assert result.within and figures.accuracy == 1.0


GSR_ROW: dict[str, object] = {
    "id": "AAW_ARB_20080630.0028-7",
    "event_type": "ASSAULT",
    "label": "yes",
    "text": "وأوضحت المصادر أن «مسلحين مجهولين اغتالوا العميد جبار مساعد في البصرة».",
    "gold_spans": {
        "spans": [
            {
                "source_actor": ["مجهولين", "مسلحين"],
                "target_actor": ["العميد", "جبار", "مساعد"],
                "source_role": {"main": "None", "role": "UAF"},
                "target_role": {"main": "IRQ", "role": "COP"},
            },
            {  # the same source again, and a target without any code: not counted
                "source_actor": ["مجهولين", "مسلحين"],
                "target_actor": ["جبار"],
                "source_role": {"main": "None", "role": "UAF"},
                "target_role": {"main": "None", "role": "None"},
            },
        ]
    },
}


def test_gold_actors_are_coded_and_distinct() -> None:
    source, target = gold_actors(GSR_ROW)
    assert source == GoldActor("source", ("مجهولين", "مسلحين"), None, "UAF")
    assert target == GoldActor("target", ("العميد", "جبار", "مساعد"), "IRQ", "COP")
    assert gold_actors({"id": "x", "gold_spans": {"spans": [{"source_role": "UNKNOWN"}]}}) == []


def test_token_span_finds_the_words_in_any_order() -> None:
    text = str(GSR_ROW["text"])
    start, end = token_span(text, ["مجهولين", "مسلحين"]) or (0, 0)
    assert text[start:end] == "مسلحين مجهولين"  # the quote mark is left out
    start, end = token_span(text, ["البصره"]) or (0, 0)  # normalised: ة and ه agree
    assert text[start:end] == "البصرة"
    assert token_span(text, ["بغداد"]) is None
    assert token_span(text, ["«"]) is None


def test_token_span_takes_the_shortest_stretch() -> None:
    text = "قتل جندي ثم قتل جندي آخر"
    assert token_span(text, ["جندي", "آخر"]) == (text.index("جندي آخر"), len(text))


def test_actor_codes_from_cameo_or_sector() -> None:
    assert (actor_country(Actor(0, 1, cameo="IRQMIL")), actor_role(Actor(0, 1, cameo="IRQMIL")))\
        == ("IRQ", "MIL")  # fmt: skip
    assert actor_role(Actor(0, 1, cameo="REB")) == "REB"
    assert actor_country(Actor(0, 1, cameo="REB")) is None
    assert actor_country(Actor(0, 1, cameo="IGOUNO")) is None
    assert actor_role(Actor(0, 1, sector="state-police", country="IRQ")) == "COP"
    assert actor_country(Actor(0, 1, sector="state-police", country="IRQ")) == "IRQ"
    assert actor_role(Actor(0, 1, sector="something-new")) is None


def test_evaluate_actors_arithmetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_jsonl(tmp_path / "assault.jsonl", [GSR_ROW])
    text = str(GSR_ROW["text"])
    target_start = text.index("العميد")
    police = Actor(target_start, target_start + 6, cameo="IRQCOP", country="IRQ")
    event = Event(
        "ASSAULT",
        0.9,
        actor=Argument(text.index("مسلحين"), text.index("مسلحين") + 6, "مسلحين"),
        target=Argument(target_start, target_start + 17, "العميد جبار مساعد", actor=police),
    )
    doc = Document(str(GSR_ROW["id"]), text, "x", events=(event,))
    monkeypatch.setattr(evaluate, "extract_text", _fake_pipeline({doc.id: doc}))
    figures = evaluate_actors([path])
    source, target = figures.results
    assert isinstance(source, ActorResult) and source.via == "event" and source.actor is None
    assert target.via == "event" and target.actor == police
    assert figures.resolved == 1
    assert (figures.country.gold, figures.country.answered, figures.country.correct) == (1, 1, 1)
    assert (figures.role.gold, figures.role.answered, figures.role.correct) == (2, 1, 1)
    assert figures.role.precision == 1.0 and figures.role.coverage == 0.5
    assert figures.role.accuracy == 0.5


def test_evaluate_actors_runs_the_pipeline(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "assault.jsonl", [GSR_ROW])
    figures = evaluate_actors([path])
    assert [result.gold.side for result in figures.results] == ["source", "target"]
    assert all(result.via in ("event", "direct") for result in figures.results)
    assert figures.country.gold == 1 and figures.role.gold == 2
    assert 0 <= figures.role.correct <= figures.role.answered <= 2
