import codecs
import random
import re

import pytest

from rasd.sources import decode_bytes
from tests.fixtures import article, paragraphs

# ISO-8859-6 has no curly quotes or en dash; the example article uses them.
PLAIN_PUNCTUATION = str.maketrans({"“": '"', "”": '"', "–": "-"})


def iso_article() -> str:
    return article().translate(PLAIN_PUNCTUATION)


def sentences() -> list[str]:
    """Short samples: the article's first sentences, one or two at a time."""
    found = re.findall(r"[^.]+\.", " ".join(paragraphs()[2:6]))
    singles = [sentence.strip() for sentence in found[:4]]
    return [*singles, " ".join(singles[:2])]


def codes(decoded: object) -> list[str]:
    return [warning.code for warning in getattr(decoded, "warnings", ())]


def test_decode_utf8_fast_path() -> None:
    decoded = decode_bytes(article().encode("utf-8"), where="a.txt")
    assert decoded.error is None
    assert decoded.text == article()
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ()


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_decode_bom_wins_and_is_dropped(bom: bytes, codec: str, encoding: str) -> None:
    decoded = decode_bytes(bom + article().encode(codec), where="a.txt")
    assert decoded.text == article()
    assert decoded.encoding == encoding
    assert decoded.warnings == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom_is_recognised(codec: str) -> None:
    decoded = decode_bytes(article().encode(codec), where="a.txt")
    assert decoded.text == article()
    assert decoded.encoding == codec
    assert codes(decoded) == ["legacy-encoding"]


def test_decode_windows_1256_article() -> None:
    decoded = decode_bytes(article().encode("cp1256"), where="a.txt")
    assert decoded.error is None
    assert decoded.text == article()
    assert decoded.encoding == "cp1256"
    assert codes(decoded) == ["legacy-encoding"]
    assert decoded.warnings[0].message == "a.txt: decoded as cp1256"


def test_decode_iso_8859_6_article() -> None:
    decoded = decode_bytes(iso_article().encode("iso8859_6"), where="a.txt")
    assert decoded.text == iso_article()
    assert decoded.encoding == "iso8859-6"
    assert codes(decoded) == ["legacy-encoding"]


@pytest.mark.parametrize("sample", sentences())
@pytest.mark.parametrize(("codec", "encoding"), [("cp1256", "cp1256"), ("iso8859_6", "iso8859-6")])
def test_decode_short_arabic_not_confused(sample: str, codec: str, encoding: str) -> None:
    """One or two sentences are enough to tell Windows from ISO Arabic."""
    sample = sample.translate(PLAIN_PUNCTUATION)
    decoded = decode_bytes(sample.encode(codec), where="a.txt")
    assert decoded.text == sample
    assert decoded.encoding == encoding


@pytest.mark.parametrize("word", ["قال", "إلى", "على", "قرية", "الباغوز"])
@pytest.mark.parametrize(("codec", "encoding"), [("cp1256", "cp1256"), ("iso8859_6", "iso8859-6")])
def test_decode_single_word_mojibake_retried(word: str, codec: str, encoding: str) -> None:
    """charset-normalizer reads these as cp1252 or the other Arabic table; mixed scripts
    inside a word (ISO ق read as Windows â) send the decoder to the other table."""
    decoded = decode_bytes(word.encode(codec), where="a.txt")
    assert (decoded.text, decoded.encoding) == (word, encoding)


def test_decode_french_windows_1252() -> None:
    text = "L'État islamique a perdu Baghouz, a déclaré le porte-parole — « enfin »."
    decoded = decode_bytes(text.encode("cp1252"), where="fr.txt")
    assert decoded.text == text
    assert decoded.encoding == "cp1252"


def test_decode_damaged_utf8_kept_with_count() -> None:
    encoded = article().encode("utf-8")
    middle = len(article()[:1000].encode("utf-8"))
    decoded = decode_bytes(encoded[:middle] + b"\xff\xfe\xc3" + encoded[middle:], where="d.txt")
    assert decoded.error is None
    assert decoded.encoding == "utf-8"
    assert "\ufffd" in decoded.text
    assert decoded.text.replace("\ufffd", "") == article()
    assert codes(decoded) == ["replaced-bytes"]
    assert decoded.warnings[0].message == (
        "d.txt: 3 invalid byte(s) in utf-8 text replaced by U+FFFD"
    )


def test_decode_declared_charset_used_without_warning() -> None:
    decoded = decode_bytes(article().encode("cp1256"), where="p.html", declared="windows-1256")
    assert decoded.text == article()
    assert decoded.encoding == "cp1256"
    assert decoded.warnings == ()


@pytest.mark.parametrize("declared", ["utf-8", "no-such-charset", "base64", "a\0b"])
def test_decode_wrong_declared_charset_falls_back(declared: str) -> None:
    decoded = decode_bytes(article().encode("cp1256"), where="p.html", declared=declared)
    assert decoded.text == article()
    assert decoded.encoding == "cp1256"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
)
def test_decode_empty_or_whitespace(data: bytes) -> None:
    decoded = decode_bytes(data, where="e.txt")
    assert decoded.error is not None
    assert decoded.error.code == "empty"
    assert decoded.error.message == "e.txt: empty document (no text)"
    assert decoded.text == ""


@pytest.mark.parametrize(
    "data",
    [
        b"\0" * 100,
        "قال مصدر".encode() + b"\0" + "عسكري".encode(),
        b"text" * 10 + b"\x01\x02\x03",
        random.Random(1).randbytes(4096),
    ],
)
def test_decode_binary(data: bytes) -> None:
    decoded = decode_bytes(data, where="b.bin")
    assert decoded.error is not None
    assert decoded.error.code == "binary"


def test_decode_few_control_chars_are_text() -> None:
    text = "قال مصدر عسكري " * 20 + "\x1a"  # a DOS end-of-file mark
    decoded = decode_bytes(text.encode("utf-8"), where="a.txt")
    assert decoded.text == text


def test_decode_undecodable() -> None:
    data = bytes(random.Random(0).randrange(0x80, 0x100) for _ in range(300))
    decoded = decode_bytes(data, where="u.txt")
    assert decoded.error is not None
    assert decoded.error.code == "undecodable"
    assert decoded.error.message == "u.txt: cannot tell the text encoding"


def test_decode_utf16_bom_with_odd_byte_replaced() -> None:
    data = codecs.BOM_UTF16_LE + "قال مصدر".encode("utf-16-le") + b"\x41"
    decoded = decode_bytes(data, where="a.txt")
    assert decoded.text == "قال مصدر\ufffd"
    assert codes(decoded) == ["replaced-bytes"]
