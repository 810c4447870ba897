"""Compose the stages: a document in, the same document with everything rasd found out.

``process`` is the single place where an unexpected exception in a stage becomes the
document's error record (the traceback goes to the log), so one bad document never takes
a run down. ``process_many`` runs it over a stream, in worker processes when asked, with
bounded memory and the input order kept.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, fields, replace
from functools import cache
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from rasd.codes import Code, diagnostic
from rasd.events.coder import with_events
from rasd.grounding.ground import ground
from rasd.grounding.places import is_place, not_names
from rasd.model import INTERNAL_FIELDS, SCHEMA_VERSION, Document, Entity, Tokens
from rasd.ner.known import apply_known, known_names
from rasd.ner.spans import entities_from_columns, entities_from_tags
from rasd.ner.tagger import NerTagger
from rasd.ner.titles import apply_titles, title_rule
from rasd.resources import bulk_load
from rasd.settings import Settings
from rasd.sources import iter_documents
from rasd.text import analyze, identify_language, normalize

log = logging.getLogger(__name__)

Stage = Callable[[Document, Settings], Document]


def apply_defaults(doc: Document, settings: Settings) -> Document:
    """Give a document without a date the run's ``--published`` date."""
    if doc.published is None and settings.published is not None:
        return replace(doc, published=settings.published)
    return doc


def identify(doc: Document, settings: Settings) -> Document:
    """Set ``language``; anything but Arabic gets a warning and no Arabic processing."""
    language = identify_language(doc.text)
    if language == "ar":
        return replace(doc, language="ar")
    if language is None:
        warning = diagnostic(Code.LANGUAGE_UNKNOWN, "language", where=doc.origin)
        return replace(doc, language="und", warnings=(*doc.warnings, warning))
    warning = diagnostic(Code.NOT_ARABIC, "language", where=doc.origin, language=language)
    return replace(doc, language=language, warnings=(*doc.warnings, warning))


def add_text_layer(doc: Document, settings: Settings) -> Document:
    """Normalise, split sentences and tokenise Arabic text."""
    if doc.language != "ar":
        return doc
    layer, sentences, tokens = analyze(doc.text)
    return replace(doc, layer=layer, sentences=sentences, tokens=tokens)


@cache
@bulk_load
def _ner(model: str | None) -> tuple[NerTagger, Callable[[str], bool]]:
    """The tagger and the known-name test, loaded once a process (a worker loads its own)."""
    tagger = NerTagger.load(Path(model) if model else None)
    names = frozenset().union(*tagger.gazetteer.words.values(), known_names().first_words)
    return tagger, names.__contains__


_OUTSIDE = "O"


def tag_entities(doc: Document, settings: Settings) -> Document:
    """Named entities of Arabic text, a sentence at a time, spans without clitics."""
    if doc.language != "ar" or not doc.tokens:
        return doc
    tagger, is_name = _ner(settings.ner_model)
    known = known_names()
    titles = title_rule()
    tokens = doc.tokens
    columns = tokens if isinstance(tokens, Tokens) else None
    starts = columns.starts if columns is not None else [t.start for t in tokens]
    ends = columns.ends if columns is not None else [t.end for t in tokens]
    text = doc.text
    words = list(map(text.__getitem__, map(slice, starts, ends)))
    windows: list[tuple[int, int]] = []
    for sentence in doc.sentences:
        first = bisect_left(starts, sentence.start)
        last = bisect_left(starts, sentence.end, first)
        if first < last:
            windows.append((first, last))
    # one decoding for the whole document: the CRF runs over all its sentences at once
    tags, norms_of = tagger.tag_document([words[first:last] for first, last in windows])
    entities: list[Entity] = []
    for (first, last), tagged, norms in zip(windows, tags, norms_of, strict=True):
        matches = known.find(norms)
        if matches:
            tagged = apply_known(tagged, matches)
        titled = titles.find(norms, tagged)
        if titled:
            # persons named after a title or role that the tagger left untagged
            tagged = apply_titles(tagged, titled)
        elif not matches and all(map(_OUTSIDE.__eq__, map(itemgetter(0), tagged))):
            continue
        if columns is not None:
            # Token objects are never made: names and ends come off the columns
            found = entities_from_columns(text, columns, first, tagged, is_name=is_name)
        else:
            found = entities_from_tags(text, tokens[first:last], tagged, is_name=is_name)
        if matches:
            # the entity that covers the name's last word is the actor's
            actors = {ends[first + match.stop - 1]: match.actor for match in matches}
            found = [
                Entity(e.start, e.end, e.text, e.label, e.confidence, actor.id)
                if (actor := actors.get(e.end)) is not None and actor.label == e.label
                else e
                for e in found
            ]
        entities.extend(found)
    if any(_is_countryside(e) for e in entities):
        entities = _countryside_names(text, starts, ends, words, entities)
    return replace(doc, entities=tuple(entities))


