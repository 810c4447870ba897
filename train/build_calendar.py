"""Build the month and weekday lexicons of the date tagger: ``src/rasd/resources/calendar_ar.json``.

    python train/build_calendar.py [--out PATH]

Month and weekday names come from babel's CLDR data for every Arabic locale (``ar`` and
``ar_*``: the MSA names يناير … ديسمبر, the Levantine and Iraqi كانون الثاني … كانون الأول
of ``ar_SY``/``ar_IQ``/``ar_LB``, the Maghrebi جانفي، فيفري، أفريل، جوان، جويلية، أوت of
``ar_DZ``/``ar_TN`` and غشت، شتنبر، دجنبر of ``ar_MA``), in format and stand-alone, wide and
abbreviated forms. CLDR lacks the spellings news also writes (the Egyptian يونيه، يوليه,
ماى, تشرين without the article) and babel carries no Hijri month names, so a short curated
list adds them. Names keep their written spelling; the tagger normalizes them when it
loads the file. Output is sorted JSON, so the same babel version gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "rasd" / "resources" / "calendar_ar.json"

# Spellings of Gregorian months that CLDR does not list but Arabic news writes.
EXTRA_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("كانون ثاني", "جانفييه"),
    2: ("فبرير",),
    4: ("ابريل", "إبريل", "افريل"),
    5: ("ماى", "مايس"),  # مايس: the Iraqi press's older name for May
    6: ("يونيه",),
    7: ("يوليه", "يوليوز"),
    8: ("اغسطس", "أغشت"),
    9: ("سيبتمبر", "شتمبر"),
    10: ("تشرين أول", "اكتوبر"),
    11: ("تشرين ثاني", "نونبر"),
    12: ("كانون أول", "ديسيمبر", "دجمبر"),
}

# babel has no Islamic calendar names; these are the forms news writes, including the
# genitive ذي (في ذي الحجة) and both names of months 4 and 6.
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول",),
    4: ("ربيع الثاني", "ربيع الآخر"),
    5: ("جمادى الأولى", "جمادى الأول"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة"),
    12: ("ذو الحجة", "ذي الحجة"),
}

# Weekday spellings with the hamza that CLDR writes without, kept for readers of the file;
# normalization makes them equal to the CLDR forms.
EXTRA_WEEKDAYS: dict[int, tuple[str, ...]] = {0: ("الإثنين",)}


def _clean(name: str) -> str:
    """One name with its spaces made plain: CLDR writes تشرين الأول with a no-break space."""
    return " ".join(name.split())


def _locales() -> list[str]:
    from babel.localedata import locale_identifiers

    return sorted(name for name in locale_identifiers() if name == "ar" or name.startswith("ar_"))


def build() -> dict[str, object]:
    """The lexicon: month number -> names, Python weekday (Monday 0) -> names, Hijri months."""
    from babel import Locale

    locales = _locales()
    months = {number: set(EXTRA_MONTHS.get(number, ())) for number in range(1, 13)}
    weekdays: dict[int, set[str]] = {day: set() for day in range(7)}
    for day, names in EXTRA_WEEKDAYS.items():
        weekdays[day].update(names)
    for name in locales:
        locale = Locale.parse(name)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, month in locale.months[context][width].items():
                    months[number].add(_clean(month))
                for day, weekday in locale.days[context]["wide"].items():
                    weekdays[day].add(_clean(weekday))
    return {
        "about": "Built by train/build_calendar.py from babel CLDR data and a curated list.",
        "locales": locales,
        "months": {str(n): sorted(months[n]) for n in sorted(months)},
        "weekdays": {str(d): sorted(weekdays[d]) for d in sorted(weekdays)},
        "hijri_months": {str(n): sorted(names) for n, names in sorted(HIJRI_MONTHS.items())},
    }


def write(lexicon: dict[str, object], out: Path) -> str:
    """Write sorted, indented JSON; its sha256."""
    payload = json.dumps(lexicon, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    out.write_text(payload, encoding="utf-8")
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lexicon = build()
    digest = write(lexicon, args.out)
    months = lexicon["months"]
    count = sum(len(names) for names in months.values()) if isinstance(months, dict) else 0
    sys.stdout.write(f"{args.out}: {count} month names, sha256 {digest}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
