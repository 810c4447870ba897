"""The HTTP API behind ``rasd serve``: the event store for browsers and other programs.

Reads are open (the server listens on localhost by default); the one write, ``POST
/api/ingest``, needs the operator's token, compared in constant time. Every error is a JSON
object ``{"error": "<one line>"}`` with a 4xx status; the unexpected is logged and answered
with a 500 that says nothing of the code. Bodies are capped before they are parsed (the
``Content-Length`` first, then the bytes as they arrive), so a client cannot make the
server buffer more than the limit. The docs page and its assets come from the package: an
offline laptop has no CDN.

Each worker thread reads through its own read-only connection (SQLite in WAL mode lets
readers run beside the writer); writes go through one connection, one at a time.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import orjson
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from rasd import __version__
from rasd.model import Actor, Argument, Document, Event, PloverType
from rasd.pipeline import dump_record, process
from rasd.settings import DEFAULT_MAX_CHARS, Settings
from rasd.sources.dates import parse_published
from rasd.store.db import Cursor, EventFilter, EventRow, Store
from rasd.store.export import acled_figure, actor_name, event_day, parse_day
from rasd.store.records import StoredEvent

log = logging.getLogger(__name__)

WEB = Path(__file__).resolve().parent / "web"
PLOVER_TYPES = frozenset(get_args(PloverType))
MAX_DOCUMENTS = 100  # documents in one ingest request
MAX_BODY = 16 * 1024 * 1024  # bytes of one ingest request
EXTRACT_OVERHEAD = 64 * 1024  # bytes an extract body may have beside its text
MAX_LIMIT = 500  # events in one page

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


class JsonResponse(Response):
    """orjson: rasd's dataclasses serialise as they are, Arabic stays Arabic."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JsonResponse:
    return JsonResponse({"error": " ".join(message.split())}, status_code=status, headers=headers)


# ---- request bodies ---------------------------------------------------------------------


class ExtractRequest(BaseModel):
    """One document as in rasd's JSONL input."""

    model_config = ConfigDict(extra="forbid")

    text: str
    id: str | None = Field(default=None, min_length=1, max_length=200)
    published: str | None = Field(default=None, max_length=64, description="ISO 8601 date")
    title: str | None = Field(default=None, max_length=2000)


class IngestDocument(ExtractRequest):
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[IngestDocument] = Field(min_length=1, max_length=MAX_DOCUMENTS)


# ---- the body cap -----------------------------------------------------------------------


