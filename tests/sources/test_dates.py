import time

import pytest

from rasd.sources.dates import parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-03-05", "2019-03-05"),
        (" 2019-03-05\n", "2019-03-05"),
        ("20190305", "2019-03-05"),
        ("2019-03-05T09:30:00", "2019-03-05T09:30:00"),
        ("2019-03-05T09:30:00Z", "2019-03-05T09:30:00+00:00"),
        ("2019-03-05T09:30:00+03:00", "2019-03-05T09:30:00+03:00"),
        ("2019-03-05 09:30", "2019-03-05T09:30:00"),
        ("Tue, 05 Mar 2019 09:30:00 +0300", "2019-03-05T09:30:00+03:00"),
        ("Tue, 05 Mar 2019 09:30:00 GMT", "2019-03-05T09:30:00+00:00"),
        ("5 Mar 2019 09:30 +0300", "2019-03-05T09:30:00+03:00"),
        ("Tue, 05 Mar 2019", "2019-03-05"),
        ("05 mar 2019", "2019-03-05"),
    ],
)
def test_parse_published_reads_iso_and_rfc2822(value: str, expected: str) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value", ["", "  ", "yesterday", "2019-13-45", "31 Foo 2019", "الثلاثاء 5 مارس", "2019"]
)
def test_parse_published_unreadable_is_none(value: str) -> None:
    assert parse_published(value) is None


def test_parse_published_struct_time_is_utc() -> None:
    value = time.struct_time((2019, 3, 5, 6, 30, 0, 1, 64, 0))
    assert parse_published(value) == "2019-03-05T06:30:00+00:00"


def test_parse_published_struct_time_leap_second() -> None:
    value = time.struct_time((2016, 12, 31, 23, 59, 60, 5, 366, 0))
    assert parse_published(value) == "2016-12-31T23:59:59+00:00"
