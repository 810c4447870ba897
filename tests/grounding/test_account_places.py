"""An event its sentences do not place takes the place the article's account is at."""

from __future__ import annotations

from rasd.grounding.ground import AT_DATELINE, TOLD_BEFORE, TOLD_FIRST, placed_by_account
from rasd.model import Event, Evidence, Location
from rasd.pipeline import extract_text
from rasd.settings import Settings


def _event(at: int, location: Location | None = None) -> Event:
    return Event(
        "COERCE", 0.9, location=location, evidence=(Evidence(at, at + 10, at, at + 3, "x"),)
    )


def _town(name: str, country: str = "DZA", precision: int = 1) -> Location:
    return Location(
        0,
        len(name),
        name,
        name_en=name,
        lat=36.7,
        lon=3.1,
        country=country,
        precision=precision,
        reason="named in the sentence",
    )


def test_an_unplaced_event_takes_the_place_of_the_event_told_last_before_it() -> None:
    events = [_event(0, _town("Oran")), _event(50, _town("Algiers")), _event(100), _event(200)]
    placed = placed_by_account(events, ["DZA"])
    assert [e.location.name_en if e.location else None for e in placed] == [
        "Oran",
        "Algiers",
        "Algiers",
        "Algiers",
    ]
    assert placed[2].location is not None and placed[2].location.reason == TOLD_BEFORE


def test_an_event_told_before_any_place_takes_the_first_place_told() -> None:
    placed = placed_by_account([_event(0), _event(80, _town("Algiers"))], ["DZA"])
    assert placed[0].location is not None
    assert (placed[0].location.name_en, placed[0].location.reason) == ("Algiers", TOLD_FIRST)


def test_a_country_or_a_place_abroad_is_no_place_of_the_account() -> None:
    country = _town("Algeria", precision=3)
    abroad = _town("Geneva", country="CHE")
    placed = placed_by_account([_event(0, country), _event(40, abroad), _event(90)], ["DZA"])
    assert placed[2].location is None


def test_an_event_named_in_a_later_sentence_without_a_place_is_placed_in_the_capital() -> None:
    doc = extract_text(
        "انتشرت قوات الشرطة الجزائرية بكثافة في وسط العاصمة أمس واعتقلت عشرات الطلاب. "
        "كما حاصرت الشرطة مسجدا قبيل صلاة الظهر لمنع المصلين من التظاهر.",
        settings=Settings(published="2021-05-04"),
    )
    coerce = [e for e in doc.events if e.evidence and "حاصرت" in e.evidence[0].trigger]
    assert coerce and coerce[0].location is not None
    assert (coerce[0].location.name_en, coerce[0].location.reason) == ("Algiers", TOLD_BEFORE)


def _placed(text: str) -> list[tuple[str, str | None, str | None]]:
    doc = extract_text(text, settings=Settings(published="2023-12-10"))
    return [
        (e.event_type, *((e.location.name_en, e.location.reason) if e.location else (None, None)))
        for e in doc.events
    ]


def test_a_statement_placed_at_a_whole_country_is_placed_at_the_datelines_town() -> None:
    found = _placed("الخرطوم - وكالات:\n\nرفض الجيش السوداني الدعوات إلى هدنة في السودان.")
    assert ("REJECT", "Khartoum", f"{AT_DATELINE}, in «السودان»") in found


def test_an_act_in_a_whole_country_is_not_moved_to_the_dateline() -> None:
    found = _placed("الخرطوم - وكالات:\n\nقتل عشرة مدنيين في اشتباكات في السودان أمس.")
    assert found == [("ASSAULT", "Sudan", "named in the sentence")]


def test_a_statement_is_not_moved_to_a_dateline_in_another_country() -> None:
    found = _placed("القاهرة - وكالات:\n\nرفض الجيش السوداني الدعوات إلى هدنة في السودان.")
    assert all(name != "Cairo" for _type, name, _reason in found)
