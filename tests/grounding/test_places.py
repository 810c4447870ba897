"""The gazetteer and geocoder: lookups, disambiguation, precision, and the curated table."""

from __future__ import annotations

import csv
import gzip
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.grounding.places import (
    Gazetteer,
    Place,
    arabic_keys,
    choose,
    document_countries,
    gazetteer,
    is_notable_place,
    is_origin,
    is_place,
    latin_key,
    names_the_country,
    not_names,
    resolve,
    skeleton,
)
from rasd.model import Entity
from rasd.pipeline import extract_text
from rasd.settings import Settings
from rasd.text import build_layer, normalize

SUPPLEMENT = (
    Path(__file__).resolve().parents[2] / "src" / "rasd" / "resources" / "places_supplement.tsv"
)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


def _supplement() -> list[dict[str, str]]:
    lines = SUPPLEMENT.read_text("utf-8").splitlines()
    header = next(line for line in lines if line.startswith("# id\t"))[2:].split("\t")
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    reader = csv.reader(body, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [dict(zip(header, fields, strict=True)) for fields in reader]


@pytest.mark.parametrize("phrase", ["الباغوز", "بالباغوز", "وبالباغوز", "قرية الباغوز", "باغوز"])
def test_baghouz_resolves_to_the_village(phrase: str) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert resolved.precision == 1
    assert resolved.place.country == "SYR"
    assert _km(resolved.place.lat, resolved.place.lon, 34.46, 40.94) < 30


@pytest.mark.parametrize("phrase", ["بالموصل", "الموصل", "موصل", "في الموصل", "مدينة الموصل"])
def test_mosul_spellings_resolve_to_mosul(phrase: str) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert (resolved.place.name_en, resolved.place.country, resolved.precision) == (
        "Mosul",
        "IRQ",
        1,
    )


def test_rif_dimashq_is_the_governorate() -> None:
    # ريف دمشق names an official governorate (Rif Dimashq, GeoNames admin1 SY.08): named
    # alone it is province-level, ACLED precision 3, at the governorate's centroid.
    resolved = resolve("ريف دمشق")
    assert resolved is not None
    assert (resolved.place.kind, resolved.place.country, resolved.precision) == ("admin1", "SYR", 3)
    assert _km(resolved.place.lat, resolved.place.lon, 33.51, 36.29) < 60


@pytest.mark.parametrize("phrase", ["شرق سوريا", "بشرق سوريا", "شرقي سورية"])
def test_east_syria_is_a_region(phrase: str) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert (resolved.place.country, resolved.precision) == ("SYR", 2)
    assert resolved.place.lon > 39  # the east, not the country's centroid


@pytest.mark.parametrize(
    ("phrase", "iso3", "lat", "lon"),
    [
        ("سوريا", "SYR", 35.0, 38.5),
        ("سورية", "SYR", 35.0, 38.5),
        ("العراق", "IRQ", 33.2, 43.7),
        ("أوزبكستان", "UZB", 41.4, 64.6),
    ],
)
def test_a_country_alone_is_its_centroid(phrase: str, iso3: str, lat: float, lon: float) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert (resolved.place.kind, resolved.place.country, resolved.precision) == (
        "country",
        iso3,
        3,
    )
    assert _km(resolved.place.lat, resolved.place.lon, lat, lon) < 250


@pytest.mark.parametrize(
    ("phrase", "kind", "precision"),
    [
        ("حلب", "city", 1),
        ("محافظة حلب", "admin1", 3),
        ("ريف حلب", "city", 2),
        ("قرب حلب", "city", 2),
        ("بالقرب من حلب", "city", 2),
        ("ريف حلب الشمالي", "region", 2),
    ],
)
def test_heads_and_modifiers_set_kind_and_precision(phrase: str, kind: str, precision: int) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert (resolved.place.country, resolved.place.kind, resolved.precision) == (
        "SYR",
        kind,
        precision,
    )


@pytest.mark.parametrize(("context", "iso3"), [((), "LBY"), (("LBN",), "LBN"), (("LBY",), "LBY")])
def test_a_shared_name_resolves_by_context(context: tuple[str, ...], iso3: str) -> None:
    # طرابلس: Tripoli, Libya (the larger) and Tripoli, Lebanon.
    resolved = resolve("طرابلس", context_countries=context)
    assert resolved is not None
    assert resolved.place.country == iso3


def test_context_order_does_not_outweigh_a_much_larger_town() -> None:
    # A tiny Raqqa outside Syria does not take الرقة when Syria is second in context.
    resolved = resolve("الرقة", context_countries=("KWT", "SYR"))
    assert resolved is not None
    assert resolved.place.country in {"KWT", "SYR"}
    unaided = resolve("الرقة", context_countries=("IRQ", "SYR"))
    assert unaided is not None and unaided.place.country == "SYR"


@pytest.mark.parametrize("phrase", ["كوكب زحل", "", "   ", "سوري", "العراقيين", "الأوزبكي"])
def test_unknown_names_and_nationalities_resolve_to_nothing(phrase: str) -> None:
    assert resolve(phrase) is None


def test_origins_are_recognised() -> None:
    text = normalize("إن المقاتلين من دول مختلفة منها أوزبكستان وتركمانستان")
    assert is_origin(text, text.index("اوزبكستان"))
    assert is_origin(text, text.index("تركمانستان"))
    text = normalize("قاتل مسلحون من تنظيم داعش في الباغوز")
    assert not is_origin(text, text.index("الباغوز"))


def test_supplement_ids_are_unique() -> None:
    ids = [row["id"] for row in _supplement() if row["kind"] not in ("alias", "unname")]
    assert len(ids) == len(set(ids))
    assert all(row_id.startswith("rasd:") for row_id in ids)


def test_supplement_names_normalise_to_themselves() -> None:
    for row in _supplement():
        for alias in row["aliases"].split("|"):
            assert alias and normalize(alias) == alias, (row["id"], alias)


def test_supplement_rows_lie_in_their_country() -> None:
    places = gazetteer()
    for row in _supplement():
        box = places.bounds(row["country"])
        assert box is not None, row["id"]
        lat, lon = float(row["lat"]), float(row["lon"])
        margin = 0.25  # degrees: a border village may lie beyond the outermost city
        assert box[0] - margin <= lat <= box[2] + margin, row["id"]
        assert box[1] - margin <= lon <= box[3] + margin, row["id"]


def test_supplement_rows_are_in_the_compiled_gazetteer() -> None:
    places = gazetteer()
    for row in _supplement():
        found = places.lookup(row["name_ar"])
        target = row["id"]
        if row["kind"] == "unname":  # the name is gone from the place it was wrongly on
            assert all(place.id != target for place in found), target
            continue
        assert any(place.id == target for place in found), target


def test_compiled_names_normalise_to_themselves() -> None:
    places = gazetteer()
    names = list(places._by_name)  # the guard reads the index itself
    assert len(names) > 20_000
    assert all(normalize(name) == name for name in names)


@given(st.sampled_from(["الموصل", "الرقة", "حلب", "الباغوز", "سوريا"]), st.sampled_from("وبل"))
def test_a_proclitic_does_not_change_the_place(name: str, clitic: str) -> None:
    plain = resolve(name)
    assert plain is not None
    assert resolve(clitic + name) == plain


def test_load_returns_an_equivalent_gazetteer() -> None:
    fresh = Gazetteer.load()
    assert [p.id for p in fresh.lookup("الموصل")] == [p.id for p in gazetteer().lookup("الموصل")]


@pytest.mark.parametrize(
    "phrase",
    [
        "وسط المدينة",
        "غرب المدينة",
        "شرق البلدة",
        "قرب المسجد",
        "بالمدينة",
        "المنطقة",
        # a palace, a citadel, a camp are no El Kseur, Dibaj, Mascara
        "قرب القصر",
        "القلعة",
        "المعسكر",
    ],
)
def test_a_common_noun_is_no_place(phrase: str) -> None:
    # GeoNames names Medina المدينة and a village in Iran البلدة; news means "the town".
    assert resolve(phrase) is None
    assert not is_place(phrase)


@pytest.mark.parametrize(
    ("phrase", "precision"),
    [("وسط بغداد", 1), ("بوسط القاهرة", 1), ("شرق بغداد", 2), ("غرب المقدادية", 2)],
)
def test_the_centre_of_a_town_is_the_town(phrase: str, precision: int) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert resolved.place.kind == "city"
    assert resolved.precision == precision


def test_a_city_beats_its_same_named_province() -> None:
    # GeoNames files the city as خرطوم and the state as الخرطوم: both are candidates.
    resolved = resolve("الخرطوم")
    assert resolved is not None
    assert (resolved.place.kind, resolved.place.country, resolved.precision) == ("city", "SDN", 1)
    assert _km(resolved.place.lat, resolved.place.lon, 15.55, 32.53) < 15


@pytest.mark.parametrize(
    ("phrase", "context", "expected"),
    [
        ("عمان", (), "OMN"),  # named alone, the country
        ("عمان", ("JOR",), "JOR"),  # in Jordanian context, Amman
        ("عمان", ("OMN", "JOR"), "OMN"),  # Oman in context too: the country
        ("سلطنة عمان", ("JOR",), "OMN"),  # the sultanate is always Oman
        ("طرابلس", ("LBN",), "LBN"),
        ("طرابلس", ("LBY",), "LBY"),
    ],
)
def test_context_decides_shared_names(phrase: str, context: tuple[str, ...], expected: str) -> None:
    resolved = resolve(phrase, context_countries=context)
    assert resolved is not None
    assert resolved.place.country == expected


def test_amman_in_jordanian_context_is_the_city() -> None:
    resolved = resolve("عمان", context_countries=("JOR",))
    assert resolved is not None
    assert (resolved.place.kind, resolved.precision) == ("city", 1)
    assert _km(resolved.place.lat, resolved.place.lon, 31.95, 35.93) < 20


def test_karmah_is_in_anbar_not_syria() -> None:
    # GeoNames lists الكرمة among Maharda's (Syria) names; the supplement removes it.
    for phrase in ("ناحية الكرمة", "الكرمة"):
        resolved = resolve(phrase, context_countries=("IRQ",))
        assert resolved is not None
        assert resolved.place.country == "IRQ"
        assert _km(resolved.place.lat, resolved.place.lon, 33.40, 43.91) < 10
    assert all(p.country != "SYR" for p in gazetteer().lookup("الكرمة"))


def _loc(text: str, name: str) -> Entity:
    start = text.index(name)
    return Entity(start, start + len(name), name, "LOC", 1.0)


def test_document_countries_read_nationalities_when_places_are_ambiguous() -> None:
    text = "تظاهر نحو الفي شخص امس في عمان تلبية لدعوة احزاب المعارضة الاردنية."
    countries = document_countries(text, build_layer(text), (_loc(text, "عمان"),))
    # عمان is Oman and Amman alike: it counts for neither; the nationality word decides
    assert countries == ["JOR"]
    resolved = resolve("عمان", context_countries=countries)
    assert resolved is not None and resolved.place.name_en == "Amman"


def test_document_countries_put_places_before_nationalities() -> None:
    text = "قتل جنود أميركيون في طرابلس ومسلحون في بيروت."
    entities = (_loc(text, "طرابلس"), _loc(text, "بيروت"))
    countries = document_countries(text, build_layer(text), entities)
    assert countries[0] == "LBN"
    assert "USA" in countries[1:]


def test_a_dominant_candidate_names_the_country() -> None:
    text = "تظاهر الآلاف في لندن."
    assert document_countries(text, build_layer(text), (_loc(text, "لندن"),)) == ["GBR"]


@pytest.mark.parametrize(
    ("word", "notable"),
    [
        ("كراتشي", True),
        ("بعقوبة", True),
        ("تلعفر", True),
        ("منزله", False),
        ("هجوم", False),
        # words first, towns of 100,000 second: Baneh, Hisar, Al Khums, Settat
        ("بأنه", False),
        ("الحصار", False),
        ("خمس", False),
        ("السلطات", False),
        # a country or a curated place stays readable whatever the word list says
        ("العراق", True),
        ("الباغوز", True),
    ],
)
def test_notable_places(word: str, notable: bool) -> None:
    assert is_notable_place(word) is notable


def test_the_words_that_are_no_names_name_no_country_and_no_curated_place() -> None:
    # a country or a curated row in the list would be read, but such a word is suspect
    listed = not_names()
    assert len(listed) > 1000
    assert all(normalize(word) in (word, "") for word in listed)  # ـ alone normalises away
    assert not listed & {normalize(name) for name in ("العراق", "سوريا", "الباغوز", "بغداد")}


def test_that_he_is_not_a_town_in_iran() -> None:
    text = "حصل الرجل الذي وصف في غالب الاحيان بانه «مضطرب» على مبتغاه وافرج عن رهائنه."
    events = extract_text(text, settings=Settings(published="2008-01-10")).events
    assert events and all(event.location is None for event in events)


@given(st.sampled_from(["الموصل", "بغداد", "عمان", "طرابلس", "الخرطوم"]), st.sampled_from("وبل"))
def test_a_proclitic_does_not_change_a_resolution_in_context(name: str, clitic: str) -> None:
    for context in ((), ("JOR",), ("LBN",), ("IRQ", "SDN")):
        assert resolve(clitic + name, context_countries=context) == resolve(
            name, context_countries=context
        )


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("وتظاهر الآلاف في شوارع كراتشي أمس.", "Karachi"),
        ("وخرج الآلاف في مسيرات في العاصمة كاتماندو أمس.", "Kathmandu"),
    ],
)
def test_a_towns_streets_and_the_capital_named_before_it_are_the_town(
    text: str, place: str
) -> None:
    (event,) = extract_text(text, settings=Settings(published="2008-01-10")).events
    assert event.location is not None
    assert (event.location.name_en, event.location.precision) == (place, 1)


