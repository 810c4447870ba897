"""The curated table of named actors and its reading over tagged sentences."""

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.ner.known import KNOWN_CONFIDENCE, KnownNames, apply_known, known_names
from rasd.pipeline import extract
from rasd.text import normalize

ARTICLE = Path(__file__).parents[2] / "examples" / "baghouz_surrender_ar.txt"
TABLE = [
    "# comment",
    "id\tlabel\tsector\tcountry\tname_en\tnames_ar",
    "sdf\tORG\trebel\tSYR\tSyrian Democratic Forces\tقوات سوريا الديمقراطية|قسد",
    "unsc\tORG\tinternational\t\tUN Security Council\tمجلس الأمن الدولي|مجلس الأمن",
    "sohr\tORG\tngo\tSYR\tSOHR\tالمرصد السوري لحقوق الإنسان",
]


def _find(names: KnownNames, sentence: str) -> list[tuple[int, int, str]]:
    norms = [normalize(word) for word in sentence.split()]
    return [(m.first, m.stop, m.actor.id) for m in names.find(norms)]


def test_known_names_match_with_proclitics_longest_first() -> None:
    names = KnownNames.from_lines(TABLE)
    assert _find(names, "وقال المتحدث باسم قوات سوريا الديمقراطية") == [(3, 6, "sdf")]
    assert _find(names, "وهاجمت وقوات سوريا الديمقراطية القرية") == [(1, 4, "sdf")]
    assert _find(names, "بحسب تقرير للمرصد السوري لحقوق الإنسان") == [(2, 6, "sohr")]
    assert _find(names, "أدان مجلس الأمن الدولي الهجوم") == [(1, 4, "unsc")]
    assert _find(names, "اجتمع مجلس الأمن أمس") == [(1, 3, "unsc")]
    assert _find(names, "قوات سوريا النظامية") == []  # a name is matched whole


def test_known_names_stop_before_a_longer_name_they_do_not_list() -> None:
    names = KnownNames.from_lines(TABLE)
    assert _find(names, "اجتمع مجلس الأمن القومي الأمريكي") == []


def test_known_names_reject_a_bad_table() -> None:
    with pytest.raises(ValueError, match="header"):
        KnownNames.from_lines(["id\tname"])
    with pytest.raises(ValueError, match="fields"):
        KnownNames.from_lines([*TABLE[:2], "x\tORG\trebel"])


def test_apply_known_writes_over_the_tagger() -> None:
    names = KnownNames.from_lines(TABLE)
    words = ["قال", "قوات", "سوريا", "الديمقراطية"]
    tagged = [("O", 1.0), ("O", 0.9), ("B-LOC", 0.99), ("O", 0.8)]
    result = apply_known(tagged, names.find([normalize(w) for w in words]))
    assert result == [
        ("O", 1.0),
        ("B-ORG", KNOWN_CONFIDENCE),
        ("I-ORG", KNOWN_CONFIDENCE),
        ("I-ORG", KNOWN_CONFIDENCE),
    ]
    # a tagger entity running on past the name starts again after it
    tagged = [("O", 1.0), ("B-LOC", 0.5), ("I-LOC", 0.5), ("I-LOC", 0.5)]
    words = ["قال", "مجلس", "الأمن", "دمشق"]
    result = apply_known(tagged, names.find([normalize(w) for w in words]))
    assert [label for label, _ in result] == ["O", "B-ORG", "I-ORG", "B-LOC"]


