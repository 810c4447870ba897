"""Load test of ``rasd serve``: 50 concurrent clients against a store of 100,000 events.

    python benchmarks/serve_load.py                     # temporary store, 30 s, 50 clients
    python benchmarks/serve_load.py --db load.db        # fill load.db once, reuse it after
    python benchmarks/serve_load.py --seconds 10 --clients 20
    python benchmarks/serve_load.py --db load.db --think 1   # analysts: ~1 s between clicks

Fills a store with ``--events`` synthetic events (``benchmarks/store.py``'s filler: a real
article's coded events spread over ten years and the Middle East), or reuses ``--db`` when
it already holds that many; starts ``rasd serve`` on 127.0.0.1 on a free port in a child
process (uvicorn, one process: FastAPI runs the handlers in anyio's thread pool, 40 worker
threads by default, each with its own read-only connection); waits for it; then runs
``--clients`` clients for ``--seconds``, each sending its next request as soon as the last
is answered (no think time, the default: the harshest closed loop) or after a random pause
of 0.5 to 1.5 times ``--think`` seconds (50 analysts clicking), a mix of what the web page and a
script send: filtered ``/api/events`` (type, country, since/until, bbox, limit), the same
as GeoJSON, ``/api/stats`` and ``/api/search``.

Prints requests, errors, throughput and p50/p95/p99 latency per endpoint and overall.
Exits 1 on any error (a status other than 200, a refused or dropped connection), 2 when the
p95 of filtered event queries is over ``--target-ms`` (issue 8: 100 ms). Only 127.0.0.1 is
ever a target: a load test is not to be pointed at someone else's server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import machine

from rasd.store.db import Store
from store import COUNTRIES, TYPES, synthetic_records

HOST = "127.0.0.1"
FIRST_DAY = 735600  # the filler's first day (2015-01-02); its events span 3,650 days
SPAN_DAYS = 3650
WORDS = ("الباغوز", "قوات سوريا", "تنظيم الدولة", "مصدر عسكري", "استسلام", "المدنيين")


# ---- the store --------------------------------------------------------------------------


def fill(db: Path, events: int) -> int:
    """Make sure ``db`` holds at least ``events`` events; the number it holds."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with Store(db) as store:
        held = store.counts()["events"]
        if held >= events:
            print(f"reusing {db}: {held:,} events")
            return held
        started = time.perf_counter()
        wanted = events
        while held < events:  # reports close in type, place and day merge: ask for more
            wanted = max(wanted + 1000, int(wanted * events / max(held, 1) * 1.02))
            store.ingest_records(synthetic_records(wanted), batch_size=500)  # old ones: skipped
            held = store.counts()["events"]
        counts = store.counts()
    print(
        f"filled {db} with {counts['events']:,} events ({counts['documents']:,} documents) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return counts["events"]


# ---- the server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(db: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``rasd serve`` in a child process, stopped (and waited for) on the way out."""
    command = [sys.executable, "-c", "from rasd.cli import main; main()", "serve"]
    command += ["--db", str(db), "--host", HOST, "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k != "RASD_API_TOKEN"}  # reads only
    with log.open("wb") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def wait_ready(base: str, child: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            sys.exit(f"rasd serve exited with {child.returncode}:\n{log.read_text('utf-8')}")
        try:
            if httpx.get(base + "/api/events?limit=1", timeout=2, trust_env=False).is_success:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    sys.exit(f"rasd serve did not answer within {timeout:.0f} s:\n{log.read_text('utf-8')}")


# ---- the requests -----------------------------------------------------------------------


def _iso(day: int) -> str:
    return date.fromordinal(day).isoformat()


def _window(rng: random.Random) -> dict[str, str]:
    """A date range as an analyst picks one: a week, a month, a quarter or a year."""
    length = rng.choice((7, 31, 92, 365))
    start = FIRST_DAY + rng.randrange(SPAN_DAYS - length)
    return {"since": _iso(start), "until": _iso(start + length)}


def _bbox(rng: random.Random) -> str:
    """A map view over the filler's area (13-37 N, 9-55 E), 2 to 12 degrees wide."""
    width = rng.uniform(2, 12)
    west, south = rng.uniform(9, 55 - width), rng.uniform(13, 37 - width / 2)
    return f"{west:.3f},{south:.3f},{west + width:.3f},{south + width / 2:.3f}"


def event_params(rng: random.Random) -> dict[str, str]:
    """One to three filters of the web page's and a script's kinds, and a page size."""
    params: dict[str, str] = {}
    kinds = rng.sample(("type", "country", "dates", "bbox", "since"), rng.choice((1, 2, 3)))
    if "type" in kinds:
        params["type"] = rng.choice(TYPES)
    if "country" in kinds:
        params["country"] = rng.choice(COUNTRIES)
    if "dates" in kinds:
        params.update(_window(rng))
    elif "since" in kinds:
        params["since"] = _iso(FIRST_DAY + rng.randrange(SPAN_DAYS))
    if "bbox" in kinds:
        params["bbox"] = _bbox(rng)
    params["limit"] = str(rng.choice((20, 50, 50, 100, 200)))
    return params


def next_request(rng: random.Random) -> tuple[str, str, dict[str, str]]:
    """(label, path, query) of a client's next request."""
    roll = rng.random()
    if roll < 0.60:
        return "events", "/api/events", event_params(rng)
    if roll < 0.80:  # the map: a page of markers as the web page asks for them
        params = {**event_params(rng), "format": "geojson", "limit": rng.choice(("200", "500"))}
        return "events geojson", "/api/events", params
    if roll < 0.90:
        params = event_params(rng)
        del params["limit"]
        params.pop("bbox", None)  # the timeline counts the filters without the map view
        return "stats", "/api/stats", params
    return "search", "/api/search", {"q": rng.choice(WORDS), "limit": "20"}


# ---- the clients ------------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)  # the first few errors, to print


async def client(
    http: httpx.AsyncClient, seed: int, stop: float, tally: Tally, think: float
) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        if think:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        label, path, params = next_request(rng)
        started = time.perf_counter()
        try:
            response = await http.get(path, params=params)
            ok = response.status_code == 200
            problem = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as err:
            ok, problem = False, f"{type(err).__name__}: {err}"
        elapsed = (time.perf_counter() - started) * 1000
        tally.latencies.setdefault(label, []).append(elapsed)
        if not ok:
            tally.errors[label] = tally.errors.get(label, 0) + 1
            if len(tally.samples) < 5:
                tally.samples.append(f"{label} {path}?{httpx.QueryParams(params)}: {problem}")


async def load(
    base: str, clients: int, seconds: float, seed: int, think: float = 0.0
) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(30.0)
    async with httpx.AsyncClient(
        base_url=base, limits=limits, timeout=timeout, trust_env=False
    ) as http:
        started = time.monotonic()
        stop = started + seconds
        await asyncio.gather(*(client(http, seed + n, stop, tally, think) for n in range(clients)))
        return tally, time.monotonic() - started


# ---- the report -------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (sorted here)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def report_line(label: str, values: list[float], errors: int, seconds: float) -> str:
    return (
        f"  {label:<16} {len(values):>7,} {errors:>6,} {len(values) / seconds:>8.1f}"
        f" {percentile(values, 0.50):>8.1f} {percentile(values, 0.95):>8.1f}"
        f" {percentile(values, 0.99):>8.1f} {max(values):>8.1f}"
    )


def report(tally: Tally, seconds: float, target_ms: float) -> int:
    print(
        f"  {'endpoint':<16} {'requests':>7} {'errors':>6} {'req/s':>8} {'p50 ms':>8}"
        f" {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    for label in ("events", "events geojson", "stats", "search"):
        if label in tally.latencies:
            print(report_line(label, tally.latencies[label], tally.errors.get(label, 0), seconds))
    filtered = tally.latencies.get("events", []) + tally.latencies.get("events geojson", [])
    everything = [value for values in tally.latencies.values() for value in values]
    errors = sum(tally.errors.values())
    if filtered:
        both = tally.errors.get("events", 0) + tally.errors.get("events geojson", 0)
        print(report_line("events, both", filtered, both, seconds))
    if everything:
        print(report_line("overall", everything, errors, seconds))
    for sample in tally.samples:
        print(f"  error: {sample}")
    if errors:
        print(f"FAILED: {errors:,} errors")
        return 1
    if not filtered:
        print("FAILED: no event queries were made")
        return 1
    p95 = percentile(filtered, 0.95)
    if p95 > target_ms:
        print(f"MISSED: p95 of filtered event queries {p95:.1f} ms, over {target_ms:.0f} ms")
        return 2
    print(f"OK: no errors; p95 of filtered event queries {p95:.1f} ms (target {target_ms:.0f})")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="store to fill once and reuse (default: a temp)")
    parser.add_argument("--events", type=int, default=100_000, help="events the store holds")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the load runs")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--host", default=HOST, help="only 127.0.0.1 is accepted")
    parser.add_argument("--target-ms", type=float, default=100.0, help="p95 to meet")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a client waits between requests"
    )
    args = parser.parse_args()
    if args.host != HOST:
        parser.error(f"--host: this load test runs against {HOST} only, not {args.host!r}")
    if not 0 < args.seconds <= 600 or not 0 < args.clients <= 500:
        parser.error("--seconds must be in (0, 600] and --clients in (0, 500]")
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db if args.db is not None else Path(tmp) / "load.db"
        held = fill(db, args.events)
        port = free_port()
        base = f"http://{HOST}:{port}"
        log = Path(tmp) / "serve.log"
        with server(db, port, log) as child:
            wait_ready(base, child, log)
            print(
                f"rasd serve on {base} (one uvicorn process, anyio's 40 worker threads), "
                f"{held:,} events; {args.clients} clients for {args.seconds:.0f} s, "
                + (f"think time {args.think:g} s" if args.think else "no think time")
            )
            tally, seconds = asyncio.run(
                load(base, args.clients, args.seconds, args.seed, args.think)
            )
            crashed = child.poll() is not None
        if crashed:
            print(f"rasd serve stopped during the load:\n{log.read_text('utf-8')}")
        code = report(tally, seconds, args.target_ms)
    sys.exit(1 if crashed else code)


if __name__ == "__main__":
    main()