@pytest.mark.parametrize(
    ("phrase", "town"),
    [
        # الرشاد is in no gazetteer: ACLED codes it at the reference town, precision 2
        ("ناحية الرشاد (45 كلم جنوب كركوك)", "Kirkuk"),
        ("بلدة الزاب على بعد 20 كيلومترا شمال الموصل", "Mosul"),
        ("على بعد 30 كلم غرب بغداد", "Baghdad"),
        ("(120 كم شمال بغداد)", "Baghdad"),
        ("نحو ١١٠ كلم جنوب غربي الموصل", "Mosul"),
        ("التي تبعد نحو 90 كيلومترا شمال العاصمة مقديشو", "Mogadishu"),
    ],
)
def test_a_distance_from_a_town_is_near_the_town(phrase: str, town: str) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert (resolved.place.name_en, resolved.precision) == (town, 2)
    assert is_place(phrase)


@pytest.mark.parametrize(
    ("phrase", "town"),
    [("الموصل (370 كلم شمال بغداد)", "Mosul"), ("مدينة بيجي (120 كم شمال بغداد)", "Bayjī")],
)
def test_a_known_place_before_a_distance_is_kept(phrase: str, town: str) -> None:
    resolved = resolve(phrase)
    assert resolved is not None
    assert (resolved.place.name_en, resolved.precision) == (town, 1)