class BodyTooLarge(HTTPException):
    """Raised while the body arrives: FastAPI passes HTTP exceptions through unchanged."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over the limit of {limit:,} bytes")


class BodyLimit:
    """Refuse a POST body over its path's limit: by ``Content-Length`` before reading, and
    by counting the bytes as they arrive (a chunked body has no length to trust)."""

    def __init__(self, app: Asgi, limits: dict[str, int]) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limits.get(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None:
            if not length.isdigit():
                await _error(400, "Content-Length is not a number")(scope, receive, send)
                return
            if int(length) > limit:
                response = _error(413, f"request body over the limit of {limit:,} bytes")
                await response(scope, receive, send)
                return
        received = 0

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, capped, send)


# ---- the stores -------------------------------------------------------------------------


class Stores:
    """One writer for the whole server, one read-only store per worker thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.writer = Store(self.path)  # creates or upgrades the store before readers open it
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()

    def reader(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            self._local.store = store
            with self._opened_lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._opened_lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
        self.writer.close()


# ---- what the API hands out -------------------------------------------------------------


def _who(argument: Argument | None) -> str | None:
    return actor_name(argument) or None


def summary(stored: StoredEvent) -> dict[str, Any]:
    """An event as a list, a map marker and a timeline show it."""
    event = stored.event
    where = event.location
    day, precision = event_day(stored)
    return {
        "id": stored.id,
        "event_type": event.event_type,
        "mode": event.mode,
        "date": day.isoformat() if day else None,
        "date_precision": precision,
        "country": where.country if where else None,
        "admin1": where.admin1 if where else None,
        "location": (where.name_en or where.name_ar or where.text) if where else None,
        "lat": where.lat if where else None,
        "lon": where.lon if where else None,
        "geo_precision": where.precision if where else None,
        "fatalities": acled_figure(event.counts, "killed") or 0,
        "actor": _who(event.actor),
        "target": _who(event.target),
        "reports": len(stored.reports),
    }


def row_summary(row: EventRow, store: Store) -> dict[str, Any]:
    """``summary`` of an event read without its reports: the same fields, from its JSON.

    The one field that needs the reports, the date of an undated event (its first report's
    publication week), is looked up for such events alone.
    """
    event = row.event
    where = event.get("location") or {}
    when = event.get("date") or {}
    day = parse_day(when.get("value"))
    precision = (when.get("precision") or "day") if day else None
    if day is None:
        published = [found for value in store.report_dates(row.id) if (found := parse_day(value))]
        day, precision = (min(published), "week") if published else (None, None)
    killed = [count["value"] for count in event.get("counts") or () if count["kind"] == "killed"]
    return {
        "id": row.id,
        "event_type": event["event_type"],
        "mode": event.get("mode"),
        "date": day.isoformat() if day else None,
        "date_precision": precision,
        "country": where.get("country"),
        "admin1": where.get("admin1"),
        "location": (where.get("name_en") or where.get("name_ar") or where.get("text"))
        if where
        else None,
        "lat": where.get("lat"),
        "lon": where.get("lon"),
        "geo_precision": where.get("precision"),
        "fatalities": max(killed) if killed else 0,
        "actor": _who_json(event.get("actor")),
        "target": _who_json(event.get("target")),
        "reports": row.reports,
    }


def _who_json(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return None
    actor = data.get("actor")
    argument = Argument(**{**data, "actor": None if actor is None else Actor(**actor)})
    return actor_name(argument) or None


def highlights(event: Event, text: str) -> list[dict[str, Any]]:
    """The spans of a report's reading in its document's text, by kind, in text order.

    Spans outside the text (a record from an older rasd over edited text) are left out
    rather than shown at the wrong place.
    """
    spans: list[tuple[str, int | None, int | None]] = [
        ("trigger", e.trigger_start, e.trigger_end) for e in event.evidence
    ]
    for kind, argument in (
        ("actor", event.actor),
        ("target", event.target),
        ("attribution", event.attribution),
    ):
        if argument is not None:
            spans.append((kind, argument.start, argument.end))
    if event.location is not None:
        spans.append(("location", event.location.start, event.location.end))
    if event.date is not None:
        spans.append(("date", event.date.start, event.date.end))
    spans += [("count", count.start, count.end) for count in event.counts]
    found = {
        (start, end, kind)
        for kind, start, end in spans
        if start is not None and end is not None and 0 <= start < end <= len(text)
    }
    return [{"kind": kind, "start": start, "end": end} for start, end, kind in sorted(found)]


def _detail(stored: StoredEvent, store: Store) -> dict[str, Any]:
    reports = []
    for report in stored.reports:
        record = store.document(report.document_id) or {}
        text: str = record.get("text") or ""
        reports.append(
            {
                "document_id": report.document_id,
                "source": report.source,
                "url": report.url,
                "title": report.title,
                "published": report.published,
                "duplicate_of": report.duplicate_of,
                "text": text,
                "highlights": highlights(report.event, text),
            }
        )
    return {
        "id": stored.id,
        "summary": summary(stored),
        "event": stored.event,
        "merge_reasons": list(stored.merge_reasons),
        "reports": reports,
    }


def encode_cursor(cursor: Cursor) -> str:
    day, event_id = cursor
    return f"{'' if day is None else day}_{event_id}"


def decode_cursor(value: str) -> Cursor:
    day, sep, event_id = value.partition("_")
    if not sep or not event_id.isdigit() or (day and not day.isdigit()):
        raise HTTPException(400, f"cursor: not a cursor this API handed out: {value!r}")
    return (int(day) if day else None, int(event_id))


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` in degrees; min lon > max lon crosses the antimeridian."""
    try:
        parts = [float(part) for part in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or not all(math.isfinite(part) for part in parts):
        raise HTTPException(400, f"bbox: expected minlon,minlat,maxlon,maxlat, got {value!r}")
    west, south, east, north = parts
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(400, f"bbox: out of range or min lat over max lat: {value!r}")
    return west, south, east, north


def event_filter(
    event_type: Annotated[
        str | None,
        Query(alias="type", max_length=20, description="PLOVER type, e.g. ASSAULT"),
    ] = None,
    mode: Annotated[str | None, Query(max_length=50, description="PLOVER mode")] = None,
    country: Annotated[
        str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 3166 alpha-3, e.g. SYR")
    ] = None,
    admin1: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[
        str | None, Query(max_length=100, description="actor id or CAMEO code (actor or target)")
    ] = None,
    since: Annotated[date | None, Query(description="ISO date: events up to it left out")] = None,
    until: Annotated[date | None, Query(description="ISO date: events after it left out")] = None,
    bbox: Annotated[
        str | None, Query(max_length=100, description="minlon,minlat,maxlon,maxlat")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="words of the evidence sentence")
    ] = None,
) -> EventFilter:
    """The filters ``/api/events`` and ``/api/stats`` share, validated."""
    if event_type is not None:
        event_type = event_type.upper()
        if event_type not in PLOVER_TYPES:
            raise HTTPException(400, f"type: not a PLOVER type: {event_type!r}")
    return EventFilter(
        event_type=event_type,
        mode=mode or None,
        country=country.upper() if country else None,
        admin1=admin1 or None,
        actor=actor or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        bbox=parse_bbox(bbox) if bbox else None,
        text=q or None,
    )


def _document(body: ExtractRequest, settings: Settings) -> tuple[Document, Settings]:
    """The Document an API body describes, with its publication date read."""
    if len(body.text) > settings.max_chars:
        raise HTTPException(413, f"text over the limit of {settings.max_chars:,} characters")
    if not body.text.strip():
        raise HTTPException(422, "text: empty")
    published = None
    if body.published is not None:
        published = parse_published(body.published)
        if published is None:
            raise HTTPException(422, f"published: cannot read the date {body.published!r}")
    doc_id = body.id or "api-" + hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:16]
    doc = Document(
        id=doc_id,
        text=body.text,
        origin=f"api:{doc_id}",
        title=body.title,
        published=published,
        source=getattr(body, "source", None),
        url=getattr(body, "url", None),
    )
    return doc, Settings(max_chars=settings.max_chars, published=published)


# ---- the application --------------------------------------------------------------------


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    max_body: int = MAX_BODY,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_documents: int = MAX_DOCUMENTS,
) -> FastAPI:
    """The API over the store at ``db_path`` (created when missing).

    ``token`` enables ``POST /api/ingest`` (``None``: writes are refused); ``max_body`` caps
    an ingest body in bytes, ``max_documents`` its documents; an extract body may carry
    ``max_chars`` characters of text (4 bytes each at most in UTF-8) and a little more.
    """
    stores = Stores(db_path)
    settings = Settings(max_chars=max_chars)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        title="rasd",
        version=__version__,
        description="Arabic news as PLOVER-coded events, every field tied to the text.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        default_response_class=JsonResponse,
    )
    app.state.stores = stores
    extract_limit = settings.max_bytes + EXTRACT_OVERHEAD
    app.add_middleware(BodyLimit, limits={"/api/extract": extract_limit, "/api/ingest": max_body})
    _handlers(app)

    @app.get("/api/events", summary="Events, filtered, latest first")
    def list_events(
        filters: Annotated[EventFilter, Depends(event_filter)],
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        cursor: Annotated[str | None, Query(max_length=64)] = None,
        output: Annotated[Literal["json", "geojson"], Query(alias="format")] = "json",
    ) -> JsonResponse:
        after = decode_cursor(cursor) if cursor else None
        try:
            store = stores.reader()
            page = store.rows_page(filters, limit=limit, after=after)
        except ValueError as err:
            raise HTTPException(400, str(err)) from None
        following = encode_cursor(page.next) if page.next else None
        rows = [row_summary(row, store) for row in page.events]
        if output == "geojson":
            features = [
                {
                    "type": "Feature",
                    "id": row["id"],
                    "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                    "properties": row,
                }
                for row in rows
                if row["lat"] is not None and row["lon"] is not None
            ]
            return JsonResponse(
                {"type": "FeatureCollection", "features": features, "next": following}
            )
        return JsonResponse({"events": rows, "next": following})

    @app.get("/api/events/{event_id}", summary="One event with its reports and evidence")
    def show_event(event_id: Annotated[str, PathParam(max_length=32)]) -> JsonResponse:
        store = stores.reader()
        stored = store.event(event_id)
        if stored is None:
            raise HTTPException(404, f"no event {event_id}")
        return JsonResponse(_detail(stored, store))

    @app.get("/api/documents/{document_id}", summary="A stored document's output record")
    def show_document(document_id: Annotated[str, PathParam(max_length=200)]) -> JsonResponse:
        record = stores.reader().document(document_id)
        if record is None:
            raise HTTPException(404, f"no document {document_id}")
        return JsonResponse(record)

    @app.get("/api/search", summary="Documents with every word, best first")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> JsonResponse:
        hits = stores.reader().search(q, limit=limit)
        return JsonResponse(
            {
                "hits": [
                    {
                        "document_id": hit.document_id,
                        "title": hit.title,
                        "source": hit.source,
                        "published": hit.published,
                        "snippet": hit.snippet,
                        "events": list(hit.event_ids),
                    }
                    for hit in hits
                ]
            }
        )

    @app.get("/api/stats", summary="Counts by type, day and country")
    def stats(filters: Annotated[EventFilter, Depends(event_filter)]) -> JsonResponse:
        try:
            return JsonResponse(stores.reader().stats(filters))
        except ValueError as err:
            raise HTTPException(400, str(err)) from None

    @app.post("/api/extract", summary="Run rasd on one document; nothing is stored")
    def extract(body: ExtractRequest) -> Response:
        doc, run = _document(body, settings)
        return Response(dump_record(process(doc, run)), media_type="application/json")

    @app.post(
        "/api/ingest",
        summary="Process documents and store them (needs the operator's token)",
        responses={401: {"description": "no token"}, 403: {"description": "wrong token"}},
    )
    def ingest(
        body: IngestRequest,
        authorization: Annotated[str | None, Header(max_length=1000)] = None,
    ) -> JsonResponse:
        _authorize(authorization, token)  # the middleware checked it already; belt and braces
        if len(body.documents) > max_documents:
            raise HTTPException(413, f"more than {max_documents} documents in one request")
        records: list[dict[str, Any]] = []
        skipped: list[dict[str, str]] = []
        for item in body.documents:
            doc, run = _document(item, settings)
            done = process(doc, run)
            if done.errors:
                skipped.append({"id": done.id, "error": done.errors[0].message})
                continue
            records.append(orjson.loads(dump_record(done)))
        ids = list(dict.fromkeys(record["id"] for record in records))
        with stores.write_lock:
            stores.writer.ingest_records(records)
            events = stores.writer.document_events(ids) if ids else []
        return JsonResponse({"ingested": ids, "events": events, "skipped": skipped})

    app.add_middleware(TokenGate, token=token)

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        page = WEB / "index.html"
        if page.is_file():
            return HTMLResponse(page.read_text("utf-8"))
        return HTMLResponse(
            "<!doctype html><title>rasd</title><p>rasd: see <a href=/docs>/docs</a>"
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="rasd API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    app.mount("/static", StaticFiles(directory=WEB / "static", check_dir=False), name="static")
    return app


def _authorize(header: str | None, token: str | None) -> None:
    """Pass when ``header`` is ``Bearer <token>``; refuse with a message that says why."""
    if not token:
        raise HTTPException(
            403, "writes are disabled: start rasd serve with --token or RASD_API_TOKEN"
        )
    if not header:
        raise HTTPException(
            401,
            "this endpoint needs the operator's token: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    scheme, _, given = header.partition(" ")
    ok = scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    )
    if not ok:
        raise HTTPException(403, "wrong token")


class TokenGate:
    """Refuse writes without the token before their body is read."""

    def __init__(self, app: Asgi, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path") == "/api/ingest":
            headers = dict(scope.get("headers") or ())
            raw = headers.get(b"authorization")
            try:
                _authorize(raw.decode("latin-1") if raw is not None else None, self.token)
            except HTTPException as refused:
                response = _error(refused.status_code, str(refused.detail), refused.headers)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _handlers(app: FastAPI) -> None:
    """Every error a JSON object with one line; no traceback ever leaves the server."""

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(exc.status_code, str(exc.detail), exc.headers)

    async def invalid(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        if not errors:
            return _error(422, "invalid request")
        first = errors[0]
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
        message = f"{where}: {first.get('msg', 'invalid')}" if where else first.get("msg", "")
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more)"
        return _error(422, message)

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, "internal error")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)
