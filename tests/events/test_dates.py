import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.events.dates import (
    Calendar,
    _grammar,
    _starts,
    _word_starts,
    days_before,
    find_dates,
    is_future,
)
from rasd.model import EventDate, Span
from rasd.text import build_layer

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "baghouz_surrender_ar.txt"
TUESDAY = datetime.date(2019, 3, 5)  # the seed article's publication day


def dates(
    text: str, published: datetime.date | None = TUESDAY
) -> list[tuple[str, str | None, str]]:
    """(span text, value, precision) of each date in ``text``, checking the span contract."""
    found = find_dates(text, build_layer(text), published)
    for date in found:
        assert date.start is not None and date.end is not None
        assert text[date.start : date.end] == date.text
    return [(d.text or "", d.value, d.precision or "") for d in found]


def one(phrase: str, published: datetime.date | None = TUESDAY) -> tuple[str, str | None, str]:
    """The one date of ``phrase`` inside a sentence."""
    found = dates(f"وقال المصدر {phrase} إن الهجوم وقع.", published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("أمس", "2019-03-04"),
        ("البارحة", "2019-03-04"),
        ("الأمس", "2019-03-04"),
        ("بالأمس", "2019-03-04"),
        ("يوم أمس", "2019-03-04"),
        ("أول أمس", "2019-03-03"),
        ("أول من أمس", "2019-03-03"),
        ("أمس الأول", "2019-03-03"),
        ("مساء أول من أمس", "2019-03-03"),
        ("اليوم", "2019-03-05"),
        ("هذا اليوم", "2019-03-05"),
        ("فجر اليوم", "2019-03-05"),
        ("صباح اليوم", "2019-03-05"),
        ("مساء اليوم", "2019-03-05"),
        ("الليلة الماضية", "2019-03-04"),
        ("ليلة أمس", "2019-03-04"),
        ("مساء أمس", "2019-03-04"),
        ("صباح أمس", "2019-03-04"),
        ("فجر أمس", "2019-03-04"),
        ("غدا", "2019-03-06"),
        ("غداً", "2019-03-06"),
        ("بعد غد", "2019-03-07"),
        ("منذ ثلاثة أيام", "2019-03-02"),
        ("منذ 3 أيام", "2019-03-02"),
        ("قبل يومين", "2019-03-03"),
        ("صباح أمس الإثنين", "2019-03-04"),
        ("اليوم الثلاثاء", "2019-03-05"),
        ("غدا الأربعاء", "2019-03-06"),
    ],
)
def test_relative_day_resolves_against_publication(phrase: str, value: str) -> None:
    assert one(phrase) == (phrase, value, "day")


@pytest.mark.parametrize(
    ("phrase", "published", "value"),
    [
        # the seed article: Tuesday 2019-03-05
        ("يوم الأحد", TUESDAY, "2019-03-03"),
        ("الأحد", TUESDAY, "2019-03-03"),
        ("الأحد الماضي", TUESDAY, "2019-03-03"),
        ("صباح الأحد", TUESDAY, "2019-03-03"),
        ("مساء السبت", TUESDAY, "2019-03-02"),
        ("يوم الجمعة", TUESDAY, "2019-03-01"),  # across the end of February
        ("الثلاثاء", TUESDAY, "2019-03-05"),  # the publication weekday: that day's news
        ("فجر الثلاثاء", TUESDAY, "2019-03-05"),
        ("الثلاثاء الماضي", TUESDAY, "2019-02-26"),  # الماضي: a week earlier
        ("الأحد المقبل", TUESDAY, "2019-03-10"),
        ("الثلاثاء المقبل", TUESDAY, "2019-03-12"),
        # across a year end: Wednesday 2020-01-01
        ("يوم الإثنين", datetime.date(2020, 1, 1), "2019-12-30"),
        ("الجمعة الماضي", datetime.date(2020, 1, 1), "2019-12-27"),
        ("أمس", datetime.date(2020, 1, 1), "2019-12-31"),
        ("السبت المقبل", datetime.date(2019, 12, 30), "2020-01-04"),
        # a leap day: Sunday 2020-03-01
        ("يوم السبت", datetime.date(2020, 3, 1), "2020-02-29"),
        ("أمس السبت", datetime.date(2020, 3, 1), "2020-02-29"),
    ],
)
def test_weekday_is_the_latest_before_publication(
    phrase: str, published: datetime.date, value: str
) -> None:
    assert one(phrase, published) == (phrase, value, "day")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        # published on a Tuesday: the story was written on Monday, its أمس is Sunday
        ("أمس الأحد", "2019-03-03"),
        ("اليوم الإثنين", "2019-03-04"),  # written the evening before its page's date
        ("صباح اليوم الأحد", "2019-03-03"),
        ("اليوم الثلاثاء", "2019-03-05"),  # the weekday confirms
        # a weekday days off the relative word is a slip: the relative word stands
        ("أمس الخميس", "2019-03-04"),
        ("اليوم الأربعاء", "2019-03-05"),
    ],
)
def test_a_weekday_a_day_or_two_before_the_relative_word_wins(phrase: str, value: str) -> None:
    assert one(phrase)[1] == value