@pytest.mark.parametrize("phrase", ["(15 كم شرق)", "على بعد 5 كم من الحدود", "كم"])
def test_a_distance_from_no_known_place_resolves_to_nothing(phrase: str) -> None:
    assert resolve(phrase) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "شمال غربي البلاد",
        "جنوب البلاد",
        "بشرق البلاد",
        "وسط البلاد",
        "في الشمال الغربي من البلاد",
        "شمالي البلاد",
    ],
)
def test_a_part_of_the_country_is_the_articles_country(phrase: str) -> None:
    assert names_the_country(phrase)
    assert not is_place(phrase)  # which country is known only in context
    assert resolve(phrase) is None
    resolved = resolve(phrase, context_countries=("PAK", "AFG"))
    assert resolved is not None
    assert (resolved.place.kind, resolved.place.country, resolved.precision) == (
        "country",
        "PAK",
        3,
    )


@pytest.mark.parametrize("phrase", ["البلاد", "في البلاد", "من البلاد", "شمال بغداد", "غرب"])
def test_other_phrases_are_no_part_of_the_country(phrase: str) -> None:
    assert not names_the_country(phrase)


def test_an_indefinite_nationality_names_the_country() -> None:
    # جنديا باكستانيا: the accusative -يا of a nationality is the article's country
    text = "وكان 42 جنديا باكستانيا قد قتلوا في هجوم انتحاري شمال غربي البلاد"
    layer = build_layer(text)
    assert document_countries(text, layer, ()) == ["PAK"]


