"""Candidate generic agents from UniversalPetrarch's Arabic agents dictionary.

The committed ``src/rasd/resources/agents.tsv`` is reviewed by hand; this script is how its
``petrarch`` rows were found and how to check them again. It reads
``petrarch-ar/agents.all.ar_v3.txt`` (lemmas joined by ``_``, codes like ``[~MIL]``), keeps
the one- and two-word entries, and prints them as TSV rows (phrase, role, petrarch code),
marking each against the committed table: ``kept`` (a row with this phrase, its role
beside it), ``new`` (not in the table: a candidate to review). With ``--check`` it lists
the table's ``source=petrarch`` rows whose phrase the dictionary lacks, and exits 1 if any.

    .venv/bin/python train/build_agents.py --data ../shared/data [--new-only] [--check]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from rasd.grounding.actors import inflections
from rasd.text import normalize

TABLE = Path(__file__).resolve().parents[1] / "src" / "rasd" / "resources" / "agents.tsv"
_ENTRY = re.compile(r"^\s*(\S+)\s+\[~?([A-Z]+)~?\]")
_MAX_WORDS = 2


def candidates(path: Path) -> dict[str, str]:
    """Normalized phrase -> its first code in the dictionary, for short entries."""
    found: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        match = _ENTRY.match(line)
        if match is None or line.startswith("#"):
            continue
        words = [word for word in match.group(1).split("_") if word]
        if 0 < len(words) <= _MAX_WORDS:
            found.setdefault(normalize(" ".join(words)), match.group(2))
    return found


def table() -> dict[str, tuple[str, str]]:
    """Normalized phrase -> (role, source) of the committed table."""
    rows: dict[str, tuple[str, str]] = {}
    for line in TABLE.read_text("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("phrase\t"):
            continue
        phrase, role, _sector, _inter, source = line.split("\t")
        rows[normalize(phrase)] = (role, source)
    return rows


def _stripped(phrase: str) -> str:
    return " ".join(word[2:] if word.startswith("ال") else word for word in phrase.split())


def _same(phrase: str, lemma: str) -> bool:
    """Whether a table phrase is a dictionary lemma in one of the forms rasd matches."""
    words, lemmas = _stripped(phrase).split(), _stripped(lemma).split()
    return len(words) == len(lemmas) and all(
        lemma_word in inflections(word) or word in inflections(lemma_word)
        for word, lemma_word in zip(words, lemmas, strict=True)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", "../shared/data")
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--new-only", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    found = candidates(args.data / "petrarch-ar" / "agents.all.ar_v3.txt")
    committed = table()
    by_stripped = {_stripped(phrase): phrase for phrase in committed}
    if args.check:
        missing = [
            phrase
            for phrase, (_role, source) in committed.items()
            if source == "petrarch" and not any(_same(phrase, lemma) for lemma in found)
        ]
        for phrase in missing:
            print(f"petrarch row not in the dictionary: {phrase}")
        sys.exit(1 if missing else 0)
    for phrase, code in sorted(found.items()):
        row = committed.get(phrase) or committed.get(by_stripped.get(_stripped(phrase), ""))
        if row is None:
            row = next((r for p, r in committed.items() if _same(p, phrase)), None)
        if row is None:
            print(f"{phrase}\t{code[:3]}\t{code}\tnew")
        elif not args.new_only:
            print(f"{phrase}\t{row[0]}\t{code}\tkept")


if __name__ == "__main__":
    main()
