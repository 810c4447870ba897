"""Person names after titles and roles, read over the tagger's output."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.ner.titles import (
    TITLE_CONFIDENCE,
    TitledName,
    TitleRule,
    apply_titles,
    common_words,
    title_rule,
)
from rasd.pipeline import extract
from rasd.text import normalize

ARTICLE = Path(__file__).parents[2] / "examples" / "baghouz_surrender_ar.txt"
# What counts as common in these tests: verbs and adverbs that follow a title.
COMMON = [normalize(word) for word in ("أمس", "وصل", "زار", "حركة", "قوات", "سيقاطع")]
RULE = TitleRule(COMMON)


def _names(sentence: str, tags: dict[int, str] | None = None) -> list[str]:
    """The names the rule reads in a sentence tagged O except at ``tags``."""
    words = sentence.split()
    tagged = [((tags or {}).get(index, "O"), 0.9) for index in range(len(words))]
    found = RULE.find([normalize(word) for word in words], tagged)
    return [" ".join(words[name.first : name.stop]) for name in found]


def test_names_after_titles_and_ranks() -> None:
    assert _names("وقال الكولونيل شون رايان المتحدث باسم قوات التحالف") == ["شون رايان"]
    assert _names("وصل العقيد مصطفى أمس") == ["مصطفى"]
    assert _names("زار الشيخ حمد بن جاسم الدوحة") == ["حمد بن جاسم"]
    assert _names("قال د. أحمد زويل إن") == ["أحمد زويل"]


def test_names_after_roles_and_their_organisation() -> None:
    assert _names("قال المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي") == ["أفيخاي أدرعي"]
    sentence = "وقال المتحدث باسم قوات سوريا الديمقراطية مصطفى بالي على تويتر"
    tags = {3: "B-ORG", 4: "I-ORG", 5: "I-ORG", 9: "B-ORG"}
    assert _names(sentence, tags) == ["مصطفى بالي"]
    assert _names("قال وزير الخارجية سيرغي لافروف إن") == ["سيرغي لافروف"]
    assert _names("وقال رئيس الوزراء توني بلير") == ["توني بلير"]
    assert _names("وقال مسؤول في الأمم المتحدة جون هولمز") == ["جون هولمز"]
    assert _names("قال زعيم حركة حماس خالد مشعل", {3: "B-ORG"}) == ["خالد مشعل"]
    # a role without its preposition is no cue
    assert _names("قال المتحدث مصطفى") == []


def test_nationality_and_other_adjectives_are_skipped() -> None:
    assert _names("وقال الرئيس الأمريكي دونالد ترامب إن") == ["دونالد ترامب"]
    assert _names("زار رئيس الوزراء البريطاني السابق توني بلير") == ["توني بلير"]


def test_names_stop_at_function_and_common_words() -> None:
    assert _names("وقال الرئيس إن الحكومة") == []
    assert _names("وافق الرئيس على الخطة") == []
    assert _names("وصل الرئيس أمس") == []
    assert _names("قال العقيد 25 شخصا") == []
    assert _names("هذا الشيخ سيقاطع") == []


def test_an_office_needs_two_name_words_a_rank_one() -> None:
    # an office is often named alone and followed by any word: الملك يعلم
    assert _names("قال الرئيس كارزاي في كابول") == []
    assert _names("قال الرئيس حامد كارزاي في كابول") == ["حامد كارزاي"]
    assert _names("قال العقيد كارزاي في كابول") == ["كارزاي"]
    assert _names("زار رئيس الوزراء مهاتير محمد الهند") == ["مهاتير محمد"]


def test_article_words_join_a_name_only_as_family_or_after_a_connector() -> None:
    assert _names("قال الملك عبد الله الثاني") == ["عبد الله الثاني"]
    assert _names("قال الشيخ عبد الرحمن") == ["عبد الرحمن"]
    assert _names("قتل الزعيم أبو بكر البغدادي") == ["أبو بكر البغدادي"]
    assert _names("قال الشيخ الحكومة") == []  # an article word does not start a name
    assert _names("قال الشيخ بن") == []  # nor is a lone connector one


def test_cues_take_proclitics() -> None:
    assert _names("التقى بالرئيس حامد كرزاي") == ["حامد كرزاي"]
    assert _names("قالت للسفير جون بولتون") == ["جون بولتون"]
    assert _names("وقال العقيد والشيخ") == []  # و before a word is the conjunction
    assert _names("ووزير الدفاع روبرت غيتس") == ["روبرت غيتس"]


def test_tagged_words_are_left_to_the_tagger() -> None:
    assert _names("قال الرئيس جورج بوش", {2: "B-PER", 3: "I-PER"}) == []
    # after a definite title, a tagged word is not passed over as an organisation
    assert _names("قال العقيد جورج بوش", {2: "B-LOC"}) == []
    # ... after the head of a role it is: قائد قوات التحالف
    assert _names("قال قائد التحالف جون كيري", {2: "B-ORG"}) == ["جون كيري"]
    # a first name before a person the tagger found joins it
    words = ["قال", "العقيد", "جورج", "بوش"]
    tagged = [("O", 0.9), ("O", 0.9), ("O", 0.6), ("B-PER", 0.8)]
    found = RULE.find([normalize(word) for word in words], tagged)
    assert found == [TitledName(2, 3)]
    assert apply_titles(tagged, found) == [
        ("O", 0.9),
        ("O", 0.9),
        ("B-PER", TITLE_CONFIDENCE),
        ("I-PER", 0.8),
    ]


def test_common_words_are_frequent_and_untagged() -> None:
    sentences = [
        (["قال", "علي", "إن"], ["O", "B-PER", "O"]),
        (["قال", "على", "إن"], ["O", "O", "O"]),
        (["قال", "علي", "محمد"], ["O", "B-PER", "I-PER"]),
    ]
    assert common_words(sentences, min_count=2, min_other_rate=0.99) == ["ان", "قال"]
    assert common_words(sentences, min_count=3, min_other_rate=0.3) == ["علي", "قال"]
    # words of organisation names are common too: they are no person's name
    org = [(["لجنة", "الانتخابات"], ["B-ORG", "I-ORG"])] * 2
    assert common_words(org, min_count=2) == ["الانتخابات", "لجنه"]


def test_committed_common_words_load() -> None:
    rule = title_rule()
    assert not rule.is_name_like(normalize("قال"))
    assert not rule.is_name_like(normalize("أمس"))
    assert rule.is_name_like(normalize("رايان"))


_WORDS = st.sampled_from(
    [
        "الرئيس",
        "العقيد",
        "وزير",
        "المتحدث",
        "باسم",
        "في",
        "الأمريكي",
        "مصطفى",
        "بالي",
        "عبد",
        "الله",
        "أبو",
        "البغدادي",
        "قال",
        "أمس",
        "على",
        "25",
        "،",
    ]
)
_TAGS = st.sampled_from(["O", "O", "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-MISC"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _TAGS), max_size=14))
def test_rule_only_adds_persons_to_untagged_words(sentence: list[tuple[str, str]]) -> None:
    norms = [normalize(word) for word, _ in sentence]
    tagged = [(tag, 0.5) for _, tag in sentence]
    found = RULE.find(norms, tagged)
    result = apply_titles(tagged, found)
    assert len(result) == len(tagged)
    for (before, _), (after, _) in zip(tagged, result, strict=True):
        # O may become a person; a person the name runs into continues it
        assert (
            after == before
            or (before == "O" and after[2:] == "PER")
            or (before == "B-PER" and after == "I-PER")
        )
    for name in found:
        assert 0 < name.stop - name.first <= 5
        assert all(tag == "O" for tag, _ in tagged[name.first : name.stop])
        assert not norms[name.first].startswith("ال") or norms[name.first - 1] in {"عبد"}


def test_extract_names_the_seed_article_spokesmen() -> None:
    doc = next(extract([str(ARTICLE)]))
    persons = {(entity.text, entity.label) for entity in doc.entities if entity.label == "PER"}
    assert ("مصطفى بالي", "PER") in persons
    assert ("شون رايان", "PER") in persons