_COUNTRYSIDE = normalize("ريف")


def _is_countryside(entity: Entity) -> bool:
    return entity.label == "LOC" and normalize(entity.text) == _COUNTRYSIDE


def _countryside_names(
    text: str, starts: Sequence[int], ends: Sequence[int], words: list[str], entities: list[Entity]
) -> list[Entity]:
    """``ريف إدلب الجنوبي``، ``ريف دمشق`` as one LOC where the tagger took ``ريف`` alone
    (ANERcorp tags الريف, the Rif, by itself): news names a town's countryside by ريف and
    the town. A LOC the tagger found in the town's words joins it."""
    extended: list[Entity] = []
    joined: set[int] = set()  # starts of the LOC entities taken into a countryside
    for entity in entities:
        if entity.start in joined:
            continue
        if _is_countryside(entity):
            at = bisect_left(starts, entity.end)
            for size in (2, 1):
                following = words[at : at + size]
                if len(following) < size:
                    continue
                end = ends[at + size - 1]
                inside = [e for e in entities if entity.end <= e.start < end]
                if (
                    all(e.label == "LOC" and e.end <= end for e in inside)
                    and _a_place(following[0])
                    and is_place(" ".join((entity.text, *following)))
                ):
                    joined.update(e.start for e in inside)
                    entity = replace(entity, end=end, text=text[entity.start : end])
                    break
        extended.append(entity)
    return extended


@cache
def _a_place(word: str) -> bool:
    return is_place(word) and normalize(word) not in not_names()


def code_events(doc: Document, settings: Settings) -> Document:
    """PLOVER events of Arabic text, from its sentences, tokens and entities."""
    if doc.language != "ar" or not doc.tokens:
        return doc
    return with_events(doc)


def ground_events(doc: Document, settings: Settings) -> Document:
    """Places of events to coordinates and precision codes, their actors to the tables."""
    if doc.language != "ar" or not doc.events:
        return doc
    return ground(doc)


STAGES: tuple[tuple[str, Stage], ...] = (
    ("defaults", apply_defaults),
    ("language", identify),
    ("text", add_text_layer),
    ("ner", tag_entities),
    ("events", code_events),
    ("grounding", ground_events),
)


def process(doc: Document, settings: Settings) -> Document:
    """Run every stage on ``doc``. A document that arrives with errors is passed through."""
    if doc.errors:
        return doc
    original = doc
    for name, stage in STAGES:
        try:
            doc = stage(doc, settings)
        except Exception as err:
            log.exception("stage %s failed on %s", name, original.origin)
            error = diagnostic(
                Code.INTERNAL,
                name,
                where=original.origin,
                reason=f"{type(err).__name__}: {err}",
            )
            return replace(original, errors=(*original.errors, error))
    return doc


_RECORD_FIELDS = tuple(f.name for f in fields(Document) if f.name not in INTERNAL_FIELDS)


def to_record(doc: Document, *, include_tokens: bool = False) -> dict[str, Any]:
    """The output record of ``doc``: its fields, ``schema_version`` first, no working state.

    Tokens are large (about five times the text) and derivable, so they are written only
    when asked for.
    """
    record: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for name in _RECORD_FIELDS:
        if name == "tokens":
            if include_tokens:
                record[name] = tuple(doc.tokens)  # Token views of the columnar Tokens
            continue
        record[name] = getattr(doc, name)
    return record