@pytest.mark.parametrize(
    ("text", "phrase", "place", "precision"),
    [
        (
            "قال العقيد إن «جنديين قتلا بانفجار عبوة ناسفة في ناحيـة الرشاد (٤٥ كلم جنوب كركوك)».",
            "ناحيـة الرشاد (٤٥ كلم جنوب كركوك)",
            "Kirkuk",
            2,
        ),
        (
            "قُتل ثلاثة جنود في انفجار على بُعد 30 كلم غرب بغداد.",
            "على بُعد 30 كلم غرب بغداد",
            "Baghdad",
            2,
        ),
        ("قتل ثلاثة جنود في انفجار في بيجي (120 كم شمال بغداد).", "بيجي", "Bayjī", 1),
        (
            "وكان 42 جنديا باكستانيا قد قتلوا في هجوم انتحاري على مركز تجنيد للجيش "
            "شمال غربي البلاد",
            "شمال غربي البلاد",
            "Pakistan",
            3,
        ),
    ],
)
def test_distances_and_parts_of_the_country_ground_with_original_offsets(
    text: str, phrase: str, place: str, precision: int
) -> None:
    events = extract_text(text, settings=Settings(published="2008-08-02")).events
    assert events
    for event in events:
        location = event.location
        assert location is not None
        assert (location.start, location.end) == (
            text.index(phrase),
            text.index(phrase) + len(phrase),
        )
        assert text[location.start : location.end] == location.text
        assert (location.name_en, location.precision) == (place, precision)


