"""The ``rasd`` command: parse options, call the library, report.

Messages are for users: one line per skipped document and a summary, never a traceback
(``--verbose`` shows them, for us).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, BinaryIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from rasd import __version__
from rasd.model import Actor, Document, Event
from rasd.pipeline import Outcome, process_many
from rasd.settings import DEFAULT_MAX_CHARS, Settings
from rasd.sources import iter_documents
from rasd.sources.dates import parse_published

log = logging.getLogger(__name__)

app = typer.Typer(
    name="rasd",
    help="rasd (رصد): Arabic news to structured event data, every field tied to the text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


class UsageError(Exception):
    """A bad option or argument: one line on stderr, exit status 2."""


class OutputError(Exception):
    """The output cannot be written: one line on stderr, exit status 1."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rasd {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """rasd (رصد): Arabic news to structured event data, every field tied to the text."""


# Options that extract and ingest share.
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes (0: one a core).", min=0)
]
PublishedOption = Annotated[
    str | None,
    typer.Option(help="Date (ISO 8601) for documents that carry none.", show_default=False),
]


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders to read (text, JSONL, HTML, RSS/Atom, WARC), or - for stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Where to write records; - is stdout.")
    ] = "-",
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="jsonl: one JSON record a document; text: for reading."
        ),
    ] = OutputFormat.jsonl,
    jobs: JobsOption = 1,
    published: PublishedOption = None,
    max_chars: Annotated[
        int,
        typer.Option(help="Documents longer than this many characters are rejected.", min=1),
    ] = DEFAULT_MAX_CHARS,
    tokens: Annotated[
        bool, typer.Option("--tokens", help="Write tokens and their clitics into records.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress, no per-document lines, no summary.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log details and tracebacks to stderr.")
    ] = False,
) -> None:
    """Read documents and write one output record for each, in input order.

    Example: rasd extract examples/ --format text

    Example: rasd extract news.jsonl pages/ --output events.jsonl --jobs 2

    Exit status: 0 when the run completed (even if some documents were skipped, each with
    an error in its record), 2 for usage errors, 1 when the output could not be written.
    """
    _configure_logging(verbose)
    try:
        settings = _settings(published=published, max_chars=max_chars, tokens=tokens)
        _check_paths(paths)
    except UsageError as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    workers = jobs or os.cpu_count() or 1
    try:
        _run(
            paths,
            settings,
            output=output,
            output_format=output_format,
            jobs=workers,
            quiet=quiet,
        )
    except OutputError as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(1) from None


eval_app = typer.Typer(
    help="Score rasd against gold annotations.", no_args_is_help=True, add_completion=False
)
app.add_typer(eval_app, name="eval")


@eval_app.command("ner")
def eval_ner(
    path: Annotated[
        Path,
        typer.Argument(help="Gold CoNLL file: 'token TAG' lines (IOB2), blank between sentences."),
    ],
    model: Annotated[
        str | None, typer.Option(help="NER model file (default: the one rasd ships).")
    ] = None,
) -> None:
    """Entity-level precision, recall and F1 of rasd's named entities on a CoNLL file.

    Predicted spans are widened to the whitespace tokens they touch, as ANERcorp tags whole
    tokens with their clitics. Example: rasd eval ner anercorp/test.txt
    """
    from rasd.evaluate import GoldFormatError, evaluate_ner

    _require_files([path])
    try:
        figures = evaluate_ner(path, Settings(ner_model=model))
    except (GoldFormatError, UnicodeDecodeError, ValueError) as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    table = Table(title=f"named entities: {path}")
    for column in ("type", "precision", "recall", "F1", "gold", "predicted", "correct"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for kind in [*sorted(k for k in figures if k != "micro"), "micro"]:
        row = figures[kind]
        table.add_row(
            kind,
            f"{row['precision']:.4f}",
            f"{row['recall']:.4f}",
            f"{row['f1']:.4f}",
            str(row["gold"]),
            str(row["predicted"]),
            str(row["correct"]),
        )
    Console(highlight=False).print(table)


@eval_app.command("events")
def eval_events(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Gold JSONL files of the Arabic event gold standard (id, event_type, label, "
            "text, gold_spans)."
        ),
    ],
) -> None:
    """Sentence-level event detection P/R/F1 per PLOVER type, and actor/target token-F1.

    'ambiguous' sentences are left out. A sentence counts as detected when rasd reports an
    event of its type that is not negated, future or hypothetical. Actor and target token-F1
    are means over detected positives with gold arguments.
    Example: rasd eval events gsr/assault.jsonl gsr/protest.jsonl
    """
    from rasd.evaluate import GoldFormatError, evaluate_events

    _require_files(paths)
    try:
        figures = evaluate_events(paths)
    except (GoldFormatError, UnicodeDecodeError) as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    table = Table(title="events: " + ", ".join(str(path) for path in paths))
    columns = ("type", "precision", "recall", "F1", "gold", "predicted", "correct")
    for column in (*columns, "actor F1", "target F1", "with args"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for kind in sorted(figures):
        row = figures[kind]
        table.add_row(
            kind,
            f"{row.precision:.4f}",
            f"{row.recall:.4f}",
            f"{row.f1:.4f}",
            str(row.gold),
            str(row.predicted),
            str(row.correct),
            f"{row.actor_f1:.4f}",
            f"{row.target_f1:.4f}",
            str(row.argument_rows),
        )
    Console(highlight=False).print(table)


@eval_app.command("geo")
def eval_geo(
    annotations: Annotated[
        Path,
        typer.Argument(
            help="Place annotations, JSONL: id, file, place, lat, lon, country, precision."
        ),
    ],
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Data folder holding gsr-dev/ (default: $RASD_DATA_DIR or ../shared/data).",
            show_default=False,
        ),
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="Also list every row with rasd's answer.")
    ] = False,
) -> None:
    """Place the main event of annotated gold sentences and compare with the annotations.

    Each row names a sentence of the event gold standard by file and id; its text is read
    from there. Reports coverage (rows rasd gave coordinates for), accuracy within 50 km
    over all rows and over covered rows, country accuracy and ACLED precision agreement.
    Example: rasd eval geo tests/data/geo_dev.jsonl --data ../shared/data
    """
    from rasd.evaluate import GoldFormatError, default_data_dir, evaluate_geo

    data_dir = data if data is not None else default_data_dir()
    for path, what in ((annotations, "file"), (data_dir, "data folder")):
        exists = path.is_file() if what == "file" else path.is_dir()
        if not exists:
            stderr.print(f"rasd: error: no such {what}: {path}", markup=False)
            raise typer.Exit(2)
    try:
        figures = evaluate_geo(annotations, data_dir)
    except (GoldFormatError, UnicodeDecodeError) as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    console = Console(highlight=False)
    if details:
        rows = Table(title="rows")
        for column in ("id", "gold", "rasd", "km", "country", "precision"):
            rows.add_column(column, justify="right" if column == "km" else "left")
        for result in figures.results:
            loc = result.location
            answer = "(sentence not found)" if not result.found else "-"
            if loc is not None:
                answer = f"{loc.text} -> {loc.name_en or '?'}"
            gold_id = result.gold.id
            rows.add_row(
                gold_id if len(gold_id) <= 28 else gold_id[:12] + "…" + gold_id[-12:],
                f"{result.gold.note} ({result.gold.country}, {result.gold.precision})",
                answer,
                "-" if result.distance_km is None else f"{result.distance_km:,.0f}",
                (loc.country if loc else None) or "-",
                str(loc.precision if loc and loc.precision else "-"),
            )
        console.print(rows)
    table = Table(title=f"places: {annotations}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("of", justify="right")
    for name, value, count, whole in (
        ("coverage (coordinates given)", figures.coverage, figures.covered, figures.rows),
        ("within 50 km, all rows", figures.accuracy, figures.within, figures.rows),
        ("within 50 km, covered rows", figures.accuracy_covered, figures.within, figures.covered),
        (
            "country agrees, all rows",
            figures.country_accuracy,
            figures.country_correct,
            figures.rows,
        ),
        (
            "precision code agrees, covered rows",
            figures.precision_agreement,
            figures.precision_correct,
            figures.covered,
        ),
    ):
        table.add_row(name, f"{value:.4f}", f"{count}/{whole}")
    console.print(table)
    if figures.missing:
        stderr.print(f"rasd: {figures.missing} annotated sentences not found in {data_dir}")


@eval_app.command("actors")
def eval_actors(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Gold JSONL files of the Arabic event gold standard, with gold_spans and "
            "their CAMEO source_role and target_role."
        ),
    ],
) -> None:
    """Resolve the gold standard's coded actors and targets and compare with their CAMEO codes.

    For each gold span, rasd's answer is the event argument over its tokens, or the tokens
    resolved as an argument of their own when no event argument covers them. Reports, for
    country and role, precision over the actors rasd coded, coverage and accuracy.
    Example: rasd eval actors gsr/assault.jsonl gsr/protest.jsonl
    """
    from rasd.evaluate import GoldFormatError, evaluate_actors

    _require_files(paths)
    try:
        figures = evaluate_actors(paths)
    except (GoldFormatError, UnicodeDecodeError) as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    via = Counter(result.via for result in figures.results)
    table = Table(title="actors: " + ", ".join(str(path) for path in paths))
    for column in ("code", "precision", "coverage", "accuracy", "gold", "answered", "correct"):
        table.add_column(column, justify="left" if column == "code" else "right")
    for name, row in (("country", figures.country), ("role", figures.role)):
        table.add_row(
            name,
            f"{row.precision:.4f}",
            f"{row.coverage:.4f}",
            f"{row.accuracy:.4f}",
            str(row.gold),
            str(row.answered),
            str(row.correct),
        )
    console = Console(highlight=False)
    console.print(table)
    console.print(
        f"{len(figures.results)} coded gold actors, {figures.resolved} resolved; "
        f"{via['event']} read from event arguments, {via['direct']} resolved directly, "
        f"{via['none']} whose tokens are not in the sentence"
    )


@eval_app.command("articles")
def eval_articles(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Coded articles, JSONL: id, published, text and the analyst's events "
            "(articles-dev/articles.jsonl)."
        ),
    ],
    details: Annotated[
        bool,
        typer.Option("--details", help="Show each article's gold and rasd's events side by side."),
    ] = False,
) -> None:
    """Score rasd's events on whole articles coded by analysts, as the maintainers do.

    Event types per article; gold events matched one to one to rasd's of the same type;
    among matched events the place within 50 km, the day, the killed / injured / arrested
    count, the actor and the target; event-level P/R/F1 (type, place and day right where
    gold gives them); events written per gold event; events over 1,000 km from every gold
    place of their article. Example: rasd eval articles ../shared/data/articles-dev/articles.jsonl
    """
    from rasd.evaluate import GoldFormatError
    from rasd.evaluate_articles import CHECKS, describe, evaluate_articles

    _require_files(paths)
    try:
        figures = evaluate_articles(paths)
    except (GoldFormatError, UnicodeDecodeError) as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    console = Console(highlight=False)
    if details:
        for result in figures.results:
            for line in describe(result):
                console.print(line, markup=False, soft_wrap=True)
        console.print()
    table = Table(title="articles: " + ", ".join(str(path) for path in paths))
    for column in ("measure", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name, (p, r, f1) in (
        ("event types per article", figures.types()),
        ("events (type, place, day)", figures.event_level()),
    ):
        table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}")
    console.print(table)
    checks = Table(title=f"of {figures.matched} matched events")
    for column in ("check", "right", "of"):
        checks.add_column(column, justify="left" if column == "check" else "right")
    for name in CHECKS:
        ratio = figures.check(name)
        checks.add_row(name, f"{ratio.value:.3f}", f"{ratio.part}/{ratio.whole}")
    console.print(checks)
    far = figures.far
    console.print(
        f"{figures.articles} articles, {figures.gold_events} gold events, "
        f"{figures.predicted_events} written: {figures.events_per_gold:.2f} per gold event; "
        f"{far.part} of {far.whole} placed events over 1,000 km from every gold place"
    )


DB_HELP = "The event store (SQLite file; default: $RASD_DB or rasd.db)."


def _open_store(db: str | None) -> Any:
    """The store at ``db``, or exit 2 with one line when it cannot be used."""
    from rasd.store.db import Store, StoreError, default_path

    path = db or default_path()
    try:
        return Store(path)
    except (StoreError, sqlite3.Error) as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or folders to read, as for extract.", show_default=False),
    ],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)] = None,
    jobs: JobsOption = 1,
    published: PublishedOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress, no per-document lines, no summary.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log details and tracebacks to stderr.")
    ] = False,
) -> None:
    """Process documents and store them, their event reports and the merged events.

    Idempotent: a document already stored with the same content is skipped; one with the
    same id and new content replaces the old. Work is committed in batches, so an
    interrupted ingest is finished by running it again.

    Example: rasd ingest news/ --db events.db --jobs 2
    """
    import orjson

    _configure_logging(verbose)
    try:
        settings = _settings(published=published, max_chars=DEFAULT_MAX_CHARS, tokens=False)
        _check_paths(paths)
    except UsageError as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    store = _open_store(db)
    started = time.perf_counter()
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=quiet or not stderr.is_terminal,
    )

    def records(task: Any) -> Iterator[dict[str, Any]]:
        docs = iter_documents(paths, settings)
        for outcome in process_many(docs, settings, jobs=jobs or os.cpu_count() or 1):
            errors.update(outcome.error_codes)
            warnings.update(outcome.warning_codes)
            if not quiet:
                for line in outcome.error_messages:
                    progress.console.print(f"skipped: {line}", markup=False)
            yield orjson.loads(outcome.line)

    with store, progress:
        task = progress.add_task("ingest", total=None)
        summary = store.ingest_records(
            records(task), on_document=lambda _record: progress.advance(task)
        )
        totals = store.counts()
    if not quiet:
        seconds = time.perf_counter() - started
        rate = summary.documents / seconds if seconds > 0 else 0.0
        parts = [
            f"rasd: {_count(summary.documents, 'document')} ({summary.stored} new, "
            f"{summary.replaced} replaced, {summary.unchanged} unchanged, "
            f"{summary.skipped} skipped; {summary.duplicates} near-duplicates)",
            f"{_count(summary.reports, 'event report')}: {summary.new_events} new events, "
            f"{summary.merged} merged",
            _count(sum(warnings.values()), "warning"),
            f"{seconds:.2f} s ({rate:,.0f} documents/s)",
        ]
        if errors:
            parts.append("errors: " + ", ".join(f"{c} {n}" for c, n in sorted(errors.items())))
        parts.append(
            f"{store.path} holds {_count(totals['documents'], 'document')}, "
            f"{_count(totals['events'], 'event')}"
        )
        stderr.print("; ".join(parts), markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (harakat and clitics ignored).")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many.", min=1)] = 20,
) -> None:
    """Find stored documents with every word of QUERY, best first, with a snippet.

    Example: rasd search "سيارة مفخخة" --db events.db
    """
    with _open_store(db) as store:
        hits = store.search(query, limit=limit)
    for hit in hits:
        facts = " · ".join(x for x in (hit.source, hit.published) if x)
        typer.echo(f"{hit.document_id}  {hit.title or ''}  ({facts})")
        typer.echo(f"    {hit.snippet}")
        if hit.event_ids:
            typer.echo(f"    events: {', '.join(hit.event_ids)}")
    if not hits:
        stderr.print("rasd: no document matches", markup=False)


class EventsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


_EVENT_COLUMNS = (
    "id", "date", "type", "mode", "actor", "target", "place", "country", "admin1",
    "lat", "lon", "killed", "injured", "reports", "sources",
)  # fmt: skip


def _event_row(stored: Any) -> dict[str, Any]:
    event = stored.event
    counts = {count.kind: count.value for count in event.counts}
    where = event.location
    return {
        "id": stored.id,
        "date": event.date.value if event.date else None,
        "type": event.event_type,
        "mode": event.mode,
        "actor": _who(event.actor),
        "target": _who(event.target),
        "place": where.name_en or where.text if where else None,
        "country": where.country if where else None,
        "admin1": where.admin1 if where else None,
        "lat": where.lat if where else None,
        "lon": where.lon if where else None,
        "killed": counts.get("killed"),
        "injured": counts.get("injured"),
        "reports": len(stored.reports),
        "sources": ";".join(sorted({r.source for r in stored.reports if r.source})),
    }


def _who(argument: Any) -> str | None:
    if argument is None:
        return None
    actor = argument.actor
    if actor is not None and (actor.id or actor.cameo):
        return f"{argument.text} [{actor.id or actor.cameo}]"
    return str(argument.text)


@app.command()
def events(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.", show_default=False)
    ] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", help="ISO 3166 alpha-3, e.g. IRQ.", show_default=False),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor", help="Actor id or CAMEO code (actor or target).", show_default=False
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this ISO date on.", show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this ISO date.", show_default=False)
    ] = None,
    near: Annotated[
        str | None,
        typer.Option("--near", help="LAT,LON,KM: within KM of a point.", show_default=False),
    ] = None,
    output_format: Annotated[
        EventsFormat, typer.Option("--format", "-f", help="table, jsonl or csv.")
    ] = EventsFormat.table,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many.", min=1)] = 100,
) -> None:
    """List stored events, latest first, each once with its number of reports.

    Example: rasd events --type ASSAULT --country IRQ --since 2019-03-01 --format csv
    """
    import csv

    import orjson

    point: tuple[float, float, float] | None = None
    try:
        if near is not None:
            parts = [float(part) for part in near.split(",")]
            if len(parts) != 3:
                raise ValueError
            point = (parts[0], parts[1], parts[2])
    except ValueError:
        stderr.print(f"rasd: error: --near: expected LAT,LON,KM, got {near!r}", markup=False)
        raise typer.Exit(2) from None
    with _open_store(db) as store:
        try:
            found = store.events(
                event_type=event_type,
                country=country,
                actor=actor,
                since=since,
                until=until,
                near=point,
                limit=limit,
            )
        except ValueError as err:
            stderr.print(f"rasd: error: --{err}", markup=False)
            raise typer.Exit(2) from None
    rows = [_event_row(stored) for stored in found]
    if output_format is EventsFormat.jsonl:
        for stored, row in zip(found, rows, strict=True):
            record = {**row, "event": stored.event, "merge_reasons": stored.merge_reasons}
            sys.stdout.buffer.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
    elif output_format is EventsFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=_EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table()
        for column in _EVENT_COLUMNS:
            if column not in ("lat", "lon", "admin1", "mode"):
                table.add_column(column)
        for row in rows:
            table.add_row(
                *(
                    "" if row[c] is None else str(row[c])
                    for c in _EVENT_COLUMNS
                    if c not in ("lat", "lon", "admin1", "mode")
                )
            )
        # a pipe or file gets whole rows, not a table folded to 80 columns
        Console(highlight=False, width=None if sys.stdout.isatty() else 200).print(table)


event_app = typer.Typer(help="One stored event.", no_args_is_help=True, add_completion=False)
app.add_typer(event_app, name="event")


@event_app.command("show")
def event_show(
    event_id: Annotated[str, typer.Argument(help="The event's id, as rasd events lists it.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)] = None,
) -> None:
    """Print a merged event, every report of it and why each report was merged.

    Example: rasd event show 5 --db events.db
    """
    from rasd.store.merge import COUNT_RULE

    with _open_store(db) as store:
        stored = store.event(event_id)
        if stored is None:
            stderr.print(f"rasd: error: no event {event_id}", markup=False)
            raise typer.Exit(1)
        sentences = [store.sentence(r.document_id, r.event) for r in stored.reports]
    row = _event_row(stored)
    typer.echo(f"event {stored.id}: {row['type']} on {row['date'] or '?'}")
    for label in ("mode", "actor", "target", "place", "country", "admin1", "lat", "lon"):
        if row[label] is not None:
            typer.echo(f"  {label}: {row[label]}")
    for count in stored.event.counts:
        figures = [
            str(c.value) for report in stored.reports for c in report.event.counts
            if c.kind == count.kind
        ]  # fmt: skip
        typer.echo(f"  {count.kind}: {count.value} (reported: {', '.join(figures)})")
    if stored.event.counts:
        typer.echo(f"  rule: {COUNT_RULE}")
    typer.echo(f"  {_count(len(stored.reports), 'report')}:")
    reasons = ("first report", *stored.merge_reasons)
    for number, (report, sentence, reason) in enumerate(
        zip(stored.reports, sentences, reasons, strict=True), start=1
    ):
        copy = f", copy of {report.duplicate_of}" if report.duplicate_of else ""
        facts = ", ".join(x for x in (report.source, report.published) if x)
        typer.echo(f"  {number}. {report.document_id} ({facts}{copy}): {report.title or ''}")
        if sentence:
            typer.echo(f"     «{sentence}»")
        typer.echo(f"     merged: {reason}")


class ExportFormat(StrEnum):
    acled = "acled"
    plover = "plover"
    parquet = "parquet"
    geojson = "geojson"


@app.command("export")
def export_events(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="File to write (a directory for parquet).", show_default=False
        ),
    ],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="acled, plover, parquet or geojson.")
    ] = ExportFormat.acled,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)] = None,
    historical: Annotated[
        bool,
        typer.Option("--historical", help="Also export background events (ACLED, GeoJSON)."),
    ] = False,
) -> None:
    """Write every stored event as ACLED CSV, PLOVER JSON lines, Parquet or GeoJSON.

    Parquet is a dataset directory partitioned by year; ACLED and GeoJSON hold only what
    happened (no negated, future or hypothetical events; historical ones with --historical).

    Example: rasd export --db events.db --format acled --output events.csv
    """
    from rasd.store.db import iter_events
    from rasd.store.export import export

    with _open_store(db) as store:
        try:
            written = export(
                iter_events(store),
                output_format.value,
                output,
                include_historical=historical,
            )
        except (OSError, ValueError, RuntimeError) as err:
            stderr.print(f"rasd: error: {err}", markup=False)
            raise typer.Exit(2) from None
    stderr.print(f"rasd: {written} events written to {output}", markup=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output records.

    Example: rasd schema > record.schema.json
    """
    text = resources.files("rasd.resources").joinpath("record.schema.json").read_text("utf-8")
    typer.echo(text, nl=False)


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)] = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)
    ] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="RASD_API_TOKEN",
            help="Token that POST /api/ingest needs (default: $RASD_API_TOKEN; none: no writes).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the HTTP API and the web map over an event store.

    Reads are open; POST /api/ingest needs the token. Needs pip install 'rasd[serve]'.

    Example: rasd serve --db events.db --port 8000
    """
    try:
        import uvicorn

        from rasd.api import create_app
    except ImportError as err:
        stderr.print(
            f"rasd: error: serve needs FastAPI and uvicorn ({err}): pip install 'rasd[serve]'",
            markup=False,
        )
        raise typer.Exit(2) from None
    from rasd.store.db import StoreError, default_path

    path = db or default_path()
    try:
        api = create_app(path, token=token or None)
    except (StoreError, sqlite3.Error) as err:
        stderr.print(f"rasd: error: {err}", markup=False)
        raise typer.Exit(2) from None
    writes = "POST /api/ingest enabled" if token else "writes disabled (no token)"
    stderr.print(f"rasd: serving {path} on http://{host}:{port}/ ({writes})", markup=False)
    uvicorn.run(api, host=host, port=port, log_level="warning")


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.CRITICAL,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _settings(*, published: str | None, max_chars: int, tokens: bool) -> Settings:
    published_iso = None
    if published is not None:
        published_iso = parse_published(published)
        if published_iso is None:
            raise UsageError(f"--published: cannot read the date {published!r} (use 2019-03-05)")
    return Settings(max_chars=max_chars, published=published_iso, include_tokens=tokens)


def _require_files(paths: list[Path]) -> None:
    """Exit 2 with one line when a gold or annotation file is missing."""
    for path in paths:
        if not path.is_file():
            stderr.print(f"rasd: error: no such file: {path}", markup=False)
            raise typer.Exit(2)


def _check_paths(paths: list[str]) -> None:
    if paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    for path in paths:
        if path != "-" and not Path(path).exists():
            raise UsageError(f"no such file or directory: {path}")


@contextlib.contextmanager
def _open_output(output: str) -> Iterator[BinaryIO]:
    if output == "-":
        yield sys.stdout.buffer
        return
    try:
        handle = Path(output).open("wb")  # noqa: SIM115 -- closed below, errors reported as OutputError
    except OSError as err:
        raise OutputError(f"cannot write {output}: {err.strerror or err}") from None
    with handle:
        yield handle


def _run(
    paths: list[str],
    settings: Settings,
    *,
    output: str,
    output_format: OutputFormat,
    jobs: int,
    quiet: bool,
) -> None:
    started = time.perf_counter()
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    written = 0
    render = render_text if output_format is OutputFormat.text else None
    show_progress = not quiet and stderr.is_terminal
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not show_progress,
    )
    docs = iter_documents(paths, settings)
    with _open_output(output) as sink, progress:
        task = progress.add_task("extract", total=None)
        try:
            for outcome in process_many(docs, settings, jobs=jobs, render=render):
                _write(sink, outcome, output_format, written=written)
                written += 1
                progress.advance(task)
                errors.update(outcome.error_codes)
                warnings.update(outcome.warning_codes)
                if not quiet:
                    for line in outcome.error_messages:
                        progress.console.print(f"skipped: {line}", markup=False)
        except _StopOutput:
            pass
        with contextlib.suppress(BrokenPipeError):
            sink.flush()
    if not quiet:
        stderr.print(_summary(written, errors, warnings, time.perf_counter() - started, output))


class _StopOutput(Exception):
    """The reader of our output went away (``rasd extract ... | head``): stop quietly."""


def _write(sink: BinaryIO, outcome: Outcome, output_format: OutputFormat, *, written: int) -> None:
    data = outcome.line
    if output_format is OutputFormat.text:
        data = (outcome.rendered or "").encode("utf-8")
    try:
        sink.write(data)
    except BrokenPipeError:
        # Closing stdout now would raise again at exit; point it at devnull instead.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise _StopOutput from None
    except OSError as err:
        raise OutputError(
            f"writing the output failed after {written} records: {err.strerror or err}"
        ) from None


def _summary(
    written: int, errors: Counter[str], warnings: Counter[str], seconds: float, output: str
) -> str:
    skipped = sum(errors.values())
    rate = written / seconds if seconds > 0 else 0.0
    parts = [
        f"rasd: {_count(written, 'document')} ({written - skipped} processed, {skipped} skipped)",
        _count(sum(warnings.values()), "warning"),
        f"{seconds:.2f} s ({rate:,.0f} documents/s)",
    ]
    if errors:
        parts.append("errors: " + ", ".join(f"{c} {n}" for c, n in sorted(errors.items())))
    if warnings:
        parts.append("warnings: " + ", ".join(f"{c} {n}" for c, n in sorted(warnings.items())))
    if output != "-":
        parts.append(f"written to {output}")
    return "; ".join(parts)


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number:,} " + (noun if number == 1 else plural or noun + "s")


def render_text(doc: Document) -> str:
    """A document as a person reads it: header, then its sentences numbered."""
    facts = [doc.language or "?", _count(len(doc.text), "character")]
    if doc.ok:
        facts += [
            _count(len(doc.sentences), "sentence"),
            _count(len(doc.tokens), "token"),
            _count(len(doc.entities), "entity", "entities"),
        ]
    lines = [f"── {doc.id} ── " + " · ".join(facts)]
    for label, value in (
        ("title", doc.title),
        ("source", doc.source),
        ("published", doc.published),
        ("url", doc.url),
    ):
        if value:
            lines.append(f"   {label}: {value}")
    lines += [f"   error: {d.message} [{d.code}]" for d in doc.errors]
    lines += [f"   warning: {d.message} [{d.code}]" for d in doc.warnings]
    width = len(str(len(doc.sentences)))
    indent = " " * (width + 4)
    entities = iter(doc.entities)
    entity = next(entities, None)
    # an event is shown under the sentence of its first evidence
    by_sentence: dict[int, list[Event]] = {}
    for event in doc.events:
        if event.evidence:
            by_sentence.setdefault(event.evidence[0].sentence_start, []).append(event)
    for number, span in enumerate(doc.sentences, start=1):
        sentence = " ".join(doc.text[span.start : span.end].split())
        lines.append(f"   {number:>{width}} [{span.start}:{span.end}] {sentence}")
        found = []
        while entity is not None and entity.start < span.end:
            found.append(f"{entity.text} ({entity.label})")
            entity = next(entities, None)
        if found:
            lines.append(f"{indent}entities: " + ", ".join(found))
        for event in by_sentence.get(span.start, ()):
            lines += _event_lines(event, indent)
    return "\n".join(lines) + "\n\n"


def _event_lines(event: Event, indent: str) -> list[str]:
    """An event as an analyst reads it: what, who to whom, where, when, how many, says who."""
    what = event.event_type + (f" ({event.mode})" if event.mode else "")
    triggers = ", ".join(f"«{e.trigger}»" for e in event.evidence)
    flags = [
        flag for flag in ("negated", "hypothetical", "future", "historical") if getattr(event, flag)
    ]
    head = f"{indent}event: {what}, trigger {triggers}, confidence {event.confidence:.2f}"
    lines = [head + (f" [{', '.join(flags)}]" if flags else "")]
    more = indent + "  "
    if event.context:
        lines.append(f"{more}context: {', '.join(event.context)}")
    for label, argument in (
        ("actor", event.actor),
        ("target", event.target),
        ("according to", event.attribution),
    ):
        if argument is not None:
            lines.append(f"{more}{label}: {argument.text}{_actor_facts(argument.actor)}")
    if event.location is not None:
        place = event.location
        why = f"; {place.reason}" if place.reason else ""
        if place.lat is None or place.lon is None:
            lines.append(f"{more}place: {place.text} (not resolved{why})")
        else:
            facts = ", ".join(str(x) for x in (place.name_en, place.admin1, place.country) if x)
            lines.append(
                f"{more}place: {place.text} -> {facts} ({place.lat:.2f}, {place.lon:.2f}), "
                f"precision {place.precision}{why}"
            )
    if event.date is not None and event.date.value:
        source = f" from «{event.date.text}»" if event.date.text else " (publication)"
        lines.append(f"{more}date: {event.date.value} ({event.date.precision}){source}")
    for count in event.counts:
        qualifier = "" if count.qualifier == "exactly" else f"{count.qualifier} "
        lines.append(f"{more}{count.kind}: {qualifier}{count.value} «{count.text}»")
    for evidence in event.evidence[1:]:
        if evidence.joined:
            lines.append(
                f"{more}joined «{evidence.trigger}» [{evidence.sentence_start}:"
                f"{evidence.sentence_end}]: {evidence.joined}"
            )
    return lines


def _actor_facts(actor: Actor | None) -> str:
    if actor is None:
        return ""
    facts = [x for x in (actor.name_en, actor.cameo, actor.sector, actor.country) if x]
    return f" ({', '.join(facts)})" if facts else ""


def main() -> None:
    """Console entry point: no traceback reaches a user."""
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("rasd: interrupted")
        sys.exit(130)
    except Exception as err:
        log.debug("unexpected error", exc_info=True)
        stderr.print(f"rasd: error: {type(err).__name__}: {err}", markup=False)
        sys.exit(1)