def dump_record(doc: Document, *, include_tokens: bool = False) -> bytes:
    """One JSONL line for ``doc`` (UTF-8, newline-terminated)."""
    record = to_record(doc, include_tokens=include_tokens)
    return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker sends back for one document: its JSONL line and what the CLI reports."""

    id: str
    line: bytes
    error_codes: tuple[str, ...]
    error_messages: tuple[str, ...]
    warning_codes: tuple[str, ...]
    rendered: str | None = None


def _outcome(
    doc: Document, settings: Settings, render: Callable[[Document], str] | None
) -> Outcome:
    try:
        line = dump_record(doc, include_tokens=settings.include_tokens)
    except orjson.JSONEncodeError as err:
        # Only text that is not valid Unicode (lone surrogates) can get here.
        log.exception("cannot serialise %s", doc.origin)
        reason = f"cannot write the record as JSON: {err}"
        error = diagnostic(Code.INTERNAL, "output", where=doc.origin, reason=reason)
        doc = Document(id=doc.id, text="", origin=doc.origin, errors=(error,))
        line = dump_record(doc)
    return Outcome(
        id=doc.id,
        line=line,
        error_codes=tuple(d.code for d in doc.errors),
        error_messages=tuple(f"{d.message} [{d.code}]" for d in doc.errors),
        warning_codes=tuple(d.code for d in doc.warnings),
        rendered=render(doc) if render is not None else None,
    )


def _process_chunk(
    docs: list[Document], settings: Settings, render: Callable[[Document], str] | None
) -> list[Outcome]:
    return [_outcome(process(doc, settings), settings, render) for doc in docs]


# Documents travel to workers in chunks: one pickle round trip per chunk amortises the IPC,
# and a bounded number of chunks in flight keeps memory constant for any input size.
CHUNK_SIZE = 32
CHUNKS_IN_FLIGHT_PER_JOB = 4


def process_many(
    docs: Iterable[Document],
    settings: Settings,
    *,
    jobs: int = 1,
    render: Callable[[Document], str] | None = None,
) -> Iterator[Outcome]:
    """Process a stream of documents, yielding outcomes in input order.

    With ``jobs > 1``, ``jobs`` worker processes share the work; at most
    ``jobs * CHUNKS_IN_FLIGHT_PER_JOB`` chunks are pending at once. ``render``, if given,
    must be picklable (a module-level function).
    """
    if jobs <= 1:
        for doc in docs:
            yield _outcome(process(doc, settings), settings, render)
        return
    stream = iter(docs)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        limit = jobs * CHUNKS_IN_FLIGHT_PER_JOB
        while True:
            while len(pending) < limit:
                chunk = list(islice(stream, CHUNK_SIZE))
                if not chunk:
                    break
                pending.append(pool.submit(_process_chunk, chunk, settings, render))
            if not pending:
                return
            yield from pending.popleft().result()


def extract(paths: Sequence[str], settings: Settings | None = None) -> Iterator[Document]:
    """Read and process every document under ``paths``: the Python form of ``rasd extract``.

    >>> doc = next(extract(["examples/baghouz_surrender_ar.txt"]))  # doctest: +SKIP
    >>> doc.language, len(doc.sentences)  # doctest: +SKIP
    ('ar', 27)
    """
    settings = settings or Settings()
    for doc in iter_documents(paths, settings):
        yield process(doc, settings)


def extract_text(text: str, *, doc_id: str = "text", settings: Settings | None = None) -> Document:
    """Process one document given as a string (the Python form of ``POST /api/extract``)."""
    settings = settings or Settings()
    doc = Document(id=doc_id, text=text, origin=doc_id)
    if not text.strip():
        error = diagnostic(Code.EMPTY, "source", where=doc_id)
        return replace(doc, errors=(error,))
    if len(text) > settings.max_chars:
        error = diagnostic(
            Code.TOO_LARGE,
            "source",
            where=doc_id,
            size=f"{len(text):,} characters",
            limit=f"{settings.max_chars:,}",
        )
        return replace(doc, text="", errors=(error,))
    return process(doc, settings)