@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("مطلع هذا الأسبوع", "2019-03-03", "week"),  # weeks start on Sunday
        ("هذا الأسبوع", "2019-03-03", "week"),
        ("الأسبوع الجاري", "2019-03-03", "week"),
        ("الأسبوع الماضي", "2019-02-24", "week"),
        ("الأسبوع المقبل", "2019-03-10", "week"),
        ("قبل أسبوع", "2019-02-24", "week"),
        ("منذ أسبوعين", "2019-02-17", "week"),
        ("الشهر الماضي", "2019-02-01", "month"),
        ("الشهر الجاري", "2019-03-01", "month"),
        ("هذا الشهر", "2019-03-01", "month"),
        ("أواخر الشهر الماضي", "2019-02-01", "month"),
        ("قبل شهرين", "2019-01-01", "month"),
        ("منذ أربعة أشهر", "2018-11-01", "month"),
        ("العام الماضي", "2018-01-01", "year"),
        ("السنة الماضية", "2018-01-01", "year"),
        ("العام الجاري", "2019-01-01", "year"),
        ("هذا العام", "2019-01-01", "year"),
        ("العام قبل الماضي", "2017-01-01", "year"),
        ("منذ 15 عاما", "2004-01-01", "year"),
    ],
)
def test_relative_period_has_its_precision(phrase: str, value: str, precision: str) -> None:
    assert one(phrase) == (phrase, value, precision)


def test_week_starts_on_sunday_across_a_month_end() -> None:
    # Saturday 2019-06-01: the week began on Sunday 2019-05-26
    assert one("هذا الأسبوع", datetime.date(2019, 6, 1))[1] == "2019-05-26"
    assert one("الشهر الماضي", datetime.date(2019, 1, 10))[1] == "2018-12-01"


@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("5 مارس (آذار) 2019", "2019-03-05", "day"),
        ("3 كانون الثاني 2018", "2018-01-03", "day"),
        ("الخامس من آذار", "2019-03-05", "day"),
        ("الحادي والعشرين من شهر أيار 2017", "2017-05-21", "day"),
        ("الأول من أيار", "2018-05-01", "day"),  # after publication this year: last year's
        ("10 مارس المقبل", "2019-03-10", "day"),
        ("3 فيفري 2019", "2019-02-03", "day"),
        ("12 جويلية 2018", "2018-07-12", "day"),
        ("15 آب 2019", "2019-08-15", "day"),
        ("5 ماي 2019", "2019-05-05", "day"),
        ("3 تشرين الأول 2016", "2016-10-03", "day"),
        ("يوم الأحد الموافق 3 مارس 2019", "2019-03-03", "day"),
        ("3 مارس من العام الماضي", "2018-03-03", "day"),
        ("يوم 12-3-2019", "2019-03-12", "day"),
        ("2019/03/04", "2019-03-04", "day"),
        ("آذار/مارس 2019", "2019-03-01", "month"),
        ("مارس من العام الماضي", "2018-03-01", "month"),
        ("يناير الماضي", "2019-01-01", "month"),
        ("نيسان الماضي", "2018-04-01", "month"),
        ("شهر آب", "2018-08-01", "month"),
        ("عام 2017", "2017-01-01", "year"),
        ("عام 2014م", "2014-01-01", "year"),
    ],
)
def test_explicit_date_spans_the_whole_expression(phrase: str, value: str, precision: str) -> None:
    assert one(phrase) == (phrase, value, precision)


def test_day_and_month_take_the_year_on_or_before_publication() -> None:
    assert one("27 ديسمبر الماضي", datetime.date(2019, 1, 10)) == (
        "27 ديسمبر الماضي",
        "2018-12-27",
        "day",
    )
    assert one("27 ديسمبر", datetime.date(2019, 12, 28))[1] == "2019-12-27"


def test_year_alone_needs_a_year_context() -> None:
    assert dates("وقع في 2014 هجوم.") == [("2014", "2014-01-01", "year")]
    assert dates("وفي عام 2014 أعلن التنظيم.") == [("عام 2014", "2014-01-01", "year")]
    assert dates("قتل 2014 شخصا.") == []
    assert dates("دمر في 2000 منزل.") == []


