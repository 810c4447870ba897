"""The web map in a real browser: Debian's Chromium, driven by Playwright, on a fixture store.

The store holds the fixture news day, the seed article and a hostile document (a ``<script>``
tag and a character outside the BMP before its evidence). The test opens ``/``, waits for
the markers, clicks the Baghouz surrender marker and checks the detail panel shows the
Arabic article right-to-left with مصدر عسكري، 150 and الباغوز highlighted; it saves a
screenshot (copied to ``$RASD_ARTIFACTS`` when set). Without Chromium or Playwright the
tests skip, so a machine without them stays green.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from rasd.api import create_app
from rasd.pipeline import dump_record, extract_text
from rasd.settings import Settings
from rasd.store.db import Store
from tests.store.fixtures import CORPUS, PUBLISHED

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "baghouz_surrender_ar.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# A non-BMP letter (2 UTF-16 units, 1 code point) and a script tag before the evidence:
# a wrong offset conversion shifts every highlight, a wrong escape runs the script.
HOSTILE = (
    "\U0001d400 <script>window.__pwned = 1</script> <img src=x onerror=window.__pwned=2>\n"
    "قتل خمسة أشخاص في هجوم انتحاري بسيارة مفخخة استهدف سوقا في مدينة تكريت أمس، "
    "بحسب مصدر في الشرطة."
)

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


def _record(doc: dict[str, Any]) -> dict[str, Any]:
    settings = Settings(published=doc["published"])
    processed = extract_text(doc["text"], doc_id=doc["id"], settings=settings)
    record: dict[str, Any] = orjson.loads(dump_record(processed))
    record.update({k: doc.get(k) for k in ("title", "source", "url", "published")})
    return record


def _documents() -> list[dict[str, Any]]:
    extra = [
        {
            "id": "baghouz",
            "text": SEED.read_text(encoding="utf-8"),
            "title": "استسلام مئات من مقاتلي داعش في الباغوز",
            "source": "seed",
            "url": "https://seed.example/baghouz",
            "published": "2019-03-05",
        },
        {
            "id": "hostile",
            "text": HOSTILE,
            "title": "<b>عنوان</b>",
            "source": "<i>x</i>",
            "url": "javascript:alert(1)",
            "published": PUBLISHED,
        },
    ]
    return [*CORPUS, *extra]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the fixture store, served by uvicorn in a thread on a free port."""
    import uvicorn

    db_path = tmp_path_factory.mktemp("web") / "news.db"
    with Store(db_path) as store:
        store.ingest_records([_record(doc) for doc in _documents()])
    port = _free_port()
    config = uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port, log_level="warning")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    # offline: any request that leaves the test server fails the test
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    opened.route("**/*", guard)
    opened.goto(server + "/")
    opened.wait_for_selector("body[data-ready=true]")
    yield opened
    context.close()
    assert not errors, errors
    assert not outside, f"the page fetched from outside the server: {outside}"


def _screenshot(page: Any, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    if artifacts := os.environ.get("RASD_ARTIFACTS"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artifacts) / name)
    return shot


def _marker(page: Any, wanted: str) -> tuple[dict[str, Any], Any]:
    """The first event (summary, marker) whose detail JSON satisfies the JS test ``wanted``."""
    found = page.evaluate(
        "async (wanted) => { const test = new Function('d', 'return ' + wanted);"
        " const all = (await (await fetch('/api/events?format=geojson&limit=500')).json());"
        " for (const f of all.features) {"
        "  const d = await (await fetch('/api/events/' + f.properties.id)).json();"
        "  if (test(d)) return f.properties; } return null; }",
        wanted,
    )
    assert found is not None, wanted
    return found, page.locator(f'path.event-marker[data-id="{found["id"]}"]')


def _open(page: Any, marker: Any, event_id: str) -> Any:
    marker.dispatch_event("click")  # markers can overlap at one place: click this one
    page.wait_for_selector(f'#detail[data-loaded="{event_id}"]')
    return page.locator("#detail")


def test_clicking_a_marker_shows_the_highlighted_arabic_evidence(page: Any, tmp_path: Path) -> None:
    assert page.locator("path.event-marker").count() >= 4
    # the Baghouz events sit in eastern Syria
    summary, marker = _marker(page, "(d.event.counts || []).some(c => c.value === 150)")
    assert summary["country"] == "SYR" and 34 < summary["lat"] < 35.5 < 40 < summary["lon"] < 42
    detail = _open(page, marker, summary["id"])
    article = detail.locator('.report[data-document="baghouz"] .article')
    assert article.get_attribute("dir") == "rtl" and article.get_attribute("lang") == "ar"
    assert "الباغوز" in article.inner_text()
    assert "مصدر عسكري" in article.locator("mark.hl-attribution").all_inner_texts()
    assert any("150" in text for text in article.locator("mark.hl-count").all_inner_texts())
    assert "الباغوز" in article.locator("mark.hl-location").all_inner_texts()
    font = article.evaluate("node => getComputedStyle(node).fontFamily")
    assert "Noto Naskh Arabic" in font and "DejaVu Sans" in font
    assert detail.locator(".legend mark.hl-actor").count() == 1
    shown = detail.inner_text()
    assert "SYR" in shown and "null" not in shown and "undefined" not in shown
    _screenshot(page, tmp_path, "web-baghouz.png")


