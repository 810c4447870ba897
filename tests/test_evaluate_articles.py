"""The article scorer: matching, checks and the figures, on events built by hand."""

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.evaluate import GoldFormatError
from rasd.evaluate_articles import (
    ArticleFigures,
    GoldArticle,
    GoldEvent,
    GoldParty,
    content_words,
    describe,
    match,
    party_agrees,
    read_articles,
    score_article,
)
from rasd.model import Actor, Argument, Count, Document, Event, EventDate, Location

BAGHDAD = (33.34, 44.40)
MOSUL = (36.34, 43.13)
WASHINGTON = (38.90, -77.04)


def _event(
    kind: str = "ASSAULT",
    *,
    at: tuple[float, float] | None = BAGHDAD,
    day: str | None = "2024-05-02",
    killed: int | None = None,
    actor: str | None = None,
    actor_en: str | None = None,
    **flags: bool,
) -> Event:
    location = Location(0, 1, "x", lat=at[0], lon=at[1]) if at else None
    counts = (Count("killed", killed, 0, 1, "x"),) if killed is not None else ()
    argument = None
    if actor is not None:
        resolved = Actor(0, 1, name_en=actor_en) if actor_en else None
        argument = Argument(0, len(actor), actor, actor=resolved)
    return Event(
        kind,  # type: ignore[arg-type]  # tests pass PLOVER names as plain strings
        0.9,
        actor=argument,
        location=location,
        date=EventDate(day, "day") if day else None,
        counts=counts,
        **flags,
    )


def _gold(
    kind: str = "ASSAULT",
    *,
    at: tuple[float, float] | None = BAGHDAD,
    day: str | None = "2024-05-02",
    killed: int | None = None,
    actor: GoldParty | None = None,
    accept: tuple[str, ...] = (),
) -> GoldEvent:
    return GoldEvent(
        kind,
        actor=actor,
        lat=at[0] if at else None,
        lon=at[1] if at else None,
        date=day,
        date_accept=accept,
        counts=(("killed", killed),) if killed is not None else (),
    )


def _score(events: list[Event], golds: list[GoldEvent]) -> ArticleFigures:
    article = GoldArticle("a1", "نص", "2024-05-02", tuple(golds))
    doc = Document(id="a1", text="نص", origin="a1", events=tuple(events))
    return ArticleFigures([score_article(article, doc)])


def test_right_event_counts_at_every_level() -> None:
    figures = _score([_event(killed=3)], [_gold(killed=3)])
    assert figures.types() == (1.0, 1.0, 1.0)
    assert figures.event_level() == (1.0, 1.0, 1.0)
    assert figures.check("place").value == 1.0
    assert figures.check("killed").value == 1.0
    assert figures.events_per_gold == 1.0


def test_event_level_needs_place_and_day_where_gold_gives_them() -> None:
    wrong_day = _score([_event(day="2024-05-01")], [_gold()])
    assert wrong_day.event_level() == (0.0, 0.0, 0.0)
    assert wrong_day.types() == (1.0, 1.0, 1.0)
    accepted = _score([_event(day="2024-05-01")], [_gold(accept=("2024-05-01",))])
    assert accepted.event_level()[2] == 1.0
    # Gold without a place or a day checks neither.
    silent = _score([_event(at=None, day=None)], [_gold(at=None, day=None)])
    assert silent.event_level()[2] == 1.0
    assert silent.check("place").whole == 0


def test_place_within_fifty_km() -> None:
    near = _score([_event(at=(33.6, 44.4))], [_gold()])  # about 29 km north
    far = _score([_event(at=MOSUL)], [_gold()])
    unplaced = _score([_event(at=None)], [_gold()])
    assert near.check("place").value == 1.0
    assert far.check("place").value == 0.0
    assert unplaced.check("place").value == 0.0


def test_matching_is_one_to_one_and_prefers_the_right_pairing() -> None:
    # Two strikes, Mosul then Baghdad in gold, told the other way round by rasd.
    events = [_event(at=BAGHDAD), _event(at=MOSUL)]
    golds = [_gold(at=MOSUL), _gold(at=BAGHDAD)]
    pairs = match(events, golds)
    assert sorted((e, g) for e, g, _checks in pairs) == [(0, 1), (1, 0)]
    figures = _score([*events, _event(at=MOSUL)], golds)
    assert figures.matched == 2
    precision, recall, _f1 = figures.event_level()
    assert (precision, recall) == (pytest.approx(2 / 3), 1.0)
    assert figures.events_per_gold == 1.5