@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("15 رمضان 1440 هـ", "2019-05-20", "day"),
        ("شهر رمضان 1440", "2019-05-06", "month"),
        ("شهر رمضان", "2018-05-16", "month"),  # Ramadan 1440 is after publication
        ("رمضان الماضي", "2018-05-16", "month"),
        ("10 صفر 1440", "2018-10-19", "day"),
    ],
)
def test_hijri_date_converts_to_gregorian(phrase: str, value: str, precision: str) -> None:
    assert one(phrase) == (phrase, value, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        "نشرت الصحيفة اليومية تقريرا.",  # اليوم inside اليومية
        "احتفل العالم باليوم العالمي للمرأة.",
        "وفي اليوم التالي انسحبوا.",
        "جاء في المركز الأول من بين المتسابقين.",  # الأول alone
        "قال الأب إن ابنه قتل.",
        "مارس الضغط على الحكومة.",  # مارس the verb
        "في آب من الصعب السفر.",  # a risky name without a day or year
        "فرق بين الاثنين.",  # الاثنين "the two"
        "فاز الفريق (1 ـ صفر).",  # صفر "zero"
        "التقى قادة قوى 14 آذار.",  # a Lebanese bloc
        "قتل قبل يومين من الانتخابات.",  # relative to another event
        "اعتقل قبل يوم الانتخابات.",
        "منذ أيام والقصف مستمر.",  # a few days: no number to count
        "لم يحدث شيء يذكر.",
        "انتصر حزب الغد.",
    ],
)
def test_common_words_are_not_dates(sentence: str) -> None:
    assert dates(sentence) == []


def test_offsets_survive_harakat_and_tatweel() -> None:
    text = "وقَعَ الهجومُ أَمْسِ في الـمـديـنة، وفي 15 رمضان 1440 هـ عاد."
    found = find_dates(text, build_layer(text), TUESDAY)
    assert [(d.text, d.value) for d in found] == [
        ("أَمْسِ", "2019-03-04"),
        ("15 رمضان 1440 هـ", "2019-05-20"),
    ]


def test_clitic_conjunction_stays_outside_the_span() -> None:
    assert dates("وأمس قصفت الطائرات.") == [("أمس", "2019-03-04", "day")]


def test_without_publication_relative_dates_stay_unresolved() -> None:
    found = dates("قصف أمس ويوم الأحد وفي 5 مارس 2019 وفي 27 ديسمبر.", published=None)
    assert found == [
        ("أمس", None, "day"),
        ("يوم الأحد", None, "day"),
        ("5 مارس 2019", "2019-03-05", "day"),
        ("27 ديسمبر", None, "day"),
    ]


def test_span_limits_the_search() -> None:
    text = "قصف أمس. ووقع هجوم يوم الأحد."
    layer = build_layer(text)
    second = text.index("ووقع")
    found = find_dates(text, layer, TUESDAY, Span(second, len(text)))
    assert [(d.text, d.value) for d in found] == [("يوم الأحد", "2019-03-03")]
    first = find_dates(text, layer, TUESDAY, Span(0, second))
    assert [(d.text, d.value) for d in first] == [("أمس", "2019-03-04")]


def test_invalid_day_is_no_date() -> None:
    assert dates("وقع في 31 شباط 2019 هجوم.") == []


@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed article is not here")
def test_seed_article_dates() -> None:
    text = SEED.read_text("utf-8")
    found = {(d.text, d.value, d.precision) for d in find_dates(text, build_layer(text), TUESDAY)}
    assert ("صباح أمس الإثنين", "2019-03-04", "day") in found
    assert ("يوم الأحد", "2019-03-03", "day") in found
    assert ("مطلع هذا الأسبوع", "2019-03-03", "week") in found
    assert ("عام 2014", "2014-01-01", "year") in found
    assert ("عام 2017", "2017-01-01", "year") in found
    assert ("يوم الاثنين", "2019-03-04", "day") in found
    assert ("يوم الجمعة", "2019-03-01", "day") in found
    assert len(found) == 7  # يوم الأحد twice, one set entry


def test_is_future_and_days_before() -> None:
    day = EventDate("2019-03-04", "day")
    assert days_before(day, TUESDAY) == 1
    assert not is_future(day, TUESDAY)
    tomorrow = EventDate("2019-03-06", "day")
    assert is_future(tomorrow, TUESDAY)
    assert days_before(tomorrow, TUESDAY) == -1
    assert days_before(EventDate("2019-03-03", "week"), TUESDAY) == 0
    assert days_before(EventDate("2018-01-01", "year"), TUESDAY) == 64
    assert days_before(EventDate("2014-01-01", "year"), TUESDAY) == 1525
    assert not is_future(EventDate("2019-01-01", "year"), TUESDAY)
    assert is_future(EventDate("2019-03-10", "week"), TUESDAY)
    assert days_before(EventDate(None, "day"), TUESDAY) is None
    assert days_before(day, None) is None
    assert not is_future(tomorrow, None)