@pytest.mark.parametrize("phrase", ["إقليم كردستان", "لإقليم كردستان", "كردستان العراق"])
def test_the_kurdistan_region_is_a_region_of_iraq(phrase: str) -> None:
    found = resolve(phrase)
    assert found is not None
    assert (found.place.country, found.place.kind, found.precision) == ("IRQ", "region", 2)


@pytest.mark.parametrize(
    ("phrase", "iso3"),
    [("مخيم الرشيدية", "LBN"), ("مخيم نهر البارد", "LBN"), ("مخيم الشاطئ", "PSE")],
)
def test_refugee_camps_the_news_names_are_places(phrase: str, iso3: str) -> None:
    found = resolve(phrase)
    assert found is not None and found.place.country == iso3 and found.precision == 1


def test_a_camps_bare_name_is_left_to_its_namesake_town() -> None:
    found = resolve("الرشيدية")  # Errachidia, Morocco; the camp is مخيم الرشيدية
    assert found is not None and found.place.country == "MAR"


def test_a_namesake_far_abroad_yields_to_the_articles_country() -> None:
    # كابول is also a village in Israel: beside Afghanistan it is Kabul (spelled كابل in
    # the gazetteer), found by its skeleton among the article's countries
    resolved = resolve("كابول", context_countries=("AFG",))
    assert resolved is not None
    assert (resolved.place.name_en, resolved.place.country) == ("Kabul", "AFG")


def test_a_small_town_far_abroad_is_no_reading() -> None:
    # حي الزيتون in an article about Gaza is not Żejtun in Malta
    assert resolve("حي الزيتون", context_countries=("PSE",)) is None


def test_a_name_spelled_otherwise_is_read_among_the_articles_countries() -> None:
    resolved = resolve("مدينة شبرجان", context_countries=("AFG",))
    assert resolved is not None and resolved.place.country == "AFG"
    assert resolve("مدينة شبرجان") is None  # no context: no loose reading