def test_types_must_agree_to_match() -> None:
    figures = _score([_event("COERCE")], [_gold("ASSAULT")])
    assert figures.matched == 0
    assert figures.types() == (0.0, 0.0, 0.0)


def test_unreported_and_historical_events_are_not_scored() -> None:
    events = [_event(future=True), _event(negated=True), _event(historical=True)]
    figures = _score(events, [_gold()])
    assert figures.predicted_events == 0
    assert figures.event_level() == (0.0, 0.0, 0.0)


def test_far_events_are_counted_against_every_gold_place() -> None:
    figures = _score([_event(at=WASHINGTON), _event(at=MOSUL), _event(at=None)], [_gold()])
    assert (figures.far.part, figures.far.whole) == (1, 2)


@pytest.mark.parametrize(
    ("ours", "english", "gold", "agrees"),
    [
        ("قوات الأمن العراقية", None, GoldParty("الأمن العراقي", aliases=("العراقية",)), True),
        ("القوات", None, GoldParty("قوات الجيش"), False),  # generic words only
        ("مسلحون", "Islamic State", GoldParty("داعش", "Islamic State"), True),
        ("وبالحوثيين", None, GoldParty("الحوثيين"), True),  # proclitics stripped
        ("مدنيين", None, GoldParty("الحوثيين"), False),
    ],
)
def test_party_agreement_by_content_words(
    ours: str, english: str | None, gold: GoldParty, agrees: bool
) -> None:
    argument = Argument(0, len(ours), ours, actor=Actor(0, 1, name_en=english) if english else None)
    assert party_agrees(argument, gold) is agrees


def test_content_words_drop_generic_words() -> None:
    assert content_words("قوات الأمن") == frozenset()
    assert "forces" not in content_words("Syrian Democratic Forces")


def test_details_say_why_a_check_failed() -> None:
    figures = _score(
        [_event(at=MOSUL, killed=2, actor="مسلحون"), _event("PROTEST")],
        [_gold(killed=3, actor=GoldParty("داعش")), _gold("COERCE")],
    )
    text = "\n".join(describe(figures.results[0]))
    assert "WRONG" in text and "km off" in text and "killed 2 not 3" in text
    assert "actor مسلحون" in text
    assert "MISSED" in text and "extra: PROTEST" in text


def _article_line(**fields: object) -> bytes:
    row = {
        "id": "t1",
        "published": "2024-05-02",
        "text": "قتل ثلاثة أشخاص في انفجار ببغداد اليوم.",
        "events": [
            {
                "event_type": "ASSAULT",
                "actor": None,
                "target": {"ar": "أشخاص", "en": "people", "aliases": []},
                "location_name": "بغداد",
                "lat": BAGHDAD[0],
                "lon": BAGHDAD[1],
                "date": "2024-05-02",
                "counts": [{"kind": "killed", "value": 3}],
            }
        ],
    }
    row.update(fields)
    return orjson.dumps(row) + b"\n"


def test_read_articles(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(_article_line())
    (article,) = read_articles(path)
    assert article.published == "2024-05-02"
    (gold,) = article.events
    assert gold.point == BAGHDAD and gold.count("killed") == 3
    assert gold.target == GoldParty("أشخاص", "people")


def test_read_articles_rejects_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(_article_line() + b"[1, 2]\n")
    with pytest.raises(GoldFormatError, match=":2:"):
        list(read_articles(path))


def test_cli_scores_an_article_file(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(_article_line())
    result = CliRunner().invoke(app, ["eval", "articles", str(path), "--details"])
    assert result.exit_code == 0, result.output
    assert "event types per article" in result.output
    assert "1 articles, 1 gold events" in result.output
    assert "gold 1: ASSAULT" in result.output


def test_cli_reports_a_bad_file_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(b"not json\n")
    result = CliRunner().invoke(app, ["eval", "articles", str(path)])
    assert result.exit_code == 2
    assert "not a coded article" in result.output


def test_killed_count_accepts_each_gold_figure_and_their_sum() -> None:
    gold = GoldEvent("ASSAULT", counts=(("killed", 28), ("killed", 10), ("killed", 7)))
    for value, right in ((28, True), (45, True), (7, True), (30, False)):
        figures = _score([_event(at=None, day=None, killed=value)], [gold])
        assert figures.check("killed").value == float(right)
