import pickle
from pathlib import Path

import pytest

from rasd.text import language
from rasd.text.language import identify_language

ARTICLE = (Path(__file__).parents[2] / "examples" / "baghouz_surrender_ar.txt").read_text()

ARABIC = "قال مصدر عسكري إن نحو 150 من مقاتلي تنظيم داعش استسلموا بعد معركة شرسة في شرق سوريا."
ENGLISH = "A military source said about 150 fighters surrendered after a fierce battle in the east."
FRENCH = (
    "Une source militaire a déclaré qu'environ 150 combattants se sont rendus après la bataille."
)
PERSIAN = "یک منبع نظامی گفت حدود ۱۵۰ جنگجو پس از نبردی سخت در شرق سوریه تسلیم شدند."
URDU = "ایک فوجی ذریعے نے بتایا کہ شدید لڑائی کے بعد تقریباً ڈیڑھ سو جنگجوؤں نے ہتھیار ڈال دیے۔"
TURKISH = (
    "Bir askeri kaynak, şiddetli çatışmanın ardından yaklaşık 150 savaşçının teslim olduğunu"
    " söyledi."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ARTICLE, "ar"),
        (ARABIC, "ar"),
        ("الباغوز", "ar"),
        (ENGLISH, "en"),
        (FRENCH, "fr"),
        (PERSIAN, "fa"),
        (URDU, "ur"),
        (TURKISH, "tr"),
        # an Arabic article quoting one foreign name stays Arabic
        (ARTICLE.replace("داعش", "گوگل", 1), "ar"),
        # legacy-encoded Arabic, once decoded
        (ARTICLE.encode("cp1256").decode("cp1256"), "ar"),
        (ARABIC.encode("iso-8859-6").decode("iso-8859-6"), "ar"),
        # presentation forms (text from PDFs)
        ("ﻗﺎﻝ ﻣﺼﺪﺭ ﻋﺴﻜﺮﻱ", "ar"),
    ],
)
def test_identify_language(text: str, code: str) -> None:
    assert identify_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "12 34 ٥٦", "!!! ...", "ok", "ب"])
def test_identify_language_undeterminable(text: str) -> None:
    assert identify_language(text) is None


def test_identify_language_samples_long_text() -> None:
    assert identify_language(ENGLISH * 200) == "en"
    assert len(language._lingua_sample(ENGLISH * 200)) <= 600


def test_identify_language_module_pickles() -> None:
    # Workers receive the function by reference; the detector itself stays per process.
    assert pickle.loads(pickle.dumps(identify_language)) is identify_language


def test_identify_language_rebuilds_detector_in_another_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    identify_language(ENGLISH)
    built = language._detector
    assert built is not None
    monkeypatch.setattr(language.os, "getpid", lambda: built[0] + 1)
    identify_language(ENGLISH)
    assert language._detector is not None
    assert language._detector[1] is not built[1]