def test_a_small_namesake_abroad_does_not_make_the_context() -> None:
    text = "قصف الجيش الإسرائيلي حي الزيتون في مدينة غزة."
    entities = (_loc(text, "الزيتون"), _loc(text, "غزة"))
    assert "MLT" not in document_countries(text, build_layer(text), entities)


@pytest.mark.parametrize(
    ("phrase", "context", "capital", "precision"),
    [
        ("العاصمة", ("DZA",), "Algiers", 1),
        ("وسط العاصمة", ("DZA",), "Algiers", 1),
        ("في العاصمة", ("SDN",), "Khartoum", 1),
        ("شرق العاصمة", ("DZA",), "Algiers", 2),
        # the adjective names the country, whatever the article's first one
        ("بالعاصمة الليبية", ("TUN",), "Tripoli", 1),
        ("العاصمة التركية", (), "Ankara", 1),
    ],
)
def test_the_capital_alone_is_the_capital_of_its_country(
    phrase: str, context: tuple[str, ...], capital: str, precision: int
) -> None:
    resolved = resolve(phrase, context_countries=context)
    assert resolved is not None
    assert (resolved.place.name_en, resolved.precision) == (capital, precision)


@pytest.mark.parametrize("phrase", ["العاصمة", "العاصمة الإدارية", "عاصمة الإقليم"])
def test_a_capital_of_no_known_country_is_no_place(phrase: str) -> None:
    assert resolve(phrase) is None
    assert resolve("العاصمة الإدارية", context_countries=("EGY",)) is None


@pytest.mark.parametrize(
    ("phrase", "context", "town"),
    [
        ("مطار زوارة الدولي", ("LBY",), "Zuwarah"),
        ("ميناء الحديدة", ("YEM",), "Al Ḩudaydah"),
        ("مطار صنعاء الدولي", ("YEM",), "Sanaa"),
        ("قصر بعبدا", ("LBN",), "Baabda"),
        ("معبر رفح", ("PSE",), "Rafaḩ"),
    ],
)
def test_a_facility_named_after_its_town_is_the_town(
    phrase: str, context: tuple[str, ...], town: str
) -> None:
    resolved = resolve(phrase, context_countries=context)
    assert resolved is not None and resolved.place.name_en == town


@pytest.mark.parametrize("phrase", ["قاعدة المطار", "قصر العدل", "سجن المدينة"])
def test_a_facility_named_by_a_common_noun_is_no_place(phrase: str) -> None:
    assert resolve(phrase, context_countries=("SYR",)) is None


@pytest.mark.parametrize(
    ("latin", "key"),
    [
        ("Tarhuna", "trhn"),
        ("Tarhunah", "trhn"),
        ("Ash Shakhurah", "xkr"),
        ("El Mahalla el Kubra", "mhlkbr"),
        ("Ben Gardane", "bnkrdn"),
        ("Djenné", "jn"),
    ],
)
def test_latin_names_reduce_to_their_consonants(latin: str, key: str) -> None:
    assert latin_key(latin) == key


def test_arabic_names_reduce_to_the_same_consonants() -> None:
    assert arabic_keys(normalize("ترهونة")) == ("trhn",)
    assert arabic_keys(normalize("بن قردان")) == ("bnkrdn",)
    assert arabic_keys(normalize("الشاخورة")) == ("xkr",)
    # ج is j, or g as Egypt and foreign names write it
    assert set(arabic_keys(normalize("الجيزة"))) == {"jz", "kz"}
    assert arabic_keys("tarhuna") == ()


@pytest.mark.parametrize(
    ("phrase", "context", "town"),
    [
        ("مدينة ترهونة", ("LBY",), "Tarhuna"),
        ("بن قردان", ("TUN", "LBY"), "Ben Gardane"),
        # two consonants only: a large town
        ("بلدة موبي", ("NGA",), "Mubi"),
    ],
)
def test_a_town_with_no_arabic_name_is_read_by_its_latin_name(
    phrase: str, context: tuple[str, ...], town: str
) -> None:
    resolved = resolve(phrase, context_countries=context)
    assert resolved is not None
    assert (resolved.place.name_en, resolved.precision) == (town, 1)
    assert resolved.how is not None  # said in the place's reason
    assert resolve(phrase) is None  # only among the article's countries


