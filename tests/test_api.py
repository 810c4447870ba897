"""The HTTP API over a store of the fixture news day: every endpoint, its errors, its limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.api import create_app, decode_cursor, encode_cursor
from rasd.store.db import Store
from tests.store.fixtures import CORPUS, MOSUL_A, PUBLISHED, processed_record

TOKEN = "s3cret-token"
SUMMARY_KEYS = {
    "id", "event_type", "mode", "date", "date_precision", "country", "admin1", "location",
    "lat", "lon", "geo_precision", "fatalities", "actor", "target", "reports",
}  # fmt: skip


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "news.db"
    with Store(path) as store:
        store.ingest_records([processed_record(doc) for doc in CORPUS])
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_path, token=TOKEN), raise_server_exceptions=False) as opened:
        yield opened


def _all_events(client: TestClient) -> list[dict[str, Any]]:
    return list(client.get("/api/events").json()["events"])


def test_events_list_summaries_latest_first(client: TestClient) -> None:
    response = client.get("/api/events")
    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    events = body["events"]
    assert events and all(set(e) == SUMMARY_KEYS for e in events)
    types = {e["event_type"] for e in events}
    assert {"PROTEST", "ASSAULT"} <= types
    mosul = next(e for e in events if e["event_type"] == "ASSAULT")
    assert mosul["fatalities"] == 5 and mosul["reports"] == 2  # the lowest toll, two outlets
    assert mosul["country"] == "IRQ" and mosul["lat"] is not None
    dates = [e["date"] for e in events if e["date"]]
    assert dates == sorted(dates, reverse=True)
    # Arabic goes out as UTF-8, not \\u escapes
    assert "\\u06" not in response.text


def test_filters(client: TestClient) -> None:
    everything = _all_events(client)
    assault = client.get("/api/events", params={"type": "assault"}).json()["events"]
    assert assault and all(e["event_type"] == "ASSAULT" for e in assault)
    irq = client.get("/api/events", params={"country": "irq"}).json()["events"]
    assert irq and all(e["country"] == "IRQ" for e in irq)
    assert len(irq) < len(everything)  # Algiers is elsewhere
    mode = assault[0]["mode"]
    if mode:
        by_mode = client.get("/api/events", params={"mode": mode}).json()["events"]
        assert by_mode and all(e["mode"] == mode for e in by_mode)
    admin1 = irq[0]["admin1"]
    by_admin = client.get("/api/events", params={"admin1": admin1}).json()["events"]
    assert by_admin and all(e["admin1"] == admin1 for e in by_admin)
    later = client.get("/api/events", params={"since": "2019-04-01"}).json()["events"]
    assert later == []
    window = client.get(
        "/api/events", params={"since": "2019-03-01", "until": "2019-03-31"}
    ).json()["events"]
    assert len(window) == len([e for e in everything if e["date"]])
    # a box around Iraq keeps Basra and Mosul, not Algiers
    boxed = client.get("/api/events", params={"bbox": "38,29,49,38"}).json()["events"]
    assert boxed and all(38 <= e["lon"] <= 49 and 29 <= e["lat"] <= 38 for e in boxed)
    assert all(e["country"] == "IRQ" for e in boxed)
    text = client.get("/api/events", params={"q": "سيارة مفخخة"}).json()["events"]
    assert [e["event_type"] for e in text] == ["ASSAULT"]
    assert client.get("/api/events", params={"q": "زلزال"}).json()["events"] == []
    nobody = client.get("/api/events", params={"actor": "no-such-actor"}).json()["events"]
    assert nobody == []


def test_cursor_pagination_visits_every_event_once(client: TestClient) -> None:
    everything = [e["id"] for e in _all_events(client)]
    seen: list[str] = []
    cursor = None
    for _ in range(len(everything) + 1):
        params: dict[str, Any] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/events", params=params).json()
        seen += [e["id"] for e in body["events"]]
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == everything


@given(day=st.none() | st.integers(0, 10**7), event_id=st.integers(0, 10**12))
def test_cursor_round_trips(day: int | None, event_id: int) -> None:
    assert decode_cursor(encode_cursor((day, event_id))) == (day, event_id)


def test_geojson(client: TestClient) -> None:
    body = client.get("/api/events", params={"format": "geojson"}).json()
    assert body["type"] == "FeatureCollection" and "next" in body
    located = [e for e in _all_events(client) if e["lat"] is not None]
    assert len(body["features"]) == len(located) > 0
    for feature in body["features"]:
        props = feature["properties"]
        assert set(props) == SUMMARY_KEYS
        assert feature["geometry"] == {"type": "Point", "coordinates": [props["lon"], props["lat"]]}


def test_event_detail_highlights_point_at_the_text(client: TestClient) -> None:
    mosul = next(e for e in _all_events(client) if e["event_type"] == "ASSAULT")
    body = client.get(f"/api/events/{mosul['id']}").json()
    assert body["id"] == mosul["id"] and body["summary"] == mosul
    assert body["event"]["event_type"] == "ASSAULT"
    assert len(body["merge_reasons"]) == 1
    assert {r["document_id"] for r in body["reports"]} == {"mosul-a", "mosul-b"}
    report = next(r for r in body["reports"] if r["document_id"] == "mosul-a")
    assert report["text"] == MOSUL_A
    spans: dict[str, list[str]] = {}
    for item in report["highlights"]:
        spans.setdefault(item["kind"], []).append(report["text"][item["start"] : item["end"]])
    assert spans["trigger"] and all(spans["trigger"])
    assert any("خمسة" in count for count in spans["count"])
    assert any("الموصل" in place for place in spans["location"])
    assert spans["date"] == ["أمس"]
    assert any("مصدر أمني" in source for source in spans["attribution"])
    for item in report["highlights"]:
        assert 0 <= item["start"] < item["end"] <= len(report["text"])
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/events/abc").json() == {"error": "no event abc"}


def test_document_search_stats(client: TestClient) -> None:
    record = client.get("/api/documents/mosul-b").json()
    assert record["id"] == "mosul-b" and record["events"] and "entities" in record
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["error"]
    hits = client.get("/api/search", params={"q": "بالموصل"}).json()["hits"]
    assert {h["document_id"] for h in hits} == {"mosul-a", "mosul-b"}
    assert all(h["events"] and h["snippet"] for h in hits)
    stats = client.get("/api/stats").json()
    everything = _all_events(client)
    assert stats["total"] == len(everything) == sum(stats["by_type"].values())
    assert stats["by_type"]["ASSAULT"] == 1
    assert stats["by_day"] == {"2019-03-04": stats["by_day"]["2019-03-04"], **stats["by_day"]}
    assert sum(stats["by_country"].values()) == len([e for e in everything if e["country"]])
    only = client.get("/api/stats", params={"type": "PROTEST", "country": "IRQ"}).json()
    assert set(only["by_type"]) == {"PROTEST"} and set(only["by_country"]) == {"IRQ"}


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"type": "PARTY"}, 400),
        ({"since": "2019-13-45"}, 422),
        ({"until": "yesterday"}, 422),
        ({"limit": 0}, 422),
        ({"limit": 10_000}, 422),
        ({"limit": "many"}, 422),
        ({"country": "Iraq"}, 422),
        ({"bbox": "1,2,3"}, 400),
        ({"bbox": "1,2,3,nan"}, 400),
        ({"bbox": "0,50,10,40"}, 400),
        ({"cursor": "x_y"}, 400),
        ({"format": "csv"}, 422),
        ({"q": "ك" * 500}, 422),
    ],
)
def test_bad_parameters_get_json_4xx(
    client: TestClient, params: dict[str, Any], status: int
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    error = response.json()["error"]
    assert isinstance(error, str) and error and "\n" not in error


def test_unknown_route_is_json_404(client: TestClient) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.json() == {"error": "Not Found"}


def test_extract(client: TestClient) -> None:
    body = {"text": MOSUL_A, "id": "x1", "published": "2019-03-05", "title": "t"}
    record = client.post("/api/extract", json=body).json()
    assert record["id"] == "x1" and record["title"] == "t" and record["published"] == "2019-03-05"
    (event,) = [e for e in record["events"] if e["event_type"] == "ASSAULT"]
    assert event["date"]["value"] == "2019-03-04"
    assert client.get("/api/documents/x1").status_code == 404  # extract stores nothing
    bad = [
        client.post(
            "/api/extract", content=b"{not json", headers={"content-type": "application/json"}
        ),
        client.post("/api/extract", json={"text": MOSUL_A, "published": "soon"}),
        client.post("/api/extract", json={"text": "   "}),
        client.post("/api/extract", json={"txt": MOSUL_A}),
        client.post("/api/extract", json={"text": 5}),
        client.post("/api/extract", json=[1, 2]),
    ]
    for response in bad:
        assert response.status_code == 422, response.text
        assert "\n" not in response.json()["error"]


def test_body_limits(db_path: Path, tmp_path: Path) -> None:
    app = create_app(
        tmp_path / "small.db", token=TOKEN, max_chars=100, max_body=2_000, max_documents=3
    )
    with TestClient(app) as small:
        too_long = small.post("/api/extract", json={"text": "ب" * 101})
        assert too_long.status_code == 413 and "100" in too_long.json()["error"]
        huge = json.dumps({"text": "ب" * 100, "title": "x" * 70_000}).encode()
        by_length = small.post("/api/extract", content=huge)
        assert by_length.status_code == 413 and "bytes" in by_length.json()["error"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the streaming cap must count
            yield b'{"documents": ['
            for _ in range(100):
                yield b'{"text": "' + "ب".encode() * 20 + b'"},'
            yield b'{"text": "x"}]}'

        streamed = small.post(
            "/api/ingest",
            content=chunks(),
            headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/json"},
        )
        assert streamed.status_code == 413 and "2,000 bytes" in streamed.json()["error"]
        many = {"documents": [{"text": "نص"}] * 4}
        big = small.post("/api/ingest", json=many, headers={"authorization": f"Bearer {TOKEN}"})
        assert big.status_code == 413 and "3 documents" in big.json()["error"]


def test_ingest_needs_the_token(tmp_path: Path) -> None:
    doc = {"documents": [{"text": MOSUL_A, "id": "m", "published": PUBLISHED, "source": "s"}]}
    with TestClient(create_app(tmp_path / "w.db", token=TOKEN)) as writable:
        missing = writable.post("/api/ingest", json=doc)
        assert missing.status_code == 401 and "token" in missing.json()["error"]
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = writable.post("/api/ingest", json=doc, headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 403 and wrong.json() == {"error": "wrong token"}
        basic = writable.post("/api/ingest", json=doc, headers={"authorization": TOKEN})
        assert basic.status_code == 403
        assert writable.get("/api/events").json()["events"] == []
        auth = {"authorization": f"Bearer {TOKEN}"}
        done = writable.post("/api/ingest", json=doc, headers=auth)
        assert done.status_code == 200, done.text
        body = done.json()
        assert body["ingested"] == ["m"] and body["events"]
        listed = {e["id"] for e in writable.get("/api/events").json()["events"]}
        assert set(body["events"]) == listed
        again = writable.post("/api/ingest", json=doc, headers=auth).json()
        assert again["events"] == body["events"]  # idempotent
        bad_date = {"documents": [{"text": MOSUL_A, "published": "31/31/2019"}]}
        assert writable.post("/api/ingest", json=bad_date, headers=auth).status_code == 422
        assert writable.post("/api/ingest", json={"documents": []}, headers=auth).status_code == 422
    with TestClient(create_app(tmp_path / "r.db")) as readonly:
        refused = readonly.post("/api/ingest", json=doc, headers={"authorization": "Bearer x"})
        assert refused.status_code == 403 and "disabled" in refused.json()["error"]


def test_page_docs_and_assets_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/swagger/swagger-ui.css").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/ingest"} <= set(
        spec["paths"]
    )
    assert (
        "access-control-allow-origin"
        not in client.get("/api/events", headers={"origin": "https://evil.example"}).headers
    )


def test_unexpected_errors_are_500_json_without_details(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Store, "search", boom)
    with TestClient(create_app(db_path), raise_server_exceptions=False) as broken:
        response = broken.get("/api/search", params={"q": "الموصل"})
    assert response.status_code == 500 and response.json() == {"error": "internal error"}


_TEXT = st.text(alphabet=st.sampled_from("abc,.-_:09 بغداد٣\x00%&?"), max_size=12)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "type",
                "mode",
                "country",
                "admin1",
                "actor",
                "since",
                "until",
                "bbox",
                "q",
                "limit",
                "cursor",
                "format",
            ]
        ),
        _TEXT | st.integers(-5, 10**6).map(str) | st.sampled_from(["2019-03-04", "ASSAULT"]),
        max_size=5,
    ),
    path=st.sampled_from(["/api/events", "/api/stats"]),
)
def test_query_fuzz_never_5xx(client: TestClient, params: dict[str, str], path: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code < 500, (params, response.text)
    assert response.headers["content-type"].startswith("application/json")
    if response.status_code >= 400:
        assert set(response.json()) == {"error"}


def test_openapi_schemathesis_finds_no_5xx(client: TestClient) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import Phase

    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list[str] = []
    calls: list[str] = []
    for operation in schema.get_all_operations():
        op = operation.ok()
        if op.method.upper() == "POST" and op.path == "/api/ingest":
            continue  # needs the token; its refusals are tested above

        @settings(max_examples=15, deadline=None, phases=[Phase.generate])
        @given(case=op.as_strategy())
        def check(case: Any) -> None:
            response = case.call()
            calls.append(case.path)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {response.status_code}")

        check()
    assert failures == []
    assert {"/api/events", "/api/stats", "/api/search", "/api/extract"} <= set(calls)
