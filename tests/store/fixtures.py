"""A small news day for the event store: wire copies, two tolls for one attack, a protest.

- ``basra-*``: one agency story about a protest in Basra, run by three outlets: as sent,
  under a new headline, and with one paragraph added. One story: its events once, three
  reports each.
- ``mosul-a`` and ``mosul-b``: two outlets, written independently, on the same car bomb in
  Mosul on the same day; one says five killed, the other seven. One event, two reports,
  five killed (the lowest figure), both figures kept.
- ``algiers``: an unrelated student march, written with harakat.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson

PUBLISHED = "2019-03-05"

BASRA = (
    "تظاهر آلاف المحتجين في مدينة البصرة جنوبي العراق أمس للمطالبة بتوفير الكهرباء والماء "
    "وفرص العمل. وقطع المتظاهرون الطرق المؤدية إلى مبنى المحافظة وأحرقوا الإطارات، فيما "
    "انتشرت قوات الأمن في محيط المبنى. وقال أحد المحتجين إن سكان المدينة يعانون منذ سنوات "
    "من انقطاع التيار الكهربائي وتلوث مياه الشرب. ولم تعلق الحكومة المحلية على مطالب "
    "المتظاهرين حتى مساء أمس."
)
BASRA_ADDED = "\n\nوتعد البصرة من أغنى محافظات العراق بالنفط، ويقطنها نحو ثلاثة ملايين نسمة."

MOSUL_A = (
    "قتل خمسة أشخاص وأصيب عشرة آخرون في هجوم انتحاري بسيارة مفخخة استهدف سوقا في مدينة "
    "الموصل أمس، بحسب مصدر أمني. وقال المصدر إن السيارة انفجرت قرب سوق شعبي مزدحم في "
    "الجانب الأيمن من المدينة. وفرضت القوات الأمنية طوقا حول مكان الانفجار ونقلت الجرحى "
    "إلى المستشفى."
)
MOSUL_B = (
    "قتل سبعة أشخاص في هجوم انتحاري بسيارة مفخخة استهدف سوقا في مدينة الموصل أمس، وفق ما "
    "أفادت الشرطة. وأوضح ضابط في الشرطة أن الانفجار وقع عند مدخل السوق ساعة الذروة، مضيفا "
    "أن عدد الضحايا مرشح للارتفاع. ولم تتبن أي جهة الهجوم حتى الآن."
)
ALGIERS = (
    "تَظاهَرَ آلافُ الطُّلّاب في العاصمة الجزائرية يوم الجمعة رفضاً لترشح الرئيس لولاية "
    "خامسة. وردد الطلاب شعارات تطالب بالتغيير، وسارت المسيرة في شوارع وسط المدينة بشكل سلمي."
)


def _doc(doc_id: str, text: str, title: str, source: str) -> dict[str, Any]:
    return {
        "id": doc_id,
        "text": text,
        "title": title,
        "source": source,
        "url": f"https://{source}.example/{doc_id}",
        "published": PUBLISHED,
    }


CORPUS: tuple[dict[str, Any], ...] = (
    _doc("basra-1", BASRA, "آلاف يتظاهرون في البصرة للمطالبة بالخدمات", "wire"),
    _doc("mosul-a", MOSUL_A, "خمسة قتلى بتفجير سيارة مفخخة في الموصل", "outlet-a"),
    _doc("basra-2", BASRA, "احتجاجات غاضبة في البصرة بسبب انقطاع الكهرباء", "outlet-b"),
    _doc("algiers", ALGIERS, "مسيرة طلابية في الجزائر", "outlet-c"),
    _doc("mosul-b", MOSUL_B, "سبعة قتلى في هجوم انتحاري بالموصل", "outlet-b"),
    _doc("basra-3", BASRA + BASRA_ADDED, "آلاف يتظاهرون في البصرة", "outlet-c"),
)


def write_corpus(path: Path, docs: tuple[dict[str, Any], ...] = CORPUS) -> Path:
    """The corpus as a JSONL file, as ``rasd ingest`` reads it."""
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def processed_record(doc: dict[str, Any]) -> dict[str, Any]:
    """A corpus document through the pipeline, as ``rasd extract`` writes its record."""
    from rasd.pipeline import dump_record, extract_text
    from rasd.settings import Settings

    processed = extract_text(doc["text"], doc_id=doc["id"], settings=Settings(published=PUBLISHED))
    record: dict[str, Any] = orjson.loads(dump_record(processed))
    record.update({k: doc[k] for k in ("title", "source", "url", "published")})
    return record