def test_of_two_villages_of_a_name_the_one_near_the_articles_places_is_meant() -> None:
    far = Place("1", "قريه", "Big", 30.0, 40.0, "SYR", None, "village", 5000)
    close = Place("2", "قريه", "Small", 35.3, 36.6, "SYR", None, "village", 500)
    assert choose([far, close], kinds=None, context_countries=("SYR",)) == far
    chosen = choose([far, close], kinds=None, context_countries=("SYR",), near=((35.1, 36.7),))
    assert chosen == close


def _tiny_gazetteer(folder: Path) -> Gazetteer:
    """A compiled gazetteer of a few rows, in the format ``train/build_places.py`` writes."""
    rows = [
        "B\tLBY\t19.5\t9.4\t33.2\t25.1",
        "C\tLBY\t10",
        "P\t10\tcountry\tLBY\t\t\t26.3\t17.2\t6000000\tLibya\tليبيا\tليبيا|ليبيه",
        "P\t11\tcity\tLBY\tTripoli\tLY.09\t32.9\t13.2\t1000000\tTripoli\tطرابلس\tطرابلس",
        # two names of one skeleton: كابول and كابل
        "P\t12\tcity\tAFG\tKabul\tAF.13\t34.5\t69.2\t3000000\tKabul\tكابول\tكابول",
        "P\t13\tvillage\tAFG\tKabul\tAF.13\t34.6\t69.1\t500\tKabel\tكابل\tكابل|كابول",
        "T\t20\tLBY\tMisratah\tLY.58\t31.8\t15.1\t7000\tTarhuna\ttrhn",
        "T\t21\tLBY\tMisratah\tLY.58\t31.7\t15.2\t900\tTarhunah\ttrhn|trhnh",
    ]
    path = folder / "places.tsv.gz"
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8")))
    return Gazetteer.load(path)


def test_the_latin_only_towns_are_parsed_only_when_asked(tmp_path: Path) -> None:
    places = _tiny_gazetteer(tmp_path)
    assert places.lookup("طرابلس")[0].name_en == "Tripoli"
    assert places.capital("LBY") == places.country("LBY")  # the row C names
    assert places.bounds("LBY") == (19.5, 9.4, 33.2, 25.1)
    assert places._latin_index is None  # nothing asked a Latin-only town yet
    found = places.spelled(normalize("ترهونة"))
    assert [(p.id, p.name_en, p.kind, p.population) for p in found] == [
        ("20", "Tarhuna", "city", 7000),
        ("21", "Tarhunah", "city", 900),
    ]
    assert places._latin_index is not None
    town = places.place("21")
    assert town is not None and (town.lat, town.lon, town.admin1_code) == (31.7, 15.2, "LY.58")
    assert town == found[1]
    assert places.place("99") is None


def test_a_skeleton_reads_every_name_spelled_so_each_place_once(tmp_path: Path) -> None:
    places = _tiny_gazetteer(tmp_path)
    assert [p.id for p in places.alike("كابيل")] == ["12", "13"]
    assert places.alike("كبل") == places.alike("كابول")  # one skeleton, one reading
    assert places.alike("طرب") == ()  # no name of that skeleton


def test_only_the_countries_own_names_give_nationalities(tmp_path: Path) -> None:
    places = _tiny_gazetteer(tmp_path)
    assert places.demonym_country("الليبيين") == "LBY"
    assert places.demonym_country("ليبي") == "LBY"
    assert not places.is_demonym("طرابلسي")  # a town's name makes none


def test_the_skeleton_index_reads_as_a_plain_scan_of_every_name() -> None:
    places = gazetteer()
    expected: dict[str, dict[str, Place]] = {}
    for name, found in places._by_name.items():
        expected.setdefault(skeleton(name), {}).update((place.id, place) for place in found)
    for name in sorted(places._by_name)[::25]:
        key = skeleton(name)
        alike = tuple(expected[key].values()) if len(key) >= 3 else ()
        assert places.alike(name)[: len(alike)] == alike, name
