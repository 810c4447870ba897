"""Lists of places one act is told of (``events.sites``)."""

import pytest

from rasd.events.sites import place_lists
from rasd.pipeline import extract_text


def _lists(text: str) -> list[tuple[list[str], list[str | None]]]:
    doc = extract_text(text)
    return [
        ([m.text for m in found.members], [p.text if p else None for p in found.parents])
        for sentence in doc.sentences
        for found in place_lists(doc.text, doc.tokens, sentence)
    ]


def test_towns_joined_by_wa_are_a_list() -> None:
    assert _lists("تظاهر آلاف في القاهرة والإسكندرية والسويس أمس.") == [
        (["القاهرة", "الإسكندرية", "السويس"], [None, None, None])
    ]


def test_a_parent_places_the_members_told_before_it() -> None:
    ((members, parents),) = _lists("أغارت الطائرات على مبان في حانين ومارون الراس جنوب لبنان.")
    assert members == ["حانين", "مارون الراس"]
    assert parents == ["جنوب لبنان", "جنوب لبنان"]


def test_each_member_keeps_its_own_parent_and_is_not_one() -> None:
    ((members, parents),) = _lists(
        "اقتحمت القوات بلدات في الخليل، وتقوع في بيت لحم، وعزون في قلقيلية واعتقلت شبانا."
    )
    assert members == ["الخليل", "تقوع", "عزون"]
    assert parents == [None, "بيت لحم", "قلقيلية"]


def test_a_list_of_tolls_by_town() -> None:
    ((members, _),) = _lists("قتل 5 في حلب و4 في إدلب.")
    assert members == ["حلب", "إدلب"]


def test_a_plural_head_is_no_part_of_the_first_member() -> None:
    ((members, _),) = _lists("قصفت المدفعية بلدات كفرنبل وسراقب وأريحا.")
    assert members == ["كفرنبل", "سراقب", "أريحا"]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("تظاهر المئات في حمص وحماة، وكذلك في اللاذقية.", ["حمص", "حماة", "اللاذقية"]),
        ("اعتقلت القوات شبانا في نابلس وجنين، كما في طولكرم.", ["نابلس", "جنين", "طولكرم"]),
        ("خرجت مسيرات في صنعاء وتعز، إضافة إلى الحديدة.", ["صنعاء", "تعز", "الحديدة"]),
        ("تجمع محتجون في بغداد، وأيضا البصرة.", ["بغداد", "البصرة"]),
    ],
)
def test_a_list_goes_on_past_a_word_that_continues_it(text: str, members: list[str]) -> None:
    assert [found[0] for found in _lists(text)] == [members]


def test_one_of_the_squares_of_a_town_is_the_town() -> None:
    ((members, _),) = _lists("تجمع محتجون في بغداد، وكذلك في أحد ميادين مدينة البصرة.")
    assert members == ["بغداد", "مدينة البصرة"]


def test_a_square_is_placed_by_the_town_told_after_it() -> None:
    ((members, parents),) = _lists('احتشد المتظاهرون في ساحة "النصر" الشهيرة وسط تعز، ومن عدن.')
    assert members == ['ساحة "النصر"', "عدن"]
    assert parents == ["وسط تعز", None]


def test_glosses_of_a_member_do_not_end_the_list() -> None:
    # adjectives, a direction toward the country, parentheticals
    ((members, _),) = _lists(
        "تظاهر الآلاف في مدينة حمص الصناعية، وسط البلاد، والإسكندرية (شمالا)، وأسوان (أقصى الجنوب)."
    )
    assert members == ["مدينة حمص", "الإسكندرية", "أسوان"]


@pytest.mark.parametrize(
    "text",
    [
        "زار الوزير القاهرة أمس.",  # one place
        # a clause of its own after كما: another act, no member of the list
        "تظاهر آلاف في القاهرة، كما احتج المئات قرب البرلمان.",
        "تجمع المحتجون في ساحة الحرية وسط تعز.",  # a square and its town, one place
        "احتشدوا في ميدان كبير بالمدينة وفي حلب.",  # a square no town follows
        "وقطع المحتجون طريق بيروت ـ الجنوب.",  # a road between two places
        "تظاهر المئات في العاصمة ومدن مصرية أخرى.",  # no named second place
    ],
)
def test_no_list(text: str) -> None:
    assert _lists(text) == []
