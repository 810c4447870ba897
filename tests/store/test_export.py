"""Exports read back with the library a user would use: csv, DuckDB, pyarrow, json."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.events.lexicon import MODES as LEXICON_MODES
from rasd.model import Actor, Argument, Count, Event, EventDate, Evidence, Location, PloverType
from rasd.store.export import (
    ACLED_COLUMNS,
    ACLED_EVENT_TYPES,
    COUNTRIES,
    EXPORT_FORMATS,
    acled_figure,
    acled_rows,
    acled_types,
    export,
    figure,
    geojson,
    plover_records,
    write_acled,
    write_geojson,
    write_parquet,
    write_plover,
)
from rasd.store.records import Report, StoredEvent

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

COALITION = Actor(0, 0, id="coalition", name_en="Global Coalition Against Daesh", inter=8)
CIVILIANS = Actor(0, 0, cameo="SYRCVL", sector="civilians", inter=7, country="SYR")
IRAQI_POLICE = Actor(0, 0, cameo="IRQCOP", sector="state-police", inter=1, country="IRQ")
PROTESTERS = Actor(0, 0, cameo="IRQCVL", sector="protesters", inter=6, country="IRQ")
SDF = Actor(0, 0, id="sdf", name_en="Syrian Democratic Forces", cameo="SYRREB", inter=2)
SYRIAN_ARMY = Actor(0, 0, cameo="SYRMIL", sector="state-military", inter=1, country="SYR")

BAGHOUZ = Location(
    10,
    17,
    "الباغوز",
    name_ar="الباغوز",
    name_en="Al Baghuz Fawqani",
    lat=34.46,
    lon=40.94,
    country="SYR",
    admin1="Deir ez-Zor",
    precision=1,
)


def _argument(text: str, actor: Actor) -> Argument:
    return Argument(0, len(text), text, actor=actor)


def _killed(value: int, qualifier: str = "exactly") -> Count:
    return Count("killed", value, 0, 2, str(value), qualifier=qualifier)  # type: ignore[arg-type]


def _evidence(trigger: str) -> tuple[Evidence, ...]:
    return (Evidence(0, 40, 5, 5 + len(trigger), trigger),)


AIR_STRIKE = Event(
    "ASSAULT",
    0.9,
    mode="aerial",
    actor=_argument("طيران التحالف الدولي", COALITION),
    target=_argument("مدنيين", CIVILIANS),
    location=BAGHOUZ,
    date=EventDate("2019-03-04", "day"),
    counts=(_killed(10),),
    evidence=_evidence("غارة"),
)
STRIKE_REPORTS = (
    Report("reuters-1", AIR_STRIKE, source="Reuters", url="https://example.org/r1", language="ar"),
    Report(
        "sana-7",
        replace(AIR_STRIKE, counts=(_killed(16, "at_least"),)),
        source="SANA",
        url="https://example.org/s7",
        language="ar",
    ),
)
PROTEST = Event(
    "PROTEST",
    0.8,
    mode="demo",
    actor=_argument("متظاهرون", PROTESTERS),
    location=Location(0, 5, "بغداد", name_ar="بغداد", country="IRQ"),  # not placed
    date=EventDate("2019-10-01", "day"),
    counts=(Count("participants", 150, 0, 3, "150", qualifier="about"),),
    evidence=_evidence("تظاهر"),
)
DENIED = Event(
    "ASSAULT",
    0.7,
    mode="firearms",
    actor=_argument("قسد", SDF),
    location=BAGHOUZ,
    date=EventDate("2019-03-05", "day"),
    negated=True,
    evidence=_evidence("هاجمت"),
)
ARRESTS = Event(
    "COERCE",
    0.8,
    mode="arrest",
    actor=_argument("الشرطة العراقية", IRAQI_POLICE),
    date=EventDate(None),
    counts=(Count("arrested", 12, 0, 2, "12"),),
    evidence=_evidence("اعتقلت"),
)
OLD_BATTLE = Event(
    "ASSAULT",
    0.6,
    mode="firearms",
    actor=_argument("قسد", SDF),
    target=_argument("الجيش السوري", SYRIAN_ARMY),
    location=BAGHOUZ,
    date=EventDate("2015-01-01", "year"),
    historical=True,
    evidence=_evidence("معارك"),
)

EVENTS = (
    StoredEvent("1", AIR_STRIKE, STRIKE_REPORTS, ("same type, 0.0 km, same day",)),
    StoredEvent("2", PROTEST, (Report("aa-3", PROTEST, source="Anadolu"),)),
    StoredEvent("3", DENIED, (Report("bbc-4", DENIED, source="BBC"),)),
    StoredEvent(
        "4",
        ARRESTS,
        (Report("ina-5", ARRESTS, source="INA", published="2019-11-20T08:00:00+03:00"),),
    ),
    StoredEvent("5", OLD_BATTLE, (Report("jz-6", OLD_BATTLE, source="Al Jazeera"),)),
)


def test_acled_csv_round_trips_through_csv_module(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    assert write_acled(EVENTS, path, timestamp=1700000000) == 3
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        rows = {row["event_id_cnty"]: row for row in reader}
    assert set(rows) == {"SYR1", "IRQ2", "IRQ4"}
    strike = rows["SYR1"]
    assert strike["event_date"] == "2019-03-04"
    assert strike["year"] == "2019"
    assert strike["time_precision"] == "1"
    assert strike["disorder_type"] == "Political violence"
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["actor1"] == "Global Coalition Against Daesh"
    assert strike["actor2"] == "Civilians (Syria)"
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "7", "78")
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["region"], strike["country"]) == ("760", "Middle East", "Syria")
    assert (strike["admin1"], strike["location"]) == ("Deir ez-Zor", "Al Baghuz Fawqani")
    assert (float(strike["latitude"]), float(strike["longitude"])) == (34.46, 40.94)
    assert strike["geo_precision"] == "1"
    assert strike["source"] == "Reuters; SANA"
    assert strike["fatalities"] == "10"
    assert "Killed: 10 (Reuters); at least 16 (SANA)." in strike["notes"]
    assert strike["notes"].startswith("On 2019-03-04, Global Coalition Against Daesh carried out")
    assert strike["timestamp"] == "1700000000"


def test_acled_rows_code_protests_and_arrests() -> None:
    rows = {row["event_id_cnty"]: row for row in acled_rows(EVENTS, timestamp=0)}
    protest = rows["IRQ2"]
    assert (protest["event_type"], protest["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert protest["disorder_type"] == "Demonstrations"
    assert (protest["inter1"], protest["inter2"], protest["interaction"]) == (6, 0, 60)
    assert protest["tags"] == "crowd size=about 150"
    assert (protest["latitude"], protest["location"]) == ("", "بغداد")
    arrests = rows["IRQ4"]
    assert arrests["sub_event_type"] == "Arrests"
    # No date in the text: the report's publication date, to the week.
    assert (arrests["event_date"], arrests["time_precision"]) == ("2019-11-20", 2)
    assert arrests["actor1"] == "Police Forces of Iraq"
    assert arrests["fatalities"] == 0
    assert "12 arrested." in str(arrests["notes"])


def test_acled_leaves_out_what_did_not_happen_and_history_unless_asked() -> None:
    ids = [row["event_id_cnty"] for row in acled_rows(EVENTS, timestamp=0)]
    assert "SYR3" not in ids and "SYR5" not in ids
    with_history = {
        str(row["event_id_cnty"]): row
        for row in acled_rows(EVENTS, include_historical=True, timestamp=0)
    }
    assert "SYR3" not in with_history
    battle = with_history["SYR5"]
    assert (battle["event_type"], battle["sub_event_type"]) == ("Battles", "Armed clash")
    assert (battle["time_precision"], battle["interaction"]) == (3, 12)
    assert "background" in str(battle["notes"])


def test_acled_include_other_false_drops_strategic_other() -> None:
    talks = Event("CONSULT", 0.9, date=EventDate("2019-01-01", "day"))
    events = (*EVENTS, StoredEvent("9", talks, ()))
    assert any(r["sub_event_type"] == "Other" for r in acled_rows(events, timestamp=0))
    assert all(
        r["sub_event_type"] != "Other" for r in acled_rows(events, include_other=False, timestamp=0)
    )


def test_acled_csv_reads_in_duckdb(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    write_acled(EVENTS, path, timestamp=0)
    rows = duckdb.sql(
        f"select event_id_cnty, event_date, fatalities from read_csv('{path}', header=true) "
        "order by event_id_cnty"
    ).fetchall()
    assert [(r[0], str(r[1]), r[2]) for r in rows] == [
        ("IRQ2", "2019-10-01", 0),
        ("IRQ4", "2019-11-20", 0),
        ("SYR1", "2019-03-04", 10),
    ]


EXPLOSIONS, VAC, STRATEGIC = (
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)


@pytest.mark.parametrize(
    ("event_type", "mode", "actor", "target", "expected"),
    [
        ("ASSAULT", "drone", 1, 2, (EXPLOSIONS, "Air/drone strike")),
        ("ASSAULT", "suicide-attack", 2, None, (EXPLOSIONS, "Suicide bomb")),
        ("ASSAULT", "explosives", None, 7, (EXPLOSIONS, "Remote explosive/landmine/IED")),
        ("ASSAULT", "heavy-weapons", 1, 2, (EXPLOSIONS, "Shelling/artillery/missile attack")),
        ("ASSAULT", "firearms", 1, 2, ("Battles", "Armed clash")),
        ("ASSAULT", "firearms", 3, 7, (VAC, "Attack")),
        ("ASSAULT", "abduct", 2, 7, (VAC, "Abduction/forced disappearance")),
        ("ASSAULT", "abduct", None, None, (VAC, "Abduction/forced disappearance")),
        ("ASSAULT", "sexual", 3, None, (VAC, "Sexual violence")),
        ("ASSAULT", "firearms", 1, 6, ("Protests", "Excessive force against protesters")),
        ("ASSAULT", "beat", 5, 7, ("Riots", "Mob violence")),
        ("ASSAULT", "destroy", 2, None, (STRATEGIC, "Looting/property destruction")),
        ("PROTEST", "strike", 6, None, ("Protests", "Peaceful protest")),
        ("PROTEST", "riot", 5, None, ("Riots", "Violent demonstration")),
        ("PROTEST", "vandalize", 5, None, ("Riots", "Violent demonstration")),
        ("COERCE", "crowd-control", 1, 6, ("Protests", "Protest with intervention")),
        ("COERCE", "arrest", 1, 7, (STRATEGIC, "Arrests")),
        ("COERCE", "seize", 1, 7, (STRATEGIC, "Looting/property destruction")),
        ("RETREAT", "withdraw", 2, None, (STRATEGIC, "Non-violent transfer of territory")),
        ("RETREAT", "release", 2, None, (STRATEGIC, "Other")),
        ("AGREE", None, 1, 2, (STRATEGIC, "Agreement")),
        ("ACCUSE", None, 1, 2, (STRATEGIC, "Other")),
    ],
)
def test_acled_types_map_plover_type_and_mode(
    event_type: PloverType,
    mode: str | None,
    actor: int | None,
    target: int | None,
    expected: tuple[str, str],
) -> None:
    event = Event(
        event_type,
        1.0,
        mode=mode,
        actor=_argument("أ", Actor(0, 1, inter=actor)),
        target=_argument("ب", Actor(0, 1, inter=target)),
    )
    assert acled_types(event) == expected


# every PLOVER mode rasd codes, and none
MODES = (None, *sorted(set().union(*LEXICON_MODES.values())))
INTER = st.one_of(st.none(), st.integers(1, 8))


@given(
    event_type=st.sampled_from(sorted(_ for _ in PloverType.__args__)),  # type: ignore[attr-defined]
    mode=st.sampled_from(MODES),
    actor=INTER,
    target=INTER,
    killed=st.one_of(st.none(), st.integers(0, 500)),
)
def test_acled_rows_hold_only_documented_types_and_codes(
    event_type: PloverType,
    mode: str | None,
    actor: int | None,
    target: int | None,
    killed: int | None,
) -> None:
    event = Event(
        event_type,
        1.0,
        mode=mode,
        actor=_argument("أ", Actor(0, 1, inter=actor)) if actor else None,
        target=_argument("ب", Actor(0, 1, inter=target)) if target else None,
        counts=(_killed(killed),) if killed is not None else (),
    )
    (row,) = acled_rows([StoredEvent("1", event, ())], timestamp=0)
    assert row["sub_event_type"] in ACLED_EVENT_TYPES[str(row["event_type"])]
    assert row["inter1"] in ("", *range(1, 9))
    assert row["inter2"] in ("", *range(0, 9))
    if actor:
        low, high = sorted((actor, target or 0))
        assert row["interaction"] == (10 * low + high if low else 10 * high)
    assert row["fatalities"] == (killed or 0)
    assert set(row) == set(ACLED_COLUMNS)


def test_acled_event_types_are_acleds_six_and_twenty_five() -> None:
    assert len(ACLED_EVENT_TYPES) == 6
    assert sum(len(subs) for subs in ACLED_EVENT_TYPES.values()) == 25


def test_plover_jsonl_round_trips_through_json(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    text = "غارة جوية للتحالف على الباغوز قتلت عشرة."
    assert write_plover(EVENTS, path) == 5
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [record["id"] for record in records] == ["1", "2", "3", "4", "5"]
    strike = records[0]
    assert strike["event"] == ["ASSAULT"] and strike["mode"] == ["aerial"]
    assert strike["date"] == "2019-03-04" and strike["enddate"] is None
    assert strike["actor"] == [
        {
            "code": None,
            "sector": None,
            "entity_text": "طيران التحالف الدولي",
            "identifier_id": "coalition",
            "name": "Global Coalition Against Daesh",
            "country": None,
        }
    ]
    assert strike["recipient"][0]["code"] == "SYRCVL"
    assert strike["event_loc"]["lat"] == 34.46 and strike["event_loc"]["country"] == "SYR"
    assert strike["size"] == {"dead": 10, "injured": None, "arrested": None}
    assert [cite["source"] for cite in strike["cite_info"]] == ["Reuters", "SANA"]
    assert strike["cite_info"][0]["url"] == "https://example.org/r1"
    assert strike["coder"] == "rasd" and strike["event_text"] == "غارة"
    assert records[2]["negated"] is True
    assert records[3]["size"]["arrested"] == 12
    assert records[4]["enddate"] == "2015-12-31"
    (with_text,) = plover_records(EVENTS[:1], texts={"reuters-1": text})
    assert with_text["event_text"] == text[:40]


def test_parquet_dataset_reads_in_duckdb_and_pyarrow(tmp_path: Path) -> None:
    ds = pytest.importorskip("pyarrow.dataset")
    undated = StoredEvent("6", replace(PROTEST, date=None), ())
    root = tmp_path / "events"
    assert write_parquet((*EVENTS, undated), root, batch_size=2) == 6
    assert (root / "year=2019").is_dir()
    glob = f"{root}/**/*.parquet"
    rows = duckdb.sql(
        f"select id, year, event_type, plover_type, fatalities, negated, sources, latitude "
        f"from read_parquet('{glob}', hive_partitioning=true) order by id"
    ).fetchall()
    assert [row[0] for row in rows] == ["1", "2", "3", "4", "5", "6"]
    assert rows[0][1:] == (
        2019,
        "Explosions/Remote violence",
        "ASSAULT",
        10,
        False,
        ["Reuters", "SANA"],
        34.46,
    )
    assert rows[2][5] is True
    assert rows[4][1] == 2015
    assert rows[5][1] is None
    table = ds.dataset(root, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 6
    assert {"event_id_cnty", "actor1", "inter1", "interaction", "document_ids"} <= set(
        table.column_names
    )
    by_id = {row["id"]: row for row in table.to_pylist()}
    assert str(by_id["1"]["event_date"]) == "2019-03-04"
    assert by_id["1"]["document_ids"] == ["reuters-1", "sana-7"]
    assert by_id["2"]["latitude"] is None and by_id["2"]["interaction"] == 60


def test_parquet_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "old.parquet").write_bytes(b"")
    with pytest.raises(FileExistsError):
        write_parquet(EVENTS, tmp_path)


def test_geojson_has_points_of_what_happened(tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    assert write_geojson(EVENTS, path) == 1
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [40.94, 34.46]}
    properties = feature["properties"]
    assert properties["id"] == "1" and properties["type"] == "ASSAULT"
    assert properties["fatalities"] == 10 and properties["precision"] == 1
    assert properties["actors"] == ["Global Coalition Against Daesh", "Civilians (Syria)"]
    assert properties["sources"] == ["Reuters", "SANA"]
    history = geojson(EVENTS, include_historical=True)["features"]
    assert isinstance(history, list) and len(history) == 2


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_dispatches_every_format(fmt: str, tmp_path: Path) -> None:
    output = tmp_path / f"out.{fmt}"
    written = export(EVENTS, fmt, output)  # type: ignore[arg-type]
    assert written == {"acled": 3, "plover": 5, "parquet": 5, "geojson": 1}[fmt]
    assert output.exists()


def test_export_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(EVENTS, "xlsx", tmp_path / "x")  # type: ignore[arg-type]


def test_countries_table_agrees_with_iso() -> None:
    pycountry = pytest.importorskip("pycountry")
    for iso3, (_name, numeric, _region) in COUNTRIES.items():
        assert int(pycountry.countries.get(alpha_3=iso3).numeric) == numeric, iso3


@pytest.mark.parametrize(
    ("value", "qualifier", "acled"),
    [
        (24, "tens", 10),  # عشرات القتلى
        (24, "dozens", 12),
        (200, "hundreds", 100),  # مئات
        (2000, "thousands", 1000),  # آلاف
        (24_000, "tens", 10_000),  # عشرات الآلاف
        (150, "about", 150),
        (3, "several", 3),
    ],
)
def test_acled_figure_takes_the_conservative_value_of_vague_quantities(
    value: int, qualifier: str, acled: int
) -> None:
    count = Count("killed", value, 0, 1, "x", qualifier=qualifier)  # type: ignore[arg-type]
    assert acled_figure([count], "killed") == acled
    assert acled_figure([count], "injured") is None


def test_acled_fatalities_are_conservative_while_the_record_keeps_its_reading() -> None:
    vague = Count("killed", 24, 0, 5, "عشرات", qualifier="tens")
    event = Event("ASSAULT", 0.9, counts=(vague,), date=EventDate("2024-05-02", "day"))
    stored = StoredEvent("e1", event, (Report("d1", event, published="2024-05-02"),))
    (row,) = acled_rows([stored])
    assert row["fatalities"] == 10
    assert stored.event.counts[0].value == 24 and stored.event.counts[0].qualifier == "tens"


def test_a_perpetrators_claim_is_no_figure() -> None:
    sourced = Count("killed", 4, 0, 1, "x")
    claim = Count("killed", 30, 2, 3, "y", claimed=True)
    assert acled_figure([sourced, claim], "killed") == 4
    assert figure([sourced, claim], "killed") == 4
    assert acled_figure([claim], "killed") is None  # a claim alone: the toll is unknown
    assert figure([claim], "killed") is None
