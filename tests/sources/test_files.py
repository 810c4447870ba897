import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from rasd.model import Document
from rasd.settings import Settings
from rasd.sources import iter_documents
from rasd.sources.files import Format, display_name, magic_kind, sniff_format
from tests.fixtures import article, article_html, paragraphs, rss_feed, warc_archive

SETTINGS = Settings()


def read(*paths: Path | str, settings: Settings = SETTINGS) -> list[Document]:
    return list(iter_documents([str(path) for path in paths], settings))


def error_codes(docs: list[Document]) -> list[str]:
    return [doc.errors[0].code if doc.errors else "ok" for doc in docs]


def test_files_directory_walk_sorted_by_path_components(tmp_path: Path) -> None:
    for relative in ["b.txt", "a/z.txt", "a/b/c.txt", "a-b.txt", "A.txt", ".hidden.txt"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"نص {relative}", encoding="utf-8")
    docs = read(tmp_path)
    names = [doc.origin.removeprefix(f"{tmp_path}/") for doc in docs]
    # Code point order at each level: ".hidden" < "A" < "a" (with its whole subtree) < "a-b".
    assert names == [".hidden.txt", "A.txt", "a/b/c.txt", "a/z.txt", "a-b.txt", "b.txt"]
    assert all(doc.ok for doc in docs)
    assert docs[0].text == "نص .hidden.txt"  # hidden files are read like any other


def test_files_ids_are_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("news").mkdir()
    Path("news/a.txt").write_text("قال", encoding="utf-8")
    assert [doc.id for doc in read("./news/")] == ["./news/a.txt"]
    assert [doc.id for doc in read("news")] == ["news/a.txt"]
    assert [doc.id for doc in read("news/a.txt")] == ["news/a.txt"]


def test_files_missing_path_is_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    (doc,) = read(missing)
    assert (doc.id, doc.text, error_codes([doc])) == (str(missing), "", ["not-found"])
    assert doc.errors[0].message == f"{missing}: no such file or directory"