def test_a_list_row_opens_the_detail_with_the_actor_highlighted(page: Any) -> None:
    protest, _ = _marker(page, "d.summary.event_type === 'PROTEST' && d.event.actor")
    page.locator(f'#list .row[data-id="{protest["id"]}"]').click()
    page.wait_for_selector(f'#detail[data-loaded="{protest["id"]}"]')
    event = page.evaluate(
        f"async () => (await (await fetch('/api/events/{protest['id']}')).json())"
    )
    actors = page.locator("#detail .article mark.hl-actor").all_inner_texts()
    assert event["event"]["actor"]["text"] in actors


def test_hostile_text_is_shown_as_text_and_offsets_survive_a_non_bmp_character(
    page: Any, tmp_path: Path
) -> None:
    summaries = page.evaluate(
        "async () => (await (await fetch('/api/events?limit=500')).json()).events"
    )
    found = page.evaluate(
        "async (ids) => { for (const id of ids) {"
        " const d = await (await fetch('/api/events/' + id)).json();"
        " if (d.reports.some(r => r.document_id === 'hostile')) return d; } return null; }",
        [s["id"] for s in summaries],
    )
    assert found is not None, "the hostile document made no event"
    page.locator(f'#list .row[data-id="{found["id"]}"]').click()
    page.wait_for_selector(f'#detail[data-loaded="{found["id"]}"]')
    article = page.locator('#detail .report[data-document="hostile"] .article')
    assert "<script>window.__pwned = 1</script>" in article.inner_text()
    assert article.locator("script, img").count() == 0
    assert page.evaluate("window.__pwned") is None
    codepoints = list(HOSTILE)  # Python offsets count code points
    report = next(r for r in found["reports"] if r["document_id"] == "hostile")
    for span in report["highlights"]:
        expected = "".join(codepoints[span["start"] : span["end"]])
        kind = span["kind"]
        assert expected in article.locator(f"mark.hl-{kind}").all_inner_texts(), kind
    assert page.locator("#detail a[href^=javascript]").count() == 0
    _screenshot(page, tmp_path, "web-hostile.png")


HIGHLIGHT_JS = """async ([text, spans]) => {
  const { highlight } = await import('/static/app.js');
  const box = document.createElement('div');
  box.append(highlight(text, spans));
  return {
    text: box.textContent,
    marks: [...box.querySelectorAll('mark')].map(m => [m.dataset.kind, m.textContent]),
  };
}"""


HIGHLIGHT_CASES: list[tuple[str, list[dict[str, Any]], list[list[str]]]] = [
    ("\U0001f600ab", [{"kind": "actor", "start": 1, "end": 2}], [["actor", "a"]]),
    (
        "قال مصدر عسكري",
        [
            {"kind": "attribution", "start": 4, "end": 14},
            {"kind": "actor", "start": 4, "end": 8},
        ],
        [["attribution", "مصدر عسكري"], ["actor", "مصدر"]],
    ),
    (  # crossing spans: the second is split where the first ends
        "abcdef",
        [{"kind": "actor", "start": 0, "end": 3}, {"kind": "count", "start": 2, "end": 5}],
        [["actor", "abc"], ["count", "c"], ["count", "de"]],
    ),
    (
        "ab",
        [{"kind": "date", "start": 1, "end": 99}, {"kind": "x", "start": 2, "end": 1}],
        [["date", "b"]],
    ),
]


def test_highlight_converts_code_points_and_nests_spans(page: Any) -> None:
    for text, spans, marks in HIGHLIGHT_CASES:
        result = page.evaluate(HIGHLIGHT_JS, [text, spans])
        assert result == {"text": text, "marks": marks}, text


def test_the_page_switches_to_arabic_right_to_left(page: Any) -> None:
    page.click("#lang")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.locator("#filters [data-i18n=type]").inner_text() == "النوع"
    page.click("#lang")
    assert page.evaluate("document.documentElement.dir") == "ltr"


def test_brushing_the_timeline_filters_the_map_and_the_list(page: Any) -> None:
    bars = page.locator("#timeline .bar")
    days = [bars.nth(i).get_attribute("data-day") for i in range(bars.count())]
    assert "2019-03-04" in days and "2019-03-03" in days
    before = page.locator("#list .row").count()
    box = page.locator('#timeline .bar[data-day="2019-03-04"]').bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()
    page.wait_for_function(f"document.querySelectorAll('#list .row').length < {before}")
    assert page.input_value("#filters input[name=since]") == "2019-03-04"
    assert page.input_value("#filters input[name=until]") == "2019-03-04"
    shown = page.evaluate(
        "[...document.querySelectorAll('#list .row .when')].map(n => n.textContent)"
    )
    # a day-precision event of that day, and the week-precision offensive whose week covers it
    assert "2019-03-04" in shown and set(shown) <= {"2019-03-03", "2019-03-04"}