def test_calendar_lexicon_has_every_month_and_dialect() -> None:
    calendar = Calendar.load()
    assert sorted(set(calendar.months.values())) == list(range(1, 13))
    assert sorted(set(calendar.weekdays.values())) == list(range(7))
    assert sorted(set(calendar.hijri_months.values())) == list(range(1, 13))
    for name, month in [("كانون الثاني", 1), ("جانفي", 1), ("اذار", 3), ("ابريل", 4), ("اب", 8)]:
        assert calendar.months[name] == month
    raw = json.loads(
        (Path(__file__).resolve().parents[2] / "src/rasd/resources/calendar_ar.json").read_text(
            "utf-8"
        )
    )
    assert {"ar", "ar_SY", "ar_DZ"} <= set(raw["locales"])


_WEEKDAYS = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


@given(
    published=st.dates(datetime.date(1950, 1, 1), datetime.date(2090, 12, 31)),
    weekday=st.integers(0, 6),
    upcoming=st.booleans(),
)
def test_weekday_property(published: datetime.date, weekday: int, upcoming: bool) -> None:
    phrase = f"يوم {_WEEKDAYS[weekday]}" + (" المقبل" if upcoming else "")
    value = one(phrase, published)[1]
    assert value is not None
    day = datetime.date.fromisoformat(value)
    assert day.weekday() == weekday
    gap = (day - published).days
    assert 1 <= gap <= 7 if upcoming else -6 <= gap <= 0


@given(
    prefix=st.text(alphabet="ابت ثج،.\u064e\u0640", max_size=12),
    published=st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)),
)
def test_spans_match_the_original_text(prefix: str, published: datetime.date) -> None:
    text = f"{prefix} قصف أَمْسِ ومطلع هذا الأسبوع وفي 5 مارس 2019 {prefix}"
    found = find_dates(text, build_layer(text), published)
    assert [d.text for d in found] == ["أَمْسِ", "مطلع هذا الأسبوع", "5 مارس 2019"]
    assert found[0].value == (published - datetime.timedelta(days=1)).isoformat()
    for date in found:
        assert date.start is not None and date.end is not None
        assert text[date.start : date.end] == date.text


@given(
    text=st.lists(
        st.sampled_from(["أمس", "في", "2019", "آذار", "/", "مارس", "،", "الأحد", "«12-3»", " "]),
        max_size=14,
    ).map("".join),
    a=st.integers(0, 60),
    b=st.integers(0, 60),
)
def test_sentence_word_starts_are_those_of_the_whole_text(text: str, a: int, b: int) -> None:
    # find_dates scans only the sentence it is asked about: from the word its start falls
    # in to the word its end falls in, the same words as a scan of the whole text.
    layer = build_layer(text)
    normalized = layer.normalized
    start, end = sorted((min(a, len(normalized)), min(b, len(normalized))))
    whole = _word_starts(normalized, _grammar())
    assert _starts(normalized, _grammar(), start, end) == tuple(
        (at, word) for at, word in whole if start <= at < end
    )


@given(
    text=st.lists(
        st.sampled_from(
            [
                *("أمس", "وأمس", "بأمس", "الأحد", "يوم", "منذ", "مارس", "في"),
                *("x", "ab", "%", "\t", "\n", "،", "-", "«", "»", "پ", "\u00a0", " ", " "),
                *("2019", "5", "05", "12345", ".", ",", "/", "1,500", "12.3", "2019م"),
            ]
        ),
        max_size=16,
    ).map("".join),
    a=st.integers(0, 80),
    b=st.integers(0, 80),
)
def test_word_starts_come_from_the_shared_words(text: str, a: int, b: int) -> None:
    # The date words are read off rasd.events.numbers' words of the whole text: a run of
    # letters or digits counts only between two separators (not xأمس, أمس\t, 2019م), and
    # a grouped number (1,500) in reach sends the span to the scan: the very words the
    # scan of the text finds.
    normalized = build_layer(text).normalized
    start, end = sorted((min(a, len(normalized)), min(b, len(normalized))))
    whole = _word_starts(normalized, _grammar())
    assert _starts(normalized, _grammar(), start, end) == tuple(
        (at, word) for at, word in whole if start <= at < end
    )


@pytest.mark.parametrize("join", [" - ", " على ", " "])
def test_a_night_told_by_its_two_days_is_the_day_it_began(join: str) -> None:
    # Tuesday 5 March: Thursday night is 28 February, into Friday 1 March
    phrase = f"ليل الخميس{join}الجمعة"
    assert dates(f"قتل أربعة {phrase} في هجوم.") == [(phrase, "2019-02-28", "day")]


def test_two_days_of_two_events_stay_two() -> None:
    found = dates("قتل أربعة ليل الخميس وأصيب الجمعة آخرون.")
    assert [value for _, value, _ in found] == ["2019-02-28", "2019-03-01"]
