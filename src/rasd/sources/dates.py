"""Publication dates as sources give them, to ISO 8601 strings."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

# RSS dates without a time of day ("Tue, 05 Mar 2019"), which the email parser rejects.
_RFC2822_DATE = re.compile(r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})")
# English month names, spelled out rather than strptime's %b, which follows the locale.
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def parse_published(value: str | time.struct_time) -> str | None:
    """An ISO 8601 date or date-time string, or None when ``value`` cannot be read.

    Accepts ISO 8601 (``2019-03-05``, ``2019-03-05T09:30:00Z``), RFC 2822 as RSS writes it
    (``Tue, 05 Mar 2019 09:30:00 +0300``) and feedparser's ``struct_time`` (always UTC).
    A date without a time of day stays a date: ``2019-03-05`` -> ``2019-03-05``.
    """
    if isinstance(value, time.struct_time):
        return _from_struct_time(value)
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    match = _RFC2822_DATE.fullmatch(text)
    if match is not None:
        day, month, year = match.groups()
        try:
            return date(int(year), _MONTHS[month.lower()], int(day)).isoformat()
        except (KeyError, ValueError):
            return None
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _from_struct_time(value: time.struct_time) -> str | None:
    # struct_time allows a leap second (60) and 61, datetime does not.
    fields = (*value[:5], min(value.tm_sec, 59))
    try:
        return datetime(*fields, tzinfo=UTC).isoformat()
    except (ValueError, OverflowError):
        return None