def test_files_run_goes_on_after_bad_paths(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("قال مصدر", encoding="utf-8")
    docs = read(tmp_path / "missing", good, tmp_path / "also-missing")
    assert error_codes(docs) == ["not-found", "ok", "not-found"]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("photo.JPG", b"\xff\xd8\xff\xe0 jpeg", "image"),
        ("font.woff2", b"wOF2", "font"),
        ("site.css", b"body {}", "stylesheet"),
        ("app.js", b"var a;", "script"),
        ("bundle.tar.gz", b"\x1f\x8b", "archive"),
        ("report.pdf", b"%PDF-1.4", "PDF"),
        ("notes.docx", b"PK\x03\x04", "office document"),
        ("scan", b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        ("picture.dat", b"\x89PNG\r\n\x1a\n\0\0", "image"),
        ("packed", b"PK\x03\x04\x14\0", "archive or office document"),
    ],
)
def test_files_non_documents_get_one_error(
    tmp_path: Path, name: str, data: bytes, kind: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (doc,) = read(tmp_path / name)
    assert error_codes([doc]) == ["unsupported-type"]
    assert doc.errors[0].message == f"{tmp_path / name}: not a document type rasd reads ({kind})"


def test_files_empty_file_of_every_format(tmp_path: Path) -> None:
    names = ["a.txt", "b.jsonl", "c.html", "d.rss", "e.warc", "f"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    assert error_codes(read(tmp_path)) == ["empty"] * len(names)


def test_files_format_by_extension(tmp_path: Path) -> None:
    (tmp_path / "1.jsonl").write_text(json.dumps({"text": "قال"}) + "\n", encoding="utf-8")
    (tmp_path / "2.ndjson").write_text(json.dumps({"text": "قال"}) + "\n", encoding="utf-8")
    (tmp_path / "3.html").write_text(article_html(), encoding="utf-8")
    (tmp_path / "4.rss").write_text(rss_feed(), encoding="utf-8")
    (tmp_path / "5.warc").write_bytes(warc_archive())
    (tmp_path / "6.warc.gz").write_bytes(warc_archive(gzipped=True))
    (tmp_path / "7.jsonl.gz").write_bytes(gzip.compress(b'{"text": "\\u0642"}\n'))
    docs = read(tmp_path)
    origins = [doc.origin.removeprefix(f"{tmp_path}/") for doc in docs]
    assert origins == [
        "1.jsonl:1",
        "2.ndjson:1",
        "3.html",
        "4.rss#item-1",
        "4.rss#item-2",
        "4.rss#item-3",
        "5.warc#record-3",
        "5.warc#record-6",
        "6.warc.gz#record-3",
        "6.warc.gz#record-6",
        "7.jsonl.gz:1",
    ]
    assert all(doc.ok for doc in docs)
    assert docs[-1].text == "ق"


def test_files_content_sniffed_when_extension_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(article_html(), encoding="utf-8")
    (tmp_path / "feed").write_text(rss_feed(), encoding="utf-8")
    (tmp_path / "crawl.bin").write_bytes(warc_archive())
    (tmp_path / "crawl.gz").write_bytes(warc_archive(gzipped=True))
    (tmp_path / "text.gz").write_bytes(gzip.compress(article().encode()))
    (tmp_path / "lines.gz").write_bytes(gzip.compress(b'{"text": "t"}\n'))
    (tmp_path / "plain.txt").write_text("{not jsonl in a file}", encoding="utf-8")
    by_file: dict[str, list[str]] = {}
    for doc in read(tmp_path):
        assert doc.ok, doc.errors
        by_file.setdefault(doc.origin.removeprefix(f"{tmp_path}/").split("#")[0], []).append(
            doc.origin
        )
    assert {name: len(origins) for name, origins in by_file.items()} == {
        "crawl.bin": 2,
        "crawl.gz": 2,
        "feed": 3,
        "lines.gz:1": 1,
        "page.txt": 1,
        "plain.txt": 1,
        "text.gz": 1,
    }


def test_files_over_max_bytes_rejected_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(max_chars=100)  # 400 bytes
    for name in ("big.txt", "big.html", "big.rss"):
        (tmp_path / name).write_bytes(b"x" * 401)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("opened a file that is too large")

    monkeypatch.setattr(Path, "open", no_open)
    docs = read(tmp_path / "big.html", tmp_path / "big.rss", settings=settings)
    assert error_codes(docs) == ["too-large", "too-large"]
    assert docs[0].errors[0].message == (
        f"{tmp_path}/big.html: 401 bytes exceeds the limit of 400 bytes for 100 characters"
        " (--max-chars)"
    )


def test_files_sniffed_text_over_max_bytes(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes("قال ".encode() * 100)
    (doc,) = read(tmp_path / "big.txt", settings=Settings(max_chars=100))
    assert error_codes([doc]) == ["too-large"]
    assert "700 bytes exceeds the limit of 400 bytes" in doc.errors[0].message


def test_files_gzip_bomb_read_only_to_the_limit(tmp_path: Path) -> None:
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(b"a" * 10_000_000))
    (doc,) = read(tmp_path / "bomb.gz", settings=Settings(max_chars=1000))
    assert doc.errors[0].message.endswith(
        "more than 4,000 bytes exceeds the limit of 4,000 bytes for 1,000 characters (--max-chars)"
    )


def test_files_bad_gzip(tmp_path: Path) -> None:
    (tmp_path / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    (tmp_path / "cut.gz").write_bytes(gzip.compress(article().encode())[:200])
    docs = read(tmp_path)
    assert error_codes(docs) == ["unreadable", "unreadable"]


def test_files_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("قال", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    docs = read(tmp_path)
    assert [doc.origin.removeprefix(f"{tmp_path}/") for doc in docs] == [
        "a/x.txt",
        "dangling.txt",
    ]
    assert error_codes(docs) == ["ok", "not-found"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_files_pipe_inside_a_directory_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "a.txt").write_text("قال", encoding="utf-8")
    assert [doc.origin for doc in read(tmp_path)] == [f"{tmp_path}/a.txt"]


def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_files_stdin_jsonl_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b'\n  {"id": "s1", "text": "\xd9\x82"}\n[1]\n')
    docs = read("-")
    assert [(doc.id, doc.origin) for doc in docs] == [
        ("s1", "<stdin>:2"),
        ("<stdin>:3", "<stdin>:3"),
    ]
    assert error_codes(docs) == ["ok", "not-an-object"]


@pytest.mark.parametrize(
    ("data", "texts"),
    [
        (article().encode("cp1256"), [article()]),
        (article_html().encode(), None),
        (rss_feed().encode(), paragraphs()[2:5]),
        (gzip.compress(b'{"text": "t"}\n'), ["t"]),
    ],
)
def test_files_stdin_other_formats(
    monkeypatch: pytest.MonkeyPatch, data: bytes, texts: list[str] | None
) -> None:
    stdin(monkeypatch, data)
    docs = read("-")
    assert all(doc.ok for doc in docs)
    if texts is not None:
        assert [doc.text for doc in docs] == texts


def test_files_stdin_warc(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, warc_archive(gzipped=True))
    assert [doc.origin for doc in read("-")] == ["<stdin>#record-3", "<stdin>#record-6"]


def test_files_stdin_empty_and_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin(monkeypatch, b"")
    assert error_codes(read("-")) == ["empty"]
    stdin(monkeypatch, "قال ".encode() * 1000)
    (doc,) = read("-", settings=Settings(max_chars=100))
    assert doc.errors[0].message == (
        "<stdin>: more than 400 bytes exceeds the limit of 400 bytes for 100 characters"
        " (--max-chars)"
    )


def test_files_order_is_deterministic(tmp_path: Path) -> None:
    for number in range(30):
        (tmp_path / f"{(number * 7) % 30:02d}.txt").write_text("قال", encoding="utf-8")
    first = [doc.id for doc in read(tmp_path)]
    assert first == sorted(first)
    assert first == [doc.id for doc in read(tmp_path)]


@pytest.mark.parametrize(
    ("head", "jsonl", "expected"),
    [
        (b"WARC/1.0\r\n", False, Format.WARC),
        (b"\x1f\x8b\x08", False, Format.GZIP),
        (b'  {"text": 1}', True, Format.JSONL),
        (b'{"text": 1}', False, Format.TEXT),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", False, Format.HTML),
        (b"<!-- saved page -->\n<html lang=ar>", False, Format.HTML),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', False, Format.FEED),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', False, Format.FEED),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", False, Format.FEED),
        (b'<?xml version="1.0"?><!DOCTYPE html><html>', False, Format.HTML),
        (b'<?xml version="1.0"?><sitemap/>', False, Format.TEXT),
        ("<rss>".encode("utf-16-le"), False, Format.TEXT),  # no BOM: not sniffed
        (b"\xff\xfe" + "<rss version='2.0'>".encode("utf-16-le"), False, Format.FEED),
        ("<<عاجل>> قال مصدر".encode(), False, Format.TEXT),
    ],
)
def test_sniff_format(head: bytes, jsonl: bool, expected: Format) -> None:
    assert sniff_format(head, jsonl=jsonl) is expected


def test_magic_kind_tar() -> None:
    header = b"file.txt".ljust(257, b"\0") + b"ustar\x0000"
    assert magic_kind(header) == "archive"
    assert magic_kind(b"plain text") is None


def test_display_name_posix_and_valid_unicode() -> None:
    assert display_name("news/a.txt") == "news/a.txt"
    assert display_name("news/\udcff.txt") == "news/\ufffd.txt"
