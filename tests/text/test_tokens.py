import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.model import Clitic, Token
from rasd.text import analyze
from rasd.text.normalize import build_layer
from rasd.text.tokens import proclitic_splits, tokenize


def _tokens(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (text[token.start : token.end], [(text[c.start : c.end], c.kind) for c in token.clitics])
        for token in tokenize(text, build_layer(text))
    ]


def _clitics(word: str) -> list[tuple[str, str]]:
    [(text, clitics)] = _tokens(word)
    assert text == word
    return clitics


@pytest.mark.parametrize(
    ("word", "clitics"),
    [
        ("الباغوز", [("ال", "article")]),
        ("والباغوز", [("و", "conjunction"), ("ال", "article")]),
        ("فالباغوز", [("ف", "conjunction"), ("ال", "article")]),
        ("بالباغوز", [("ب", "preposition"), ("ال", "article")]),
        ("كالعادة", [("ك", "preposition"), ("ال", "article")]),
        ("وبالباغوز", [("و", "conjunction"), ("ب", "preposition"), ("ال", "article")]),
        ("للمرصد", [("ل", "preposition"), ("ل", "article")]),
        ("وللمرصد", [("و", "conjunction"), ("ل", "preposition"), ("ل", "article")]),
        ("الأوسط", [("ال", "article")]),
        ("وَالبَاغُوزُ", [("وَ", "conjunction"), ("ال", "article")]),  # harakat kept
        ("بالي", []),  # a name: the stem would be one letter
        ("والي", []),
        ("الى", []),
        ("لله", []),
        ("الم", []),
        ("وإسرائيل", []),  # no article: و is not sure without a lexicon
        ("ألمانيا", []),  # a hamza alef starts no article
        ("إلغاء", []),
        ("آلاف", []),
        ("قواته", [("ه", "pronoun")]),
        ("حملته", [("ه", "pronoun")]),
        ("ثابتة", []),  # ة, not the pronoun ه
        ("ألقاهم", [("هم", "pronoun")]),  # no article (hamza), so the pronoun is sure
        ("عليها", [("ها", "pronoun")]),
        ("قيادتهم", [("هم", "pronoun")]),
        ("بينهما", [("هما", "pronoun")]),
        ("ومعهن", [("هن", "pronoun")]),
        ("كتابكم", [("كم", "pronoun")]),
        ("كتابكما", [("كما", "pronoun")]),
        ("كتابكن", [("كن", "pronoun")]),
        ("منها", []),  # the stem would be two letters
        ("فهم", []),
        ("كتابه", []),  # ه without ت is not sure: كتابه, but also جبهه from جبهة
        ("القادة", [("ال", "article")]),
        ("بالقادهم", [("ب", "preposition"), ("ال", "article")]),  # article: no pronoun
        ("ﷲ", []),  # a ligature: no clean cut
        ("ﻟﻼﺟﺌﻴﻦ", []),  # the article ل is half of ﻻ
        ("ﺑﺎﻟﻼﺟﺌﻴﻦ", [("ﺑ", "preposition"), ("ﺎﻟ", "article")]),
    ],
)
def test_tokenize_clitics(word: str, clitics: list[tuple[str, str]]) -> None:
    assert _clitics(word) == clitics


def test_tokenize_clitics_leave_the_stem() -> None:
    text = "وبالباغوز قواتهم"
    tokens = tokenize(text, build_layer(text))
    assert [text[t.stem.start : t.stem.end] for t in tokens] == ["باغوز", "قوات"]
    assert [text[t.name.start : t.name.end] for t in tokens] == ["الباغوز", "قوات"]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("عام 2019م", ["عام", "2019", "م"]),
        ("بلغ 1,500.5 دولار", ["بلغ", "1,500.5", "دولار"]),
        ("٣٫٥ مليون", ["٣٫٥", "مليون"]),
        ("سوريا، والعراق.", ["سوريا", "،", "والعراق", "."]),
        ("”نبطئ الهجوم“.", ["”", "نبطئ", "الهجوم", "“", "."]),
        ("انظر https://example.com/a?b=1. ثم", ["انظر", "https://example.com/a?b=1", ".", "ثم"]),
        ("(www.reuters.com)", ["(", "www.reuters.com", ")"]),
        ("داعشISIS", ["داعش", "ISIS"]),
        ("e\u0301te\u0301", ["e\u0301te\u0301"]),
        ("مُحَمَّدٌ\u200f قال", ["مُحَمَّدٌ", "قال"]),
        ("بﻻد", ["بﻻد"]),
        ("  \n ", []),
        ("", []),
    ],
)
def test_tokenize_splits(text: str, tokens: list[str]) -> None:
    assert [token for token, _ in _tokens(text)] == tokens


def test_tokenize_builds_plain_tokens() -> None:
    text = "في بالباغوز"
    tokens = tokenize(text, build_layer(text))
    assert tokens == (
        Token(0, 2),
        Token(3, 11, (Clitic(3, 4, "preposition"), Clitic(4, 6, "article"))),
    )
    assert hash(tokens[0]) == hash(Token(0, 2))


def test_analyze_returns_layer_sentences_tokens() -> None:
    layer, sentences, tokens = analyze("قال مصدر. انتهى")
    assert layer.normalized == "قال مصدر. انتهي"
    assert len(sentences) == 2
    assert len(tokens) == 4


@pytest.mark.parametrize(
    ("word", "splits"),
    [
        ("واسرائيل", [("", "واسرائيل"), ("و", "اسرائيل")]),
        (
            "وبالباغوز",
            [
                ("", "وبالباغوز"),
                ("و", "بالباغوز"),
                ("وب", "الباغوز"),
                ("وبال", "باغوز"),
            ],
        ),
        ("الباغوز", [("", "الباغوز"), ("ال", "باغوز")]),
        ("بالي", [("", "بالي"), ("ب", "الي")]),
        ("لل", [("", "لل")]),
        ("في", [("", "في")]),
    ],
)
def test_proclitic_splits(word: str, splits: list[tuple[str, str]]) -> None:
    assert proclitic_splits(word) == splits


def _proclitic_splits_by_loops(word: str) -> list[tuple[str, str]]:
    """The readings as the nested loops over each optional proclitic give them."""
    splits = [("", word)]
    for conjunction in ("", "و", "ف"):
        for preposition in ("", "ب", "ك", "ل"):
            for article in ("", "ال"):
                prefix = conjunction + preposition + article
                if prefix and word.startswith(prefix) and len(word) - len(prefix) >= 2:
                    splits.append((prefix, word[len(prefix) :]))
    splits.sort(key=lambda split: len(split[0]))
    return splits


@given(st.text(alphabet="وفبكلالمدرسة", min_size=1, max_size=9))
def test_proclitic_splits_as_the_loops_give_them(word: str) -> None:
    # the precomputed prefix table keeps the readings and their order
    assert proclitic_splits(word) == _proclitic_splits_by_loops(word)
