import pytest

from rasd.text.normalize import build_layer
from rasd.text.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text, build_layer(text))]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("قال مصدر. وأضاف آخر.", ["قال مصدر.", "وأضاف آخر."]),
        ("هل انتهى؟ نعم! بالتأكيد…", ["هل انتهى؟", "نعم!", "بالتأكيد…"]),
        ("حقا؟! لا... ربما", ["حقا؟!", "لا...", "ربما"]),
        # closing quotes and brackets stay with their sentence
        ('قال: "انتهى." ثم غادر.', ['قال: "انتهى."', "ثم غادر."]),
        ("قال «انتهى.» ثم غادر.", ["قال «انتهى.»", "ثم غادر."]),
        ("(انتهى.) ثم", ["(انتهى.)", "ثم"]),
        # the seed article writes curly quotes the other way round
        (
            "وقال على “تويتر”: ”نبطئ الهجوم في الباغوز بسبب دروع بشرية“. لكنه أضاف",
            ["وقال على “تويتر”: ”نبطئ الهجوم في الباغوز بسبب دروع بشرية“.", "لكنه أضاف"],
        ),
        # no break at ، ؛ or inside numbers
        ("قال، ثم؛ بلغ 3.5 مليون و1,500 دولار.", ["قال، ثم؛ بلغ 3.5 مليون و1,500 دولار."]),
        ("بلغ ٣٫٥ مليون. انتهى", ["بلغ ٣٫٥ مليون.", "انتهى"]),
        # no break after a period not followed by whitespace
        ("انتهى.ثم", ["انتهى.ثم"]),
        # abbreviations
        ("قال د. محمد إن م. علي وصل.", ["قال د. محمد إن م. علي وصل."]),
        ("عام 500 ق.م. في", ["عام 500 ق.م. في"]),
        ("ص.ب. 123 عمان", ["ص.ب. 123 عمان"]),
        ("قال أ.د. سعيد", ["قال أ.د. سعيد"]),
        (
            "Mr. Smith met Dr. Jones in the U.S. yesterday. Then",
            [
                "Mr. Smith met Dr. Jones in the U.S. yesterday.",
                "Then",
            ],
        ),
        ("Jan. 5 was cold. Feb", ["Jan. 5 was cold.", "Feb"]),
        ("The film was bad. Smith said.", ["The film was bad.", "Smith said."]),
        # a letter right after digits is a unit or an era, not an initial
        ("في عام 2019م. وقال", ["في عام 2019م.", "وقال"]),
        # line breaks always split, blank lines and spaces are trimmed
        (
            "عنوان الخبر\n\nالشرق الأوسط – التلغراف\n  قال مصدر  \n",
            ["عنوان الخبر", "الشرق الأوسط – التلغراف", "قال مصدر"],
        ),
        ("سطر\r\nسطر آخر", ["سطر", "سطر آخر"]),
        # harakat stay with the sentence, invisible marks at the edges do not
        ("\u200fقال مُحَمَّدٌ.\u200f", ["قال مُحَمَّدٌ."]),
        ("", []),
        (" \n\t ", []),
        (".", ["."]),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert _sentences(text) == sentences