def test_committed_table_is_consistent() -> None:
    text = resources.files("rasd.resources").joinpath("actors.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    header, body = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header[0] == "id"
    assert {"cameo", "inter", "aliases_en"} <= set(header)
    ids = Counter(row["id"] for row in body)
    assert max(ids.values()) == 1, "duplicate actor id"
    assert {row["label"] for row in body} <= {"ORG", "PER", "LOC", "MISC"}
    spellings = Counter(normalize(name) for row in body for name in row["names_ar"].split("|"))
    assert max(spellings.values()) == 1, [name for name, n in spellings.items() if n > 1]
    assert len(known_names()) == sum(spellings.values())
    for row in body:
        assert row["cameo"].isupper() and row["cameo"].isalpha() and len(row["cameo"]) >= 3, row
        assert row["inter"] in {str(code) for code in range(1, 9)}, row
        # a national actor's code starts with its country
        assert not row["country"] or row["cameo"].startswith(row["country"]), row
        assert all(
            alias.isascii() and alias.strip() == alias for alias in row["aliases_en"].split("|")
        )
    actor = known_names().actors["sdf"]
    assert (actor.cameo, actor.inter, actor.country) == ("SYRREB", 2, "SYR")
    assert "SDF" in actor.aliases_en


def test_known_names_read_a_table_without_the_grounding_columns() -> None:
    names = KnownNames.from_lines(TABLE)
    assert names.actors["sdf"].cameo is None
    assert names.actors["sdf"].names_ar == ("قوات سوريا الديمقراطية", "قسد")
    with pytest.raises(ValueError, match="inter"):
        KnownNames.from_lines(
            [
                "id\tlabel\tsector\tcountry\tcameo\tinter\tname_en\tnames_ar",
                "sdf\tORG\trebel\tSYR\tSYRREB\t9\tSDF\tقسد",
            ]
        )


def test_extract_names_the_seed_article_actors() -> None:
    doc = next(extract([str(ARTICLE)]))
    known = {(e.text, e.label, e.kb_id) for e in doc.entities if e.kb_id}
    assert ("قوات سوريا الديمقراطية", "ORG", "sdf") in known
    assert ("لمرصد السوري لحقوق الإنسان", "ORG", "sohr") in known  # ل of ال, after ل
    assert ("رويترز", "ORG", "reuters") in known
    assert ("داعش", "ORG", "isis") in known
    # لقوات سوريا الديمقراطية: the preposition is not part of the name
    assert all(not e.text.startswith("لقوات") for e in doc.entities)


def _find_by_lengths(names: KnownNames, norms: list[str]) -> list[tuple[int, int, str]]:
    """``find`` as it was before the trie: every length tried, longest first, by building
    the word tuple of each (the reference the trie walk must agree with)."""
    from rasd.ner.known import _DESCRIBED, _continues_name

    firsts_of, table, longest = names._firsts, names._names, names._longest
    found_all: list[tuple[int, int, str]] = []
    size, resume = len(norms), 0
    for at in range(size):
        if at < resume or norms[at] not in firsts_of:
            continue
        found = None
        for first in firsts_of[norms[at]]:
            for length in range(min(longest, size - at), 0, -1):
                if found is not None and at + length <= found[1]:
                    break
                actor = table.get((first, *norms[at + 1 : at + length]))
                if actor is None:
                    continue
                stop = at + length
                if stop < size and _continues_name(norms[stop]):
                    continue
                if length > 1 and table.get(tuple(norms[at + 1 : stop])) is actor:
                    found = (at + 1, stop, actor)
                else:
                    found = (at, stop, actor)
        if found is None:
            continue
        resume = found[1]
        if found[2].sector not in _DESCRIBED:
            found_all.append((found[0], found[1], found[2].id))
    return found_all


@given(
    st.lists(
        st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=6)),
        max_size=8,
    )
)
def test_find_agrees_with_trying_every_length(picks: list[tuple[int, int]]) -> None:
    # sentences of the committed table's names, whole or cut short, so that names start,
    # nest, overlap and break off everywhere
    names = known_names()
    table = sorted(names._names)
    norms: list[str] = []
    for number, cut in picks:
        words = table[number % len(table)]
        norms += words[: cut or len(words)]
    found = [(m.first, m.stop, m.actor.id) for m in names.find(norms)]
    assert found == _find_by_lengths(names, norms)
