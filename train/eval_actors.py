"""Actor resolution against the GSR annotators' CAMEO codes (issue 6, ``rasd eval actors``).

Every gold source or target actor of the GSR dev rows (``gold_spans``; any label, since the
code of an actor does not depend on whether the sentence was judged an event) whose role
object has a code is found in its sentence as a run of tokens, made an ``Argument`` over
them (pointing at the entity the pipeline found there, if any) and resolved with
``resolve_actor``. Each distinct (sentence, actor words, code) counts once.

Reported: coverage (resolved / actors) and, over the resolved, agreement of the country
(``main``: ISO3, or IGO/IMG/NGO which a named actor's cameo prefix gives; "None" agrees
with no country) and of the role (``role``, over actors whose gold role is not "None").
Resolution runs without context countries, as the annotators coded the sentence alone.

    .venv/bin/python train/eval_actors.py --data ../shared/data [--show 20]
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from rasd.grounding.actors import resolve_actor
from rasd.model import Actor, Argument, Document
from rasd.pipeline import extract_text

_PREFIXES = ("IGO", "IMG", "NGO")
# CAMEO roles rasd distinguishes less finely than the GSR: CRM and UAF are both armed
# actors without a known group; ELI (elites) and GOV both officials.
_SAME_ROLE = {"CRM": "UAF", "ELI": "GOV"}


def _role(resolved: Actor) -> str | None:
    """The CAMEO role: after the country (or IGO/IMG/NGO) of a code, or the generic's code."""
    cameo = resolved.cameo
    if not cameo:
        return None
    if resolved.id is None:  # a generic agent: country + role, or the role alone
        rest = cameo[len(resolved.country) :] if resolved.country else cameo
    else:
        rest = cameo[3:]
    return rest[:3] or None


def _country(resolved: Actor) -> str:
    if resolved.country:
        return resolved.country
    cameo = resolved.cameo or ""
    return cameo[:3] if cameo.startswith(_PREFIXES) else "None"


def _find(text: str, words: list[str]) -> tuple[int, int] | None:
    """The span of the actor's words in the sentence, spacing and punctuation free."""
    pattern = r"\W*".join(re.escape(word) for word in words)
    match = re.search(pattern, text)
    return match.span() if match else None


def _argument(doc: Document, start: int, end: int) -> Argument:
    entity = next(
        (
            index
            for index, entity in enumerate(doc.entities)
            if entity.kb_id and start <= entity.start and entity.end <= end
        ),
        None,
    )
    return Argument(start, end, doc.text[start:end], entity=entity)


def _rows(data: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name in ("assault.jsonl", "protest.jsonl"):
        with (data / "gsr-dev" / name).open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines)
    return rows


def evaluate(data: Path, show: int = 0) -> dict[str, Any]:
    seen: set[tuple[str, tuple[str, ...], str, str]] = set()
    counts: Counter[str] = Counter()
    misses: list[str] = []
    roles: Counter[tuple[str, str]] = Counter()
    for row in _rows(data):
        spans = (row.get("gold_spans") or {}).get("spans") or []
        doc: Document | None = None
        for span in spans:
            for words_key, role_key in (
                ("source_actor", "source_role"),
                ("target_actor", "target_role"),
            ):
                words, code = span.get(words_key) or [], span.get(role_key)
                if not words or not isinstance(code, dict) or "main" not in code:
                    continue
                key = (row["id"], tuple(words), code["main"], code.get("role", "None"))
                if key in seen:
                    continue
                seen.add(key)
                found = _find(row["text"], words)
                if found is None:
                    counts["not_found"] += 1
                    continue
                if doc is None:
                    doc = extract_text(row["text"], doc_id=row["id"])
                assert doc.layer is not None
                counts["actors"] += 1
                argument = _argument(doc, *found)
                resolved = resolve_actor(doc.text, doc.layer, argument, doc.entities)
                counts["role_gold_all"] += code.get("role", "None") != "None"
                if resolved is None:
                    counts["unresolved"] += 1
                    continue
                counts["resolved"] += 1
                country_ok = _country(resolved) == code["main"]
                counts["country_agree"] += country_ok
                if code["main"] != "None":
                    counts["country_gold"] += 1
                    counts["country_gold_agree"] += country_ok
                gold_role = code.get("role", "None")
                if gold_role != "None":
                    predicted = _role(resolved) or "None"
                    counts["role_gold"] += 1
                    agree = _SAME_ROLE.get(predicted, predicted) == _SAME_ROLE.get(
                        gold_role, gold_role
                    )
                    counts["role_agree"] += agree
                    roles[(gold_role, predicted)] += 1
                    if not agree or not country_ok:
                        misses.append(
                            f"{' '.join(words)} gold={code['main']}{gold_role} got={resolved.cameo}"
                        )
    for line in misses[:show]:
        print(line)

    def ratio(part: str, whole: str) -> float:
        return round(counts[part] / counts[whole], 3) if counts[whole] else 0.0

    return {
        "actors": counts["actors"],
        "not_found_in_sentence": counts["not_found"],
        "coverage": ratio("resolved", "actors"),
        "country_agreement": ratio("country_agree", "resolved"),
        "country_agreement_where_gold_has_country": ratio("country_gold_agree", "country_gold"),
        "role_agreement_where_gold_has_role": ratio("role_agree", "role_gold"),
        "role_agreement_of_all_gold_roles": ratio("role_agree", "role_gold_all"),
        "counts": dict(counts),
        "role_confusions": [f"{g}->{p}: {n}" for (g, p), n in roles.most_common(15) if g != p],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    default = os.environ.get("RASD_DATA_DIR", "../shared/data")
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = parser.parse_args()
    print(json.dumps(evaluate(args.data, args.show), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
